"""``unguarded history`` and ``unguarded diff`` as users run them: real scans, exit codes, JSON, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from tests.conftest import Lab
from tests.fixed_report import fixed_report

UNGUARDED = str(Path(sys.executable).parent / "unguarded")
PREFIX = "ughistcli:customer"


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([UNGUARDED, *args], capture_output=True, text=True, timeout=timeout)


def _one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("unguarded: error: "), done.stderr
    assert "Traceback" not in done.stderr
    return lines[0]


@pytest.fixture()
def customers(lab: Lab):  # type: ignore[no-untyped-def]
    server = lab.get("redis")
    client = redis.Redis(port=server.port)

    def forget() -> None:
        keys = list(client.scan_iter(f"{PREFIX}:*"))
        if keys:
            client.delete(*keys)

    forget()
    yield server, client
    forget()
    client.close()


@pytest.mark.servers
def test_scan_twice_then_history_and_diff(customers, tmp_path: Path) -> None:
    server, client = customers
    store = f"sqlite:///{tmp_path / 'history.sqlite'}"
    for i in range(25):
        client.hset(f"{PREFIX}:{i}", mapping={"tier": "basic"})
    reports = []
    for step in (1, 2):
        out = tmp_path / f"scan{step}.json"
        done = run("scan", f"redis://{server.url}", "--store", store, "-q", "--fail-on", "critical", "--json", str(out))
        report = json.loads(out.read_text())
        critical = any(f["severity"] == "critical" and f.get("accepted") is None for f in report["findings"])
        assert done.returncode == (1 if critical else 0), done.stderr
        reports.append(report)
        emails = [f"buyer{i}@example.org" for i in range(25)]
        for i, email in enumerate(emails):  # the test writes; the scanner only reads
            client.hset(f"{PREFIX}:{i}", mapping={"tier": "basic", "email": email})

    done = run("history", "--store", store, "--json", "-")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)["scans"]
    assert [s["id"] for s in listed] == [2, 1]
    assert listed[0]["services"] == 1 and listed[0]["usable"] == 1
    assert sum(listed[0]["findings"].values()) == len(reports[1]["findings"])
    table = run("history", "--store", store)
    assert table.returncode == 0 and "127.0.0.1" in table.stdout and "unguarded history" in table.stdout

    done = run("diff", "--store", store, "--json", "-")
    assert done.returncode == 0, done.stderr
    diff = json.loads(done.stdout)
    assert (diff["old"]["label"], diff["new"]["label"]) == ("scan 1", "scan 2")
    added = [f for f in diff["new_findings"] if f["dataset"] == f"{PREFIX}:*"]
    assert len(added) == 1 and "contact.email" in added[0]["categories"] and added[0]["records"] == 25
    assert diff["summary"]["new"] == len(diff["new_findings"]) >= 1
    assert not any(e in done.stdout + done.stderr for e in emails)
    assert "new findings" in done.stderr  # the readable diff goes to stderr when JSON takes stdout

    # the same diff by id and from the JSON report files
    by_id = json.loads(run("diff", "1", "2", "--store", store, "--json", "-").stdout)
    files = json.loads(run("diff", str(tmp_path / "scan1.json"), str(tmp_path / "scan2.json"), "--json", "-").stdout)
    for other in (by_id, files):
        assert other["summary"] == diff["summary"]
        assert [f["fingerprint"] for f in other["new_findings"]] == [f["fingerprint"] for f in diff["new_findings"]]
    # scan 1 against the newest saved scan
    assert json.loads(run("diff", "1", "--store", store, "--json", "-").stdout)["summary"] == diff["summary"]

    severity = added[0]["severity"]
    assert run("diff", "--store", store, "--fail-on-new", severity).returncode == 1
    assert run("diff", "2", "2", "--store", store, "--fail-on-new", "info").returncode == 0
    text = run("diff", "--store", store)
    assert text.returncode == 0 and "ughistcli:" in text.stdout and "new findings" in text.stdout


def test_diff_needs_two_scans(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'h.sqlite'}"
    line = _one_error_line(run("diff", "--store", store))
    assert "has 0 saved scans" in line
    assert run("history", "--store", store).stdout.strip().startswith("no scans saved yet")


def test_bad_inputs_are_one_line_and_exit_2(tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'h.sqlite'}"
    good = tmp_path / "good.json"
    good.write_text(json.dumps(fixed_report().to_json_dict()))
    (tmp_path / "broken.json").write_text('{"services": [')
    (tmp_path / "other.json").write_text('{"version": "2.1.0", "runs": []}')
    (tmp_path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    cases = [
        (("diff", "7", str(good), "--store", store), "no scan 7"),
        (("diff", str(tmp_path / "missing.json"), str(good)), "cannot read"),
        (("diff", str(tmp_path / "broken.json"), str(good)), "is not valid JSON"),
        (("diff", str(tmp_path / "other.json"), str(good)), "is not an unguarded JSON report"),
        (("diff", str(tmp_path / "binary.json"), str(good)), "not UTF-8"),
        (("diff", str(good), str(good), "--fail-on-new", "severe"), "--fail-on-new must be one of"),
        (("diff", "--store", "mysql://root:hunter2@db/x"), "unsupported store URL scheme"),
        (("history", "--store", "postgresql://u:hunter2@127.0.0.1:1/h"), "cannot open the history"),
        (("history", "--store", str(tmp_path / "no" / "dir" / "h.sqlite")), "does not exist"),
    ]
    for args, expected in cases:
        done = run(*args)
        line = _one_error_line(done)
        assert expected in line, (args, line)
        assert "hunter2" not in done.stderr + done.stdout


def test_diff_of_report_files_needs_no_store(tmp_path: Path) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    report = fixed_report()
    old.write_text(json.dumps(report.to_json_dict()))
    smaller = fixed_report(services=report.services[1:], findings=())
    new.write_text(json.dumps(smaller.to_json_dict()))
    done = run("diff", str(old), str(new), "--store", str(tmp_path / "nowhere" / "h.sqlite"), "--json", "-")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {f["dataset"] for f in data["closed_findings"]} == {None, "tracking.people", "tracking.positions"}
    assert data["old"]["label"] == str(old)
    out = tmp_path / "diff.json"
    assert run("diff", str(old), str(new), "--json", str(out)).returncode == 0
    assert json.loads(out.read_text())["summary"] == data["summary"]
