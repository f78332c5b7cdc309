"""ClickHouse, over its HTTP interface (port 8123).

Recognised by its answer to ``GET /?query=SELECT version()``: a bare version line with
ClickHouse's own ``X-ClickHouse-*`` headers, or its ``Code: N ... DB::Exception`` error
when a password is required. An HTTP server that answers 200 to everything is not
ClickHouse. No credentials are sent, which ClickHouse treats as user ``default`` with an
empty password, the vendor default.

Every query is a GET: ClickHouse itself then refuses anything but reads (it raises the
session's ``readonly`` to 2), and each carries ``max_execution_time``,
``max_result_bytes`` and ``max_result_rows`` with ``result_overflow_mode=break``. The one
exception is a constant ``SELECT ... FROM system.settings`` sent as POST, because a GET
would itself raise ``readonly`` and hide the profile's own value, which decides access
together with ``SHOW GRANTS`` (20.4+; before it every user without ``readonly`` may do
anything). Tables are listed from ``system.tables`` and counted from its ``total_rows``
(newer servers), ``system.parts`` (MergeTree on older ones) or a bounded ``count()``
(Memory and Log tables); samples are ``SELECT ... LIMIT n`` with every value cut in SQL.
Tables whose engine reads another system (Kafka consumes messages, URL, MySQL, S3, ...)
are listed only. The tests prove from ``system.query_log`` that only reads were sent.

The native port (9000) answers an HTTP request with "Port 9000 is for clickhouse-client
program", which recognises it; its exposure then comes from a native Hello as
``default`` with the empty password (open, or error 516/193/194 when a password is
required). Access and inventory are read over HTTP only, so an open native port says so.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import http_client, parse_http
from ._protobuf import encode_varint
from ._sql import Budget, value_cap
from .base import (
    INTRUSION_STEP,
    Assessment,
    DataService,
    Engine,
    Identity,
    ScanContext,
    UriScheme,
    leading_database,
)

HTTP_PROBE = (
    b"GET /?query=SELECT%20version() HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\nConnection: close\r\n\r\n"
)
#: answers to metadata queries are small; anything larger is hostile
METADATA_CAP = 4 * 1024 * 1024
SYSTEM_DATABASES = frozenset({"system", "information_schema", "_temporary_and_external_tables"})
#: engines whose tables are read from local storage: counted and sampled
_LOCAL = re.compile(r"^(?:\w*MergeTree|Memory|Log|TinyLog|StripeLog|Buffer|MaterializedView)$")
#: engines whose count() is cheap and local when system.tables has no total_rows
_COUNTABLE = frozenset({"Memory", "Log", "TinyLog", "StripeLog"})
_VIEWS = frozenset({"View", "LiveView", "WindowView"})
#: column types returned as they are; everything else is cut as text
_NATIVE = re.compile(r"^(?:Nullable\()?(?:U?Int(?:8|16|32|64)|Float(?:32|64)|Bool)\)?$")
_CODE = re.compile(rb"Code: (\d+)")
_VERSION = re.compile(rb"^\d+\.\d+[\w.\-]*\s*$")
#: ClickHouse error codes that mean "credentials required" (wrong/missing password, IP not allowed, ...)
_AUTH_CODES = frozenset({192, 193, 194, 195, 516})
#: "Cannot modify setting in readonly mode"
_READONLY_CODE = 164
#: what the native port (9000) answers an HTTP request
_NATIVE_ANSWER = b"is for clickhouse-client program"
#: native protocol: client Hello (packet 0) and a protocol revision every server since 2017 accepts
_HELLO, _EXCEPTION = 0, 2
_REVISION = 54060
_WRITE_GRANTS = re.compile(r"^(INSERT|ALTER|CREATE|DROP|TRUNCATE|OPTIMIZE)\b")
#: privileges over the server itself: users and grants, SYSTEM commands (SHUTDOWN, ...), everything
_ADMIN_PRIVILEGES = frozenset({"ALL", "ALL PRIVILEGES", "ACCESS MANAGEMENT", "SYSTEM"})
#: ``GRANT <privileges> ON <target> TO ...``; role grants (``GRANT role TO user``) have no ON
_GRANT = re.compile(r"GRANT (.+?) ON (\S+)")


class ClickHouseError(Exception):
    """A query failed; ``code`` is ClickHouse's error number (never its message, which may quote data)."""

    def __init__(self, status: int, code: int | None, *, oversize: bool = False) -> None:
        what = "answer over the byte cap" if oversize else f"HTTP {status}"
        super().__init__(what + (f", ClickHouse error code {code}" if code is not None else ""))
        self.status, self.code = status, code


class NativePort(Exception):
    """The port speaks ClickHouse's native protocol, not HTTP (it said so to an HTTP request)."""


@dataclass
class _ChTable:
    database: str
    name: str
    engine: str
    rows: int | None = None
    size: int | None = None
    columns: list[tuple[str, str]] = field(default_factory=list)

    @property
    def dataset(self) -> str:
        return f"{self.database}.{self.name}"


def ident(name: str) -> str:
    """A back-quoted identifier (backslashes and back quotes escaped)."""
    return "`" + name.replace("\\", "\\\\").replace("`", "\\`") + "`"


def literal(text: str) -> str:
    """A single-quoted string literal (ClickHouse escapes with backslashes)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


class ClickHouseSession:
    """One endpoint's HTTP session: every query bounded, read in a byte-capped stream."""

    def __init__(self, client: httpx.AsyncClient, ctx: ScanContext) -> None:
        self.client, self.opts = client, ctx.options
        #: False when the profile has readonly=1, which refuses any setting in the request
        self.settings_allowed = True

    def _params(self, query: str, *, max_rows: int | None, max_bytes: int) -> dict[str, str]:
        params = {"query": query, "query_id": "unguarded-" + secrets.token_hex(8)}
        if self.settings_allowed:
            params.update(
                {
                    "max_execution_time": str(max(1, int(self.opts.io_timeout))),
                    "max_result_bytes": str(max_bytes),
                    "result_overflow_mode": "break",
                }
            )
            if max_rows is not None:
                params["max_result_rows"] = str(max_rows)
        return params

    async def rows(
        self, query: str, *, max_rows: int | None = None, cap: int = METADATA_CAP, post: bool = False
    ) -> list[list[Any]]:
        """The rows of one query (JSONCompact), read up to ``cap`` bytes; raises :class:`ClickHouseError`.

        A profile with ``readonly=1`` refuses any setting in the request (error 164): the
        query is then sent again without them, and so is every later one (client-side byte
        caps and timeouts still bound it).
        """
        try:
            return await self._rows(query, max_rows=max_rows, cap=cap, post=post)
        except ClickHouseError as exc:
            if exc.code != _READONLY_CODE or not self.settings_allowed:
                raise
            self.settings_allowed = False
            return await self._rows(query, max_rows=max_rows, cap=cap, post=post)

    async def _rows(self, query: str, *, max_rows: int | None, cap: int, post: bool) -> list[list[Any]]:
        params = self._params(query + " FORMAT JSONCompact", max_rows=max_rows, max_bytes=cap)
        if post:
            body, query_params = params.pop("query").encode(), params
            request = self.client.build_request("POST", "/", params=query_params, content=body)
        else:
            request = self.client.build_request("GET", "/", params=params)
        response = await self.client.send(request, stream=True)
        try:
            data = b""
            async for chunk in response.aiter_bytes():
                data += chunk
                if len(data) > cap + 64 * 1024:
                    raise ClickHouseError(response.status_code, None, oversize=True)
            if response.status_code == 400 and _NATIVE_ANSWER in data[:300]:
                raise NativePort()
            if response.status_code != 200:
                match = _CODE.search(data[:300])
                raise ClickHouseError(response.status_code, int(match.group(1)) if match else None)
        finally:
            await response.aclose()
        answer = json.loads(data.decode("utf-8", "replace"))
        rows = answer.get("data", []) if isinstance(answer, dict) else []
        return [row for row in rows if isinstance(row, list)]


class ClickHouseEngine(Engine):
    """User default with no password for exposure, readonly and SHOW GRANTS for access, system.tables inventory, LIMIT samples.

    Assessed over the HTTP interface with GET requests only, which ClickHouse itself
    keeps read-only. Datasets are ``database.table`` and group by database.
    """

    name = "clickhouse"
    title = "ClickHouse"
    default_ports = (8123, 9000)
    uri_schemes = (UriScheme("clickhouse", 8123), UriScheme("clickhouses", 8443, tls=True))
    nmap_services = ("clickhouse",)
    deployed_as = (DataService("clickhouse", (8123, 9000), ("clickhouse-server", "clickhouse", "clickhouse-keeper")),)
    system_databases = SYSTEM_DATABASES
    tested_against = "real `clickhouse-server` 18.16 (Debian), `system.query_log` for the read-only proof"
    probe = HTTP_PROBE
    probe_group = "clickhouse"
    remediation = Remediation(
        summary="Give the default user a password (or disable it) and stop listening on public interfaces.",
        steps=(
            "users.xml: <default><password_sha256_hex>...</password_sha256_hex> (never an empty <password></password>)",
            "users.xml: <default><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>  (not <ip>::/0</ip>)",
            "config.xml: <listen_host>127.0.0.1</listen_host>  (not :: or 0.0.0.0); firewall 8123/9000 from the internet",
            "Create named users with only the rights they need (CREATE USER ... IDENTIFIED WITH sha256_password; GRANT SELECT ON db.*)",
        ),
        references=(
            "https://clickhouse.com/docs/en/operations/settings/settings-users",
            "https://clickhouse.com/docs/en/operations/access-rights",
            "https://clickhouse.com/docs/en/operations/server-configuration-parameters/settings#listen_host",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: ransom tables mean the data was read and likely dropped.",
            steps=(
                INTRUSION_STEP,
                "SELECT event_time, address, query FROM system.query_log WHERE query_kind IN ('Drop','Create','Insert') "
                "ORDER BY event_time  -- find who dropped or created what",
                "Restore from BACKUP / clickhouse-backup or the detached parts (ALTER TABLE ... ATTACH PARTITION)",
                "users.xml: a password for <default> and <networks> limited to your hosts; rotate every key the tables held",
            ),
            references=(
                "https://clickhouse.com/docs/en/operations/backup",
                "https://clickhouse.com/docs/en/operations/system-tables/query_log",
                "https://clickhouse.com/docs/en/operations/settings/settings-users",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """``database.table`` -> ``database``."""
        return leading_database(dataset)

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        clickhouse_headers = any(name.startswith("x-clickhouse-") for name in headers)
        code = _CODE.search(body[:300])
        if status == 200 and _VERSION.match(body) and clickhouse_headers:
            return Identity(self.name, body.decode("ascii", "replace").strip())
        if status == 400 and _NATIVE_ANSWER in body[:300]:
            return Identity(self.name, detail="native protocol port")
        if status in (401, 403, 500) and code and (clickhouse_headers or b"DB::Exception" in body[:400]):
            if int(code.group(1)) in _AUTH_CODES or status in (401, 403):
                return Identity(self.name, detail="protected")
            return Identity(self.name)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        async with http_client(
            ep,
            ctx,
            timeout=httpx.Timeout(opts.io_timeout + 2, connect=opts.connect_timeout),
            headers={"Host": ep.host, "User-Agent": "unguarded"},
            trust_env=False,
        ) as client:
            return await self._assess(ep, ctx, ClickHouseSession(client, ctx))

    async def _assess(self, ep: Endpoint, ctx: ScanContext, ch: ClickHouseSession) -> Assessment:
        opts = ctx.options
        try:
            ((version,),) = await ch.rows("SELECT version()")
        except NativePort:
            native = await native_exposure(ep, ctx)
            return native or Assessment(
                Exposure.UNKNOWN, Access.NONE, auth_detail="native protocol port: no readable answer to a Hello"
            )
        except httpx.TransportError:
            # The native port answers HTTP with a line of text and hangs up, which can reset the
            # connection under the client: ask it natively before calling the port broken.
            native = await native_exposure(ep, ctx)
            if native is None:
                raise
            return native
        except ClickHouseError as exc:
            if exc.code in _AUTH_CODES or exc.status in (401, 403):
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    auth_detail=f"password required for user default ({exc})",
                )
            raise
        profile = {
            str(name): str(value)
            for name, value in await ch.rows(
                "SELECT name, value FROM system.settings WHERE name IN ('readonly', 'allow_ddl')", post=True
            )
        }
        readonly = profile.get("readonly", "0")
        result = Assessment(
            Exposure.OPEN,
            Access.METADATA,
            version=str(version),
            tls=ep.tls,
            auth_detail="no credentials: user default has no password",
        )
        grants = await self._grants(ch)
        budget = Budget(opts)
        tables = await self._tables(ep, ch, result)
        readable = False
        for table in tables:
            sample: list[dict[str, Any]] = []
            exact = table.rows is not None
            if table.engine in _VIEWS or not _LOCAL.match(table.engine):
                result.add_dataset(table.dataset, None, kind="view" if table.engine in _VIEWS else "table", exact=False)
                continue
            if not budget.spent:
                if table.rows is None and table.engine in _COUNTABLE:
                    table.rows = await self._count(ep, ch, table, result)
                    exact = table.rows is not None
                if table.rows != 0:
                    sample = await self._sample(ep, ch, table, result)
                    readable = readable or bool(sample)
            result.add_dataset(table.dataset, table.rows, sample, size=table.size, exact=exact)
        result.access = _access(readonly, profile.get("allow_ddl", "1"), grants, readable)
        return result

    @staticmethod
    async def _grants(ch: ClickHouseSession) -> str | None:
        """The session's grants (``SHOW GRANTS``, 20.4+); ``None`` before access control existed."""
        try:
            return " ".join(str(row[0]) for row in await ch.rows("SHOW GRANTS", max_rows=1000) if row)
        except ClickHouseError:
            return None

    async def _tables(self, ep: Endpoint, ch: ClickHouseSession, result: Assessment) -> list[_ChTable]:
        opts = ch.opts
        system = ", ".join(literal(name) for name in sorted(SYSTEM_DATABASES | {"INFORMATION_SCHEMA"}))
        columns = {
            str(r[0])
            for r in await ch.rows("SELECT name FROM system.columns WHERE database = 'system' AND table = 'tables'")
        }
        has_totals = {"total_rows", "total_bytes"} <= columns
        totals = ", total_rows, total_bytes" if has_totals else ""
        temporary = " AND NOT is_temporary" if "is_temporary" in columns else ""
        listed = await ch.rows(
            f"SELECT database, name, engine{totals} FROM system.tables WHERE database NOT IN ({system}){temporary} "
            f"ORDER BY database, name LIMIT {opts.max_datasets + 1}",
            max_rows=opts.max_datasets + 1,
        )
        if len(listed) > opts.max_datasets:
            listed = listed[: opts.max_datasets]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} tables (--max-datasets)")
        tables = [
            _ChTable(
                str(r[0]), str(r[1]), str(r[2]), _int(r[3]) if has_totals else None, _int(r[4]) if has_totals else None
            )
            for r in listed
        ]
        if not tables:
            return tables
        by_key = {(t.database, t.name): t for t in tables}
        if not has_totals:
            listing = (
                f"SELECT database, name FROM system.tables WHERE database NOT IN ({system}){temporary} "
                f"ORDER BY database, name LIMIT {len(tables)}"
            )
            try:
                for database, name, rows, size in await ch.rows(
                    "SELECT database, table, sum(rows), sum(bytes) FROM system.parts "
                    f"WHERE active AND (database, table) IN ({listing}) GROUP BY database, table",
                    max_rows=len(tables),
                ):
                    table = by_key.get((str(database), str(name)))
                    if table is not None:
                        table.rows, table.size = _int(rows), _int(size)
            except ClickHouseError as exc:
                result.error(ep, "inventory", f"row counts from system.parts unavailable ({exc})")
            else:
                for table in tables:
                    if table.rows is None and table.engine.endswith("MergeTree"):
                        table.rows = 0  # no active part: empty
        return tables

    @staticmethod
    async def _count(ep: Endpoint, ch: ClickHouseSession, table: _ChTable, result: Assessment) -> int | None:
        try:
            rows = await ch.rows(f"SELECT count() FROM {ident(table.database)}.{ident(table.name)}", max_rows=1)
            return _int(rows[0][0]) if rows and rows[0] else None
        except ClickHouseError as exc:
            result.error(ep, "inventory", f"{table.dataset}: could not count ({exc})")
            return None

    @staticmethod
    async def _sample(ep: Endpoint, ch: ClickHouseSession, table: _ChTable, result: Assessment) -> list[dict[str, Any]]:
        opts = ch.opts
        try:
            table.columns = [
                (str(name), str(kind))
                for name, kind in await ch.rows(
                    "SELECT name, type FROM system.columns "
                    f"WHERE database = {literal(table.database)} AND table = {literal(table.name)}",
                    max_rows=10_000,
                )
            ]
        except ClickHouseError as exc:
            result.error(ep, "sample", f"{table.dataset}: could not list columns ({exc})")
            return []
        if not table.columns:
            return []
        cap = value_cap(len(table.columns), opts)
        select = ", ".join(
            ident(name) if _NATIVE.match(kind) else f"substring(toString({ident(name)}), 1, {cap})"
            for name, kind in table.columns
        )
        try:
            rows = await ch.rows(
                f"SELECT {select} FROM {ident(table.database)}.{ident(table.name)} LIMIT {opts.sample_size}",
                max_rows=opts.sample_size,
                cap=opts.dataset_byte_cap,
            )
        except ClickHouseError as exc:
            result.error(ep, "sample", f"{table.dataset}: could not sample ({exc})")
            return []
        names = [name for name, _ in table.columns]
        return [dict(zip(names, (_clean(v) for v in row), strict=False)) for row in rows if len(row) == len(names)]


def _string(text: str) -> bytes:
    raw = text.encode()
    return encode_varint(len(raw)) + raw


def _read_varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80 or shift > 63:
            return value, pos


def _read_string(data: bytes, pos: int) -> tuple[bytes, int]:
    size, pos = _read_varint(data, pos)
    if size > 4096:
        raise ValueError("string too long for a hello")
    return data[pos : pos + size], pos + size


def native_hello() -> bytes:
    """A native-protocol client Hello as user ``default`` with the empty password (the vendor default)."""
    return (
        encode_varint(_HELLO)
        + _string("unguarded")
        + encode_varint(1)
        + encode_varint(0)
        + encode_varint(_REVISION)
        + _string("")
        + _string("default")
        + _string("")
    )


def read_native_answer(data: bytes) -> tuple[Exposure, str | None, str]:
    """Exposure, version and a value-free detail from the server's answer to :func:`native_hello`.

    Raises ``IndexError`` while the answer is incomplete and ``ValueError`` when it is no
    native-protocol packet at all.
    """
    kind, pos = _read_varint(data, 0)
    if kind == _HELLO:
        name, pos = _read_string(data, pos)
        major, pos = _read_varint(data, pos)
        minor, pos = _read_varint(data, pos)
        version = f"{major}.{minor}" if name.lower().startswith(b"clickhouse") else None
        return Exposure.OPEN, version, "native protocol: user default logged in with no password"
    if kind == _EXCEPTION:
        if len(data) < pos + 4:
            raise IndexError("exception packet not complete yet")
        code = int.from_bytes(data[pos : pos + 4], "little")
        if code in _AUTH_CODES:
            return Exposure.PROTECTED, None, f"password required for user default (native protocol, error code {code})"
        return Exposure.UNKNOWN, None, f"native protocol refused the hello (error code {code})"
    raise ValueError("not a native-protocol answer")


async def native_exposure(ep: Endpoint, ctx: ScanContext) -> Assessment | None:
    """Exposure from the native port's answer to a Hello (None: no native answer); inventory runs over HTTP only."""
    opts = ctx.options
    reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=ep.tls)
    exposure, version, detail = Exposure.UNKNOWN, None, ""
    try:
        writer.write(native_hello())
        await asyncio.wait_for(writer.drain(), opts.io_timeout)
        data = b""
        while len(data) < 64 * 1024:  # the answer may arrive in pieces: read until it parses
            chunk = await asyncio.wait_for(reader.read(64 * 1024), opts.io_timeout)
            if not chunk:
                break
            data += chunk
            try:
                exposure, version, detail = read_native_answer(data)
                break
            except IndexError:
                continue
            except ValueError:
                break
    finally:
        writer.close()
    if not detail:
        return None
    result = Assessment(
        exposure,
        Access.METADATA if exposure is Exposure.OPEN else Access.NONE,
        version=version,
        tls=ep.tls,
        auth_detail=detail,
    )
    if exposure is Exposure.OPEN:
        result.error(
            ep,
            "inventory",
            "native protocol port: access and inventory are read over the HTTP interface; scan that port (8123 by default)",
        )
    return result


def _clean(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "{[" and value[-1:] in "}]":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _access(readonly: str, allow_ddl: str, grants: str | None, readable: bool) -> Access:
    """From the profile's ``readonly`` and the session's grants, never from trying a write."""
    if readonly in ("1", "2"):
        return Access.READ if readable or grants is None or "SELECT" in grants.upper() else Access.METADATA
    if grants is None:  # before access control (20.4): a user without readonly may do anything
        return Access.ADMIN if allow_ddl != "0" else Access.WRITE
    privileges = set()
    for listed, _target in _GRANT.findall(grants.upper()):
        privileges |= {p.strip() for p in listed.split(",")}
    if privileges & _ADMIN_PRIVILEGES or "WITH GRANT OPTION" in grants.upper():
        return Access.ADMIN
    if any(_WRITE_GRANTS.match(p) for p in privileges):
        return Access.WRITE
    if any(p.startswith("SELECT") for p in privileges) or readable:
        return Access.READ
    return Access.METADATA


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ENGINE = ClickHouseEngine()
