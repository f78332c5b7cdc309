"""Kafka against the wire-protocol stand-in: open, protected (SASL), read-only, bounded.

The read-only proof is the stand-in's own request log: only ApiVersions, SaslHandshake,
Metadata, ListOffsets and Fetch, no refused request (a Produce, JoinGroup, OffsetCommit or
CreateTopics would be logged, then the connection closed), and every partition's
watermarks the same before and after the scan.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import socket
import struct

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.kafka import (
    API_LIST_OFFSETS,
    ENGINE,
    PROBE,
    KafkaConnection,
    _Reader,
    _string,
    decode_records,
    request_frame,
)
from unguarded.lab.kafka_standin import KafkaStandInState, record_batch
from unguarded.lab.servers import KafkaStandIn

CANARY = "canary-kafka-5d1e@leak-test.example"
READS = {"ApiVersions", "SaslHandshake", "Metadata", "ListOffsets", "Fetch"}
NEVER = {"Produce", "JoinGroup", "SyncGroup", "OffsetCommit", "CreateTopics", "DeleteTopics", "FindCoordinator"}


def customer(i: int) -> dict[str, object]:
    return {
        "value": {
            "customer": "Maria Garcia" if i % 2 else "John Smith",
            "email": CANARY if i == 0 else f"user{i}@example.org",
            "phone": "+34612345678",
            "amount": 10 + i,
        },
        "key": f"order-{i}",
    }


def position(step: int) -> dict[str, object]:
    return {
        "value": {
            "_type": "location",
            "tid": "al",
            "lat": round(52.520008 + step * 0.00117, 6),
            "lon": round(13.404954 + step * 0.00093, 6),
            "tst": 1764600000 + 30 * step,
        }
    }


DATA = {
    "topics": {
        "orders": {
            "partitions": [[customer(i) for i in range(0, 30, 2)], [customer(i) for i in range(1, 30, 2)]],
            "low": [5, 0],
        },
        "tracker-positions": {"partitions": [[position(i) for i in range(40)]]},
        "app-logs": {"partitions": [[{"value": f"GET /health 200 {i}ms"} for i in range(12)]]},
        "empty": {"partitions": [[], [], []]},
        "__consumer_offsets": {"partitions": [[]], "internal": True},
    }
}


def watermarks(port: int) -> dict[tuple[str, int], tuple[int, int]]:
    """Every partition's (earliest, latest) offsets, asked with ListOffsets like any client."""

    async def ask() -> dict[tuple[str, int], tuple[int, int]]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        conn = KafkaConnection(reader, writer, 5.0)
        found: dict[tuple[str, int], list[int]] = {}
        try:
            for timestamp in (-2, -1):
                topics = DATA["topics"]
                body = struct.pack(">ii", -1, len(topics))
                for name, spec in topics.items():
                    body += _string(name.encode()) + struct.pack(">i", len(spec["partitions"]))
                    body += b"".join(struct.pack(">iq", i, timestamp) for i in range(len(spec["partitions"])))
                r = _Reader(await conn.call(API_LIST_OFFSETS, 1, body, 1 << 20))
                for _ in range(r.count()):
                    name = r.string() or ""
                    for _ in range(r.count()):
                        index, error, _ts, offset = r.i32(), r.i16(), r.i64(), r.i64()
                        assert error == 0
                        found.setdefault((name, index), []).append(offset)
        finally:
            await conn.close()
        return {key: (low, high) for key, (low, high) in found.items()}

    return asyncio.run(ask())


@pytest.fixture(scope="module")
def open_kafka(lab: Lab) -> KafkaStandIn:
    server = lab.get("kafka")
    assert isinstance(server, KafkaStandIn)
    server.seed(DATA)
    return server


def test_open_broker_is_admin_with_topics_counted_and_sampled_read_only(open_kafka, report_schema):
    server = open_kafka
    before = watermarks(server.port)
    since = len(server.requests())
    report = run_scan([f"kafka://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("kafka", "open", "admin")
    assert svc.severity == "critical"
    detail = svc.auth_detail or ""
    assert "ILLEGAL_SASL_STATE" in detail and "4 topics, 8 partitions" in detail, detail
    assert "ALTER_CONFIGS" in detail  # what the broker says anyone may do on the cluster
    by_name = {d.name: d for d in svc.datasets}
    assert set(by_name) == {"orders", "tracker-positions", "app-logs", "empty"}  # no internal topic
    assert (by_name["orders"].records, by_name["tracker-positions"].records, by_name["empty"].records) == (30, 40, 0)
    assert {"contact.email", "person.name"} <= set(by_name["orders"].categories), by_name["orders"].categories
    tracks = by_name["tracker-positions"]
    assert "location.coordinates" in tracks.categories and "location_trail" in tracks.patterns
    assert not by_name["app-logs"].categories
    assert_value_free(report, CANARY)
    assert "canary-kafka" not in json.dumps(data)
    # read-only, from the stand-in's own log and state
    requests = server.requests()[since:]
    apis = {str(r["api"]) for r in requests}
    assert apis <= READS and "Fetch" in apis and "ListOffsets" in apis, apis
    assert not apis & NEVER and not any(r.get("refused") for r in requests)
    fetched = [f for r in requests if r["api"] == "Fetch" for f in r["fetched"]]
    assert {f[0] for f in fetched} == {"orders", "tracker-positions", "app-logs"}  # assign()-style, no group
    assert watermarks(server.port) == before


def test_kafka_found_without_hint_on_an_odd_port(open_kafka):
    svc = only_service(run_scan([f"127.0.0.1:{open_kafka.port}"]))
    assert (svc.engine, svc.exposure, svc.access) == ("kafka", "open", "admin")


def test_sasl_listener_is_protected_and_never_asked_for_metadata(lab: Lab, report_schema):
    server = lab.get("kafka", protected=True)
    assert isinstance(server, KafkaStandIn)
    server.seed(DATA)
    since = len(server.requests())
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "kafka",
        "protected",
        "none",
        (),
        "info",
    )
    assert "SCRAM-SHA-512" in (svc.auth_detail or "")
    assert {str(r["api"]) for r in server.requests()[since:]} == {"ApiVersions", "SaslHandshake"}


def test_requests_the_stand_in_does_not_serve_close_the_connection(open_kafka):
    produce = request_frame(0, 3, 7, struct.pack(">hhi", -1, 1, 30000) + struct.pack(">i", 0))
    with socket.create_connection(("127.0.0.1", open_kafka.port), timeout=5) as sock:
        sock.sendall(produce)
        assert sock.recv(100) == b""  # closed, as a broker closes on a request it has not enabled
    assert open_kafka.requests()[-1] == {"api": "Produce", "version": 3, "client_id": "unguarded", "refused": True}
    newer = request_frame(18, 9, 11, b"")
    with socket.create_connection(("127.0.0.1", open_kafka.port), timeout=5) as sock:
        sock.sendall(newer)
        answer = sock.recv(1000)
    assert struct.unpack_from(">iih", answer)[1:] == (11, 35)  # UNSUPPORTED_VERSION, in the v0 layout


def test_a_million_topics_and_a_huge_message_stay_bounded(lab: Lab):
    server = lab.get("kafka")
    assert isinstance(server, KafkaStandIn)
    hostile = {"topics": {**DATA["topics"], "blob": {"partitions": [[{"value_bytes": 3 * 1024 * 1024}]]}}}
    server.seed(hostile | {"extra_topics": 200_000})
    try:
        options = dataclasses.replace(FAST, dataset_byte_cap=256 * 1024, max_datasets=8)
        svc = only_service(run_scan([f"kafka://127.0.0.1:{server.port}"], options))
        server.seed(hostile)
        huge = only_service(run_scan([f"kafka://127.0.0.1:{server.port}"], options))
    finally:
        server.seed(DATA)
    assert (svc.engine, svc.exposure) == ("kafka", "open")
    messages = " ".join(e.message for e in svc.errors)
    assert "topic listing cut at" in messages and "--max-datasets" in messages, messages
    assert len(svc.datasets) == 8
    blob = {d.name: d for d in huge.datasets}["blob"]
    assert blob.records == 1 and blob.sampled == 0
    assert "exceeds the" in " ".join(e.message for e in huge.errors)
    assert {d.name: d for d in huge.datasets}["tracker-positions"].records == 40  # later topics still read


# ---------------------------------------------------------------- recorded answers and units


def test_match_the_api_versions_answer():
    answer = KafkaStandInState.api_versions(0)
    frame = struct.pack(">ii", len(answer) + 4, struct.unpack_from(">i", PROBE, 8)[0]) + answer
    identity = ENGINE.match(frame)
    assert identity is not None and identity.engine == "kafka"
    assert ENGINE.match(frame[:-2]) is None  # a cut answer
    assert ENGINE.match(b"HTTP/1.1 400 Bad Request\r\n\r\n") is None
    assert ENGINE.match(struct.pack(">ii", 6, 1) + b"\x00\x00") is None  # another correlation id


def test_record_batches_decode_and_partial_batches_are_left():
    data = record_batch(7, 0, b"k", b'{"email": "x@example.org"}') + record_batch(8, 0, None, b"plain")
    records, skipped = decode_records(data + record_batch(9, 0, None, b"cut")[:-3], 1 << 16)
    assert records == [(7, b"k", b'{"email": "x@example.org"}'), (8, None, b"plain")] and not skipped
