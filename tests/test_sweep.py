"""The connect sweep: exactly the open ports among many closed ones, within every limit.

Behaviour only, never speed (benchmarks/scale holds the speed goal): which endpoints are
decided and opened, that excluded addresses are never contacted, that endpoints in
flight never exceed ``concurrency``, a host's never ``per_host``, descriptors never the
cap, that running out of descriptors loses no open port, and that the target walk is
consumed lazily.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import subprocess
import sys
import textwrap
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest

from unguarded.discovery import Stream
from unguarded.engines import all_engines
from unguarded.engines.base import ScanOptions, tcp_connect
from unguarded.models import Endpoint
from unguarded.scanner import Scanner
from unguarded.sweep import SERVICE_FDS, Sweep, fd_budget, open_fds
from unguarded.targets import Planned, TargetError, build_target_set, walk


@contextmanager
def listeners(count: int, backlog: int = 64) -> Iterator[list[int]]:
    """``count`` loopback ports that accept connections (the kernel completes the handshake)."""
    with ExitStack() as stack:
        ports = []
        for _ in range(count):
            sock = stack.enter_context(socket.socket())
            sock.bind(("127.0.0.1", 0))
            sock.listen(backlog)
            ports.append(sock.getsockname()[1])
        yield ports


def closed_ports(count: int) -> list[int]:
    """Distinct ports nothing listens on: bound together (so the kernel cannot hand out one
    twice, which it did when each was closed before the next was bound), then closed, so the
    kernel refuses them."""
    with contextlib.ExitStack() as stack:
        socks = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in socks:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in socks]


class Record:
    """What a sweep reported, and the limits it was seen to keep."""

    def __init__(self, options: ScanOptions, hold: float = 0.0) -> None:
        self.options, self.hold = options, hold
        self.decided: Counter[tuple[str, int]] = Counter()
        self.opened: list[tuple[str, int]] = []
        self.failed: list[str] = []
        self.pulled = 0
        self.finished = 0
        self.most_in_flight = 0
        self.per_host: Counter[str] = Counter()
        self.most_per_host = 0

    def items(self, source: Iterator[Planned | TargetError]) -> Iterator[Planned | TargetError]:
        for item in source:
            self.pulled += 1
            self.most_in_flight = max(self.most_in_flight, self.pulled - self.finished)
            yield item

    def on_decided(self, item: Planned, is_open: bool) -> None:
        self.decided[item.address, item.port] += 1
        self.finished += not is_open

    async def on_opened(self, item: Planned, stream: Stream) -> None:
        self.opened.append((item.address, item.port))
        self.per_host[item.address] += 1
        self.most_per_host = max(self.most_per_host, self.per_host[item.address])
        try:
            await asyncio.sleep(self.hold)
        finally:
            self.per_host[item.address] -= 1
            self.finished += 1
            stream[1].close()

    def on_failed(self, item: Planned | TargetError, message: str) -> None:
        self.failed.append(message)

    def run(self, targets: list[str], ports: list[int], *, exclude: tuple[str, ...] = (), **kwargs: object) -> Sweep:
        target_set = build_target_set(targets, exclude=list(exclude), max_targets=1 << 20)
        sweep = Sweep(
            self.items(walk(target_set, ports)),
            self.options,
            opened=self.on_opened,
            decided=self.on_decided,
            failed=self.on_failed,
            **kwargs,  # type: ignore[arg-type]
        )
        asyncio.run(sweep.run())
        return sweep


@pytest.mark.parametrize("use_epoll", [True, False], ids=["epoll", "add_writer"])
def test_finds_exactly_the_open_ports_among_many_closed(use_epoll):
    with listeners(6) as open_ports:
        ports = sorted([*open_ports, *closed_ports(40)])
        record = Record(ScanOptions(concurrency=64, per_host=8, per_host_rate=0))
        record.run(["127.0.0.0/27"], ports, use_epoll=use_epoll)
    addresses = [f"127.0.0.{i}" for i in range(1, 31)]
    assert record.decided == Counter({(a, p): 1 for a in addresses for p in ports})
    assert sorted(record.opened) == [("127.0.0.1", p) for p in sorted(open_ports)]
    assert record.failed == []


def test_excluded_addresses_are_never_contacted():
    with listeners(2) as open_ports:
        record = Record(ScanOptions(per_host_rate=0))
        record.run(["127.0.0.0/28", "127.0.0.1"], open_ports, exclude=("127.0.0.0/30", "127.0.0.9"))
    contacted = {address for address, _ in record.decided}
    assert contacted == {f"127.0.0.{i}" for i in range(1, 15)} - {"127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.9"}
    assert record.opened == []


def test_max_targets_caps_what_is_walked():
    with pytest.raises(TargetError, match="exceed the cap"):
        build_target_set(["127.0.0.0/12"])
    assert build_target_set(["127.0.0.0/12"], max_targets=1 << 20).address_count == (1 << 20) - 2


def test_in_flight_endpoints_stay_under_concurrency_and_per_host():
    with listeners(12) as open_ports:
        ports = sorted([*open_ports, *closed_ports(20)])
        record = Record(ScanOptions(concurrency=5, per_host=2, per_host_rate=0), hold=0.02)
        record.run(["127.0.0.1", "127.0.0.2"], ports)
    assert len(record.opened) == 12
    assert record.most_in_flight <= 5
    assert record.most_per_host <= 2


def test_descriptors_stay_under_the_cap():
    with listeners(20) as open_ports:
        record = Record(ScanOptions(per_host=64, per_host_rate=0), hold=0.02)
        sweep = record.run(["127.0.0.1"], open_ports, max_fds=3 * SERVICE_FDS)
    assert len(record.opened) == 20
    assert 0 < sweep.peak_fds <= 3 * SERVICE_FDS


def test_fd_budget_leaves_room_under_the_limit():
    assert fd_budget(1024) < 1024
    assert fd_budget(1) == 1


@pytest.mark.parametrize("use_epoll", [True, False], ids=["epoll", "add_writer"])
def test_an_unanswered_connect_is_closed_after_the_timeout(use_epoll):
    # a listener that never accepts, its one-connection queue full: the next SYN gets no answer
    with socket.socket() as server, socket.socket() as filler:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        port = server.getsockname()[1]
        filler.connect(("127.0.0.1", port))
        record = Record(ScanOptions(connect_timeout=0.2, per_host_rate=0))
        record.run(["127.0.0.1"], [port], use_epoll=use_epoll)
    assert record.decided == Counter({("127.0.0.1", port): 1})
    assert record.opened == []


def test_per_host_rate_spaces_connection_starts():
    loop_times: list[float] = []
    record = Record(ScanOptions(per_host=4, per_host_rate=20))
    ports = closed_ports(5)

    def decided(item: Planned, is_open: bool) -> None:
        loop_times.append(asyncio.get_running_loop().time())

    record.on_decided = decided  # type: ignore[method-assign]
    record.run(["127.0.0.1"], ports)
    # five starts 1/20 s apart: the last comes 4/20 s after the first (less what deciding the first took)
    assert loop_times[-1] - loop_times[0] >= 0.15


def test_target_errors_are_reported_and_the_sweep_goes_on():
    record = Record(ScanOptions(per_host_rate=0))
    record.run(["no-such-host.invalid", "127.0.0.1"], closed_ports(3))
    assert len(record.failed) == 1 and "cannot resolve" in record.failed[0]
    assert len(record.decided) == 3


def test_the_walk_is_lazy_and_flat():
    """A /8 is walked without being built: memory after 300,000 endpoints is a few pages."""
    target_set = build_target_set(["10.0.0.0/8", "10.0.0.0/24"], exclude=["10.0.1.0/24"], max_targets=1 << 25)
    tracemalloc.start()
    try:
        items = walk(target_set, [6379, 27017])
        for _ in range(300_000):
            next(items)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 256 * 1024


def test_the_sweep_takes_from_the_walk_only_as_fast_as_it_goes():
    record = Record(ScanOptions(concurrency=16, per_host_rate=0))
    target_set = build_target_set(["127.0.0.0/8"], max_targets=1 << 24)
    ports = closed_ports(1)
    source = record.items(walk(target_set, ports))
    seen_when_done: list[int] = []

    def decided(item: Planned, is_open: bool) -> None:
        record.decided[item.address, item.port] += 1
        if len(record.decided) == 2_000:
            seen_when_done.append(record.pulled)
            raise _Stop

    sweep = Sweep(source, record.options, opened=record.on_opened, decided=decided, failed=record.on_failed)
    before = open_fds()
    with pytest.raises(_Stop):
        asyncio.run(sweep.run())
    # 16,777,214 endpoints given; at the 2,000th answer at most 16 more were taken
    assert seen_when_done[0] <= 2_000 + 16
    # and a sweep ended early leaves no socket open
    assert open_fds() == before


class _Stop(Exception):
    pass


def test_scanner_counts_the_same_through_the_sweep_and_through_a_custom_connector():
    """The raw-socket sweep and the connector seam (each connect a coroutine) agree."""

    async def connector(address: str, port: int, timeout: float, *, tls: bool = False):  # type: ignore[no-untyped-def]
        return await tcp_connect(address, port, timeout, tls=tls)

    options = ScanOptions(io_timeout=0.2, connect_timeout=1.0, service_deadline=3, per_host_rate=0)
    with listeners(3, backlog=8) as open_ports:
        ports = sorted([*open_ports, *closed_ports(10)])
        target_set = build_target_set(["127.0.0.0/29"])
        redis = [e for e in all_engines() if e.name == "redis"]
        lean = asyncio.run(Scanner(options, engines=redis).run(target_set, ports))
        seam = asyncio.run(Scanner(options, engines=redis, connect=connector).run(target_set, ports))
    for report in (lean, seam):
        assert (report.stats.addresses, report.stats.ports_probed, report.stats.open_ports) == (6, 6 * 13, 3)
        assert sorted(e.port for e in report.errors if e.stage == "identify") == sorted(open_ports)


def test_running_out_of_descriptors_loses_no_open_port(tmp_path):
    """A process whose ``ulimit -n`` is far below what the sweep was told it may use."""
    script = tmp_path / "low_fds.py"
    script.write_text(
        textwrap.dedent(
            """
            import asyncio, resource, socket
            from unguarded.engines.base import ScanOptions
            from unguarded.sweep import Sweep
            from unguarded.targets import build_target_set, walk

            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (100, hard))
            servers = []
            for _ in range(60):
                s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(64); servers.append(s)
            ports = [s.getsockname()[1] for s in servers]
            decided, opened, failed = [], [], []

            async def on_open(item, stream):
                opened.append(item.port)
                await asyncio.sleep(0.05)
                stream[1].close()

            sweep = Sweep(
                walk(build_target_set(["127.0.0.0/29"]), ports),
                ScanOptions(concurrency=512, per_host=64, per_host_rate=0),
                opened=on_open,
                decided=lambda item, is_open: decided.append(item),
                failed=lambda item, message: failed.append(message),
                max_fds=10_000,
            )
            asyncio.run(sweep.run())
            print(len(decided), sorted(opened) == sorted(ports), failed, sweep.fd_shortages > 0)
            """
        )
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split() == [str(6 * 60), "True", "[]", "True"], out.stderr


def test_scan_endpoint_leaves_no_per_host_state_behind():
    scanner = Scanner(ScanOptions(per_host_rate=0))
    (port,) = closed_ports(1)

    async def one_at_a_time() -> None:
        for i in range(1, 50):
            await scanner.scan_endpoint(Endpoint(host=f"127.0.0.{i}", address=f"127.0.0.{i}", port=port))

    asyncio.run(one_at_a_time())
    assert (scanner.counters.ports_probed, scanner.counters.open_ports) == (49, 0)
    assert scanner._hosts._sems == {} and scanner._hosts._users == {}


def test_a_cancelled_sweep_closes_the_connects_in_progress():
    """Connects nobody answers (a full accept queue on every loopback address), then Ctrl-C."""
    with socket.socket() as server, socket.socket() as filler:
        server.bind(("0.0.0.0", 0))
        server.listen(0)
        port = server.getsockname()[1]
        filler.connect(("127.0.0.1", port))
        record = Record(ScanOptions(connect_timeout=60, per_host_rate=0))
        sweep = Sweep(
            walk(build_target_set(["127.0.0.0/26"]), [port]),
            record.options,
            opened=record.on_opened,
            decided=record.on_decided,
            failed=record.on_failed,
        )

        async def interrupted() -> None:
            task = asyncio.ensure_future(sweep.run())
            while sweep.peak_fds < 10 * SERVICE_FDS:
                await asyncio.sleep(0.01)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

        before = open_fds()
        asyncio.run(interrupted())
        assert open_fds() == before
    assert record.opened == []
