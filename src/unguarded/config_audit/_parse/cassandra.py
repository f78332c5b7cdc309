"""cassandra.yaml: one YAML mapping, read as dotted names with their lines.

Cassandra 4.1+ also accepts ``authenticator: {class_name: ...}``; the flat view names
that ``authenticator.class_name``, and :meth:`CassandraConfig.authenticator` reads both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lines import Setting
from .yamlines import yaml_settings


@dataclass(frozen=True)
class CassandraConfig:
    path: Path
    settings: dict[str, Setting]

    def get(self, name: str) -> Setting | None:
        setting = self.settings.get(name)
        return setting if setting is not None and setting.value.strip() else None

    def authenticator(self) -> Setting | None:
        """The authenticator as written (``None``: not set, so Cassandra's default, AllowAllAuthenticator)."""
        return self.get("authenticator") or self.get("authenticator.class_name")


def parse_cassandra_yaml(path: Path, text: str) -> CassandraConfig:
    return CassandraConfig(path, yaml_settings(path, text))
