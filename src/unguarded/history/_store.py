"""The scan history: saved reports in SQLite or PostgreSQL, migrated by Alembic on open.

A store keeps what a report holds and nothing more. Opening one brings its schema to
the newest revision, so the first ``unguarded scan`` creates the history and a newer
unguarded upgrades an older history in place. Every failure is a :class:`StoreError`
with one value-free line: no password from the URL ever reaches a message.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Self

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from ..findings import with_findings
from ..models import Finding, Report, Severity
from ._tables import VERSION_TABLE, findings, scans

ENV_STORE = "UNGUARDED_STORE"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
#: seconds to wait for a PostgreSQL server before saying it is unreachable
CONNECT_TIMEOUT = 5
MAX_TARGETS_SHOWN = 5
#: seconds a SQLite writer waits for another process's lock before giving up
SQLITE_BUSY_TIMEOUT = 60


class StoreError(Exception):
    """The history could not be opened, read or written; the message is one value-free line."""


class ScanSummary(BaseModel):
    """One saved scan, as ``unguarded history`` lists it (no report parsing needed)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: int
    started_at: dt.datetime
    finished_at: dt.datetime
    saved_at: dt.datetime
    tool_version: str
    schema_version: int
    services: int
    usable: int
    compromised: int
    records: int
    errors: int
    targets: str
    findings: dict[str, int]
    accepted: int

    @property
    def open_findings(self) -> int:
        return sum(self.findings.values())

    @property
    def worst(self) -> Severity | None:
        """The worst severity among open findings, None when there are none."""
        return next((s for s in Severity if self.findings.get(s.value)), None)


def default_store_url() -> str:
    """``$UNGUARDED_STORE`` if set, else a SQLite file in the user's data directory."""
    configured = os.environ.get(ENV_STORE, "").strip()
    if configured:
        return configured
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('unguarded')) / 'history.sqlite'}"


def redact(url: URL) -> str:
    """The URL for messages: any password is replaced by ``***``."""
    return url.render_as_string(hide_password=True)


def _parse_url(text: str) -> URL:
    """A SQLAlchemy URL from a path, ``sqlite:///``, ``postgresql://`` or ``postgres://``."""
    text = text.strip()
    if not text:
        raise StoreError("the store URL is empty: give a SQLite path, sqlite:///PATH or postgresql://...")
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    scheme = text.split("://", 1)[0].lower()
    if scheme in ("postgres", "postgresql"):
        text = "postgresql+psycopg://" + text.split("://", 1)[1]
    elif not (scheme == "sqlite" or scheme.startswith("postgresql+")):
        raise StoreError(
            f"unsupported store URL scheme {scheme!r}: give a SQLite path, sqlite:///PATH or postgresql://..."
        )
    try:
        return make_url(text)
    except (ArgumentError, ValueError):
        # the text may hold a password: name the scheme only
        raise StoreError(f"the {scheme}:// store URL is malformed") from None


def _first_line(exc: BaseException, url: URL) -> str:
    """One line from a driver's message, with the URL's password scrubbed just in case."""
    original = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(original).splitlines() if line.strip()]
    line = lines[0] if lines else original.__class__.__name__
    if url.password:
        line = line.replace(str(url.password), "***")
    return line[:300]


def _sqlite_file(url: URL, *, create_parent: bool) -> None:
    """Check (or, for the default location, create) the directory a SQLite file goes in."""
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return
    parent = Path(database).expanduser().parent
    if parent.is_dir():
        return
    if not create_parent:
        raise StoreError(f"cannot open the history at {database}: directory {parent} does not exist")
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the history directory {parent}: {exc.strerror or exc}") from None


def _create_engine(url: URL) -> sa.Engine:
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT
    if url.get_backend_name() == "sqlite":
        # concurrent scans wait for each other's short write transactions instead of failing
        connect_args["timeout"] = SQLITE_BUSY_TIMEOUT
    engine = sa.create_engine(url, connect_args=connect_args)
    if url.get_backend_name() == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _foreign_keys(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def _alembic_config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _heads() -> set[str]:
    return set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def _current(connection: sa.Connection) -> set[str]:
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return set(context.get_current_heads())


def _migrate(engine: sa.Engine, where: str) -> None:
    """Bring the schema to head, under a lock, so that any number of first scans can start at once.

    Checked once without the lock (the usual case: nothing to do), then again under it:
    SQLite's ``BEGIN IMMEDIATE`` write lock or a PostgreSQL transaction-scoped advisory
    lock. Whoever waits finds the schema at head and does nothing.
    """
    heads = _heads()
    with engine.connect() as conn:
        current = _current(conn)
    if current == heads:
        return
    known = {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}
    if current - known:
        raise StoreError(
            f"the history at {where} was written by a newer unguarded "
            f"(schema {', '.join(sorted(current))}): upgrade unguarded"
        )
    with engine.begin() as conn:
        _lock_for_migration(conn)
        if _current(conn) != heads:
            command.upgrade(_alembic_config(conn), "head")


#: any constant shared by every unguarded: the advisory lock that serialises migrations
_MIGRATION_LOCK = 0x756E6775  # "ungu"


def _lock_for_migration(conn: sa.Connection) -> None:
    """Hold the database's write lock until this transaction ends."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})


def _targets(report: Report) -> str:
    """The endpoints a scan reached, for the history listing: the first few, then a count."""
    hosts: list[str] = []
    for host in [s.host for s in report.services] + [e.host for e in report.errors if e.host]:
        if host not in hosts:
            hosts.append(host)
    shown = ", ".join(hosts[:MAX_TARGETS_SHOWN])
    return shown + (f" (+{len(hosts) - MAX_TARGETS_SHOWN} more)" if len(hosts) > MAX_TARGETS_SHOWN else "")


def _finding_rows(report: Report, scan_id: int) -> list[dict[str, Any]]:
    return [
        {
            "scan_id": scan_id,
            "fingerprint": f.fingerprint,
            "rule_id": f.rule_id,
            "type": f.type,
            "severity": f.severity.value,
            "severity_rank": f.severity.rank,
            "host": f.host,
            "port": f.port,
            "engine": f.engine,
            "dataset": f.dataset,
            "records": f.records,
            "people": f.people,
            "categories": list(f.categories),
            "patterns": list(f.patterns),
            "accepted": f.accepted is not None,
        }
        for f in report.findings
    ]


class Store:
    """An open scan history. Use :func:`open_store`; close it (or use ``with``) when done."""

    def __init__(self, engine: sa.Engine, url: URL) -> None:
        self._engine = engine
        self.url = url

    @property
    def engine(self) -> sa.Engine:
        """The database, for other records kept beside the history (the shard ledger of unguarded.distributed)."""
        return self._engine

    @property
    def display(self) -> str:
        """Where the history is, for messages: the SQLite path or the URL without its password."""
        if self.url.get_backend_name() == "sqlite" and self.url.database:
            return self.url.database
        return redact(self.url)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    def _fail(self, doing: str, exc: SQLAlchemyError) -> StoreError:
        return StoreError(f"cannot {doing} the history at {self.display}: {_first_line(exc, self.url)}")

    def save(self, report: Report) -> int:
        """Save a scan (findings derived if missing); return its id."""
        report = with_findings(report)
        row = {
            "started_at": report.started_at,
            "finished_at": report.finished_at,
            "saved_at": dt.datetime.now(dt.UTC),
            "tool_version": report.tool.version[:64],
            "schema_version": report.schema_version,
            "services": len(report.services),
            "usable": sum(1 for s in report.services if s.exposure.usable),
            "compromised": sum(1 for s in report.services if s.compromised),
            "records": sum(s.records for s in report.services),
            "errors": len(report.all_errors),
            "targets": _targets(report),
            "report": report.model_dump_json(),
        }
        try:
            with self._engine.begin() as conn:
                scan_id = int(conn.execute(sa.insert(scans).values(**row).returning(scans.c.id)).scalar_one())
                rows = _finding_rows(report, scan_id)
                if rows:
                    conn.execute(sa.insert(findings), rows)
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None
        return scan_id

    def _report(self, scan_id: int, text: str) -> Report:
        try:
            return with_findings(Report.model_validate_json(text))
        except ValidationError as exc:
            raise StoreError(
                f"scan {scan_id} in the history at {self.display} is not a report this unguarded can read "
                f"({exc.error_count()} problems)"
            ) from None

    def load(self, scan_id: int) -> Report:
        """The saved report of one scan; StoreError if there is no such scan."""
        try:
            with self._engine.connect() as conn:
                text = conn.execute(sa.select(scans.c.report).where(scans.c.id == scan_id)).scalar_one_or_none()
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        if text is None:
            raise StoreError(f"no scan {scan_id} in the history at {self.display} (see 'unguarded history')")
        return self._report(scan_id, text)

    def _recent(self, limit: int) -> list[tuple[int, str]]:
        try:
            with self._engine.connect() as conn:
                query = sa.select(scans.c.id, scans.c.report).order_by(scans.c.id.desc()).limit(limit)
                return [(int(r.id), str(r.report)) for r in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None

    def latest(self) -> Report | None:
        """The most recently saved scan, None when the history is empty."""
        recent = self._recent(1)
        return self._report(*recent[0]) if recent else None

    def last_two(self) -> tuple[tuple[int, Report], tuple[int, Report]] | None:
        """The two most recently saved scans as ``((id, older), (id, newer))``; None with fewer than two."""
        recent = self._recent(2)
        if len(recent) < 2:
            return None
        (new_id, new_text), (old_id, old_text) = recent
        return (old_id, self._report(old_id, old_text)), (new_id, self._report(new_id, new_text))

    def unseen(self, report: Report, *, lookback: int = 20) -> tuple[Finding, ...]:
        """Open findings of ``report`` that the last saved scan of their endpoint did not have.

        What alerts call "new". Each endpoint is compared with the most recent of the last
        ``lookback`` saved scans that reached it, so scanning other targets in between
        does not make old findings new again; an endpoint no saved scan reached is new.
        """
        report = with_findings(report)
        endpoints = {(f.host, f.port) for f in report.open_findings}
        last_seen: dict[tuple[str, int], set[str]] = {}
        for scan_id, text in self._recent(lookback):
            if last_seen.keys() >= endpoints:
                break
            old = self._report(scan_id, text)
            for endpoint in {(s.host, s.port) for s in old.services} & (endpoints - last_seen.keys()):
                last_seen[endpoint] = {f.fingerprint for f in old.findings if (f.host, f.port) == endpoint}
        return tuple(f for f in report.open_findings if f.fingerprint not in last_seen.get((f.host, f.port), set()))

    def scans(self, limit: int = 20) -> list[ScanSummary]:
        """The newest ``limit`` scans, newest first, with open findings counted by severity."""
        columns = [c for c in scans.c if c.name != "report"]
        try:
            with self._engine.connect() as conn:
                rows = list(conn.execute(sa.select(*columns).order_by(scans.c.id.desc()).limit(max(limit, 0))))
                ids = [r.id for r in rows]
                counts: dict[int, dict[str, int]] = {i: {} for i in ids}
                accepted: dict[int, int] = dict.fromkeys(ids, 0)
                if ids:
                    query = (
                        sa.select(findings.c.scan_id, findings.c.severity, findings.c.accepted, sa.func.count())
                        .where(findings.c.scan_id.in_(ids))
                        .group_by(findings.c.scan_id, findings.c.severity, findings.c.accepted)
                    )
                    for scan_id, severity, was_accepted, n in conn.execute(query):
                        if was_accepted:
                            accepted[scan_id] += int(n)
                        else:
                            counts[scan_id][severity] = int(n)
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        return [
            ScanSummary(
                **{c.name: getattr(r, c.name) for c in columns},
                findings={s.value: counts[r.id][s.value] for s in Severity if s.value in counts[r.id]},
                accepted=accepted[r.id],
            )
            for r in rows
        ]

    def finding_history(self, fingerprint: str) -> list[Mapping[str, Any]]:
        """Every saved scan that had this finding: scan id, time, severity, records (newest first)."""
        query = (
            sa.select(
                findings.c.scan_id, scans.c.started_at, findings.c.severity, findings.c.records, findings.c.accepted
            )
            .join(scans, scans.c.id == findings.c.scan_id)
            .where(findings.c.fingerprint == fingerprint)
            .order_by(findings.c.scan_id.desc())
        )
        try:
            with self._engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(query)]
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the history at ``url``; None means :func:`default_store_url`."""
    explicit = url is not None or bool(os.environ.get(ENV_STORE, "").strip())
    parsed = _parse_url(default_store_url() if url is None else url)
    where = parsed.database if parsed.get_backend_name() == "sqlite" and parsed.database else redact(parsed)
    if parsed.get_backend_name() == "sqlite":
        _sqlite_file(parsed, create_parent=not explicit)
    try:
        engine = _create_engine(parsed)
    except (NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"no database driver for {parsed.drivername}:// ({exc.__class__.__name__})") from None
    except (ArgumentError, ValueError, TypeError):
        raise StoreError(f"the {parsed.drivername}:// store URL is malformed") from None
    try:
        _migrate(engine, where)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the history at {where}: {_first_line(exc, parsed)}") from None
    return Store(engine, parsed)


__all__ = ["ENV_STORE", "ScanSummary", "Store", "StoreError", "default_store_url", "open_store"]
