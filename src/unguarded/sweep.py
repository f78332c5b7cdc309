"""The connect sweep: one cheap TCP connect per planned endpoint; only open ports go on.

A /12 is a million connects, nearly all refused or unanswered. An asyncio stream, a task,
a timeout wrapper and an endpoint model for each cost about half a millisecond an
endpoint (31.7 s for a /16 of closed loopback ports). Here a connect is a non-blocking
socket registered in one private epoll set, which the event loop watches through its
single file descriptor: a refused port costs a socket, a connect and a close, and nothing
about it outlives the answer. An open port's socket becomes an asyncio stream and goes to
identification with the connection still open (MySQL counts a connection closed before
its handshake against ``max_connect_errors``).

Every limit of the scan holds here:

* ``concurrency``: endpoints taken from the walk and not finished (waiting for their
  host, connecting, or being identified and assessed) never exceed it, so the walk is
  read only as fast as the scan goes and memory does not grow with the target set;
* ``per_host`` and ``per_host_rate``: a host's connections in flight and the spacing of
  their starts, as before; a host's state is dropped once it has nothing in flight and
  its next start is due, so a million hosts do not leave a million entries behind;
* ``connect_timeout``: a connect not answered in time counts as closed;
* file descriptors: each endpoint connecting or being assessed reserves
  :data:`SERVICE_FDS` of the soft ``RLIMIT_NOFILE`` (less what is already open and a
  reserve), so the sweep never runs the process out of them; a socket refused with
  EMFILE/ENFILE anyway (someone else took them) lowers that cap and the endpoint is
  tried again when a descriptor frees, never reported closed for it.

Without epoll (not Linux) each socket is watched with ``loop.add_writer``; with a custom
transport (:class:`~unguarded.engines.base.ScanContext`'s ``connect`` seam) each connect is
that coroutine, under the same limits.
"""

from __future__ import annotations

import _socket
import asyncio
import contextlib
import errno
import os
import select
import socket
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from .discovery import Stream
from .engines.base import Connector, ScanOptions
from .targets import Planned, TargetError

#: descriptors one open port may hold while it is identified and assessed (the target
#: connection, the relay's listener and its two ends per engine connection, a client's own)
SERVICE_FDS = 8
#: descriptors left for everything else: the history database, outputs, imports, the loop
FD_RESERVE = 64
#: seconds the sweep waits before trying again when no descriptor is free and none of its
#: own sockets will free one
FD_RETRY = 0.05
#: events taken from the epoll set per wake-up
BATCH = 1024

_IN_PROGRESS = frozenset({errno.EINPROGRESS, errno.EALREADY, errno.EWOULDBLOCK, errno.EAGAIN})
_NO_FDS = frozenset({errno.EMFILE, errno.ENFILE, errno.ENOBUFS})

Opened = Callable[[Planned, Stream], Awaitable[None]]
Decided = Callable[[Planned, bool], None]
Failed = Callable[[Planned | TargetError, str], None]


def fd_limit() -> int:
    """The soft limit on open file descriptors (``ulimit -n``)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return 512
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return 1 << 20 if soft == resource.RLIM_INFINITY else soft


def open_fds() -> int:
    """Descriptors this process has open now (0 where the system does not say)."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        with contextlib.suppress(OSError):
            return len(os.listdir(folder))
    return 0


def fd_budget(limit: int | None = None) -> int:
    """Descriptors the sweep may hold at once: the soft limit less what is open and a reserve."""
    soft = fd_limit() if limit is None else limit
    return max(1, soft - open_fds() - min(FD_RESERVE, soft // 4))


class _Host:
    """One host's connections in flight, when its next connection may start, and who waits."""

    __slots__ = ("active", "due", "waiting")

    def __init__(self) -> None:
        self.active = 0
        self.due = 0.0
        self.waiting: deque[Planned] | None = None


class Sweep:
    """Connect to every planned endpoint under the scan's limits; hand open ones to ``opened``.

    ``decided(item, is_open)`` is called once per endpoint whose connect was answered,
    refused or timed out; ``opened(item, stream)`` runs as a task for each open one and
    holds the endpoint's slots until it returns; ``failed`` gets a target error from the
    walk, or an endpoint given up on (no descriptor could be had) with a message.
    """

    def __init__(
        self,
        items: Iterator[Planned | TargetError],
        options: ScanOptions,
        *,
        opened: Opened,
        decided: Decided,
        failed: Failed,
        connect: Connector | None = None,
        max_fds: int | None = None,
        use_epoll: bool = True,
    ) -> None:
        self._items = items
        self._opened_cb, self._decided, self._failed = opened, decided, failed
        self._connector = connect
        self._timeout = options.connect_timeout
        self._concurrency = max(1, options.concurrency)
        self._per_host = max(1, options.per_host)
        self._interval = 1.0 / options.per_host_rate if options.per_host_rate > 0 else 0.0
        self._fd_cap = self._fd_ceiling = max(SERVICE_FDS, fd_budget() if max_fds is None else max_fds)
        self._use_epoll = use_epoll and hasattr(select, "epoll") and connect is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._done: asyncio.Future[None] | None = None
        self._epoll: Any = None
        self._exhausted = False
        #: endpoints taken from the walk and not finished
        self._in_use = 0
        #: descriptors reserved: SERVICE_FDS per endpoint connecting or being assessed
        self._fds = 0
        #: the most descriptors held at once, for tests and the benchmark
        self.peak_fds = 0
        #: sockets refused for want of a descriptor (EMFILE/ENFILE), each tried again
        self.fd_shortages = 0
        self._hosts: dict[str, _Host] = {}
        #: hosts with nothing in flight whose next start is not due yet: (due, address)
        self._idle: deque[tuple[float, str]] = deque()
        #: endpoints with their host slot and pacing done, waiting for a descriptor
        self._ready: deque[Planned] = deque()
        self._pending: dict[int, tuple[_socket.socket, Planned]] = {}
        #: (deadline, fd, socket) in the order connects started: all share one timeout
        self._deadlines: deque[tuple[float, int, _socket.socket]] = deque()
        self._timer: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._pumping = False
        self._stalled_since: float | None = None
        self._retry: asyncio.TimerHandle | None = None
        self._closing = False
        self._resume = False
        self._clock: Callable[[], float] = time.monotonic

    # ------------------------------------------------------------------ running

    async def run(self) -> None:
        """Sweep until the walk is exhausted and every open port has been handled."""
        loop = self._loop = asyncio.get_running_loop()
        # the default loop's clock is time.monotonic: called directly, it costs less per connect
        self._clock = time.monotonic if isinstance(loop, asyncio.BaseEventLoop) else loop.time
        self._done = loop.create_future()
        if self._use_epoll:
            self._epoll = select.epoll()
            loop.add_reader(self._epoll.fileno(), self._guard, self._on_epoll)
        try:
            self._guard(self._pump)
            await self._done
        finally:
            self._shut()

    def _shut(self) -> None:
        assert self._loop is not None
        self._closing = True
        for handle in (self._timer, self._retry):
            if handle is not None:
                handle.cancel()
        for sock, _ in self._pending.values():
            if not self._use_epoll:
                self._loop.remove_writer(sock.fileno())
            sock.close()
        self._pending.clear()
        self._deadlines.clear()
        for task in list(self._tasks):
            task.cancel()
        if self._epoll is not None:
            self._loop.remove_reader(self._epoll.fileno())
            self._epoll.close()
            self._epoll = None

    def _guard(self, step: Callable[[], None]) -> None:
        """Run a loop callback; an error in it ends the sweep with that error, not silently."""
        try:
            step()
        except Exception as exc:
            if self._done is not None and not self._done.done():
                self._done.set_exception(exc)

    def _pump(self) -> None:
        """Start what may start: ready endpoints while descriptors last, then more from the walk."""
        if self._pumping:
            return
        self._pumping = True
        steps = 0
        try:
            while True:
                if self._closing:
                    return
                if self._ready and self._fds + SERVICE_FDS <= self._fd_cap and self._retry is None:
                    self._connect(self._ready.popleft())
                elif self._in_use < self._concurrency and not self._exhausted and not self._ready:
                    self._take()
                else:
                    break
                steps += 1
                if steps == BATCH:
                    # refusals can be decided without waiting: let the loop turn (open ports are
                    # being identified, the progress bar is drawn) and forget finished hosts
                    self._forget_idle()
                    if not self._resume:
                        assert self._loop is not None
                        self._resume = True
                        self._loop.call_soon(self._guard, self._resumed)
                    return
            self._forget_idle()
        finally:
            self._pumping = False
        if self._exhausted and self._in_use == 0 and self._done is not None and not self._done.done():
            self._done.set_result(None)

    def _resumed(self) -> None:
        self._resume = False
        self._pump()

    def _take(self) -> None:
        item = next(self._items, None)
        if item is None:
            self._exhausted = True
        elif isinstance(item, TargetError):
            self._failed(item, str(item))
        else:
            self._in_use += 1
            host = self._hosts.get(item.address)
            if host is None:
                # the common case in a sweep: a host not seen yet, nothing to wait for
                host = self._hosts[item.address] = _Host()
                host.active = 1
                host.due = self._clock() + self._interval
                if self._fds + SERVICE_FDS <= self._fd_cap and self._retry is None:
                    self._connect(item)
                else:
                    self._ready.append(item)
            elif host.active < self._per_host:
                self._start(item, host)
            else:
                if host.waiting is None:
                    host.waiting = deque()
                host.waiting.append(item)

    def _start(self, item: Planned, host: _Host) -> None:
        """Take a host slot and the host's next start time; ready now or when it is due."""
        assert self._loop is not None
        host.active += 1
        now = self._clock()
        start = max(now, host.due)
        host.due = start + self._interval
        if start > now:
            self._loop.call_at(start, self._guard, lambda: self._due(item))
        else:
            self._ready.append(item)

    def _due(self, item: Planned) -> None:
        self._ready.append(item)
        self._pump()

    def _finish(self, item: Planned, fds: int) -> None:
        """An endpoint is done: free its descriptors, its host slot and its place."""
        self._fds -= fds
        self._in_use -= 1
        host = self._hosts[item.address]
        host.active -= 1
        if host.waiting:
            self._start(host.waiting.popleft(), host)
        elif host.active == 0:
            if host.due <= self._clock():
                del self._hosts[item.address]
            else:
                self._idle.append((host.due, item.address))

    def _forget_idle(self) -> None:
        """Drop hosts that finished and whose next start is due: a fresh entry would be the same."""
        assert self._loop is not None
        now = self._loop.time()
        while self._idle and self._idle[0][0] <= now:
            _, address = self._idle.popleft()
            host = self._hosts.get(address)
            if host is not None and host.active == 0 and not host.waiting and host.due <= now:
                del self._hosts[address]

    # ------------------------------------------------------------------ connecting

    def _connect(self, item: Planned) -> None:
        if self._connector is not None:
            self._hold()
            self._spawn(item, self._dial(item))
            return
        try:
            # the C socket: Python's subclass adds nothing a refused connect needs, at a cost
            sock = _socket.socket(_socket.AF_INET6 if ":" in item.address else _socket.AF_INET, _socket.SOCK_STREAM)
        except OSError as exc:
            if exc.errno in _NO_FDS:
                self._short_of_fds(item)
            else:
                self._decided(item, False)
                self._finish(item, 0)
            return
        self._stalled_since = None
        if self._fd_cap < self._fd_ceiling:
            self._fd_cap += 1  # a descriptor was had: grow back towards the budget
        sock.setblocking(False)
        self._fds += SERVICE_FDS
        if self._fds > self.peak_fds:
            self.peak_fds = self._fds
        try:
            code = sock.connect_ex((item.address, item.port))
        except OSError:
            code = errno.EINVAL
        if code in _IN_PROGRESS:
            # a refusal the kernel already has (loopback, a local firewall's reject) is known
            # now: asking costs one call, where watching for it costs two and a wake-up
            if sock.getsockopt(_socket.SOL_SOCKET, _socket.SO_ERROR):
                sock.close()
                self._closed(item)
            else:
                self._watch(sock, item)
        elif code == 0:
            self._open(item, sock)
        else:
            sock.close()
            self._closed(item)

    def _hold(self) -> None:
        self._fds += SERVICE_FDS
        self.peak_fds = max(self.peak_fds, self._fds)

    def _short_of_fds(self, item: Planned) -> None:
        """EMFILE/ENFILE: hold fewer sockets; try this endpoint again when one frees, or soon.

        Only when none of the sweep's own sockets is open (so none will free a descriptor)
        and the shortage has lasted longer than a connect timeout is an endpoint given up,
        with an error that says why; then every endpoint is, at once, until a socket is had.
        """
        assert self._loop is not None
        self.fd_shortages += 1
        now = self._loop.time()
        if self._stalled_since is None:
            self._stalled_since = now
        if self._fds == 0 and now - self._stalled_since > max(self._timeout, 1.0):
            self._failed(item, "no file descriptor free for a connection (raise ulimit -n or lower --concurrency)")
            self._finish(item, 0)
            return
        self._fd_cap = max(SERVICE_FDS, self._fds)
        self._ready.appendleft(item)
        if self._retry is None:
            self._retry = self._loop.call_later(FD_RETRY, self._guard, self._retried)

    def _retried(self) -> None:
        self._retry = None
        self._pump()

    def _watch(self, sock: _socket.socket, item: Planned) -> None:
        assert self._loop is not None
        fd = sock.fileno()
        self._pending[fd] = (sock, item)
        if self._epoll is not None:
            self._epoll.register(fd, select.EPOLLOUT | select.EPOLLERR | select.EPOLLHUP | select.EPOLLONESHOT)
        else:
            self._loop.add_writer(fd, self._guard, lambda: self._writable(fd))
        self._deadlines.append((self._clock() + self._timeout, fd, sock))
        if self._timer is None:
            self._timer = self._loop.call_at(self._deadlines[0][0], self._guard, self._expire)

    def _on_epoll(self) -> None:
        failed = select.EPOLLERR | select.EPOLLHUP
        pending, decided, finish = self._pending, self._decided, self._finish
        for fd, events in self._epoll.poll(0, BATCH):
            entry = pending.pop(fd, None)
            if entry is None:
                continue
            sock, item = entry
            if events & failed or sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                sock.close()
                decided(item, False)
                finish(item, SERVICE_FDS)
            else:
                self._epoll.unregister(fd)
                self._open(item, sock)
        self._trim_deadlines()
        self._pump()

    def _writable(self, fd: int) -> None:
        assert self._loop is not None
        self._loop.remove_writer(fd)
        entry = self._pending.pop(fd, None)
        if entry is not None:
            sock, item = entry
            if sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR):
                sock.close()
                self._closed(item)
            else:
                self._open(item, sock)
        self._trim_deadlines()
        self._pump()

    def _trim_deadlines(self) -> None:
        """Forget deadlines of connects already answered, so the queue holds only what is pending."""
        deadlines, pending = self._deadlines, self._pending
        while deadlines:
            _, fd, sock = deadlines[0]
            entry = pending.get(fd)
            if entry is not None and entry[0] is sock:
                break
            deadlines.popleft()

    def _expire(self) -> None:
        """Connects not answered within the connect timeout are closed ports."""
        assert self._loop is not None
        self._timer = None
        now = self._loop.time()
        while self._deadlines and self._deadlines[0][0] <= now:
            _, fd, sock = self._deadlines.popleft()
            entry = self._pending.get(fd)
            if entry is None or entry[0] is not sock:
                continue
            del self._pending[fd]
            if self._epoll is None:
                self._loop.remove_writer(fd)
            sock.close()
            self._closed(entry[1])
        self._trim_deadlines()
        if self._deadlines:
            self._timer = self._loop.call_at(self._deadlines[0][0], self._guard, self._expire)
        self._pump()

    # ------------------------------------------------------------------ outcomes

    def _closed(self, item: Planned) -> None:
        self._decided(item, False)
        self._finish(item, SERVICE_FDS)

    def _open(self, item: Planned, sock: _socket.socket) -> None:
        self._decided(item, True)
        self._spawn(item, self._serve(item, sock))

    def _spawn(self, item: Planned, work: Awaitable[None]) -> None:
        assert self._loop is not None

        async def run() -> None:
            await work

        task = self._loop.create_task(run())
        self._tasks.add(task)

        def done(task: asyncio.Task[None]) -> None:
            self._tasks.discard(task)
            self._finish(item, SERVICE_FDS)
            if not task.cancelled() and task.exception() is not None:
                if self._done is not None and not self._done.done():
                    self._done.set_exception(task.exception() or Exception())
                return
            self._guard(self._pump)

        task.add_done_callback(done)

    async def _serve(self, item: Planned, raw: _socket.socket) -> None:
        sock = socket.socket(fileno=raw.detach())
        try:
            reader, writer = await asyncio.open_connection(sock=sock, limit=1 << 20)
        except OSError:
            sock.close()
            return
        await self._opened_cb(item, (reader, writer))

    async def _dial(self, item: Planned) -> None:
        assert self._connector is not None
        try:
            stream = await self._connector(item.address, item.port, self._timeout)
        except (TimeoutError, OSError):
            self._decided(item, False)
            return
        self._decided(item, True)
        await self._opened_cb(item, stream)
