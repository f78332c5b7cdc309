"""Terminal report: a summary table sorted by severity, then what to do, per service."""

from __future__ import annotations

import io
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..findings import Fix, fixes_for
from ..models import Report, Service, Severity
from ..tracking import TRACKING_SYSTEM, tracking

#: rich style per severity, shared by every terminal view (scan, config, diff)
SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
MAX_DATASETS_SHOWN = 8


def _fmt_count(n: int | None) -> str:
    return "?" if n is None else f"{n:,}"


def _accepted_endpoints(report: Report) -> set[tuple[str, int]]:
    """Endpoints whose every finding a baseline accepted: known risks, not shown again."""
    accepted = {(f.host, f.port) for f in report.findings if f.accepted is not None}
    still_open = {(f.host, f.port) for f in report.open_findings}
    return accepted - still_open


def sorted_services(report: Report) -> list[Service]:
    """Services worst first, leaving out those a baseline fully accepted."""
    hidden = _accepted_endpoints(report)
    return worst_first(s for s in report.services if (s.host, s.port) not in hidden)


def worst_first(services: Iterable[Service]) -> list[Service]:
    """Worst first, then most records: the order to act in, in every report."""
    return sorted(services, key=lambda s: (-s.severity.rank, -s.records, s.host, s.port))


def patterns_first(service: Service) -> list[str]:
    """A service's patterns in order, ``tracking_system`` first: it is what matters most."""
    return sorted(service.all_patterns, key=lambda p: (p != TRACKING_SYSTEM, p))


def tracking_lines(report: Report) -> list[tuple[Service, str]]:
    """One line per service anyone can read that holds location trails, worst first."""
    out = []
    for s in sorted_services(report):
        moves = tracking(s) if s.readable_by_anyone else None
        if moves is not None:
            label = "TRACKING SYSTEM" if moves.linked else "LOCATION TRAILS"
            out.append((s, f"{label}  {s.host}:{s.port} {s.engine}: {moves.sentence()}"))
    return out


def summary_table(report: Report) -> Table:
    table = Table(title="unguarded: exposed data services", title_justify="left", expand=False)
    for col in ("severity", "endpoint", "engine", "exposure", "access", "records", "what is inside"):
        table.add_column(col, overflow="fold")
    for s in sorted_services(report):
        inside = patterns_first(s) + sorted(s.categories - {"person.name"})[:6]
        if s.compromised:
            inside.insert(0, "COMPROMISED")
        table.add_row(
            Text(s.severity.value.upper(), style=SEVERITY_STYLE[s.severity]),
            f"{s.host}:{s.port}",
            f"{s.engine} {s.version or ''}".strip(),
            s.exposure.value,
            s.access.value,
            _fmt_count(s.records) if s.datasets else "-",
            ", ".join(inside) or ("-" if not s.datasets else "no personal data found"),
        )
    return table


def _details(console: Console, s: Service, fixes: list[Fix]) -> None:
    console.print(
        Text(f"\n{s.severity.value.upper()}  {s.host}:{s.port}  {s.engine}", style=SEVERITY_STYLE[s.severity])
    )
    if s.severity_reason:
        console.print(f"  why: {s.severity_reason}")
    if s.auth_detail:
        console.print(f"  how: {s.auth_detail}")
    moves = tracking(s) if s.readable_by_anyone else None
    if moves is not None:
        label = "tracking system" if moves.linked else "location trails"
        console.print(f"  [bold red]{label}:[/bold red] {moves.sentence()}", highlight=False)
        for link in s.links:
            people = f", about {link.people:,} people" if link.people is not None else ""
            how = f" ({link.how})" if link.how else ""
            console.print(
                f"      {link.source}.{link.via[0]} -> {link.to}.{link.via[1]}{people}{how}",
                highlight=False,
                markup=False,
            )
    if s.people_exposed:
        console.print(f"  people exposed: about {s.people_exposed:,}")
    for ev in s.evidence:
        console.print(f"  [red]evidence[/red] {ev.kind}: {ev.detail}", markup=True, highlight=False)
    ranked = sorted(s.datasets, key=lambda d: (-len(d.fields), -(d.records or 0)))
    for d in ranked[:MAX_DATASETS_SHOWN]:
        pats = f" [{', '.join(d.patterns)}]" if d.patterns else ""
        people = (
            f", about {d.people_estimate:,} people ({d.people_source})" if d.people_estimate and d.people_source else ""
        )
        console.print(f"  - {d.name}: {_fmt_count(d.records)} records{people}{pats}", highlight=False, markup=False)
        for f in d.fields:
            ex = f" e.g. {', '.join(f.examples)}" if f.examples else ""
            console.print(f"      {f.path}: {', '.join(f.categories)}{ex}", highlight=False, markup=False)
    if len(ranked) > MAX_DATASETS_SHOWN:
        console.print(f"  ... and {len(ranked) - MAX_DATASETS_SHOWN} more datasets (see the JSON report)")
    for fix in fixes:
        console.print(f"  [bold]fix:[/bold] {fix.summary}", highlight=False)
        for step in fix.steps:
            console.print(f"      {step}", highlight=False, markup=False)


def service_fixes(report: Report, s: Service) -> list[Fix]:
    """What to do about a service's open findings, intrusion first."""
    return fixes_for(f for f in report.open_findings if (f.host, f.port) == (s.host, s.port))


def render(report: Report, *, width: int = 120, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None)
    print_report(console, report)
    return buf.getvalue()


def print_report(console: Console, report: Report) -> None:
    stats = report.stats
    for _service, line in tracking_lines(report):
        console.print(Text(line, style=SEVERITY_STYLE[Severity.CRITICAL]))
    if sorted_services(report):
        console.print(summary_table(report))
    console.print(
        f"{stats.addresses} addresses, {stats.ports_probed} ports probed, {stats.open_ports} open, "
        f"{len(report.services)} data services identified, "
        f"{sum(1 for s in report.services if s.exposure.usable)} usable by anyone",
        highlight=False,
    )
    accepted = len(report.findings) - len(report.open_findings)
    if accepted:
        console.print(
            f"{accepted} findings accepted in the baseline are not shown "
            f"({len(_accepted_endpoints(report))} services with nothing new)",
            highlight=False,
        )
    for s in sorted_services(report):
        if s.severity.at_least(Severity.MEDIUM) or s.compromised:
            _details(console, s, service_fixes(report, s))
    errors = report.all_errors
    if errors:
        console.print(f"\n{len(errors)} errors:")
        for e in errors[:50]:
            where = f"{e.host}:{e.port} " if e.host else ""
            console.print(f"  {where}[{e.stage or 'scan'}] {e.message}", highlight=False, markup=False)
