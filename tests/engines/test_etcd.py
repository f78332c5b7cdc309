"""etcd against a real etcd 3.4 (Debian): exposure, key groups, secrets in values, read-only proof."""

from __future__ import annotations

import base64
import dataclasses
import json

import pytest

from tests.conftest import FAST, Lab, only_service, run_scan, validate_report
from unguarded.engines.etcd import ENGINE, key_group

CANARY = "canary-etcd-91c2@leak-test.example"
DB_URL = "postgres://app:Xq7-lab-only-pw@db.internal:5432/shop"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def put_many(server, items: dict[str, str]) -> None:
    """Seed through transactions of up to 100 puts (etcd syncs every request to disk)."""
    pairs = list(items.items())
    for start in range(0, len(pairs), 100):
        ops = [{"request_put": {"key": _b64(k), "value": _b64(v)}} for k, v in pairs[start : start + 100]]
        server.call("/v3/kv/txn", {"success": ops})


def _state(server) -> tuple[str, str]:
    """The store's revision (bumped by every write) and the raft index (every proposal)."""
    status = server.call("/v3/maintenance/status", {})
    return status["header"]["revision"], status["raftIndex"]


@pytest.fixture(scope="module")
def open_etcd(lab: Lab):
    server = lab.get("etcd")
    items = {
        f"users/{1000 + i}": json.dumps(
            {
                "name": ["Ann Smith", "Li Wei", "Maria Garcia"][i % 3],
                "email": f"user{i}@example.org",
                "phone": "+447911123456",
            }
        )
        for i in range(100)
    }
    items["users/9999"] = json.dumps({"name": "Canary Person", "email": CANARY})
    items["config/db/dsn"] = DB_URL
    items["config/db/password"] = "Xq7-lab-only-password-2f9c"
    items["config/feature_flags"] = "dark-mode,beta"
    put_many(server, items)
    return server


def test_open_etcd_inventory_secrets_and_read_only(open_etcd, report_schema):
    server = open_etcd
    before = _state(server)
    report = run_scan([f"etcd://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("etcd", "open", "admin", "3.4.23")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["users/*"].records == 101 and by_name["users/*"].records_exact
    assert by_name["config/db/*"].records == 2
    assert by_name["config/*"].records == 1
    assert {"contact.email", "contact.phone", "person.name"} <= set(by_name["users/*"].categories)
    assert "credential.secret" in by_name["config/db/*"].categories, by_name["config/db/*"].categories
    assert svc.severity == "critical" and not svc.errors
    text = json.dumps(data)
    assert CANARY not in text and DB_URL not in text and "Xq7-lab-only" not in text
    # Read-only, from the store itself: no revision, no raft entry.
    assert _state(server) == before


def test_etcd_found_without_hint(open_etcd):
    svc = only_service(run_scan([f"127.0.0.1:{open_etcd.port}"]))
    assert (svc.engine, svc.exposure) == ("etcd", "open")


def test_protected_etcd(lab: Lab, report_schema):
    server = lab.get("etcd", protected=True)
    server.put("config/db/url", DB_URL)
    before = _state(server)
    report = run_scan([f"etcd://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "etcd",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail and svc.auth_detail.startswith("authentication enabled")
    assert _state(server) == before


def test_many_keys_and_a_huge_value_stay_bounded(lab: Lab, open_etcd):
    server = open_etcd
    put_many(server, {f"tenant-{chr(97 + i % 26)}{i // 26}/k": "x" for i in range(1500)})
    server.put("blobs/huge", "A" * 1_000_000)
    options = dataclasses.replace(FAST, max_datasets=10, max_keys_listed=600, record_byte_cap=4096)
    svc = only_service(run_scan([f"etcd://127.0.0.1:{server.port}"], options))
    assert len(svc.datasets) == 10
    messages = " ".join(e.message for e in svc.errors)
    assert "--max-datasets" in messages
    # 600 of more than 1,600 keys listed: counts are scaled estimates
    assert not any(d.records_exact for d in svc.datasets)
    options = dataclasses.replace(FAST, record_byte_cap=4096)
    svc = only_service(run_scan([f"etcd://127.0.0.1:{server.port}"], options))
    huge = {d.name: d for d in svc.datasets}["blobs/*"]
    assert (huge.records, huge.sampled) == (1, 0)
    assert any("larger than the 4,096-byte cap" in e.message for e in svc.errors)


# ---------------------------------------------------------------- recorded answers and grouping


def test_match_recorded_answers():
    version = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"etcdserver":"3.5.9","etcdcluster":"3.5.0"}'
    assert ENGINE.match(version).version == "3.5.9"
    assert ENGINE.match(b"HTTP/1.1 404 Not Found\r\nContent-Length: 19\r\n\r\n404 page not found\n") is None
    assert ENGINE.match(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"version":"1.0"}') is None


@pytest.mark.parametrize(
    ("key", "group"),
    [
        ("/registry/secrets/default/db-creds", "/registry/secrets/default/*"),
        ("/registry/pods/kube-system/coredns-5d78c9869d-abcde", "/registry/pods/kube-system/*"),
        ("users/1001", "users/*"),
        ("tenants/42/config", "tenants/*/*"),
        ("feature_flags", "feature_flags"),
        ("session:9f8e7d6c5b4a39281726354453627180", "session:*"),
    ],
)
def test_key_groups(key, group):
    assert key_group(key) == group
