"""Dataset patterns and compromise signs, end to end on real servers and stand-ins.

The classifier's unit tables live in tests/classify; here the same synthetic data goes
into real servers and must come back out of a scan as the right pattern, with masked
evidence only.
"""

from __future__ import annotations

import json

import pytest
import redis
from pymongo import MongoClient

from tests.classify import data
from tests.conftest import Lab, only_service, run_scan, validate_report


@pytest.fixture(scope="module")
def mongo(lab: Lab):
    server = lab.get("mongodb")
    client = MongoClient(port=server.port, directConnection=True)
    yield server, client
    for db in ("patterns", "READ__ME_TO_RECOVER_YOUR_DATA", "shop"):
        client.drop_database(db)


def test_trail_collection_vs_weather_stations_in_mongodb(mongo, report_schema):
    server, client = mongo
    client.patterns.gps.insert_many(data.location_trail())
    client.patterns.weather.insert_many(data.weather_station())
    client.patterns.people.insert_many(data.people())
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    by_name = {d.name: d for d in svc.datasets}
    assert "location_trail" in by_name["patterns.gps"].patterns
    assert "location_trail" not in by_name["patterns.weather"].patterns  # fixed positions are not a trail
    assert "identity_records" in by_name["patterns.people"].patterns
    assert svc.people_exposed and svc.people_exposed >= 60
    assert svc.severity == "critical"


def test_ransomed_and_wiped_mongodb(mongo, report_schema):
    server, client = mongo
    client.READ__ME_TO_RECOVER_YOUR_DATA.README.insert_one(data.ransom_note())
    client.shop.orders.insert_many([{"sku": f"SKU-{i}"} for i in range(3)])
    client.shop.orders.delete_many({})  # wiped: empty collections next to the note
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert svc.compromised and svc.severity == "critical"
    kinds = {e.kind for e in svc.evidence}
    assert "ransom_note" in kinds
    note = next(e for e in svc.evidence if e.kind == "ransom_note")
    assert note.dataset == "READ__ME_TO_RECOVER_YOUR_DATA.README"
    assert "1KXrWXciRDZUpQwQmuM1DbwsKDLYAieHeg" not in json.dumps(report.to_json_dict())  # BTC address masked
    assert "ransom_note" in {d.name: d for d in svc.datasets}["READ__ME_TO_RECOVER_YOUR_DATA.README"].patterns


def test_trail_table_in_postgresql(lab: Lab):
    server = lab.get("postgresql")
    server.psql("DROP DATABASE IF EXISTS fleet")
    server.psql("CREATE DATABASE fleet")
    rows = data.location_trail(devices=8, points=15)
    values = ",".join(
        f"('{r['device_id']}', '{r['ts']}', {r['location']['coordinates'][1]}, {r['location']['coordinates'][0]})"
        for r in rows
    )
    server.psql(
        f"CREATE TABLE fixes (device_id text, ts timestamptz, lat double precision, lon double precision); "
        f"INSERT INTO fixes VALUES {values}; ANALYZE fixes;",
        db="fleet",
    )
    svc = only_service(run_scan([f"postgresql://127.0.0.1:{server.port}"]))
    fixes = {d.name: d for d in svc.datasets}["fleet.public.fixes"]
    assert fixes.records == 120 and "location_trail" in fixes.patterns
    assert "location.coordinates" in fixes.categories


def test_redis_with_cron_keys_is_compromised(lab: Lab):
    server = lab.get("redis")
    client = redis.Redis(port=server.port)
    client.mset(data.redis_cron_values())
    try:
        svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    finally:
        client.delete(*data.redis_cron_values())
    assert svc.compromised and svc.severity == "critical"
    cron = [e for e in svc.evidence if e.kind == "redis_cron_job"]
    assert cron and all("203.0.113.7" not in e.detail for e in cron)


def test_patterns_are_listed_once(mongo):
    server, client = mongo
    client.READ__ME_TO_RECOVER_YOUR_DATA.README.insert_one(data.ransom_note())
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    for ds in svc.datasets:
        assert len(ds.patterns) == len(set(ds.patterns)), ds
