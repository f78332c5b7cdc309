"""Kubernetes manifests (plain or Helm-rendered): the ways a database leaves the cluster.

An external LoadBalancer, a NodePort, a ``hostPort`` or ``hostNetwork`` put a
database on addresses outside the cluster network. Services are matched to the
workloads of the same file by their selector; what those containers are configured
with decides whether it is open (:mod:`unguarded.config_audit._defaults`).

An Ingress is the same way out for an HTTP data service: it routes outside requests to
a (usually ClusterIP) Service, joined to its pods over the manifests of the Ingress's
folder (:mod:`unguarded.config_audit._ingress`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...models import Remediation, Severity
from .._container_facts import OpenDefault
from .._defaults import open_default
from .._fixes import auth_in_container
from .._ingress import IngressRoute, ServedPod
from .._net import is_world
from .._parse.containers import Container, KubeIngress, KubeManifest, KubeService, Workload
from .._parse.operators import ZalandoPostgres
from .._ports import DB_PORTS
from .._recognise import PORT_EVIDENCE, WEB_APP_PORTS
from .._rule import ConfigRule, Hit, Related, RuleCategory

SERVICE = "https://kubernetes.io/docs/concepts/services-networking/service/"
INTERNAL_LB = "https://kubernetes.io/docs/concepts/services-networking/service/#internal-load-balancer"
PSS = "https://kubernetes.io/docs/concepts/security/pod-security-standards/"
CONFIG = "https://kubernetes.io/docs/concepts/configuration/overview/"
INGRESS = "https://kubernetes.io/docs/concepts/services-networking/ingress/"
NGINX_AUTH = "https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#authentication"
OPENSHIFT_ROUTE = "https://docs.openshift.com/container-platform/latest/networking/routes/route-configuration.html"
ZALANDO_LB = (
    "https://github.com/zalando/postgres-operator/blob/master/docs/administrator.md"
    "#load-balancers-and-allowed-ip-ranges"
)
ALB = "https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/"

#: annotation -> values that make a cloud load balancer internal
INTERNAL_ANNOTATIONS: dict[str, frozenset[str]] = {
    "service.beta.kubernetes.io/aws-load-balancer-internal": frozenset({"true", "0.0.0.0/0"}),
    "service.beta.kubernetes.io/aws-load-balancer-scheme": frozenset({"internal"}),
    "networking.gke.io/load-balancer-type": frozenset({"internal"}),
    "cloud.google.com/load-balancer-type": frozenset({"internal"}),
    "service.beta.kubernetes.io/azure-load-balancer-internal": frozenset({"true"}),
    "service.beta.kubernetes.io/oci-load-balancer-internal": frozenset({"true"}),
    "service.beta.kubernetes.io/openstack-internal-load-balancer": frozenset({"true"}),
    "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": frozenset({"intranet"}),
    "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": frozenset({"private"}),
}


_INTERNAL = "internal"


@dataclass(frozen=True)
class _WayIn:
    kind: str  # "LoadBalancer", "NodePort", "internal" or "host"
    line: int
    how: str
    open: OpenDefault | None
    engine: str | None = None  # the open container's engine, for its fix

    def fix(self) -> tuple[str, ...]:
        """The line that opens the way in, and (when open) the setting that gives this engine a password."""
        if self.kind == "host":
            steps = [
                f"line {self.line}: remove it (hostPort / hostNetwork); reach the database through a ClusterIP Service"
            ]
        elif self.kind == _INTERNAL:
            steps = [f"line {self.line}: type: ClusterIP, unless clients outside the cluster need it"]
        else:
            steps = [
                f"line {self.line}: type: ClusterIP   (or an internal load balancer annotation, or "
                "loadBalancerSourceRanges)"
            ]
        if self.open is not None:
            step = auth_in_container(self.engine, self.open.line)
            steps.append(step.replace("environment: ", "env: ").replace("${REDIS_PASSWORD}", "$(REDIS_PASSWORD)"))
        return tuple(steps)


def is_internal(service: KubeService) -> bool:
    if any(service.annotations.get(k, "").lower() in values for k, values in INTERNAL_ANNOTATIONS.items()):
        return True
    return bool(service.source_ranges) and not any(is_world(r) for r in service.source_ranges)


def _db_containers(workloads: list[Workload]) -> list[Container]:
    return [c for w in workloads for c in w.containers if c.engine]


def _service_db_ports(
    service: KubeService, containers: list[Container], apps_only: bool = False, pods_elsewhere: bool = False
) -> list[int]:
    """Service ports that lead to a database: by number, or to a database container's port.

    When the pods it selects are in the file and none runs a database (``apps_only``), a
    number counts only if it says "a database" alone (5432, not 8000: every web app's). When
    they are in another file (``pods_elsewhere``), a number that is as often a web app's
    (8000, 9000) does not count either: nothing here says which of the two it is."""
    known = {str(p.port) for c in containers for p in c.ports} | {p.name for c in containers for p in c.ports if p.name}
    numbers: frozenset[int] | dict[int, tuple[str, ...]] = PORT_EVIDENCE if apps_only else DB_PORTS
    if pods_elsewhere:
        numbers = frozenset(DB_PORTS) - WEB_APP_PORTS
    found = []
    for port in service.ports:
        by_number = port.port in numbers or (port.target.isdigit() and int(port.target) in numbers)
        if by_number or (containers and (port.target in known or not known)):
            found.append(port.port)
    return found


def _first_open(containers: list[Container]) -> tuple[OpenDefault | None, str | None]:
    for container in containers:
        found = open_default(container)
        if found is not None:
            return found, container.engine
    return None, None


def _ways_in(manifest: KubeManifest) -> Iterator[_WayIn]:
    for service in manifest.services:
        if service.type not in {"LoadBalancer", "NodePort"}:
            continue
        internal = service.type == "LoadBalancer" and is_internal(service)
        selected = manifest.selected(service)
        containers = _db_containers(selected)
        apps_only = not containers and any(w.containers for w in selected)
        ports = _service_db_ports(service, containers, apps_only, pods_elsewhere=not selected)
        if ports:
            how = f"Service '{service.name}' of type {service.type} exposes port {', '.join(map(str, ports))}"
            if internal:
                how += " on an internal load balancer"
            yield _WayIn(_INTERNAL if internal else service.type, service.type_line, how, *_first_open(containers))
    for workload in manifest.workloads:
        for container in workload.containers:
            host_ports = [p for p in container.ports if p.host_port and (container.engine or p.port in DB_PORTS)]
            if workload.host_network_line is not None and container.engine:
                how = f"{workload.kind} '{workload.name}' runs {container.image} with hostNetwork: true"
                yield _WayIn("host", workload.host_network_line, how, open_default(container), container.engine)
            elif host_ports:
                how = f"{workload.kind} '{workload.name}' maps container port {host_ports[0].port} to hostPort {host_ports[0].host_port}"
                yield _WayIn("host", host_ports[0].line, how, open_default(container), container.engine)


def _hits(manifest: KubeManifest, kind: str | None, want_open: bool, suffix: str) -> Iterator[Hit]:
    for way in _ways_in(manifest):
        if (way.open is not None) == want_open and (kind is None or way.kind == kind):
            reason = f", and {way.open.reason} (line {way.open.line})" if way.open else suffix
            yield Hit(way.line, way.how + reason, fix=way.fix())


#: engines that answer HTTP, the only protocol an Ingress routes (Redis or PostgreSQL behind one do not work)
HTTP_ENGINES = frozenset(
    {
        "elasticsearch",
        "opensearch",
        "solr",
        "prometheus",
        "couchdb",
        "influxdb",
        "clickhouse",
        "qdrant",
        "chroma",
        "weaviate",
        "milvus",
        "trino",
        "neo4j",
        "etcd",
        "minio",
        "jupyter",
    }
)

#: annotations that put authentication in front of every path of the Ingress (value None: any value)
INGRESS_AUTH: dict[str, frozenset[str] | None] = {
    "nginx.ingress.kubernetes.io/auth-type": None,
    "nginx.ingress.kubernetes.io/auth-url": None,
    "nginx.ingress.kubernetes.io/auth-tls-verify-client": frozenset({"on"}),
    "alb.ingress.kubernetes.io/auth-type": frozenset({"cognito", "oidc"}),
    # a Traefik middleware chain may be basicAuth or forwardAuth: it is not in the Ingress to judge
    "traefik.ingress.kubernetes.io/router.middlewares": None,
}

#: annotations that limit which client addresses the controller accepts
INGRESS_SOURCE_RANGES = (
    "nginx.ingress.kubernetes.io/whitelist-source-range",
    "nginx.ingress.kubernetes.io/allowlist-source-range",
    # OpenShift routes: space-separated addresses and CIDRs (ip_allowlist since 4.14)
    "haproxy.router.openshift.io/ip_whitelist",
    "haproxy.router.openshift.io/ip_allowlist",
)


#: the setting that gives an HTTP engine authentication, for those the shared table does not name
_HTTP_AUTH: dict[str, str] = {
    "prometheus": "args: --web.config.file=/etc/prometheus/web.yml, a file with basic_auth_users mounted from a Secret",
    "solr": "mount a security.json with the BasicAuthPlugin (or set SOLR_AUTH_TYPE=basic and SOLR_AUTHENTICATION_OPTS)",
    "etcd": "args: --client-cert-auth with --trusted-ca-file (or etcdctl auth enable after creating root)",
    "milvus": "common.security.authorizationEnabled: true in a mounted user.yaml, then change the root password",
}


def _http_auth_step(engine: str | None, line: int) -> str:
    step = _HTTP_AUTH.get(engine or "")
    if step is not None:
        return f"line {line}: {step}"
    return auth_in_container(engine, line).replace("environment: ", "env: ")


def ingress_guarded(ingress: KubeIngress) -> bool:
    """Authentication in front, a source allowlist without the world, or a controller that is internal.

    The AWS Load Balancer Controller makes an internal ALB unless ``scheme: internet-facing``;
    ``gce-internal`` is GKE's internal class.
    """
    notes = ingress.annotations
    for key, values in INGRESS_AUTH.items():
        value = notes.get(key, "").strip().lower()
        if value and (values is None or value in values):
            return True
    for key in INGRESS_SOURCE_RANGES:
        ranges = notes.get(key, "").replace(",", " ").split()
        if ranges and not any(is_world(r) for r in ranges):
            return True
    klass = ingress.class_name.lower()
    if klass == "alb" and notes.get("alb.ingress.kubernetes.io/scheme", "internal").lower() != "internet-facing":
        return True
    return klass == "gce-internal"


def _open_http(route: IngressRoute) -> tuple[ServedPod, OpenDefault] | None:
    for pod in route.containers:
        if pod.container.engine in HTTP_ENGINES:
            found = open_default(pod.container)
            if found is not None:
                return pod, found
    return None


def _ingress_to_open(route: IngressRoute) -> Iterator[Hit]:
    if ingress_guarded(route.ingress):
        return
    found = _open_http(route)
    if found is None:
        return
    pod, why = found
    backend, service, c = route.backend, route.service, pod.container
    port = f" port {backend.port}" if backend.port else ""
    where = pod.path.name if pod.path != route.path else "this file"
    auth = _http_auth_step(c.engine, why.line)
    yield Hit(
        backend.line,
        f"{route.ingress.kind} '{route.ingress.name}' routes {backend.route} to Service '{service.name}'{port}, whose "
        f"{pod.workload.kind} '{pod.workload.name}' runs {c.image or c.name}: {why.reason} (line {why.line} of "
        f"{where}); anyone who reaches the {'router' if route.ingress.kind == 'Route' else 'ingress controller'} "
        "gets the data",
        fix=(
            f"line {backend.line}: delete the Route, or send it to an authenticating proxy (oauth-proxy) in front "
            "of the Service"
            if route.ingress.kind == "Route"
            else f"line {backend.line}: remove this path, or put authentication in front of it "
            "(nginx.ingress.kubernetes.io/auth-type: basic with auth-secret, or auth-url to an OAuth2 proxy)",
            f"{pod.path.name} {auth}",
        ),
        related=(
            Related(route.service_path, service.line, f"Service '{service.name}' selects the pods"),
            Related(pod.path, why.line, why.reason),
        ),
    )


def _zalando_open_load_balancer(pg: ZalandoPostgres) -> Iterator[Hit]:
    """Only ``allowedSourceRanges`` with a world range: the operator's own default is 127.0.0.1/32."""
    world = [r for r in pg.source_ranges or () if is_world(r)]
    if not world:
        return
    for key, line in pg.load_balancers:
        yield Hit(
            line,
            f"postgres-operator cluster '{pg.name}': {key}: true with allowedSourceRanges {world[0]} (line "
            f"{pg.source_ranges_line}) puts PostgreSQL on a load balancer every address reaches; the "
            "operator's users have generated passwords, so this is a login prompt on the internet",
            fix=(
                f"line {pg.source_ranges_line}: allowedSourceRanges: [<your clients' CIDR>] instead of {world[0]}",
                f"line {line}: {key}: false, unless clients outside the cluster need it",
            ),
            related=(Related(pg.path, pg.source_ranges_line, f"allowedSourceRanges includes {world[0]}"),),
        )


def _open_and_exposed(manifest: KubeManifest) -> Iterator[Hit]:
    for way in _ways_in(manifest):
        if way.open is not None and way.kind != _INTERNAL:
            yield Hit(way.line, f"{way.how}, and {way.open.reason} (line {way.open.line})", fix=way.fix())


def _open_on_internal_load_balancer(manifest: KubeManifest) -> Iterator[Hit]:
    return _hits(manifest, _INTERNAL, True, "")


def _load_balancer(manifest: KubeManifest) -> Iterator[Hit]:
    return _hits(
        manifest, "LoadBalancer", False, " on a public load balancer (no internal annotation, no source ranges)"
    )


def _node_port(manifest: KubeManifest) -> Iterator[Hit]:
    return _hits(manifest, "NodePort", False, " on every node's addresses")


def _host_port(manifest: KubeManifest) -> Iterator[Hit]:
    return _hits(manifest, "host", False, ": the database answers on the node's own addresses")


_CLUSTER_IP = "type: ClusterIP   (clients inside the cluster use the Service name)"

RULES = (
    ConfigRule(
        id="UG-K8S-001",
        title="Kubernetes exposes a database that is open by default outside the cluster",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A LoadBalancer, NodePort, hostPort or hostNetwork puts the database on addresses outside "
        "the cluster, and its container runs without a password as configured: anyone who reaches them gets "
        "the data.",
        remediation=Remediation(
            summary="Keep the database on a ClusterIP Service and configure authentication.",
            steps=(
                _CLUSTER_IP,
                "for a cloud load balancer, add the internal annotation (e.g. networking.gke.io/load-balancer-type: Internal)",
                "set the password from a Secret (MONGO_INITDB_ROOT_PASSWORD, --requirepass, POSTGRES_PASSWORD, ...)",
            ),
            references=(SERVICE, INTERNAL_LB, PSS),
        ),
        reads=KubeManifest,
        check=_open_and_exposed,
    ),
    ConfigRule(
        id="UG-K8S-002",
        title="Kubernetes LoadBalancer exposes a database port publicly",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="A Service of type LoadBalancer without an internal-load-balancer annotation or "
        "loadBalancerSourceRanges gets a public address in front of a database port.",
        remediation=Remediation(
            summary="Use ClusterIP, an internal load balancer, or restrict source ranges.",
            steps=(
                _CLUSTER_IP,
                'metadata.annotations: service.beta.kubernetes.io/aws-load-balancer-internal: "true"   (or the GKE/AKS equivalent)',
                "spec.loadBalancerSourceRanges: [10.0.0.0/8]",
            ),
            references=(INTERNAL_LB, SERVICE),
        ),
        reads=KubeManifest,
        check=_load_balancer,
    ),
    ConfigRule(
        id="UG-K8S-003",
        title="Kubernetes NodePort exposes a database port",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="A NodePort Service opens the database on every node's addresses, which are often public "
        "or reachable from outside the cluster network. High, like a compose port published on every "
        "interface (UG-COMPOSE-002) or a security group open to 0.0.0.0/0 (UG-TF-001): the same exposure "
        "written in another file, and the Service rarely shows whether the pods behind it ask for a password.",
        remediation=Remediation(summary="Use a ClusterIP Service.", steps=(_CLUSTER_IP,), references=(SERVICE,)),
        reads=KubeManifest,
        check=_node_port,
    ),
    ConfigRule(
        id="UG-K8S-004",
        title="Database container uses hostPort or hostNetwork",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="hostPort and hostNetwork bind the database to the node's own interfaces, bypassing "
        "Services and NetworkPolicies; the Baseline Pod Security Standard forbids both. High for the same "
        "reason as UG-K8S-003: the node's address is reachable from wherever the node is.",
        remediation=Remediation(
            summary="Remove hostPort/hostNetwork and reach the database through a ClusterIP Service.",
            steps=("delete hostPort: from the container's ports", "delete hostNetwork: true from the pod spec"),
            references=(PSS, CONFIG),
        ),
        reads=KubeManifest,
        check=_host_port,
    ),
    ConfigRule(
        id="UG-K8S-005",
        title="Kubernetes puts an open database on an internal load balancer",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="An internal load balancer (or one limited by source ranges) puts the database on the "
        "private network outside the cluster, and its container runs without a password as configured: every "
        "machine on that network, and anyone who gets onto it, has the data.",
        remediation=Remediation(
            summary="Configure authentication; keep the Service ClusterIP unless clients outside the cluster need it.",
            steps=(
                "set the password from a Secret (MONGO_INITDB_ROOT_PASSWORD, --requirepass, POSTGRES_PASSWORD, ...)",
                _CLUSTER_IP,
            ),
            references=(SERVICE, INTERNAL_LB),
        ),
        reads=KubeManifest,
        check=_open_on_internal_load_balancer,
    ),
    ConfigRule(
        id="UG-K8S-006",
        title="Kubernetes Ingress routes to an HTTP database that is open by default",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="An Ingress (or an OpenShift Route) sends requests from outside the cluster to a Service whose pods run an HTTP data "
        "service (Elasticsearch before 8, Prometheus, Solr, Qdrant without an API key, ...) without a password "
        "as configured, and no authentication annotation stands in front: the same exposure as a public "
        "LoadBalancer (UG-K8S-001), written as a path.",
        remediation=Remediation(
            summary="Remove the path, or authenticate in front of it and in the service itself.",
            steps=(
                "remove the Ingress path if clients outside the cluster need not reach the service",
                "nginx.ingress.kubernetes.io/auth-type: basic with nginx.ingress.kubernetes.io/auth-secret, or "
                "auth-url to an OAuth2 proxy (or the controller's equivalent)",
                "configure the service's own authentication (xpack.security.enabled=true, --web.config.file, "
                "security.json, QDRANT__SERVICE__API_KEY, ...)",
            ),
            references=(INGRESS, NGINX_AUTH, ALB, OPENSHIFT_ROUTE),
        ),
        reads=IngressRoute,
        check=_ingress_to_open,
    ),
    ConfigRule(
        id="UG-K8S-007",
        title="postgres-operator load balancer admits every address",
        severity=Severity.MEDIUM,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="A Zalando postgres-operator cluster enables a master, replica or pooler load balancer and "
        "sets allowedSourceRanges to include 0.0.0.0/0: PostgreSQL answers every internet address. Medium, like "
        "a published port of a password-protected image (UG-COMPOSE-002): the operator creates its users with "
        "generated passwords, so the exposure is a login prompt, not open data. Without allowedSourceRanges "
        "the operator allows only 127.0.0.1/32 and nothing is reported.",
        remediation=Remediation(
            summary="Limit allowedSourceRanges to the clients' networks, or keep the load balancer off.",
            steps=(
                "spec.allowedSourceRanges: [<your clients' CIDR>]",
                "enableMasterLoadBalancer: false (and the replica and pooler switches), connecting from inside",
            ),
            references=(ZALANDO_LB, INTERNAL_LB),
        ),
        reads=ZalandoPostgres,
        check=_zalando_open_load_balancer,
    ),
)
