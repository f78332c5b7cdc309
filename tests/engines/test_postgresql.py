"""PostgreSQL against a real server loaded with Chinook: exposure, access, counts, read-only proof."""

from __future__ import annotations

import dataclasses
import re
import shutil

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, shared_dir, validate_report

CANARY = "canary-5be1c2@leak-test.example"
#: row counts of Chinook_PostgreSql.sql (its INSERT statements)
CHINOOK = {
    "album": 347,
    "artist": 275,
    "customer": 59,
    "employee": 8,
    "genre": 25,
    "invoice": 412,
    "invoice_line": 2240,
    "media_type": 5,
    "playlist": 18,
    "playlist_track": 8715,
    "track": 3503,
}
BIG_ROWS = 50_000
#: counts above this are estimates: the 50k-row table takes the estimate + TABLESAMPLE path
OPTIONS = dataclasses.replace(FAST, exact_count_limit=20_000)

APP_SQL = f"""
CREATE TABLE people (id serial PRIMARY KEY, full_name text NOT NULL, email text NOT NULL, born date,
                     prefs jsonb, avatar bytea, home_location point);
INSERT INTO people (full_name, email, born, prefs, avatar, home_location) VALUES
  ('Ada Lovelace', 'ada.lovelace@example.org', '1815-12-10', '{{"contact": {{"email": "ada@example.com"}}}}', '\\x89504e470d0a1a0a', '(-0.1276,51.5072)'),
  ('Grace Hopper', 'grace.hopper@example.org', '1906-12-09', NULL, NULL, '(-73.9857,40.7484)'),
  ('Alan Turing', 'alan.turing@example.org', '1912-06-23', NULL, NULL, NULL),
  ('Katherine Johnson', 'katherine.johnson@example.org', 'infinity', NULL, NULL, NULL),
  ('Canary Person', '{CANARY}', NULL, NULL, NULL, NULL);
CREATE TABLE events (id bigint PRIMARY KEY, user_email text, at timestamptz, payload text);
INSERT INTO events SELECT g, 'user' || g || '@example.net', now() - g * interval '1 minute', repeat('x', 40)
  FROM generate_series(1, {BIG_ROWS}) g;
ANALYZE events;
CREATE VIEW people_emails AS SELECT email FROM people;
CREATE TABLE visits (id int, day date, ip inet) PARTITION BY RANGE (day);
CREATE TABLE visits_2025 PARTITION OF visits FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE visits_2026 PARTITION OF visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO visits SELECT g, date '2025-01-01' + g % 700, '192.0.2.1' FROM generate_series(1, 1000) g;
"""

#: statements a read-only scan may send (first keyword of each logged statement)
READ_ONLY = {"SELECT", "SET", "SHOW", "EXPLAIN", "BEGIN", "COMMIT", "ROLLBACK"}
_STATEMENT = re.compile(r"\[(?P<app>[^\]]*)\] LOG:  (?:statement|execute [^:]*): (?P<sql>.*)")


@pytest.fixture(scope="module")
def open_pg(lab: Lab):
    server = lab.get("postgresql")
    server.psql("", file=shared_dir() / "datasets" / "chinook" / "Chinook_PostgreSql.sql")
    server.psql("CREATE DATABASE app")
    server.psql(APP_SQL, db="app")
    return server


def _checksums(server) -> tuple[str, str]:
    query = "SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM {} t"
    return server.psql(query.format("customer"), db="chinook"), server.psql(query.format("people"), db="app")


def _statements_since(server, offset: int) -> list[tuple[str, str]]:
    """(application name, statement) for every statement logged after ``offset``."""
    text = server.log.read_bytes()[offset:].decode(errors="replace")
    return [(m["app"], m["sql"]) for m in map(_STATEMENT.search, text.splitlines()) if m]


def test_open_postgresql_inventory_access_and_read_only(open_pg, report_schema):
    server = open_pg
    before = _checksums(server)
    offset = server.log.stat().st_size
    report = run_scan([f"postgresql://127.0.0.1:{server.port}"], OPTIONS)
    statements = _statements_since(server, offset)
    validate_report(report, report_schema)

    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("postgresql", "open", "admin")  # trust for every role
    assert svc.auth_detail == "no authentication: trust for every role (as postgres superuser)"
    assert svc.version and svc.version.startswith("15.")
    assert svc.severity == "critical" and not svc.errors and svc.remediation is not None
    by_name = {d.name: d for d in svc.datasets}
    assert {n for n in by_name if n.startswith("chinook.")} == {f"chinook.public.{t}" for t in CHINOOK}
    for table, rows in CHINOOK.items():
        ds = by_name[f"chinook.public.{table}"]
        assert (ds.records, ds.records_exact, ds.sampled) == (rows, True, min(rows, OPTIONS.sample_size)), table
        assert ds.bytes and ds.bytes > 0
    customer = by_name["chinook.public.customer"]
    assert {"contact.email", "contact.phone", "person.name"} <= customer.categories
    assert "identity_records" in customer.patterns
    assert {"contact.email", "person.birth_date"} <= by_name["chinook.public.employee"].categories
    people = by_name["app.public.people"]
    assert (people.records, people.records_exact, people.sampled) == (5, True, 5)
    paths = {f.path: f.categories for f in people.fields}
    assert paths["email"] == ("contact.email",)
    assert paths["prefs.contact.email"] == ("contact.email",)  # jsonb parsed into paths
    assert paths["home_location"] == ("location.coordinates",)  # point -> coordinates
    # The large table: an estimate and a block sample, not a count.
    events = by_name["app.public.events"]
    assert not events.records_exact and 0.8 * BIG_ROWS <= events.records <= 1.2 * BIG_ROWS
    assert 0 < events.sampled <= OPTIONS.sample_size
    visits = by_name["app.public.visits"]  # one dataset for the partitioned table, none per partition
    assert (visits.records, visits.records_exact, visits.sampled) == (1000, True, 200)
    assert not any(n.startswith("app.public.visits_") for n in by_name)
    view = by_name["app.public.people_emails"]
    assert (view.kind, view.records, view.sampled) == ("view", None, 0)

    # Read-only, from the server's own statement log: nothing but reads and session settings.
    assert statements, "log_statement=all logged nothing"
    assert {app for app, _ in statements} == {"unguarded"}
    verbs = {sql.lstrip("(").split(None, 1)[0].upper() for _, sql in statements}
    assert verbs <= READ_ONLY, verbs - READ_ONLY
    assert any(sql.startswith("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") for _, sql in statements)
    assert any("TABLESAMPLE SYSTEM" in sql and '"events"' in sql for _, sql in statements)
    assert not any(re.search(r"SELECT count\(\*\) FROM \"public\".\"events\"", sql) for _, sql in statements)
    assert _checksums(server) == before

    assert_value_free(report, CANARY)


def test_match_answers_to_ssl_request():
    from unguarded.engines.postgresql import ENGINE

    assert ENGINE.match(b"N").engine == "postgresql"
    assert ENGINE.match(b"S").engine == "postgresql"
    old = b"EFATAL:  unsupported frontend protocol 1234.5679: server supports 1.0 to 2.0\n\x00"
    assert ENGINE.match(old).engine == "postgresql"
    for other in (b"", b"NO", b"+PONG\r\n", b"HTTP/1.1 400 Bad Request\r\n", b"SSH-2.0-OpenSSH_9.2\r\n"):
        assert ENGINE.match(other) is None


def test_tls_session_is_reported(lab: Lab):
    """sslmode=prefer: a server with ssl = on gets an encrypted session, and the report says so."""
    from unguarded.lab.servers import IS_ROOT, self_signed_cert, start

    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    server = start("postgresql", lab.root / "postgresql-tls")  # lab.root is readable by the postgres user
    try:
        data = server.datadir
        cert, key = self_signed_cert(data)
        cert.rename(data / "server.crt")
        key.rename(data / "server.key")
        for name in ("server.key", "server.crt"):
            (data / name).chmod(0o600)
            if IS_ROOT:
                shutil.chown(data / name, "postgres", "postgres")
        server.psql("ALTER SYSTEM SET ssl = on")
        server.psql("SELECT pg_reload_conf()")
        assert server.psql("SHOW ssl").strip() == "on"
        svc = only_service(run_scan([f"postgresql://127.0.0.1:{server.port}"]))
    finally:
        server.stop()
    assert (svc.tls, svc.exposure) == (True, "open")
