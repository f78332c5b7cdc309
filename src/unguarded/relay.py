"""The scanner's relay: every byte an engine reads from a target passes through here.

Client libraries (redis-py, pymongo, PyMySQL, psycopg, httpx, and whatever the next
engine brings) each buffer, retry and time out in their own way, and some block a
thread. Rather than trust each of them, the scanner hands the engine a loopback address
of its own: a :class:`ServiceRelay` that forwards each connection to the target and
counts what comes back. It enforces, outside the protocol code and for every engine:

* a per-service byte budget (``service_byte_cap``), across every connection;
* for length-prefixed protocols that declare their :class:`ReplyFrame`, a per-reply cap
  (``message_byte_cap``) checked on the advertised length, before a library allocates it;
* the deadline, by closing every socket at once: a thread blocked in ``recv`` fails
  immediately, and new connections are refused.

Bytes are relayed unchanged (TLS runs end to end through it), so what the target sees
is what the engine sent.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TypeVar

from .engines.base import ReplyFrame, ScanContext, tcp_connect
from .models import Endpoint

CHUNK = 64 * 1024
_T = TypeVar("_T")


class _FrameReader:
    """Tracks reply boundaries on one connection and names the first reply over the cap."""

    def __init__(self, frame: ReplyFrame, cap: int) -> None:
        self.frame, self.cap = frame, cap
        self._head = b""
        self._remaining = 0

    def check(self, chunk: bytes) -> str | None:
        pos = 0
        while pos < len(chunk):
            if self._remaining:
                step = min(self._remaining, len(chunk) - pos)
                pos += step
                self._remaining -= step
                continue
            need = self.frame.header - len(self._head)
            self._head += chunk[pos : pos + need]
            pos += min(need, len(chunk) - pos)
            if len(self._head) < self.frame.header:
                return None
            length = self.frame.length(self._head)
            self._head = b""
            if length > self.cap:
                return f"a reply advertised {length:,} bytes, over the {self.cap:,}-byte message cap"
            if length < self.frame.header:
                return f"a reply advertised an impossible length ({length})"
            self._remaining = length - self.frame.header
        return None


class ServiceRelay:
    """A loopback relay for one service; use as ``async with``, then :meth:`run`."""

    def __init__(self, ep: Endpoint, ctx: ScanContext, frame: ReplyFrame | None = None) -> None:
        self.target, self.outer = ep, ctx
        self.frame = frame
        self.received = 0
        #: why the relay cut the service (byte budget, message cap), None if it did not
        self.cut: str | None = None
        self.context = ScanContext(options=ctx.options, connect=tcp_connect, target=ep, open_sibling=self._sibling)
        self._server: asyncio.Server | None = None
        #: listeners for other ports of the same host (a monitor or management API)
        self._siblings: dict[int, tuple[asyncio.Server, Endpoint]] = {}
        self._writers: set[asyncio.StreamWriter] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._tripped = asyncio.Event()
        self.endpoint = ep

    async def __aenter__(self) -> ServiceRelay:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0, limit=CHUNK)
        port = self._server.sockets[0].getsockname()[1]
        self.endpoint = self.target.model_copy(update={"address": "127.0.0.1", "port": port})
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.close()

    async def _sibling(self, port: int) -> Endpoint:
        """A relayed endpoint for another port of the target's host, under the same budgets."""
        if port in self._siblings:
            return self._siblings[port][1]

        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await self._accept(reader, writer, port=port)

        server = await asyncio.start_server(accept, "127.0.0.1", 0, limit=CHUNK)
        relayed = self.target.model_copy(update={"address": "127.0.0.1", "port": server.sockets[0].getsockname()[1]})
        self._siblings[port] = (server, relayed)
        return relayed

    def close(self) -> None:
        """Refuse new connections, abort every open one and tell threads to stop."""
        self.context.stopped.set()
        for server in [self._server, *(listener for listener, _ep in self._siblings.values())]:
            if server is not None:
                server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        for task in list(self._tasks):
            task.cancel()

    def _trip(self, reason: str) -> None:
        if self.cut is None:
            self.cut = reason
        self._tripped.set()
        self.close()

    async def run(self, work: Awaitable[_T], seconds: float, grace: float) -> tuple[asyncio.Task[_T], str | None]:
        """Run ``work`` until it ends, ``seconds`` pass or the relay cuts the service.

        Returns the task and why it was stopped (None: it ended by itself). A stopped
        task first gets ``grace`` seconds to return what it has (its sockets are closed
        and ``context.stopped`` is set), then is cancelled and given ``grace`` again; one
        that ignores that too is left behind and never awaited again.
        """
        task: asyncio.Task[_T] = asyncio.ensure_future(work)
        tripped = asyncio.ensure_future(self._tripped.wait())
        try:
            await asyncio.wait({task, tripped}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            tripped.cancel()
        if task.done():
            return task, self.cut
        reason = self.cut or "deadline"
        # Sockets closed and ``stopped`` set: an engine working in a thread notices, stops
        # its loops and returns what it has (a partial result is still a result).
        self.close()
        await asyncio.wait({task}, timeout=grace)
        if not task.done():
            task.cancel()
            await asyncio.wait({task}, timeout=grace)
        if not task.done():
            task.add_done_callback(_consume)
        return task, reason

    async def _accept(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, port: int | None = None
    ) -> None:
        if self.context.stopped.is_set():
            writer.transport.abort()
            return
        self._writers.add(writer)
        opts = self.outer.options
        try:
            up_reader, up_writer = await self.outer.connect(
                self.target.address, self.target.port if port is None else port, opts.connect_timeout
            )
        except (TimeoutError, OSError):
            writer.transport.abort()
            self._writers.discard(writer)
            return
        self._writers.add(up_writer)
        frames = _FrameReader(self.frame, opts.message_byte_cap) if self.frame is not None else None
        since_request = [0]  # reply bytes since the engine last sent anything on this connection
        for pump in (
            self._pump(reader, up_writer, since_request=since_request),
            self._pump(up_reader, writer, reply=True, frames=frames, since_request=since_request),
        ):
            task = asyncio.ensure_future(pump)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(
        self,
        source: asyncio.StreamReader,
        sink: asyncio.StreamWriter,
        *,
        reply: bool = False,
        frames: _FrameReader | None = None,
        since_request: list[int],
    ) -> None:
        """Copy one direction; replies count against the budgets and are checked frame by frame.

        Every engine here speaks request-response, so what a server sends between two
        requests is one reply, whatever the protocol: it may not pass ``message_byte_cap``.
        """
        cap = self.outer.options.service_byte_cap
        message_cap = self.outer.options.message_byte_cap
        try:
            while True:
                chunk = await source.read(CHUNK)
                if not chunk:
                    break
                if not reply:
                    since_request[0] = 0
                else:
                    self.received += len(chunk)
                    since_request[0] += len(chunk)
                    if since_request[0] > message_cap:
                        self._trip(f"a reply passed the {message_cap:,}-byte message cap")
                        return
                    if self.received > cap:
                        self._trip(f"the service sent more than its {cap:,}-byte budget")
                        return
                    problem = frames.check(chunk) if frames is not None else None
                    if problem:
                        self._trip(problem)
                        return
                sink.write(chunk)
                await sink.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            with contextlib.suppress(Exception):
                if sink.can_write_eof():
                    sink.write_eof()


def _consume(task: asyncio.Task[object]) -> None:
    """Retrieve a left-behind task's outcome so asyncio does not log it."""
    if not task.cancelled():
        task.exception()
