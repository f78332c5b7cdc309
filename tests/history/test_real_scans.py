"""History and diff over real scans of a real Redis whose data changes between them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import redis

from tests.conftest import Lab, assert_value_free, run_scan
from unguarded.diff import diff_reports
from unguarded.history import open_store
from unguarded.models import Severity
from unguarded.report.diff_terminal import render_diff

pytestmark = pytest.mark.servers

PREFIX = "ughist:member"  # a key prefix of its own: other tests' keys in the shared lab Redis do not matter
CANARY = "canary-hist-4c1d@leak-test.example"


@pytest.fixture()
def redis_db(lab: Lab):  # type: ignore[no-untyped-def]
    server = lab.get("redis")
    client = redis.Redis(port=server.port)
    _forget(client)
    yield server, client
    _forget(client)
    client.close()


def _forget(client: redis.Redis) -> None:
    keys = list(client.scan_iter(f"{PREFIX}:*"))
    if keys:
        client.delete(*keys)


def _emails(client: redis.Redis, start: int, stop: int) -> list[str]:
    """Give members start..stop-1 an e-mail address (the test writes; the scanner only reads)."""
    written = []
    for i in range(start, stop):
        email = CANARY if i == start else f"member{i}@example.org"
        client.hset(f"{PREFIX}:{i}", mapping={"plan": "gold", "email": email})
        written.append(email)
    return written


def test_diff_of_two_real_scans_shows_the_new_personal_data(redis_db, tmp_path: Path) -> None:
    server, client = redis_db
    for i in range(40):
        client.hset(f"{PREFIX}:{i}", mapping={"plan": "gold", "visits": str(i)})
    path = tmp_path / "history.sqlite"
    with open_store(str(path)) as store:
        first = run_scan([server.url])
        first_id = store.save(first)
        written = _emails(client, 40, 100)  # 60 more members, now with e-mail addresses
        second = run_scan([server.url])
        second_id = store.save(second)
        pair = store.last_two()
        assert pair is not None and [scan_id for scan_id, _ in pair] == [first_id, second_id]
        (_, old), (_, new) = pair

    dataset = f"{PREFIX}:*"
    before = {f.dataset for f in old.findings}
    assert dataset not in before  # plans and visit counts are not personal data
    diff = diff_reports(old, new, old_label=f"scan {first_id}", new_label=f"scan {second_id}")
    added = [f for f in diff.new_findings if f.dataset == dataset]
    assert len(added) == 1, diff.new_findings
    finding = added[0]
    assert finding.type in ("exposed_personal_data", "exposed_sensitive_data")
    assert "contact.email" in finding.categories and finding.records == 100
    assert finding.severity.at_least(Severity.HIGH)
    assert finding.fingerprint in diff.regressions(Severity.HIGH)
    service = next(c for c in diff.changes if c.type == "open_service" and c.field == "records")
    assert isinstance(service.before, int) and isinstance(service.after, int)
    assert service.after - service.before == 60 and service.direction == "worse"

    # nothing the scanned server holds reaches the diff, the history rows or the database file
    text = render_diff(diff) + json.dumps(diff.to_json_dict())
    assert dataset in text
    assert not [value for value in written if value in text]
    assert_value_free(new, *written)
    raw = path.read_bytes()
    with sqlite3.connect(path) as conn:
        dump = "\n".join(conn.iterdump())
    for value in written:
        assert value.encode() not in raw and value not in dump
    assert "contact.email" in dump and dataset in dump  # the dump is real: it holds the findings


def test_a_later_scan_with_more_records_changes_the_finding(redis_db, tmp_path: Path) -> None:
    server, client = redis_db
    _emails(client, 0, 30)
    with open_store(f"sqlite:///{tmp_path / 'h.sqlite'}") as store:
        store.save(run_scan([server.url]))
        _emails(client, 30, 75)
        store.save(run_scan([server.url]))
        pair = store.last_two()
    assert pair is not None
    diff = diff_reports(pair[0][1], pair[1][1])
    dataset = f"{PREFIX}:*"
    assert not [f for f in diff.new_findings + diff.closed_findings if f.dataset == dataset]
    changes = {(c.field, c.before, c.after) for c in diff.changes if c.location.endswith(dataset)}
    assert ("records", 30, 75) in changes
