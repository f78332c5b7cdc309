"""Self-contained HTML report: one file a manager can open from an e-mail, offline.

Everything is inline (CSS, a small sorting script, SVG charts drawn here in Python), so
the file needs no network and a strict Content-Security-Policy can pin the one style and
the one script by hash. Every name in the report may come from a hostile server, so the
template autoescapes and the SVG is built with :class:`markupsafe.Markup`, which escapes
whatever is formatted into it.
"""

from __future__ import annotations

import base64
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..findings import Fix, fixes_for
from ..models import Dataset, Finding, Report, Service, Severity, host_port
from ..tracking import Tracking, duration, percent, tracking
from .terminal import patterns_first, worst_first

if TYPE_CHECKING:
    from jinja2 import Environment

#: severity -> (fill colour, text colour on that fill); the same palette in CSS.
SEVERITY_COLOURS: dict[Severity, tuple[str, str]] = {
    Severity.CRITICAL: ("#b3123b", "#ffffff"),
    Severity.HIGH: ("#e0551f", "#ffffff"),
    Severity.MEDIUM: ("#e9a800", "#1d1d1f"),
    Severity.LOW: ("#2f7fc1", "#ffffff"),
    Severity.INFO: ("#8a94a6", "#ffffff"),
}
SEVERITIES: tuple[Severity, ...] = tuple(sorted(Severity, key=lambda s: -s.rank))
#: datasets shown per service; the rest are counted (the JSON report has them all).
MAX_DATASETS_SHOWN = 40
#: examples shown per field (they are masked already; more adds noise, not insight).
MAX_EXAMPLES_SHOWN = 3
_ACCENT = "#2b3a55"
_MUTED = "#c9d1de"
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


# --------------------------------------------------------------------------- numbers


def human(n: int | None) -> str:
    """Short count for chart labels: 6.7M, 2.5M, 12.3k, 59."""
    if n is None:
        return "?"
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (10_000, "k")):
        if n >= size:
            text = f"{n / size:.1f}".removesuffix(".0")
            return f"{text}{suffix}"
    return f"{n:,}"


def count(n: int | None, exact: bool = True) -> str:
    """Full count for tables, with ``~`` when the engine only gave an estimate."""
    if n is None:
        return "?"
    return f"{'' if exact else '~'}{n:,}"


def top_category(category: str) -> str:
    return category.split(".", 1)[0]


# --------------------------------------------------------------------------- summary


@dataclass(frozen=True)
class Summary:
    """The headline numbers, computed once so the page and the tests agree."""

    services: int
    usable: int
    compromised: int
    records_exposed: int
    people_exposed: int | None
    findings_open: int
    findings_accepted: int
    by_severity: dict[Severity, int]
    worst: Severity


def summarize(report: Report) -> Summary:
    """Headline numbers: records count only where anyone can read them.

    People exposed sums the services' estimates where known; it is unknown (None) when
    some service is usable but none gave an estimate, and 0 when nothing is usable.
    """
    known_people = [s.people_exposed for s in report.services if s.people_exposed is not None]
    any_usable = any(s.exposure.usable for s in report.services)
    by_severity = {sev: 0 for sev in SEVERITIES}
    for finding in report.open_findings:
        by_severity[finding.severity] += 1
    worst = max((f.severity for f in report.open_findings), key=lambda s: s.rank, default=Severity.INFO)
    return Summary(
        services=len(report.services),
        usable=sum(1 for s in report.services if s.exposure.usable),
        compromised=sum(1 for s in report.services if s.compromised),
        records_exposed=sum(s.records for s in report.services if s.readable_by_anyone),
        people_exposed=sum(known_people) if known_people or not any_usable else None,
        findings_open=len(report.open_findings),
        findings_accepted=len(report.findings) - len(report.open_findings),
        by_severity=by_severity,
        worst=worst,
    )


def records_by_category(report: Report) -> dict[str, int]:
    """Records of datasets anyone can read, summed per top-level category, largest first."""
    totals: dict[str, int] = defaultdict(int)
    for service in report.services:
        if not service.readable_by_anyone:
            continue
        for ds in service.datasets:
            for top in {top_category(c) for c in ds.categories}:
                totals[top] += ds.records or 0
    return dict(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))


@dataclass
class EngineRow:
    engine: str
    services: int = 0
    usable: int = 0
    records: int = 0


def by_engine(report: Report) -> list[EngineRow]:
    """Services (and how many are usable) and readable records per engine."""
    rows: dict[str, EngineRow] = {}
    for service in report.services:
        row = rows.setdefault(service.engine, EngineRow(service.engine))
        row.services += 1
        row.usable += service.exposure.usable
        row.records += service.records if service.readable_by_anyone else 0
    return sorted(rows.values(), key=lambda r: (-r.services, -r.records, r.engine))


# --------------------------------------------------------------------------- SVG charts


def _svg(width: int, height: int, label: str, body: Iterable[Markup]) -> Markup:
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'role="img" aria-label="{label}" font-family="{font}"><title>{label}</title>{body}</svg>'
    ).format(w=width, h=height, label=label, font=_FONT, body=Markup("").join(body))


def _text(
    x: float,
    y: float,
    text: str,
    *,
    size: int = 12,
    anchor: str = "start",
    fill: str = "#1d1d1f",
    weight: str = "normal",
) -> Markup:
    return Markup(
        '<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
        'font-weight="{weight}">{text}</text>'
    ).format(x=x, y=y, size=size, anchor=anchor, fill=fill, weight=weight, text=text)


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str) -> Markup:
    return Markup(
        '<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" fill="{fill}"><title>{tip}</title></rect>'
    ).format(x=x, y=y, w=max(w, 0.0), h=max(h, 0.0), fill=fill, tip=tip)


def _log_fraction(value: int, top: int) -> float:
    """Bar length on a log scale, so 59 and 6.7M both show; zero stays empty."""
    if value <= 0 or top <= 0:
        return 0.0
    return max(math.log10(value + 1) / math.log10(top + 1), 0.02)


def severity_chart(summary: Summary) -> Markup:
    """Vertical bars: open findings per severity."""
    width, height, top, bottom, left = 340, 200, 24, 34, 8
    slot = (width - 2 * left) / len(SEVERITIES)
    peak = max(summary.by_severity.values(), default=0) or 1
    parts: list[Markup] = [
        Markup('<line x1="{l}" y1="{y}" x2="{r}" y2="{y}" stroke="{c}" stroke-width="1"/>').format(
            l=left, r=width - left, y=height - bottom, c=_MUTED
        )
    ]
    for i, sev in enumerate(SEVERITIES):
        n = summary.by_severity[sev]
        fill, _ = SEVERITY_COLOURS[sev]
        bar_h = (height - top - bottom) * n / peak
        x = left + i * slot + slot * 0.18
        y = height - bottom - bar_h
        parts.append(_rect(x, y, slot * 0.64, bar_h, fill, f"{sev.value}: {n} open findings"))
        parts.append(_text(x + slot * 0.32, y - 6, str(n), size=13, anchor="middle", weight="600"))
        parts.append(_text(x + slot * 0.32, height - bottom + 18, sev.value, anchor="middle", fill="#4a5468"))
    return _svg(width, height, "Open findings by severity", parts)


def _hbar_chart(
    rows: Sequence[tuple[str, int, str, str]],
    title: str,
    *,
    width: int = 340,
    label_w: int = 96,
    empty: str = "nothing",
) -> Markup:
    """Horizontal log-scale bars with the value written beside each: (label, value, tip, fill)."""
    bar_h, gap, pad = 20, 8, 6
    if not rows:
        return _svg(width, 40, title, [_text(pad, 24, empty, fill="#6b7488")])
    height = pad * 2 + len(rows) * (bar_h + gap) - gap
    span = width - label_w - 56
    peak = max(v for _, v, _, _ in rows)
    parts: list[Markup] = []
    for i, (label, value, tip, fill) in enumerate(rows):
        y = pad + i * (bar_h + gap)
        length = span * _log_fraction(value, peak)
        parts.append(_text(label_w - 8, y + bar_h * 0.72, label, anchor="end", fill="#313a4e"))
        parts.append(_rect(label_w, y, length, bar_h, fill, tip))
        parts.append(_text(label_w + length + 6, y + bar_h * 0.72, human(value), weight="600"))
    return _svg(width, height, title, parts)


def category_chart(report: Report) -> Markup:
    """Exposed records per top-level data category (log scale, labelled)."""
    rows = [
        (cat, n, f"{cat}: {n:,} records readable by anyone", _ACCENT) for cat, n in records_by_category(report).items()
    ]
    return _hbar_chart(
        rows, "Exposed records by data category (log scale)", empty="no personal data readable by anyone"
    )


def engine_chart(report: Report) -> Markup:
    """Per engine: services (usable ones in red) on the left, readable records (log) on the right."""
    engines = by_engine(report)
    width, bar_h, gap, pad, label_w = 340, 20, 8, 6, 96
    if not engines:
        return _svg(width, 40, "Services and records by engine", [_text(pad, 24, "no services found", fill="#6b7488")])
    height = pad * 2 + 18 + len(engines) * (bar_h + gap) - gap
    col = (width - label_w) / 2
    most = max(r.services for r in engines)
    peak = max(r.records for r in engines)
    crit = SEVERITY_COLOURS[Severity.CRITICAL][0]
    parts: list[Markup] = [
        _text(label_w, pad + 10, "services (red: usable)", size=11, fill="#6b7488"),
        _text(label_w + col + 8, pad + 10, "records readable", size=11, fill="#6b7488"),
    ]
    for i, row in enumerate(engines):
        y = pad + 18 + i * (bar_h + gap)
        unit = (col - 28) / most
        parts.append(_text(label_w - 8, y + bar_h * 0.72, row.engine, anchor="end", fill="#313a4e"))
        parts.append(_rect(label_w, y, unit * row.usable, bar_h, crit, f"{row.engine}: {row.usable} usable by anyone"))
        parts.append(
            _rect(
                label_w + unit * row.usable,
                y,
                unit * (row.services - row.usable),
                bar_h,
                _MUTED,
                f"{row.engine}: {row.services - row.usable} not usable by anyone",
            )
        )
        parts.append(_text(label_w + unit * row.services + 6, y + bar_h * 0.72, str(row.services), weight="600"))
        length = (col - 52) * _log_fraction(row.records, peak)
        x = label_w + col + 8
        parts.append(_rect(x, y, length, bar_h, _ACCENT, f"{row.engine}: {row.records:,} records readable by anyone"))
        parts.append(_text(x + length + 6, y + bar_h * 0.72, human(row.records) if row.records else "0", weight="600"))
    return _svg(width, height, "Services and records by engine", parts)


# --------------------------------------------------------------------------- per service


def fixes(service: Service, findings: Sequence[Finding]) -> list[Fix]:
    """Distinct remediations for a service's open findings, an intrusion's first; a usable
    service whose findings a baseline all accepted still shows its engine's fix."""
    merged = fixes_for(findings)
    if not merged and service.remediation is not None and service.exposure.usable:
        fix = service.remediation
        merged = [Fix(fix.summary, fix.steps, fix.references, ())]
    return merged


@dataclass
class ServiceView:
    """What the template needs about one service, precomputed and ordered."""

    anchor: str
    service: Service
    inside: list[str]
    datasets: list[Dataset]
    hidden_datasets: int
    findings: list[Finding]
    accepted: list[Finding]
    fixes: list[Fix]
    #: the service's tracking counts when anyone can read its location trails
    tracking: Tracking | None = None

    @property
    def detailed(self) -> bool:
        s = self.service
        return s.severity.at_least(Severity.LOW) or bool(s.datasets or s.evidence or s.errors or self.findings)


def sorted_services(report: Report) -> list[Service]:
    """Every service (accepted ones are listed apart), in the terminal report's order."""
    return worst_first(report.services)


def _key(host: str, port: int, engine: str) -> tuple[str, int, str]:
    return (host.lower(), port, engine)


def service_views(report: Report) -> list[ServiceView]:
    findings: dict[tuple[str, int, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        findings[_key(finding.host, finding.port, finding.engine)].append(finding)
    views = []
    for i, s in enumerate(sorted_services(report), start=1):
        mine = findings[_key(s.host, s.port, s.engine)]
        open_ = [f for f in mine if f.accepted is None]
        ranked = sorted(
            s.datasets, key=lambda d: (not (d.fields or d.patterns), -len(d.categories), -(d.records or 0), d.name)
        )
        inside = patterns_first(s) + sorted(s.categories)
        views.append(
            ServiceView(
                anchor=f"svc-{i}",
                service=s,
                inside=inside,
                datasets=ranked[:MAX_DATASETS_SHOWN],
                hidden_datasets=max(len(ranked) - MAX_DATASETS_SHOWN, 0),
                findings=open_,
                accepted=[f for f in mine if f.accepted is not None],
                fixes=fixes(s, open_),
                tracking=tracking(s) if s.readable_by_anyone else None,
            )
        )
    return views


# --------------------------------------------------------------------------- render


def _asset(name: str) -> str:
    """A static asset, inlined verbatim (named ``.j2`` only so package-data ships it)."""
    return resources.files(__package__).joinpath("templates", name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, unknown names are errors."""
    from jinja2 import Environment, PackageLoader, StrictUndefined  # here: only an HTML report needs Jinja2

    env = Environment(
        loader=PackageLoader("unguarded.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["count"] = count
    env.filters["human"] = human
    env.filters["duration"] = duration
    env.filters["percent"] = percent
    env.globals["patterns_first"] = patterns_first
    env.globals["endpoint"] = host_port
    env.globals["SEVERITY_COLOURS"] = SEVERITY_COLOURS
    return env


def render(report: Report) -> str:
    """The report as one self-contained HTML page."""
    style = _asset("report.css.j2")
    script = _asset("sort.js.j2")
    csp = (
        f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    summary = summarize(report)
    views = service_views(report)
    template = environment().get_template("report.html.j2")
    return template.render(
        report=report,
        summary=summary,
        severities=SEVERITIES,
        views=views,
        accepted=[f for f in report.findings if f.accepted is not None],
        scan_date=report.finished_at.date(),
        duration=max((report.finished_at - report.started_at).total_seconds(), 0.0),
        errors=report.all_errors,
        charts={
            "severity": severity_chart(summary),
            "category": category_chart(report),
            "engine": engine_chart(report),
        },
        style=Markup(style),
        script=Markup(script),
        csp=csp,
    )


__all__ = ["SEVERITY_COLOURS", "Summary", "by_engine", "records_by_category", "render", "summarize"]
