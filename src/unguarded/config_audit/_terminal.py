"""Terminal output: worst first, each finding with its place, what it means and the fix."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from ..models import Severity
from ..report.terminal import SEVERITY_STYLE
from ._model import ConfigFinding, ConfigReport


def render_terminal(report: ConfigReport, *, width: int = 100, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None)
    print_terminal(console, report)
    return buf.getvalue()


def print_terminal(console: Console, report: ConfigReport) -> None:
    active = sorted(report.active, key=lambda f: (-f.severity.rank, f.path, f.line))
    for finding in active:
        _finding(console, finding)
    suppressed = [f for f in report.findings if f.suppressed]
    for finding in suppressed:
        until = f" until {finding.suppression.until}" if finding.suppression and finding.suppression.until else ""
        console.print(Text(f"suppressed  {finding.rule_id}  {finding.path}:{finding.line}{until}", style="dim"))
    for error in report.errors:
        where = f"{error.path}:{error.line}" if error.line else error.path
        console.print(Text(f"error  {where}  {error.message}", style="bold red"))
    console.print(Text(_summary(report), style="bold"))


def _finding(console: Console, finding: ConfigFinding) -> None:
    head = Text()
    head.append(f"{finding.severity.value.upper():<8}", style=SEVERITY_STYLE[finding.severity])
    head.append(f"  {finding.rule_id}  {finding.path}:{finding.line}  {finding.title}")
    console.print(head)
    console.print(Text(f"    {finding.message}"))
    for related in finding.related:
        console.print(Text(f"    with {related.path}:{related.line}  {related.message}"))
    console.print(Text(f"    fix: {finding.remediation.summary}", style="green"))
    for step in finding.remediation.steps:
        for line in step.splitlines():
            console.print(Text(f"         {line}"))
    console.print()


def _summary(report: ConfigReport) -> str:
    counts = [f"{n} {s.value}" for s in Severity if (n := sum(1 for f in report.active if f.severity is s))]
    parts = [
        f"{report.files_audited} files audited",
        f"{len(report.active)} findings" + (f" ({', '.join(counts)})" if counts else ""),
    ]
    if suppressed := len(report.findings) - len(report.active):
        parts.append(f"{suppressed} suppressed")
    if report.errors:
        parts.append(f"{len(report.errors)} files not audited")
    return ", ".join(parts)
