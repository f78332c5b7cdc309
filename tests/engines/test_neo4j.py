"""Neo4j against its stand-in, over HTTP and Bolt: open, protected (Security.Unauthorized), read-only, bounded."""

from __future__ import annotations

import asyncio
import re
import socket
import time
from collections.abc import Callable
from dataclasses import replace

import httpx
import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from tests.hostile import _serve
from unguarded.engines._bolt import BoltError, BoltFailure, BoltSession, unpack_message
from unguarded.engines.base import Identity, ScanContext
from unguarded.engines.neo4j import ENGINE
from unguarded.models import Endpoint

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


# ----------------------------------------------------------------------------- Bolt (7687)

BOLT_MESSAGES = {"HANDSHAKE", "HTTP", "HELLO", "LOGON", "BEGIN", "RUN", "PULL", "GOODBYE"}


def test_open_neo4j_over_bolt(lab: Lab, report_schema):
    server = lab.get("neo4j")
    server.seed(graph())  # type: ignore[attr-defined]
    report = run_scan([f"127.0.0.1:{server.bolt_port}"])  # type: ignore[attr-defined]
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("neo4j", "open", "admin", "5.13.0")
    assert svc.auth_detail.startswith("no authentication") and "Bolt 5.4" in svc.auth_detail
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["Person"].records == 230 and by_name["Person"].sampled == 200  # count(n); PULL n bounded
    assert by_name["City"].records == 1
    assert {"contact.email", "contact.phone", "person.name"} <= by_name["Person"].categories
    assert svc.severity == "critical"
    assert_value_free(report, CANARY)
    # read-only, from the stand-in's own Bolt log: only the handshake, HELLO/LOGON without
    # credentials, BEGIN in READ mode, read Cypher inside it, PULL and GOODBYE; never a COMMIT
    messages = server.bolt_messages()  # type: ignore[attr-defined]
    names = {m["message"] for m in messages}
    assert {"HELLO", "LOGON", "BEGIN", "RUN", "PULL", "GOODBYE"} <= names <= BOLT_MESSAGES, names
    assert all(m["scheme"] in (None, "none") for m in messages if m["message"] in ("HELLO", "LOGON"))
    assert all(m["mode"] == "r" for m in messages if m["message"] in ("BEGIN", "RUN"))
    queries = [m["query"] for m in messages if m["message"] == "RUN"]
    assert all(READ_ONLY.match(q) and not WRITES.search(q) for q in queries), queries
    assert all(m["n"] is not None and 0 < m["n"] <= 500 for m in messages if m["message"] == "PULL")
    assert all(m["request_line"].startswith("GET ") for m in messages if m["message"] == "HTTP")


def test_protected_neo4j_over_bolt(lab: Lab, report_schema):
    server = lab.get("neo4j", protected=True)
    report = run_scan([f"bolt://127.0.0.1:{server.bolt_port}"])  # type: ignore[attr-defined]
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "neo4j",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail == "Bolt 5.4: credentials required (Neo.ClientError.Security.Unauthorized)"
    messages = server.bolt_messages()  # type: ignore[attr-defined]
    assert not {m["message"] for m in messages} & {"BEGIN", "RUN", "PULL"}  # refused at LOGON


def test_bolt_stand_in_refuses_writes_in_a_read_transaction(lab: Lab):
    server = lab.get("neo4j")

    async def attempt() -> str:
        ep = Endpoint(host="127.0.0.1", address="127.0.0.1", port=server.bolt_port)  # type: ignore[attr-defined]
        session = await BoltSession.open(ep, ScanContext(FAST))
        assert session is not None and session.version == (5, 4)
        try:
            await session.log_on()
            await session.begin_read()
            with pytest.raises(BoltFailure) as refused:
                await session.query("CREATE (n:Person {name: 'x'}) RETURN n", {}, 1, 1024)
            with pytest.raises(BoltFailure) as ignored:  # FAILED state: IGNORED until RESET
                await session.query("CALL db.labels()", {}, 1, 1024)
            return f"{refused.value.code} {ignored.value.code}"
        finally:
            await session.close()

    assert asyncio.run(attempt()) == "Neo.ClientError.Statement.AccessMode unguarded.Ignored"


def test_bolt_match_is_the_exact_version_answer():
    assert ENGINE.match(b"\x00\x00\x04\x05") == Identity("neo4j", detail="Bolt 5.4")
    assert ENGINE.match(b"\x00\x00\x04\x04") == Identity("neo4j", detail="Bolt 4.4")
    for answer in (
        b"\x00\x00\x00\x00",  # no common version: not enough to say Neo4j
        b"\x00\x00\x00\x03",  # Bolt 3 was not offered
        b"\x00\x00\x09\x05",  # nor 5.9
        b"\x00\x01\x04\x05",
        b"\x00\x00\x04\x05\x00",
        b"\x00\x00\x04",
        b"HTTP",
    ):
        assert ENGINE.match(answer) is None, answer


def test_packstream_lengths_past_the_message_are_refused():
    huge_string = b"\xb1\x70\xa1\x81k\xd2\x7f\xff\xff\xff" + b"x" * 16  # SUCCESS {k: <2 GB string>}
    with pytest.raises(BoltError, match="past the end"):
        unpack_message(huge_string)
    nested = b"\xb1\x71" + b"\x91" * 100 + b"\x01"
    with pytest.raises(BoltError, match="deeper"):
        unpack_message(nested)


def _hostile_bolt(after_hello: bytes, *, forever: bool) -> tuple[int, Callable[[], None]]:
    """A peer that shakes hands as Bolt 5.4, then answers HELLO with ``after_hello`` (repeated if ``forever``)."""

    def handle(conn: socket.socket) -> None:
        try:
            if conn.recv(4) != b"\x60\x60\xb0\x17":
                return
            conn.recv(16)
            conn.sendall(b"\x00\x00\x04\x05")
            conn.recv(4096)
            conn.sendall(after_hello)
            while forever:
                conn.sendall(after_hello)
            time.sleep(30)  # hold the line: the client's own read timeout must end it
        except OSError:
            pass

    return _serve(handle)


@pytest.mark.parametrize(
    ("after_hello", "forever", "error"),
    [
        (b"\xff\xff" + b"\xb1" * 0xFFFF, True, "a message over 262,144 bytes"),  # endless full chunks
        (b"\xff\xff" + b"\xb1" * 100, False, "no answer within"),  # announces 64 KiB, sends 100 bytes
        (b"\x00\x00" * 1000, False, "empty chunks"),  # NOOPs and never a message
    ],
    ids=["endless-chunks", "short-chunk", "noops"],
)
def test_hostile_bolt_peer_ends_within_the_deadline(after_hello: bytes, forever: bool, error: str):
    port, close = _hostile_bolt(after_hello, forever=forever)
    try:
        options = replace(FAST, dataset_byte_cap=256 * 1024, io_timeout=1.0, service_deadline=10.0)
        report = run_scan([f"bolt://127.0.0.1:{port}"], options)
    finally:
        close()
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.datasets) == ("neo4j", "unknown", ())
    assert any(error in e.message for e in report.all_errors), report.all_errors
