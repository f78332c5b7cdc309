"""Apache Cassandra (and ScyllaDB), over the CQL native protocol v4.

The DataStax ``cassandra-driver`` is heavy (C extensions, an event loop of its own,
connection pools, schema-metadata refreshes that run queries we did not ask for), and
all a read-only audit needs is five frames: OPTIONS to recognise the server, STARTUP to
learn whether it wants credentials (READY means ``AllowAllAuthenticator``, AUTHENTICATE
names the authenticator), and QUERY for ``system_schema``, ``system.size_estimates``
and one bounded ``SELECT ... LIMIT`` per table with a page size. So this module speaks
those frames itself (``native_protocol_v4.spec``), one request at a time on one stream,
with every frame length checked against the byte caps before its body is read.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import struct
import uuid
from decimal import Decimal
from typing import Any

from ..models import Access, Endpoint, Exposure, Remediation
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme, leading_database

VERSION = 0x04
OP_ERROR, OP_STARTUP, OP_READY, OP_AUTHENTICATE, OP_OPTIONS, OP_SUPPORTED = 0x00, 0x01, 0x02, 0x03, 0x05, 0x06
OP_QUERY, OP_RESULT = 0x07, 0x08
RESULT_ROWS = 0x0002
CONSISTENCY_ONE = 0x0001
FLAG_PAGE_SIZE = 0x04
HEADER = struct.Struct(">BBhBi")
#: OPTIONS on stream 0: the one request the protocol answers before STARTUP, and a harmless one
OPTIONS_FRAME = HEADER.pack(VERSION, 0, 0, OP_OPTIONS, 0)
SYSTEM_KEYSPACES = frozenset(
    {"system", "system_schema", "system_auth", "system_distributed", "system_traces", "system_views"}
    | {"system_virtual_schema", "system_distributed_everywhere", "system_replicated_keys", "system_traces"}
)


class CqlError(Exception):
    """An ERROR frame from the server, or a frame this client refuses to read."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(f"0x{code:04x}: {message}")
        self.code = code


# --------------------------------------------------------------------------- wire format


def _string(value: str) -> bytes:
    data = value.encode()
    return struct.pack(">H", len(data)) + data


def _long_string(value: str) -> bytes:
    data = value.encode()
    return struct.pack(">i", len(data)) + data


def frame(opcode: int, body: bytes, stream: int = 0) -> bytes:
    return HEADER.pack(VERSION, 0, stream, opcode, len(body)) + body


def startup_body() -> bytes:
    options = {"CQL_VERSION": "3.0.0"}
    return struct.pack(">H", len(options)) + b"".join(_string(k) + _string(v) for k, v in options.items())


def query_body(cql: str, page_size: int) -> bytes:
    return _long_string(cql) + struct.pack(">HBi", CONSISTENCY_ONE, FLAG_PAGE_SIZE, page_size)


class _CqlReader:
    """A cursor over one frame body; raises ``struct.error``/``IndexError`` on short input."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise IndexError("frame body too short")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def short(self) -> int:
        return int(struct.unpack(">H", self.take(2))[0])

    def i32(self) -> int:
        return int(struct.unpack(">i", self.take(4))[0])

    def string(self) -> str:
        return self.take(self.short()).decode("utf-8", "replace")

    def blob(self) -> bytes | None:
        n = self.i32()
        return None if n < 0 else self.take(n)

    def string_multimap(self) -> dict[str, list[str]]:
        return {self.string(): [self.string() for _ in range(self.short())] for _ in range(self.short())}


def parse_header(data: bytes) -> tuple[int, int, int, int] | None:
    """(version, stream, opcode, length) of a response header, or None if it is not one."""
    if len(data) < HEADER.size:
        return None
    version, _flags, stream, opcode, length = HEADER.unpack_from(data)
    if not version & 0x80 or not 1 <= version & 0x7F <= 6 or length < 0:
        return None
    return version & 0x7F, stream, opcode, length


# A type is (id, parameters): parameters are nested types for collections and tuples.
CqlType = tuple[int, tuple[Any, ...]]


def _read_type(r: _CqlReader, depth: int = 0) -> CqlType:
    if depth > 8:
        raise ValueError("type nesting too deep")
    kind = r.short()
    if kind == 0x0000:
        return kind, (r.string(),)
    if kind in (0x0020, 0x0022):  # list, set
        return kind, (_read_type(r, depth + 1),)
    if kind == 0x0021:  # map
        return kind, (_read_type(r, depth + 1), _read_type(r, depth + 1))
    if kind == 0x0030:  # UDT: keyspace, name, fields
        r.string(), r.string()
        fields = tuple((r.string(), _read_type(r, depth + 1)) for _ in range(r.short()))
        return kind, fields
    if kind == 0x0031:  # tuple
        return kind, tuple(_read_type(r, depth + 1) for _ in range(r.short()))
    return kind, ()


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def decode_value(kind: CqlType, raw: bytes | None) -> Any:
    """A cell as a Python value the classifier reads (text, numbers, ISO times, lists, dicts)."""
    if raw is None:
        return None
    code, params = kind
    if code in (0x0001, 0x000D):  # ascii, varchar/text
        return raw.decode("utf-8", "replace")
    if code in (0x0002, 0x0005, 0x0009, 0x0013, 0x0014, 0x000E):  # bigint, counter, int, smallint, tinyint, varint
        return int.from_bytes(raw, "big", signed=True)
    if code == 0x0004:
        return raw != b"\x00"
    if code == 0x0007 and len(raw) == 8:
        return struct.unpack(">d", raw)[0]
    if code == 0x0008 and len(raw) == 4:
        return struct.unpack(">f", raw)[0]
    if code == 0x0006 and len(raw) >= 4:
        scale = int.from_bytes(raw[:4], "big", signed=True)
        return str(Decimal(int.from_bytes(raw[4:], "big", signed=True)).scaleb(-scale))
    if code in (0x000C, 0x000F) and len(raw) == 16:
        return str(uuid.UUID(bytes=raw))
    if code == 0x000B and len(raw) == 8:
        millis = int.from_bytes(raw, "big", signed=True)
        return (_EPOCH + dt.timedelta(milliseconds=millis)).isoformat()
    if code == 0x0011 and len(raw) == 4:
        return (dt.date(1970, 1, 1) + dt.timedelta(days=int.from_bytes(raw, "big") - 2**31)).isoformat()
    if code == 0x0010 and len(raw) in (4, 16):
        return str(ipaddress.ip_address(raw))
    if code in (0x0020, 0x0022):
        r = _CqlReader(raw)
        return [decode_value(params[0], r.blob()) for _ in range(r.i32())]
    if code == 0x0021:
        r = _CqlReader(raw)
        return {str(decode_value(params[0], r.blob())): decode_value(params[1], r.blob()) for _ in range(r.i32())}
    if code == 0x0030:
        r = _CqlReader(raw)
        out: dict[str, Any] = {}
        for name, sub in params:
            if r.pos >= len(r.data):
                break
            out[name] = decode_value(sub, r.blob())
        return out
    if code == 0x0031:
        r = _CqlReader(raw)
        return [decode_value(sub, r.blob()) for sub in params]
    return None  # blobs, durations, custom types: nothing a detector reads


def parse_rows(body: bytes) -> tuple[list[str], list[dict[str, Any]]]:
    """Column names and decoded rows of a RESULT frame of kind Rows."""
    r = _CqlReader(body)
    if r.i32() != RESULT_ROWS:
        return [], []
    flags, count = r.i32(), r.i32()
    if flags & 0x0002:  # has more pages: a paging state we never use
        r.blob()
    if flags & 0x0004:  # no metadata
        raise CqlError(0, "rows without metadata")
    if flags & 0x0001:
        r.string(), r.string()
    columns: list[tuple[str, CqlType]] = []
    for _ in range(count):
        if not flags & 0x0001:
            r.string(), r.string()
        columns.append((r.string(), _read_type(r)))
    rows = []
    for _ in range(r.i32()):
        rows.append({name: decode_value(kind, r.blob()) for name, kind in columns})
    return [name for name, _ in columns], rows


# --------------------------------------------------------------------------- session


class CqlSession:
    """One connection, one request in flight on stream 1; every frame bounded by ``max_frame``."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float) -> None:
        self.reader, self.writer, self.timeout = reader, writer, timeout

    async def request(self, opcode: int, body: bytes, max_frame: int) -> tuple[int, bytes]:
        self.writer.write(frame(opcode, body, stream=1))
        await asyncio.wait_for(self.writer.drain(), self.timeout)
        while True:
            head = await asyncio.wait_for(self.reader.readexactly(HEADER.size), self.timeout)
            parsed = parse_header(head)
            if parsed is None:
                raise CqlError(0x000A, "not a CQL native-protocol frame")
            _version, stream, op, length = parsed
            if length > max_frame:
                raise CqlError(0, f"answer of {length:,} bytes exceeds the {max_frame:,}-byte cap")
            data = await asyncio.wait_for(self.reader.readexactly(length), self.timeout)
            if stream != 1:
                continue  # an EVENT pushed on stream -1: never registered for, ignored
            if op == OP_ERROR:
                r = _CqlReader(data)
                raise CqlError(r.i32(), r.string())
            return op, data

    async def query(self, cql: str, page_size: int, max_frame: int) -> list[dict[str, Any]]:
        op, data = await self.request(OP_QUERY, query_body(cql, page_size), max_frame)
        if op != OP_RESULT:
            raise CqlError(0, f"unexpected opcode 0x{op:02x} in answer to QUERY")
        return parse_rows(data)[1]

    async def close(self) -> None:
        self.writer.close()
        try:
            await asyncio.wait_for(self.writer.wait_closed(), 1.0)
        except (TimeoutError, OSError):
            pass


def quote_name(name: str) -> str:
    """A CQL identifier in double quotes (case kept, embedded quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


class CassandraEngine(Engine):
    """STARTUP answer for exposure (READY = AllowAllAuthenticator), system_schema inventory, SELECT ... LIMIT samples.

    Record counts come from ``system.size_estimates`` (partitions, refreshed by the
    server every few minutes: an estimate) unless the sample itself reached the end of
    the table, which makes the count exact.
    """

    name = "cassandra"
    aliases = ("scylla",)
    title = "Apache Cassandra / ScyllaDB"
    default_ports = (9042,)
    uri_schemes = (UriScheme("cassandra", 9042), UriScheme("cql", 9042))
    nmap_services = ("cassandra-native",)
    deployed_as = (DataService("cassandra", (9042, 7000), ("cassandra", "scylla")),)
    system_databases = SYSTEM_KEYSPACES
    tested_against = (
        "stand-in: `unguarded.lab.cassandra_standin`, a CQL native protocol v4 server written from "
        "`native_protocol_v4.spec` (OPTIONS/SUPPORTED, STARTUP/READY, PasswordAuthenticator's AUTHENTICATE for "
        "the protected one, QUERY/RESULT Rows, Cassandra's ERROR codes and messages), logging every frame for "
        "the read-only proof; no Cassandra runs here"
    )
    probe = OPTIONS_FRAME
    remediation = Remediation(
        summary="Require passwords (PasswordAuthenticator) and keep the native port off the internet.",
        steps=(
            "cassandra.yaml: authenticator: PasswordAuthenticator  and  authorizer: CassandraAuthorizer",
            "ALTER KEYSPACE system_auth WITH replication = {...}; then create a superuser and drop or change 'cassandra'/'cassandra'",
            "cassandra.yaml: rpc_address / native_transport address on a private interface; firewall 9042, 7000, 7199",
            "client_encryption_options: enabled: true",
        ),
        references=(
            "https://cassandra.apache.org/doc/latest/cassandra/managing/operating/security.html",
            "https://docs.datastax.com/en/cassandra-oss/3.x/cassandra/configuration/secureConfigNativeAuth.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: dropped keyspaces or a ransom table mean the data was taken or wiped.",
            steps=(
                INTRUSION_STEP,
                "nodetool listsnapshots; restore the keyspaces from snapshots or backups taken before the intrusion",
                "cassandra.yaml: authenticator: PasswordAuthenticator, authorizer: CassandraAuthorizer; restart every node",
                "Rotate every credential that was stored in the tables",
            ),
            references=(
                "https://cassandra.apache.org/doc/latest/cassandra/managing/operating/backups.html",
                "https://cassandra.apache.org/doc/latest/cassandra/managing/operating/security.html",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_header(answer)
        if parsed is None:
            return None
        _version, stream, opcode, length = parsed
        body = answer[HEADER.size : HEADER.size + length]
        if stream != 0 or len(body) != length:
            return None
        r = _CqlReader(body)
        if opcode == OP_SUPPORTED:
            options = r.string_multimap()
            if "CQL_VERSION" not in options:
                return None
            cql = options["CQL_VERSION"]
            # ScyllaDB speaks the same protocol and adds its shard-aware options
            flavour = "scylla" if any(key.startswith("SCYLLA_") for key in options) else "cassandra"
            return Identity(flavour, detail=f"CQL {cql[0]}" if cql else None)
        if opcode == OP_ERROR and r.i32() == 0x000A and "protocol version" in r.string().lower():
            return Identity("cassandra", detail="speaks an older native protocol only")
        return None

    def dataset_group(self, dataset: str) -> str:
        return leading_database(dataset)

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=ep.tls)
        session = CqlSession(reader, writer, opts.io_timeout)
        try:
            op, body = await session.request(OP_STARTUP, startup_body(), 64 * 1024)
            if op == OP_AUTHENTICATE:
                authenticator = _CqlReader(body).string()
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    tls=ep.tls,
                    auth_detail=f"authentication required ({authenticator})",
                )
            if op != OP_READY:
                raise CqlError(0, f"unexpected opcode 0x{op:02x} in answer to STARTUP")
            result = Assessment(
                Exposure.OPEN,
                # AllowAllAuthenticator: every client is the anonymous user, and Cassandra only
                # accepts AllowAllAuthorizer with it, so that user may do anything
                Access.ADMIN,
                tls=ep.tls,
                auth_detail="no authentication (AllowAllAuthenticator): STARTUP answered READY",
            )
            try:
                await self._inventory(ep, ctx, session, result)
            except (CqlError, TimeoutError, OSError, EOFError, struct.error, IndexError, ValueError) as exc:
                # the verdict stands; what could not be listed is said, not guessed
                result.error(ep, "inventory", f"{type(exc).__name__}: {exc}")
            return result
        finally:
            await session.close()

    async def _inventory(self, ep: Endpoint, ctx: ScanContext, session: CqlSession, result: Assessment) -> None:
        opts = ctx.options
        meta_cap = max(opts.dataset_byte_cap, 1 << 20)
        local = await session.query("SELECT release_version FROM system.local", 1, 64 * 1024)
        if local and isinstance(local[0].get("release_version"), str):
            result.version = local[0]["release_version"]
        page = opts.max_datasets + len(SYSTEM_KEYSPACES) * 64
        tables = await session.query("SELECT keyspace_name, table_name FROM system_schema.tables", page, meta_cap)
        user_tables = sorted(
            (str(t["keyspace_name"]), str(t["table_name"]))
            for t in tables
            if str(t.get("keyspace_name")) not in SYSTEM_KEYSPACES
        )
        estimates: dict[tuple[str, str], int] = {}
        try:
            rows = await session.query(
                "SELECT keyspace_name, table_name, partitions_count FROM system.size_estimates", 10_000, meta_cap
            )
        except CqlError as exc:  # ScyllaDB and old versions differ here; counts then come from samples only
            result.error(ep, "inventory", f"system.size_estimates: {exc}")
            rows = []
        for row in rows:
            key = (str(row.get("keyspace_name")), str(row.get("table_name")))
            estimates[key] = estimates.get(key, 0) + max(0, int(row.get("partitions_count") or 0))
        for keyspace, table in user_tables[: opts.max_datasets]:
            name = f"{keyspace}.{table}"
            cql = f"SELECT * FROM {quote_name(keyspace)}.{quote_name(table)} LIMIT {opts.sample_size}"
            try:
                sample = await session.query(cql, opts.sample_size, opts.dataset_byte_cap)
            except CqlError as exc:
                result.error(ep, "sample", f"{name}: {exc}")
                if "cap" in str(exc):
                    return  # the oversized frame was not read: this connection is out of step
                result.add_dataset(name, estimates.get((keyspace, table)), exact=False)
                continue
            kept = [row for row in sample if len(repr(row)) <= opts.record_byte_cap]
            if len(sample) < opts.sample_size:  # the sample reached the end of the table
                result.add_dataset(name, len(sample), kept)
            else:
                result.add_dataset(name, estimates.get((keyspace, table)), kept, exact=False)


ENGINE = CassandraEngine()
