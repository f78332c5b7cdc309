"""KubeRay: a Ray head reachable from outside the cluster without token authentication.

Ray has no authentication unless token authentication is turned on (Ray 2.52 and
later). Whoever reaches the head's dashboard and job API (8265) or the Ray client port
(10001) submits jobs that run code on every node and read whatever the cluster can read:
the ShadowRay attacks on CVE-2023-48022, which Ray's maintainers answer by saying the
head must not be reachable from untrusted networks. KubeRay writes that exposure in one
place of the ``RayCluster``, ``RayService`` or ``RayJob``: ``headGroupSpec.serviceType``
(NodePort or LoadBalancer), ``headGroupSpec.enableIngress``, or an Ingress in the same
folder that names the head Service KubeRay creates (:func:`unguarded.config_audit._ingress.ray_heads`).

An Ingress to a RayService's serve Service (``<name>-serve-svc``, port 8000) is not
reported: it reaches the Serve application the RayService exists to publish, not the
dashboard or the job API.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._ingress import RayHead, RayIngress
from .._parse.operators import KubeRayCluster
from .._rule import ConfigRule, Hit, Related, RuleCategory
from .kubernetes import INGRESS, SERVICE, ingress_guarded

SECURITY = "https://docs.ray.io/en/latest/ray-security/index.html"
KUBERAY_AUTH = "https://docs.ray.io/en/latest/cluster/kubernetes/user-guides/kuberay-auth.html"
KUBERAY_API = "https://docs.ray.io/en/latest/cluster/kubernetes/references/api.html"
CVE = "https://nvd.nist.gov/vuln/detail/CVE-2023-48022"

_WHY = (
    "Ray token authentication is not on (no authOptions.mode: token, no RAY_AUTH_MODE=token on the head "
    "container), so anyone who reaches the dashboard and job API (8265) or the Ray client (10001) submits jobs "
    "that run code on every node and read whatever the cluster can read (CVE-2023-48022, ShadowRay)"
)


def _what(cluster: KubeRayCluster) -> str:
    return f"{cluster.kind} '{cluster.name}'"


def _auth_step(cluster: KubeRayCluster) -> str:
    return (
        f"on Ray 2.52 or later: {cluster.spec}.authOptions: {{mode: token}} (KubeRay 1.5.1 or later), or env "
        "RAY_AUTH_MODE=token with RAY_AUTH_TOKEN from a Secret on every Ray container"
    )


def _port_forward(cluster: KubeRayCluster) -> str:
    service = cluster.head_service or "<cluster>-head-svc"
    return f"kubectl port-forward svc/{service} 8265:8265"


def _service_type(cluster: KubeRayCluster) -> Iterator[Hit]:
    kind = cluster.service_type
    if kind not in {"NodePort", "LoadBalancer"}:
        return
    where = "on every node's addresses" if kind == "NodePort" else "on a load balancer"
    line = cluster.service_type_line
    yield Hit(
        line,
        f"{_what(cluster)}: headGroupSpec.serviceType: {kind} puts the Ray head {where}, and {_WHY}",
        path=cluster.path,
        fix=(
            f"line {line}: serviceType: ClusterIP (KubeRay's default), and reach the dashboard with "
            f"{_port_forward(cluster)}, or put an authenticating proxy (oauth2-proxy, kube-rbac-proxy) in front",
            _auth_step(cluster),
        ),
    )


def _enable_ingress(cluster: KubeRayCluster) -> Iterator[Hit]:
    line = cluster.enable_ingress_line
    if not line:
        return
    yield Hit(
        line,
        f"{_what(cluster)}: headGroupSpec.enableIngress: true makes KubeRay create an Ingress to the Ray "
        f"dashboard and job API, and {_WHY}",
        path=cluster.path,
        fix=(
            f"line {line}: remove enableIngress (reach the dashboard with {_port_forward(cluster)}), or write the "
            "Ingress yourself with authentication in front (nginx.ingress.kubernetes.io/auth-url to an OAuth2 proxy)",
            _auth_step(cluster),
        ),
    )


def _ingress(cluster: KubeRayCluster, found: RayIngress) -> Iterator[Hit]:
    ingress, backend = found.ingress, found.backend
    if ingress_guarded(ingress):
        return
    proxy = "router" if ingress.kind == "Route" else "ingress controller"
    yield Hit(
        backend.line,
        f"{ingress.kind} '{ingress.name}' routes {backend.route} to Service '{backend.service}' port {backend.port}, "
        f"the head of {_what(cluster)} ({cluster.path.name}); anyone who reaches the {proxy} reaches Ray, and {_WHY}",
        path=found.path,
        fix=(
            f"line {backend.line}: remove this path and reach the dashboard with {_port_forward(cluster)}, or put "
            "authentication in front of it (nginx.ingress.kubernetes.io/auth-url to an OAuth2 proxy, or the "
            "controller's equivalent)",
            f"{cluster.path.name}: {_auth_step(cluster)}",
        ),
        related=(Related(cluster.path, cluster.line, f"{_what(cluster)} creates Service '{cluster.head_service}'"),),
    )


def _ray_head_open(head: RayHead) -> Iterator[Hit]:
    cluster = head.cluster
    if cluster.token_auth:
        return
    yield from _service_type(cluster)
    yield from _enable_ingress(cluster)
    for found in head.ingresses:
        yield from _ingress(cluster, found)


RULES = (
    ConfigRule(
        id="UG-K8S-008",
        title="KubeRay exposes a Ray head without authentication outside the cluster",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A RayCluster, RayService or RayJob puts its Ray head on a NodePort or LoadBalancer "
        "(headGroupSpec.serviceType), behind an Ingress KubeRay creates (enableIngress) or behind an Ingress "
        "or Route in the same folder that names the head Service on the dashboard or client port, and Ray "
        "token authentication is off: anyone who reaches it runs code on every node of the cluster and reads "
        "whatever it can read (CVE-2023-48022). Critical, like an open database on a public LoadBalancer "
        "(UG-K8S-001): Ray has no authentication unless it is turned on.",
        remediation=Remediation(
            summary="Keep the Ray head on ClusterIP and reach it with kubectl port-forward or an authenticating "
            "proxy; turn on Ray token authentication where the Ray version has it.",
            steps=(
                "headGroupSpec.serviceType: ClusterIP (the default), then kubectl port-forward svc/<cluster>-head-svc 8265:8265",
                "an authenticating proxy (oauth2-proxy, kube-rbac-proxy) in front of the dashboard instead of a bare Ingress path",
                "Ray 2.52 or later: authOptions: {mode: token} (KubeRay 1.5.1 or later), or RAY_AUTH_MODE=token "
                "with RAY_AUTH_TOKEN from a Secret on every Ray container",
            ),
            references=(SECURITY, KUBERAY_AUTH, KUBERAY_API, CVE, SERVICE, INGRESS),
        ),
        reads=RayHead,
        check=_ray_head_open,
    ),
)
