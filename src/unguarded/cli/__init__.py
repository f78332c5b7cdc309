"""The ``unguarded`` command line: the typer app, one module per command.

Each command module only turns flags into calls of the library and its result into
output and an exit code; what every command shares (exit codes, the one error style,
flag parsing, output writing, common options) is in :mod:`._common`. Nothing outside
this package imports it.
"""

from __future__ import annotations

from typing import Annotated

import typer

from .._version import __version__
from ._common import EXIT_OK, OneLineUsageErrors
from .baseline import baseline_app
from .config import config_command
from .demo import demo_command
from .diff import diff_command
from .engines import engines_command
from .history import history_command
from .scan import scan_command
from .worker import worker_command

app = typer.Typer(
    name="unguarded",
    cls=OneLineUsageErrors,
    help="Find the databases anyone can open, measure what they would give away, and say how to close them. Read-only.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unguarded {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """unguarded: read-only exposure scanner for databases."""


app.command("scan")(scan_command)
app.command("engines")(engines_command)
app.command("worker")(worker_command)
app.command("demo")(demo_command)
app.command(
    "config",
    help="Audit configuration files (mongod.conf, redis.conf, pg_hba.conf, compose, Kubernetes, Terraform) before deploy.",
)(config_command)
app.command("history", help="List past scans saved to the history (newest first).")(history_command)
app.command("diff", help="Compare two scans: new, closed and changed findings (default: the last two saved).")(
    diff_command
)
app.add_typer(
    baseline_app,
    name="baseline",
    help="Accept known risks (with a reason and an expiry) so scans report only what is new.",
)


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
