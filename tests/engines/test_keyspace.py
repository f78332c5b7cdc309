"""Key-value keys grouped into datasets by shared prefix and sibling count, not only by id-shaped
suffixes: unit cases, then a real redis-server and a real memcached (read-only proof from their
own counters)."""

from __future__ import annotations

import json
import random
import socket
import string

import pytest
import redis

from tests.conftest import Lab, only_service, run_scan, validate_report
from unguarded.engines.keyspace import MANY_SIBLINGS, group_keys

CANARY = "canary-kv-51c0@leak-test.example"


def codes(n: int, length: int = 5, seed: int = 7) -> list[str]:
    """Short record codes that look like nothing in particular (``QX7TR``)."""
    rnd = random.Random(seed)
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rnd.choice(string.ascii_uppercase + string.digits) for _ in range(length)))
    return sorted(out)


def test_short_codes_under_one_prefix_are_one_dataset():
    keys = [f"customer:{c}" for c in codes(40)]
    assert set(group_keys(keys)) == {"customer:*"}
    assert len(group_keys(keys)["customer:*"]) == 40


def test_a_few_codes_of_one_shape_are_one_dataset():
    assert set(group_keys(["order:AB12", "order:CD34", "order:EF56"])) == {"order:*"}


def test_many_plain_words_under_one_prefix_are_one_dataset():
    rnd = random.Random(3)
    names = {"".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(3, 9))) for _ in range(30)}
    assert set(group_keys(f"user:{n}" for n in names)) == {"user:*"}


def test_the_varying_segment_may_sit_in_the_middle():
    keys = [f"customer:{c}:{part}" for c in codes(20) for part in ("profile", "orders")]
    assert set(group_keys(keys)) == {"customer:*:profile", "customer:*:orders"}


def test_a_few_different_words_stay_apart():
    keys = ["app:users", "app:orders", "app:products", "cache/page/home", "cache/page/about", "stats:daily"]
    assert set(group_keys(keys)) == set(keys)


def test_fewer_siblings_than_the_threshold_of_mixed_shape_stay_apart():
    keys = [f"cfg:{w}" for w in ("timeout", "host", "port", "retries", "tls")]
    assert len(keys) < MANY_SIBLINGS
    assert set(group_keys(keys)) == set(keys)


def test_the_first_segment_is_never_starred_by_siblings():
    keys = [f"{c}:meta" for c in codes(30)]
    assert "*:meta" not in group_keys(keys)


def test_id_shaped_suffixes_still_group_and_siblings_do_not_swallow_other_prefixes():
    keys = [f"user:{1000 + i}" for i in range(5)] + [f"customer:{c}" for c in codes(20)] + ["backup1", "backup2"]
    assert set(group_keys(keys)) == {"user:*", "customer:*", "backup*"}


@pytest.fixture
def coded_redis(lab: Lab):
    server = lab.get("redis")
    client = redis.Redis(port=server.port, db=9)
    client.flushdb()
    for i, code in enumerate(codes(40)):
        email = CANARY if i == 0 else f"client{i}@example.org"
        client.hset(f"customer:{code}", mapping={"email": email, "phone": "+447911123456"})
    for word in ("users", "orders", "products"):
        client.set(f"app:{word}", "42")
    client.config_resetstat()
    yield server, client
    client.flushdb()


def test_redis_keys_by_short_codes_are_one_dataset(coded_redis, report_schema):
    server, client = coded_redis
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    by_name = {d.name: d for d in only_service(report).datasets}
    customers = by_name["db9:customer:*"]
    assert customers.records == 40
    assert "contact.email" in customers.categories
    assert {"db9:app:users", "db9:app:orders", "db9:app:products"} <= set(by_name)
    assert not any(name.startswith("db9:customer:") and name != "db9:customer:*" for name in by_name)
    used = {k.removeprefix("cmdstat_") for k in client.info("commandstats")}
    assert not used & {"set", "hset", "del", "flushdb", "flushall", "config|set", "expire", "rename"}
    assert CANARY not in json.dumps(report.to_json_dict())


def _memcached(port: int, line: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(line)
        data = b""
        while not data.endswith((b"END\r\n", b"STORED\r\n")):
            data += sock.recv(65536)
        return data


def test_memcached_keys_by_short_codes_are_one_dataset(lab: Lab):
    server = lab.get("memcached")
    for code in codes(20, seed=11):
        value = json.dumps({"email": f"{code.lower()}@example.net"}).encode()
        _memcached(server.port, b"set patient:%s 0 0 %d\r\n%s\r\n" % (code.encode(), len(value), value))
    before = _memcached(server.port, b"stats\r\n")
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    patients = {d.name: d for d in svc.datasets}["patient:*"]
    assert patients.records == 20
    assert "contact.email" in patients.categories
    after = _memcached(server.port, b"stats\r\n")

    def sets(raw: bytes) -> str:
        return next(ln for ln in raw.decode().splitlines() if ln.startswith("STAT cmd_set "))

    assert sets(after) == sets(before)  # read-only, from the server's own counter
