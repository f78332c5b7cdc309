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
    return [*strimzi_from_docs(path, docs), *zalando_from_docs(path, docs)]


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
