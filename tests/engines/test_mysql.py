"""MySQL/MariaDB against a real MariaDB loaded with Sakila: exposure, access, counts, read-only proof."""

from __future__ import annotations

import dataclasses
import re
import socket

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, shared_dir, validate_report
from unguarded.models import Access

CANARY = "canary-90d4aa@leak-test.example"
#: row counts of sakila-data.sql (its INSERT statements)
SAKILA = {
    "actor": 200,
    "address": 603,
    "category": 16,
    "city": 600,
    "country": 109,
    "customer": 599,
    "film": 1000,
    "film_actor": 5462,
    "film_category": 1000,
    "film_text": 1000,
    "inventory": 4581,
    "language": 6,
    "payment": 16049,
    "rental": 16044,
    "staff": 2,
    "store": 2,
}
SAKILA_VIEWS = {
    "actor_info",
    "customer_list",
    "film_list",
    "nicer_but_slower_film_list",
    "sales_by_film_category",
    "sales_by_store",
    "staff_list",
}
BIG_ROWS = 50_000
#: counts above this are estimates: the 50k-row table takes the estimate + primary-key-range path
OPTIONS = dataclasses.replace(FAST, exact_count_limit=25_000)

APP_SQL = f"""
CREATE DATABASE app;
USE app;
CREATE TABLE people (id INT AUTO_INCREMENT PRIMARY KEY, full_name VARCHAR(100) NOT NULL, email VARCHAR(100) NOT NULL,
                     born DATE, photo BLOB, home_location POINT, prefs JSON) ENGINE=InnoDB;
INSERT INTO people (full_name, email, born, photo, home_location, prefs) VALUES
  ('Ada Lovelace', 'ada.lovelace@example.org', '1815-12-10', x'89504e470d0a1a0a', ST_GeomFromText('POINT(-0.1276 51.5072)'),
   '{{"contact": {{"email": "ada@example.com"}}}}'),
  ('Grace Hopper', 'grace.hopper@example.org', '1906-12-09', NULL, ST_GeomFromText('POINT(-73.9857 40.7484)'), NULL),
  ('Alan Turing', 'alan.turing@example.org', '1912-06-23', NULL, NULL, NULL),
  ('Canary Person', '{CANARY}', NULL, NULL, NULL, NULL);
CREATE TABLE legacy_accounts (login VARCHAR(40), email VARCHAR(100)) ENGINE=MyISAM;
INSERT INTO legacy_accounts VALUES ('ada', 'ada@example.net'), ('grace', 'grace@example.net'), ('alan', 'alan@example.net');
CREATE TABLE events (id INT PRIMARY KEY, user_email VARCHAR(100), at DATETIME, payload VARCHAR(100)) ENGINE=InnoDB;
INSERT INTO events SELECT seq, CONCAT('user', seq, '@example.net'), NOW() - INTERVAL seq MINUTE, REPEAT('x', 40)
  FROM seq_1_to_{BIG_ROWS};
ANALYZE TABLE events;
CREATE VIEW people_emails AS SELECT email FROM people;
"""

#: general-log commands of a read-only scan, and the statements its queries may start with
COMMANDS = {"Connect", "Quit", "Query", "Init DB"}
READ_ONLY = {"SELECT", "SHOW", "SET"}
_ENTRY = re.compile(r"^(?:\d{6}\s+\d{1,2}:\d{2}:\d{2})?\s+\d+\s+(?P<command>[A-Z][A-Za-z ]*?)\t(?P<argument>.*)$")


@pytest.fixture(scope="module")
def open_mysql(lab: Lab):
    server = lab.get("mysql")
    sakila = shared_dir() / "datasets" / "sakila"
    server.mysql(file=sakila / "sakila-schema.sql")
    server.mysql(file=sakila / "sakila-data.sql")
    server.mysql(APP_SQL)
    return server


def _general_log(server):
    return server.workdir / "general.log"


def _entries_since(server, offset: int) -> list[tuple[str, str]]:
    text = _general_log(server).read_bytes()[offset:].decode(errors="replace")
    return [(m["command"], m["argument"]) for m in map(_ENTRY.match, text.splitlines()) if m]


def test_open_mariadb_inventory_access_and_read_only(open_mysql, report_schema):
    server = open_mysql
    checksum = "CHECKSUM TABLE sakila.customer, sakila.staff, app.people, app.events"
    before = server.mysql(checksum)
    offset = _general_log(server).stat().st_size
    report = run_scan([f"127.0.0.1:{server.port}"], OPTIONS)  # no hint: recognised by its greeting
    entries = _entries_since(server, offset)
    validate_report(report, report_schema)

    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("mysql", "default_credentials", "admin")
    assert svc.auth_detail == "root with empty password"
    assert "MariaDB" in svc.version and not svc.version.startswith("5.5.5-")
    assert svc.severity == "critical" and not svc.errors and svc.remediation is not None
    by_name = {d.name: d for d in svc.datasets}
    assert {n for n in by_name if n.startswith("sakila.")} == {
        f"sakila.{t}" for t in SAKILA | dict.fromkeys(SAKILA_VIEWS)
    }
    for table, rows in SAKILA.items():
        ds = by_name[f"sakila.{table}"]
        assert (ds.records, ds.records_exact, ds.sampled) == (rows, True, min(rows, OPTIONS.sample_size)), table
    for view in SAKILA_VIEWS:
        assert (by_name[f"sakila.{view}"].kind, by_name[f"sakila.{view}"].records) == ("view", None)
    customer = by_name["sakila.customer"]
    assert {"contact.email", "person.name"} <= customer.categories and "identity_records" in customer.patterns
    assert {"contact.email", "person.name"} <= by_name["sakila.staff"].categories
    people = by_name["app.people"]
    assert (people.records, people.records_exact, people.sampled) == (4, True, 4)
    paths = {f.path: f.categories for f in people.fields}
    assert paths["email"] == ("contact.email",)
    assert paths["home_location"] == ("location.coordinates",)  # POINT via ST_AsText
    assert paths["prefs.contact.email"] == ("contact.email",)  # JSON parsed into paths
    legacy = by_name["app.legacy_accounts"]
    assert (legacy.records, legacy.records_exact, legacy.sampled) == (3, True, 3)  # MyISAM: exact from metadata
    events = by_name["app.events"]
    assert not events.records_exact and 0.5 * BIG_ROWS <= events.records <= 1.5 * BIG_ROWS
    assert 0 < events.sampled <= OPTIONS.sample_size

    # Read-only, from the server's general log: reads and session settings only.
    assert entries, "the general log recorded nothing"
    assert {command for command, _ in entries} <= COMMANDS
    verbs = {arg.lstrip("(").split(None, 1)[0].upper() for command, arg in entries if command == "Query"}
    assert verbs <= READ_ONLY, verbs - READ_ONLY
    queries = [arg for command, arg in entries if command == "Query"]
    assert "SET SESSION TRANSACTION READ ONLY" in queries
    assert not any("COUNT(*) FROM `app`.`events`" in q or ("`events`" in q and "RAND()" in q) for q in queries)
    assert server.mysql(checksum) == before

    assert_value_free(report, CANARY)


def test_anonymous_account_is_open(lab: Lab, report_schema):
    """The old installers' anonymous account: in with any user name and no password."""
    server = lab.get("mysql", protected=True)
    server.mysql("CREATE USER ''@'127.0.0.1'")
    try:
        usage_only = run_scan([f"127.0.0.1:{server.port}"])
        server.mysql(
            "CREATE DATABASE shop; CREATE TABLE shop.orders (id INT PRIMARY KEY, email VARCHAR(80)); "
            "INSERT INTO shop.orders VALUES (1, 'a@example.org'), (2, 'b@example.org'); "
            "CREATE TABLE shop.secrets (id INT); "
            "GRANT SELECT ON shop.orders TO ''@'127.0.0.1'"
        )
        can_select = run_scan([f"127.0.0.1:{server.port}"])
    finally:
        server.mysql("DROP USER ''@'127.0.0.1'; DROP DATABASE IF EXISTS shop")
    validate_report(usage_only, report_schema)
    svc = only_service(usage_only)
    assert (svc.exposure, svc.access, svc.datasets, svc.severity) == ("open", "metadata", (), "low")
    assert svc.auth_detail.startswith("anonymous account")
    validate_report(can_select, report_schema)
    svc = only_service(can_select)
    assert (svc.exposure, svc.access) == ("open", "read")
    assert [(d.name, d.records, d.sampled) for d in svc.datasets] == [("shop.orders", 2, 2)]  # shop.secrets unseen


def test_match_greeting_and_refusal(open_mysql):
    from unguarded.engines.mysql import ENGINE

    with socket.create_connection(("127.0.0.1", open_mysql.port), timeout=3) as conn:
        greeting = conn.recv(1024)
    identity = ENGINE.match(greeting)
    assert identity.engine == "mysql" and "MariaDB" in identity.version and not identity.version.startswith("5.5.5-")
    mysql8 = b"\x4a\x00\x00\x00\x0a8.0.36\x00" + bytes(64)
    assert ENGINE.match(mysql8).version == "8.0.36"
    message = b"Host '203.0.113.9' is not allowed to connect to this MySQL server"
    refused = (len(message) + 3).to_bytes(3, "little") + b"\x00\xff" + (1130).to_bytes(2, "little") + message
    assert ENGINE.match(refused).detail == "refuses this client"
    for other in (b"", b"N", b"+PONG\r\n", b"SSH-2.0-OpenSSH_9.2\r\n", b"HTTP/1.1 400 Bad Request\r\n\r\n"):
        assert ENGINE.match(other) is None


@pytest.mark.parametrize(
    ("grants", "access"),
    [
        (["GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION"], Access.ADMIN),
        (
            [
                "GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, RELOAD, SHUTDOWN, PROCESS, FILE, SUPER ON *.* TO `root`@`%`"
            ],
            Access.ADMIN,
        ),
        (["GRANT USAGE ON *.* TO `app`@`%`", "GRANT ALL PRIVILEGES ON `shop`.* TO `app`@`%`"], Access.WRITE),
        (["GRANT USAGE ON *.* TO `r`@`%`", "GRANT SELECT, INSERT ON `shop`.`orders` TO `r`@`%`"], Access.WRITE),
        (["GRANT USAGE ON *.* TO `r`@`%`", "GRANT SELECT (`id`, `email`) ON `shop`.`users` TO `r`@`%`"], Access.READ),
        (["GRANT USAGE ON *.* TO ``@`localhost`"], Access.METADATA),
        (
            ["GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION", "GRANT `reader` TO `u`@`%`"],
            Access.METADATA,
        ),
    ],
)
def test_access_from_grants(grants, access):
    from unguarded.engines.mysql import access_from_grants

    assert access_from_grants(grants) == access
