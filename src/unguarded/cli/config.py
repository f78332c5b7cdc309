"""``unguarded config PATH...``: audit configuration files for database exposure before it ships.

Same flags, errors and exit codes as ``unguarded scan``: 0 nothing at or above
``--fail-on``, 1 findings at or above it, 2 usage error, 3 the audit itself failed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ._common import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_OK,
    FailOnOption,
    JsonOption,
    QuietOption,
    SarifOption,
    TodayOption,
    check_outputs,
    fail,
    human_console,
    parse_date,
    parse_severity,
    usage_error,
    write_or_fail,
)


def config_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH", help="Files or directories to audit (directories are walked).", show_default=False
        ),
    ],
    json_out: JsonOption = None,
    sarif_out: SarifOption = None,
    fail_on: FailOnOption = "high",
    quiet: QuietOption = False,
    today: TodayOption = None,
) -> None:
    """Audit database and infrastructure configuration for exposure, before it ships."""
    # here, not at the top: its parsers and port tables are not needed by any other command
    from ..config_audit import RuleLoadError, UsageError, audit_paths, print_terminal, render_sarif

    severity = parse_severity(fail_on)
    date = parse_date(today, "--today") if today else None
    check_outputs({"json": json_out, "sarif": sarif_out})
    try:
        report = audit_paths(paths, today=date)
    except UsageError as exc:  # a path that is not there or cannot be read
        usage_error(str(exc))
    except RuleLoadError as exc:
        fail(EXIT_FAILED, f"rules failed to load: {exc}")
    except Exception as exc:  # the run itself failed; say so in one line, not a traceback
        fail(EXIT_FAILED, f"config audit failed: {exc!r}")
    if json_out:
        write_or_fail(report.to_json(), json_out)
    if sarif_out:
        write_or_fail(render_sarif(report), sarif_out)
    if not quiet:
        print_terminal(human_console(json_out, sarif_out), report)
    raise typer.Exit(EXIT_FINDINGS if report.fails(severity) else EXIT_OK)
