"""ZooKeeper against Debian's real ZooKeeper 3.8: open (default ACLs) and digest-protected.

The read-only proof comes from the server itself: ``srvr``'s zxid (every write is a
transaction and moves it) advances by exactly two, the scanner's own ``createSession``
and ``closeSession``, which no client can avoid; ``mntr``'s znode, ephemeral and watch
counts are unchanged; and every znode's version, ACL version and child version are
the same before and after.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.zookeeper import ZooKeeperEngine, dataset_of, znode_record
from unguarded.lab.servers import ZooKeeperServer

CANARY_EMAIL = "canary-zk-7c1d@leak-test.example"
CANARY_PASSWORD = "zk-canary-Pw-99f1"


def zxid(server: ZooKeeperServer) -> int:
    for line in server.four_letter("srvr").splitlines():
        if line.startswith("Zxid:"):
            return int(line.split(":", 1)[1].strip(), 16)
    raise AssertionError("srvr gave no Zxid")


def mntr(server: ZooKeeperServer) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in server.four_letter("mntr").splitlines() if "\t" in line)


def tree(server: ZooKeeperServer) -> str:
    """Every znode's path, versions and a hash of its data (read with the lab's own client)."""
    client = server.client()
    rows: list[tuple[Any, ...]] = []
    try:
        stack = ["/"]
        while stack:
            path = stack.pop()
            data, stat = client.get(path)
            rows.append(
                (path, stat.version, stat.cversion, stat.aversion, stat.mzxid, hashlib.sha256(data).hexdigest())
            )
            stack.extend(f"{path.rstrip('/')}/{child}" for child in client.get_children(path))
    finally:
        client.stop()
        client.close()
    return json.dumps(sorted(rows))


def seed(server: ZooKeeperServer) -> None:
    client = server.client()
    try:
        if client.exists("/app"):
            return
        for name, password in (("database", CANARY_PASSWORD), ("replica", "zk-Replica-Pw-18c2")):
            config = f"user=app\npassword={password}\nhost={name}.internal\n"
            client.create(f"/app/config/{name}", config.encode(), makepath=True)
        for i in range(30):
            person = {"name": "Maria Garcia", "email": CANARY_EMAIL if i == 0 else f"maria{i}@example.es"}
            client.create(f"/app/users/u{i:03d}", json.dumps(person).encode(), makepath=True)
        client.create("/kafka/brokers/ids/0", b'{"host":"10.0.0.5","port":9092}', makepath=True)
        client.create("/blob/huge", b"x" * 900_000, makepath=True)  # over the per-record cap: never read
        for i in range(120):
            client.create(f"/wide/n{i:03d}", b"", makepath=True)
    finally:
        client.stop()
        client.close()


def test_open_zookeeper(lab: Lab, report_schema):
    server = lab.get("zookeeper")
    assert isinstance(server, ZooKeeperServer)
    seed(server)
    before_tree = tree(server)
    before_zxid, before_mntr = zxid(server), mntr(server)
    report = run_scan([f"127.0.0.1:{server.port}"])
    after_zxid, after_mntr = zxid(server), mntr(server)
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("zookeeper", "open", "admin")
    assert svc.version and svc.version.startswith("3.")
    datasets = {d.name: d for d in svc.datasets}
    assert "zookeeper" not in datasets  # ZooKeeper's own subtree is not the owner's data
    assert datasets["app/users"].records == 30 and "contact.email" in datasets["app/users"].categories
    assert any(c.startswith("credential.password") for c in datasets["app/config"].categories)
    assert (
        datasets["blob"].records == 2 and datasets["blob"].sampled == 0
    )  # /blob and /blob/huge; 900 kB skipped by its size
    assert datasets["wide"].records == 121 and datasets["wide"].records_exact
    assert svc.severity == "critical"
    # read-only, from the server: only the scanner's own session moved the zxid
    assert after_zxid - before_zxid == 2
    for counter in ("zk_znode_count", "zk_ephemerals_count", "zk_watch_count"):
        assert after_mntr[counter] == before_mntr[counter], counter
    assert tree(server) == before_tree
    assert_value_free(report, CANARY_EMAIL, CANARY_PASSWORD)


def test_walk_is_bounded(lab: Lab):
    server = lab.get("zookeeper")
    seed(server)
    report = run_scan([f"zk://127.0.0.1:{server.port}"], dataclasses.replace(FAST, max_keys_listed=40))
    svc = only_service(report)
    assert svc.exposure == "open"
    assert sum(d.records or 0 for d in svc.datasets) <= 40
    assert not any(d.records_exact for d in svc.datasets)
    assert any("stopped at its bound" in e.message for e in svc.errors)


def test_protected_zookeeper(lab: Lab, report_schema):
    server = lab.get("zookeeper", protected=True)
    before_zxid, before_nodes = zxid(server), mntr(server)["zk_znode_count"]
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "zookeeper",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail.startswith("authentication required")
    assert zxid(server) - before_zxid == 2 and mntr(server)["zk_znode_count"] == before_nodes


def test_match_is_by_answer_not_port():
    engine = ZooKeeperEngine()
    assert engine.match(b"Zookeeper version: 3.8.0-abc, built on 2024\nZxid: 0x5\n").version == "3.8.0"
    assert engine.match(b"srvr is not executed because it is not in the whitelist.\n").detail
    assert engine.match(b"HTTP/1.1 200 OK\r\n\r\nZookeeper version: 3.8") is None
    assert engine.match(b"-ERR unknown command 'srvr'\r\n") is None


def test_znode_records_and_datasets():
    assert dataset_of("/app") == dataset_of("/app/users") == "app"
    assert dataset_of("/app/users/u1") == "app/users"
    assert znode_record("/a/db", b"user=x\npassword=y\n") == {"user": "x", "password": "y"}
    assert znode_record("/a/j", b'{"email": "e"}') == {"email": "e"}
    assert znode_record("/a/db_password", b"hunter2") == {"db_password": "hunter2"}
    assert znode_record("/a/list", b"[1, 2]") == {"list": [1, 2]}
    assert znode_record("/a/bin", b"\x00\x01\x02") is None


def test_ransom_znode_marks_it_compromised(lab: Lab):
    server = lab.get("zookeeper")
    seed(server)
    client = server.client()
    try:
        if not client.exists("/README_meow"):
            note = b"All your data is backed up. Send 0.02 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh to recover"
            client.create("/README_meow", note)
    finally:
        client.stop()
        client.close()
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    assert svc.compromised and svc.severity == "critical"
    assert any(e.kind == "ransom_note" for e in svc.evidence)
    assert svc.remediation is not None
