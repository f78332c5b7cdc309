"""Find open ports and recognise the protocol by what the service answers.

The port number is only a hint for the order of probes: Redis on 8080 is still Redis,
and an HTTP server that says 200 to everything is not Elasticsearch. Every probe is a
harmless request the protocol defines for greeting (PING, ``version``, ``hello``, an
SSLRequest, ``GET /``); nothing is written. Each read is bounded in time and bytes, so a
tarpit or a firehose of garbage costs at most the identification deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .engines.base import Engine, Identity, ScanContext
from .models import Endpoint

MAX_ANSWER = 64 * 1024
BANNER_WAIT = 0.5
IDLE_AFTER_DATA = 0.25
#: the shortest wait for an answer once the server has been silent to a probe (see _probe_all)
LATER_PROBE_WAIT = 0.5


class IdentifyError(Exception):
    """The endpoint was open but could not be identified; the message says why."""


@dataclass(frozen=True)
class _Attempt:
    probe: bytes | None
    engines: tuple[Engine, ...]
    #: an HTTP request of one engine's own (``GET /version``): sent only to a port that
    #: already answered HTTP, unless this port is the engine's own or was hinted
    needs_http: bool = False


Stream = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def open_port(ep: Endpoint, ctx: ScanContext) -> Stream | None:
    """A plain TCP connect, kept open for the first probe (``None``: refused, unreachable
    or timed out). Reusing it matters: MySQL counts every connection that ends before
    its handshake against ``max_connect_errors`` and blocks the host after enough."""
    try:
        return await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout)
    except (TimeoutError, OSError):
        return None


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(writer.wait_closed(), 1.0)


async def _read_answer(reader: asyncio.StreamReader, first_wait: float) -> tuple[bytes, bool]:
    """What the server says, waiting ``first_wait`` for the first byte, then until idle.

    Also whether it hung up rather than stayed silent: a TLS-only port closes on a
    plaintext probe at once, where a tarpit just holds the line.
    """
    data = b""
    wait = first_wait
    while len(data) < MAX_ANSWER:
        try:
            chunk = await asyncio.wait_for(reader.read(MAX_ANSWER - len(data)), wait)
        except TimeoutError:
            return data, False
        except (ConnectionError, OSError):
            return data, True
        if not chunk:
            return data, True
        data += chunk
        wait = IDLE_AFTER_DATA
    return data, False


def _plan(ep: Endpoint, engines: Sequence[Engine]) -> list[_Attempt]:
    """Probe order: the hinted engine, engines whose well-known port this is, the rest.

    Server-speaks-first engines (MySQL) are matched against any greeting; engines that
    share a probe (the HTTP engines) share one attempt. An engine with more than one
    protocol (:attr:`Engine.extra_probes`) is in one attempt per probe, each at the
    engine's priority, in the order it declares them.
    """

    def priority(engine: Engine) -> int:
        if ep.hint and engine.name == ep.hint:
            return 0
        return 1 if ep.port in engine.default_ports else 2

    payloads: dict[str, bytes] = {}
    groups: dict[str, list[Engine]] = {}
    for engine in sorted(engines, key=priority):
        for probe in engine.probes():
            payloads.setdefault(probe.group, probe.payload)
            groups.setdefault(probe.group, []).append(engine)
    return [
        _Attempt(
            payloads[key],
            tuple(group),
            needs_http=_is_specific_http(payloads[key]) and all(priority(e) > 1 for e in group),
        )
        for key, group in groups.items()
    ]


def _is_specific_http(payload: bytes) -> bool:
    """An HTTP request for one engine's own path; the shared ``GET /`` tells HTTP apart first."""
    return payload.startswith((b"GET ", b"POST ", b"HEAD ")) and not payload.startswith(b"GET / HTTP/")


def _match(answer: bytes, engines: Sequence[Engine]) -> Identity | None:
    for engine in engines:
        try:
            identity = engine.match(answer)
        except Exception:  # a matcher must never crash the scan on hostile bytes
            identity = None
        if identity:
            return identity
    return None


async def identify(ep: Endpoint, ctx: ScanContext, engines: Sequence[Engine], first: Stream | None = None) -> Identity:
    """Recognise the protocol on an open port, or raise :class:`IdentifyError`.

    Plaintext first (unless the target said ``https://`` or ``rediss://``); if nothing
    matched and the port completes a TLS handshake, the same probes run again over TLS
    (Elasticsearch 8 serves HTTPS by default; Redis, MongoDB and memcached can require it).
    """
    if first is not None and ep.tls:
        await _close(first[1])
        first = None
    outcome = await _probe_all(ep, ctx, engines, tls=ep.tls, first=first)
    if isinstance(outcome, Identity):
        return outcome
    if not ep.tls and outcome != "silent":
        retry = await _probe_all(ep, ctx, engines, tls=True)
        if isinstance(retry, Identity):
            return retry
    if outcome == "silent":
        raise IdentifyError(
            f"accepted the connection but never answered ({len(_plan(ep, engines))} probes, up to {_probe_wait(ctx):.0f}s each)"
        )
    if outcome == "closed":
        raise IdentifyError("closed the connection without answering any probe, in plaintext or TLS")
    raise IdentifyError("answered, but not with any supported data-service protocol")


def _probe_wait(ctx: ScanContext) -> float:
    return min(ctx.options.io_timeout, 2.0)


async def _probe_all(
    ep: Endpoint, ctx: ScanContext, engines: Sequence[Engine], *, tls: bool, first: Stream | None = None
) -> Identity | str:
    """Run the probe plan once: an :class:`Identity`, else ``unmatched``, ``closed`` or ``silent``."""
    probe_wait = _probe_wait(ctx)
    server_first = [e for e in engines if e.probe is None]
    attempts = _plan(ep, engines)
    answered = closed = silent = False
    hinted_first = bool(attempts) and attempts[0].engines[0].name == ep.hint
    spoke_http = False
    for index, attempt in enumerate(attempts):
        if attempt.needs_http and not spoke_http and index > 0:
            continue  # silent or not HTTP: no engine-specific HTTP path can match here
        # A server that stayed silent on an open connection (its protocol wanted more, or a
        # tarpit) gets shorter waits for the next probes: one that knows a probe answers at once.
        wait = max(LATER_PROBE_WAIT, probe_wait / 3) if silent else probe_wait
        try:
            if index == 0 and first is not None:
                reader, writer = first
            else:
                reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=tls)
        except (TimeoutError, OSError) as exc:
            if tls:
                return "unmatched"  # no TLS here: the plaintext verdict stands
            raise IdentifyError(
                f"port stopped accepting connections during identification ({exc.__class__.__name__})"
            ) from None
        try:
            if index == 0 and not hinted_first:
                # Server-speaks-first protocols greet at once; listen before talking.
                banner, _ = await _read_answer(reader, BANNER_WAIT)
                if banner:
                    answered = True
                    found = _match(banner, server_first)
                    if found:
                        return replace(found, tls=tls)
            assert attempt.probe is not None
            writer.write(attempt.probe.replace(b"{host}", ep.host.encode("ascii", "replace")))
            await asyncio.wait_for(writer.drain(), wait)
            answer, hung_up = await _read_answer(reader, wait)
        except (TimeoutError, OSError):
            answer, hung_up = b"", True
        finally:
            await _close(writer)
        if not answer:
            closed = closed or hung_up
            silent = silent or not hung_up
            continue
        answered = True
        spoke_http = spoke_http or answer.startswith(b"HTTP/")
        found = _match(answer, [*attempt.engines, *server_first])
        if found:
            return replace(found, tls=tls)
    if answered:
        return "unmatched"
    return "closed" if closed else "silent"
