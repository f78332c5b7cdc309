"""dockerd's settings: ``/etc/docker/daemon.json`` or its command line (``-H tcp://0.0.0.0:2375``).

Both give the listen addresses (``hosts``, ``-H``/``--host``) and whether client
certificates are verified (``tlsverify``, ``--tlsverify``). Each ``hosts`` entry keeps
the line it is written on, so a finding points at the ``tcp://`` address.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting


@dataclass(frozen=True)
class DockerDaemonConfig:
    """Listen addresses and ``tlsverify`` as written; ``complete`` False when ``$VARIABLES`` hide them."""

    path: Path
    hosts: tuple[Setting, ...]
    tlsverify: bool
    line: int
    in_container: bool = False
    complete: bool = True


def _line_of(text: str, needle: str, default: int) -> int:
    at = text.find(json.dumps(needle))
    return text.count("\n", 0, at) + 1 if at >= 0 else default


def parse_daemon_json(path: Path, text: str) -> list[DockerDaemonConfig]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    if not isinstance(data, dict):
        return []
    hosts = data.get("hosts")
    entries = [h for h in hosts if isinstance(h, str)] if isinstance(hosts, list) else []
    if isinstance(hosts, str):
        entries = [hosts]
    settings = tuple(Setting(h, _line_of(text, h, 1), path) for h in entries)
    return [DockerDaemonConfig(path, settings, data.get("tlsverify") is True, 1)]


def dockerd_from_argv(path: Path, argv: list[str], line: int, *, in_container: bool = False) -> DockerDaemonConfig:
    """``dockerd -H fd:// -H tcp://0.0.0.0:2375`` (``-H``, ``--host``, ``=`` or a separate value)."""
    hosts: list[Setting] = []
    tlsverify = False
    words = list(argv[1:])
    while words:
        word = words.pop(0)
        name, eq, value = word.partition("=")
        if name in ("-H", "--host"):
            if not eq and words:
                value = words.pop(0)
            hosts.append(Setting(value, line, path))
        elif name == "--tlsverify":
            tlsverify = value.lower() not in ("false", "0")
        elif word.startswith("-H") and len(word) > 2:  # -Htcp://...
            hosts.append(Setting(word[2:], line, path))
    unknown = any("$" in h.value for h in hosts)
    return DockerDaemonConfig(path, tuple(hosts), tlsverify, line, in_container, not unknown)
