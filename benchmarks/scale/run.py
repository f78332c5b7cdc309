"""Discovery sweep speed and memory at scale, beside nmap, and worker throughput, in one run.

    python benchmarks/scale/run.py [--repeat 3] [--large 127.0.0.0/12] [--no-large] [--workers | --no-workers]

A sweep of 127.0.0.0/16 (65,534 addresses) on one closed port with ``unguarded scan``
and with ``nmap -sT -T4 -p PORT -n -Pn 127.0.0.0/16``, alternately, ``--repeat`` times
each (the median is shown, the machine may be shared); then ``unguarded scan`` of
127.0.0.0/12 (1,048,574 addresses, ``--max-targets`` raised) once, for memory. Each tool
runs as a child process: wall time from outside, peak RSS from the child's own rusage
(``os.wait4``), and for unguarded the sweep's own time from its JSON report
(``finished_at - started_at``: the scan without interpreter start-up and imports), and
its CPU time (user + system, from the same rusage: what a loaded machine does not inflate).

Then, when ``redis-server`` is installed (or with ``--workers``; ``--no-workers`` skips
it), the distributed scan's throughput with one Celery worker and with two, from
:mod:`workers` (its own Redis broker and Redis targets, a SQLite store: no PostgreSQL).
Goals: the /16 sweep at least as fast as nmap's, peak RSS under 300 MB at both sizes,
two workers faster than one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MIB = 1024  # ru_maxrss is in KiB on Linux


@dataclass
class Run:
    wall: float
    peak_kib: int
    cpu: float = 0.0
    sweep: float | None = None
    probed: int | None = None


def closed_port() -> int:
    """A port nothing listens on, on any address: bound on the wildcard, then released."""
    with socket.socket() as sock:
        sock.bind(("0.0.0.0", 0))
        return int(sock.getsockname()[1])


def child(argv: list[str]) -> tuple[float, int, float]:
    """Run a command; its wall time, its own peak RSS (KiB) and CPU seconds, from wait4, not a sum of children."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv[0]} failed ({proc.returncode}): {stderr[-500:]}")
    return wall, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def unguarded(target: str, port: int, max_targets: int) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        wall, peak, cpu = child(
            [
                sys.executable,
                "-m",
                "unguarded.cli",
                "scan",
                target,
                "-p",
                str(port),
                "--max-targets",
                str(max_targets),
                "--no-store",
                "-q",
                "--json",
                str(out),
            ]  # fmt: skip
        )
        report = json.loads(out.read_text())
    sweep = dt.datetime.fromisoformat(report["finished_at"]) - dt.datetime.fromisoformat(report["started_at"])
    return Run(wall, peak, cpu, sweep.total_seconds(), report["stats"]["ports_probed"])


def nmap(target: str, port: int) -> Run:
    wall, peak, cpu = child(["nmap", "-sT", "-T4", "-p", str(port), "-n", "-Pn", target, "-oN", os.devnull])
    return Run(wall, peak, cpu)


def median(runs: list[Run]) -> Run:
    def mid(values: list[float]) -> float:
        return statistics.median(values)

    sweeps = [r.sweep for r in runs if r.sweep is not None]
    return Run(
        mid([r.wall for r in runs]),
        int(mid([r.peak_kib for r in runs])),
        mid([r.cpu for r in runs]),
        mid(sweeps) if sweeps else None,
        runs[0].probed,
    )


def row(case: str, addresses: int, run: Run) -> str:
    sweep = f"{run.sweep:.2f}" if run.sweep is not None else "-"
    rate = f"{addresses / run.wall:,.0f}"
    return f"| {case} | {addresses:,} | {run.wall:.2f} | {run.cpu:.2f} | {sweep} | {rate} | {run.peak_kib / MIB:.0f} |"


def workers_table(servers: int, keys: int, shard_size: int) -> str:
    """The one-worker vs two-worker table of :mod:`workers` (imported here: it needs the redis client)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    workers = importlib.import_module("workers")
    rows = workers.measure(servers, keys, shard_size)
    head = f"{servers} Redis servers x {keys:,} people, shards of {shard_size}; load average {os.getloadavg()[0]:.1f}\n"
    return head + "\n" + str(workers.table(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each tool on the /16 (median shown)")
    parser.add_argument("--target", default="127.0.0.0/16")
    parser.add_argument("--large", default="127.0.0.0/12", help="the memory case")
    parser.add_argument("--no-large", action="store_true")
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--workers", action="store_true", default=None, help="measure workers (default: if redis-server)"
    )
    which.add_argument("--no-workers", dest="workers", action="store_false")
    parser.add_argument("--servers", type=int, default=16, help="workers: Redis servers scanned")
    parser.add_argument("--keys", type=int, default=3000, help="workers: people in each")
    parser.add_argument("--shard-size", type=int, default=4, help="workers: hosts per shard")
    args = parser.parse_args()
    with_workers = args.workers if args.workers is not None else shutil.which("redis-server") is not None
    if args.workers and shutil.which("redis-server") is None:
        raise SystemExit("redis-server is not installed: apt-get install redis-server (or --no-workers)")
    if shutil.which("nmap") is None:
        raise SystemExit("nmap is not installed: apt-get install nmap (scripts/setup.sh bench does it)")
    port = closed_port()
    import ipaddress

    small = ipaddress.ip_network(args.target).num_addresses - 2
    large = ipaddress.ip_network(args.large).num_addresses - 2
    ours, theirs, startups = [], [], []
    for _ in range(args.repeat):
        ours.append(unguarded(args.target, port, max(small, 65_536)))
        theirs.append(nmap(args.target, port))
        startups.append(unguarded("127.0.0.1", port, 1))
    print(f"closed port {port}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; "
          f"median of {args.repeat} alternating runs\n")  # fmt: skip
    print("| case | addresses | wall s | CPU s | sweep s | addresses/s (wall) | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    print(row(f"nmap -sT -T4 {args.target}", small, median(theirs)))
    print(row(f"unguarded scan {args.target}", small, median(ours)))
    print(row("unguarded scan, 1 address (start-up alone)", 1, median(startups)))
    if not args.no_large:
        big = unguarded(args.large, port, large)
        print(row(f"unguarded scan {args.large}", large, big))
        assert big.probed == large, (big.probed, large)
    assert all(r.probed == small for r in ours), [r.probed for r in ours]
    if with_workers:
        print("\nWorkers (benchmarks/scale/workers.py):\n")
        print(workers_table(args.servers, args.keys, args.shard_size))
    else:
        print("\nWorkers: skipped (no redis-server, or --no-workers)")


if __name__ == "__main__":
    main()
