"""Prometheus's command line: ``--web.listen-address`` and ``--web.config.file``.

Prometheus takes its web settings only as flags (``prometheus.yml`` has none of them),
so they come from a systemd ``ExecStart=``. An absent ``--web.listen-address`` means
the default ``0.0.0.0:9090``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lines import Setting

DEFAULT_LISTEN = "0.0.0.0:9090"


@dataclass(frozen=True)
class PrometheusFlags:
    """The web flags as written (or the listen default, at the command's line)."""

    path: Path
    listen: Setting
    web_config: Setting | None
    complete: bool = True


def prometheus_from_argv(path: Path, argv: list[str], line: int) -> PrometheusFlags:
    listen = Setting(DEFAULT_LISTEN, line, path)
    web_config: Setting | None = None
    words = list(argv)
    while words:
        word = words.pop(0)
        name, eq, value = word.lstrip("-").partition("=")
        if name not in ("web.listen-address", "web.config.file") or not word.startswith("-"):
            continue
        if not eq and words:
            value = words.pop(0)
        if name == "web.listen-address":
            listen = Setting(value, line, path)
        else:
            web_config = Setting(value, line, path)
    return PrometheusFlags(path, listen, web_config, complete=not any("$" in w for w in argv))
