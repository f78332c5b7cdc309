"""Hostile peers and bad input, end to end: every case ends with a clear error, in bounded memory.

Each protocol peer (tests/hostile.py) speaks just enough of its protocol to be identified,
then misbehaves: a reply advertising 2 GB, 300,000 databases, a SCAN cursor that never
returns to 0, a 500 MB value, a one-byte drip, endless packets and chunked bodies, a gzip
bomb. Each is scanned in a child process next to a healthy real Redis from the lab; the
scan must finish, report the peer's error and still report the healthy server, and the
child's peak RSS (``wait4``) must stay under :data:`MEMORY_CEILING_MIB`. No timing is
asserted (benchmarks/hostile/run.py prints the seconds); the child is only guarded by a
generous kill timer so a regression fails instead of hanging CI.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import sys
import threading

import pytest

from tests import hostile
from tests.conftest import FAST, run_scan
from unguarded.discovery import IdentifyError, identify
from unguarded.engines import all_engines
from unguarded.engines.base import Assessment, Engine, Identity, ScanContext, ScanOptions
from unguarded.models import Access, Endpoint, Exposure
from unguarded.scanner import Scanner
from unguarded.targets import build_target_set

#: the documented ceiling for one scan process facing any hostile peer (docs: benchmarks/README.md)
MEMORY_CEILING_MIB = 256
DEADLINE = 5.0

EXPECTED = {
    "mongodb-2GB-reply": "over the 16,777,216-byte message cap",
    "mongodb-300k-databases": "listing cut at 10,000 databases",
    "redis-endless-scan": "key listing cut at 1,000 SCAN round trips",
    "redis-500MB-value": "a reply passed the 16,777,216-byte message cap",
    "mysql-drip": "",
    "mysql-endless-packet": "a reply passed the 16,777,216-byte message cap",
    "es-million-indices": "listing cut at 10,000 indices",
    "es-chunked-forever": "service deadline",
    "es-gzip-bomb": "compressed body inflates past",
}


@pytest.mark.parametrize("case", sorted(hostile.PROTOCOL_PEERS))
def test_hostile_peer_ends_with_a_clear_error_and_the_healthy_server_is_reported(case, lab):
    scheme, factory = hostile.PROTOCOL_PEERS[case]
    healthy = lab.get("redis")
    port, close = factory()
    try:
        report, _seconds, peak_mib, stderr = hostile.scan_in_child(
            [f"{scheme}://127.0.0.1:{port}", f"redis://127.0.0.1:{healthy.port}"], deadline=DEADLINE
        )
    finally:
        close()
    assert report, stderr[-2000:]
    assert "Traceback" not in stderr
    by_port = {s["port"]: s for s in report["services"]}
    assert healthy.port in by_port and by_port[healthy.port]["exposure"] in ("open", "protected"), report
    peer_errors = [e["message"] for e in report["errors"] if e.get("port") == port]
    if port in by_port:
        peer_errors += [e["message"] for e in by_port[port]["errors"]]
    assert peer_errors, report
    assert any(EXPECTED[case] in message for message in peer_errors), peer_errors
    assert peak_mib < MEMORY_CEILING_MIB, f"{case}: peak RSS {peak_mib:.0f} MiB"


def test_the_service_budget_holds_across_replies():
    """Replies under the message cap still add up to the per-service budget."""
    options = dataclasses.replace(FAST, message_byte_cap=1 << 30, service_byte_cap=8 << 20, service_deadline=10)
    port, close = hostile.redis("huge_value")
    try:
        report = run_scan([f"redis://127.0.0.1:{port}"], options=options)
    finally:
        close()
    (service,) = report.services
    assert [e.message for e in service.errors] == [
        "assessment cut: the service sent more than its 8,388,608-byte budget"
    ]
    assert service.exposure.value == "unknown"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unguarded.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("target", ["999.1.1.1", "10.0.0.300", "1.2.3", "10.0.0.0/33", "fe80::zz"])
def test_invalid_addresses_are_usage_errors(target):
    done = _cli("scan", target, "-q", "--no-store")
    assert done.returncode == 2, done
    assert done.stderr.count("\n") == 1 and "invalid address" in done.stderr


def test_a_huge_target_list_is_refused_while_streaming(tmp_path):
    listing = tmp_path / "targets.txt"
    with listing.open("w") as handle:
        for i in range(300_000):
            handle.write(f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}\n")
    done = _cli("scan", "-iL", str(listing), "--max-targets", "1000", "-q", "--no-store")
    assert done.returncode == 2 and "more than 1,000 targets" in done.stderr, done.stderr


def test_one_overlong_line_in_a_target_list_is_refused(tmp_path):
    listing = tmp_path / "targets.txt"
    listing.write_text("a" * 5_000_000)
    done = _cli("scan", "-iL", str(listing), "-q", "--no-store")
    assert done.returncode == 2 and "longer than" in done.stderr and len(done.stderr) < 400


@pytest.mark.parametrize("flag", ["--baseline", "report"])
def test_deeply_nested_files_are_one_line_and_exit_2(tmp_path, flag):
    deep = tmp_path / "deep.json"
    deep.write_text('{"version": 1, "entries": ' + "[" * 200_000 + "]" * 200_000 + "}")
    done = (
        _cli("scan", "127.0.0.1:1", "--baseline", str(deep), "-q", "--no-store")
        if flag == "--baseline"
        else (_cli("diff", str(deep), str(deep)))
    )
    assert done.returncode == 2, done
    assert done.stderr.count("\n") == 1 and "nested too deeply" in done.stderr and "Traceback" not in done.stderr


class _Peer:
    """A seam peer that answers every probe with fixed bytes."""

    def __init__(self, answer: bytes) -> None:
        self.answer = answer

    async def connect(self, address: str, port: int, timeout: float, *, tls: bool = False):  # type: ignore[no-untyped-def]
        if tls:
            raise ConnectionResetError
        reader = asyncio.StreamReader()
        answer = self.answer

        class Writer:
            def write(self, data: bytes) -> None:
                reader.feed_data(answer)

            async def drain(self) -> None:
                return None

            def close(self) -> None:
                reader.feed_eof()

            async def wait_closed(self) -> None:
                return None

        return reader, Writer()


@pytest.mark.parametrize(
    "answer",
    [
        b"-ERR 'Authorization Violation'\r\n",  # NATS
        b"-ERR 'Unknown Protocol Operation'\r\n",  # NATS
        b"-ERR unknown command, authentication first\r\n",
        b"+PONG\r\n+PONG\r\n",
        b"-NOAUTH Authentication required.\r\ngarbage",
    ],
)
def test_replies_outside_an_engines_grammar_are_not_taken_for_it(answer):
    ctx = ScanContext(options=ScanOptions(io_timeout=0.3), connect=_Peer(answer).connect)
    with pytest.raises(IdentifyError):
        asyncio.run(identify(Endpoint(host="x", address="192.0.2.1", port=4222), ctx, all_engines()))


def test_benchmark_cases_are_the_test_cases():
    assert set(EXPECTED) == set(hostile.PROTOCOL_PEERS)
    assert json.dumps(sorted(EXPECTED))


def test_a_webhook_that_drips_its_answer_is_cut_at_the_attempt_deadline():
    from tests.fixed_report import fixed_report
    from unguarded.alerts import post_webhook

    report = fixed_report()
    port, close = hostile.webhook_drip()
    try:
        posted = post_webhook(f"http://127.0.0.1:{port}/hook", report, report.findings, timeout=0.5, retries=3)
    finally:
        close()
    assert not posted.ok and posted.attempts == 1
    assert "did not finish answering within 1.5s" in posted.message


class _StuckEngine(Engine):
    """Recognised by +PONG; its assessment blocks a thread that nothing can interrupt."""

    name = "stuck"
    title = "stuck"
    default_ports = ()
    probe = b"PING\r\n"

    def __init__(self) -> None:
        self.release = threading.Event()

    def match(self, answer: bytes) -> Identity | None:
        return Identity(self.name) if answer == b"+PONG\r\n" else None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        await asyncio.to_thread(self.release.wait, 60)  # a library call that ignores closed sockets and flags
        return Assessment(Exposure.OPEN, Access.ADMIN)


def test_a_stuck_library_call_is_left_behind_and_the_scan_ends():
    engine = _StuckEngine()
    port, close = hostile.redis("endless_scan")
    options = dataclasses.replace(FAST, service_deadline=1.0)
    try:
        report = asyncio.run(Scanner(options, engines=[engine]).run(build_target_set([f"127.0.0.1:{port}"])))
        # asyncio.run returned while the worker thread is still blocked: nothing joined it
        assert any(t.name.startswith("unguarded-worker") and t.is_alive() for t in threading.enumerate())
    finally:
        engine.release.set()
        close()
    (service,) = report.services
    assert [e.message for e in service.errors] == ["assessment did not finish within the 1s service deadline"]
    assert service.exposure.value == "unknown"


def test_the_relay_reads_reply_lengths_across_chunks():
    from unguarded.engines.base import ReplyFrame
    from unguarded.relay import _FrameReader

    frames = _FrameReader(ReplyFrame(header=16, length_offset=0, length_size=4), cap=1000)
    ok = (100).to_bytes(4, "little") + b"\0" * 96
    assert frames.check(ok[:3]) is None and frames.check(ok[3:] + ok[:10]) is None and frames.check(ok[10:]) is None
    huge = (2**31 - 1).to_bytes(4, "little") + b"\0" * 12
    assert "2,147,483,647 bytes" in (frames.check(huge[:2]) or frames.check(huge[2:]) or "")
