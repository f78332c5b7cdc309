"""`unguarded scan` with every report flag at once, against a real server: all formats from
one scan, the history, a baseline that hides accepted findings, and webhook alerts."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from tests.conftest import Lab, shared_dir
from tests.report.helpers import validate_sarif
from tests.test_alerts import http_server

EXE = [sys.executable, "-m", "unguarded.cli"]
CANARY_EMAIL = "canary-5d1c@report-flags.example"
CANARY_PHONE = "+447700900123"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def target(lab: Lab) -> str:
    """The lab Redis with a key group of people, under a prefix no other test uses."""
    server = lab.get("redis")
    client = redis.Redis(port=server.port, db=7)
    for i in range(30):
        client.hset(f"reportflags:{i}", mapping={"email": f"p{i}-{CANARY_EMAIL}", "phone": CANARY_PHONE})
    yield f"127.0.0.1:{server.port}"
    client.flushdb()


@pytest.mark.servers
def test_every_format_from_one_scan_and_alerts_only_for_new(target: str, tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'history.sqlite'}"
    out = {name: tmp_path / f"scan.{name}" for name in ("json", "sarif", "html", "csv")}
    with http_server(200) as (url, hook):
        first = run(
            "scan",
            target,
            "-q",
            "--store",
            store,
            "--webhook",
            f"{url}/hook",
            "--fail-on",
            "critical",
            *(arg for name, path in out.items() for arg in (f"--{name}", str(path))),
        )
        assert first.returncode in (0, 1), first.stderr
        report = json.loads(out["json"].read_text())
        locations = {f["dataset"] for f in report["findings"]}
        assert "db7:reportflags:*" in locations
        validate_sarif(out["sarif"].read_text())
        rows = list(csv.DictReader(io.StringIO(out["csv"].read_text())))
        assert len(rows) == len(report["findings"])
        assert "db7:reportflags:*" in out["html"].read_text()
        for path in out.values():
            text = path.read_text()
            assert CANARY_EMAIL not in text and CANARY_PHONE not in text, path.name
        # The first scan of this endpoint: every open finding is new and is posted.
        assert len(hook.requests) == 1
        posted = json.loads(hook.requests[0]["body"])  # type: ignore[arg-type]
        assert {f["fingerprint"] for f in posted["new_findings"]} == {f["fingerprint"] for f in report["findings"]}
        assert CANARY_EMAIL not in hook.requests[0]["body"].decode()  # type: ignore[union-attr]
        # The same scan again: nothing new, nothing posted; both scans are in the history.
        again = run("scan", target, "-q", "--store", store, "--webhook", f"{url}/hook", "--json", str(out["json"]))
        assert again.returncode == first.returncode, again.stderr
        assert len(hook.requests) == 1
    listed = json.loads(run("history", "--store", store, "--json", "-").stdout)
    assert len(listed["scans"]) == 2


@pytest.mark.servers
def test_baseline_hides_accepted_findings_until_they_expire(target: str, tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'history.sqlite'}"
    first = run("scan", target, "-q", "--store", store, "--fail-on", "high")
    assert first.returncode == 1, "personal data in the lab Redis is at least high"
    baseline = tmp_path / "baseline.json"
    made = run("baseline", "create", "--store", store, "--reason", "lab data, synthetic", "-o", str(baseline))
    assert made.returncode == 0, made.stderr
    accepted = run("scan", target, "--no-store", "--fail-on", "high", "--baseline", str(baseline), "--json", "-")
    assert accepted.returncode == 0, accepted.stderr
    report = json.loads(accepted.stdout)
    assert report["findings"] and all(f["accepted"]["reason"] == "lab data, synthetic" for f in report["findings"])
    # An expired acceptance reports the finding again.
    data = json.loads(baseline.read_text())
    for entry in data["entries"]:
        entry["expires"] = "2020-01-01"
    baseline.write_text(json.dumps(data))
    expired = run("scan", target, "--no-store", "-q", "--fail-on", "high", "--baseline", str(baseline))
    assert expired.returncode == 1


def test_a_failed_webhook_never_loses_the_scan(tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    # Nothing listens on port 1: the scan finds nothing, so no post is even attempted ...
    done = run("scan", "127.0.0.1:1", "--no-store", "-q", "--webhook", "http://127.0.0.1:1/hook", "--json", str(out))
    assert done.returncode == 0 and out.exists(), done.stderr
    # ... and a malformed webhook URL is a usage error before anything is scanned.
    bad = run("scan", "127.0.0.1:1", "--no-store", "-q", "--webhook", "ftp://example.invalid/x")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert bad.stderr.startswith(
        "unguarded: error: the webhook must be an http:// or https:// URL with a host, not ftp://"
    )


@pytest.mark.servers
def test_a_webhook_that_fails_is_reported_and_the_exit_code_stands(target: str, tmp_path: Path) -> None:
    out = tmp_path / "scan.json"
    with http_server(500) as (url, hook):
        done = run(
            "scan", target, "--no-store", "-q", "--fail-on", "critical", "--webhook", f"{url}/x", "--json", str(out)
        )
    assert len(hook.requests) == 3, "retried"
    assert "webhook not delivered" in done.stderr
    report = json.loads(out.read_text())
    worst_is_critical = any(f["severity"] == "critical" for f in report["findings"])
    assert done.returncode == (1 if worst_is_critical else 0)


def test_two_outputs_to_stdout_are_refused() -> None:
    done = run("scan", "127.0.0.1:1", "--no-store", "--json", "-", "--sarif", "-")
    assert done.returncode == 2 and "stdout" in done.stderr


def test_report_json_still_validates_against_the_shared_contract(tmp_path: Path) -> None:
    import jsonschema

    out = tmp_path / "r.json"
    assert run("scan", "127.0.0.1:1", "--no-store", "-q", "--json", str(out)).returncode == 0
    schema = json.loads((shared_dir() / "contracts" / "report.schema.json").read_text())
    jsonschema.validate(json.loads(out.read_text()), schema)
