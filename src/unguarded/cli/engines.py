"""``unguarded engines``: the supported engines, where they listen, what each one is and how it is tested."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.markup import escape

from ..engines import all_engines


def engines_command(
    as_json: bool = typer.Option(False, "--json", help="one JSON list of the engines' descriptions on stdout"),
) -> None:
    """List supported engines: default ports, URI schemes, what each covers and what it is tested against.

    One block per engine rather than a table, so the prose stays readable at any terminal
    width. "Tested against" says whether the suite runs the engine against the real server
    or a protocol stand-in, so a user can weigh a verdict on an engine only a stand-in checks.
    """
    described = [engine.describe() for engine in all_engines()]
    if as_json:
        typer.echo(json.dumps(described, indent=2))
        return
    console = Console(highlight=False)
    for info in described:
        ports = ", ".join(map(str, info["ports"])) or "-"
        schemes = ", ".join(f"{scheme}://" for scheme in info["schemes"]) or "-"
        console.print(f"[bold]{escape(info['title'])}[/bold] ({info['name']})  ports {ports}  schemes {schemes}")
        console.print(f"  {escape(info['summary'])}")
        console.print(f"  [dim]tested against:[/dim] {escape(info['tested_against'])}")
