"""``unguarded history``: past scans saved to the history, newest first, or the life of one finding."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..models import Severity
from ..report.terminal import SEVERITY_STYLE
from ._common import JsonOption, StoreOption, human_console, open_history, usage_error, write_json

if TYPE_CHECKING:
    from ..history import ScanSummary, Store


def _counts(summary: ScanSummary) -> Text:
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
    from ..history import StoreError

    with open_history(store) as history:
        try:
            if finding is not None:
                _finding_history(history, finding.strip(), json_out)
                return
            summaries = history.scans(limit)
        except StoreError as exc:
            usage_error(str(exc))
        if json_out:
            write_json({"store": history.display, "scans": [s.model_dump(mode="json") for s in summaries]}, json_out)
        console = human_console(json_out)
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
        write_json({"fingerprint": fingerprint, "scans": data}, json_out)
    console = human_console(json_out)
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
