"""Qdrant: config.yaml without an API key while listening on every interface."""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.qdrant import QdrantConfig
from .._rule import ConfigRule, Hit, RuleCategory

SECURITY = "https://qdrant.tech/documentation/guides/security/"
CONFIGURATION = "https://qdrant.tech/documentation/guides/configuration/"


def _open(conf: QdrantConfig) -> Iterator[Hit]:
    key = conf.get("service.api_key")
    if key is not None and key.value.strip():
        return
    host = conf.get("service.host")
    if host is not None and is_loopback(host.value):
        return
    where = f"service.host: {host.value}" if host is not None else "service.host unset (Qdrant's default is 0.0.0.0)"
    service = [s for name, s in conf.settings.items() if name.startswith("service.")]
    anchor = host or key or (service[0] if service else next(iter(conf.settings.values()), None))
    line = anchor.line if anchor is not None else 1
    yield Hit(
        line,
        f"no service.api_key and {where}: anyone who reaches port 6333 (REST) or 6334 (gRPC) can read every "
        "collection, download snapshots and delete everything (unless QDRANT__SERVICE__API_KEY is set in the "
        "environment)",
    )


RULES = (
    ConfigRule(
        id="UG-QDRANT-001",
        title="Qdrant without an API key on a network interface",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Qdrant has no authentication unless service.api_key is set, and it listens on 0.0.0.0 by "
        "default: the REST and gRPC APIs answer anyone, the configuration behind the open vector databases found "
        "on the internet.",
        remediation=Remediation(
            summary="Set an API key (and TLS) before listening on the network.",
            steps=(
                "config.yaml: service.api_key: <a long random key>   (or QDRANT__SERVICE__API_KEY)",
                "config.yaml: service.read_only_api_key for clients that only search",
                "config.yaml: service.enable_tls: true with tls.cert and tls.key, so the key is never sent in clear",
                "config.yaml: service.host: 127.0.0.1 when only local clients use it",
            ),
            references=(SECURITY, CONFIGURATION),
        ),
        reads=QdrantConfig,
        check=_open,
    ),
)
