"""Scan history (SQLite, PostgreSQL) and diff tests."""
