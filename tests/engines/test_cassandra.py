"""Cassandra against the CQL native-protocol stand-in: open, protected, read-only, bounded."""

from __future__ import annotations

import json
import socket
import threading
from typing import Any

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.base import ScanOptions
from unguarded.engines.cassandra import ENGINE, OPTIONS_FRAME

CANARY = "canary-cql-71c3@leak-test.example"


def customers(n: int) -> list[list[Any]]:
    return [
        [
            i,
            "Maria Garcia" if i % 2 else "John Smith",
            CANARY if i == 0 else f"user{i}@example.org",
            "+34612345678",
            ["+34612345679"],
        ]
        for i in range(n)
    ]


DATA = {
    "keyspaces": {
        "shop": {
            "tables": {
                "customers": {
                    "columns": [
                        ["id", "int"],
                        ["full_name", "text"],
                        ["email", "text"],
                        ["phone", "text"],
                        ["other_phones", "list<text>"],
                    ],
                    "rows": customers(300),
                    "partitions": 300,
                },
                "events": {
                    "columns": [["id", "uuid"], ["kind", "text"], ["at", "timestamp"]],
                    "rows": [
                        ["6f1e8a4e-35b8-4a40-9b8f-0c1b8a7f2d10", "login", "2024-05-01T10:00:00"],
                        ["0a9f3c52-2b17-4d7e-8a1a-5f5b6a3d9e21", "logout", "2024-05-01T11:00:00"],
                    ],
                },
            }
        }
    }
}


def test_open_cassandra(lab: Lab, report_schema):
    server = lab.get("cassandra")
    server.seed(DATA)  # type: ignore[attr-defined]
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("cassandra", "open", "admin", "4.1.3")
    assert "AllowAllAuthenticator" in (svc.auth_detail or "")
    by_name = {d.name: d for d in svc.datasets}
    assert set(by_name) == {"shop.customers", "shop.events"}  # system keyspaces are not the owner's data
    customers_ds = by_name["shop.customers"]
    assert customers_ds.records == 300 and customers_ds.sampled == 200  # size_estimates; sample bounded
    assert {"contact.email", "contact.phone", "person.name"} <= customers_ds.categories
    assert by_name["shop.events"].records == 2  # the sample reached the end of the table: exact
    assert svc.severity == "critical"
    assert_value_free(report, CANARY)
    # read-only, from the stand-in's own frame log: only OPTIONS, STARTUP and SELECT queries
    # ("invalid": other engines' probes, refused at the frame header as Cassandra does)
    frames = server.requests()  # type: ignore[attr-defined]
    assert {f["opcode"] for f in frames} <= {"OPTIONS", "STARTUP", "QUERY", "invalid"}
    queries = [f["query"] for f in frames if f["opcode"] == "QUERY"]
    assert queries and all(q.startswith("SELECT ") for q in queries)
    assert 'SELECT * FROM "shop"."customers" LIMIT 200' in queries
    assert all(f["page_size"] for f in frames if f["opcode"] == "QUERY")


def test_protected_cassandra(lab: Lab, report_schema):
    server = lab.get("cassandra", protected=True)
    report = run_scan([f"cassandra://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "cassandra",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail == "authentication required (org.apache.cassandra.auth.PasswordAuthenticator)"
    assert {f["opcode"] for f in server.requests()} <= {"OPTIONS", "STARTUP", "invalid"}  # type: ignore[attr-defined]


def test_stand_in_refuses_queries_before_startup(lab: Lab):
    """The stand-in's honesty: Cassandra's own protocol error, not an answer."""
    server = lab.get("cassandra")
    body = b"\x00\x00\x00\x08SELECT 1" + b"\x00\x01\x00"
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(b"\x04\x00\x00\x01\x07" + len(body).to_bytes(4, "big") + body)
        answer = sock.recv(4096)
    assert answer[4] == 0x00 and b"Unexpected message QUERY, expecting STARTUP or OPTIONS" in answer


def test_match_ignores_garbage_and_http():
    assert ENGINE.match(b"HTTP/1.1 200 OK\r\n\r\n{}") is None
    assert ENGINE.match(OPTIONS_FRAME) is None  # a request echoed back is not a response
    assert ENGINE.match(bytes(range(256))) is None


def test_hostile_huge_frame_ends_within_deadline():
    """A peer that answers STARTUP with READY, then announces a 2 GB result: refused unread."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            while True:
                head = conn.recv(9)
                if len(head) < 9:
                    return
                conn.recv(int.from_bytes(head[5:9], "big"))
                if head[4] == 0x05:
                    body = b"\x00\x01\x00\x0bCQL_VERSION\x00\x01\x00\x053.4.6"
                    conn.sendall(b"\x84\x00" + head[2:4] + b"\x06" + len(body).to_bytes(4, "big") + body)
                elif head[4] == 0x01:
                    conn.sendall(b"\x84\x00" + head[2:4] + b"\x02\x00\x00\x00\x00")
                else:
                    conn.sendall(b"\x84\x00" + head[2:4] + b"\x08\x7f\xff\xff\xff" + b"\x00" * 1024)

    threads = [threading.Thread(target=serve, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    options = ScanOptions(**{**FAST.__dict__, "service_deadline": 10.0})
    report = run_scan([f"cassandra://127.0.0.1:{port}"], options)
    listener.close()
    svc = only_service(report)
    assert svc.exposure == "open" and not svc.datasets
    assert any("cap" in e.message for e in report.all_errors), report.all_errors
    assert json.dumps(report.to_json_dict())


def test_wiped_keyspace_with_a_ransom_table_is_compromised(lab: Lab, report_schema):
    server = lab.get("cassandra")
    note = "All your data is backed up. To recover it send 0.05 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh"
    server.seed(  # type: ignore[attr-defined]
        {
            "keyspaces": {
                "crm": {
                    "tables": {"readme_to_recover": {"columns": [["id", "int"], ["note", "text"]], "rows": [[1, note]]}}
                },
                "shop": DATA["keyspaces"]["shop"],
            }
        }
    )
    try:
        report = run_scan([f"cassandra://127.0.0.1:{server.port}"])
    finally:
        server.seed(DATA)  # type: ignore[attr-defined]
    validate_report(report, report_schema)
    svc = only_service(report)
    assert svc.compromised and svc.severity == "critical"
    assert any("crm" in e.detail for e in svc.evidence if e.kind != "auth"), svc.evidence
    assert "bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh" not in json.dumps(report.to_json_dict())


def test_scylla_is_told_from_cassandra_by_its_options():
    def supported(options: dict[str, list[str]]) -> bytes:
        body = len(options).to_bytes(2, "big")
        for key, values in options.items():
            body += len(key).to_bytes(2, "big") + key.encode() + len(values).to_bytes(2, "big")
            body += b"".join(len(v).to_bytes(2, "big") + v.encode() for v in values)
        return b"\x84\x00\x00\x00\x06" + len(body).to_bytes(4, "big") + body

    scylla = ENGINE.match(supported({"CQL_VERSION": ["3.3.1"], "SCYLLA_SHARD": ["0"], "SCYLLA_NR_SHARDS": ["2"]}))
    cassandra = ENGINE.match(supported({"CQL_VERSION": ["3.4.6"], "COMPRESSION": ["lz4"]}))
    assert scylla is not None and scylla.engine == "scylla"
    assert cassandra is not None and (cassandra.engine, cassandra.detail) == ("cassandra", "CQL 3.4.6")
