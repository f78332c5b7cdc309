"""Alembic version scripts, oldest first by ``down_revision``."""
