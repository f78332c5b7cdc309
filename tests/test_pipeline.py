"""The library pipeline gives what ``unguarded scan`` gives: the same findings, outputs, history and alerts."""

from __future__ import annotations

import asyncio
import csv
import inspect
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from tests.conftest import Lab
from tests.test_alerts import http_server
from unguarded import ScanOptions, ScanOutcome, ScanRequest, ScanRequestError, Severity, build_target_set, run_pipeline
from unguarded.baseline import Baseline, entry_for
from unguarded.cli.scan import scan_command

EXE = [sys.executable, "-m", "unguarded.cli"]
FORMATS = ("json", "sarif", "csv", "html")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=180, check=False)


def pipeline(request: ScanRequest) -> ScanOutcome:
    return asyncio.run(run_pipeline(request))


@pytest.fixture(scope="module")
def target(lab: Lab) -> Iterator[str]:
    """The lab Redis with people under a prefix and a database no other test uses."""
    server = lab.get("redis")
    client = redis.Redis(port=server.port, db=9)
    for i in range(30):
        client.hset(f"pipeline:{i}", mapping={"email": f"p{i}@pipeline.example", "phone": "+447700900456"})
    yield f"127.0.0.1:{server.port}"
    client.flushdb()


def _without_times(report: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in report.items() if k not in ("started_at", "finished_at")}


@pytest.mark.servers
def test_library_and_command_line_give_the_same_result(target: str, tmp_path: Path) -> None:
    cli_out = {name: tmp_path / f"cli.{name}" for name in FORMATS}
    lib_out = {name: tmp_path / f"lib.{name}" for name in FORMATS}
    with http_server(200, 200) as (url, hook):
        done = run(
            "scan",
            target,
            "-q",
            "--store",
            f"sqlite:///{tmp_path / 'cli.sqlite'}",
            "--webhook",
            f"{url}/cli",
            "--fail-on",
            "medium",
            *(arg for name, path in cli_out.items() for arg in (f"--{name}", str(path))),
        )
        outcome = pipeline(
            ScanRequest(
                targets=[target],
                store=f"sqlite:///{tmp_path / 'lib.sqlite'}",
                webhook=f"{url}/lib",
                outputs=lib_out,
            )
        )
    assert outcome.warnings == () and outcome.write_errors == {} and outcome.scan_id == 1
    assert done.returncode == (1 if outcome.fails(Severity.MEDIUM) else 0) == 1, done.stderr

    cli_report, lib_report = (json.loads(out["json"].read_text()) for out in (cli_out, lib_out))
    assert "db9:pipeline:*" in {f["dataset"] for f in lib_report["findings"]}
    assert _without_times(cli_report) == _without_times(lib_report)
    assert lib_report == json.loads(json.dumps(outcome.report.to_json_dict()))
    cli_csv, lib_csv = (list(csv.DictReader(io.StringIO(out["csv"].read_text()))) for out in (cli_out, lib_out))
    assert cli_csv == lib_csv and len(lib_csv) == len(lib_report["findings"])
    cli_sarif, lib_sarif = (json.loads(out["sarif"].read_text())["runs"][0]["results"] for out in (cli_out, lib_out))
    assert cli_sarif == lib_sarif
    assert "db9:pipeline:*" in lib_out["html"].read_text()

    # Both first scans of their history: every open finding is new, and both posted the same.
    posted = {r["path"]: json.loads(r["body"]) for r in hook.requests}  # type: ignore[arg-type]
    assert set(posted) == {"/cli", "/lib"}
    assert outcome.webhook is not None and outcome.webhook.ok
    fingerprints = {f.fingerprint for f in outcome.new_findings}
    assert fingerprints == {f["fingerprint"] for f in lib_report["findings"]}
    for body in posted.values():
        assert {f["fingerprint"] for f in body["new_findings"]} == fingerprints

    # The history each saved reads back the same way.
    listed = json.loads(run("history", "--store", f"sqlite:///{tmp_path / 'lib.sqlite'}", "--json", "-").stdout)
    assert [s["id"] for s in listed["scans"]] == [1]


@pytest.mark.servers
def test_a_baseline_object_accepts_findings_and_a_second_scan_has_nothing_new(target: str, tmp_path: Path) -> None:
    store = f"sqlite:///{tmp_path / 'h.sqlite'}"
    first = pipeline(ScanRequest(targets=[target], store=store))
    assert first.new_findings and first.fails(Severity.LOW)
    accepted = Baseline(
        created_at=first.report.started_at,
        tool=first.report.tool,
        entries=tuple(entry_for(f, "lab", None, None, first.report.started_at.date()) for f in first.report.findings),
    )
    second = pipeline(ScanRequest(targets=[target], store=store, baseline=accepted))
    assert second.new_findings == () and not second.fails(Severity.INFO)
    assert all(f.accepted is not None for f in second.report.findings)


def test_the_users_mistakes_are_typed_errors_before_any_scan(tmp_path: Path) -> None:
    bad_baseline = tmp_path / "b.json"
    bad_baseline.write_text('{"version": 99}')
    cases = [
        (ScanRequest(targets=["not a host!"], no_store=True), "not a host"),
        (ScanRequest(targets=["127.0.0.1:1"], no_store=True, baseline=bad_baseline), "version 99"),
        (ScanRequest(targets=["127.0.0.1:1"], store="mysql://root:hunter2@db/x"), "unsupported store URL scheme"),
        (ScanRequest(targets=["127.0.0.1:1"], no_store=True, outputs={"json": "-", "csv": "-"}), "stdout"),
        (ScanRequest(targets=["127.0.0.1:1"], no_store=True, outputs={"xml": "x.xml"}), "unknown output format"),
        (ScanRequest(targets=["127.0.0.1:1"], no_store=True, webhook="ftp://h/secret-token"), "http:// or https://"),
    ]
    for request, expected in cases:
        with pytest.raises(ScanRequestError) as caught:
            pipeline(request)
        assert expected in str(caught.value)
        assert "hunter2" not in str(caught.value) and "secret-token" not in str(caught.value)


def test_what_fails_after_the_scan_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The default history cannot be opened: the scan runs anyway, without it.
    monkeypatch.setenv("UNGUARDED_STORE", f"sqlite:///{tmp_path / 'no' / 'dir' / 'h.sqlite'}")
    outputs = {"json": tmp_path / "ok.json", "sarif": tmp_path / "missing" / "x.sarif"}
    fast = ScanOptions(connect_timeout=1.0, io_timeout=1.0)
    outcome = pipeline(ScanRequest(targets=build_target_set(["127.0.0.1:1"]), options=fast, outputs=outputs))
    assert outcome.scan_id is None and outcome.report.services == ()
    (warning,) = outcome.warnings
    assert warning.startswith("history disabled for this scan: ") and "does not exist" in warning
    assert set(outcome.write_errors) == {"sarif"} and outcome.write_errors["sarif"].startswith("cannot write ")
    assert json.loads(outputs["json"].read_text())["services"] == [], "the other outputs are still written"


def test_scan_flag_defaults_are_the_library_defaults() -> None:
    """A caller who sets nothing gets the command line's bounds."""
    flags = inspect.signature(scan_command).parameters
    options = ScanOptions()
    pairs = {
        "sample": options.sample_size,
        "concurrency": options.concurrency,
        "per_host": options.per_host,
        "rate": options.per_host_rate,
        "connect_timeout": options.connect_timeout,
        "io_timeout": options.io_timeout,
        "deadline": options.service_deadline,
        "max_datasets": options.max_datasets,
    }
    for flag, library_default in pairs.items():
        assert flags[flag].default == library_default, flag
    request = ScanRequest(targets=[])
    assert (request.store, request.no_store, request.baseline, request.webhook, dict(request.outputs)) == (
        flags["store"].default,
        flags["no_store"].default,
        flags["baseline"].default,
        flags["webhook"].default,
        {},
    )
