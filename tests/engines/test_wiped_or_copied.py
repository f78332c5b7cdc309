"""Say what happened, not the worst case: ``wiped`` only when no user data remains, on real servers.

A ransom note beside data that is still there means the data was probably copied: the
report says so and advises rotating secrets and the breach duty, never "restore from a
backup". A note with nothing else left (or only emptied tables) is a wipe, and only then
is restoring advised. Each case runs on a dedicated Redis and PostgreSQL of its own, so
other tests' data cannot blur the line.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import only_service, run_scan, validate_report
from unguarded.lab.servers import LabServer, start
from unguarded.models import Finding, Service

NOTE = "All your data is backed up. You must pay 0.0071 BTC to 1KXrWXciRDZUpQwQmuM1DbwsKDLYAieHeg to recover it."


@pytest.fixture()
def own() -> Iterator[tuple[list[LabServer], Path]]:
    """Servers started by one test and stopped after it (by PID, as the lab does), in a readable temp root."""
    root = Path(tempfile.mkdtemp(prefix="unguarded-ransom-"))
    root.chmod(0o755)  # servers run as their own users (the launchers' run_as)
    started: list[LabServer] = []
    try:
        yield started, root
    finally:
        for server in started:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _compromised(svc: Service, findings: tuple[Finding, ...]) -> Finding:
    return next(f for f in findings if f.type == "compromised" and (f.host, f.port) == (svc.host, svc.port))


def _says_restore(finding: Finding) -> bool:
    assert finding.remediation is not None
    text = " ".join((finding.remediation.summary, *finding.remediation.steps)).lower()
    return "restore" in text.replace("nothing to restore", "")


@pytest.mark.parametrize("data_left", [True, False], ids=["note-beside-data", "note-alone"])
def test_redis_note(own, report_schema, data_left: bool):
    started, root = own
    server = start("redis", root / "redis")
    started.append(server)
    client = redis.Redis(port=server.port)
    client.set("READ_ME_TO_RECOVER_YOUR_DATA", NOTE)
    if data_left:
        for i in range(50):
            client.hset(f"user:{i}", mapping={"name": "Li Na", "email": f"p{i}@example.org"})
    before = client.info("stats")["total_commands_processed"], client.dbsize()
    report = run_scan([f"redis://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    kinds = {e.kind for e in svc.evidence}
    finding = _compromised(svc, report.findings)
    assert svc.compromised and "ransom_note" in kinds
    if data_left:
        assert "wiped" not in kinds
        assert "probably copied, not deleted" in finding.message
        assert not _says_restore(finding) and "presume it was copied" in " ".join(finding.remediation.steps)
    else:
        assert "wiped" in kinds and "no user data is left" in next(e.detail for e in svc.evidence if e.kind == "wiped")
        assert _says_restore(finding)
    assert client.dbsize() == before[1], "the scan wrote nothing"
    assert "1KXrWXciRDZUpQwQmuM1DbwsKDLYAieHeg" not in json.dumps(report.to_json_dict())


@pytest.mark.parametrize("data_left", [True, False], ids=["note-beside-data", "note-alone"])
def test_postgresql_note(own, report_schema, data_left: bool):
    started, root = own
    server = start("postgresql", root / "postgresql")
    started.append(server)
    server.psql("CREATE DATABASE shop")
    rows = "INSERT INTO orders SELECT g, 'p' || g || '@example.org' FROM generate_series(1, 40) g;" if data_left else ""
    server.psql(
        "CREATE TABLE readme_to_recover (note text); "
        f"INSERT INTO readme_to_recover VALUES ('{NOTE}'); "
        f"CREATE TABLE orders (id int, email text); {rows} ANALYZE;",
        db="shop",
    )
    report = run_scan([f"postgresql://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    kinds = {e.kind for e in svc.evidence}
    finding = _compromised(svc, report.findings)
    assert svc.compromised and "ransom_note" in kinds
    assert ("wiped" in kinds) is not data_left
    assert _says_restore(finding) is not data_left
    if data_left:
        assert "probably copied, not deleted" in finding.message
    assert server.psql("SELECT count(*) FROM orders", db="shop").strip() == ("40" if data_left else "0")
