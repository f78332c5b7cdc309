"""MongoDB against the secantusdb stand-in (wire protocol, WiredTiger), open and --auth."""

from __future__ import annotations

import hashlib
import json

import bson
import pytest
from pymongo import MongoClient

from tests.conftest import Lab, only_service, run_scan, validate_report

CANARY = "canary-mongo-5d1c@leak-test.example"


def fingerprint(client: MongoClient) -> dict[str, str]:
    """Count and a content hash per collection: proof that nothing changed."""
    out = {}
    for db_name in client.list_database_names():
        if db_name in ("local", "config", "admin"):
            continue
        for coll in client[db_name].list_collection_names():
            docs = sorted(bson.encode(d) for d in client[db_name][coll].find())
            out[f"{db_name}.{coll}"] = f"{len(docs)}:{hashlib.sha256(b''.join(docs)).hexdigest()}"
    return out


@pytest.fixture(scope="module")
def open_mongo(lab: Lab):
    server = lab.get("mongodb")
    client = MongoClient(port=server.port, directConnection=True)
    client.drop_database("crm")
    client.crm.customers.insert_many(
        [
            {"name": {"first": "Ana", "last": "Silva"}, "email": f"ana{i}@example.com", "tags": ["vip"]}
            for i in range(75)
        ]
        + [{"name": {"first": "Canary", "last": "Bird"}, "email": CANARY}]
    )
    client.crm.big.insert_one({"blob": "x" * (2 * 1024 * 1024)})  # over the per-record cap
    client.crm.empty_log.insert_one({"n": 1})
    client.crm.empty_log.delete_many({})
    return server, client


def test_open_mongodb_inventory(open_mongo, report_schema):
    server, client = open_mongo
    before = fingerprint(client)
    report = run_scan([f"mongodb://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("mongodb", "open", "admin")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["crm.customers"].records == 76
    assert by_name["crm.customers"].sampled == 76
    assert "contact.email" in by_name["crm.customers"].categories
    assert by_name["crm.big"].records == 1 and by_name["crm.big"].sampled == 0
    assert any("cap" in e.message for e in svc.errors)
    assert by_name["crm.empty_log"].records == 0
    assert fingerprint(client) == before  # read-only: counts and contents unchanged
    assert CANARY not in json.dumps(report.to_json_dict())


def test_ransomed_mongodb_is_compromised(open_mongo):
    server, client = open_mongo
    client.READ__ME_TO_RECOVER_YOUR_DATA.README.insert_one(
        {"content": "All your data is backed up. Pay 0.01 BTC to recover it."}
    )
    try:
        svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    finally:
        client.drop_database("READ__ME_TO_RECOVER_YOUR_DATA")
    assert svc.compromised and svc.severity == "critical"
    assert any(e.kind == "ransom_note" for e in svc.evidence)
