"""Open or default login: PostgreSQL ``trust`` for every role is ``open``; trust for ``postgres`` alone is a vendor default.

MariaDB likewise: root with an empty password is the vendor default, unless any user name gets
in (an anonymous account, or ``--skip-grant-tables``), which is an open server.

Told apart without writing, by one login as a random role name that cannot exist: under
``trust`` for every role the server refuses it as unknown without asking for a password;
where other roles need a password (md5 or scram-sha-256) it asks for one first, and the
scanner, sending none, stops there. Real PostgreSQL, its pg_hba.conf written both ways.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Lab, only_service, run_scan, validate_report
from tests.engines.test_postgresql import READ_ONLY, _statements_since
from unguarded.engines.mysql import OPEN_TO_ANY_USER, PROBE_USER_PREFIX
from unguarded.engines.postgresql import PROBE_ROLE_PREFIX
from unguarded.lab.servers import IS_ROOT, LabServer, MariaDBServer, PostgresServer, start

HBA = {
    "trust-all": "local all all trust\nhost all all 127.0.0.1/32 trust\n",
    "trust-postgres-md5": "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 md5\n",
    "trust-postgres-scram": (
        "local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n"
    ),
}


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL of this module's own, whose pg_hba.conf each test rewrites and reloads."""
    root = Path(tempfile.mkdtemp(prefix="unguarded-hba-"))
    root.chmod(0o755)
    server: LabServer = start("postgresql", root / "postgresql")
    try:
        assert isinstance(server, PostgresServer)
        server.psql("CREATE ROLE app LOGIN PASSWORD 'app-lab-password'")
        server.psql("CREATE TABLE customers (id int, email text); INSERT INTO customers VALUES (1, 'a@example.org')")
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _hba(server: PostgresServer, text: str) -> None:
    path = server.datadir / "pg_hba.conf"
    path.write_text(text)
    if IS_ROOT:
        shutil.chown(path, "postgres", "postgres")
    server.psql("SELECT pg_reload_conf()")


@pytest.mark.parametrize(
    ("hba", "exposure", "detail"),
    [
        ("trust-all", "open", "no authentication: trust for every role (as postgres superuser)"),
        ("trust-postgres-md5", "default_credentials", "postgres superuser with no password (trust for postgres)"),
        ("trust-postgres-scram", "default_credentials", "postgres superuser with no password (trust for postgres)"),
    ],
)
def test_trust_for_every_role_is_open(postgres: PostgresServer, report_schema, hba: str, exposure: str, detail: str):
    _hba(postgres, HBA[hba])
    offset = postgres.log.stat().st_size
    report = run_scan([f"postgresql://127.0.0.1:{postgres.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.exposure, svc.access, svc.auth_detail) == (exposure, "admin", detail)
    kinds = {f.type for f in report.findings}
    assert ("open_service" in kinds) is (exposure == "open")
    assert ("default_credentials" in kinds) is (exposure == "default_credentials")
    # read-only: the probe is one refused login; only reads were run, and no role was created
    statements = _statements_since(postgres, offset)
    assert {sql.lstrip("(").split(None, 1)[0].upper() for _, sql in statements} <= READ_ONLY
    log = postgres.log.read_bytes()[offset:].decode(errors="replace")
    if exposure == "open":
        assert f'role "{PROBE_ROLE_PREFIX}' in log and "does not exist" in log
    assert postgres.psql(f"SELECT count(*) FROM pg_roles WHERE rolname LIKE '{PROBE_ROLE_PREFIX}%'").strip() == "0"


def test_password_for_everyone_is_protected(postgres: PostgresServer):
    _hba(postgres, "local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n")
    svc = only_service(run_scan([f"postgresql://127.0.0.1:{postgres.port}"]))
    assert (svc.exposure, svc.access) == ("protected", "none") and svc.auth_detail.startswith("password required")


def test_mariadb_root_without_password_is_a_default_but_any_user_is_open(lab: Lab, report_schema):
    """Root with an empty password is the vendor default; when any user name gets in too, the server is open."""
    server = lab.get("mysql")
    assert isinstance(server, MariaDBServer)
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    assert (svc.exposure, svc.auth_detail) == ("default_credentials", "root with empty password")
    server.mysql("CREATE USER ''@'127.0.0.1'")  # an anonymous account matches every user name
    try:
        report = run_scan([f"127.0.0.1:{server.port}"])
    finally:
        server.mysql("DROP USER ''@'127.0.0.1'")
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.exposure, svc.auth_detail) == ("open", OPEN_TO_ANY_USER)
    assert "open_service" in {f.type for f in report.findings}
    assert server.mysql(f"SELECT count(*) FROM mysql.user WHERE User LIKE '{PROBE_USER_PREFIX}%'").strip() == "0"
