"""Second ports scanned on their own: the NATS monitor (8222), RabbitMQ's management API (15672), Milvus's health port (9091).

Both are recognised from what they answer on their own port, with no hint, against the
real Debian servers, and each is assessed there: the NATS monitor as an open,
metadata-only service (clients and streams), the RabbitMQ management API with the
vendor default login. The read-only proof is each server's own counters: NATS ``in_msgs``
and stream sequence numbers, RabbitMQ's queue depths and message counters.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.conftest import Lab, only_service, run_scan, validate_report
from unguarded.engines.milvus import ENGINE as MILVUS
from unguarded.engines.milvus import GRPC_FROM_HEALTH
from unguarded.engines.nats import ENGINE as NATS
from unguarded.engines.rabbitmq import ENGINE as RABBITMQ
from unguarded.lab.servers import MilvusLiteServer, NatsServer, RabbitMQServer, free_port_with_partner

#: GET / on nats-server 2.9.10's monitor, as recorded from the Debian package (body shortened)
NATS_ROOT = (
    b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html lang="en">\n<body>\n'
    b"<a href=https://github.com/nats-io/nats-server class='version'>v2.9.10</a>\n"
    b"<a href=./varz>General</a>\n<a href=./jsz>JetStream</a>\n<a href=./connz>Connections</a>\n"
)
#: GET / (Accept: application/json) and GET /api/overview on rabbitmq-server 3.10's management port, recorded
RABBIT_ROOT = (
    b"HTTP/1.1 406 Not Acceptable\r\nconnection: close\r\ncontent-length: 0\r\n"
    b"content-security-policy: script-src 'self' 'unsafe-eval' 'unsafe-inline'; object-src 'self'\r\n"
    b"server: Cowboy\r\nvary: origin\r\n\r\n"
)
RABBIT_OVERVIEW = (
    b"HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\nserver: Cowboy\r\n"
    b'www-authenticate: Basic realm="RabbitMQ Management"\r\n\r\n'
)


def jetstream(server: NatsServer) -> dict[str, tuple[int, int]]:
    jsz = server.monitor("/jsz?accounts=true&streams=true")
    return {
        s["name"]: (s["state"]["messages"], s["state"]["last_seq"])
        for account in jsz.get("account_details", [])
        for s in account.get("stream_detail", [])
    }


def queue_depths(server: RabbitMQServer) -> dict[tuple[str, str], int]:
    """Every queue's depth, once the management statistics (every 0.5 s) have them all."""
    deadline = time.monotonic() + 30
    while True:
        queues = server.api("GET", "/queues?columns=name,vhost,messages")
        if all(q.get("messages") is not None for q in queues) or time.monotonic() > deadline:
            return {(q["vhost"], q["name"]): q.get("messages") for q in queues}
        time.sleep(0.2)


def test_nats_monitor_alone_is_open_metadata_with_streams(lab: Lab, report_schema):
    server = lab.get("nats")
    assert isinstance(server, NatsServer)
    config = {"name": "AUDIT", "subjects": ["audit.>"]}
    server.publish([("$JS.API.STREAM.CREATE.AUDIT", json.dumps(config).encode())], request=True)
    server.publish([("audit.login", b'{"user": "x"}') for _ in range(4)])
    before, in_msgs = jetstream(server), server.monitor("/varz")["in_msgs"]
    report = run_scan([f"127.0.0.1:{server.monitor_port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("nats", "open", "metadata", "2.9.10")
    detail = svc.auth_detail or ""
    assert "answers anyone" in detail and f"client port {server.port} requires none" in detail, detail
    streams = {d.name: d for d in svc.datasets}
    assert streams["stream:AUDIT"].records == 4 and streams["stream:AUDIT"].sampled == 0
    assert jetstream(server) == before and server.monitor("/varz")["in_msgs"] == in_msgs


def test_rabbitmq_management_alone_is_the_default_login_with_queue_depths(lab: Lab, report_schema):
    server = lab.get("rabbitmq")
    assert isinstance(server, RabbitMQServer)
    server.api("PUT", "/queues/%2F/own-port-check", {"durable": True})
    for _ in range(2):
        message = {"properties": {}, "routing_key": "own-port-check", "payload": "x", "payload_encoding": "string"}
        server.api("POST", "/exchanges/%2F/amq.default/publish", message)
    depths = queue_depths(server)
    report = run_scan([f"127.0.0.1:{server.management_port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("rabbitmq", "default_credentials", "admin")
    assert "management API" in (svc.auth_detail or "")
    assert "%2F/own-port-check" in {d.name for d in svc.datasets}
    assert queue_depths(server) == depths


def test_protected_rabbitmq_management_alone_is_recognised_and_protected(lab: Lab):
    server = lab.get("rabbitmq", protected=True)
    assert isinstance(server, RabbitMQServer)
    svc = only_service(run_scan([f"127.0.0.1:{server.management_port}"]))
    assert (svc.engine, svc.exposure, svc.access) == ("rabbitmq", "protected", "none")


def test_recorded_answers_of_the_second_ports():
    monitor = NATS.match(NATS_ROOT)
    assert monitor is not None and (monitor.version, monitor.detail) == ("2.9.10", "monitor")
    assert RABBITMQ.match(RABBIT_ROOT) is not None and RABBITMQ.match(RABBIT_OVERVIEW) is not None
    assert NATS.match(b"HTTP/1.1 200 OK\r\n\r\n<a href=./varz>x</a>") is None  # not the nats-server page
    assert RABBITMQ.match(b"HTTP/1.1 406 Not Acceptable\r\nserver: Cowboy\r\n\r\n") is None


def test_milvus_health_port_alone_is_recognised_and_reported(lab: Lab, report_schema):
    server = lab.get("milvus")
    assert isinstance(server, MilvusLiteServer)
    report = run_scan([f"127.0.0.1:{server.health_port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets) == ("milvus", "open", "metadata", ())
    assert "health port answers anyone" in (svc.auth_detail or "") and "rootcoord" in (svc.auth_detail or "")


def test_milvus_health_port_with_its_grpc_api_at_the_default_distance(tmp_path: Path):
    health = free_port_with_partner(GRPC_FROM_HEALTH)
    server = MilvusLiteServer(engine="milvus", workdir=tmp_path / "milvus", port=health + GRPC_FROM_HEALTH)
    server.health_port = health
    try:
        server.start()
        svc = only_service(run_scan([f"127.0.0.1:{health}"]))
        calls = server.requests()
    finally:
        server.stop()
    assert (svc.engine, svc.exposure, svc.access) == ("milvus", "open", "admin")
    assert f"read over gRPC on {health + GRPC_FROM_HEALTH}" in (svc.auth_detail or "")
    assert calls and all(c.startswith("/milvus.proto.milvus.MilvusService/") for c in calls)


def test_milvus_health_answers():
    json_health = (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n"
        b'{"state":"OK","detail":[{"name":"rootcoord","code":1},{"name":"proxy","code":1}]}'
    )
    assert MILVUS.match(json_health) is not None
    starting = (
        b'HTTP/1.1 500 Internal Server Error\r\n\r\n{"state":"Not all components are registered, 0/7","detail":null}'
    )
    assert MILVUS.match(starting) is not None
    assert MILVUS.match(b'HTTP/1.1 200 OK\r\n\r\n{"state":"OK","detail":[{"name":"web","code":1}]}') is None
    assert MILVUS.match(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nOK") is None
