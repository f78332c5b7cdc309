"""The engine registry: one module per engine, listed here in probe order.

Each module defines ``ENGINE``, an instance of its :class:`~.base.Engine` subclass, which
declares everything the rest of unguarded knows about the engine (ports, URI schemes,
nmap names, deploy images, system databases, grouping, intrusion signs, remediation,
what it is tested against). Adding an engine is its module plus one line in
:data:`_MODULES`; ``tests/engines/test_contract.py`` names any piece it lacks.
"""

from __future__ import annotations

from importlib import import_module

from .base import Assessment, Engine, Identity, ScanContext, ScanOptions

_MODULES = (
    "mysql",
    "redis",
    "memcached",
    "mongodb",
    "postgresql",
    "elasticsearch",
    "couchdb",
    "influxdb",
    "zookeeper",
    "s3",
    "clickhouse",
    "etcd",
    "cassandra",
    "solr",
    "neo4j",
    "kibana",
    "chroma",
    "qdrant",
    "weaviate",
    "milvus",
    "jupyter",
    "prometheus",
    "docker",
    "mqtt",
    "nats",
    "rabbitmq",
    "kafka",
    "kubernetes",
)


def all_engines() -> list[Engine]:
    """Every supported engine, instantiated (cheap: engines hold no connections)."""
    engines: list[Engine] = []
    for module in _MODULES:
        mod = import_module(f"{__name__}.{module}")
        engines.append(mod.ENGINE)
    return engines


def by_name(name: str) -> Engine | None:
    """The engine reporting ``name`` (its own name or an alias such as ``opensearch``)."""
    for engine in all_engines():
        if engine.name == name or name in engine.aliases:
            return engine
    return None


__all__ = ["Assessment", "Engine", "Identity", "ScanContext", "ScanOptions", "all_engines", "by_name"]
