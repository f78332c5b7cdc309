"""Terminal view of a :class:`~unguarded.diff.ReportDiff`: counts first, then what moved, worst first.

The comparison itself is :mod:`unguarded.diff`; this is only how people read it.
"""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..diff import Direction, ReportDiff, ScanRef, Value
from ..models import Finding, Severity
from .terminal import SEVERITY_STYLE

_ARROW: dict[Direction, str] = {"worse": "worse", "better": "better", "neutral": ""}


def _sev(severity: Severity) -> Text:
    return Text(severity.value.upper(), style=SEVERITY_STYLE[severity])


def _fmt(value: Value) -> str:
    if value is None:
        return "?"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return value


def _what(f: Finding) -> str:
    inside = ", ".join((*f.patterns, *f.categories))
    records = "" if f.records is None else f"{f.records:,} records"
    return "; ".join(x for x in (records, inside) if x) or "-"


def _findings_table(title: str, found: tuple[Finding, ...]) -> Table:
    table = Table(title=title, title_justify="left")
    for col in ("severity", "rule", "location", "engine", "finding", "what"):
        table.add_column(col, overflow="fold")
    for f in found:
        title_text = f.title + (" (accepted)" if f.accepted is not None else "")
        table.add_row(_sev(f.severity), f.rule_id, f.location, f.engine, title_text, _what(f))
    return table


def _change_text(field: str, before: Value, after: Value) -> str:
    if field in ("category", "pattern"):
        return f"{field} + {after}" if before is None else f"{field} - {before}"
    if field == "accepted":
        return "accepted by the baseline" if after else "no longer accepted by the baseline"
    if field == "service":
        return f"service appeared ({after})" if before is None else f"service gone (was {before})"
    return f"{field} {_fmt(before)} -> {_fmt(after)}"


def _when(ref: ScanRef) -> str:
    return f"{ref.started_at.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC"


def print_diff(console: Console, diff: ReportDiff) -> None:
    """The diff for people: counts first, then new, changed, closed and endpoint changes, worst first."""
    s = diff.summary
    sides = f"{diff.old.label} ({_when(diff.old)}) -> {diff.new.label} ({_when(diff.new)})"
    console.print(Text.assemble(("unguarded diff: ", "bold"), sides))
    console.print(
        f"{s['new']} new, {s['changed']} changed ({s['worse']} worse), {s['closed']} closed, "
        f"{s['unchanged']} unchanged findings; {s['service_changes']} endpoint changes"
    )
    if diff.is_empty:
        console.print("nothing changed")
        return
    if diff.new_findings:
        console.print(_findings_table("new findings", diff.new_findings))
    if diff.changes:
        table = Table(title="changed findings", title_justify="left")
        for col in ("trend", "severity", "rule", "location", "change"):
            table.add_column(col, overflow="fold")
        for c in diff.changes:
            style = "red" if c.direction == "worse" else "green" if c.direction == "better" else ""
            table.add_row(
                Text(_ARROW[c.direction], style=style),
                _sev(c.severity),
                c.rule_id,
                c.location,
                _change_text(c.field, c.before, c.after),
            )
        console.print(table)
    if diff.closed_findings:
        console.print(_findings_table("closed findings (gone from the newer scan)", diff.closed_findings))
    if diff.service_changes:
        table = Table(title="endpoint changes", title_justify="left")
        for col in ("trend", "endpoint", "engine", "change"):
            table.add_column(col, overflow="fold")
        for sc in diff.service_changes:
            style = "red" if sc.direction == "worse" else "green" if sc.direction == "better" else ""
            table.add_row(
                Text(_ARROW[sc.direction], style=style),
                sc.location,
                sc.engine,
                _change_text(sc.field, sc.before, sc.after),
            )
        console.print(table)


def render_diff(diff: ReportDiff, width: int = 120) -> str:
    """:func:`print_diff` as plain text (no colour), for files, tests and snapshots."""
    buffer = io.StringIO()
    print_diff(Console(file=buffer, width=width, color_system=None, highlight=False, force_terminal=False), diff)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


__all__ = ["print_diff", "render_diff"]
