"""Trails found by following a subject: how often, and what the follow-up reads cost.

    python benchmarks/trails/run.py [--rows 1000000] [--subjects 100000] [--scans 20]
                                    [--engines postgresql,mongodb] [--mongo-rows 100000]

Starts a lab PostgreSQL, fills two tables of ``--rows`` positions of ``--subjects``
people server-side (generate_series), one with an index on ``person_id`` and one
without, beside a people table; then scans each database ``--scans`` times with the
follow-up and a few times without (``follow_subjects=0``), and prints in how many scans
the trail was found, whether the people were linked to it, and the median scan time with
and without the follow-up (goal: at most 1.5x). The MongoDB stand-in runs with
``--mongo-rows`` documents (it loads about 10,000 documents a second, so fewer).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import datetime as dt
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from unguarded import ScanOptions, build_target_set
from unguarded.lab.servers import start
from unguarded.models import Report
from unguarded.scanner import Scanner

OPTIONS = ScanOptions(service_deadline=300, io_timeout=30)
WITHOUT = dataclasses.replace(OPTIONS, follow_subjects=0)


def fill_postgres(server: Any, db: str, rows: int, subjects: int, *, index: bool) -> None:
    server.psql(f"CREATE DATABASE {db};")
    server.psql(
        "CREATE TABLE people (id int PRIMARY KEY, full_name text, email text, phone text); "
        "INSERT INTO people SELECT g, 'Person ' || g, 'p' || g || '@example.org', "
        f"'+1 415 555 ' || lpad((g % 10000)::text, 4, '0') FROM generate_series(1, {subjects}) g; "
        "CREATE TABLE positions (id bigint, person_id int, lat float8, lon float8, recorded_at timestamptz); "
        f"INSERT INTO positions SELECT g, g % {subjects} + 1, 40 + (g % 997) / 1000.0, -3 - (g % 991) / 1000.0, "
        f"timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, {rows}) g; "
        + ("CREATE INDEX ON positions (person_id); " if index else "")
        + "ANALYZE;",
        db=db,
    )


def fill_mongo(port: int, rows: int, subjects: int) -> None:
    from bson import ObjectId
    from pymongo import MongoClient

    client: MongoClient[Any] = MongoClient(port=port, directConnection=True)
    ids = [ObjectId() for _ in range(subjects)]
    client.bench.people.insert_many(
        [
            {"_id": oid, "name": f"Person {i}", "email": f"p{i}@example.org", "phone": f"+1 415 555 {i % 10000:04d}"}
            for i, oid in enumerate(ids)
        ],
        ordered=False,
    )
    start_at = dt.datetime(2026, 1, 1)
    for first in range(0, rows, 50_000):
        client.bench.tracks.insert_many(
            [
                {
                    "person_id": ids[g % subjects],
                    "loc": {"type": "Point", "coordinates": [-3 - (g % 991) / 1000, 40 + (g % 997) / 1000]},
                    "ts": start_at + dt.timedelta(seconds=g),
                }
                for g in range(first, min(rows, first + 50_000))
            ],
            ordered=False,
        )
    client.bench.tracks.create_index("person_id")
    client.close()


def scan(target: str, options: ScanOptions) -> tuple[float, Report]:
    started = time.perf_counter()
    report = asyncio.run(Scanner(options).run(build_target_set([target])))
    return time.perf_counter() - started, report


def measure(target: str, trail: str, scans: int, keep: Callable[[Report], Report]) -> tuple[int, int, float, float]:
    """(scans that found the trail, scans that linked people to it, median seconds with follow-ups, without)."""
    found = linked = 0
    with_times, without_times = [], []
    for _ in range(scans):
        seconds, report = scan(target, OPTIONS)
        report = keep(report)
        with_times.append(seconds)
        datasets = {d.name: d for s in report.services for d in s.datasets}
        found += "location_trail" in datasets[trail].patterns
        linked += any(link.to == trail for s in report.services for link in s.links)
    for _ in range(max(3, scans // 4)):
        seconds, _report = scan(target, WITHOUT)
        without_times.append(seconds)
    return found, linked, statistics.median(with_times), statistics.median(without_times)


def only(db: str) -> Callable[[Report], Report]:
    def keep(report: Report) -> Report:
        """Only the benchmark's database (the lab server's own ones are not the subject)."""
        services = tuple(
            s.model_copy(update={"datasets": tuple(d for d in s.datasets if d.name.startswith(db + "."))})
            for s in report.services
        )
        return report.model_copy(update={"services": services})

    return keep


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=20)
    parser.add_argument("--engines", default="postgresql,mongodb")
    parser.add_argument("--mongo-rows", type=int, default=100_000)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="unguarded-bench-trails-"))
    root.chmod(0o755)
    try:
        run_cases(args, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_cases(args: argparse.Namespace, root: Path) -> None:
    """Every case of the table, each against a lab server of its own (stopped at the end of its row)."""
    asyncio.run(Scanner().run(build_target_set(["127.0.0.1:1"])))  # import everything once
    header = f"{'case':<58} {'trail found':>12} {'linked':>8} {'s with':>8} {'s without':>10} {'ratio':>6}"
    print(header)
    print("-" * len(header))
    rows_label = f"{args.rows:,} rows, {args.subjects:,} people"
    engines = set(args.engines.split(","))
    for index in (True, False) if "postgresql" in engines else ():
        server = start("postgresql", root / f"pg-{'index' if index else 'noindex'}")
        try:
            db = "bench_indexed" if index else "bench_plain"
            fill_postgres(server, db, args.rows, args.subjects, index=index)
            target = f"postgresql://127.0.0.1:{server.port}"
            found, linked, with_s, without_s = measure(target, f"{db}.public.positions", args.scans, only(db))
            case = f"postgresql, {rows_label}, {'index on key' if index else 'no index'}"
            print(
                f"{case:<58} {f'{found} of {args.scans}':>12} {linked:>8} {with_s:>8.2f} {without_s:>10.2f} "
                f"{with_s / without_s:>5.2f}x"
            )
        finally:
            server.stop()
    if "mongodb" in engines:
        server = start("mongodb", root / "mongo")
        try:
            subjects = max(1, args.mongo_rows // 10)
            fill_mongo(server.port, args.mongo_rows, subjects)
            target = f"mongodb://127.0.0.1:{server.port}"
            found, linked, with_s, without_s = measure(target, "bench.tracks", args.scans, only("bench"))
            case = f"mongodb stand-in, {args.mongo_rows:,} docs, {subjects:,} people, index"
            print(
                f"{case:<58} {f'{found} of {args.scans}':>12} {linked:>8} {with_s:>8.2f} {without_s:>10.2f} "
                f"{with_s / without_s:>5.2f}x"
            )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
