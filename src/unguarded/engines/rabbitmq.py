"""RabbitMQ: the AMQP 0-9-1 greeting, the vendor default login, and the management API's metadata.

Recognised on the AMQP port by its ``Connection.Start`` (sent in answer to the protocol
header, with ``product: RabbitMQ`` and the version in its server properties) and on the
management port by its page title. RabbitMQ has no anonymous access: its exposure is
whether the vendor default ``guest``/``guest`` logs in. RabbitMQ allows that user from
loopback only unless ``loopback_users`` was emptied, so a remote success is the real
thing; the AMQP login is tried with ``Connection.StartOk`` and the connection closed at
``Connection.Tune``, before any channel exists.

Access stops at metadata, by rule: getting or consuming a message changes the queue
(it is delivered, requeued, redelivered), so the scanner never does. The management API
(on 15672, 10000 above the AMQP port) gives, with ``GET`` only: the user's tags
(``administrator`` is admin), vhosts, and every queue with its depth, consumers and
publish/deliver rates; each queue is one dataset with its message count and no sample.
"""

from __future__ import annotations

import asyncio
import contextlib
import struct
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, Probe, ScanContext, UriScheme

PROTOCOL_HEADER = b"AMQP\x00\x00\x09\x01"
#: where the management API listens relative to the AMQP port (5672 -> 15672)
MANAGEMENT_OFFSET = 10000
DEFAULT_LOGIN = ("guest", "guest")
#: how long an AMQP port takes to answer the protocol header at most (it answers at once)
START_WAIT = 2.0
_TITLE = b"<title>RabbitMQ Management</title>"
#: the management plugin's default ``management.csp.policy``, sent (by Cowboy) with every answer, a 406 too
_CSP = "script-src 'self' 'unsafe-eval' 'unsafe-inline'; object-src 'self'"
_REALM = 'realm="RabbitMQ Management"'
MANAGEMENT_PROBE = b"GET /api/overview HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\nConnection: close\r\n\r\n"
QUEUE_COLUMNS = "name,vhost,messages,messages_ready,messages_unacknowledged,consumers,message_stats,memory,durable"


def connection_start(frame: bytes) -> dict[str, str] | None:
    """Server properties (product, version, ...) of an AMQP ``Connection.Start`` frame, else ``None``."""
    if len(frame) < 15 or frame[0] != 1 or frame[1:3] != b"\x00\x00" or frame[7:11] != b"\x00\x0a\x00\x0a":
        return None
    (table_size,) = struct.unpack(">I", frame[13:17])
    table = frame[17 : 17 + table_size]
    found: dict[str, str] = {}
    pos = 0
    while pos < len(table):  # field table: short-string name, type octet, value; only long strings read
        size = table[pos]
        name = table[pos + 1 : pos + 1 + size].decode("utf-8", "replace")
        pos += 1 + size
        kind = table[pos : pos + 1]
        pos += 1
        if kind == b"S":
            (length,) = struct.unpack(">I", table[pos : pos + 4])
            found[name] = table[pos + 4 : pos + 4 + length].decode("utf-8", "replace")
            pos += 4 + length
        elif kind == b"F":
            (length,) = struct.unpack(">I", table[pos : pos + 4])
            pos += 4 + length
        elif kind == b"t":
            pos += 1
        else:
            break  # a type we do not need to read past: what came before is enough
    return found


def start_ok(user: str, password: str) -> bytes:
    """``Connection.StartOk`` with the PLAIN mechanism and an empty client-properties table."""
    response = f"\x00{user}\x00{password}".encode()
    args = (
        struct.pack(">HH", 10, 11)
        + struct.pack(">I", 0)
        + bytes([5])
        + b"PLAIN"
        + struct.pack(">I", len(response))
        + response
        + bytes([5])
        + b"en_US"
    )
    return b"\x01\x00\x00" + struct.pack(">I", len(args)) + args + b"\xce"


async def _frame(reader: asyncio.StreamReader, timeout: float) -> bytes:
    """One AMQP frame (header, payload of at most 128 KiB, end octet)."""
    head = await asyncio.wait_for(reader.readexactly(7), timeout)
    (size,) = struct.unpack(">I", head[3:7])
    if size > 128 * 1024:
        raise ValueError("AMQP frame over the size limit")
    return head + await asyncio.wait_for(reader.readexactly(size + 1), timeout)


class RabbitMQEngine(Engine):
    """AMQP Connection.Start, the guest/guest default login, management API vhosts and queue depths (never a message).

    Each queue is a dataset named ``vhost/queue`` with its depth as the record count;
    queues are grouped by vhost. No message is ever read: a get or consume changes the queue.
    """

    name = "rabbitmq"
    title = "RabbitMQ"
    default_ports = (5672, 15672)
    uri_schemes = (UriScheme("amqp", 5672), UriScheme("amqps", 5671, tls=True))
    nmap_services = ("amqp", "amqps")
    deployed_as = (DataService("rabbitmq", (5672, 5671, 15672, 25672), ("rabbitmq",)),)
    system_databases = frozenset()
    tested_against = (
        "Debian `rabbitmq-server` 3.10 with the management plugin (vendor default `guest`/`guest` for the open "
        "one; a `default_user` and no guest for the protected one), queue depths and publish/deliver_get "
        "stats for the read-only proof; the management port also scanned on its own"
    )
    probe = PROTOCOL_HEADER
    #: the management API on a port of its own: its answer to the shared ``GET /`` (a 406 with the
    #: plugin's headers), and ``GET /api/overview`` (401 with its realm) where that was customised
    extra_probes = (Probe(HTTP_PROBE, "http"), Probe(MANAGEMENT_PROBE, "rabbitmq-management"))
    remediation = Remediation(
        summary="Remove the guest user, give each application its own user and vhost, and keep 5672/15672 private.",
        steps=(
            "rabbitmqctl delete_user guest  (or rabbitmq.conf: default_user = <name>, default_pass = <long secret> "
            "before the first start)",
            "rabbitmq.conf: never loopback_users = none; keep the default (guest from localhost only)",
            "rabbitmqctl add_user app <secret>; set_permissions -p <vhost> app '<conf>' '<write>' '<read>'; "
            "give administrator tags only to operators",
            "rabbitmq.conf: listeners.tcp.default = 127.0.0.1:5672 (or a private address), management.tcp.ip = 127.0.0.1; "
            "firewall 5672, 15672, 25672 and 4369 (epmd)",
        ),
        references=(
            "https://www.rabbitmq.com/docs/access-control",
            "https://www.rabbitmq.com/docs/production-checklist",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: someone logged in with a default or leaked account.",
            steps=(
                INTRUSION_STEP,
                "rabbitmqctl list_users, list_permissions and list_connections: note users, shovels, federation "
                "upstreams and clients you did not create",
                "Delete unknown users, shovels and policies after the forensic copy; delete guest and rotate every password",
                "Check queues for messages that were drained or injected (message_stats deliver_get and publish)",
            ),
            references=(
                "https://www.rabbitmq.com/docs/access-control",
                "https://www.rabbitmq.com/docs/shovel",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """``vhost/queue`` -> the vhost (``/`` for the default one, named ``%2F`` here)."""
        return dataset.rsplit("/", 1)[0] if "/" in dataset else ""

    def match(self, answer: bytes) -> Identity | None:
        props = connection_start(answer) if answer[:1] == b"\x01" else None
        if props is not None and (props.get("product") == "RabbitMQ" or "PLAIN" in answer.decode("latin-1")):
            return Identity(self.name, props.get("version"), detail="amqp")
        parsed = parse_http(answer)
        if parsed is None:
            return None
        _status, headers, body = parsed
        cowboy = headers.get("server") == "Cowboy" and headers.get("content-security-policy") == _CSP
        if _TITLE in body or cowboy or _REALM in headers.get("www-authenticate", ""):
            return Identity(self.name, detail="management")
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=ep.tls)
        try:
            writer.write(PROTOCOL_HEADER)
            await asyncio.wait_for(writer.drain(), opts.io_timeout)
            try:
                first = await asyncio.wait_for(reader.read(7), min(opts.io_timeout, START_WAIT))
            except TimeoutError:
                first = b""  # an HTTP server waits for the rest of a request line: the management API alone
            if first[:1] == b"\x01":
                props = connection_start(await _whole_frame(reader, first, opts.io_timeout)) or {}
                writer.write(start_ok(*DEFAULT_LOGIN))
                await asyncio.wait_for(writer.drain(), opts.io_timeout)
                accepted = await _login_accepted(reader, opts.io_timeout)
                management_port = ctx.target_port(ep) + MANAGEMENT_OFFSET
                management = (await ctx.sibling(ep, management_port)).model_copy(update={"tls": False})
                result = await self._management(management, ctx, props.get("version"), amqp_login=accepted)
                result.tls = ep.tls
                return result
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)
        return await self._management(ep, ctx, None, amqp_login=None)

    async def _management(
        self, ep: Endpoint, ctx: ScanContext, version: str | None, *, amqp_login: bool | None
    ) -> Assessment:
        """Inventory through the management API with the default login, where it answers."""
        api_status: int | None = None
        with contextlib.suppress(httpx.HTTPError, OSError):
            async with http_client(ep, ctx, auth=DEFAULT_LOGIN) as client:
                api_status, _h, body, _cut = await get_capped(client, "/api/overview", 1024 * 1024)
                overview = json_or_none(body) if api_status == 200 else None
                if isinstance(overview, dict):
                    return await self._inventory(ep, ctx, client, overview)
        if amqp_login:
            return Assessment(
                Exposure.DEFAULT_CREDENTIALS,
                Access.WRITE,
                version=version,
                auth_detail="the vendor default guest/guest logs in over AMQP (Connection.Tune answered); "
                "no management API found to list queues",
            )
        if amqp_login is False:
            detail = "AMQP refused the vendor default guest/guest"
        else:
            detail = f"the management API refused the vendor default guest/guest (HTTP {api_status})"
        return Assessment(Exposure.PROTECTED, Access.NONE, version=version, auth_detail=detail)

    async def _inventory(
        self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, overview: dict[str, Any]
    ) -> Assessment:
        opts = ctx.options
        version = overview.get("rabbitmq_version") if isinstance(overview.get("rabbitmq_version"), str) else None
        _s, _h, body, _c = await get_capped(client, "/api/whoami", 64 * 1024)
        whoami = json_or_none(body)
        tags = whoami.get("tags", []) if isinstance(whoami, dict) else []
        tags = tags.split(",") if isinstance(tags, str) else tags
        admin = "administrator" in tags
        result = Assessment(
            Exposure.DEFAULT_CREDENTIALS,
            Access.ADMIN if admin else Access.METADATA,
            version=version,
            auth_detail="the vendor default guest/guest logs in to the management API"
            + (" with the administrator tag" if admin else "")
            + " (access stops at metadata: messages are never read)",
        )
        totals = overview.get("queue_totals") if isinstance(overview.get("queue_totals"), dict) else {}
        stats = overview.get("message_stats") if isinstance(overview.get("message_stats"), dict) else {}
        assert isinstance(totals, dict) and isinstance(stats, dict)
        result.server_config = {
            "messages": str(totals.get("messages", "")),
            "publish": str(stats.get("publish", "")),
            "deliver_get": str(stats.get("deliver_get", "")),
        }
        status, _h, body, cut = await get_capped(
            client, "/api/queues", opts.dataset_byte_cap, params={"columns": QUEUE_COLUMNS}
        )
        queues = json_or_none(body) if status == 200 else None
        if cut:
            result.error(ep, "inventory", f"queue listing larger than the {opts.dataset_byte_cap:,}-byte cap, skipped")
        if not isinstance(queues, list):
            return result
        if len(queues) > opts.max_datasets:
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} queues (--max-datasets)")
        for queue in queues[: opts.max_datasets]:
            if not isinstance(queue, dict):
                continue
            vhost = str(queue.get("vhost", "/")).replace("/", "%2F")
            messages = queue.get("messages")
            memory = queue.get("memory")
            result.add_dataset(
                f"{vhost}/{queue.get('name', '?')}",
                messages if isinstance(messages, int) else None,
                kind="queue",
                size=memory if isinstance(memory, int) else None,
            )
        return result


async def _whole_frame(reader: asyncio.StreamReader, head: bytes, timeout: float) -> bytes:
    """The frame whose first bytes are ``head``, read to its end (within the size limit)."""
    if len(head) < 7:
        head += await asyncio.wait_for(reader.readexactly(7 - len(head)), timeout)
    (size,) = struct.unpack(">I", head[3:7])
    if size > 128 * 1024:
        raise ValueError("AMQP frame over the size limit")
    return head + await asyncio.wait_for(reader.readexactly(size + 1), timeout)


async def _login_accepted(reader: asyncio.StreamReader, timeout: float) -> bool:
    """``Connection.Tune`` after StartOk means the login worked; a close or hang-up means refused."""
    try:
        frame = await _frame(reader, timeout)
    except (asyncio.IncompleteReadError, ConnectionError, TimeoutError, ValueError):
        return False
    return frame[7:11] == b"\x00\x0a\x00\x1e"  # class 10 (connection), method 30 (tune)


ENGINE = RabbitMQEngine()
