"""Alembic migrations for the scan history (a package so they ship with the wheel)."""
