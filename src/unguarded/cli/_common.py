"""What every command shares: exit codes, the one error style, flag parsing, outputs, options.

Exit codes (documented in the README): 0 nothing at or above ``--fail-on``; 1 findings
at or above it; 2 usage error (bad target, unreadable file, bad option value); 3 the run
itself failed. Bad input gets one unwrapped line on stderr, ``unguarded: error: ...``,
never a traceback: scripts grep it, people read it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console
from typer.core import TyperGroup

from ..models import Report, Severity
from ..report import STDOUT, OutputError, check_destinations, write_output
from ..report.json import ReportFileError, load_report

if TYPE_CHECKING:
    from ..history import Store

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
#: what a shell reports for a process stopped by Ctrl-C
EXIT_INTERRUPTED = 130

#: progress and warnings; never the place for a document
err = Console(stderr=True, highlight=False)


#: an error line echoes the user's input; past this many characters it is cut
MAX_ERROR_CHARS = 300


def say_error(message: str) -> None:
    """One unwrapped line on stderr in the shape every command uses, however long the input it echoes."""
    line = " ".join(message.split())
    if len(line) > MAX_ERROR_CHARS:
        line = line[: MAX_ERROR_CHARS - 1] + "…"
    sys.stderr.write(f"unguarded: error: {line}\n")


class OneLineUsageErrors(TyperGroup):
    """The app's command group: a usage error is one ``unguarded: error:`` line and exit 2.

    Typer draws its own usage errors (unknown option, bad value, missing argument) as a
    multi-line box; scripts and people get the same single line every other error has.
    The exceptions are recognised by shape, since typer vendors its own click.
    """

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except Exception as exc:
            if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare ``unguarded``: the help, as usual
                exc.show()  # type: ignore[attr-defined]
                result = EXIT_USAGE
            else:
                ctx = getattr(exc, "ctx", None)
                hint = f" (see '{ctx.command_path} --help')" if ctx is not None and exc.exit_code == EXIT_USAGE else ""
                say_error(f"{exc.format_message().rstrip('.')}{hint}")
                result = exc.exit_code
        except KeyboardInterrupt:
            err.print("unguarded: interrupted")
            result = EXIT_INTERRUPTED
        code = result if isinstance(result, int) else EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


def fail(code: int, message: str) -> NoReturn:
    """Say what went wrong in one line and exit with ``code``."""
    say_error(message)
    raise typer.Exit(code)


def usage_error(message: str) -> NoReturn:
    """The user must fix something: one line, exit 2."""
    fail(EXIT_USAGE, message)


def parse_severity(text: str, option: str = "--fail-on") -> Severity:
    """A severity flag's value, or a usage error naming the flag and the choices."""
    try:
        return Severity(text.strip().lower())
    except ValueError:
        usage_error(f"{option} must be one of {', '.join(s.value for s in Severity)}, not {text!r}")


def parse_date(text: str, option: str) -> dt.date:
    """A date flag's value (YYYY-MM-DD), or a usage error naming the flag."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        usage_error(f"{option} must be a date like 2027-01-31, not {text!r}")


def check_outputs(outputs: Mapping[str, str | None]) -> None:
    """Refuse two documents on stdout before doing any work."""
    try:
        check_destinations(outputs.values())
    except OutputError as exc:
        usage_error(str(exc))


def write_or_fail(text: str, destination: str) -> None:
    """Write a document to a file, or to stdout for ``-``; a usage error if it cannot be written."""
    try:
        write_output(text, destination)
    except OutputError as exc:
        usage_error(str(exc))


def write_json(data: object, destination: str) -> None:
    write_or_fail(json.dumps(data, indent=2, ensure_ascii=False) + "\n", destination)


def report_console(stderr: bool = False) -> Console:
    """A console for reports: at least 120 columns when output is not a terminal."""
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, highlight=False, width=None if probe.is_terminal else 120)


def human_console(*destinations: str | None) -> Console:
    """Where the readable view goes: stdout, or stderr when a document already takes stdout."""
    return report_console(stderr=STDOUT in destinations)


def open_history(url: str | None) -> Store:
    from ..history import StoreError, open_store  # SQLAlchemy and Alembic: only for commands that use the history

    """The scan history for commands that read it; any failure to open it is a usage error."""
    try:
        return open_store(url)
    except StoreError as exc:
        usage_error(str(exc))


def read_report(path: Path) -> Report:
    """A JSON report written by ``unguarded scan --json``; a usage error says what is wrong with it."""
    try:
        return load_report(path)
    except ReportFileError as exc:
        usage_error(str(exc))


# The options several commands share, so each reads and helps the same everywhere.
JsonOption = Annotated[
    str | None,
    typer.Option("--json", metavar="FILE", help="Write the JSON report to FILE ('-' for stdout).", show_default=False),
]
SarifOption = Annotated[
    str | None,
    typer.Option(
        "--sarif",
        metavar="FILE",
        help="Write SARIF 2.1.0 (GitHub code scanning, DefectDojo) to FILE ('-' for stdout).",
        show_default=False,
    ),
]
HtmlOption = Annotated[
    str | None,
    typer.Option("--html", metavar="FILE", help="Write a self-contained HTML report to FILE.", show_default=False),
]
CsvOption = Annotated[
    str | None,
    typer.Option("--csv", metavar="FILE", help="Write one CSV row per finding to FILE.", show_default=False),
]
FailOnOption = Annotated[
    str,
    typer.Option(
        "--fail-on",
        metavar="SEVERITY",
        help="Exit 1 if any finding is at or above this severity: critical, high, medium, low, info.",
    ),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no terminal report.")]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="URL",
        help="The scan history: a SQLite path or sqlite:///, postgresql:// URL (default: $UNGUARDED_STORE, else "
        "SQLite in the user data directory).",
        show_default=False,
    ),
]
#: a hidden flag for reproducible runs and tests
TodayOption = Annotated[
    str | None,
    typer.Option("--today", hidden=True, help="Date to judge expiry by (YYYY-MM-DD); for reproducible runs."),
]
