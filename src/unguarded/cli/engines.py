"""``unguarded engines``: the supported engines, where they listen and what each one is."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..engines import all_engines


def engines_command() -> None:
    """List supported engines: default ports, URI schemes and what each engine module covers."""
    table = Table(title="supported engines")
    for col in ("engine", "name", "default ports", "URI schemes", "what it is"):
        table.add_column(col)
    for engine in all_engines():
        info = engine.describe()
        table.add_row(
            str(info["title"]),
            str(info["name"]),
            ", ".join(map(str, info["ports"])),
            ", ".join(f"{scheme}://" for scheme in info["schemes"]),
            str(info["summary"]),
        )
    Console().print(table)
