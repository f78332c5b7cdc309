"""The shard ledger of resumable and distributed scans: scope, shards, services by (scan, host, port, engine).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "ledger_scans",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("queue", sa.String(200), nullable=True),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("sharded", sa.Boolean, nullable=False),
        sa.Column("shards", sa.Integer, nullable=False),
        sa.Column("endpoints", sa.BigInteger, nullable=False),
        sa.Column("errors", sa.Text, nullable=False),
        sa.Column("history_id", sa.Integer, nullable=True),
    )
    op.create_table(
        "ledger_shards",
        sa.Column("scan_id", sa.String(32), sa.ForeignKey("ledger_scans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("shard", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("endpoints", sa.Integer, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("claimed_by", sa.String(200), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=False), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("stats", sa.Text, nullable=True),
        sa.Column("errors", sa.Text, nullable=True),
        sa.Column("refusal", sa.Text, nullable=True),
    )
    op.create_table(
        "ledger_services",
        sa.Column("scan_id", sa.String(32), sa.ForeignKey("ledger_scans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("host", sa.Text, primary_key=True),
        sa.Column("port", sa.Integer, primary_key=True),
        sa.Column("engine", sa.String(64), primary_key=True),
        sa.Column("shard", sa.Integer, nullable=False),
        sa.Column("ordinal", sa.Integer, nullable=False),
        sa.Column("service", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ledger_services")
    op.drop_table("ledger_shards")
    op.drop_table("ledger_scans")
