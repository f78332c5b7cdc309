"""Trails confirmed by following a subject, and links, against real PostgreSQL and the MongoDB stand-in.

The trail tables hold 200,000 positions of 20,000 subjects: a random 200-row sample
rarely holds one subject three times, so only following a sampled subject finds the
trail, in every scan. Decoys (weather devices, shops, an access log) are never trails;
linked and unlinked identity/trail pairs; the follow-up reads are counted in the
servers' own statement log and counters, and no raw value reaches any output.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import redis
from bson import ObjectId
from pymongo import MongoClient

from tests.conftest import FAST, assert_value_free, only_service, run_scan, validate_report
from unguarded.lab.servers import MariaDBServer, MongoStandIn, OpenSearchStandIn, PostgresServer, RedisServer

ROWS = 200_000
SUBJECTS = 20_000
#: the stand-in stores through WiredTiger from Python, about 10k documents a second: half the
#: size still leaves a subject three times in one 200-row sample about once in 80 scans
MONGO_ROWS = 100_000
MONGO_SUBJECTS = 10_000
SCANS = 3
MONGO_SCANS = 2
#: the stand-in takes seconds for a $sample or collStats of 100,000 documents on a busy machine
MONGO_OPTIONS = dataclasses.replace(FAST, io_timeout=20.0, service_deadline=120.0)
CANARY = "canary-trail-7f3a@leak-test.example"
#: statements a read-only scan may send (first keyword of each logged statement)
READ_ONLY = {"SELECT", "SET", "SHOW", "EXPLAIN", "BEGIN", "COMMIT", "ROLLBACK"}
_STATEMENT = re.compile(r"\[(?P<app>[^\]]*)\] LOG:  (?:statement|execute [^:]*): (?P<sql>.*)")

TRACKING_SQL = f"""
CREATE TABLE people (id int PRIMARY KEY, full_name text, email text, phone text);
INSERT INTO people SELECT g, 'Person ' || g, CASE WHEN g = 7 THEN '{CANARY}' ELSE 'p' || g || '@example.org' END,
  '+1 415 555 ' || lpad((g % 10000)::text, 4, '0') FROM generate_series(1, {SUBJECTS}) g;
CREATE TABLE positions (id bigint, person_id int, lat float8, lon float8, recorded_at timestamptz);
INSERT INTO positions SELECT g, g % {SUBJECTS} + 1, 40 + (g % 997) / 1000.0, -3 - (g % 991) / 1000.0,
  timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, {ROWS}) g;
CREATE INDEX ON positions (person_id);
CREATE TABLE weather (device_id text, lat float8, lon float8, recorded_at timestamptz, temperature float8);
INSERT INTO weather SELECT 'WS-' || (g % 2000), 50 + (g % 2000) / 10000.0, 8 + (g % 2000) / 10000.0,
  timestamptz '2026-01-01' + g * interval '1 minute', 10 + (g % 17) FROM generate_series(1, 20000) g;
CREATE TABLE products (id int, title text, price numeric, shop_lat float8, shop_lon float8, updated_at timestamptz);
INSERT INTO products SELECT g, 'Product ' || g, 9.99, 48 + (g % 50) / 100.0, 2 + (g % 50) / 100.0,
  timestamptz '2026-01-01' + g * interval '1 hour' FROM generate_series(1, 5000) g;
CREATE TABLE access_log (ip inet, user_id int, at timestamptz, path text);
INSERT INTO access_log SELECT ('10.0.' || (g % 250) || '.' || (g % 200))::inet, g % {SUBJECTS},
  timestamptz '2026-01-01' + g * interval '1 second', '/page/' || (g % 50) FROM generate_series(1, 20000) g;
ANALYZE;
"""

#: an identity table and a trail whose keys never meet (vehicles, not drivers); a declared foreign key
FLEET_SQL = """
CREATE TABLE drivers (id int PRIMARY KEY, full_name text, email text, phone text);
INSERT INTO drivers SELECT g, 'Driver ' || g, 'd' || g || '@example.org', '+1 415 556 ' || lpad(g::text, 4, '0')
  FROM generate_series(1, 500) g;
CREATE TABLE vehicle_fixes (vehicle_id text, lat float8, lon float8, ts timestamptz);
INSERT INTO vehicle_fixes SELECT 'VH-' || (g % 5000), 41 + (g % 89) / 100.0, 2 + (g % 83) / 100.0,
  timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, 50000) g;
CREATE TABLE members (id int PRIMARY KEY, full_name text, email text, phone text);
INSERT INTO members SELECT g, 'Member ' || g, 'm' || g || '@example.org', '+1 415 557 ' || lpad(g::text, 4, '0')
  FROM generate_series(1, 5000) g;
CREATE TABLE pings (ref int REFERENCES members (id), lat float8, lon float8, at timestamptz);
INSERT INTO pings SELECT g % 5000 + 1, 45 + (g % 89) / 100.0, 7 + (g % 83) / 100.0,
  timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, 50000) g;
ANALYZE;
"""


@pytest.fixture(scope="session")
def trail_pg() -> Iterator[PostgresServer]:
    """A PostgreSQL of its own (the shared lab one stays small for the other tests)."""
    root = Path(tempfile.mkdtemp(prefix="unguarded-trails-pg-"))
    root.chmod(0o755)
    server = PostgresServer(engine="postgresql", workdir=root / "pg")
    try:
        server.start()
        server.psql("CREATE DATABASE tracking")
        server.psql(TRACKING_SQL, db="tracking")
        server.psql("CREATE DATABASE fleet")
        server.psql(FLEET_SQL, db="fleet")
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _statements_since(server: PostgresServer, offset: int) -> list[tuple[str, str]]:
    text = server.log.read_bytes()[offset:].decode(errors="replace")
    return [(m["app"], m["sql"]) for m in map(_STATEMENT.search, text.splitlines()) if m]


def test_postgresql_trail_found_in_every_scan_and_linked(trail_pg, report_schema):
    followed = 0
    for _ in range(SCANS):
        offset = trail_pg.log.stat().st_size
        report = run_scan([f"postgresql://127.0.0.1:{trail_pg.port}"])
        validate_report(report, report_schema)
        svc = only_service(report)
        by_name = {d.name: d for d in svc.datasets}
        positions = by_name["tracking.public.positions"]
        assert "location_trail" in positions.patterns, positions.trail
        # by following a sampled person; rarely the sample alone holds one person three times
        assert positions.trail and ("person_id (indexed" in positions.trail or "in the sample" in positions.trail)
        followed += "person_id (indexed" in positions.trail
        for decoy in ("tracking.public.weather", "tracking.public.products", "tracking.public.access_log"):
            assert "location_trail" not in by_name[decoy].patterns, (decoy, by_name[decoy].trail)
        assert "identity_records" in by_name["tracking.public.people"].patterns
        links = {(link.source, link.to): link for link in svc.links}
        link = links[("tracking.public.people", "tracking.public.positions")]
        assert link.via == ("id", "person_id") and link.how.startswith("same key name")
        assert "tracking_system" in svc.patterns
        # The declared foreign key joins members to their pings, whatever the column is called.
        assert "location_trail" in by_name["fleet.public.pings"].patterns
        declared = links[("fleet.public.members", "fleet.public.pings")]
        assert declared.via == ("id", "ref") and declared.how == "declared foreign key"
        # Vehicles are a trail, but nothing joins them to the drivers.
        assert "location_trail" in by_name["fleet.public.vehicle_fixes"].patterns
        assert not [k for k in links if k[1] == "fleet.public.vehicle_fixes"]

        statements = _statements_since(trail_pg, offset)
        assert {app for app, _ in statements} == {"unguarded"}
        verbs = {sql.lstrip("(").split(None, 1)[0].upper() for _, sql in statements}
        assert verbs <= READ_ONLY, verbs - READ_ONLY
        follow_ups = [sql for _, sql in statements if re.search(r'WHERE "[^"]+" = ', sql)]
        assert follow_ups and len(follow_ups) <= 2 * FAST_READS
        assert all(sql.startswith("SELECT") and " LIMIT " in sql for sql in follow_ups)
        assert any("SET LOCAL statement_timeout" in sql for _, sql in statements)
        assert_value_free(report, CANARY, "Person 7")
    assert followed


FAST_READS = 40


@pytest.fixture(scope="session")
def trail_mongo() -> Iterator[tuple[MongoStandIn, MongoClient]]:
    """The MongoDB stand-in of its own: 100,000 tracks of 10,000 people, decoys, an unlinked fleet."""
    root = Path(tempfile.mkdtemp(prefix="unguarded-trails-mongo-"))
    server = MongoStandIn(engine="mongodb", workdir=root / "mongo")
    try:
        server.start()
        client: MongoClient = MongoClient(port=server.port, directConnection=True)
        db = client.tracking
        ids = [ObjectId() for _ in range(MONGO_SUBJECTS)]
        db.people.insert_many(
            [
                {
                    "_id": oid,
                    "name": f"Person {i}",
                    "email": CANARY if i == 7 else f"p{i}@example.org",
                    "phone": f"+1 415 555 {i % 10000:04d}",
                }
                for i, oid in enumerate(ids)
            ],
            ordered=False,
        )
        start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        batch = 50_000
        for first in range(0, MONGO_ROWS, batch):
            db.tracks.insert_many(
                [
                    {
                        "person_id": ids[g % MONGO_SUBJECTS],
                        "loc": {"type": "Point", "coordinates": [-3 - (g % 991) / 1000, 40 + (g % 997) / 1000]},
                        "ts": start + dt.timedelta(seconds=g),
                    }
                    for g in range(first, first + batch)
                ],
                ordered=False,
            )
        db.tracks.create_index("person_id")
        db.checkins.insert_many(
            [
                {
                    "user_email": f"p{g % 5000}@example.org",
                    "lat": 51 + (g % 89) / 100,
                    "lon": (g % 83) / 100,
                    "at": start + dt.timedelta(minutes=g),
                }
                for g in range(20_000)
            ],
            ordered=False,
        )
        db.weather.insert_many(
            [
                {
                    "device_id": f"WS-{g % 500}",
                    "lat": 50 + (g % 500) / 10_000,
                    "lon": 8 + (g % 500) / 10_000,
                    "recorded_at": start + dt.timedelta(minutes=g),
                    "temperature": 10.5 + g % 17,
                }
                for g in range(5_000)
            ],
            ordered=False,
        )
        db.shops.insert_many(
            [{"title": f"Shop {g}", "lat": 48 + g / 1000, "lon": 2 + g / 1000, "price": 9.99} for g in range(300)]
        )
        fleet = client.fleet
        fleet.customers.insert_many(
            [{"name": f"Client {i}", "email": f"c{i}@example.com", "phone": f"+1 415 558 {i:04d}"} for i in range(300)]
        )
        fleet.vehicle_tracks.insert_many(
            [
                {
                    "vehicle_id": f"VH-{g % 5000}",
                    "loc": {"type": "Point", "coordinates": [2 + (g % 83) / 100, 41 + (g % 89) / 100]},
                    "ts": start + dt.timedelta(seconds=g),
                }
                for g in range(20_000)
            ],
            ordered=False,
        )
        yield server, client
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _ops(client: MongoClient) -> dict[str, int]:
    counters = client.admin.command("serverStatus")["opcounters"]
    return {k: int(v) for k, v in counters.items()}


def test_mongodb_trail_found_in_every_scan_and_linked(trail_mongo, report_schema):
    server, client = trail_mongo
    counts = {name: client.tracking[name].estimated_document_count() for name in ("people", "tracks")}
    followed = 0
    for _ in range(MONGO_SCANS):
        before = _ops(client)
        report = run_scan([f"mongodb://127.0.0.1:{server.port}"], MONGO_OPTIONS)
        after = _ops(client)
        validate_report(report, report_schema)
        svc = only_service(report)
        by_name = {d.name: d for d in svc.datasets}
        tracks = by_name["tracking.tracks"]
        assert "location_trail" in tracks.patterns, tracks.trail
        assert tracks.trail and ("person_id (indexed" in tracks.trail or "in the sample" in tracks.trail)
        followed += "person_id (indexed" in tracks.trail
        checkins = by_name["tracking.checkins"]
        assert "location_trail" in checkins.patterns, checkins.trail
        assert "not indexed" in (checkins.trail or "") or "in the sample" in (checkins.trail or "")
        for decoy in ("tracking.weather", "tracking.shops"):
            assert "location_trail" not in by_name[decoy].patterns, (decoy, by_name[decoy].trail)
        links = {(link.source, link.to): link for link in svc.links}
        by_key = links[("tracking.people", "tracking.tracks")]
        assert by_key.via == ("_id", "person_id") and by_key.how.startswith("same key name")
        by_value = links[("tracking.people", "tracking.checkins")]
        assert by_value.via == ("email", "user_email") and by_value.how.startswith("value overlap")
        assert "location_trail" in by_name["fleet.vehicle_tracks"].patterns
        assert not [k for k in links if k[1] == "fleet.vehicle_tracks"]
        assert "tracking_system" in svc.patterns
        # Read-only, from the server's own counters: no write of any kind; finds bounded in number.
        assert {k: after[k] - before[k] for k in ("insert", "update", "delete")} == {
            "insert": 0,
            "update": 0,
            "delete": 0,
        }
        assert 0 < after["query"] - before["query"] <= 2 * FAST_READS
        assert_value_free(report, CANARY, "Person 7")
    assert followed
    assert counts == {name: client.tracking[name].estimated_document_count() for name in ("people", "tracks")}


MARIADB_SQL = f"""
CREATE DATABASE geo;
USE geo;
CREATE TABLE users (id INT PRIMARY KEY, full_name VARCHAR(80), email VARCHAR(120), phone VARCHAR(40)) ENGINE=InnoDB;
INSERT INTO users SELECT seq, CONCAT('User ', seq), IF(seq = 7, '{CANARY}', CONCAT('u', seq, '@example.org')),
  CONCAT('+1 415 555 ', LPAD(seq % 10000, 4, '0')) FROM seq_1_to_5000;
CREATE TABLE positions (id INT PRIMARY KEY, user_id INT, lat DOUBLE, lon DOUBLE, recorded_at DATETIME) ENGINE=InnoDB;
INSERT INTO positions SELECT seq, seq % 5000 + 1, 40 + (seq % 997) / 1000, -3 - (seq % 991) / 1000,
  TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_50000;
CREATE TABLE weather (id INT PRIMARY KEY, device_id VARCHAR(20), lat DOUBLE, lon DOUBLE, recorded_at DATETIME)
  ENGINE=InnoDB;
INSERT INTO weather SELECT seq, CONCAT('WS-', seq % 500), 50 + (seq % 500) / 10000, 8 + (seq % 500) / 10000,
  TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq MINUTE FROM seq_1_to_5000;
CREATE TABLE members (id INT PRIMARY KEY, full_name VARCHAR(80), email VARCHAR(120), phone VARCHAR(40)) ENGINE=InnoDB;
INSERT INTO members SELECT seq, CONCAT('Member ', seq), CONCAT('m', seq, '@example.org'),
  CONCAT('+1 415 557 ', LPAD(seq, 4, '0')) FROM seq_1_to_2000;
CREATE TABLE pings (id INT PRIMARY KEY, ref INT, lat DOUBLE, lon DOUBLE, at DATETIME,
  FOREIGN KEY (ref) REFERENCES members (id)) ENGINE=InnoDB;
INSERT INTO pings SELECT seq, seq % 2000 + 1, 45 + (seq % 89) / 100, 7 + (seq % 83) / 100,
  TIMESTAMP '2026-01-01 00:00:00' + INTERVAL seq SECOND FROM seq_1_to_20000;
ANALYZE TABLE users, positions, weather, members, pings;
"""
_ENTRY = re.compile(r"^(?:\d{6}\s+\d{1,2}:\d{2}:\d{2})?\s+\d+\s+(?P<command>[A-Z][A-Za-z ]*?)\t(?P<argument>.*)$")


@pytest.fixture(scope="session")
def trail_mariadb() -> Iterator[MariaDBServer]:
    root = Path(tempfile.mkdtemp(prefix="unguarded-trails-mariadb-"))
    root.chmod(0o755)
    server = MariaDBServer(engine="mysql", workdir=root / "mariadb")
    try:
        server.start()
        server.mysql(MARIADB_SQL)
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_mariadb_trail_followed_under_a_statement_limit_and_linked(trail_mariadb, report_schema):
    server = trail_mariadb
    log = server.workdir / "general.log"
    offset = log.stat().st_size
    report = run_scan([f"mysql://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    by_name = {d.name: d for d in svc.datasets}
    positions = by_name["geo.positions"]
    assert "location_trail" in positions.patterns, positions.trail
    assert "location_trail" not in by_name["geo.weather"].patterns, by_name["geo.weather"].trail
    links = {(link.source, link.to): link for link in svc.links}
    assert links[("geo.users", "geo.positions")].via == ("id", "user_id")
    declared = links[("geo.members", "geo.pings")]  # information_schema.KEY_COLUMN_USAGE
    assert declared.via == ("id", "ref") and declared.how == "declared foreign key"
    pings = by_name["geo.pings"]
    assert "location_trail" in pings.patterns and (
        "ref (indexed" in (pings.trail or "") or "sample" in (pings.trail or "")
    )
    assert "tracking_system" in svc.patterns
    text = log.read_bytes()[offset:].decode(errors="replace")
    queries = [m["argument"] for m in map(_ENTRY.match, text.splitlines()) if m and m["command"] == "Query"]
    verbs = {q.split(None, 1)[0].upper() for q in queries}
    assert verbs <= {"SELECT", "SHOW", "SET"}, verbs
    follow_ups = [q for q in queries if "max_statement_time" in q and " FOR SELECT " in q]
    assert follow_ups and len(follow_ups) <= 2 * FAST_READS
    assert all(re.search(r"WHERE `[^`]+` = .* LIMIT \d+$", q) for q in follow_ups)
    assert_value_free(report, CANARY, "User 7")


@pytest.fixture(scope="session")
def trail_search() -> Iterator[OpenSearchStandIn]:
    root = Path(tempfile.mkdtemp(prefix="unguarded-trails-search-"))
    server = OpenSearchStandIn(engine="elasticsearch", workdir=root / "search")
    try:
        server.start()
        base = f"http://127.0.0.1:{server.port}"
        people = "".join(
            json.dumps({"index": {"_index": "people", "_id": str(i)}})
            + "\n"
            + json.dumps(
                {
                    "person_id": f"P{i:05d}",
                    "name": f"Person {i}",
                    "email": CANARY if i == 7 else f"p{i}@example.org",
                    "phone": f"+1 415 555 {i % 10000:04d}",
                }
            )
            + "\n"
            for i in range(5_000)
        )
        fixes = "".join(
            json.dumps({"index": {"_index": "fixes"}})
            + "\n"
            + json.dumps(
                {
                    "person_id": f"P{g % 5000:05d}",
                    "location": {"lat": 40 + (g % 997) / 1000, "lon": -3 - (g % 991) / 1000},
                    "ts": (dt.datetime(2026, 1, 1) + dt.timedelta(seconds=g)).isoformat(),
                }
            )
            + "\n"
            for g in range(20_000)
        )
        for body in (people, fixes):
            httpx.post(
                f"{base}/_bulk?refresh=true",
                content=body,
                headers={"Content-Type": "application/x-ndjson"},
                timeout=120,
            ).raise_for_status()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def _search_state(port: int) -> list[tuple[str, str]]:
    """Every index with its document count: the stand-in keeps no request log, so its state is the proof."""
    listing = httpx.get(f"http://127.0.0.1:{port}/_cat/indices?format=json&h=index,docs.count", timeout=10).json()
    return sorted((i["index"], i["docs.count"]) for i in listing)


def test_search_trail_followed_with_term_queries(trail_search, report_schema):
    before = _search_state(trail_search.port)
    report = run_scan([f"http://127.0.0.1:{trail_search.port}"])
    assert _search_state(trail_search.port) == before
    validate_report(report, report_schema)
    svc = only_service(report)
    by_name = {d.name: d for d in svc.datasets}
    fixes = by_name["fixes"]
    assert "location_trail" in fixes.patterns, fixes.trail
    assert "person_id (indexed" in (fixes.trail or "") or "in the sample" in (fixes.trail or "")
    links = {(link.source, link.to): link for link in svc.links}
    assert links[("people", "fixes")].via == ("person_id", "person_id")
    assert "tracking_system" in svc.patterns
    assert_value_free(report, CANARY, "Person 7")


@pytest.fixture(scope="session")
def trail_redis() -> Iterator[tuple[RedisServer, redis.Redis]]:
    """Per-key trails: GEO sets, streams and lists of positions under one key per device."""
    root = Path(tempfile.mkdtemp(prefix="unguarded-trails-redis-"))
    server = RedisServer(engine="redis", workdir=root / "redis")
    try:
        server.start()
        client = redis.Redis(port=server.port)
        start = dt.datetime(2026, 1, 1)
        pipe = client.pipeline(transaction=False)
        for d in range(40):
            for k in range(10):
                when = (start + dt.timedelta(minutes=5 * k + d)).isoformat()
                lon, lat = 2.1 + d / 100 + k / 997, 41.3 + d / 100 + k / 991
                pipe.geoadd(f"device:{d:04d}", (lon, lat, when))
                pipe.xadd(f"fixes:{d:04d}", {"lat": f"{lat:.6f}", "lon": f"{lon:.6f}", "ts": when})
                pipe.rpush(f"tracker:{d:04d}", json.dumps({"lat": round(lat, 6), "lon": round(lon, 6), "tst": when}))
                # decoys: shops are places (no times); a weather station stays where it is
                pipe.geoadd(f"shops:{d:04d}", (lon, lat, f"shop-{k}"))
                pipe.xadd(f"weather:{d:04d}", {"lat": "52.520008", "lon": "13.404954", "ts": when, "temp": "21.5"})
        pipe.execute()
        client.config_resetstat()
        yield server, client
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


def test_redis_per_key_trails(trail_redis, report_schema):
    server, client = trail_redis
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    by_name = {d.name: d for d in svc.datasets}
    for name in ("device:*", "fixes:*", "tracker:*"):
        assert "location_trail" in by_name[name].patterns, (name, by_name[name].fields)
    for name in ("shops:*", "weather:*"):
        assert "location_trail" not in by_name[name].patterns, name
    stats = client.info("commandstats")
    used = {name.removeprefix("cmdstat_") for name in stats}
    assert "geopos" in used
    assert not used & {"geoadd", "xadd", "rpush", "zadd", "set", "del", "config|set"}, used
