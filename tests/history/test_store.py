"""The SQLite history: round trip, schema from migrations, idempotent re-open, clear errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from tests.fixed_report import fixed_report
from unguarded.findings import with_findings
from unguarded.history import ScanSummary, StoreError, default_store_url, open_store
from unguarded.history._tables import VERSION_TABLE, metadata
from unguarded.models import Report, Severity


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_round_trip_save_latest_scans_load(tmp_path: Path) -> None:
    report = fixed_report()
    with open_store(str(tmp_path / "h.sqlite")) as store:
        assert store.latest() is None and store.scans() == [] and store.last_two() is None
        first = store.save(report)
        later = fixed_report(services=report.services[:2], findings=())
        second = store.save(later)
        assert second > first
        assert store.load(first) == report
        assert store.latest() == with_findings(later)
        pair = store.last_two()
        assert pair is not None
        assert [scan_id for scan_id, _ in pair] == [first, second]
        assert pair[0][1] == report
        listed = store.scans(10)
    assert [s.id for s in listed] == [second, first]
    newest, oldest = listed
    assert isinstance(oldest, ScanSummary)
    assert oldest.started_at == report.started_at and oldest.finished_at == report.finished_at
    assert oldest.tool_version == report.tool.version and oldest.schema_version == report.schema_version
    assert oldest.services == 7 and oldest.usable == sum(s.exposure.usable for s in report.services)
    assert oldest.compromised == 2 and oldest.records == sum(s.records for s in report.services)
    expected = {s.value: n for s in Severity if (n := sum(f.severity is s for f in report.findings))}
    assert oldest.findings == expected and oldest.open_findings == len(report.findings)
    assert oldest.worst is Severity.CRITICAL
    assert "10.0.0.5" in oldest.targets
    assert newest.services == 2 and newest.findings == {
        s.value: n for s in Severity if (n := sum(f.severity is s for f in with_findings(later).findings))
    }
    with open_store(str(tmp_path / "h.sqlite")) as store:
        assert [s.id for s in store.scans(1)] == [second]


def test_old_reports_without_findings_get_them_on_load(tmp_path: Path) -> None:
    bare = fixed_report().model_copy(update={"findings": ()})
    with open_store(str(tmp_path / "h.sqlite")) as store:
        # write the report JSON the way an older unguarded would have (no findings key)
        scan_id = store.save(bare)
        assert len(store.load(scan_id).findings) == len(fixed_report().findings)
        assert store.finding_history(fixed_report().findings[0].fingerprint)[0]["scan_id"] == scan_id


def test_migrations_create_the_schema_and_reopen_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "h.sqlite"
    path.parent.mkdir()
    assert not path.exists()
    open_store(f"sqlite:///{path}").close()
    assert {"scans", "findings", VERSION_TABLE} <= _tables(path)
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            assert context.get_current_heads() == ("0002",)
            # the migrations build exactly what _tables.py declares (indexes included)
            assert compare_metadata(context, metadata) == []
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("findings")}
            assert "ix_findings_fingerprint" in indexes
    finally:
        engine.dispose()
    with open_store(str(path)) as store:
        scan_id = store.save(fixed_report())
    for _ in range(2):
        with open_store(str(path)) as store:
            assert [s.id for s in store.scans()] == [scan_id]
    with sqlite3.connect(path) as conn:
        assert conn.execute(f"SELECT count(*) FROM {VERSION_TABLE}").fetchone() == (1,)


def test_a_history_from_a_newer_unguarded_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE {VERSION_TABLE} SET version_num = 'ffff'")
    with pytest.raises(StoreError, match="newer unguarded"):
        open_store(str(path))


def test_stored_rows_hold_only_what_the_report_holds(tmp_path: Path) -> None:
    report = fixed_report()
    path = tmp_path / "h.sqlite"
    with open_store(str(path)) as store:
        scan_id = store.save(report)
    report_text = report.model_dump_json()
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        stored = conn.execute("SELECT report FROM scans WHERE id = ?", (scan_id,)).fetchone()["report"]
        assert Report.model_validate_json(stored) == report
        rows = conn.execute("SELECT * FROM findings WHERE scan_id = ?", (scan_id,)).fetchall()
        targets = conn.execute("SELECT targets FROM scans").fetchone()["targets"]
    assert len(rows) == len(report.findings)
    for row in rows:
        for key in ("fingerprint", "rule_id", "type", "severity", "host", "engine", "dataset"):
            if row[key] is not None:
                assert json.dumps(row[key])[1:-1] in report_text, (key, row[key])
        for item in json.loads(row["categories"]) + json.loads(row["patterns"]):
            assert f'"{item}"' in report_text
    for host in targets.split(" (+")[0].split(", "):
        assert f'"host":"{host}"' in report_text


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", "empty"),
        ("mysql://root:hunter2@db/x", "unsupported store URL scheme 'mysql'"),
        ("{tmp}/missing/dir/h.sqlite", "does not exist"),
        ("/proc/unguarded-history.sqlite", "unable to open database file"),
        ("postgresql://scanner:hunter2@127.0.0.1:{port}/history", "connection"),
        ("postgres://scanner:hunter2@127.0.0.1:{port}/history", "connection"),
        ("postgresql+nosuchdriver://scanner:hunter2@127.0.0.1/x", "no database driver"),
    ],
)
def test_bad_stores_are_one_line_errors_without_the_password(tmp_path: Path, url: str, expected: str) -> None:
    from unguarded.lab.servers import free_port

    with pytest.raises(StoreError) as caught:
        open_store(url.format(tmp=tmp_path, port=free_port()))
    message = str(caught.value)
    assert expected in message
    assert "hunter2" not in message and "\n" not in message


def test_read_only_history_fails_to_save_with_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    open_store(str(path)).close()
    with open_store(f"sqlite:///file:{path}?mode=ro&uri=true") as store:
        with pytest.raises(StoreError, match="cannot write to the history"):
            store.save(fixed_report())


def test_default_store_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNGUARDED_STORE", f"sqlite:///{tmp_path}/env.sqlite")
    assert default_store_url() == f"sqlite:///{tmp_path}/env.sqlite"
    open_store(None).close()
    assert (tmp_path / "env.sqlite").exists()
    monkeypatch.delenv("UNGUARDED_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_url() == f"sqlite:///{tmp_path}/xdg/unguarded/history.sqlite"
    open_store(None).close()  # the default location's directory is created on first use
    assert (tmp_path / "xdg" / "unguarded" / "history.sqlite").exists()


def test_unseen_compares_each_endpoint_with_its_last_saved_scan(tmp_path: Path) -> None:
    from tests.fixed_report import services
    from unguarded.models import Access, Dataset, Exposure, FieldFinding

    first = fixed_report()
    mongo, *rest = services()
    other_targets = fixed_report(services=(mongo.model_copy(update={"host": "192.0.2.1"}),))
    leaked = Dataset(
        name="tracking.emails",
        records=10,
        fields=(FieldFinding(path="email", categories=("contact.email",), examples=("j***@e***.com",)),),
    )
    grown = fixed_report(services=(mongo.model_copy(update={"datasets": (*mongo.datasets, leaked)}), *rest))
    cache = next(s for s in rest if s.engine == "memcached")
    closed_cache = cache.model_copy(
        update={"exposure": Exposure.PROTECTED, "access": Access.NONE, "severity": Severity.INFO}
    )
    with open_store(str(tmp_path / "h.sqlite")) as store:
        assert store.unseen(first) == first.open_findings, "nothing saved yet: everything is new"
        store.save(first)
        store.save(other_targets)  # another network in between must not make old findings new
        new = store.unseen(grown)
        assert [f.location for f in new] == ["10.0.0.5:27017/tracking.emails"]
        # The cache was protected in the last scan that reached it: open again is new again.
        store.save(fixed_report(services=tuple(closed_cache if s.host == cache.host else s for s in services())))
        assert [f.location for f in store.unseen(first)] == ["10.0.0.8:11211"]
