"""``unguarded baseline create|show``: write and inspect accepted-risk files.

A baseline accepts a scan's findings with a reason and an optional expiry; ``unguarded
scan --baseline FILE`` then reports only what is new (see :mod:`unguarded.baseline`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..baseline import (
    DEFAULT_BASELINE,
    Baseline,
    BaselineError,
    entry_for,
    load_baseline,
    merge_entries,
    save_baseline,
    select_findings,
)
from ..findings import with_findings
from ..models import Report, Severity
from ._common import (
    StoreOption,
    TodayOption,
    open_history,
    parse_date,
    parse_severity,
    read_report,
    report_console,
    usage_error,
)

baseline_app = typer.Typer(
    help="Accept known risks: write a baseline file that 'unguarded scan --baseline' applies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _severity(text: str | None, option: str) -> Severity | None:
    return None if text is None else parse_severity(text, option)


def _report_from_history(store_url: str | None, scan_id: int | None) -> Report:
    from ..history import StoreError

    with open_history(store_url) as store:
        try:
            report = store.latest() if scan_id is None else store.load(scan_id)
        except StoreError as exc:
            usage_error(str(exc))
    if report is None:
        usage_error("the scan history has no scans yet: run 'unguarded scan' first, or pass --from-report FILE")
    return with_findings(report)


def _existing(path: Path) -> Baseline | None:
    if not path.exists():
        return None
    try:
        return load_baseline(path)
    except BaselineError as exc:
        usage_error(f"{exc} (fix it, or pass --replace to overwrite it)")


@baseline_app.command("create")
def create_command(
    reason: Annotated[
        str | None, typer.Option("--reason", help="Why these risks are accepted (required).", show_default=False)
    ] = None,
    from_report: Annotated[
        Path | None,
        typer.Option(
            "--from-report", metavar="FILE", help="Accept findings from a JSON report ('unguarded scan --json')."
        ),
    ] = None,
    scan_id: Annotated[
        int | None,
        typer.Option(
            "--scan", metavar="ID", help="Accept findings from this scan in the history (default: the latest scan)."
        ),
    ] = None,
    store: StoreOption = None,
    expires: Annotated[
        str | None,
        typer.Option(
            "--expires",
            metavar="YYYY-MM-DD",
            help="Last day the acceptance applies; after it the findings report again.",
            show_default=False,
        ),
    ] = None,
    accepted_by: Annotated[
        str | None,
        typer.Option("--accepted-by", help="Who accepted the risk (name, team or ticket).", show_default=False),
    ] = None,
    min_severity: Annotated[
        str | None,
        typer.Option("--min-severity", help="Only accept findings at or above this severity.", show_default=False),
    ] = None,
    max_severity: Annotated[
        str | None,
        typer.Option(
            "--max-severity",
            help="Only accept findings at or below this severity (e.g. never accept critical ones by accident).",
            show_default=False,
        ),
    ] = None,
    fingerprints: Annotated[
        list[str] | None,
        typer.Option(
            "--fingerprint", help="Only accept the finding with this fingerprint (repeatable).", show_default=False
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="Baseline file to write; an existing one is merged.")
    ] = DEFAULT_BASELINE,
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite the output file instead of merging into it.")
    ] = False,
    today_text: TodayOption = None,
) -> None:
    """Accept the findings of a scan as known risks, with a reason and an optional expiry."""
    today = parse_date(today_text, "--today") if today_text else dt.date.today()
    if reason is None or not reason.strip():
        usage_error("--reason is required: say why these risks are accepted")
    until = parse_date(expires, "--expires") if expires else None
    if until is not None and until <= today:
        usage_error(f"--expires must be in the future (after {today.isoformat()}), not {expires}")
    low, high = _severity(min_severity, "--min-severity"), _severity(max_severity, "--max-severity")
    if low is not None and high is not None and low.rank > high.rank:
        usage_error("--min-severity is above --max-severity: no finding could be accepted")
    if from_report is not None and (scan_id is not None or store is not None):
        usage_error("--from-report reads a file: it cannot be combined with --scan or --store")
    existing = None if replace else _existing(output)
    report = read_report(from_report) if from_report is not None else _report_from_history(store, scan_id)
    wanted = [f.strip().lower() for f in fingerprints or []]
    missing = sorted(set(wanted) - {f.fingerprint for f in report.findings})
    if missing:
        usage_error(f"{len(missing)} --fingerprint value(s) match no finding in the scan, e.g. {missing[0][:40]!r}")
    chosen = select_findings(report.findings, min_severity=low, max_severity=high, fingerprints=wanted)
    new = [entry_for(f, reason.strip(), until, accepted_by, today) for f in chosen]
    baseline, counts = merge_entries(existing, new, replace=replace, today=today)
    try:
        save_baseline(baseline, output)
    except OSError as exc:
        usage_error(f"cannot write {str(output)!r}: {exc.strerror or exc}")
    skipped = len(report.findings) - len(chosen)
    typer.echo(
        f"wrote {output}: {len(baseline.entries)} accepted finding(s) "
        f"({counts.added} added, {counts.kept} kept, {counts.renewed} renewed"
        + (f", {skipped} of the scan's findings left out by the filters" if skipped else "")
        + ")"
    )


@baseline_app.command("show")
def show_command(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The baseline file.")] = DEFAULT_BASELINE,
    today_text: TodayOption = None,
) -> None:
    """List a baseline's accepted findings and whether each acceptance is active or expired."""
    today = parse_date(today_text, "--today") if today_text else dt.date.today()
    try:
        baseline = load_baseline(path)
    except BaselineError as exc:
        usage_error(str(exc))
    table = Table(title=f"{path}: accepted risks")
    for column in ("status", "severity", "finding", "location", "expires", "reason", "accepted by"):
        table.add_column(column, overflow="fold")
    table.add_column("fingerprint", no_wrap=True)
    for entry in baseline.entries:
        status = entry.status(today)
        table.add_row(
            f"[red]{status}[/]" if status == "expired" else status,
            entry.severity.value,
            entry.type,
            entry.location,
            entry.expires.isoformat() if entry.expires else "never",
            entry.reason,
            entry.accepted_by or "",
            entry.fingerprint[:12],
        )
    console = report_console()
    console.print(table)
    expired = sum(1 for e in baseline.entries if not e.active(today))
    console.print(f"{len(baseline.entries)} entries: {len(baseline.entries) - expired} active, {expired} expired")
