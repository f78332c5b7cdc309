"""``unguarded config PATH...``: the command, ready to mount on the main typer app.

    from unguarded.config_audit.cli import config_command
    app.command("config")(config_command)

Exit codes match ``unguarded scan``: 0 nothing at or above ``--fail-on``, 1 findings at
or above it, 2 usage error (one line on stderr), 3 the run itself failed.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from ..models import Severity
from ._audit import UsageError, audit_paths
from ._model import ConfigReport
from ._rule import RuleLoadError
from ._sarif import render_sarif
from ._terminal import print_terminal

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3


def config_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Files or directories to audit (directories are walked).", show_default=False
        ),
    ],
    json_out: Annotated[
        str | None, typer.Option("--json", metavar="FILE", help="Write the JSON report to FILE ('-' for stdout).")
    ] = None,
    sarif: Annotated[
        str | None, typer.Option("--sarif", metavar="FILE", help="Write SARIF 2.1.0 to FILE ('-' for stdout).")
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="Exit 1 when a finding is at least this severe: critical, high, medium, low, info.",
        ),
    ] = "high",
    today: Annotated[
        str | None,
        typer.Option("--today", hidden=True, help="Date for suppression expiry (YYYY-MM-DD); for reproducible runs."),
    ] = None,
) -> None:
    """Audit database and infrastructure configuration for exposure, before it ships."""
    severities = [s.value for s in Severity]
    if fail_on.lower() not in severities:
        _fail(EXIT_USAGE, f"--fail-on must be one of {', '.join(severities)}, not {fail_on!r}")
    try:
        date = dt.date.fromisoformat(today) if today else None
    except ValueError:
        _fail(EXIT_USAGE, f"--today must be a date like 2026-11-22, not {today!r}")
    try:
        report = audit_paths(paths, today=date)
    except UsageError as exc:  # a path that is not there or cannot be read
        _fail(EXIT_USAGE, str(exc))
    except RuleLoadError as exc:
        _fail(EXIT_FAILED, f"rules failed to load: {exc}")
    except Exception as exc:  # the run itself failed; say so in one line, not a traceback
        _fail(EXIT_FAILED, f"config audit failed: {exc!r}")
    try:
        _write(json_out, report.to_json)
        _write(sarif, lambda: render_sarif(report))
    except OSError as exc:
        _fail(EXIT_USAGE, f"cannot write output: {exc.strerror or exc}: {exc.filename}")
    if "-" not in (json_out, sarif):
        print_terminal(Console(), report)
    raise typer.Exit(EXIT_FINDINGS if report.fails(Severity(fail_on.lower())) else EXIT_OK)


def _write(target: str | None, render: Callable[[], str]) -> None:
    if target is None:
        return
    text = render()
    if target == "-":
        sys.stdout.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8")


def _fail(code: int, message: str) -> NoReturn:
    typer.echo(f"unguarded config: {message}", err=True)
    raise typer.Exit(code)


__all__ = ["EXIT_FAILED", "EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "ConfigReport", "config_command"]
