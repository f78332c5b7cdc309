"""Alembic environment: migrate the connection the store hands over, or the configured URL.

The store runs migrations programmatically (``config.attributes["connection"]``); the URL
path lets a developer run ``alembic -x url=sqlite:///h.sqlite upgrade head`` against a
copy with ``script_location`` pointed here.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from unguarded.history._tables import VERSION_TABLE, metadata


def _migrate(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    config = context.config
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: pass -x url=... or set sqlalchemy.url")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            _migrate(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported: run them against a database")
run()
