"""Kafka's ``server.properties`` (also KRaft's ``broker.properties``): Java properties.

Only a file that sets a broker key (``listeners``, ``broker.id``, ``node.id``,
``process.roles``, ``log.dirs``, ``zookeeper.connect``) is read as Kafka's: the name
``server.properties`` is common to other servers too. ``java.util.Properties`` has no
trailing comments, so only whole-line ``#`` and ``!`` comments are skipped; a line
ending in a backslash continues on the next one (long ``listeners`` lists are written so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting

_SEPARATOR = re.compile(r"\s*[=:]\s*|\s+")
BROKER_KEYS = frozenset({"listeners", "broker.id", "node.id", "process.roles", "log.dirs", "zookeeper.connect"})


@dataclass(frozen=True)
class KafkaProperties:
    """The settings of one broker config with their lines; the last of a repeated key wins."""

    path: Path
    settings: dict[str, Setting]

    def get(self, key: str) -> Setting | None:
        return self.settings.get(key)


def parse_kafka_properties(path: Path, text: str) -> list[KafkaProperties]:
    """The broker config, or nothing when the file is some other server's ``server.properties``."""
    settings: dict[str, Setting] = {}
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        start = number + 1
        line = lines[number].strip()
        while line.endswith("\\") and number + 1 < len(lines):
            number += 1
            line = line[:-1] + lines[number].strip()
        number += 1
        if not line or line[0] in "#!":
            continue
        parts = _SEPARATOR.split(line, maxsplit=1)
        settings[parts[0]] = Setting(parts[1].strip() if len(parts) > 1 else "", start, path)
    return [KafkaProperties(path, settings)] if BROKER_KEYS & set(settings) else []
