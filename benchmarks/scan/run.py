"""Scan cost by table size and port sweep speed, against real lab servers.

    python benchmarks/scan/run.py [--rows 10000,1000000,10000000] [--ports 2000]

Starts PostgreSQL and MariaDB from the lab, fills one table per size server-side
(generate_series / recursive insert), then scans each server restricted to that table's
database, and prints wall time and the scanner's peak memory per size. The goal: a
10-million-row table costs about what a 10-thousand-row one does (bounded sampling,
counts from metadata). A second row times a sweep of closed loopback ports.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import tempfile
import time
import tracemalloc
from pathlib import Path

from unguarded import ScanOptions, build_target_set
from unguarded.lab.servers import start
from unguarded.scanner import Scanner


def fill_postgres(server, rows: int) -> str:  # type: ignore[no-untyped-def]
    db = f"bench_{rows}"
    server.psql(f"CREATE DATABASE {db};")
    server.psql(
        "CREATE TABLE people AS SELECT g AS id, 'user' || g || '@example.org' AS email, "
        "'+4479111' || lpad((g % 100000)::text, 5, '0') AS phone, md5(g::text) AS note "
        f"FROM generate_series(1, {rows}) g; ANALYZE people;",
        db=db,
    )
    return db


def scan_once(port: int) -> tuple[float, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    report = asyncio.run(Scanner(ScanOptions(service_deadline=300)).run(build_target_set([f"127.0.0.1:{port}"])))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak / 2**20, sum(s.records for s in report.services)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="10000,1000000,10000000")
    parser.add_argument("--ports", type=int, default=2000)
    args = parser.parse_args()
    sizes = [int(x) for x in args.rows.split(",")]
    root = Path(tempfile.mkdtemp(prefix="unguarded-bench-"))
    root.chmod(0o755)
    # Warm up: import every engine and library once so the first size is not charged for it.
    asyncio.run(Scanner().run(build_target_set(["127.0.0.1:1"])))
    print(f"{'case':<34} {'records':>12} {'seconds':>9} {'peak MiB':>9}")
    for rows in sizes:
        server = start("postgresql", root / f"pg-{rows}")
        try:
            fill_postgres(server, rows)
            elapsed, peak, records = scan_once(server.port)
            print(f"{'postgresql, one table of ' + format(rows, ','):<34} {records:>12,} {elapsed:>9.2f} {peak:>9.1f}")
        finally:
            server.stop()
    started = time.perf_counter()
    ts = build_target_set(["127.0.0.1"])
    asyncio.run(
        Scanner(ScanOptions(per_host=64, per_host_rate=100_000)).run(ts, list(range(40000, 40000 + args.ports)))
    )
    elapsed = time.perf_counter() - started
    print(
        f"{'closed loopback ports':<34} {args.ports:>12,} {elapsed:>9.2f} {'':>9}   ({args.ports / elapsed:,.0f} ports/s)"
    )
    print(
        f"\nprocess peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB; cores: {os.cpu_count()}"
    )


if __name__ == "__main__":
    main()
