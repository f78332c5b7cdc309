"""``unguarded engines``: the supported engines, their default ports and what each checks."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..engines import all_engines


def engines_command() -> None:
    """List supported engines, their default ports and what each checks."""
    table = Table(title="supported engines")
    for col in ("engine", "default ports", "what it checks"):
        table.add_column(col)
    for engine in all_engines():
        table.add_row(engine.title, ", ".join(map(str, engine.default_ports)), engine.checks)
    Console().print(table)
