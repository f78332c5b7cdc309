"""ZooKeeper's ``zoo.cfg``: Java properties, one ``key=value`` a line.

``java.util.Properties`` has no trailing comments (``a=b # c`` sets ``a`` to ``b # c``),
so only whole-line ``#`` and ``!`` comments are skipped; ``key: value`` and
``key value`` are accepted as Properties accepts them. ZooKeeper turns keys it does not
know into ``zookeeper.<key>`` system properties, so ``skipACL=yes`` here is
``-Dzookeeper.skipACL=yes``; both spellings are kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting

_SEPARATOR = re.compile(r"\s*[=:]\s*|\s+")


@dataclass(frozen=True)
class ZooConfig:
    """The settings of one ``zoo.cfg`` with their lines; the last of a repeated key wins."""

    path: Path
    settings: dict[str, Setting]

    def get(self, *keys: str) -> Setting | None:
        """The first of ``keys`` that is set (``skipACL`` or ``zookeeper.skipACL``)."""
        return next((self.settings[k] for k in keys if k in self.settings), None)

    def prefixed(self, prefix: str) -> list[tuple[str, Setting]]:
        return [(k, v) for k, v in self.settings.items() if k.startswith(prefix)]


def parse_zoo_cfg(path: Path, text: str) -> ZooConfig:
    settings: dict[str, Setting] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#!":
            continue
        parts = _SEPARATOR.split(line, maxsplit=1)
        key, value = parts[0], parts[1].strip() if len(parts) > 1 else ""
        settings[key] = Setting(value, number, path)
    return ZooConfig(path, settings)
