"""Operator custom resources that choose a data service's exposure and authentication in one place.

An operator turns a custom resource into Services, routes and the server's own
configuration: the ``Kafka`` resource of Strimzi says in ``spec.kafka.listeners`` both
how a listener is reached (``type: internal``, ``nodeport``, ``loadbalancer``,
``route``, ``ingress``) and whether clients must authenticate (``authentication``). The
Services the operator creates are not in the repository, so the resource is judged
itself. Both listener forms are read: the array of Strimzi 0.20 and later, and the
older map of ``plain``, ``tls`` and ``external`` listeners.

Zalando's postgres-operator ``postgresql`` resource asks for load balancers with
``enableMasterLoadBalancer`` (and the replica and pooler variants) and limits them with
``allowedSourceRanges``, which the operator sets to ``127.0.0.1/32`` when it is not given.

KubeRay's ``RayCluster``, ``RayService`` (``spec.rayClusterConfig``) and ``RayJob``
(``spec.rayClusterSpec``) choose how the Ray head is reached in
``headGroupSpec.serviceType`` and name the head Service (``<cluster>-head-svc`` unless
``headGroupSpec.headService.metadata.name`` says otherwise). Ray has no authentication
unless token authentication is on (Ray 2.52 and later): ``authOptions.mode: token``
(KubeRay 1.5.1 and later) or ``RAY_AUTH_MODE=token`` in the head container's env.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .containers import kube_objects
from .yamlines import YMap


@dataclass(frozen=True)
class StrimziListener:
    """One listener: ``authentication`` is its type (``scram-sha-512``, ``tls``, ...), None when absent."""

    name: str
    type: str
    line: int
    tls: bool
    authentication: str | None
    #: the pre-0.20 ``listeners.external`` map form
    legacy: bool = False


@dataclass(frozen=True)
class StrimziKafka:
    """A ``kafka.strimzi.io`` ``Kafka`` resource: its name, listeners and authorization type."""

    path: Path
    name: str
    line: int
    listeners: tuple[StrimziListener, ...]
    authorization: str | None


@dataclass(frozen=True)
class ZalandoPostgres:
    """A ``acid.zalan.do`` ``postgresql`` resource: the load balancers it enables (key, line) and
    its ``allowedSourceRanges`` (None when not written: the operator then allows 127.0.0.1/32 only)."""

    path: Path
    name: str
    load_balancers: tuple[tuple[str, int], ...]
    source_ranges: tuple[str, ...] | None
    source_ranges_line: int


@dataclass(frozen=True)
class KubeRayCluster:
    """A KubeRay ``RayCluster``, ``RayService`` or ``RayJob``: how its Ray head is exposed.

    ``head_service`` is the name KubeRay gives the head Service, '' when it cannot be known
    from the file (a RayJob's cluster name is generated). ``spec`` is where the cluster spec
    sits (``spec``, ``spec.rayClusterConfig``, ``spec.rayClusterSpec``), for the messages.
    """

    path: Path
    kind: str
    name: str
    namespace: str
    line: int
    spec: str
    #: headGroupSpec.serviceType as written ('' when absent: KubeRay's default is ClusterIP)
    service_type: str
    service_type_line: int
    head_service: str
    #: the head Service's ports that lead to the dashboard/job API and the Ray client (numbers and names)
    control_ports: frozenset[str]
    #: ``headGroupSpec.enableIngress: true`` makes KubeRay create an Ingress to the dashboard (its line), else 0
    enable_ingress_line: int
    #: Ray token authentication is on (authOptions.mode: token, or RAY_AUTH_MODE=token on the head container)
    token_auth: bool


#: where each KubeRay kind keeps its RayClusterSpec
_RAY_CLUSTER_SPEC = {"RayCluster": (), "RayService": ("rayClusterConfig",), "RayJob": ("rayClusterSpec",)}

#: the head ports that run code for whoever reaches them: dashboard and job API, Ray client
_RAY_CONTROL_PORTS = frozenset({"8265", "10001", "dashboard", "client"})


def kuberay_from_docs(path: Path, docs: list[Any]) -> list[KubeRayCluster]:
    """Every KubeRay resource among the documents that carries a cluster spec (a RayJob may select one instead)."""
    found = []
    for doc in kube_objects(docs):
        kind = str(doc.get("kind", ""))
        keys = _RAY_CLUSTER_SPEC.get(kind)
        if keys is None or not str(doc.get("apiVersion", "")).startswith("ray.io/"):
            continue
        spec = doc.map("spec")
        for key in keys:
            spec = spec.map(key)
        if "headGroupSpec" in spec:
            found.append(_kuberay(path, kind, doc, spec, ".".join(("spec", *keys))))
    return found


def _kuberay(path: Path, kind: str, doc: YMap, spec: YMap, where: str) -> KubeRayCluster:
    metadata, head = doc.map("metadata"), spec.map("headGroupSpec")
    name = str(metadata.get("name", ""))
    explicit = str(head.map("headService").map("metadata").get("name") or "")
    # a RayCluster's head Service is <name>-head-svc; a RayService keeps one of its own of that
    # name in front of whichever generated cluster is active; a RayJob's cluster name is generated
    head_service = explicit or (f"{name}-head-svc" if name and kind != "RayJob" else "")
    # KubeRay runs Ray in the first container; its ports make the head Service's, its env is Ray's
    containers = [c for c in head.map("template").map("spec").list("containers")[:1] if isinstance(c, YMap)]
    ports = set(_RAY_CONTROL_PORTS)
    for container in containers:
        for port in container.list("ports"):
            if isinstance(port, YMap) and str(port.get("name", "")) in {"dashboard", "client"}:
                ports.add(str(port.get("containerPort", "")))
    env_token = any(
        isinstance(e, YMap) and e.get("name") == "RAY_AUTH_MODE" and str(e.get("value", "")).strip().lower() == "token"
        for c in containers
        for e in c.list("env")
    )
    token = env_token or str(spec.map("authOptions").get("mode", "")).strip().lower() == "token"
    return KubeRayCluster(
        path,
        kind,
        name,
        str(metadata.get("namespace") or ""),
        doc.line,
        where,
        str(head.get("serviceType") or ""),
        head.line_of("serviceType"),
        head_service,
        frozenset(ports),
        head.line_of("enableIngress") if head.get("enableIngress") is True else 0,
        token,
    )


#: the switches that make the operator create a Service of type LoadBalancer
ZALANDO_LOAD_BALANCERS = (
    "enableMasterLoadBalancer",
    "enableReplicaLoadBalancer",
    "enableMasterPoolerLoadBalancer",
    "enableReplicaPoolerLoadBalancer",
)


def zalando_from_docs(path: Path, docs: list[Any]) -> list[ZalandoPostgres]:
    """Every Zalando postgres-operator ``postgresql`` resource among the documents."""
    found = []
    for doc in kube_objects(docs):
        if not str(doc.get("apiVersion", "")).startswith("acid.zalan.do/") or doc.get("kind") != "postgresql":
            continue
        spec = doc.map("spec")
        enabled = tuple((key, spec.line_of(key)) for key in ZALANDO_LOAD_BALANCERS if spec.get(key) is True)
        raw = spec.get("allowedSourceRanges")
        ranges = tuple(str(r) for r in spec.list("allowedSourceRanges")) if raw is not None else None
        name = str(doc.map("metadata").get("name", ""))
        found.append(ZalandoPostgres(path, name, enabled, ranges, spec.line_of("allowedSourceRanges")))
    return found


def operator_resources(path: Path, docs: list[Any]) -> list[object]:
    """The operator resources this audit judges, in document order per operator."""
    return [*strimzi_from_docs(path, docs), *zalando_from_docs(path, docs), *kuberay_from_docs(path, docs)]


def strimzi_from_docs(path: Path, docs: list[Any]) -> list[StrimziKafka]:
    """Every Strimzi ``Kafka`` resource among the documents (``List`` items included)."""
    return [_kafka(path, doc) for doc in kube_objects(docs) if _is_strimzi_kafka(doc)]


def _is_strimzi_kafka(doc: YMap) -> bool:
    return str(doc.get("apiVersion", "")).startswith("kafka.strimzi.io/") and doc.get("kind") == "Kafka"


def _authentication(listener: YMap) -> str | None:
    """The authentication type; a block without a readable type still counts as authentication."""
    auth = listener.get("authentication")
    if isinstance(auth, YMap) and auth:
        return str(auth.get("type") or "unknown")
    return None


def _kafka(path: Path, doc: YMap) -> StrimziKafka:
    kafka = doc.map("spec").map("kafka")
    raw = kafka.get("listeners")
    listeners: list[StrimziListener] = []
    if isinstance(raw, YMap):  # Strimzi before 0.20: plain and tls are internal, external has a type
        external = raw.get("external")
        if isinstance(external, YMap):
            tls = external.get("tls") is not False  # the old external listener defaulted to TLS
            listeners.append(
                StrimziListener(
                    "external",
                    str(external.get("type", "")).lower(),
                    raw.line_of("external"),
                    tls,
                    _authentication(external),
                    legacy=True,
                )
            )
    else:
        items = kafka.list("listeners")
        for i, item in enumerate(items):
            if isinstance(item, YMap):
                listeners.append(
                    StrimziListener(
                        str(item.get("name", "")),
                        str(item.get("type", "")).lower(),
                        items.line_at(i),
                        item.get("tls") is True,
                        _authentication(item),
                    )
                )
    authorization = kafka.get("authorization")
    kind = str(authorization.get("type") or "unknown") if isinstance(authorization, YMap) and authorization else None
    return StrimziKafka(path, str(doc.map("metadata").get("name", "")), doc.line, tuple(listeners), kind)
