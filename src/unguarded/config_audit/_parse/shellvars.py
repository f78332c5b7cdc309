"""Shell variable files (solr.in.sh) and their Windows twins (solr.in.cmd): ``NAME=value`` lines.

``export NAME=value``, ``NAME="value"`` and ``set NAME=value`` all count; the last
assignment wins, as when the shell sources the file. Nothing is expanded: a value built
from ``$OTHER`` is kept as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting, logical_lines, unquote

_ASSIGNMENT = re.compile(r"^(?:export\s+|set\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class ShellVars:
    """Variables with their lines; ``siblings`` are the file names beside it (``security.json``)."""

    path: Path
    values: dict[str, Setting]
    siblings: frozenset[str]

    def get(self, name: str) -> Setting | None:
        setting = self.values.get(name)
        return setting if setting is not None and setting.value else None


def parse_shell_vars(path: Path, text: str) -> ShellVars:
    values: dict[str, Setting] = {}
    for number, line in logical_lines(text, markers="#", continuation=True):
        if line.lower().startswith("rem ") or line.startswith("::"):
            continue
        found = _ASSIGNMENT.match(line.strip())
        if found:
            values[found.group(1)] = Setting(unquote(found.group(2).strip()), number, path)
    try:
        siblings = frozenset(p.name for p in path.parent.iterdir())
    except OSError:
        siblings = frozenset()
    return ShellVars(path, values, siblings)
