"""Redis against a real redis-server: exposure, access, key patterns, read-only proof."""

from __future__ import annotations

import json

import pytest
import redis

from tests.conftest import Lab, only_service, run_scan, validate_report

WRITE_COMMANDS = {
    "set",
    "hset",
    "del",
    "flushall",
    "flushdb",
    "config|set",
    "lpush",
    "sadd",
    "zadd",
    "xadd",
    "expire",
    "rename",
    "save",
    "bgsave",
    "module|load",
    "slaveof",
    "replicaof",
}
CANARY = "canary-7f3a9e@leak-test.example"


@pytest.fixture(scope="module")
def open_redis(lab: Lab):
    server = lab.get("redis")
    client = redis.Redis(port=server.port)
    client.flushall()
    for i in range(120):
        client.hset(
            f"user:{1000 + i}", mapping={"name": "Li Na", "email": f"person{i}@example.org", "phone": "+447911123456"}
        )
    for i in range(30):
        client.set(f"session:{i:032x}", json.dumps({"uid": i, "started": "2026-01-01T00:00:00Z"}))
    client.set("config:flags", "feature-a,feature-b")
    client.hset("user:canary", mapping={"name": "Canary Person", "email": CANARY})
    other_db = redis.Redis(port=server.port, db=5)
    for i in range(25):
        other_db.hset(f"member:{i}", mapping={"email": f"member{i}@example.net", "phone": "+447911123456"})
    client.config_resetstat()
    return server, client


def test_open_redis_inventory_and_access(open_redis, report_schema):
    server, client = open_redis
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("redis", "open", "admin")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["user:*"].records == 120
    assert by_name["session:*"].records == 30
    assert {"contact.email", "contact.phone"} <= by_name["user:*"].categories
    assert "identity_records" in by_name["user:*"].patterns
    assert svc.severity in ("critical", "high")
    # Read-only, from the server's own counters.
    stats = client.info("commandstats")
    used = {k.removeprefix("cmdstat_") for k in stats}
    assert not used & WRITE_COMMANDS, used & WRITE_COMMANDS
    # No raw value in the report.
    assert CANARY not in json.dumps(report.to_json_dict())


def test_keys_outside_db0_are_sampled_and_classified(open_redis):
    server, _ = open_redis
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    members = {d.name: d for d in svc.datasets}["db5:member:*"]
    assert members.records == 25
    assert members.sampled == 25
    assert {"contact.email", "contact.phone"} <= members.categories


def test_redis_found_on_an_odd_port_without_hint(open_redis):
    server, _ = open_redis
    report = run_scan([f"localhost:{server.port}"])
    assert only_service(report).engine == "redis"


@pytest.mark.parametrize(
    ("key", "pattern"),
    [
        ("user:1001", "user:*"),
        ("session:9f8e7d6c5b4a39281726354453627180", "session:*"),
        ("backup3", "backup*"),
        ("cache/page/home", "cache/page/home"),
        ("user:alice@example.com:prefs", "user:*:prefs"),
        ("READ__ME_TO_RECOVER_YOUR_DATA", "READ__ME_TO_RECOVER_YOUR_DATA"),
    ],
)
def test_key_patterns(key, pattern):
    from unguarded.engines.keyspace import key_pattern

    assert key_pattern(key) == pattern


def test_tls_only_redis_is_found_by_its_tls_retry(lab: Lab, report_schema):
    server = lab.get("redis", tls=True)
    import ssl

    client = redis.Redis(port=server.port, ssl=True, ssl_cert_reqs="none", ssl_check_hostname=False)
    client.hset("patient:1", mapping={"name": "Ines Duarte", "email": "ines@example.pt"})
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.tls) == ("redis", "open", True)
    assert {d.name for d in svc.datasets} == {"patient:*"}
    # rediss:// says TLS up front: no plaintext round first.
    assert only_service(run_scan([f"rediss://127.0.0.1:{server.port}"])).tls is True
    del ssl
