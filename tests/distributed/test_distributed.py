"""One scan across two Celery workers: a real Redis broker, a real PostgreSQL store, real servers.

Workers and coordinators run as subprocesses (``unguarded worker``, ``unguarded scan``)
on loopback, with small shards and a short visibility timeout so that a killed worker's
shard comes back within seconds. Every distributed report is compared with a local scan
of the same targets: same services, verdicts, datasets, findings, errors and counts.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import redis
import sqlalchemy as sa

from tests.conftest import REPO, Lab
from unguarded.distributed import Ledger, ScanScope, ShardOrder, make_app
from unguarded.distributed.app import send_shard
from unguarded.engines.base import ScanOptions
from unguarded.history import open_store
from unguarded.lab.servers import LabServer, start
from unguarded.models import Endpoint
from unguarded.targets import build_target_set

pytestmark = pytest.mark.servers

EXE = [sys.executable, "-m", "unguarded.cli"]
CANARY = "canary-d15t@leak-test.example"
PEOPLE = [f"person{i}@example.org" for i in range(40)]
RAW_VALUES = (CANARY, *PEOPLE, "Maria Keller", "+447911123456")
#: the limits of tests/conftest.py's FAST options, as flags
FAST = ["--connect-timeout", "2", "--timeout", "3", "--deadline", "20", "--rate", "200"]
#: seconds: short, so a dead worker's shard comes back quickly
VISIBILITY = "4"


@dataclass
class Cluster:
    """A broker, a store and the targets; workers and coordinators started here are stopped by PID."""

    broker: str
    store: str
    env: dict[str, str]
    tmp: Path
    targets: list[str]
    ports: str
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def spawn(self, args: list[str], log: str, **env: str) -> subprocess.Popen[bytes]:
        with (self.tmp / log).open("ab") as out:
            proc = subprocess.Popen(
                [*EXE, *args],
                env={**self.env, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: the pool's children die with it
                cwd=self.tmp,
            )
        self.procs.append(proc)
        return proc

    def worker(self, queue: str, name: str) -> subprocess.Popen[bytes]:
        proc = self.spawn(
            ["worker", "--queue", queue, "--concurrency", "1", "--visibility-timeout", VISIBILITY], f"{name}.log"
        )
        wait_for(lambda: b" ready." in (self.tmp / f"{name}.log").read_bytes(), f"worker {name} ready", proc)
        return proc

    def scan(self, queue: str, out: str, *extra: str) -> subprocess.Popen[bytes]:
        args = ["scan", *self.targets, "--ports", self.ports, *FAST, "--shard-size", "2", "-q", "--json", out]
        args += ["--distributed", "--queue", queue, "--visibility-timeout", VISIBILITY, *extra]
        return self.spawn(args, f"{out}.log")

    def log(self, name: str) -> str:
        return (self.tmp / name).read_text(errors="replace")

    def kill(self, proc: subprocess.Popen[bytes]) -> None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        self.procs.clear()

    def ledger(self, sql: str, **params: Any) -> list[Any]:
        engine = sa.create_engine(self.store.replace("postgresql://", "postgresql+psycopg://"))
        try:
            with engine.connect() as conn:
                return list(conn.execute(sa.text(sql), params))
        finally:
            engine.dispose()


def wait_for(condition: Any, what: str, proc: subprocess.Popen[bytes] | None = None, limit: float = 120) -> None:
    """Poll until ``condition()`` holds; fail (never hang) if the process died or nothing happened."""
    end = time.monotonic() + limit
    while not condition():
        if proc is not None and proc.poll() is not None:
            pytest.fail(f"the process died before {what} (exit {proc.returncode})")
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.02)


def finish(proc: subprocess.Popen[bytes], cluster: Cluster, log: str) -> None:
    try:
        code = proc.wait(timeout=180)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the scan did not finish: {cluster.log(log)[-2000:]}")
    assert code in (0, 1), cluster.log(log)[-2000:]  # 1: findings at or above --fail-on


def comparable(path: Path) -> dict[str, Any]:
    """A report without its times, in a fixed order: what must equal between local and distributed."""
    data = json.loads(path.read_text())
    data.pop("started_at")
    data.pop("finished_at")
    data["services"] = sorted(data["services"], key=lambda s: (s["host"], s["port"], s["engine"]))
    data["errors"] = sorted(data["errors"], key=lambda e: json.dumps(e, sort_keys=True))
    data["findings"] = sorted(data["findings"], key=lambda f: f["fingerprint"])
    return data


def broker_text(url: str) -> bytes:
    """Every key and value in every database of the broker, whatever its type."""
    found = []
    for db in range(16):
        client = redis.Redis.from_url(url, db=db)
        for key in client.scan_iter(count=1000):
            kind = client.type(key)
            found.append(key)
            if kind == b"string":
                found.append(client.get(key) or b"")
            elif kind == b"hash":
                found.extend(b"%s=%s" % kv for kv in client.hgetall(key).items())
            elif kind == b"list":
                found.extend(client.lrange(key, 0, -1))
            elif kind == b"set":
                found.extend(client.smembers(key))
            elif kind == b"zset":
                found.extend(member for member, _ in client.zrange(key, 0, -1, withscores=True))
        client.close()
    return b"\n".join([*found, *(_bodies(item) for item in found)])


def _bodies(item: bytes) -> bytes:
    """A kombu message's body, base64-decoded (the form a task's arguments travel in)."""
    try:
        message = json.loads(item)
    except ValueError:
        return b""
    if not isinstance(message, dict) or "body" not in message:
        return b""
    return base64.b64decode(message["body"])


@pytest.fixture(scope="module")
def cluster(lab: Lab, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    tmp = tmp_path_factory.mktemp("distributed")
    tmp.chmod(0o755)
    # the broker: a Redis of its own with a password, given to every process in the environment only
    broker_server: LabServer = start("redis", tmp / "broker", protected=True)
    postgres = lab.get("postgresql")
    name = f"ug_dist_{uuid.uuid4().hex[:8]}"
    postgres.psql(f"CREATE DATABASE {name}")
    # the servers scanned: an open Redis holding people (seeded here), an open memcached
    target = lab.get("redis")
    client = redis.Redis(port=target.port)
    client.flushall()
    for i, email in enumerate(PEOPLE):
        client.hset(f"customer:{i}", mapping={"name": "Maria Keller", "email": email, "phone": "+447911123456"})
    client.hset("customer:canary", mapping={"name": "Canary Person", "email": CANARY})
    client.close()
    memcached = lab.get("memcached")
    broker = f"redis://:{broker_server.secret}@127.0.0.1:{broker_server.port}/0"
    store = f"postgresql://postgres@127.0.0.1:{postgres.port}/{name}"
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO / "src"),
        "UNGUARDED_BROKER": broker,
        "UNGUARDED_STORE": store,
    }
    the_cluster = Cluster(
        broker=broker,
        store=store,
        env=env,
        tmp=tmp,
        targets=["127.0.0.0/29"],  # six hosts; only 127.0.0.1 runs anything
        ports=f"{target.port},{memcached.port}",
    )
    try:
        yield the_cluster
    finally:
        the_cluster.stop_all()
        broker_server.stop()
        postgres.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def local_report(cluster: Cluster) -> dict[str, Any]:
    """The same targets scanned locally, the way every distributed report must come out."""
    out = cluster.tmp / "local.json"
    done = subprocess.run(
        [*EXE, "scan", *cluster.targets, "--ports", cluster.ports, *FAST, "-q", "--no-store", "--json", str(out)],
        env=cluster.env,
        capture_output=True,
        timeout=180,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    report = comparable(out)
    assert {(s["engine"], s["exposure"]) for s in report["services"]} == {("redis", "open"), ("memcached", "open")}
    return report


def _scan_id(cluster: Cluster, log: str) -> str:
    marker = "unguarded: scan "
    wait_for(lambda: marker in cluster.log(log), "the coordinator to name its scan")
    return cluster.log(log).split(marker, 1)[1].split()[0]


def test_two_workers_assemble_the_local_report_and_the_broker_holds_no_values(
    cluster: Cluster, local_report: dict[str, Any]
) -> None:
    queue = "equal"
    first, second = cluster.worker(queue, "equal-a"), cluster.worker(queue, "equal-b")
    coordinator = cluster.scan(queue, "equal.json")
    scan_id = _scan_id(cluster, "equal.json.log")
    # the broker's password reached every process through the environment: ps shows none of it
    password = cluster.broker.split(":")[2].split("@")[0]
    for proc in (first, second):
        assert password.encode() not in Path(f"/proc/{proc.pid}/cmdline").read_bytes()
    assert all(password not in arg for arg in coordinator.args)  # type: ignore[union-attr]
    finish(coordinator, cluster, "equal.json.log")
    assert comparable(cluster.tmp / "equal.json") == local_report
    holders = cluster.ledger("SELECT DISTINCT claimed_by FROM ledger_shards WHERE scan_id = :s", s=scan_id)
    assert len(holders) == 2, holders  # both workers ran shards
    assert {r.status for r in cluster.ledger("SELECT status FROM ledger_shards WHERE scan_id = :s", s=scan_id)} == {
        "done"
    }
    # nothing raw in the broker (what is left after the scan) or in the ledger; see the resume test for queued shards
    after = broker_text(cluster.broker)
    stored = "\n".join(
        str(row.service) for row in cluster.ledger("SELECT service FROM ledger_services WHERE scan_id = :s", s=scan_id)
    )
    assert "redis" in stored  # the services were stored: the check below looked at them
    for value in RAW_VALUES:
        assert value.encode() not in after
        assert value not in stored
    for proc in (first, second):
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_a_worker_killed_mid_shard_loses_nothing_and_doubles_nothing(
    cluster: Cluster, local_report: dict[str, Any]
) -> None:
    queue = "kill"
    doomed = cluster.worker(queue, "kill-a")
    coordinator = cluster.scan(queue, "kill.json")
    scan_id = _scan_id(cluster, "kill.json.log")
    # shard 0 is 127.0.0.1, where Redis and memcached are assessed: kill the worker as soon as it holds it
    wait_for(
        lambda: cluster.ledger(
            "SELECT 1 FROM ledger_shards WHERE scan_id = :s AND shard = 0 AND status = 'running'", s=scan_id
        ),
        "the worker to start shard 0",
        coordinator,
    )
    cluster.kill(doomed)
    cluster.worker(queue, "kill-b")
    finish(coordinator, cluster, "kill.json.log")
    assert comparable(cluster.tmp / "kill.json") == local_report
    rows = {
        r.shard: r
        for r in cluster.ledger("SELECT shard, status, attempts FROM ledger_shards WHERE scan_id = :s", s=scan_id)
    }
    assert len(rows) == 6 and {r.status for r in rows.values()} == {"done"}
    assert rows[0].attempts == 2  # killed part-way, then run again in full by the other worker
    services = cluster.ledger("SELECT host, port, engine FROM ledger_services WHERE scan_id = :s", s=scan_id)
    assert len(services) == len(local_report["services"]) == 2


def test_resume_finishes_a_scan_whose_coordinator_was_killed(cluster: Cluster, local_report: dict[str, Any]) -> None:
    queue = "resume"
    coordinator = cluster.scan(queue, "first.json")
    scan_id = _scan_id(cluster, "first.json.log")
    wait_for(
        lambda: cluster.ledger("SELECT 1 FROM ledger_scans WHERE id = :s AND sharded", s=scan_id),
        "the shards to be recorded",
        coordinator,
    )
    cluster.kill(coordinator)
    # no worker yet: the shards wait in the broker, where anyone with the broker's password could read them
    client = redis.Redis.from_url(cluster.broker)
    wait_for(lambda: client.llen(queue) == 6, "six shards in the queue")
    client.close()
    queued = broker_text(cluster.broker)
    assert b"127.0.0.1" in queued and scan_id.encode() in queued  # the real messages were read
    assert not [value for value in RAW_VALUES if value.encode() in queued]
    cluster.worker(queue, "resume-a")
    # the broker comes from the environment, the targets and limits from the ledger
    resumed = cluster.spawn(["scan", "--resume", scan_id, "-q", "--json", "resumed.json"], "resumed.log")
    finish(resumed, cluster, "resumed.log")
    assert comparable(cluster.tmp / "resumed.json") == local_report
    rows = cluster.ledger("SELECT status, attempts FROM ledger_shards WHERE scan_id = :s", s=scan_id)
    # every shard was queued twice (by the killed coordinator and by --resume) and ran once
    assert [(r.status, r.attempts) for r in rows] == [("done", 1)] * 6
    assert cluster.ledger("SELECT status, history_id FROM ledger_scans WHERE id = :s", s=scan_id)[0].history_id


def test_resume_finishes_an_interrupted_local_scan(cluster: Cluster, local_report: dict[str, Any]) -> None:
    args = ["scan", *cluster.targets, "--ports", cluster.ports, *FAST, "--shard-size", "2", "-q", "--resumable"]
    coordinator = cluster.spawn([*args, "--json", "never.json"], "local-first.log")
    scan_id = _scan_id(cluster, "local-first.log")
    wait_for(
        lambda: cluster.ledger(
            "SELECT 1 FROM ledger_shards WHERE scan_id = :s AND shard = 0 AND status = 'running'", s=scan_id
        ),
        "the scan to start shard 0",
        coordinator,
    )
    cluster.kill(coordinator)
    resumed = cluster.spawn(["scan", "--resume", scan_id, "-q", "--json", "local-resumed.json"], "local-resumed.log")
    finish(resumed, cluster, "local-resumed.log")
    assert comparable(cluster.tmp / "local-resumed.json") == local_report
    assert not (cluster.tmp / "never.json").exists()
    rows = cluster.ledger(
        "SELECT shard, status, attempts FROM ledger_shards WHERE scan_id = :s ORDER BY shard", s=scan_id
    )
    assert [(r.status, r.attempts) for r in rows] == [("done", 2)] + [("done", 1)] * 5


class _Listener:
    """A loopback port that counts the connections it accepts: the proof a refused shard touched nothing."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.sock.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            conn.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


def test_a_worker_refuses_a_shard_outside_the_recorded_scope(cluster: Cluster) -> None:
    queue = "scope"
    redis_port = int(cluster.ports.split(",")[0])
    listener = _Listener()
    store = open_store(cluster.store)
    try:
        ledger = Ledger(store)
        target_set = build_target_set([f"127.0.0.1:{redis_port}"])
        scope = ScanScope.record(target_set, ports=[redis_port], options=ScanOptions(), max_targets=1)
        scan_id = ledger.create_scan(scope, queue)
        inside = Endpoint(host="127.0.0.1", address="127.0.0.1", port=redis_port)
        ledger.add_shards(scan_id, [(0, [inside])])
        worker = cluster.worker(queue, "scope-a")
        outside = Endpoint(host="127.0.0.1", address="127.0.0.1", port=listener.port)
        app = make_app(cluster.broker, queue=queue)
        forged = [
            ShardOrder(scan=scan_id, shard=0, endpoints=(outside,)),  # a recorded shard's key, other endpoints
            ShardOrder(scan=scan_id, shard=0, endpoints=(inside, outside)),  # one endpoint smuggled in
            ShardOrder(scan="no-such-scan", shard=0, endpoints=(inside,)),  # a scan nobody recorded
        ]
        for order in forged:
            send_shard(app, order, queue)
        log = cluster.tmp / "scope-a.log"
        wait_for(lambda: log.read_text(errors="replace").count("refused shard 0") == 3, "three refusals", worker)
        text = log.read_text(errors="replace")
        assert f"127.0.0.1:{listener.port} is outside the scan's recorded targets and ports" in text
        assert "no such scan in the store" in text
        assert listener.accepted == 0
        # the real shard is untouched: still pending, never claimed, so the real scan can still run it
        assert [
            (r.status, r.attempts)
            for r in cluster.ledger("SELECT status, attempts FROM ledger_shards WHERE scan_id = :s", s=scan_id)
        ] == [("pending", 0)]
    finally:
        listener.close()
        store.close()
