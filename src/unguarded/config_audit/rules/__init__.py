"""The rule registry: one module per engine, each defining ``RULES``, a tuple of :class:`ConfigRule`.

Loading validates everything once: the metadata (pydantic, at import), that every
``RULES`` entry is a rule, and that ids are unique. A broken rule stops the run with a
message naming the module and the field, never with a half-loaded rule set.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module

from pydantic import ValidationError

from .._rule import ConfigRule, RuleLoadError

MODULES = (
    "mongodb",
    "redis",
    "postgresql",
    "mysql",
    "elasticsearch",
    "memcached",
    "couchdb",
    "influxdb",
    "clickhouse",
    "etcd",
    "cassandra",
    "solr",
    "neo4j",
    "compose",
    "kubernetes",
    "terraform",
    "zookeeper",
    "s3",
    "azure_storage",
    "qdrant",
    "jupyter",
    "prometheus",
    "docker",
    "mqtt",
    "nats",
    "rabbitmq",
    "unparsable",
    "deployed",
    "kubelet",
    "kafka",
    "kuberay",
)


@cache
def all_rules() -> tuple[ConfigRule, ...]:
    """Every rule, in module order; raises :class:`RuleLoadError` on a malformed one."""
    rules: list[ConfigRule] = []
    for name in MODULES:
        rules.extend(load_module(f"{__name__}.{name}"))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleLoadError(f"rule id {rule.id} is defined twice")
        seen.add(rule.id)
    return tuple(rules)


def load_module(module: str) -> tuple[ConfigRule, ...]:
    """The validated ``RULES`` of one module."""
    try:
        rules = getattr(import_module(module), "RULES", None)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "rule"
        raise RuleLoadError(f"{module}: invalid rule ({where}: {first['msg']})") from exc
    if not isinstance(rules, tuple) or not all(isinstance(r, ConfigRule) for r in rules):
        raise RuleLoadError(f"{module}: RULES must be a tuple of ConfigRule objects")
    return rules


def rule_by_id(rule_id: str) -> ConfigRule | None:
    return next((r for r in all_rules() if r.id == rule_id), None)


__all__ = ["MODULES", "all_rules", "load_module", "rule_by_id"]
