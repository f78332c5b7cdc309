"""NATS servers: the INFO banner, an anonymous CONNECT, a bounded core subscription to ``>``, the monitor.

NATS speaks first (``INFO {...}``): the banner gives the version and whether the
server wants credentials (``auth_required``) or TLS. An anonymous CONNECT answered by
``PONG`` (rather than ``-ERR 'Authorization Violation'``) means anyone may subscribe to
every subject, and publish.

Read-only by construction, so the text protocol is spoken here (a few lines) instead of
through a client library that would subscribe to inboxes and answer requests of its own:
the scanner sends CONNECT (``echo`` off, no credentials), ``PING``, one core ``SUB >``,
``PONG`` to the server's pings and nothing else. It never publishes, so it never creates
a JetStream consumer nor acks a message; a stream's messages are left alone (a direct
get is a request, that is a publish). Reads are bounded in time, messages and bytes.

The HTTP monitor (``/varz``, ``/connz``, ``/jsz``) answers anyone who reaches it; it
listens on 8222 by convention, 4000 above the client port, and is looked for there:
streams and their message counts come from ``/jsz``. Scanned on its own port (its root
page links ``./varz`` and names ``nats-server``), the monitor is a service of its own:
open, metadata only (clients with their addresses, streams with their counts).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none
from ._topics import TopicSampler, skip_bytes
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, Probe, ScanContext, UriScheme, insecure_tls

LISTEN_SECONDS = 4.0
LISTEN_SHARE = 0.3
#: where the HTTP monitor listens relative to the client port (4222 -> 8222)
MONITOR_OFFSET = 4000
#: how long a client port takes to send INFO at most before the port is taken for the HTTP monitor
INFO_WAIT = 2.0
#: the monitor's root page: its links to the endpoints and the release it names
_MONITOR_PAGE = re.compile(rb"href=\.?/varz>")
_MONITOR_VERSION = re.compile(rb"github\.com/nats-io/nats-server class='version'>v([0-9][\w.\-]*)<")
CONNECT = (
    b'CONNECT {"verbose":false,"pedantic":false,"tls_required":false,"name":"unguarded","lang":"python",'
    b'"version":"0","protocol":1,"echo":false,"headers":true,"no_responders":false}\r\nPING\r\n'
)


class NatsError(Exception):
    """The peer broke the NATS text protocol (a hostile or non-NATS server)."""


def parse_info(line: bytes) -> dict[str, Any] | None:
    """The JSON of an ``INFO {...}`` line, or ``None`` when it is not one."""
    if not line.startswith(b"INFO {"):
        return None
    info = json_or_none(line[5:].split(b"\r\n", 1)[0])
    return info if isinstance(info, dict) and "server_id" in info else None


async def _line(reader: asyncio.StreamReader, timeout: float) -> bytes:
    """One protocol line, within the stream's buffer limit (a longer one is hostile)."""
    try:
        return await asyncio.wait_for(reader.readuntil(b"\r\n"), timeout)
    except asyncio.LimitOverrunError as exc:
        raise NatsError("protocol line over the size limit") from exc


class NatsEngine(Engine):
    """INFO banner, anonymous CONNECT, a bounded core subscription to >, and the monitor's /varz, /connz and /jsz.

    Subjects seen on the subscription are grouped into patterns (``orders.*.created``),
    one dataset each with a classified sample; JetStream streams from ``/jsz`` are
    datasets with their message counts (no samples: reading them needs a request).
    """

    name = "nats"
    title = "NATS"
    default_ports = (4222, 8222)
    uri_schemes = (UriScheme("nats", 4222),)
    nmap_services = ("nats",)
    deployed_as = (DataService("nats", (4222, 6222, 8222), ("nats", "nats-streaming")),)
    system_databases = frozenset({"$sys"})
    tested_against = (
        "Debian `nats-server` 2.9 with JetStream (open; protected with `--user/--pass`), the monitor's "
        "`/varz` in_msgs and `/jsz` stream sequence numbers for the read-only proof; the monitor also scanned "
        "on its own"
    )
    #: the HTTP monitor on a port of its own answers the shared ``GET /`` with its root page
    extra_probes = (Probe(HTTP_PROBE, "http"),)
    remediation = Remediation(
        summary="Require authentication for clients, scope users to subjects, and keep 4222/8222 off the internet.",
        steps=(
            "nats.conf: authorization { users = [ { user: app, password: <bcrypt hash from 'nats server passwd'>, "
            'permissions: { publish: "app.>", subscribe: "app.>" } } ] }  (or accounts with nkeys/JWTs)',
            'nats.conf: listen: "127.0.0.1:4222" (or a private address) and firewall 4222, 6222 (cluster)',
            "Bind the monitor to loopback (http: 127.0.0.1:8222) or drop it: /connz lists every client and its address",
            "Serve clients over TLS (tls { cert_file, key_file }) so credentials never cross the network in clear",
        ),
        references=(
            "https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro",
            "https://docs.nats.io/running-a-nats-service/nats_admin/monitoring",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: unknown clients subscribed to or published on the open server.",
            steps=(
                INTRUSION_STEP,
                "GET /connz?subs=true on the monitor: note client names, addresses and subscriptions you do not know",
                "Turn on authorization (users or accounts with permissions), restart, and rotate every credential "
                "that travelled in messages",
                "Check JetStream streams for messages or streams you did not create (nats stream ls, nats stream info)",
            ),
            references=(
                "https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro",
                "https://docs.nats.io/running-a-nats-service/nats_admin/monitoring",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        if answer.startswith(b"HTTP/") and _MONITOR_PAGE.search(answer) and b"nats-server" in answer:
            found = _MONITOR_VERSION.search(answer)
            return Identity(self.name, found.group(1).decode() if found else None, detail="monitor")
        info = parse_info(answer)
        if info is None:
            return None
        version = info.get("version")
        return Identity(
            self.name,
            version if isinstance(version, str) else None,
            detail="protected" if info.get("auth_required") else None,
        )

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=False)
        try:
            try:
                first = await _line(reader, min(opts.io_timeout, INFO_WAIT))
            except TimeoutError:
                first = None  # silent: an HTTP server waiting for a request, the monitor on its own port
            if first is not None:
                result = await self._assess(ep, ctx, reader, writer, first)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)
        if first is None:
            return await self._monitor_alone(ep, ctx)
        await self._monitor(ep, ctx, result)
        return result

    async def _monitor_alone(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        """The HTTP monitor scanned on its own port: open to anyone, metadata only."""
        result = Assessment(Exposure.OPEN, Access.METADATA, tls=ep.tls)
        varz = await self._read_monitor(ep, ctx, result, ctx.target_port(ep))
        if varz is None:
            raise NatsError("neither an INFO banner nor the HTTP monitor's /varz")
        client = varz.get("port")
        said = "requires authentication" if varz.get("auth_required") else "requires none, per /varz"
        result.auth_detail = f"the HTTP monitor answers anyone without credentials{result.auth_detail or ''}" + (
            f"; its client port {client} {said}" if isinstance(client, int) else ""
        )
        return result

    async def _assess(
        self,
        ep: Endpoint,
        ctx: ScanContext,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        first: bytes,
    ) -> Assessment:
        opts = ctx.options
        info = parse_info(first)
        if info is None:
            raise NatsError("no INFO banner")
        version = info.get("version") if isinstance(info.get("version"), str) else None
        tls = False
        if info.get("tls_required") or ep.tls:
            await writer.start_tls(insecure_tls())
            tls = True
        writer.write(CONNECT)
        await asyncio.wait_for(writer.drain(), opts.io_timeout)
        answer = await _line(reader, opts.io_timeout)
        while answer.startswith((b"INFO", b"+OK")):
            answer = await _line(reader, opts.io_timeout)
        if answer.startswith(b"-ERR"):
            reason = answer[4:].strip().strip(b"'").decode("utf-8", "replace")[:120]
            return Assessment(
                Exposure.PROTECTED, Access.NONE, version=version, tls=tls, auth_detail=f"CONNECT refused: {reason}"
            )
        if not answer.startswith(b"PONG"):
            raise NatsError("no PONG after CONNECT")
        result = Assessment(
            Exposure.OPEN,
            Access.READ,
            version=version,
            tls=tls,
            auth_detail="no authorization: an anonymous CONNECT was accepted and may subscribe to > "
            "(publishing is allowed too; never tried)",
        )
        writer.write(b"SUB > 1\r\n")
        await asyncio.wait_for(writer.drain(), opts.io_timeout)
        sampler = TopicSampler(
            ".",
            "*",
            max_messages=opts.sample_size * 50,
            max_bytes=opts.dataset_byte_cap,
            sample_size=opts.sample_size,
            record_byte_cap=opts.record_byte_cap,
            max_topics=opts.max_datasets,
        )
        until = time.monotonic() + min(LISTEN_SECONDS, opts.service_deadline * LISTEN_SHARE)
        with contextlib.suppress(TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            await self._listen(reader, writer, sampler, until, opts.io_timeout)
        sampler.into(result, kind="subject")
        if sampler.full():
            result.error(
                ep,
                "sample",
                f"stopped reading after {sampler.messages:,} messages / {sampler.size:,} bytes (the sample bounds)",
            )
        if sampler.oversized:
            result.error(
                ep, "sample", f"{sampler.oversized} messages over the {opts.record_byte_cap:,}-byte cap skipped"
            )
        return result

    @staticmethod
    async def _listen(
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        sampler: TopicSampler,
        until: float,
        io_timeout: float,
    ) -> None:
        """``MSG``/``HMSG`` until the window closes or a bound is hit; ``PING`` gets its ``PONG``."""
        while (left := until - time.monotonic()) > 0:
            try:
                line = await _line(reader, left)
            except TimeoutError:
                return
            if line.startswith(b"PING"):
                writer.write(b"PONG\r\n")
                continue
            if not line.startswith((b"MSG ", b"HMSG ")):
                continue
            parts = line.split()
            try:
                total = int(parts[-1])
                headers = int(parts[-2]) if line.startswith(b"HMSG") else 0
            except ValueError as exc:
                raise NatsError("malformed MSG line") from exc
            subject = parts[1].decode("utf-8", "replace")
            if total > sampler.record_byte_cap:
                sampler.count_only(total)
                if sampler.size > sampler.max_bytes:
                    return
                await asyncio.wait_for(skip_bytes(reader, total + 2), io_timeout)
                continue
            body = await asyncio.wait_for(reader.readexactly(total + 2), io_timeout)
            if not sampler.add(subject, body[headers:total]):
                return

    async def _monitor(self, ep: Endpoint, ctx: ScanContext, result: Assessment) -> None:
        """``/varz``, ``/connz`` and ``/jsz`` from the monitor port, where it answers."""
        port = ctx.target_port(ep) + MONITOR_OFFSET
        if port > 65535:
            return
        monitor = (await ctx.sibling(ep, port)).model_copy(update={"tls": False})
        await self._read_monitor(monitor, ctx, result, port)

    async def _read_monitor(
        self, monitor: Endpoint, ctx: ScanContext, result: Assessment, port: int
    ) -> dict[str, Any] | None:
        """The monitor's ``/varz`` (None when it does not answer), with its note and streams added to ``result``."""
        try:
            async with http_client(monitor, ctx) as client:
                varz = await _json(client, "/varz", {})
                if not isinstance(varz, dict) or "server_id" not in varz:
                    return None
                connz = await _json(client, "/connz", {"limit": "1"})
                jsz = await _json(client, "/jsz", {"accounts": "true", "streams": "true"})
        except (httpx.HTTPError, OSError):
            return None
        result.version = result.version or (varz.get("version") if isinstance(varz.get("version"), str) else None)
        clients = connz.get("num_connections") if isinstance(connz, dict) else None
        note = (
            f"; the HTTP monitor on port {port} answers anyone (/varz, /connz: "
            f"{clients if isinstance(clients, int) else 'unknown'} client connections with addresses, /jsz)"
        )
        result.auth_detail = (result.auth_detail or "") + note
        result.server_config = {"monitor_port": str(port), "in_msgs": str(varz.get("in_msgs", ""))}
        if result.access is Access.NONE:
            return varz  # streams are listed for open servers; a protected one only gets the note
        for account in jsz.get("account_details", []) if isinstance(jsz, dict) else []:
            for stream in account.get("stream_detail", []) if isinstance(account, dict) else []:
                if not isinstance(stream, dict) or len(result.datasets) >= ctx.options.max_datasets:
                    continue
                state = stream.get("state") if isinstance(stream.get("state"), dict) else {}
                assert isinstance(state, dict)
                messages, size = state.get("messages"), state.get("bytes")
                result.add_dataset(
                    f"stream:{stream.get('name', '?')}",
                    messages if isinstance(messages, int) else None,
                    kind="stream",
                    size=size if isinstance(size, int) else None,
                )
        return varz


async def _json(client: httpx.AsyncClient, path: str, params: dict[str, str]) -> Any:
    status, _headers, body, cut = await get_capped(client, path, 4 * 1024 * 1024, params=params)
    return json_or_none(body) if status == 200 and not cut else None


ENGINE = NatsEngine()
