"""The history schema as SQLAlchemy Core tables; Alembic's version scripts create it.

Only what a report already holds is stored: one row per scan with its report JSON
(masked examples, counts, names; never a raw value) and one row per finding, so that
history queries (by fingerprint, by severity) need not parse every stored report.
Keep this in step with the latest version script in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """Naive UTC in the column, aware UTC in Python: SQLite has no time zones, PostgreSQL one per session."""

    impl = sa.DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:  # reports always carry a zone; a naive time is taken as UTC
            return value
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


metadata = sa.MetaData()

scans = sa.Table(
    "scans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started_at", UTCDateTime, nullable=False, index=True),
    sa.Column("finished_at", UTCDateTime, nullable=False),
    sa.Column("saved_at", UTCDateTime, nullable=False),
    sa.Column("tool_version", sa.String(64), nullable=False),
    sa.Column("schema_version", sa.Integer, nullable=False),
    sa.Column("services", sa.Integer, nullable=False),
    sa.Column("usable", sa.Integer, nullable=False),
    sa.Column("compromised", sa.Integer, nullable=False),
    sa.Column("records", sa.BigInteger, nullable=False),
    sa.Column("errors", sa.Integer, nullable=False),
    sa.Column("targets", sa.Text, nullable=False),
    sa.Column("report", sa.Text, nullable=False),
)

findings = sa.Table(
    "findings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("scan_id", sa.Integer, sa.ForeignKey("scans.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("fingerprint", sa.String(64), nullable=False, index=True),
    sa.Column("rule_id", sa.String(32), nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("severity", sa.String(16), nullable=False),
    sa.Column("severity_rank", sa.Integer, nullable=False),
    sa.Column("host", sa.Text, nullable=False),
    sa.Column("port", sa.Integer, nullable=False),
    sa.Column("engine", sa.String(64), nullable=False),
    sa.Column("dataset", sa.Text, nullable=True),
    sa.Column("records", sa.BigInteger, nullable=True),
    sa.Column("people", sa.BigInteger, nullable=True),
    sa.Column("categories", sa.JSON, nullable=False),
    sa.Column("patterns", sa.JSON, nullable=False),
    sa.Column("accepted", sa.Boolean, nullable=False),
)

#: Alembic's revision table; not ``alembic_version`` so a shared PostgreSQL database can host other apps' migrations.
VERSION_TABLE = "unguarded_schema_version"

# The shard ledger of resumable and distributed scans (unguarded.distributed): the scope a
# scan may touch, its shards and what each shard found. Like the rest of the history it
# holds only value-free report models (endpoints, services as the report has them).
ledger_scans = sa.Table(
    "ledger_scans",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("queue", sa.String(200), nullable=True),
    sa.Column("scope", sa.Text, nullable=False),
    sa.Column("sharded", sa.Boolean, nullable=False),
    sa.Column("shards", sa.Integer, nullable=False),
    sa.Column("endpoints", sa.BigInteger, nullable=False),
    sa.Column("errors", sa.Text, nullable=False),
    sa.Column("history_id", sa.Integer, nullable=True),
)

ledger_shards = sa.Table(
    "ledger_shards",
    metadata,
    sa.Column("scan_id", sa.String(32), sa.ForeignKey("ledger_scans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("shard", sa.Integer, primary_key=True),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("endpoints", sa.Integer, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("claimed_by", sa.String(200), nullable=True),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    sa.Column("finished_at", UTCDateTime, nullable=True),
    sa.Column("stats", sa.Text, nullable=True),
    sa.Column("errors", sa.Text, nullable=True),
    sa.Column("refusal", sa.Text, nullable=True),
)

ledger_services = sa.Table(
    "ledger_services",
    metadata,
    sa.Column("scan_id", sa.String(32), sa.ForeignKey("ledger_scans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("host", sa.Text, primary_key=True),
    sa.Column("port", sa.Integer, primary_key=True),
    sa.Column("engine", sa.String(64), primary_key=True),
    sa.Column("shard", sa.Integer, nullable=False),
    sa.Column("ordinal", sa.Integer, nullable=False),
    sa.Column("service", sa.Text, nullable=False),
)
