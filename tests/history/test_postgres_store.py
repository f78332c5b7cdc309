"""The history in a real PostgreSQL (the lab's), and its errors: wrong password, no server."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa

from tests.conftest import Lab
from tests.fixed_report import fixed_report
from unguarded.findings import with_findings
from unguarded.history import StoreError, open_store
from unguarded.history._tables import VERSION_TABLE

pytestmark = pytest.mark.servers


@pytest.fixture()
def history_db(lab: Lab):  # type: ignore[no-untyped-def]
    """A database of its own on the open lab server (trust auth: postgres, no password), dropped after."""
    server = lab.get("postgresql")
    name = f"ug_history_{uuid.uuid4().hex[:8]}"
    server.psql(f"CREATE DATABASE {name}")
    yield server, name
    server.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_postgresql_history_round_trip_and_migrations(history_db) -> None:
    server, name = history_db
    url = f"postgresql://postgres@127.0.0.1:{server.port}/{name}"
    report = fixed_report()
    with open_store(url) as store:
        assert store.latest() is None
        assert store.display == f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}"
        first = store.save(report)
        smaller = fixed_report(services=report.services[3:], findings=())
        second = store.save(smaller)
    tables = set(server.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", name).split())
    assert {"scans", "findings", VERSION_TABLE} <= tables
    # postgres:// is accepted too, and re-opening runs no migration twice
    with open_store(f"postgres://postgres@127.0.0.1:{server.port}/{name}") as store:
        assert store.load(first) == report
        assert store.latest() == with_findings(smaller)
        summaries = store.scans(5)
        assert [s.id for s in summaries] == [second, first]
        assert summaries[1].started_at == report.started_at
        assert summaries[1].findings["critical"] == sum(f.severity.value == "critical" for f in report.findings)
        fingerprint = report.findings[0].fingerprint
        assert [r["scan_id"] for r in store.finding_history(fingerprint)] == [first]
        with pytest.raises(StoreError, match=f"no scan {second + 100}"):
            store.load(second + 100)
    assert server.psql(f"SELECT version_num FROM {VERSION_TABLE}", name).split() == ["0002"]
    engine = sa.create_engine(f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/{name}")
    try:
        with engine.connect() as conn:
            kind = conn.execute(
                sa.text(
                    "SELECT data_type FROM information_schema.columns "
                    "WHERE table_name = 'scans' AND column_name = 'started_at'"
                )
            ).scalar_one()
    finally:
        engine.dispose()
    assert kind.startswith("timestamp")


def test_postgresql_errors_name_the_problem_not_the_password(lab: Lab) -> None:
    server = lab.get("postgresql", protected=True)
    wrong = "not-the-password-" + uuid.uuid4().hex[:6]
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://postgres:{wrong}@127.0.0.1:{server.port}/postgres")
    message = str(caught.value)
    assert "password authentication failed" in message
    assert wrong not in message and server.secret not in message and "\n" not in message
    assert "postgres:***@" in message
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"postgresql://postgres:{server.secret}@127.0.0.1:{server.port}/no_such_history")
