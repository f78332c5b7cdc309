"""elasticsearch.yml / opensearch.yml: nested or dotted keys, read as one flat view."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .lines import ParseError, Setting
from .yamlines import YMap, flatten, load_yaml


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
    docs = load_yaml(text)
    if docs and not isinstance(docs[0], YMap):
        raise ParseError(f"{path.name} should be a YAML mapping of settings", 1)
    flat = flatten(docs[0]) if docs else {}
    return ElasticConfig(path, flavor, {k: Setting(_text(v), line, path) for k, (v, line) in flat.items()})


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    return "" if value is None else str(value)
