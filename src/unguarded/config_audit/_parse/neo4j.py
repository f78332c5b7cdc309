"""neo4j.conf: Java-properties style ``name=value`` lines (``#`` comments); the last one wins."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lines import Setting, logical_lines


@dataclass(frozen=True)
class Neo4jConfig:
    path: Path
    settings: dict[str, Setting]

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)


def parse_neo4j_conf(path: Path, text: str) -> Neo4jConfig:
    settings: dict[str, Setting] = {}
    for number, line in logical_lines(text):
        name, eq, value = line.partition("=")
        if eq:
            settings[name.strip()] = Setting(value.strip(), number, path)
    return Neo4jConfig(path, settings)
