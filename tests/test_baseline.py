"""Baselines: create, load, apply (with expiry), merge, reject bad files; the CLI end to end."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixed_report import fixed_report
from unguarded.baseline import (
    Baseline,
    BaselineError,
    apply_baseline,
    dump_baseline,
    entry_for,
    load_baseline,
    merge_entries,
    parse_baseline,
    save_baseline,
    select_findings,
)
from unguarded.findings import fingerprint
from unguarded.models import Report, Severity

EXE = [sys.executable, "-m", "unguarded.cli"]
DAY = dt.date(2026, 12, 1)


def run(*args: str, cwd: Path | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EXE, *args], check=False, capture_output=True, text=True, timeout=timeout, cwd=cwd)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("unguarded: error: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture()
def report() -> Report:
    return fixed_report()


def make(report: Report, reason: str = "known lab", expires: dt.date | None = None, **select: object) -> Baseline:
    chosen = select_findings(report.findings, **select)  # type: ignore[arg-type]
    baseline, _ = merge_entries(None, [entry_for(f, reason, expires, "sec-team", DAY) for f in chosen], today=DAY)
    return baseline


# --------------------------------------------------------------------------- library


def test_round_trip_and_apply(report: Report, tmp_path: Path) -> None:
    mongo = [f for f in report.findings if f.host == "10.0.0.5"]
    assert len(mongo) == 4
    baseline = make(report, fingerprints=[f.fingerprint for f in mongo])
    path = tmp_path / "b.json"
    save_baseline(baseline, path)
    loaded = load_baseline(path)
    assert loaded == baseline and len(loaded.entries) == 4

    applied = apply_baseline(report, loaded, today=DAY)
    assert [f.fingerprint for f in applied.findings] == [f.fingerprint for f in report.findings]
    accepted = {f.fingerprint for f in applied.findings if f.accepted is not None}
    assert accepted == {f.fingerprint for f in mongo}
    for f in applied.findings:
        if f.accepted is not None:
            assert f.accepted.reason == "known lab" and f.accepted.accepted_by == "sec-team"
    assert len(applied.open_findings) == len(report.findings) - 4
    assert all(f.accepted is None for f in report.findings), "the input report is not changed"


def test_entry_fields_match_the_finding(report: Report) -> None:
    finding = next(f for f in report.findings if f.dataset == "tracking.people")
    entry = entry_for(finding, "why", dt.date(2027, 1, 31), None, DAY)
    assert entry.fingerprint == fingerprint("10.0.0.5", 27017, "mongodb", "tracking.people", "exposed_sensitive_data")
    assert (entry.rule_id, entry.type, entry.location, entry.severity) == (
        "UG-SCAN-004",
        "exposed_sensitive_data",
        "10.0.0.5:27017/tracking.people",
        Severity.CRITICAL,
    )
    assert entry.accepted_on == DAY


def test_fingerprints_survive_a_rescan(report: Report) -> None:
    """A later scan of the same services, with different counts and times, is still accepted."""
    baseline = make(report)
    later = fixed_report(
        started_at=dt.datetime(2027, 3, 1, tzinfo=dt.UTC), finished_at=dt.datetime(2027, 3, 1, 0, 1, tzinfo=dt.UTC)
    )
    assert all(f.accepted is not None for f in apply_baseline(later, baseline, today=DAY).findings)


def test_expiry_uses_the_injected_day(report: Report) -> None:
    baseline = make(report, expires=dt.date(2027, 1, 31))
    on_the_day = apply_baseline(report, baseline, today=dt.date(2027, 1, 31))
    assert all(f.accepted is not None and f.accepted.expires == dt.date(2027, 1, 31) for f in on_the_day.findings)
    after = apply_baseline(report, baseline, today=dt.date(2027, 2, 1))
    assert all(f.accepted is None for f in after.findings)
    assert len(after.open_findings) == len(report.findings)
    # an acceptance carried in from an earlier application is cleared once it expires
    again = apply_baseline(on_the_day, baseline, today=dt.date(2027, 2, 1))
    assert all(f.accepted is None for f in again.findings)


def test_apply_derives_findings_when_the_report_has_none(report: Report) -> None:
    bare = report.model_copy(update={"findings": ()})
    applied = apply_baseline(bare, make(report), today=DAY)
    assert len(applied.findings) == 13 and not applied.open_findings


def test_select_findings_bounds(report: Report) -> None:
    ranks = [f.severity.rank for f in select_findings(report.findings, max_severity=Severity.MEDIUM)]
    assert ranks and max(ranks) <= Severity.MEDIUM.rank
    assert len(ranks) == sum(1 for f in report.findings if f.severity.rank <= 2)
    high_up = select_findings(report.findings, min_severity=Severity.HIGH)
    assert {f.severity for f in high_up} == {Severity.CRITICAL, Severity.HIGH}
    assert len(select_findings(report.findings)) == 13


def test_merge_keeps_old_decisions_and_renews_expired(report: Report) -> None:
    first = report.findings[:2]
    old, _ = merge_entries(
        None,
        [
            entry_for(first[0], "old reason", None, "alice", DAY),
            entry_for(first[1], "short-lived", dt.date(2026, 12, 5), None, DAY),
        ],
        today=DAY,
    )
    later = dt.date(2026, 12, 10)  # the second entry has expired by now
    new = [entry_for(f, "new reason", None, "bob", later) for f in report.findings]
    merged, counts = merge_entries(old, new, today=later)
    entries = merged.by_fingerprint()
    assert len(entries) == 13
    assert entries[first[0].fingerprint].reason == "old reason" and entries[first[0].fingerprint].accepted_by == "alice"
    assert entries[first[1].fingerprint].reason == "new reason", "an expired entry accepted again is renewed"
    assert (counts.added, counts.kept, counts.renewed) == (11, 1, 1)
    assert merged.created_at == old.created_at
    replaced, counts = merge_entries(old, new[:1], replace=True, today=later)
    assert len(replaced.entries) == 1 and replaced.entries[0].reason == "new reason" and counts.added == 1


def test_dump_is_stable_and_value_free(report: Report) -> None:
    baseline = make(report)
    text = dump_baseline(baseline)
    assert text == dump_baseline(parse_baseline(text)) and text.endswith("\n")
    ranks = [e.severity.rank for e in baseline.entries]
    assert ranks == sorted(ranks, reverse=True)
    examples = {e for s in report.services for d in s.datasets for fl in d.fields for e in fl.examples}
    assert examples and not [e for e in examples if e in text]


# --------------------------------------------------------------------------- bad files


def _valid(report: Report) -> dict[str, object]:
    return json.loads(dump_baseline(make(report)))


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.update(version=2), "baseline version 2; this unguarded"),
        (lambda d: d.update(version="1"), 'baseline version "1"'),
        (lambda d: d.update(version=True), "baseline version true"),
        (lambda d: d.pop("version"), "has no 'version'"),
        (lambda d: d["entries"][0].pop("reason"), "entries[0].reason: Field required"),
        (lambda d: d["entries"][1].update(reason=""), "entries[1].reason"),
        (lambda d: d["entries"][0].update(fingerprint="nope"), "entries[0].fingerprint"),
        (lambda d: d["entries"][0].update(severity="catastrophic"), "entries[0].severity"),
        (lambda d: d["entries"][0].update(expires="someday"), "entries[0].expires"),
        (lambda d: d["entries"][0].update(surprise=1), "entries[0].surprise"),
        (lambda d: d["entries"].append(dict(d["entries"][0])), "is listed twice"),
        (lambda d: d.pop("tool"), "tool: Field required"),
    ],
)
def test_invalid_baselines(report: Report, tmp_path: Path, mutate, expected: str) -> None:  # type: ignore[no-untyped-def]
    data = _valid(report)
    mutate(data)
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data))
    with pytest.raises(BaselineError) as caught:
        load_baseline(path)
    message = str(caught.value)
    assert expected in message and "\n" not in message, message
    assert "input_value" not in message and "pydantic" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"{not json", "is not valid JSON (line 1"),
        (b"[]", "must hold a JSON object"),
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"", "is not valid JSON"),
    ],
)
def test_unreadable_baselines(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "b.json"
    path.write_bytes(content)
    with pytest.raises(BaselineError, match=re.escape(expected)):
        load_baseline(path)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="does not exist"):
        load_baseline(tmp_path / "nope.json")
    with pytest.raises(BaselineError, match="cannot read baseline file"):
        load_baseline(tmp_path)


# --------------------------------------------------------------------------- CLI


@pytest.fixture()
def report_file(report: Report, tmp_path: Path) -> Path:
    path = tmp_path / "r.json"
    path.write_text(json.dumps(report.to_json_dict()))
    return path


def test_cli_create_merge_show(report: Report, report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    done = run(
        "baseline",
        "create",
        "--from-report",
        str(report_file),
        "--reason",
        "lab network",
        "--accepted-by",
        "ops",
        "--max-severity",
        "high",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    up_to_high = {f.fingerprint for f in report.findings if f.severity.rank <= Severity.HIGH.rank}
    n = len(up_to_high)
    assert 0 < n < 13 and any(f.severity is Severity.HIGH for f in report.findings)
    assert (
        f"{n} accepted finding(s) ({n} added, 0 kept, 0 renewed, {13 - n} of the scan's findings left out"
        in done.stdout
    )
    first = load_baseline(out)
    assert {e.fingerprint for e in first.entries} == up_to_high
    assert Severity.CRITICAL not in {e.severity for e in first.entries}
    assert all(e.reason == "lab network" and e.accepted_by == "ops" for e in first.entries)

    # merging: the old entries keep their reason; the rest arrive with the new one
    done = run(
        "baseline",
        "create",
        "--from-report",
        str(report_file),
        "--reason",
        "second pass",
        "--expires",
        "2099-12-31",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert f"({13 - n} added, {n} kept, 0 renewed)" in done.stdout
    merged = load_baseline(out).by_fingerprint()
    assert len(merged) == 13
    for f in report.findings:
        expected = ("lab network", None) if f.fingerprint in up_to_high else ("second pass", dt.date(2099, 12, 31))
        assert (merged[f.fingerprint].reason, merged[f.fingerprint].expires) == expected

    shown = run("baseline", "show", str(out), "--today", "2100-01-01")
    assert shown.returncode == 0, shown.stderr
    assert f"13 entries: {n} active, {13 - n} expired" in shown.stdout
    assert "10.0.0.5:27017" in shown.stdout

    done = run(
        "baseline",
        "create",
        "--from-report",
        str(report_file),
        "--reason",
        "fresh",
        "--replace",
        "--min-severity",
        "critical",
        "-o",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert {e.reason for e in load_baseline(out).entries} == {"fresh"}
    assert len(load_baseline(out).entries) == sum(1 for f in report.findings if f.severity is Severity.CRITICAL)


def test_cli_default_output_and_fingerprint(report: Report, report_file: Path, tmp_path: Path) -> None:
    target = report.findings[0]
    done = run(
        "baseline",
        "create",
        "--from-report",
        str(report_file),
        "--reason",
        "one",
        "--fingerprint",
        target.fingerprint,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    written = load_baseline(tmp_path / ".unguarded-baseline.json")
    assert [e.fingerprint for e in written.entries] == [target.fingerprint]
    shown = run("baseline", "show", cwd=tmp_path)
    assert shown.returncode == 0 and "1 entries: 1 active, 0 expired" in shown.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), "--reason is required"),
        (("--reason", "  "), "--reason is required"),
        (("--reason", "x", "--expires", "31/12/2099"), "--expires must be a date"),
        (("--reason", "x", "--expires", "2000-01-01"), "--expires must be in the future"),
        (("--reason", "x", "--min-severity", "huge"), "--min-severity must be one of"),
        (("--reason", "x", "--min-severity", "critical", "--max-severity", "low"), "no finding could be accepted"),
        (("--reason", "x", "--fingerprint", "0" * 32), "match no finding"),
        (("--reason", "x", "--scan", "3"), "cannot be combined with --scan"),
    ],
)
def test_cli_bad_input(report_file: Path, tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    out = tmp_path / "b.json"
    line = one_error_line(run("baseline", "create", "--from-report", str(report_file), *args, "-o", str(out)))
    assert expected in line, line
    assert not out.exists()


def test_cli_bad_report_files(tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    assert "does not exist" in one_error_line(
        run("baseline", "create", "--from-report", str(tmp_path / "no.json"), "--reason", "x", "-o", str(out))
    )
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": "world"}')
    line = one_error_line(run("baseline", "create", "--from-report", str(bad), "--reason", "x", "-o", str(out)))
    assert "is not an unguarded JSON report" in line and "world" not in line


def test_cli_refuses_to_merge_into_a_corrupt_file(report_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    out.write_text('{"version": 7, "entries": []}')
    line = one_error_line(run("baseline", "create", "--from-report", str(report_file), "--reason", "x", "-o", str(out)))
    assert "version 7" in line and "--replace" in line
    assert json.loads(out.read_text())["version"] == 7, "the file is left alone"
    done = run("baseline", "create", "--from-report", str(report_file), "--reason", "x", "--replace", "-o", str(out))
    assert done.returncode == 0 and len(load_baseline(out).entries) == 13


def test_cli_show_bad_file(tmp_path: Path) -> None:
    assert "does not exist" in one_error_line(run("baseline", "show", str(tmp_path / "none.json")))


def test_cli_from_history(report: Report, tmp_path: Path) -> None:
    from unguarded.history import open_store

    url = f"sqlite:///{tmp_path / 'history.sqlite'}"
    out = tmp_path / "b.json"
    line = one_error_line(run("baseline", "create", "--store", url, "--reason", "x", "-o", str(out)))
    assert "no scans" in line

    older = fixed_report(services=fixed_report().services[:1])  # only the tracking MongoDB
    with open_store(url) as store:
        first_id = store.save(older)
        store.save(report)
    done = run("baseline", "create", "--store", url, "--reason", "latest", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert {e.fingerprint for e in load_baseline(out).entries} == {f.fingerprint for f in report.findings}

    done = run(
        "baseline", "create", "--store", url, "--scan", str(first_id), "--reason", "older", "--replace", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert {e.fingerprint for e in load_baseline(out).entries} == {f.fingerprint for f in older.findings}
    assert len(older.findings) == 4

    line = one_error_line(
        run("baseline", "create", "--store", url, "--scan", "987654", "--reason", "x", "-o", str(out))
    )
    assert "987654" in line


def test_scan_accepts_a_baseline_and_rejects_a_bad_one(report: Report, tmp_path: Path) -> None:
    good = tmp_path / "b.json"
    save_baseline(make(report), good)
    done = run("scan", "127.0.0.1:1", "--no-store", "-q", "--baseline", str(good), timeout=60)
    assert done.returncode == 0, (done.stdout, done.stderr)
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 99}')
    line = one_error_line(run("scan", "127.0.0.1:1", "--no-store", "-q", "--baseline", str(bad), timeout=60))
    assert "version 99" in line
    line = one_error_line(
        run("scan", "127.0.0.1:1", "--no-store", "-q", "--baseline", str(tmp_path / "missing.json"), timeout=60)
    )
    assert "does not exist" in line
