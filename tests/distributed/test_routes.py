"""One scan, two network segments: each shard goes to its segment's queue, and each worker runs only those.

The segments are two halves of 127.0.0.0/24 (127.0.0.0/25 -> q-a, 127.0.0.128/25 -> q-b).
The lab's servers listen on 127.0.0.1 only, so the second segment's Redis is the lab's
own Redis reached through a plain TCP relay on 127.0.0.130 (same port): a real server in
each segment. The assembled report must equal a local scan of the same targets.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator

import pytest

from tests.distributed.test_distributed import (
    EXE,
    FAST,
    VISIBILITY,
    Cluster,
    _scan_id,
    cluster,
    comparable,
    finish,
    wait_for,
)
from unguarded.distributed import ShardOrder, make_app
from unguarded.distributed.app import send_shard
from unguarded.models import Endpoint

pytestmark = pytest.mark.servers

__all__ = ["cluster"]  # the module-scoped fixture of test_distributed, shared

ROUTES = ["--route", "127.0.0.0/25=q-a", "--route", "127.0.0.128/25=q-b"]
SECOND = "127.0.0.130"


class _Relay:
    """A TCP relay from ``SECOND``:port to 127.0.0.1:port, so a lab server also answers in the second segment."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock = socket.create_server((SECOND, port))
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
            try:
                upstream = socket.create_connection(("127.0.0.1", self.port), timeout=5)
            except OSError:
                conn.close()
                continue
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            source.settimeout(None)
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def relay(cluster: Cluster) -> Iterator[_Relay]:
    redis_port = int(cluster.ports.split(",")[0])
    try:
        the_relay = _Relay(redis_port)
    except OSError as exc:  # pragma: no cover - a machine whose loopback is only 127.0.0.1
        pytest.skip(f"cannot listen on {SECOND}: {exc}")
    yield the_relay
    the_relay.close()


def _payload_addresses(payload: str) -> set[str]:
    return {ep["address"] for ep in json.loads(payload)}


def test_each_segments_worker_runs_only_its_segments_shards_and_the_report_is_the_local_one(
    cluster: Cluster, relay: _Relay
) -> None:
    # the name first: its Redis is reported as localhost's, the range's 127.0.0.1 adds the memcached port
    targets = [f"redis://localhost:{relay.port}", "127.0.0.0/29", "127.0.0.128/29"]
    local = cluster.tmp / "routes-local.json"
    done = subprocess.run(
        [*EXE, "scan", *targets, "--ports", cluster.ports, *FAST, "-q", "--no-store", "--json", str(local)],
        env=cluster.env,
        capture_output=True,
        timeout=180,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]
    local_report = comparable(local)
    assert {(s["host"], s["engine"]) for s in local_report["services"]} == {
        ("localhost", "redis"),
        (SECOND, "redis"),
        ("127.0.0.1", "memcached"),
    }
    first, second = cluster.worker("q-a", "route-a"), cluster.worker("q-b", "route-b")
    args = ["scan", *targets, "--ports", cluster.ports, *FAST, "--shard-size", "2", "-q", "--json", "routes.json"]
    coordinator = cluster.spawn(
        [*args, "--distributed", "--queue", "q-rest", "--visibility-timeout", VISIBILITY, *ROUTES], "routes.log"
    )
    scan_id = _scan_id(cluster, "routes.log")
    finish(coordinator, cluster, "routes.log")
    assert comparable(cluster.tmp / "routes.json") == local_report
    rows = cluster.ledger("SELECT shard, status, claimed_by, payload FROM ledger_shards WHERE scan_id = :s", s=scan_id)
    assert {r.status for r in rows} == {"done"}
    holders: dict[str, set[str]] = {}
    for row in rows:
        halves = {int(a.rsplit(".", 1)[1]) >= 128 for a in _payload_addresses(row.payload)}
        assert len(halves) == 1, row.payload  # a shard never spans two routes
        holders.setdefault(row.claimed_by, set()).add("q-b" if halves.pop() else "q-a")
    assert sorted(holders.values(), key=sorted) == [{"q-a"}, {"q-b"}]  # each worker ran one segment's shards
    # localhost is 127.0.0.1: one host, in the same shard as the range's 127.0.0.1
    homes = [r.shard for r in rows if "127.0.0.1" in _payload_addresses(r.payload)]
    assert len(homes) == 1
    for name in ("route-a.log", "route-b.log"):
        assert "refused" not in cluster.log(name)
    # a recorded q-b shard forged onto q-a: the q-a worker refuses it and leaves the ledger alone
    row = next(r for r in rows if SECOND in _payload_addresses(r.payload))
    order = ShardOrder(
        scan=scan_id, shard=row.shard, endpoints=tuple(Endpoint.model_validate(e) for e in json.loads(row.payload))
    )
    send_shard(make_app(cluster.broker, queue="q-a"), order, "q-a")
    log_a = cluster.tmp / "route-a.log"
    wait_for(lambda: "routed to queue 'q-b'" in log_a.read_text(errors="replace"), "the refusal", first)
    after = cluster.ledger(
        "SELECT status, attempts FROM ledger_shards WHERE scan_id = :s AND shard = :n", s=scan_id, n=row.shard
    )
    assert [(r.status, r.attempts) for r in after] == [("done", 1)]
    for proc in (first, second):
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
