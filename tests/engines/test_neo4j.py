"""Neo4j against its HTTP stand-in: open, protected (401 Unauthorized), read-only, bounded."""

from __future__ import annotations

import re

import httpx

from tests.conftest import Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.neo4j import ENGINE

CANARY = "canary-neo4j-2b7f@leak-test.example"
READ_ONLY = re.compile(r"^(CALL db\.labels\(\)|MATCH \(n:`[^`]+`\) RETURN (count\(n\) AS records|n LIMIT \$limit))")
WRITES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP)\b", re.IGNORECASE)


def graph() -> dict[str, object]:
    people = [
        {
            "labels": ["Person"],
            "properties": {
                "name": "Maria Garcia" if i % 2 else "John Smith",
                "email": CANARY if i == 0 else f"p{i}@example.org",
                "phone": "+34612345678",
            },
        }
        for i in range(230)
    ]
    return {"nodes": [*people, {"labels": ["City"], "properties": {"title": "Madrid"}}]}


def test_open_neo4j(lab: Lab, report_schema):
    server = lab.get("neo4j")
    server.seed(graph())  # type: ignore[attr-defined]
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("neo4j", "open", "admin", "5.13.0")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["Person"].records == 230 and by_name["Person"].sampled == 200  # count(n); LIMIT bounded
    assert by_name["City"].records == 1
    assert {"contact.email", "contact.phone", "person.name"} <= by_name["Person"].categories
    assert svc.severity == "critical"
    assert_value_free(report, CANARY)
    # read-only, from the stand-in's own log: every transaction asked for READ mode (so a real
    # server refuses writes itself) and held only read Cypher
    calls = server.requests()  # type: ignore[attr-defined]
    transactions = [c for c in calls if c["method"] == "POST"]
    assert transactions and all(c["path"] == "/db/neo4j/tx/commit" for c in transactions)
    assert all(c["access_mode"] == "READ" for c in transactions)
    statements = [s for c in transactions for s in c["statements"]]
    assert all(READ_ONLY.match(s) and not WRITES.search(s) for s in statements), statements
    assert {c["method"] for c in calls} <= {"GET", "POST"}


def test_protected_neo4j(lab: Lab, report_schema):
    server = lab.get("neo4j", protected=True)
    report = run_scan([f"neo4j://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "neo4j",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail == "HTTP 401: credentials required (Neo.ClientError.Security.Unauthorized)"


def test_stand_in_refuses_writes_in_a_read_transaction(lab: Lab):
    server = lab.get("neo4j")
    url = f"http://127.0.0.1:{server.port}/db/neo4j/tx/commit"
    write = {"statements": [{"statement": "CREATE (n:Person {name: 'x'}) RETURN n"}]}
    answer = httpx.post(url, json=write, headers={"access-mode": "READ"}).json()
    assert answer["results"] == [] and answer["errors"][0]["code"] == "Neo.ClientError.Statement.AccessMode"
    missing = httpx.post(url.replace("/neo4j/", "/other/"), json={"statements": []})
    assert missing.status_code == 404 and missing.json()["errors"][0]["code"].endswith("DatabaseNotFound")


def test_match_needs_the_discovery_document():
    assert ENGINE.match(b'HTTP/1.1 200 OK\r\n\r\n{"neo4j_version": "5.1.0"}') is None
    assert ENGINE.match(b'HTTP/1.1 200 OK\r\n\r\n{"neo4j_version": "5.1.0", "bolt_direct": "bolt://x:7687"}')
    assert ENGINE.match(b"HTTP/1.1 401 Unauthorized\r\n\r\n{}") is None
