"""MySQL and MariaDB (and Percona, Aurora-style servers speaking the same protocol).

The server speaks first: its handshake packet names the protocol (10) and the version,
and a server that refuses this client's address sends an error packet instead
("Host ... is not allowed to connect"). Exposure is tested with the vendor defaults
only: ``root`` with an empty password, then the anonymous account (empty user name, no
password) that old installers created. Nothing else is ever tried.

Access is read from ``SHOW GRANTS``. Tables come from ``information_schema.TABLES``:
``TABLE_ROWS`` is exact for MyISAM/Aria and an estimate for InnoDB, so a table is
``COUNT(*)``-ed only when the estimate and its size say it is cheap. Small tables are
sampled with ``ORDER BY RAND() LIMIT n``; large ones with a few short index range reads
from random primary-key values, whose cost does not grow with the table (``WHERE RAND()
< p`` would still scan a third of it). Each value is cut in SQL (``LEFT``, ``SUBSTRING``,
``ST_AsText`` for geometry). The session is set to read-only transactions with a
statement time limit first; the tests read the server's general log to prove that only
SELECT/SHOW/SET were sent.

PyMySQL is synchronous: each statement runs in a worker thread, bounded by the socket's
connect/read/write timeouts and an outer ``wait_for``.
"""

from __future__ import annotations

import asyncio
import math
import os
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pymysql

from ..classify import Follower, ForeignKey
from ..honeypot import known_identity
from ..models import Access, Endpoint, Exposure, Remediation
from ._sql import Budget, LoginRefused, count_exactly, records_within, value_cap
from ._threads import BLOCKING
from .base import (
    INTRUSION_STEP,
    Assessment,
    DataService,
    Engine,
    Identity,
    ScanContext,
    ScanOptions,
    UriScheme,
    leading_database,
)

#: engines that keep an exact row count in metadata (COUNT(*) is free there anyway)
EXACT_ENGINES = {"myisam", "aria"}
#: engines whose rows live on another server: listed, never read through
REMOTE_ENGINES = {"federated", "connect", "spider"}
#: a large table is read as this many short primary-key ranges from random starting points
RANGES = 10
#: PyMySQL blocks: its statements run in daemon workers, not in asyncio's small default
#: pool, so that many MySQL servers scanned at once do not wait for each other's threads
#: and a statement stuck past the service deadline is left behind, not joined
_THREADS = BLOCKING
_T = TypeVar("_T")
#: a handshake packet is a few dozen bytes; one longer than this is not a greeting
_GREETING_CAP = 1024

_NATIVE = {
    "tinyint",
    "smallint",
    "mediumint",
    "int",
    "integer",
    "bigint",
    "decimal",
    "numeric",
    "float",
    "double",
    "real",
    "bit",
    "year",
    "date",
    "datetime",
    "timestamp",
    "time",
    "bool",
    "boolean",
}
_INTEGER = {"tinyint", "smallint", "mediumint", "int", "integer", "bigint"}
_BINARY = {"binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob"}
_SPATIAL = {
    "geometry",
    "point",
    "linestring",
    "polygon",
    "multipoint",
    "multilinestring",
    "multipolygon",
    "geometrycollection",
    "geomcollection",
}

#: login errors that mean "credentials required" (never a guess beyond the two defaults)
#: the random user name of the any-user probe starts with this (16 characters in all, the old limit)
PROBE_USER_PREFIX = "ugprobe_"
OPEN_TO_ANY_USER = (
    "no authentication: any user name gets in with no password (skip-grant-tables or an anonymous account)"
)
_DENIED = {
    1045: "password required",
    1698: "password required",
    2059: "credentials required (non-password authentication)",
    1251: "credentials required (authentication plugin the client lacks)",
    3118: "account locked",
    4151: "account locked",
}
_HOST_REFUSED = {1130: "this client's address is not allowed to connect"}
_UNKNOWN = {1129: "this client's address is blocked after connection errors", 1040: "too many connections"}
_EXPIRED = {1820, 1862}
_REASONS = {
    1142: "permission denied",
    1143: "permission denied",
    1044: "permission denied",
    3024: "statement time limit",
    1969: "statement time limit",
    1317: "interrupted",
}

_ADMIN_PRIVILEGES = {"SUPER", "CREATE USER", "FILE", "SHUTDOWN", "RELOAD"}
_WRITE_PRIVILEGES = {
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "DROP",
    "ALTER",
    "INDEX",
    "CREATE VIEW",
    "CREATE ROUTINE",
    "ALTER ROUTINE",
    "TRIGGER",
    "EVENT",
    "DELETE HISTORY",
}
_GRANT = re.compile(
    r"^GRANT\s+(.+?)\s+ON\s+(?:(?:TABLE|FUNCTION|PROCEDURE|PACKAGE(?:\s+BODY)?)\s+)?(\S+)\s+TO\s", re.I | re.S
)


def server_version(raw: str) -> str:
    """``5.5.5-10.11.19-MariaDB-log`` -> ``10.11.19-MariaDB-log`` (MariaDB's prefix for old clients)."""
    return raw[6:] if raw.startswith("5.5.5-") and "mariadb" in raw.lower() else raw


def access_from_grants(grants: Sequence[str]) -> Access:
    """The most ``SHOW GRANTS`` allows: admin, write, read, or metadata (USAGE only)."""
    level = Access.METADATA
    for line in grants:
        found = _GRANT.match(line.strip())
        if not found:
            continue  # role grants ("GRANT role TO user"), which SHOW GRANTS expands separately
        privileges = {p.strip().upper() for p in re.sub(r"\([^)]*\)", "", found.group(1)).split(",")}
        everything = bool(privileges & {"ALL", "ALL PRIVILEGES"})
        on_all = found.group(2).replace("`", "") == "*.*"
        if privileges & _ADMIN_PRIVILEGES or (everything and on_all):
            return Access.ADMIN
        if everything or privileges & _WRITE_PRIVILEGES:
            level = Access.WRITE
        elif "SELECT" in privileges and level is not Access.WRITE:
            level = Access.READ
    return level


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _code(exc: BaseException) -> int | None:
    args = getattr(exc, "args", ())
    return args[0] if args and isinstance(args[0], int) else None


def _reason(exc: BaseException) -> str:
    """A value-free reason for a failed statement: the error code, never the message."""
    if isinstance(exc, asyncio.TimeoutError):
        return "timed out"
    code = _code(exc)
    if code is None:
        return exc.__class__.__name__
    return _REASONS.get(code, f"{exc.__class__.__name__} {code}")


class _Session:
    """One PyMySQL connection driven from asyncio, a statement at a time in a worker thread.

    Right after login the session is limited: read-only transactions and a statement time
    limit. A statement that outlives its timeout ends the connection; the next statement
    opens a fresh one (same account, same limits).
    """

    def __init__(self, ep: Endpoint, opts: ScanOptions, user: str) -> None:
        self.ep, self.opts, self.user = ep, opts, user
        self.conn: pymysql.connections.Connection | None = None
        self.timeout = opts.io_timeout + 2
        #: (connection id, scramble) of the last handshake, kept even when the login fails
        self.greeting: tuple[int, bytes] | None = None

    async def connect(self) -> None:
        opts = self.opts

        def connect() -> pymysql.connections.Connection:
            conn = pymysql.connect(
                host=self.ep.address,
                port=self.ep.port,
                user=self.user or "-",
                password="",
                charset="utf8mb4",
                autocommit=True,
                connect_timeout=opts.connect_timeout,
                read_timeout=opts.io_timeout + 1,
                write_timeout=opts.io_timeout + 1,
                local_infile=False,
                program_name="unguarded",
                defer_connect=True,
            )
            conn.user = self.user.encode()  # PyMySQL would send the OS user name for an empty one
            try:
                conn.connect()
            finally:
                thread_id, salt = getattr(conn, "server_thread_id", None), getattr(conn, "salt", None)
                if thread_id and isinstance(salt, bytes):
                    self.greeting = (int(thread_id[0]), salt)
            return conn

        self.conn = await _in_thread(connect, 2 * opts.connect_timeout + opts.io_timeout)
        for statement in self._limits():
            try:
                await self.rows(statement)
            except pymysql.err.MySQLError:
                pass  # older server without the setting: the other bounds still hold

    @property
    def version(self) -> str:
        return server_version(str(getattr(self.conn, "server_version", ""))) if self.conn else ""  # untyped in PyMySQL

    def _limits(self) -> list[str]:
        statements = ["SET SESSION TRANSACTION READ ONLY"]
        if "mariadb" in self.version.lower():
            return [*statements, f"SET SESSION max_statement_time = {self.opts.io_timeout:g}"]
        return [
            *statements,
            f"SET SESSION max_execution_time = {int(self.opts.io_timeout * 1000)}",
            "SET SESSION information_schema_stats_expiry = 0",
        ]

    async def rows(self, query: str, args: Any = None) -> list[tuple[Any, ...]]:
        if self.conn is None or not self.conn.open:
            await self.connect()
        conn = self.conn
        assert conn is not None

        def run() -> list[tuple[Any, ...]]:
            with conn.cursor() as cur:
                cur.execute(query, args)
                return list(cur.fetchall())

        try:
            return await _in_thread(run, self.timeout)
        except (TimeoutError, asyncio.CancelledError):
            _abandon(conn)  # the worker's blocking read fails at once; the next statement reconnects
            raise

    async def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is not None and conn.open:
            try:
                await _in_thread(conn.close, 2)
            except Exception:
                _abandon(conn)


async def _in_thread(call: Callable[[], _T], timeout: float) -> _T:
    return await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(_THREADS, call), timeout)


def _abandon(conn: pymysql.connections.Connection[Any]) -> None:
    """Close the socket without the goodbye a blocked server would never read.

    PyMySQL's public ``close()`` sends COM_QUIT and waits; its ``_force_close`` only shuts
    the socket, which is what a timed-out or cancelled statement needs.
    """
    force_close: Callable[[], None] = getattr(conn, "_force_close")  # noqa: B009
    force_close()


@dataclass
class _MySQLTable:
    schema: str
    name: str
    kind: str
    engine: str
    estimate: int | None
    size: int | None
    columns: list[tuple[str, str]] = field(default_factory=list)  # (name, data type)
    primary: list[tuple[str, str]] = field(default_factory=list)
    #: distinct values of each column that leads an index (its index cardinality)
    distinct: dict[str, int] = field(default_factory=dict)


class MySQLEngine(Engine):
    """Login as root with no password or anonymously, SHOW GRANTS for access, samples from random key ranges.

    The server speaks first: its handshake names the protocol and version. Tables come
    from ``information_schema.TABLES`` with ``TABLE_ROWS`` estimates; datasets are
    ``schema.table`` and group by schema.
    """

    name = "mysql"
    title = "MySQL / MariaDB"
    aliases = ("mariadb",)
    default_ports = (3306,)
    uri_schemes = (UriScheme("mysql", 3306), UriScheme("mariadb", 3306))
    nmap_services = ("mysql",)
    deployed_as = (
        DataService("mysql", (3306, 33060), ("mysql", "mysql-server", "percona", "percona-server")),
        DataService("mariadb", (3306,), ("mariadb",)),
    )
    system_databases = frozenset({"mysql", "information_schema", "performance_schema", "sys"})
    tested_against = "real MariaDB (Debian), Sakila loaded, the general log for the read-only proof"
    probe = None
    remediation = Remediation(
        summary="Give every account a password, remove the anonymous accounts and stop listening on public interfaces.",
        steps=(
            "ALTER USER 'root'@'%' IDENTIFIED BY '<long random secret>';  -- and every other root row: "
            "SELECT user, host FROM mysql.user WHERE user = 'root'",
            "DROP USER IF EXISTS ''@'%', ''@'localhost';  -- the anonymous accounts (one per host row)",
            "or run mysql_secure_installation (mariadb-secure-installation): root password, no anonymous users, "
            "no remote root, no test database",
            "my.cnf [mysqld]: bind-address = 127.0.0.1  (or the private address only); firewall 3306 from the internet",
            "Applications get their own accounts with only the grants they need; my.cnf: require_secure_transport = ON",
        ),
        references=(
            "https://dev.mysql.com/doc/refman/8.4/en/default-privileges.html",
            "https://dev.mysql.com/doc/refman/8.4/en/mysql-secure-installation.html",
            "https://mariadb.com/kb/en/mariadb-secure-installation/",
            "https://mariadb.com/kb/en/securing-mariadb/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: restore from backup and remove accounts the intruder added.",
            steps=(
                INTRUSION_STEP,
                "SELECT user, host FROM mysql.user;  -- DROP USER the accounts you did not create; ALTER USER root with a new secret",
                "SHOW VARIABLES LIKE 'secure_file_priv';  set it to a private directory (blocks INTO OUTFILE / LOAD_FILE abuse)",
                "my.cnf [mysqld]: bind-address = 127.0.0.1; firewall 3306 from the internet",
            ),
            references=(
                "https://dev.mysql.com/doc/refman/8.4/en/security-guidelines.html",
                "https://mariadb.com/kb/en/backup-and-restore-overview/",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """``schema.table`` -> ``schema``."""
        return leading_database(dataset)

    def match(self, answer: bytes) -> Identity | None:
        if len(answer) < 6 or answer[3] != 0:
            return None
        length = int.from_bytes(answer[:3], "little")
        body = answer[4 : 4 + length]
        if length < 3 or len(body) < 3:
            return None
        if body[0] == 10:
            end = body.find(b"\0", 1)
            raw = body[1:end] if 1 < end <= 100 else b""
            if re.fullmatch(rb"\d+\.\d+[\x21-\x7e]*", raw):
                version = server_version(raw.decode("ascii"))
                return Identity(self.name, version, detail="MariaDB" if b"mariadb" in raw.lower() else None)
            return None
        if body[0] == 0xFF:
            code = int.from_bytes(body[1:3], "little")
            text = body[3:300]
            if code in _HOST_REFUSED or code in _UNKNOWN or b"MySQL" in text or b"MariaDB" in text:
                return Identity(self.name, detail="refuses this client")
        return None

    # ------------------------------------------------------------------ login

    async def _login(
        self, ep: Endpoint, opts: ScanOptions, greetings: list[tuple[int, bytes]]
    ) -> tuple[_Session, Exposure, str]:
        """root with no password, then the anonymous account; raises :class:`LoginRefused`.

        Each attempt's handshake (connection id, scramble) goes to ``greetings``.
        """
        refusal: LoginRefused | None = None
        for user, exposure, detail in (
            ("root", Exposure.DEFAULT_CREDENTIALS, "root with empty password"),
            ("", Exposure.OPEN, "anonymous account (empty user name, no password)"),
        ):
            session = _Session(ep, opts, user)
            try:
                await session.connect()
                if session.greeting:
                    greetings.append(session.greeting)
                if user == "root" and await self._any_user_gets_in(ep, opts, greetings):
                    return session, Exposure.OPEN, OPEN_TO_ANY_USER
                return session, exposure, detail
            except pymysql.err.MySQLError as exc:
                if session.greeting:
                    greetings.append(session.greeting)
                code = _code(exc)
                if code in _EXPIRED:
                    raise LoginRefused(
                        exposure, f"{detail}, expired: anyone can set a new one", Access.METADATA
                    ) from None
                if code in _HOST_REFUSED:
                    raise LoginRefused(Exposure.PROTECTED, _HOST_REFUSED[code]) from None
                if code in _UNKNOWN:
                    raise LoginRefused(Exposure.UNKNOWN, _UNKNOWN[code]) from None
                if code not in _DENIED:
                    raise
                refusal = refusal or LoginRefused(Exposure.PROTECTED, _DENIED[code])
        assert refusal is not None
        raise refusal

    @staticmethod
    async def _any_user_gets_in(ep: Endpoint, opts: ScanOptions, greetings: list[tuple[int, bytes]]) -> bool:
        """Whether a user name that cannot exist logs in with no password (root's empty one then proves nothing).

        A server started with ``--skip-grant-tables``, or one with an anonymous account
        (``''@'%'`` matches every user name), lets anyone in under any name: that is an
        open server, not a vendor default login. One login with a random name; the
        session, if any, is closed unused. Refused or failed: the root login stands as the
        vendor default.
        """
        probe = _Session(ep, opts, PROBE_USER_PREFIX + os.urandom(6).hex())
        try:
            await probe.connect()
        except (TimeoutError, OSError, pymysql.err.MySQLError):
            return False
        finally:
            if probe.greeting:
                greetings.append(probe.greeting)
        await probe.close()
        return True

    # ------------------------------------------------------------------ assess

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        greetings: list[tuple[int, bytes]] = []
        try:
            session, exposure, detail = await self._login(ep, opts, greetings)
        except LoginRefused as refused:
            refusal = Assessment(refused.exposure, refused.access, auth_detail=refused.detail)
            refusal.honeypot_signals = await _handshake_oddities(ep, ctx, greetings)
            return refusal
        try:
            result = Assessment(exposure, Access.METADATA, auth_detail=detail)
            result.honeypot_signals = await _handshake_oddities(ep, ctx, greetings)
            result.version = session.version
            result.tls = bool(getattr(session.conn, "_secure", False))
            try:
                grants: list[str] | None = [str(r[0]) for r in await session.rows("SHOW GRANTS")]
            except pymysql.err.MySQLError:
                grants = None
            sampled = await self._inventory(ep, opts, session, result)
            if grants is not None:
                result.access = access_from_grants(grants)
            elif sampled:
                result.access = Access.READ
            return result
        finally:
            await session.close()

    async def _tables(self, session: _Session, opts: ScanOptions) -> list[_MySQLTable]:
        skip = ", ".join(f"'{s}'" for s in sorted(self.system_databases))
        rows = await session.rows(
            "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_ROWS, DATA_LENGTH + INDEX_LENGTH "
            f"FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ({skip}) AND TABLE_TYPE <> 'SEQUENCE' "
            f"ORDER BY TABLE_SCHEMA, TABLE_NAME LIMIT {int(opts.max_datasets) + 1}"
        )
        tables = []
        for schema, name, table_type, engine, estimate, size in rows:
            engine = str(engine or "").lower()
            if str(table_type).upper() == "VIEW":
                kind = "view"
            elif engine in REMOTE_ENGINES:
                kind = "foreign_table"
            else:
                kind = "table"
            tables.append(
                _MySQLTable(
                    str(schema),
                    str(name),
                    kind,
                    engine,
                    None if estimate is None else int(estimate),
                    None if size is None else int(size),
                )
            )
        by_key = {(t.schema, t.name): t for t in tables if t.kind == "table"}
        for schema in sorted({t.schema for t in by_key.values()}):
            # only the listed tables' columns: a schema of 100,000 tables must not come back whole
            names = [t.name for t in by_key.values() if t.schema == schema]
            marks = ", ".join(["%s"] * len(names))
            for name, column, data_type, key in await session.rows(
                "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, COLUMN_KEY FROM information_schema.COLUMNS "
                f"WHERE TABLE_SCHEMA = %s AND TABLE_NAME IN ({marks}) ORDER BY TABLE_NAME, ORDINAL_POSITION",
                (schema, *names),
            ):
                table = by_key.get((schema, str(name)))
                if table is not None:
                    table.columns.append((str(column), str(data_type).lower()))
                    if key == "PRI":
                        table.primary.append((str(column), str(data_type).lower()))
            await self._cardinality(session, schema, names, by_key)
        return tables

    @staticmethod
    async def _cardinality(
        session: _Session, schema: str, names: list[str], by_key: dict[tuple[str, str], _MySQLTable]
    ) -> None:
        """Index cardinality of each column leading an index: the server's own estimate of its distinct values.

        ``information_schema.STATISTICS`` keeps one row per index column; the first one's
        ``CARDINALITY`` counts distinct values of that column (kept by ANALYZE TABLE and
        InnoDB's automatic statistics). No table is read; failures leave the sample's
        estimate standing.
        """
        marks = ", ".join(["%s"] * len(names))
        try:
            rows = await session.rows(
                "SELECT TABLE_NAME, COLUMN_NAME, MAX(CARDINALITY) FROM information_schema.STATISTICS "
                f"WHERE TABLE_SCHEMA = %s AND TABLE_NAME IN ({marks}) AND SEQ_IN_INDEX = 1 "
                "GROUP BY TABLE_NAME, COLUMN_NAME",
                (schema, *names),
            )
        except (TimeoutError, pymysql.err.MySQLError):
            return
        for name, column, cardinality in rows:
            table = by_key.get((schema, str(name)))
            if table is not None and cardinality is not None and int(cardinality) > 0:
                table.distinct[str(column)] = int(cardinality)

    async def _inventory(self, ep: Endpoint, opts: ScanOptions, session: _Session, result: Assessment) -> bool:
        """List, count and sample every table; returns whether any rows could be read."""
        try:
            tables = await self._tables(session, opts)
        except (TimeoutError, pymysql.err.MySQLError) as exc:
            result.error(ep, "inventory", f"could not list tables ({_reason(exc)})")
            return False
        if len(tables) > opts.max_datasets:
            tables = tables[: opts.max_datasets]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} tables (--max-datasets)")
        budget = Budget(opts)
        sampled = False
        for table in tables:
            name = f"{table.schema}.{table.name}"
            if table.kind != "table":
                result.add_dataset(name, None, kind=table.kind, exact=False)
                continue
            if budget.spent:
                exact = table.engine in EXACT_ENGINES
                result.add_dataset(name, table.estimate, kind="table", size=table.size, exact=exact)
                continue
            records, exact = await self._count(session, opts, table)
            sample: list[dict[str, Any]] = []
            if records != 0 and table.columns:
                try:
                    sample = await self._sample(session, opts, table, exact)
                    sampled = True
                except Exception as exc:  # one odd table (encoding, type) must not cost the others
                    result.error(ep, "sample", f"{name}: could not sample ({_reason(exc)})")
            result.add_dataset(name, records, sample, kind="table", size=table.size, exact=exact)
            if table.distinct:
                result.distinct_by_dataset[name] = dict(table.distinct)
                result.distinct_source = "index cardinality"
        if not budget.spent:
            tables_by_name = {f"{t.schema}.{t.name}": t for t in tables if t.kind == "table"}
            await result.follow(MySQLFollower(session, opts, tables_by_name), opts)
        return sampled

    @staticmethod
    async def _count(session: _Session, opts: ScanOptions, table: _MySQLTable) -> tuple[int | None, bool]:
        if table.engine in EXACT_ENGINES and table.estimate is not None:
            return table.estimate, True
        if count_exactly(table.estimate, table.size, opts):
            try:
                ((count,),) = await session.rows(f"SELECT COUNT(*) FROM {_quote(table.schema)}.{_quote(table.name)}")
                return int(count), True
            except (TimeoutError, pymysql.err.MySQLError):
                pass  # too slow or not allowed: the estimate stands
        return table.estimate, False

    @staticmethod
    async def _sample(session: _Session, opts: ScanOptions, table: _MySQLTable, small: bool) -> list[dict[str, Any]]:
        cap = value_cap(len(table.columns), opts)
        select = ", ".join(
            f"{_capped(column, data_type, cap)} AS {_quote(column)}" for column, data_type in table.columns
        )
        names = [c for c, _ in table.columns]
        source = f"{_quote(table.schema)}.{_quote(table.name)}"
        n = int(opts.sample_size)
        if small:
            rows = await session.rows(f"SELECT {select} FROM {source} ORDER BY RAND() LIMIT {n}")
        elif len(table.primary) == 1 and table.primary[0][1] in _INTEGER:
            pk = _quote(table.primary[0][0])
            ((low, high),) = await session.rows(f"SELECT MIN({pk}), MAX({pk}) FROM {source}")
            if low is None:
                return []
            per = math.ceil(n / RANGES)
            starts = sorted({random.randint(int(low), int(high)) for _ in range(RANGES)})
            rows = await session.rows(
                " UNION ALL ".join(
                    f"(SELECT {select} FROM {source} WHERE {pk} >= {start} ORDER BY {pk} LIMIT {per})"
                    for start in starts
                )
            )
            at = names.index(table.primary[0][0])
            rows = list({row[at]: row for row in rows}.values())[:n]  # ranges may overlap
        else:
            rows = await session.rows(f"SELECT {select} FROM {source} LIMIT {n}")
        return records_within(rows, names, opts.dataset_byte_cap)


class MySQLFollower(Follower):
    """Bounded, read-only filtered reads for the follow-up: ``WHERE key = %s LIMIT n`` with a time limit.

    MySQL gets the ``MAX_EXECUTION_TIME`` optimizer hint on each read, MariaDB
    ``SET STATEMENT max_statement_time = s FOR`` (it ignores the hint); both on top of the
    session's own limit. Indexes come from ``information_schema.STATISTICS`` and foreign
    keys from ``KEY_COLUMN_USAGE``.
    """

    def __init__(self, session: _Session, opts: ScanOptions, tables: dict[str, _MySQLTable]) -> None:
        self._session, self._opts, self._tables = session, opts, tables

    async def indexed(self, dataset: str) -> frozenset[str] | None:
        table = self._tables.get(dataset)
        if table is None:
            return None
        rows = await self._session.rows(
            "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = %s AND TABLE_NAME = %s "
            "AND SEQ_IN_INDEX = 1 LIMIT 200",
            (table.schema, table.name),
        )
        return frozenset(str(r[0]) for r in rows)

    async def foreign_keys(self) -> list[ForeignKey]:
        rows = await self._session.rows(
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, "
            "REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE "
            "WHERE REFERENCED_TABLE_NAME IS NOT NULL LIMIT 1000"
        )
        return [ForeignKey(f"{s}.{t}", str(c), f"{rs}.{rt}", str(rc)) for s, t, c, rs, rt, rc in rows]

    async def lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        table = self._tables[dataset]
        if path not in {c for c, _ in table.columns}:
            return [[] for _ in values]
        cap = value_cap(len(table.columns), self._opts)
        select = ", ".join(f"{_capped(c, t, cap)} AS {_quote(c)}" for c, t in table.columns)
        names = [c for c, _ in table.columns]
        # PyMySQL formats the query with %: a % in a quoted name must be doubled
        read = f"{select} FROM {_quote(table.schema)}.{_quote(table.name)} WHERE {_quote(path)}".replace("%", "%%")
        if "mariadb" in self._session.version.lower():
            bound = f"SET STATEMENT max_statement_time = {self._opts.io_timeout:g} FOR SELECT"
        else:
            bound = f"SELECT /*+ MAX_EXECUTION_TIME({int(self._opts.io_timeout * 1000)}) */"
        query = f"{bound} {read} = %s LIMIT {int(limit)}"
        out: list[list[Mapping[str, Any]]] = []
        for value in values:
            rows = await self._session.rows(query, (value,))
            out.append(list(records_within(rows, names, self._opts.dataset_byte_cap)))
        return out


def handshake_fields(payload: bytes) -> tuple[int, bytes] | None:
    """(connection id, scramble) from a protocol-10 handshake payload; None for anything else."""
    if payload[:1] != b"\x0a":
        return None
    end = payload.find(b"\0", 1)
    at = end + 1  # then: id 4, scramble part one 8, filler, capabilities 2, charset, status 2,
    # capabilities 2, auth-plugin-data length, 10 reserved, scramble part two
    if end < 0 or len(payload) < at + 31:
        return None
    thread_id = int.from_bytes(payload[at : at + 4], "little")
    first = payload[at + 4 : at + 12]
    more = max(12, payload[at + 20] - 9)  # the length counts part one and a trailing NUL
    rest = payload[at + 31 : at + 31 + more]
    return thread_id, first + rest


async def _greeting(ep: Endpoint, ctx: ScanContext) -> tuple[int, bytes] | None:
    """One more handshake, read and closed unanswered: nothing is sent to the server."""
    opts = ctx.options
    try:
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=False)
    except (TimeoutError, OSError):
        return None
    try:
        header = await asyncio.wait_for(reader.readexactly(4), opts.io_timeout)
        length = int.from_bytes(header[:3], "little")
        if length > _GREETING_CAP:
            return None
        return handshake_fields(await asyncio.wait_for(reader.readexactly(length), opts.io_timeout))
    except (TimeoutError, OSError, asyncio.IncompleteReadError):
        return None
    finally:
        writer.close()


async def _handshake_oddities(ep: Endpoint, ctx: ScanContext, greetings: list[tuple[int, bytes]]) -> list[str]:
    """Honeypot signals from the handshakes: a real server numbers every connection anew
    and draws a new random scramble for each; an imitation that replays one recorded
    greeting does neither. Only the login's own handshake and one more, closed unanswered,
    are looked at.
    """
    if not greetings:
        return []
    thread_id, scramble = greetings[0]
    signals = known_identity("mysql", {"scramble": scramble.decode("latin-1")})
    other = greetings[1] if len(greetings) > 1 else await _greeting(ep, ctx)
    if other is not None:
        same = [
            name for name, a, b in (("connection id", thread_id, other[0]), ("scramble", scramble, other[1])) if a == b
        ]
        if same:
            signals.append(
                f"two connections got the same {' and '.join(same)} (a real server numbers each connection "
                "and draws a new random scramble)"
            )
    return signals


def _capped(column: str, data_type: str, cap: int) -> str:
    """One select-list expression: native for numbers and dates, else cut to ``cap``."""
    col = _quote(column)
    if data_type in _NATIVE:
        return col
    if data_type in _BINARY:
        return f"SUBSTRING({col}, 1, {cap})"
    if data_type in _SPATIAL:
        return f"LEFT(ST_AsText({col}), {cap})"
    return f"LEFT({col}, {cap})"


ENGINE = MySQLEngine()
