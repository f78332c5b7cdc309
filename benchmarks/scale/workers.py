"""Distributed scan throughput: the same loopback target set with one worker, then with two.

    PYTHONPATH=src python benchmarks/scale/workers.py [--servers 16] [--keys 3000] [--shard-size 4]

Starts a Redis broker and ``--servers`` Redis servers holding synthetic people, each on
its own loopback address (127.0.1.1, 127.0.1.2, ...: shards hold whole hosts, so the work
must be spread over hosts to be spread over workers), then scans that range three ways:
locally, with one ``unguarded worker`` and with two (each ``--concurrency 1``, started
before the coordinator). Prints a table of wall time and services per second, and checks
that every run found the same services. The store is a SQLite file in a temporary
directory (the workers share this machine); everything started is stopped by PID.

Goal (issue 13): two workers faster than one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import redis

REPO = Path(__file__).resolve().parents[2]
EXE = [sys.executable, "-m", "unguarded.cli"]
PORT = 16390
FIRST = "127.0.1."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_server(address: str, port: int, workdir: Path) -> subprocess.Popen[bytes]:
    binary = shutil.which("redis-server")
    if binary is None:
        sys.exit("redis-server not found: apt-get install redis-server")
    workdir.mkdir(parents=True, exist_ok=True)
    argv = [binary, "--bind", address, "--port", str(port), "--save", "", "--appendonly", "no"]
    argv += ["--dir", str(workdir), "--protected-mode", "no"]
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    end = time.monotonic() + 10
    while time.monotonic() < end:
        try:
            with socket.create_connection((address, port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit(f"redis-server on {address}:{port} did not start")


def seed(address: str, keys: int, n: int) -> None:
    client = redis.Redis(host=address, port=PORT)
    pipe = client.pipeline(transaction=False)
    for i in range(keys):
        pipe.hset(
            f"customer:{i}",
            mapping={"name": f"Person {n}-{i}", "email": f"p{n}x{i}@example.org", "phone": "+447911123456"},
        )
        if i % 500 == 499:
            pipe.execute()
    pipe.execute()
    client.close()


def stop(procs: Sequence[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def start_worker(env: dict[str, str], queue: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [*EXE, "worker", "--queue", queue, "--concurrency", "1"],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    end = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if proc.poll() is not None or time.monotonic() > end:
            sys.exit(f"the worker did not start: {log.read_text()[-1000:]}")
        time.sleep(0.05)
    return proc


def timed_scan(env: dict[str, str], args: list[str], out: Path) -> tuple[float, list[tuple[str, int, str]]]:
    started = time.perf_counter()
    done = subprocess.run([*EXE, "scan", *args, "-q", "--json", str(out)], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"the scan failed: {done.stderr[-1000:]}")
    services = sorted((s["host"], s["port"], s["engine"]) for s in json.loads(out.read_text())["services"])
    return seconds, services


#: one run of the table: its name, wall seconds, the services it found
Row = tuple[str, float, list[tuple[str, int, str]]]


def measure(servers: int = 16, keys: int = 3000, shard_size: int = 4) -> list[Row]:
    """Start everything, scan locally, with one worker and with two; stop everything. The rows of the table."""
    tmp = Path(tempfile.mkdtemp(prefix="unguarded-workers-bench-"))
    procs: list[subprocess.Popen[bytes]] = []
    rows: list[Row] = []
    try:
        broker_port = free_port()
        procs.append(redis_server("127.0.0.1", broker_port, tmp / "broker"))
        addresses = [f"{FIRST}{i}" for i in range(1, servers + 1)]
        for n, address in enumerate(addresses):
            procs.append(redis_server(address, PORT, tmp / f"redis-{n}"))
            seed(address, keys, n)
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO / "src"),
            "UNGUARDED_BROKER": f"redis://127.0.0.1:{broker_port}/0",
            "UNGUARDED_STORE": f"sqlite:///{tmp / 'store.sqlite'}",
        }
        targets = [*addresses, "--ports", str(PORT), "--rate", "200"]
        seconds, services = timed_scan(env, [*targets, "--no-store"], tmp / "local.json")
        rows.append(("local scan (no workers)", seconds, services))
        for count in (1, 2):
            queue = f"bench{count}"
            workers = [start_worker(env, queue, tmp / f"worker-{count}-{i}.log") for i in range(count)]
            sharded = [*targets, "--distributed", "--queue", queue, "--shard-size", str(shard_size)]
            seconds, services = timed_scan(env, sharded, tmp / f"workers-{count}.json")
            stop(workers)
            rows.append((f"{count} worker{'s' if count > 1 else ''} (concurrency 1 each)", seconds, services))
    finally:
        stop(procs)
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def table(rows: list[Row]) -> str:
    """The rows as a table, then whether every run found the same services and whether two workers beat one."""
    lines = [f"{'run':<34} {'seconds':>8} {'services/s':>11} {'services':>9}"]
    for name, seconds, services in rows:
        lines.append(f"{name:<34} {seconds:>8.1f} {len(services) / seconds:>11.2f} {len(services):>9}")
    same = all(r[2] == rows[0][2] for r in rows)
    one, two = rows[1][1], rows[2][1]
    lines.append("")
    lines.append(f"same services in every run: {'yes' if same else 'NO'}")
    lines.append(f"two workers vs one: {one / two:.2f}x {'(goal met)' if two < one else '(goal NOT met)'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--servers", type=int, default=16, help="Redis servers, one per loopback address")
    parser.add_argument("--keys", type=int, default=3000, help="people (hashes) in each")
    parser.add_argument("--shard-size", type=int, default=4, help="endpoints (here: hosts) per shard")
    args = parser.parse_args()
    rows = measure(args.servers, args.keys, args.shard_size)
    cores = os.cpu_count() or 1
    print(f"{args.servers} Redis servers x {args.keys:,} people, shards of {args.shard_size}, {cores} cores\n")
    print(table(rows))


if __name__ == "__main__":
    main()
