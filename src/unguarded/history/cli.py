"""``unguarded history`` and ``unguarded diff``: the commands, ready to mount on the main typer app.

    from unguarded.history.cli import diff_command, history_command
    app.command("history")(history_command)
    app.command("diff")(diff_command)

Exit codes match ``unguarded scan``: 0 fine, 1 ``diff --fail-on-new`` found a regression,
2 usage error (one ``unguarded: error: ...`` line on stderr, never a traceback).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..diff import diff_reports
from ..models import Report, Severity
from ..report.diff_terminal import print_diff
from ..report.json import ReportFileError, load_report
from ._store import ScanSummary, Store, StoreError, open_store

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="URL",
        help="The history: a SQLite path or sqlite:///, postgresql:// URL (default: $UNGUARDED_STORE, else SQLite "
        "in the user data directory).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    str | None, typer.Option("--json", metavar="FILE", help="Write JSON to FILE ('-' for stdout).", show_default=False)
]


def _usage(message: str) -> typer.Exit:
    # late import: unguarded.cli imports this module while it mounts the commands
    from ..cli import usage_error

    return usage_error(message)


def _open(url: str | None) -> Store:
    try:
        return open_store(url)
    except StoreError as exc:
        raise _usage(str(exc)) from None


def _write_json(data: object, destination: str) -> None:
    from ..cli import write_output

    write_output(json.dumps(data, indent=2, ensure_ascii=False) + "\n", destination)


def _console(to_stderr: bool):  # type: ignore[no-untyped-def]
    from ..cli import report_console

    return report_console(stderr=to_stderr)


def _counts(summary: ScanSummary) -> Text:
    from ..report.terminal import SEVERITY_STYLE

    text = Text()
    for severity in Severity:
        n = summary.findings.get(severity.value)
        if n:
            if text:
                text.append(", ")
            text.append(f"{n} {severity.value}", style=SEVERITY_STYLE[severity])
    if summary.accepted:
        text.append(f"{', ' if text else ''}{summary.accepted} accepted", style="dim")
    return text if text else Text("none")


def _took(summary: ScanSummary) -> str:
    seconds = max((summary.finished_at - summary.started_at).total_seconds(), 0.0)
    return f"{seconds:.0f}s" if seconds < 120 else f"{seconds / 60:.0f}m"


def history_command(
    store: StoreOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, metavar="N", help="Show the newest N scans.")] = 20,
    finding: Annotated[
        str | None,
        typer.Option("--finding", metavar="FINGERPRINT", help="Show the scans that had this finding instead."),
    ] = None,
    json_out: JsonOption = None,
) -> None:
    """List past scans saved to the history (newest first), or the life of one finding."""
    with _open(store) as history:
        try:
            if finding is not None:
                _finding_history(history, finding.strip(), json_out)
                return
            summaries = history.scans(limit)
        except StoreError as exc:
            raise _usage(str(exc)) from None
        if json_out:
            _write_json({"store": history.display, "scans": [s.model_dump(mode="json") for s in summaries]}, json_out)
            if json_out == "-":
                return
        console = _console(False)
        if not summaries:
            console.print(f"no scans saved yet in {history.display}")
            return
        table = Table(title=f"unguarded history: {history.display}", title_justify="left")
        for col in (
            "id",
            "started (UTC)",
            "took",
            "version",
            "services",
            "usable",
            "compromised",
            "open findings",
            "targets",
        ):
            table.add_column(col, overflow="fold")
        for s in summaries:
            table.add_row(
                str(s.id),
                f"{s.started_at:%Y-%m-%d %H:%M:%S}",
                _took(s),
                s.tool_version,
                str(s.services),
                str(s.usable),
                Text(str(s.compromised), style="bold red" if s.compromised else ""),
                _counts(s),
                s.targets or "-",
            )
        console.print(table)


def _finding_history(history: Store, fingerprint: str, json_out: str | None) -> None:
    rows = history.finding_history(fingerprint)
    if json_out:
        data = [{**row, "started_at": row["started_at"].isoformat()} for row in rows]
        _write_json({"fingerprint": fingerprint, "scans": data}, json_out)
        if json_out == "-":
            return
    console = _console(False)
    if not rows:
        console.print(f"no saved scan has finding {fingerprint}")
        return
    table = Table(title=f"finding {fingerprint}", title_justify="left")
    for col in ("scan", "started (UTC)", "severity", "records", "accepted"):
        table.add_column(col)
    for row in rows:
        records = "-" if row["records"] is None else f"{row['records']:,}"
        accepted = "yes" if row["accepted"] else "no"
        table.add_row(str(row["scan_id"]), f"{row['started_at']:%Y-%m-%d %H:%M:%S}", row["severity"], records, accepted)
    console.print(table)


def read_report_file(path: Path) -> Report:
    """A JSON report written by ``unguarded scan --json``; a usage error says what is wrong with it."""
    try:
        return load_report(path)
    except ReportFileError as exc:
        raise _usage(str(exc)) from None


def _is_scan_id(text: str) -> bool:
    return text.isdigit()


def _resolve(arguments: list[str], store_url: str | None) -> list[tuple[str, Report]]:
    """Each side of the diff as (label, report): scan ids from the history, or report files."""
    needs_store = len(arguments) < 2 or any(_is_scan_id(a) for a in arguments)
    if not needs_store:
        return [(a, read_report_file(Path(a))) for a in arguments]
    with _open(store_url) as history:
        try:
            if not arguments:
                pair = history.last_two()
                if pair is None:
                    n = len(history.scans(2))
                    raise _usage(
                        f"the history at {history.display} has {n} saved scan{'s' if n != 1 else ''}: "
                        "diff needs two (or give OLD and NEW: scan ids or JSON report files)"
                    )
                return [(f"scan {scan_id}", report) for scan_id, report in pair]
            sides = [
                (f"scan {a}", history.load(int(a))) if _is_scan_id(a) else (a, read_report_file(Path(a)))
                for a in arguments
            ]
            if len(sides) == 1:
                newest = history.scans(1)
                if not newest:
                    raise _usage(f"the history at {history.display} has no saved scan to compare {arguments[0]!r} with")
                sides.append((f"scan {newest[0].id}", history.load(newest[0].id)))
            return sides
        except StoreError as exc:
            raise _usage(str(exc)) from None


def diff_command(
    old: Annotated[
        str | None,
        typer.Argument(
            metavar="OLD",
            help="Older scan: a history id (see 'unguarded history') or a JSON report file (default: the "
            "second newest saved scan).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            help="Newer scan: a history id or a JSON report file (default: the newest saved scan).",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    json_out: JsonOption = None,
    fail_on_new: Annotated[
        str | None,
        typer.Option(
            "--fail-on-new",
            metavar="SEVERITY",
            help="Exit 1 if a finding at or above SEVERITY is new, rose to it, or lost its baseline acceptance.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compare two scans: new, closed and changed findings, and endpoints whose exposure moved."""
    from ..cli import parse_severity  # late: unguarded.cli imports this module

    threshold = None if fail_on_new is None else parse_severity(fail_on_new, "--fail-on-new")
    arguments = [a for a in (old, new) if a is not None]
    (old_label, old_report), (new_label, new_report) = _resolve(arguments, store)
    diff = diff_reports(old_report, new_report, old_label=old_label, new_label=new_label)
    if json_out:
        _write_json(diff.to_json_dict(), json_out)
    print_diff(_console(json_out == "-"), diff)
    if threshold is not None and diff.regressions(threshold):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)


__all__ = ["diff_command", "history_command", "read_report_file"]
