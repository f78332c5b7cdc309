"""PostgreSQL (and servers speaking its protocol: pgbouncer in front, forks).

Identified by its answer to an SSLRequest: one byte, ``S`` or ``N``. Exposure is tested
with the vendor default only: user ``postgres``, no password, database ``postgres``
(``trust`` in pg_hba.conf). libpq is told to send no secret at all: no password file,
no client certificate, no Kerberos, and (libpq 16+) ``require_auth=none``, so a server
that asks for any authentication is ``protected`` and never sees a guess.

When ``postgres`` gets in, one more login tells ``open`` from a vendor default login,
without writing anything: a random role name that cannot exist. Under ``trust`` for
every role the server accepts the (empty) authentication and then refuses the role as
unknown (``FATAL: role ... does not exist``), so anyone gets in under any existing name:
``open``. Where only ``postgres`` is trusted and other roles need a password, the server
asks for the password first (it asks for one for unknown roles too, so as not to reveal
which exist), and libpq, sending none, gives up: the vendor default login is what opens
the server, ``default_credentials``.

Access comes from what the server says about the role (superuser, CREATEDB/CREATEROLE,
``has_table_privilege``), never from trying. Every database that allows connections is
inventoried from ``pg_class``; a table is counted exactly only when it is small, else
``reltuples`` (or the planner's estimate) is reported as an estimate, and it is sampled
with ``TABLESAMPLE SYSTEM`` instead of ``ORDER BY random()``. Each value is cut in SQL
(``left(col::text, n)``, ``substring(bytea from 1 for n)``). The session is switched to
read-only transactions before anything else; the tests prove from the server's own
statement log that only SELECT/SET/SHOW/EXPLAIN were sent.
"""

from __future__ import annotations

import asyncio
import math
import os
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.datetime import DateLoader, TimestampLoader, TimestamptzLoader

from ..classify import Follower, ForeignKey
from ..models import Access, Endpoint, Exposure, Remediation
from ._sql import Budget, LoginRefused, count_exactly, records_within, sample_fraction, value_cap
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

SSL_REQUEST = struct.pack("!ii", 8, 80877103)
#: a protocol version no server speaks (9.0): real servers answer with a FATAL ErrorResponse
_NO_SUCH_PROTOCOL = 9 << 16
#: ParameterStatus values every server since 8.x reports after login
_ALWAYS_REPORTED = ("server_version", "server_encoding", "client_encoding", "integer_datetimes", "TimeZone")
DEFAULT_USER = "postgres"
#: the random role name of the trust probe starts with this (and cannot exist)
PROBE_ROLE_PREFIX = "unguarded_probe_"
#: databases tried for the first connection, in order (both exist on a fresh initdb)
FIRST_DATABASES = ("postgres", "template1")
#: a path that never exists: libpq then reads no password file and sends no client certificate
_NO_FILE = os.path.join(os.sep, "nonexistent", "unguarded-sends-no-secrets")

#: column types returned as they are (cheap and small); everything else is cut as text
_NATIVE = {"int2", "int4", "int8", "oid", "float4", "float8", "numeric", "bool", "date", "timestamp", "timestamptz"}
_SQLSTATE_REASON = {"42501": "permission denied", "57014": "statement timeout", "55P03": "lock not available"}
_USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_(toast|temp_)'"
_KINDS = {"r": "table", "p": "table", "m": "materialized_view", "v": "view", "f": "foreign_table"}


class _SafeLoaderMixin:
    """Dates outside Python's range (``infinity``, year 10000, BC) come back as text."""

    def load(self, data: Any) -> Any:
        try:
            return super().load(data)  # type: ignore[misc]
        except (psycopg.DataError, ValueError, OverflowError):
            return bytes(data).decode("utf-8", "replace")


class _SafeDate(_SafeLoaderMixin, DateLoader):
    pass


class _SafeTimestamp(_SafeLoaderMixin, TimestampLoader):
    pass


class _SafeTimestamptz(_SafeLoaderMixin, TimestamptzLoader):
    pass


@dataclass
class _PgTable:
    oid: int
    schema: str
    name: str
    kind: str
    estimate: float | None
    size: int | None
    readable: bool
    populated: bool = True  # False for a materialized view created WITH NO DATA
    columns: list[tuple[str, str, str]] = field(default_factory=list)  # (name, type name, type schema)


def _refusal(exc: psycopg.Error) -> LoginRefused | None:
    """Classify a failed login from libpq's message (never echoed: it may hold names)."""
    text = str(exc).lower()
    if "no pg_hba.conf entry" in text:
        return LoginRefused(Exposure.PROTECTED, "pg_hba.conf has no entry for this client")
    for needle, method in (
        ("sasl", " (scram-sha-256)"),
        ("scram", " (scram-sha-256)"),
        ("md5", " (md5)"),
        ("hashed password", " (md5)"),
        ("cleartext password", " (cleartext password)"),
    ):
        if needle in text:
            return LoginRefused(Exposure.PROTECTED, "password required" + method)
    if "no password supplied" in text or "password authentication failed" in text:
        return LoginRefused(Exposure.PROTECTED, "password required")
    if any(
        s in text
        for s in (
            "peer authentication",
            "ident authentication",
            "certificate",
            "gss",
            "sspi",
            "ldap",
            "radius",
            "pam authentication",
            "authentication method requirement",
        )
    ):
        return LoginRefused(Exposure.PROTECTED, "credentials required (non-password authentication)")
    if "role" in text and "does not exist" in text:
        return LoginRefused(
            Exposure.UNKNOWN,
            "no password asked (trust), but there is no 'postgres' role; other role names are not guessed",
        )
    if any(
        s in text
        for s in ("too many clients", "starting up", "shutting down", "recovery mode", "remaining connection slots")
    ):
        return LoginRefused(Exposure.UNKNOWN, "server refused new sessions (busy, starting or stopping)")
    return None


def _reason(exc: BaseException) -> str:
    """A value-free reason for a failed statement: the SQLSTATE, never the message."""
    if isinstance(exc, asyncio.TimeoutError):
        return "timed out"
    state = getattr(exc, "sqlstate", None)
    if state:
        return _SQLSTATE_REASON.get(state, f"{exc.__class__.__name__}, SQLSTATE {state}")
    return exc.__class__.__name__


class PostgresEngine(Engine):
    """Login as postgres with no password, role attributes for access, pg_class inventory, TABLESAMPLE samples.

    Recognised by its one-byte answer to an SSLRequest. Only the vendor default is tried
    (``trust`` in pg_hba.conf), with libpq told to send no secret at all. Datasets are
    ``db.schema.table`` and group by database.
    """

    name = "postgresql"
    title = "PostgreSQL"
    aliases = ("postgres",)
    default_ports = (5432,)
    uri_schemes = (UriScheme("postgresql", 5432), UriScheme("postgres", 5432))
    nmap_services = ("postgresql",)
    deployed_as = (
        DataService("postgresql", (5432,), ("postgres", "postgresql", "postgis", "timescaledb", "timescaledb-ha")),
    )
    system_databases = frozenset({"postgres", "template0", "template1"})
    tested_against = "real PostgreSQL 15 (Debian), Chinook loaded, `log_statement=all` for the read-only proof"
    probe = SSL_REQUEST
    remediation = Remediation(
        summary="Require a password for every connection and stop listening on public interfaces.",
        steps=(
            "pg_hba.conf: replace every 'trust' line reachable over the network, e.g. "
            "'host all all 0.0.0.0/0 trust' -> 'host all all 10.0.0.0/8 scram-sha-256' (only the networks that need it)",
            "postgresql.conf: password_encryption = scram-sha-256",
            "psql: ALTER ROLE postgres PASSWORD '<long random secret>';  (and for every other login role)",
            "postgresql.conf: listen_addresses = 'localhost'  (or the private address only); "
            "firewall 5432 from the internet",
            "postgresql.conf: ssl = on, and 'hostssl' instead of 'host' lines in pg_hba.conf",
            "Reload (SELECT pg_reload_conf();), then look for unknown roles, databases and COPY ... PROGRAM in the logs",
        ),
        references=(
            "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
            "https://www.postgresql.org/docs/current/auth-password.html",
            "https://www.postgresql.org/docs/current/runtime-config-connection.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: PostgreSQL superusers can run programs on the host.",
            steps=(
                INTRUSION_STEP,
                "SELECT rolname, rolsuper FROM pg_roles;  -- drop roles you did not create; ALTER ROLE postgres PASSWORD '<new secret>'",
                "grep -i 'COPY .* PROGRAM\\|lo_export\\|CREATE FUNCTION' in the server log; check crontab -l -u postgres",
                "pg_hba.conf: no 'trust' line for network addresses; scram-sha-256 only; SELECT pg_reload_conf();",
            ),
            references=(
                "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html",
                "https://www.postgresql.org/docs/current/backup.html",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """``db.schema.table`` -> ``db``."""
        return leading_database(dataset)

    def match(self, answer: bytes) -> Identity | None:
        if answer in (b"S", b"N"):
            return Identity(self.name, detail="accepts TLS" if answer == b"S" else None)
        # Servers from before SSLRequest existed answer it with an ErrorResponse.
        if answer[:1] == b"E" and b"FATAL" in answer[:300] and b"protocol" in answer[:300].lower():
            return Identity(self.name)
        return None

    # ------------------------------------------------------------------ sessions

    async def _connect(self, ep: Endpoint, opts: ScanOptions, dbname: str) -> psycopg.AsyncConnection[Any]:
        params: dict[str, Any] = {
            "host": ep.address,
            "port": ep.port,
            "user": DEFAULT_USER,
            "dbname": dbname,
            "passfile": _NO_FILE,
            "sslcert": _NO_FILE,
            "sslkey": _NO_FILE,
            "sslmode": "prefer",
            "gssencmode": "disable",
            "options": "",
            "application_name": "unguarded",
            "connect_timeout": max(2, math.ceil(opts.connect_timeout)),
        }
        if psycopg.pq.version() >= 160000:
            params["require_auth"] = "none"  # send no secret even if a password is set in the environment
        conn = await asyncio.wait_for(
            psycopg.AsyncConnection.connect(autocommit=True, **params), 2 * opts.connect_timeout + opts.io_timeout
        )
        try:
            for oid_name, loader in (
                ("date", _SafeDate),
                ("timestamp", _SafeTimestamp),
                ("timestamptz", _SafeTimestamptz),
            ):
                conn.adapters.register_loader(oid_name, loader)
            async with conn.cursor() as cur:
                await cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                await cur.execute(sql.SQL("SET statement_timeout = {}").format(int(opts.io_timeout * 1000)))
                await cur.execute("SET lock_timeout = 1000")
        except BaseException:
            await conn.close()
            raise
        return conn

    async def _first_session(self, ep: Endpoint, opts: ScanOptions) -> tuple[psycopg.AsyncConnection[Any], str]:
        for dbname in FIRST_DATABASES:
            try:
                return await self._connect(ep, opts, dbname), dbname
            except psycopg.OperationalError as exc:
                text = str(exc).lower()
                if "database" in text and "does not exist" in text and dbname != FIRST_DATABASES[-1]:
                    continue
                refused = _refusal(exc)
                if refused is None:
                    raise
                raise refused from None
        raise AssertionError("unreachable")

    async def _trusts_every_role(self, ep: Endpoint, opts: ScanOptions) -> bool:
        """Whether a role that cannot exist is let through authentication (and refused only as unknown).

        One login as a random role name, sending no secret. Refused as unknown without a
        password request: ``trust`` covers every role. Asked for a password (or any
        credentials), or anything else: not shown, so the ``postgres`` login stays a
        vendor default. A session that somehow opens is closed at once.
        """
        params: dict[str, Any] = {
            "host": ep.address,
            "port": ep.port,
            "user": PROBE_ROLE_PREFIX + os.urandom(8).hex(),
            "dbname": FIRST_DATABASES[0],
            "passfile": _NO_FILE,
            "sslcert": _NO_FILE,
            "sslkey": _NO_FILE,
            "sslmode": "prefer",
            "gssencmode": "disable",
            "application_name": "unguarded",
            "connect_timeout": max(2, math.ceil(opts.connect_timeout)),
        }
        if psycopg.pq.version() >= 160000:
            params["require_auth"] = "none"
        try:
            conn = await asyncio.wait_for(
                psycopg.AsyncConnection.connect(autocommit=True, **params), 2 * opts.connect_timeout + opts.io_timeout
            )
        except psycopg.OperationalError as exc:
            text = str(exc).lower()
            return "role" in text and "does not exist" in text and "password" not in text
        except (TimeoutError, OSError, psycopg.Error):
            return False
        await conn.close()  # a role by that name exists and needs no password: trust all the same
        return True

    @staticmethod
    async def _rows(
        conn: psycopg.AsyncConnection[Any], query: Any, params: Any = None, timeout: float = 10.0
    ) -> list[Any]:
        async with conn.cursor() as cur:
            await asyncio.wait_for(cur.execute(query, params), timeout)
            return await cur.fetchall()

    # ------------------------------------------------------------------ assess

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        try:
            conn, first_db = await self._first_session(ep, opts)
        except LoginRefused as refused:
            result = Assessment(refused.exposure, Access.NONE, auth_detail=refused.detail)
            result.honeypot_signals = await _startup_oddities(ep, ctx)
            return result
        try:
            signals = _session_oddities(conn)
            result = await self._assess(ep, ctx, conn, first_db)
            result.honeypot_signals = signals
            return result
        finally:
            await conn.close()

    async def _assess(
        self, ep: Endpoint, ctx: ScanContext, conn: psycopg.AsyncConnection[Any], first_db: str
    ) -> Assessment:
        opts = ctx.options
        wait = opts.io_timeout + 2
        version = conn.info.parameter_status("server_version")
        version_num = conn.info.server_version
        ((superuser, creates),) = await self._rows(
            conn,
            "SELECT coalesce(bool_or(rolsuper), false), coalesce(bool_or(rolcreatedb OR rolcreaterole), false) "
            "FROM pg_roles WHERE pg_has_role(current_user, oid, 'MEMBER')",
            timeout=wait,
        )
        role = f"{DEFAULT_USER} {'superuser' if superuser else 'role'}"
        if await self._trusts_every_role(ep, opts):
            exposure, detail = Exposure.OPEN, f"no authentication: trust for every role (as {role})"
        else:
            exposure, detail = Exposure.DEFAULT_CREDENTIALS, f"{role} with no password (trust for {DEFAULT_USER})"
        result = Assessment(exposure, Access.METADATA, version=version, auth_detail=detail)
        result.tls = bool(conn.pgconn.ssl_in_use)
        databases = [
            r[0]
            for r in await self._rows(
                conn,
                "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate "
                "AND has_database_privilege(datname, 'CONNECT') ORDER BY datname",
                timeout=wait,
            )
        ]
        readable = writable = False
        budget = Budget(opts)
        for index, dbname in enumerate(databases):
            if len(result.datasets) >= opts.max_datasets or budget.listing_spent:
                why = "--max-datasets" if len(result.datasets) >= opts.max_datasets else "service deadline"
                result.error(ep, "inventory", f"{len(databases) - index} more database(s) not listed ({why})")
                break
            if dbname == first_db:
                db_conn, own = conn, False
            else:
                try:
                    db_conn, own = await self._connect(ep, opts, dbname), True
                except (TimeoutError, psycopg.Error, OSError) as exc:
                    result.error(ep, "inventory", f"could not open database {dbname} ({_reason(exc)})")
                    continue
            try:
                can_read, can_write = await self._inventory(ep, opts, db_conn, dbname, version_num, result, budget)
                readable, writable = readable or can_read, writable or can_write
            except (TimeoutError, psycopg.Error) as exc:
                result.error(ep, "inventory", f"could not list tables of database {dbname} ({_reason(exc)})")
            finally:
                if own:
                    await db_conn.close()
        if superuser:
            result.access = Access.ADMIN
        elif writable or creates:
            result.access = Access.WRITE
        elif readable:
            result.access = Access.READ
        return result

    async def _inventory(
        self,
        ep: Endpoint,
        opts: ScanOptions,
        conn: psycopg.AsyncConnection[Any],
        dbname: str,
        version_num: int,
        result: Assessment,
        budget: Budget,
    ) -> tuple[bool, bool]:
        """List one database's tables, count and sample them; returns (any readable, any writable)."""
        wait = opts.io_timeout + 2
        ((can_read, can_write),) = await self._rows(
            conn,
            "SELECT coalesce(bool_or(has_table_privilege(c.oid, 'SELECT')), false), "
            "coalesce(bool_or(has_table_privilege(c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE')), false) "
            "OR EXISTS (SELECT 1 FROM pg_namespace n WHERE "
            + _USER_SCHEMAS
            + " AND has_schema_privilege(n.oid, 'CREATE')) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'm', 'v', 'f') AND " + _USER_SCHEMAS,
            timeout=wait,
        )
        room = opts.max_datasets - len(result.datasets)
        tables = await self._tables(conn, opts, version_num, room + 1, wait)
        if len(tables) > room:
            tables = tables[:room]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} tables (--max-datasets)")
        stats = await self._distinct_stats(conn, tables, wait)
        start = len(result.datasets)
        for table in tables:
            name = f"{dbname}.{table.schema}.{table.name}"
            kind = _KINDS[table.kind]
            if kind in ("view", "foreign_table"):
                # A view runs its query and a foreign table reads another server: listed only.
                result.add_dataset(name, None, kind=kind, exact=False)
                continue
            if budget.spent:
                result.add_dataset(name, _rounded(table.estimate), kind=kind, size=table.size, exact=False)
                continue
            records, exact, sample = await self._count_and_sample(ep, opts, conn, table, name, version_num, result)
            result.add_dataset(name, records, sample, kind=kind, size=table.size, exact=exact)
            distinct = _distinct_counts(stats.get((table.schema, table.name), {}), records)
            if distinct:
                result.distinct_by_dataset[name] = distinct
                result.distinct_source = "pg_stats.n_distinct"
        if not budget.spent:
            follower = PgFollower(conn, opts, {f"{dbname}.{t.schema}.{t.name}": t for t in tables}, dbname)
            await result.follow(follower, opts, result.datasets[start:])
        return bool(can_read), bool(can_write)

    async def _distinct_stats(
        self, conn: psycopg.AsyncConnection[Any], tables: list[_PgTable], wait: float
    ) -> dict[tuple[str, str], dict[str, float]]:
        """The planner's distinct-value statistics (``pg_stats.n_distinct``) of the listed tables' columns.

        Kept by ANALYZE and autovacuum, readable for the columns the session may read; no
        table is scanned. Negative values are a fraction of the rows. Absent (never
        analysed) or unreadable statistics give nothing, and the sample's estimate stands.
        """
        names = [f"{t.schema}.{t.name}" for t in tables if t.readable and t.kind in ("r", "p", "m")]
        if not names:
            return {}
        try:
            rows = await self._rows(
                conn,
                "SELECT schemaname, tablename, attname, max(n_distinct) FROM pg_stats "
                "WHERE schemaname || '.' || tablename = ANY(%s) GROUP BY 1, 2, 3 LIMIT 100000",
                (names,),
                wait,
            )
        except (TimeoutError, psycopg.Error):
            return {}
        out: dict[tuple[str, str], dict[str, float]] = {}
        for schema, table, column, n_distinct in rows:
            if n_distinct is not None:
                out.setdefault((schema, table), {})[column] = float(n_distinct)
        return out

    async def _tables(
        self, conn: psycopg.AsyncConnection[Any], opts: ScanOptions, version_num: int, limit: int, wait: float
    ) -> list[_PgTable]:
        # A partitioned table counts what its partitions hold (they are not listed themselves);
        # one partition never analysed makes the whole estimate unknown (-1).
        if version_num >= 120000:
            leaves = "FROM pg_partition_tree(c.oid) t JOIN pg_class k ON k.oid = t.relid WHERE t.isleaf"
        else:
            leaves = "FROM pg_inherits t JOIN pg_class k ON k.oid = t.inhrelid WHERE t.inhparent = c.oid"
        tree_rows = (
            f"(SELECT CASE WHEN bool_or(k.reltuples < 0) THEN -1 ELSE coalesce(sum(k.reltuples), 0) END {leaves})"
        )
        tree_size = f"(SELECT coalesce(sum(pg_total_relation_size(k.oid)), 0) {leaves})"
        not_partition = "AND NOT c.relispartition " if version_num >= 100000 else ""
        populated = "(c.relkind <> 'm' OR c.relispopulated)" if version_num >= 90300 else "true"
        query = (
            "SELECT c.oid, n.nspname, c.relname, c.relkind, "
            f"CASE WHEN c.relkind = 'p' THEN {tree_rows} ELSE c.reltuples END::float8, c.relpages, "
            f"CASE WHEN c.relkind = 'p' THEN {tree_size} ELSE pg_total_relation_size(c.oid) END::int8, "
            f"has_table_privilege(c.oid, 'SELECT'), {populated} "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'm', 'v', 'f') AND "
            + _USER_SCHEMAS
            + " "
            + not_partition
            + "ORDER BY n.nspname, c.relname LIMIT %s"
        )
        tables: list[_PgTable] = []
        for oid, schema, name, kind, reltuples, relpages, size, readable, populated in await self._rows(
            conn, query, (max(0, limit),), wait
        ):
            never_analysed = (
                reltuples is None or reltuples < 0 or (reltuples == 0 and relpages == 0 and (size or 0) > 0)
            )
            estimate = None if never_analysed or kind in ("v", "f") else float(reltuples)
            tables.append(
                _PgTable(
                    oid,
                    schema,
                    name,
                    kind,
                    estimate,
                    size if kind not in ("v", "f") else None,
                    bool(readable),
                    bool(populated),
                )
            )
        if tables:
            by_oid = {t.oid: t for t in tables}
            for relid, column, typname, typschema in await self._rows(
                conn,
                "SELECT a.attrelid, a.attname, t.typname, tn.nspname FROM pg_attribute a "
                "JOIN pg_type t ON t.oid = a.atttypid JOIN pg_namespace tn ON tn.oid = t.typnamespace "
                "WHERE a.attrelid = ANY(%s) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
                ([t.oid for t in tables],),
                wait,
            ):
                by_oid[relid].columns.append((column, typname, typschema))
        return tables

    async def _count_and_sample(
        self,
        ep: Endpoint,
        opts: ScanOptions,
        conn: psycopg.AsyncConnection[Any],
        table: _PgTable,
        name: str,
        version_num: int,
        result: Assessment,
    ) -> tuple[int | None, bool, list[dict[str, Any]]]:
        wait = opts.io_timeout + 2
        if not table.populated:
            return 0, True, []  # nothing to read until REFRESH MATERIALIZED VIEW
        ident = sql.Identifier(table.schema, table.name)
        estimate = table.estimate
        if estimate is None and table.readable:
            estimate = await self._planner_estimate(conn, ident, wait)
        if not table.readable:
            return _rounded(estimate), False, []
        records: int | None = _rounded(estimate)
        exact = False
        if count_exactly(estimate, table.size, opts):
            try:
                ((records,),) = await self._rows(conn, sql.SQL("SELECT count(*) FROM {}").format(ident), timeout=wait)
                exact = True
            except (TimeoutError, psycopg.Error):
                pass  # too slow after all: the estimate stands
        if not table.columns or records == 0:
            return records, exact, []
        cap = value_cap(len(table.columns), opts)
        columns = sql.SQL(", ").join(
            _capped(column, typname, typschema, cap) for column, typname, typschema in table.columns
        )
        names = [c[0] for c in table.columns]
        limit = sql.Literal(opts.sample_size)
        try:
            if exact or version_num < 90500 or table.kind not in ("r", "m", "p"):
                order = sql.SQL("ORDER BY random() ") if exact else sql.SQL("")
                rows = await self._rows(
                    conn, sql.SQL("SELECT {} FROM {} {}LIMIT {}").format(columns, ident, order, limit), timeout=wait
                )
            else:
                pct = sql.Literal(round(sample_fraction(opts.sample_size, float(records or 0)), 6))
                rows = await self._rows(
                    conn,
                    sql.SQL("SELECT {} FROM {} TABLESAMPLE SYSTEM ({}) LIMIT {}").format(columns, ident, pct, limit),
                    timeout=wait,
                )
                if not rows:  # few, big pages: the block sample missed; take the first rows instead
                    rows = await self._rows(
                        conn, sql.SQL("SELECT {} FROM {} LIMIT {}").format(columns, ident, limit), timeout=wait
                    )
        except Exception as exc:  # one odd table (encoding, type) must not cost the others
            result.error(ep, "sample", f"{name}: could not sample ({_reason(exc)})")
            return records, exact, []
        return records, exact, records_within(rows, names, opts.dataset_byte_cap)

    async def _planner_estimate(
        self, conn: psycopg.AsyncConnection[Any], ident: sql.Composable, wait: float
    ) -> float | None:
        """Rows the planner expects for a never-analysed table (from its current size); nothing is run."""
        try:
            ((plan,),) = await self._rows(
                conn, sql.SQL("EXPLAIN (FORMAT JSON) SELECT 1 FROM {}").format(ident), timeout=wait
            )
            return float(plan[0]["Plan"]["Plan Rows"])
        except (TimeoutError, psycopg.Error, LookupError, TypeError, ValueError):
            return None


class PgFollower(Follower):
    """Bounded, read-only filtered reads on one database's open session, for the follow-up.

    Each read is ``SELECT <capped columns> FROM t WHERE key = %s LIMIT n`` in its own
    transaction under ``SET LOCAL statement_timeout`` (the session is read-only already);
    indexes and foreign keys come from ``pg_index`` and ``information_schema``.
    """

    def __init__(
        self, conn: psycopg.AsyncConnection[Any], opts: ScanOptions, tables: dict[str, _PgTable], dbname: str
    ) -> None:
        self._conn, self._opts, self._tables, self._db = conn, opts, tables, dbname

    async def indexed(self, dataset: str) -> frozenset[str] | None:
        table = self._tables.get(dataset)
        if table is None:
            return None
        rows = await PostgresEngine._rows(
            self._conn,
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
            "AND a.attnum = i.indkey[0] WHERE i.indrelid = %s AND i.indisvalid",
            (table.oid,),
            self._opts.io_timeout + 2,
        )
        return frozenset(r[0] for r in rows)

    async def foreign_keys(self) -> list[ForeignKey]:
        rows = await PostgresEngine._rows(
            self._conn,
            "SELECT k.table_schema, k.table_name, k.column_name, u.table_schema, u.table_name, u.column_name "
            "FROM information_schema.referential_constraints r "
            "JOIN information_schema.key_column_usage k ON k.constraint_schema = r.constraint_schema "
            "AND k.constraint_name = r.constraint_name "
            "JOIN information_schema.key_column_usage u ON u.constraint_schema = r.unique_constraint_schema "
            "AND u.constraint_name = r.unique_constraint_name AND u.ordinal_position = k.position_in_unique_constraint "
            "LIMIT 1000",
            timeout=self._opts.io_timeout + 2,
        )
        db = self._db
        return [ForeignKey(f"{db}.{s}.{t}", c, f"{db}.{us}.{ut}", uc) for s, t, c, us, ut, uc in rows]

    async def lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        table = self._tables[dataset]
        types = {name: (typname, typschema) for name, typname, typschema in table.columns}
        if path not in types:
            return [[] for _ in values]
        typname, typschema = types[path]
        cap = value_cap(len(table.columns), self._opts)
        columns = sql.SQL(", ").join(_capped(c, t, ts, cap) for c, t, ts in table.columns)
        key = sql.Identifier(path)
        match = (
            sql.SQL("{} = %s").format(key)
            if typname in _NATIVE
            else sql.SQL("{} = CAST(%s AS {})").format(key, sql.Identifier(typschema, typname))
        )
        query = sql.SQL("SELECT {} FROM {} WHERE {} LIMIT {}").format(
            columns, sql.Identifier(table.schema, table.name), match, sql.Literal(limit)
        )
        names = [c[0] for c in table.columns]
        out: list[list[Mapping[str, Any]]] = []
        ms = sql.Literal(int(self._opts.io_timeout * 1000))
        for value in values:
            async with self._conn.transaction():
                async with self._conn.cursor() as cur:
                    await cur.execute(sql.SQL("SET LOCAL statement_timeout = {}").format(ms))
                    await asyncio.wait_for(cur.execute(query, (value,)), self._opts.io_timeout + 2)
                    rows = await cur.fetchall()
            out.append(list(records_within(rows, names, self._opts.dataset_byte_cap)))
        return out


def startup_message(protocol: int, **params: str) -> bytes:
    """A StartupMessage: length, protocol version, NUL-terminated name/value pairs, a final NUL."""
    body = struct.pack("!i", protocol) + b"".join(k.encode() + b"\0" + v.encode() + b"\0" for k, v in params.items())
    return struct.pack("!i", len(body) + 5) + body + b"\0"


async def _first_reply_byte(ep: Endpoint, ctx: ScanContext, message: bytes) -> bytes | None:
    """The type byte of the server's first answer to ``message``; None when nothing came."""
    opts = ctx.options
    try:
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=False)
    except (TimeoutError, OSError):
        return None
    try:
        writer.write(message)
        await asyncio.wait_for(writer.drain(), opts.io_timeout)
        return await asyncio.wait_for(reader.read(1), opts.io_timeout) or None
    except (TimeoutError, OSError):
        return None
    finally:
        writer.close()


async def _startup_oddities(ep: Endpoint, ctx: ScanContext) -> list[str]:
    """Honeypot signals on a server that refused the login, from two startups sent in clear.

    A real server answers a StartupMessage with an authentication request (``R``) or an
    error (``E``), and a protocol version it does not speak with a FATAL ``E``; an
    imitation that answers whatever comes first with the one-byte SSLRequest answer does
    neither. No password is sent: each connection is closed at the first answer.
    """
    signals = []
    startup = startup_message(3 << 16, user=DEFAULT_USER, database=FIRST_DATABASES[0], application_name="unguarded")
    answer = await _first_reply_byte(ep, ctx, startup)
    if answer is not None and answer not in (b"R", b"E"):
        signals.append(
            f"a StartupMessage got {answer.decode('latin-1')!r} (a real server asks for authentication or refuses)"
        )
    answer = await _first_reply_byte(ep, ctx, startup_message(_NO_SUCH_PROTOCOL, user=DEFAULT_USER))
    if answer is not None and answer != b"E":
        signals.append(
            f"protocol version 9.0 got {answer.decode('latin-1')!r} (a real server refuses it with an ErrorResponse)"
        )
    return signals


def _session_oddities(conn: psycopg.AsyncConnection[Any]) -> list[str]:
    """Honeypot signals from a login: a real server always reports its parameters and a backend key."""
    signals = []
    missing = [name for name in _ALWAYS_REPORTED if conn.info.parameter_status(name) is None]
    if missing:
        signals.append(f"no ParameterStatus for {', '.join(missing)} after login (every real server sends them)")
    if not conn.info.backend_pid:
        signals.append("no BackendKeyData after login (every real server sends its process id and cancel key)")
    return signals


def _capped(column: str, typname: str, typschema: str, cap: int) -> sql.Composable:
    """One select-list item: native for numbers, booleans and dates, else cut to ``cap``."""
    col = sql.Identifier(column)
    n = sql.Literal(cap)
    if typname in _NATIVE:
        expr: sql.Composable = col
    elif typname == "bytea":
        expr = sql.SQL("substring({} from 1 for {})").format(col, n)
    elif typname in ("geometry", "geography"):
        expr = sql.SQL("left({}({}::{})::text, {})").format(
            sql.Identifier(typschema, "st_astext"), col, sql.Identifier(typschema, "geometry"), n
        )
    else:
        expr = sql.SQL("left({}::text, {})").format(col, n)
    return sql.SQL("{} AS {}").format(expr, col)


def _distinct_counts(stats: dict[str, float], records: int | None) -> dict[str, int]:
    """``n_distinct`` as counts: positive is a count, negative a fraction of ``records`` (unknown: left out)."""
    out: dict[str, int] = {}
    for column, n_distinct in stats.items():
        if n_distinct > 0:
            out[column] = round(n_distinct)
        elif n_distinct < 0 and records is not None:
            out[column] = round(-n_distinct * records)
    return out


def _rounded(estimate: float | None) -> int | None:
    return None if estimate is None else max(0, round(estimate))


ENGINE = PostgresEngine()
