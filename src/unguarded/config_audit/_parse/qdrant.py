"""Qdrant's ``config/config.yaml`` (or ``production.yaml``): nested keys, read as one flat view.

The names are generic, so a file counts as Qdrant's only when it has Qdrant's own
sections (``service.http_port``, ``service.grpc_port``, ``service.api_key``,
``storage.storage_path`` ...); any other YAML under those names is left to the generic
YAML reader (a Kubernetes manifest called ``config.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lines import Setting
from .yamlines import yaml_settings

#: settings only Qdrant's config has; one of them makes the file Qdrant's
QDRANT_KEYS = frozenset(
    {
        "service.http_port",
        "service.grpc_port",
        "service.api_key",
        "service.read_only_api_key",
        "service.enable_tls",
        "storage.storage_path",
        "storage.snapshots_path",
        "cluster.p2p.port",
    }
)


@dataclass(frozen=True)
class QdrantConfig:
    path: Path
    settings: dict[str, Setting]

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)


def looks_like_qdrant(text: str) -> bool:
    """A cheap first look: Qdrant's top-level sections, before any YAML is parsed."""
    return "service:" in text and ("storage:" in text or "http_port" in text or "api_key" in text)


def parse_qdrant_config(path: Path, text: str) -> QdrantConfig | None:
    settings = yaml_settings(path, text)
    return QdrantConfig(path, settings) if QDRANT_KEYS & settings.keys() else None
