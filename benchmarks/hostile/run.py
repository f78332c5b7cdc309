"""Time and peak memory of one scan per hostile peer, next to nothing else.

    PYTHONPATH=src .venv/bin/python benchmarks/hostile/run.py [--deadline 5]

Starts each misbehaving protocol peer of tests/hostile.py (a MongoDB reply advertising
2 GB, 300,000 databases, a Redis SCAN that never ends, a 500 MB Redis value, a MySQL
that drips one byte at a time or sends endless packets, an Elasticsearch listing of a
million indices, a chunked body that never ends, a gzip bomb) plus the tarpit, the
firehose and the HTTP yes-man, scans each in a child process with ``--deadline`` and
prints a Markdown table: wall seconds, the child's peak RSS (``wait4``) and the error
the report gives. The goal: every case ends within the deadline plus a little, under
256 MiB, with a clear error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests import hostile  # noqa: E402


def cases() -> dict[str, tuple[str, Callable[[], tuple[int, Callable[[], None]]]]]:
    return {
        **hostile.PROTOCOL_PEERS,
        "tarpit": ("", hostile.tarpit),
        "random-bytes firehose": ("", hostile.garbage),
        "HTTP yes-man": ("", hostile.http_yes_man),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deadline", type=float, default=5.0)
    args = parser.parse_args()
    print(f"| case | seconds (deadline {args.deadline:g}) | peak RSS MiB | error in the report |")
    print("|---|---:|---:|---|")
    for name, (scheme, factory) in cases().items():
        port, close = factory()
        target = f"{scheme}://127.0.0.1:{port}" if scheme else f"127.0.0.1:{port}"
        try:
            report, seconds, peak, _stderr = hostile.scan_in_child([target], deadline=args.deadline)
        finally:
            close()
        messages = [e["message"] for e in report.get("errors", [])]
        messages += [e["message"] for s in report.get("services", []) for e in s.get("errors", [])]
        print(f"| {name} | {seconds:.1f} | {peak:.0f} | {'; '.join(messages)[:110] or '(none)'} |")


if __name__ == "__main__":
    main()
