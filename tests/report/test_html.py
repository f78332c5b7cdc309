"""The HTML report: snapshot, self-containment, numbers, escaping, and a real browser.

The browser tests open the file in Debian's headless Chromium through Playwright (its
bundled driver only; browsers are never downloaded). Without Chromium they skip, except
in CI (``CI=true``), where a missing browser is a failure.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.fixed_report import fixed_report
from unguarded.findings import derive_findings
from unguarded.models import (
    Acceptance,
    Access,
    Dataset,
    Evidence,
    Exposure,
    FieldFinding,
    Report,
    ScanError,
    Service,
    Severity,
)
from unguarded.report import FORMATS
from unguarded.report.html import render, summarize

SNAPSHOT = Path(__file__).parent / "snapshots" / "report.html"
CHROMIUM = os.environ.get("UNGUARDED_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"
XSS = "<script>alert(1)</script>"


# --------------------------------------------------------------------------- helpers


def mask_volatile(html: str) -> str:
    """Blank what changes between runs or releases: tool version and times."""
    html = re.sub(r'(<[^>]*data-volatile="[^"]*"[^>]*>)[^<]*', r"\1***", html)
    html = re.sub(r'(<time datetime=")[^"]*', r"\1***", html)
    return re.sub(r'(<meta name="generator" content=")[^"]*', r"\1***", html)


class Page(HTMLParser):
    """A flat view of the page: every tag with its attributes, inline code and marked texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.marked: dict[str, str] = {}
        self._stack: list[tuple[str, str | None, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag in {"meta", "br", "link", "img", "input", "hr", "rect", "line"}:
            return
        self._stack.append((tag, attributes.get("data-summary"), []))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            name, mark, texts = self._stack.pop()
            text = "".join(texts)
            if self._stack:
                self._stack[-1][2].append(text)
            if mark is not None:
                self.marked[mark] = text.strip()
            if name == "style":
                self.styles.append(text)
            if name == "script":
                self.scripts.append(text)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._stack:
            self._stack[-1][2].append(data)

    def attrs(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]

    def with_attr(self, name: str) -> list[str]:
        return [a[name] for _, a in self.tags if name in a]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def number(text: str) -> int:
    return int(text.lstrip("~").replace(",", ""))


def accepted_report() -> Report:
    """The fixed report with two findings accepted by a baseline, one of them expired."""
    report = fixed_report()
    findings = list(report.findings)
    memcached = next(i for i, f in enumerate(findings) if f.engine == "memcached")
    elastic = next(i for i, f in enumerate(findings) if f.engine == "elasticsearch")
    findings[memcached] = findings[memcached].model_copy(
        update={"accepted": Acceptance(reason="lab cache, firewalled", expires=dt.date(2027, 3, 1), accepted_by="ops")}
    )
    findings[elastic] = findings[elastic].model_copy(
        update={"accepted": Acceptance(reason="behind the VPN", expires=dt.date(2026, 1, 1))}
    )
    return report.model_copy(update={"findings": tuple(findings)})


def hostile_report() -> Report:
    """Names and texts as a hostile server could choose them, in every place the page shows."""
    evil = Service(
        host="203.0.113.66",
        port=27017,
        engine="mongodb",
        version=f"7.0{XSS}",
        exposure=Exposure.OPEN,
        access=Access.READ,
        severity=Severity.CRITICAL,
        severity_reason=f"anyone can read it {XSS}",
        auth_detail='no authentication"><img src=x onerror=alert(2)>',
        compromised=True,
        evidence=(Evidence(kind="ransom_note", detail=f"note {XSS}", dataset=XSS),),
        errors=(ScanError(host="203.0.113.66", port=27017, stage="sample", message=f"bad reply {XSS}"),),
        datasets=(
            Dataset(
                name=XSS,
                kind="collection</td><script>alert(4)</script>",
                records=800,
                sampled=10,
                patterns=("identity_records",),
                fields=(
                    FieldFinding(
                        path='"><svg onload=alert(5)>',
                        categories=("contact.email",),
                        examples=("</code><script>alert(6)</script>", "j***@e***.com"),
                    ),
                ),
            ),
        ),
    )
    report = fixed_report()
    report = report.model_copy(update={"services": (*report.services, evil), "findings": ()})
    return report.model_copy(update={"findings": derive_findings(report)})


# --------------------------------------------------------------------------- static checks


def test_registered_as_the_html_format() -> None:
    assert FORMATS["html"] is render


def test_snapshot() -> None:
    html = mask_volatile(render(fixed_report()))
    if os.environ.get("UNGUARDED_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(html, encoding="utf-8")
    assert SNAPSHOT.exists(), "no snapshot yet: run with UNGUARDED_UPDATE_SNAPSHOTS=1"
    assert html == SNAPSHOT.read_text(encoding="utf-8"), "HTML changed: review, then UNGUARDED_UPDATE_SNAPSHOTS=1"


def test_masking_hides_version_and_times() -> None:
    report = fixed_report()
    other = report.model_copy(
        update={
            "tool": report.tool.model_copy(update={"version": "9.9.9"}),
            "started_at": report.started_at + dt.timedelta(days=3, seconds=7),
            "finished_at": report.finished_at + dt.timedelta(days=3, seconds=8),
        }
    )
    assert "9.9.9" in render(other)
    assert mask_volatile(render(other)) == mask_volatile(render(report))


def test_self_contained_no_external_resources() -> None:
    html = render(fixed_report())
    page = parse(html)
    assert page.attrs("link") == [], "no <link>: styles are inline"
    for tag, attrs in page.tags:
        for name in ("src", "srcset", "data", "poster", "xlink:href", "action", "formaction", "background"):
            assert name not in attrs, f"<{tag} {name}=...> loads something"
        if "href" in attrs:
            assert tag == "a", f"<{tag} href> would load a resource"
            href = attrs["href"]
            assert href.startswith(("#", "https://", "http://")), href
            if href.startswith("http"):
                assert "noreferrer" in attrs.get("rel", ""), href
    assert [a for a in page.attrs("script") if a] == [], "scripts are inline, with no attributes"
    for css in page.styles + page.with_attr("style"):
        assert "@import" not in css and "url(" not in css and "@font-face" not in css
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.sub(r'<a [^>]*href="https?://[^"]*"', "", html))


def test_content_security_policy_pins_inline_code() -> None:
    page = parse(render(fixed_report()))
    [csp] = [a["content"] for a in page.attrs("meta") if a.get("http-equiv", "").lower() == "content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in csp and "http" not in csp
    assert len(page.styles) == 1 and len(page.scripts) == 1

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert directives["style-src"] == digest(page.styles[0])
    assert directives["script-src"] == digest(page.scripts[0])


def test_summary_numbers_match_the_report() -> None:
    report = accepted_report()
    page = parse(render(report))
    exposed = [s for s in report.services if s.exposure.usable and s.access.rank >= Access.READ.rank]
    assert number(page.marked["services"]) == len(report.services) == 7
    assert number(page.marked["usable"]) == sum(s.exposure.usable for s in report.services) == 5
    assert number(page.marked["compromised"]) == sum(s.compromised for s in report.services) == 2
    assert number(page.marked["records"]) == sum(s.records for s in exposed) == 9_205_029
    assert number(page.marked["people"]) == 2_500_000
    assert number(page.marked["findings"]) == len(report.open_findings) == 11
    assert number(page.marked["accepted"]) == 2
    pills = {a["data-severity"]: None for a in page.attrs("span") if "data-severity" in a}
    assert list(pills) == ["critical", "high", "medium", "low", "info"]
    summary = summarize(report)
    for sev in Severity:
        expected = sum(1 for f in report.open_findings if f.severity is sev)
        assert summary.by_severity[sev] == expected
        assert f'data-severity="{sev.value}">{sev.value}<b>{expected}</b>' in render(report)


def test_people_unknown_when_no_service_estimates_it() -> None:
    report = fixed_report()
    report = report.model_copy(
        update={"services": tuple(s.model_copy(update={"people_exposed": None}) for s in report.services)}
    )
    assert parse(render(report)).marked["people"] == "unknown"


def test_every_service_and_finding_appears() -> None:
    report = accepted_report()
    html = render(report)
    page = parse(html)
    rows = [a["data-service"] for a in page.attrs("tr") if "data-service" in a]
    assert len(rows) == len(report.services)
    for s in report.services:
        assert f"{s.host}:{s.port}" in html
    shown_open = [a["data-finding"] for a in page.attrs("tr") if "data-finding" in a]
    shown_accepted = [a["data-accepted"] for a in page.attrs("tr") if "data-accepted" in a]
    assert sorted(shown_open) == sorted(f.fingerprint for f in report.open_findings)
    assert sorted(shown_accepted) == sorted(f.fingerprint for f in report.findings if f.accepted)
    for s in report.services:
        for ds in s.datasets:
            assert ds.name in html
            for fld in ds.fields:
                for example in fld.examples[:3]:
                    assert example in html.replace("&#34;", '"')


def test_accepted_findings_are_separate_with_reason_and_expiry() -> None:
    html = render(accepted_report())
    accepted = html[html.index('<section id="accepted"') :]
    accepted = accepted[: accepted.index("</section>")]
    assert "lab cache, firewalled" in accepted and "until 2027-03-01" in accepted and "by ops" in accepted
    assert "behind the VPN" in accepted and "expired 2026-01-01" in accepted
    details = html[html.index('<section id="details"') : html.index('<section id="accepted"')]
    assert "lab cache, firewalled" not in details
    assert details.count('href="#accepted"') == 2


def test_charts_show_small_and_large_values() -> None:
    html = render(fixed_report())
    charts = html[html.index('<section id="charts"') :]
    charts = charts[: charts.index("</section>")]
    assert charts.count("<svg") == 3
    assert ">location</text>" in charts and ">6.7M</text>" in charts
    # contact: 1,450 (redis session:*) + 59 (postgres customer), summed per top-level category
    assert ">contact</text>" in charts and ">1,509</text>" in charts
    assert "contact: 1,509 records readable by anyone" in charts
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', charts)]
    assert widths and all(w >= 0 for w in widths) and min(w for w in widths if w > 0) > 1


def test_empty_report_renders() -> None:
    report = fixed_report(services=(), errors=(), findings=())
    html = render(report)
    page = parse(html)
    assert page.marked["services"] == "0" and page.marked["people"] == "0" and page.marked["records"] == "0"
    assert "No data services were found." in html


def test_hostile_names_are_escaped() -> None:
    html = render(hostile_report())
    page = parse(html)
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(page.scripts) == 1
    for _tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], attrs


# --------------------------------------------------------------------------- browser


@dataclass
class Opened:
    page: Any
    console: list[str]
    errors: list[str]
    dialogs: list[str]
    requests: list[str]


def _need(what: str, ok: bool) -> None:
    if ok:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (CI=true)")
    pytest.skip(f"{what} is not available (required only in CI)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need(f"Chromium at {CHROMIUM}", Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need("the playwright package (the test extra)", False)
        raise
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Callable[[Report], Opened]]:
    contexts: list[Any] = []

    def opener(report: Report) -> Opened:
        path = tmp_path / "report.html"
        path.write_text(render(report), encoding="utf-8")
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page, [], [], [], [])
        page.on(
            "console",
            lambda m: opened.console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def on_dialog(dialog: Any) -> None:
            opened.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def route(r: Any) -> None:
            if r.request.url == path.as_uri():
                r.continue_()
            else:
                opened.requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(path.as_uri(), wait_until="load")
        return opened

    yield opener
    for context in contexts:
        context.close()


def test_browser_renders_without_errors_and_is_not_blank(open_report: Callable[[Report], Opened]) -> None:
    from PIL import Image

    opened = open_report(fixed_report())
    png = opened.page.screenshot(full_page=True)
    if os.environ.get("UNGUARDED_HTML_SCREENSHOT"):
        Path(os.environ["UNGUARDED_HTML_SCREENSHOT"]).write_bytes(png)
    assert opened.console == [] and opened.errors == [] and opened.dialogs == []
    assert opened.requests == [], "the page tried to load something"
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.height > 2000, "the whole report should be long: summary, charts, table, details"
    counts: list[tuple[int, tuple[int, int, int]]] = image.getcolors(maxcolors=1 << 24)  # type: ignore[assignment]
    assert counts is not None
    assert len(counts) > 200, "a blank or unstyled page has few colours"
    total = image.width * image.height
    background = {(255, 255, 255), (0xF3, 0xF5, 0xF9)}  # white cards on the page's grey
    drawn = sum(n for n, colour in counts if colour not in background)
    assert drawn / total > 0.1, "text, tables and charts cover part of the page"
    crimson = sum(n for n, (r, g, b) in counts if abs(r - 0xB3) < 12 and abs(g - 0x12) < 12 and abs(b - 0x3B) < 12)
    assert crimson > 2000, "severity colours (from the hashed stylesheet and the SVG) are drawn"
    opened.page.emulate_media(media="print")
    assert len(opened.page.pdf()) > 10_000


def _column(page: Any, index: int) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "table.sortable tbody tr",
            "(rows, i) => rows.map(r => r.cells[i].getAttribute('data-sort') ?? r.cells[i].textContent.trim())",
            index,
        )
    )


def test_browser_sorts_the_table_by_clicking_headers(open_report: Callable[[Report], Opened]) -> None:
    report = hostile_report()  # adds a service of 800 records: "800" > "3562" as text, not as a number
    opened = open_report(report)
    page = opened.page
    severities = [int(x) for x in _column(page, 0)]
    assert severities == sorted(severities, reverse=True), "rows default to worst first"
    page.click("table.sortable thead th:nth-child(6) button")
    records = [int(x) for x in _column(page, 5)]
    assert records == sorted(records, reverse=True) and 800 in records and 3562 in records
    assert page.get_attribute("table.sortable thead th:nth-child(6)", "aria-sort") == "descending"
    page.click("table.sortable thead th:nth-child(6) button")
    assert [int(x) for x in _column(page, 5)] == sorted(records)
    page.click("table.sortable thead th:nth-child(3) button")
    engines = [x.split()[0] for x in _column(page, 2)]
    assert engines == sorted(engines)
    assert opened.console == [] and opened.errors == []


def test_browser_shows_hostile_names_as_text(open_report: Callable[[Report], Opened]) -> None:
    opened = open_report(hostile_report())
    text = opened.page.inner_text("body")
    assert XSS in text and "<svg onload=alert(5)>" in text and "</code><script>alert(6)</script>" in text
    assert opened.page.eval_on_selector_all("script", "s => s.length") == 1
    assert opened.dialogs == [] and opened.console == [] and opened.errors == []
