"""Neo4j's Bolt protocol (port 7687): the few messages a read-only scan needs, bounded in bytes.

Bolt opens with a handshake: the magic ``60 60 B0 17`` and four version proposals
(``[0, range, minor, major]``, big-endian); the server answers with exactly the four
bytes of the version it picked, or zeros and a hang-up. Messages are PackStream
structures cut into chunks (a two-byte size, the bytes, ``00 00`` after the last one).

A scan sends only ``HELLO`` (the user agent; with Bolt before 5.1 also the auth scheme
``none``), ``LOGON`` with scheme ``none`` (Bolt 5.1 and later), ``BEGIN`` with mode
``r`` (a READ transaction: the server itself refuses any write in it), ``RUN`` with the
read-only Cypher of the HTTP path, ``PULL`` with ``n`` (at most that many records) and
``GOODBYE``; the transaction is never committed, it ends with the connection.

Why not the official ``neo4j`` driver: it joins a message's chunks without any cap, so a
hostile peer could make it hold gigabytes within the deadline; it sends messages outside
that set on its own (``RESET`` when a connection goes back to its pool, ``ROLLBACK``,
``TELEMETRY`` when the server hints it); and it opens its own sockets past the scanner's
transport seam. Here every read waits at most ``io_timeout``, every message is capped in
bytes before it is read, and nothing but the messages above is ever written.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Endpoint
from .base import ScanContext

MAGIC = b"\x60\x60\xb0\x17"
#: 5.8 down to 5.0, 4.4 down to 4.2, 4.1, 4.0: every Bolt with ``PULL {n}`` and explicit transactions
PROPOSALS = (b"\x00\x08\x08\x05", b"\x00\x02\x04\x04", b"\x00\x00\x01\x04", b"\x00\x00\x00\x04")
HANDSHAKE = MAGIC + b"".join(PROPOSALS)
#: the versions a server may answer to :data:`PROPOSALS`, as (major, minor)
OFFERED = frozenset({(5, minor) for minor in range(9)} | {(4, minor) for minor in range(5)})
USER_AGENT = "unguarded"

HELLO, GOODBYE, LOGON, BEGIN, RUN, PULL = 0x01, 0x02, 0x6A, 0x11, 0x10, 0x3F
SUCCESS, RECORD, IGNORED, FAILURE = 0x70, 0x71, 0x7E, 0x7F
NODE = 0x4E
DATE = 0x44
UNAUTHORIZED = "Neo.ClientError.Security.Unauthorized"
#: empty chunks (keep-alive NOOPs) tolerated before a message before the peer counts as hostile
MAX_NOOPS = 64
MAX_DEPTH = 32


class BoltError(Exception):
    """The peer broke the protocol or a bound (truncated, oversized, too deep); the message says which."""


class BoltFailure(Exception):
    """The server answered ``FAILURE``: its status code and message (the message may name users)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code, self.message = code, message


def bolt_version(answer: bytes) -> tuple[int, int] | None:
    """The version a handshake answer picked: exactly four bytes ``00 00 minor major``, one we offered."""
    if len(answer) != 4 or answer[:2] != b"\x00\x00":
        return None
    version = (answer[3], answer[2])
    return version if version in OFFERED else None


@dataclass(frozen=True)
class BoltStructure:
    """A PackStream structure this client does not interpret further: its tag and fields."""

    tag: int
    fields: tuple[Any, ...]


# ----------------------------------------------------------------------------- PackStream


def pack(value: Any) -> bytes:
    """PackStream bytes for the values a request holds: None, bools, ints, strings, lists, maps, structures."""
    if value is None:
        return b"\xc0"
    if value is True:
        return b"\xc3"
    if value is False:
        return b"\xc2"
    if isinstance(value, int):
        if -16 <= value < 128:
            return struct.pack(">b", value)
        for marker, fmt, low in ((0xC8, ">b", -(2**7)), (0xC9, ">h", -(2**15)), (0xCA, ">i", -(2**31))):
            if low <= value < -low:
                return bytes([marker]) + struct.pack(fmt, value)
        return b"\xcb" + struct.pack(">q", value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _size(len(data), 0x80, 0xD0) + data
    if isinstance(value, BoltStructure):
        return bytes([0xB0 | len(value.fields), value.tag]) + b"".join(pack(f) for f in value.fields)
    if isinstance(value, Mapping):
        items = b"".join(pack(str(k)) + pack(v) for k, v in value.items())
        return _size(len(value), 0xA0, 0xD8) + items
    if isinstance(value, Sequence):
        return _size(len(value), 0x90, 0xD4) + b"".join(pack(v) for v in value)
    raise TypeError(f"cannot pack {type(value).__name__}")


def _size(n: int, tiny: int, sized: int) -> bytes:
    if n < 16:
        return bytes([tiny | n])
    if n < 2**8:
        return bytes([sized, n])
    if n < 2**16:
        return bytes([sized + 1]) + struct.pack(">H", n)
    return bytes([sized + 2]) + struct.pack(">I", n)


class _Unpacker:
    """Reads PackStream values from one received message; a length past its end is an error, not a wait."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise BoltError("a value runs past the end of its message")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def length(self, marker: int, base: int) -> int:
        width = (1, 2, 4)[marker - base]
        return int.from_bytes(self.take(width), "big")

    def value(self, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:
            raise BoltError(f"values nested deeper than {MAX_DEPTH}")
        m = self.take(1)[0]
        if m < 0x80:
            return m
        if m >= 0xF0:
            return m - 0x100
        high = m & 0xF0
        if high == 0x80:
            return self.take(m & 0x0F).decode("utf-8", "replace")
        if high == 0x90:
            return [self.value(depth + 1) for _ in range(m & 0x0F)]
        if high == 0xA0:
            return self.map(m & 0x0F, depth)
        if high == 0xB0:
            tag = self.take(1)[0]
            return BoltStructure(tag, tuple(self.value(depth + 1) for _ in range(m & 0x0F)))
        if m in (0xC0, 0xC2, 0xC3):
            return {0xC0: None, 0xC2: False, 0xC3: True}[m]
        if m == 0xC1:
            return struct.unpack(">d", self.take(8))[0]
        if 0xC8 <= m <= 0xCB:
            width = 1 << (m - 0xC8)
            return int.from_bytes(self.take(width), "big", signed=True)
        if 0xCC <= m <= 0xCE:
            return bytes(self.take(self.length(m, 0xCC)))
        if 0xD0 <= m <= 0xD2:
            return self.take(self.length(m, 0xD0)).decode("utf-8", "replace")
        if 0xD4 <= m <= 0xD6:
            return [self.value(depth + 1) for _ in range(self.length(m, 0xD4))]
        if 0xD8 <= m <= 0xDA:
            return self.map(self.length(m, 0xD8), depth)
        raise BoltError(f"unknown PackStream marker 0x{m:02X}")

    def map(self, size: int, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for _ in range(size):
            key = self.value(depth + 1)
            result[str(key)] = self.value(depth + 1)
        return result


def unpack_message(data: bytes) -> tuple[int, tuple[Any, ...]]:
    """A received message: its tag (``SUCCESS``, ``RECORD``, ...) and fields."""
    message = _Unpacker(data).value()
    if not isinstance(message, BoltStructure):
        raise BoltError("a message that is not a structure")
    return message.tag, message.fields


def plain(value: Any) -> Any:
    """A property value as the classifiers read it: dates as ISO strings, other structures dropped."""
    if isinstance(value, BoltStructure):
        if value.tag == DATE and len(value.fields) == 1 and isinstance(value.fields[0], int):
            with contextlib.suppress(OverflowError, ValueError):
                return (dt.date(1970, 1, 1) + dt.timedelta(days=value.fields[0])).isoformat()
        return None
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return None
    return value


def node_properties(value: Any) -> dict[str, Any] | None:
    """A Node structure's properties (``Node(id, labels, properties[, element_id])``), else ``None``."""
    if isinstance(value, BoltStructure) and value.tag == NODE and len(value.fields) >= 3:
        properties = value.fields[2]
        if isinstance(properties, dict):
            return {str(k): plain(v) for k, v in properties.items()}
    return None


# ----------------------------------------------------------------------------- the session


class BoltSession:
    """One Bolt connection after the handshake: requests out, bounded answers in."""

    def __init__(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, version: tuple[int, int], ctx: ScanContext
    ) -> None:
        self.reader, self.writer, self.version = reader, writer, version
        self.io_timeout = ctx.options.io_timeout
        #: no single message may be larger: a hostile peer is cut off before its bytes are read
        self.message_cap = ctx.options.dataset_byte_cap

    @classmethod
    async def open(cls, ep: Endpoint, ctx: ScanContext) -> BoltSession | None:
        """Connect and shake hands; ``None`` when the answer is not a Bolt version we offered."""
        reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=ep.tls)
        try:
            writer.write(HANDSHAKE)
            await asyncio.wait_for(writer.drain(), ctx.options.io_timeout)
            answer = await asyncio.wait_for(reader.readexactly(4), ctx.options.io_timeout)
        except (TimeoutError, OSError, asyncio.IncompleteReadError):
            answer = b""
        version = bolt_version(answer)
        if version is None:
            await _close(writer)
            return None
        return cls(reader, writer, version, ctx)

    @property
    def label(self) -> str:
        return f"Bolt {self.version[0]}.{self.version[1]}"

    async def send(self, tag: int, *fields: Any) -> None:
        body = pack(BoltStructure(tag, fields))
        chunks = b"".join(
            struct.pack(">H", len(part)) + part for part in (body[i : i + 0xFFFF] for i in range(0, len(body), 0xFFFF))
        )
        try:
            self.writer.write(chunks + b"\x00\x00")
            await asyncio.wait_for(self.writer.drain(), self.io_timeout)
        except (TimeoutError, OSError) as exc:
            raise BoltError(f"could not send ({exc.__class__.__name__})") from None

    async def _read(self, n: int) -> bytes:
        try:
            return await asyncio.wait_for(self.reader.readexactly(n), self.io_timeout)
        except asyncio.IncompleteReadError:
            raise BoltError("the server closed the connection") from None
        except TimeoutError:
            raise BoltError(f"no answer within {self.io_timeout:g}s") from None
        except OSError as exc:
            raise BoltError(f"the connection failed ({exc.__class__.__name__})") from None

    async def receive(self) -> tuple[int, tuple[Any, ...], int]:
        """The next message: tag, fields and its size in bytes (capped at :attr:`message_cap`)."""
        data = bytearray()
        noops = 0
        while True:
            size = int.from_bytes(await self._read(2), "big")
            if size == 0:
                if data:
                    break
                noops += 1
                if noops > MAX_NOOPS:
                    raise BoltError(f"more than {MAX_NOOPS} empty chunks and no message")
                continue
            if len(data) + size > self.message_cap:
                raise BoltError(f"a message over {self.message_cap:,} bytes")
            data += await self._read(size)
        tag, fields = unpack_message(bytes(data))
        return tag, fields, len(data)

    async def request(self, tag: int, *fields: Any) -> dict[str, Any]:
        """Send one message, return the ``SUCCESS`` metadata; ``FAILURE`` raises :class:`BoltFailure`."""
        await self.send(tag, *fields)
        return await self._summary()

    async def _summary(self) -> dict[str, Any]:
        tag, fields, _ = await self.receive()
        meta = fields[0] if fields and isinstance(fields[0], dict) else {}
        if tag == SUCCESS:
            return meta
        if tag == FAILURE:
            # Bolt 5.7 moved the status code to neo4j_code (GQL errors); older servers send code
            code = meta.get("neo4j_code") or meta.get("code") or "unknown"
            raise BoltFailure(str(code), str(meta.get("message", ""))[:200])
        if tag == IGNORED:
            raise BoltFailure("unguarded.Ignored", "the server ignored the request after an earlier failure")
        raise BoltError(f"unexpected message 0x{tag:02X}")

    async def log_on(self) -> dict[str, Any]:
        """HELLO (and LOGON from Bolt 5.1) without credentials: the server metadata, or :class:`BoltFailure`."""
        extra: dict[str, Any] = {"user_agent": USER_AGENT}
        if self.version >= (5, 3):
            extra["bolt_agent"] = {"product": f"{USER_AGENT}/1"}
        if self.version < (5, 1):
            return await self.request(HELLO, {**extra, "scheme": "none"})
        server = await self.request(HELLO, extra)
        await self.request(LOGON, {"scheme": "none"})
        return server

    async def begin_read(self) -> None:
        """An explicit READ transaction on the home database (``mode: r``), never committed."""
        await self.request(BEGIN, {"mode": "r"})

    async def query(
        self, cypher: str, parameters: Mapping[str, Any], limit: int, byte_cap: int
    ) -> tuple[list[list[Any]], list[int]]:
        """RUN then PULL at most ``limit`` records: the rows and each row's size in bytes.

        The RUN and PULL go out together (as drivers pipeline them); a FAILURE on RUN is
        followed by an IGNORED for PULL, read before raising so the next read stays in step.
        """
        await self.send(RUN, cypher, dict(parameters), {})
        await self.send(PULL, {"n": limit})
        try:
            await self._summary()
        except BoltFailure:
            with contextlib.suppress(BoltFailure):
                await self._summary()
            raise
        rows: list[list[Any]] = []
        sizes: list[int] = []
        total = 0
        while True:
            tag, fields, size = await self.receive()
            if tag != RECORD:
                break
            total += size
            if total > byte_cap or len(rows) >= limit:
                raise BoltError(f"answer over {byte_cap:,} bytes or {limit:,} records")
            rows.append(list(fields[0]) if fields and isinstance(fields[0], list) else [])
            sizes.append(size)
        meta = fields[0] if fields and isinstance(fields[0], dict) else {}
        if tag == FAILURE:
            raise BoltFailure(str(meta.get("neo4j_code") or meta.get("code") or "unknown"), "")
        if tag != SUCCESS:
            raise BoltError(f"unexpected message 0x{tag:02X}")
        return rows, sizes

    async def close(self) -> None:
        """GOODBYE, then hang up: the open transaction is rolled back by the server, nothing committed."""
        with contextlib.suppress(Exception):
            await self.send(GOODBYE)
        await _close(self.writer)


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(writer.wait_closed(), 1.0)
