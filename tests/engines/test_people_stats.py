"""People, not rows: distinct people from the servers' own statistics, read-only, on real servers.

A contact table of 20,000 rows holds 2,000 people (ten rows each). A 200-row sample
almost never repeats a person, so scaling the sample says about 20,000 people; the
server's statistics (PostgreSQL ``pg_stats.n_distinct``, MariaDB index cardinality) know
there are about 2,000, and the report says which source it used.
"""

from __future__ import annotations

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from tests.engines.test_mysql import READ_ONLY as MYSQL_READ_ONLY
from tests.engines.test_mysql import _entries_since, _general_log
from tests.engines.test_postgresql import READ_ONLY as PG_READ_ONLY
from tests.engines.test_postgresql import _statements_since

ROWS, PEOPLE = 20_000, 2_000
GIVEN = ("James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth")
FAMILY = ("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez")
CANARY_DOMAIN = "stats-canary.example"


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f"'{w}'" for w in words)


PG_SQL = f"""
CREATE TABLE contacts (id int PRIMARY KEY, full_name text, email text, contacted_on date);
INSERT INTO contacts SELECT g,
  (ARRAY[{_quoted(GIVEN)}])[1 + (g % {PEOPLE}) % 10] || ' ' || (ARRAY[{_quoted(FAMILY)}])[1 + ((g % {PEOPLE}) / 10) % 10],
  'person' || (g % {PEOPLE}) || '@{CANARY_DOMAIN}', date '2026-01-01' + g % 300
  FROM generate_series(1, {ROWS}) g;
ANALYZE contacts;
"""

MYSQL_SQL = f"""
CREATE DATABASE registry;
USE registry;
CREATE TABLE contacts (id INT PRIMARY KEY, full_name VARCHAR(60), email VARCHAR(80), contacted_on DATE,
                       KEY by_email (email)) ENGINE=InnoDB;
INSERT INTO contacts SELECT seq,
  CONCAT(ELT(1 + (seq % {PEOPLE}) % 10, {_quoted(GIVEN)}), ' ', ELT(1 + FLOOR((seq % {PEOPLE}) / 10) % 10, {_quoted(FAMILY)})),
  CONCAT('person', seq % {PEOPLE}, '@{CANARY_DOMAIN}'), DATE '2026-01-01' + INTERVAL (seq % 300) DAY
  FROM seq_1_to_{ROWS};
ANALYZE TABLE contacts;
"""


def _sample_would_say(sampled: int) -> int:
    """What scaling a sample of distinct people would claim: nearly every sampled row a new person."""
    return ROWS * (sampled - 20) // sampled


def test_postgresql_people_from_pg_stats(lab: Lab, report_schema):
    server = lab.get("postgresql")
    server.psql("DROP DATABASE IF EXISTS registry")
    server.psql("CREATE DATABASE registry")
    server.psql(PG_SQL, db="registry")
    offset = server.log.stat().st_size
    report = run_scan([f"postgresql://127.0.0.1:{server.port}"], FAST)
    statements = _statements_since(server, offset)
    validate_report(report, report_schema)
    svc = only_service(report)
    contacts = {d.name: d for d in svc.datasets}["registry.public.contacts"]
    assert "identity_records" in contacts.patterns and contacts.records == ROWS
    assert contacts.people_source == "pg_stats.n_distinct of email"
    assert contacts.people_estimate is not None and 0.8 * PEOPLE <= contacts.people_estimate <= 1.25 * PEOPLE
    assert contacts.people_estimate < _sample_would_say(contacts.sampled) // 5
    # read-only: the statistics come from a catalog view, in one SELECT per database
    stats = [sql for _, sql in statements if "pg_stats" in sql]
    assert stats and all(sql.startswith("SELECT") for sql in stats)
    assert {sql.lstrip("(").split(None, 1)[0].upper() for _, sql in statements} <= PG_READ_ONLY
    assert_value_free(report, CANARY_DOMAIN)


def test_postgresql_without_statistics_keeps_the_sample_estimate(lab: Lab):
    server = lab.get("postgresql")
    server.psql("DROP DATABASE IF EXISTS fresh")
    server.psql("CREATE DATABASE fresh")
    server.psql(PG_SQL.replace("ANALYZE contacts;", ""), db="fresh")
    svc = only_service(run_scan([f"postgresql://127.0.0.1:{server.port}"], FAST))
    contacts = {d.name: d for d in svc.datasets}["fresh.public.contacts"]
    if contacts.people_source != "sample":
        pytest.skip("autovacuum analysed the table before the scan")  # pragma: no cover
    assert contacts.people_estimate is not None and contacts.people_estimate > 5 * PEOPLE


def test_mariadb_people_from_index_cardinality(lab: Lab, report_schema):
    server = lab.get("mysql")
    server.mysql("DROP DATABASE IF EXISTS registry")
    server.mysql(MYSQL_SQL)
    offset = _general_log(server).stat().st_size
    report = run_scan([f"127.0.0.1:{server.port}"], FAST)
    entries = _entries_since(server, offset)
    validate_report(report, report_schema)
    svc = only_service(report)
    contacts = {d.name: d for d in svc.datasets}["registry.contacts"]
    assert "identity_records" in contacts.patterns
    assert contacts.people_source == "index cardinality of email"
    # InnoDB samples index pages for its statistics: an estimate, but of the right size
    assert contacts.people_estimate is not None and 0.4 * PEOPLE <= contacts.people_estimate <= 3 * PEOPLE
    assert contacts.people_estimate < _sample_would_say(contacts.sampled) // 3
    queries = [arg for command, arg in entries if command == "Query"]
    assert any("information_schema.STATISTICS" in q for q in queries)
    assert {q.lstrip("(").split(None, 1)[0].upper() for q in queries} <= MYSQL_READ_ONLY
    assert_value_free(report, CANARY_DOMAIN)


def test_mongodb_people_from_a_unique_index(lab: Lab, report_schema):
    """One person per document when the e-mail is unique: the document count counts people, and the index says so."""
    from pymongo import MongoClient

    from tests.classify import data

    server = lab.get("mongodb")
    client: MongoClient[dict[str, object]] = MongoClient(port=server.port, directConnection=True)
    try:
        client.registry.people.insert_many(data.people(n=120))
        client.registry.people.create_index("email", unique=True)
        client.registry.visitors.insert_many(data.people(n=40, seed=9))  # no unique index: the sample's estimate
        report = run_scan([f"127.0.0.1:{server.port}"], FAST)
    finally:
        client.drop_database("registry")
        client.close()
    validate_report(report, report_schema)
    by_name = {d.name: d for d in only_service(report).datasets}
    people, visitors = by_name["registry.people"], by_name["registry.visitors"]
    assert (people.people_estimate, people.people_source) == (120, "document count (unique index) of email")
    assert (visitors.people_estimate, visitors.people_source) == (40, "sample")


def test_opensearch_people_from_a_cardinality_aggregation(lab: Lab, report_schema):
    """3,000 contact documents of 300 people: the cardinality aggregation on the e-mail's keyword twin counts them."""
    import hashlib
    import json

    import httpx

    server = lab.get("opensearch")
    base = f"http://127.0.0.1:{server.port}"
    lines = []
    for i in range(3_000):
        person = i % 300
        lines.append(json.dumps({"index": {"_index": "contacts"}}))
        name = f"{GIVEN[person % 10]} {FAMILY[(person // 10) % 10]}"
        lines.append(json.dumps({"full_name": name, "email": f"person{person}@{CANARY_DOMAIN}"}))
    httpx.post(
        f"{base}/_bulk?refresh=true", content="\n".join(lines) + "\n", headers={"content-type": "application/x-ndjson"}
    ).raise_for_status()

    def state() -> str:
        listing = httpx.get(f"{base}/_cat/indices?format=json").json()
        return hashlib.sha256(json.dumps(sorted((i["index"], i["docs.count"]) for i in listing)).encode()).hexdigest()

    before = state()
    try:
        report = run_scan([f"http://127.0.0.1:{server.port}"], FAST)
        assert state() == before, "the scan changed no index"
    finally:
        httpx.delete(f"{base}/contacts")
    validate_report(report, report_schema)
    contacts = {d.name: d for d in only_service(report).datasets}["contacts"]
    assert "identity_records" in contacts.patterns and contacts.records == 3_000
    assert (contacts.people_estimate, contacts.people_source) == (300, "cardinality aggregation of email")
    assert_value_free(report, CANARY_DOMAIN)
