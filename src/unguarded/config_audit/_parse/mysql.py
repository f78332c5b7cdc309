"""my.cnf and its ``!include`` / ``!includedir`` files: the server's option groups only."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .files import read_included
from .lines import (
    MAX_INCLUDE_DEPTH,
    ParseError,
    Setting,
    logical_lines,
    resolve_include,
    unquote,
)

#: option groups the server reads (``[mysqld-8.0]``, ``[mariadb-10.11]`` too)
_SERVER_GROUP = re.compile(r"^(mysqld|mariadb|mariadbd|server)(-[\d.]+)?$")
#: options whose ``skip-``/``disable-``/``enable-`` prefixed form sets them off or on
_TOGGLES = frozenset({"local_infile", "require_secure_transport", "networking", "grant_tables"})


@dataclass(frozen=True)
class MyCnf:
    """Server options by canonical name (``bind_address``), last one wins as in mysqld."""

    path: Path
    settings: dict[str, Setting]
    has_server_group: bool
    complete: bool = True
    included: tuple[Path, ...] = ()

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)

    def enabled(self, name: str) -> Setting | None:
        """The setting when it is switched on (``1``, ``ON``, ``TRUE`` or a bare option)."""
        setting = self.settings.get(name)
        if setting is not None and setting.value.strip().lower() in {
            "",
            "1",
            "on",
            "true",
            "yes",
            "force_plus_permanent",
        }:
            return setting
        return None


def canonical(name: str) -> tuple[str, str | None]:
    """``loose-skip-grant-tables`` -> (``grant_tables``, ``0``): mysqld's option modifiers."""
    name = name.strip().lower().replace("-", "_")
    if name.startswith("loose_"):
        name = name[len("loose_") :]
    for prefix, value in (("skip_", "0"), ("disable_", "0"), ("enable_", "1")):
        rest = name[len(prefix) :]
        if name.startswith(prefix) and rest in _TOGGLES:
            return rest, value
    return name, None


@dataclass
class _Reading:
    """What one my.cnf and its includes add up to, filled in as files are read."""

    settings: dict[str, Setting] = field(default_factory=dict)
    server: bool = False
    complete: bool = True
    included: list[Path] = field(default_factory=list)


def parse_my_cnf(path: Path, text: str) -> MyCnf:
    state = _Reading()
    _read(path, text, state, 0)
    return MyCnf(path, state.settings, state.server, state.complete, tuple(state.included))


def _read(path: Path, text: str, state: _Reading, depth: int) -> None:
    group = ""
    for number, line in logical_lines(text, markers="#;"):
        if line.startswith("!"):
            directive, _, target = line.partition(" ")
            if directive not in {"!include", "!includedir"}:
                raise ParseError(f"unknown directive {directive!r}", number)
            found = resolve_include(path, target) if depth < MAX_INCLUDE_DEPTH else []
            state.complete &= bool(found)
            for file in found:
                if directive == "!include" or file.suffix == ".cnf":
                    state.included.append(file)
                    _read(file, read_included(file, number), state, depth + 1)
            continue
        if line.startswith("["):
            if not line.endswith("]"):
                raise ParseError(f"unclosed option group {line!r}", number)
            group = line[1:-1].strip().lower()
            state.server |= bool(_SERVER_GROUP.match(group))
            continue
        if not group:
            raise ParseError("option outside any [group]", number)
        if not _SERVER_GROUP.match(group):
            continue
        name, _, value = line.partition("=")
        key, toggled = canonical(name)
        state.settings[key] = Setting(toggled if toggled is not None else unquote(value), number, path)
