"""elasticsearch.yml / opensearch.yml: nested or dotted keys, read as one flat view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lines import Setting
from .yamlines import yaml_settings


@dataclass(frozen=True)
class ElasticConfig:
    path: Path
    flavor: str  # "elasticsearch" or "opensearch"
    settings: dict[str, Setting]

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)

    def is_true(self, name: str) -> Setting | None:
        setting = self.settings.get(name)
        return setting if setting is not None and setting.value.lower() == "true" else None

    def is_false(self, name: str) -> Setting | None:
        setting = self.settings.get(name)
        return setting if setting is not None and setting.value.lower() == "false" else None


def parse_elastic_yml(path: Path, text: str) -> ElasticConfig:
    flavor = "opensearch" if path.name.startswith("opensearch") else "elasticsearch"
    return ElasticConfig(path, flavor, yaml_settings(path, text))
