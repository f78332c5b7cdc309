"""RabbitMQ against Debian's rabbitmq-server 3.10 with the management plugin.

The open one keeps the vendor default ``guest``/``guest`` (allowed from loopback, where
the tests scan from): ``default_credentials``. The protected one was booted with a
``default_user``, so no guest exists. The read-only proof comes from the server's own
state: every queue's depth and its ``publish``/``deliver_get``/``redeliver`` counters are
unchanged, and no consumer ever appeared.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.conftest import FAST, Lab, only_service, run_scan, validate_report
from unguarded.engines.rabbitmq import ENGINE
from unguarded.lab.servers import RabbitMQServer, free_port_with_partner

COLUMNS = "name,vhost,messages,consumers,message_stats"


def queue_state(server: RabbitMQServer) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Each queue's depth, consumers and message counters, from the management API."""
    out = {}
    for queue in server.api("GET", f"/queues?columns={COLUMNS}"):
        stats = queue.get("message_stats", {})
        out[(queue["vhost"], queue["name"])] = (
            queue.get("messages"),
            queue.get("consumers"),
            stats.get("publish"),
            stats.get("deliver_get"),
            stats.get("redeliver"),
        )
    return out


@pytest.fixture(scope="module")
def rabbit(lab: Lab) -> RabbitMQServer:
    server = lab.get("rabbitmq")
    assert isinstance(server, RabbitMQServer)
    server.api("PUT", "/vhosts/billing")
    server.api("PUT", "/permissions/billing/guest", {"configure": ".*", "write": ".*", "read": ".*"})
    for vhost, queue, count in (("%2F", "orders", 6), ("billing", "invoices", 3), ("%2F", "empty", 0)):
        server.api("PUT", f"/queues/{vhost}/{queue}", {"durable": True})
        for i in range(count):
            message = {"email": f"kunde{i}@example.de", "iban": "DE89370400440532013000"}
            server.api(
                "POST",
                f"/exchanges/{vhost}/amq.default/publish",
                {"properties": {}, "routing_key": queue, "payload": json.dumps(message), "payload_encoding": "string"},
            )
    deadline = time.monotonic() + 60
    published = {("/", "orders"): 6, ("billing", "invoices"): 3, ("/", "empty"): 0}
    # statistics arrive every 0.5 s, later on a loaded machine: wait until they show every message
    while {key: state[0] for key, state in queue_state(server).items() if key in published} != published:
        assert time.monotonic() < deadline, "queue statistics never showed the published messages"
        time.sleep(0.2)
    return server


def test_guest_guest_is_default_credentials_admin_with_queue_depths_and_no_message_read(
    rabbit: RabbitMQServer, report_schema
):
    before = queue_state(rabbit)
    report = run_scan([f"amqp://127.0.0.1:{rabbit.port}"])
    time.sleep(1.2)  # two statistics intervals: anything the scan did would show
    after = queue_state(rabbit)
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("rabbitmq", "default_credentials", "admin", "3.10.8")
    assert "guest/guest" in (svc.auth_detail or "") and "never read" in (svc.auth_detail or "")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["%2F/orders"].records == 6 and by_name["billing/invoices"].records == 3
    assert by_name["%2F/empty"].records == 0
    assert all(d.sampled == 0 for d in svc.datasets)  # access stops at metadata
    assert ENGINE.dataset_group("billing/invoices") == "billing"
    assert any(f.type == "default_credentials" for f in report.findings)
    assert svc.remediation is not None and any("delete_user guest" in s for s in svc.remediation.steps)
    # read-only, from the server's own state
    assert after == before  # same depths, no consumer, no publish, no deliver/get, no redelivery


def test_no_guest_user_is_protected(lab: Lab, report_schema):
    server = lab.get("rabbitmq", protected=True)
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets) == ("rabbitmq", "protected", "none", ())
    assert "refused" in (svc.auth_detail or "") and svc.remediation is None


def test_connection_start_is_recognised():
    props = b"\x07productS\x00\x00\x00\x08RabbitMQ\x07versionS\x00\x00\x00\x063.13.0"
    args = b"\x00\x0a\x00\x0a\x00\x09" + struct.pack(">I", len(props)) + props + b"\x00\x00\x00\x05PLAIN"
    frame = b"\x01\x00\x00" + struct.pack(">I", len(args)) + args + b"\xce"
    identity = ENGINE.match(frame)
    assert identity is not None and identity.version == "3.13.0"
    assert ENGINE.match(b"AMQP\x00\x00\x09\x01") is None and ENGINE.match(b"+PONG\r\n") is None


class _EndlessManagement(BaseHTTPRequestHandler):
    """A hostile management API: a real overview, then a queue listing that never ends."""

    protocol_version = "HTTP/1.0"

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in ("/api/overview", "/api/whoami"):
            body = json.dumps({"rabbitmq_version": "3.13.0", "name": "guest", "tags": ["administrator"]}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_response(200)
        self.end_headers()
        try:
            self.wfile.write(b"[")
            i = 0
            while True:
                self.wfile.write(b"".join(b'{"name":"q%09d","vhost":"/","messages":1},' % (i + k) for k in range(500)))
                i += 500
        except OSError:
            return

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _fake_amqp(sock: socket.socket) -> None:
    """Connection.Start, then Connection.Tune for any login (a broker that takes guest/guest)."""
    props = b"\x07productS\x00\x00\x00\x08RabbitMQ"
    start = (
        b"\x00\x0a\x00\x0a\x00\x09"
        + struct.pack(">I", len(props))
        + props
        + b"\x00\x00\x00\x05PLAIN\x00\x00\x00\x05en_US"
    )
    tune = b"\x00\x0a\x00\x1e\x07\xff\x00\x02\x00\x00\x00\x3c"
    while True:
        try:
            conn, _ = sock.accept()
        except OSError:
            return
        with conn:
            try:
                conn.recv(8)
                conn.sendall(b"\x01\x00\x00" + struct.pack(">I", len(start)) + start + b"\xce")
                conn.recv(4096)
                conn.sendall(b"\x01\x00\x00" + struct.pack(">I", len(tune)) + tune + b"\xce")
                conn.recv(4096)
            except OSError:
                continue


def test_an_endless_queue_listing_is_cut_and_the_scan_goes_on():
    port = free_port_with_partner(10000)
    amqp = socket.create_server(("127.0.0.1", port))
    httpd = ThreadingHTTPServer(("127.0.0.1", port + 10000), _EndlessManagement)
    threading.Thread(target=_fake_amqp, args=(amqp,), daemon=True).start()
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        svc = only_service(run_scan([f"amqp://127.0.0.1:{port}"], replace(FAST, dataset_byte_cap=256 * 1024)))
    finally:
        amqp.close()
        httpd.shutdown()
        httpd.server_close()
    assert (svc.engine, svc.exposure, svc.access) == ("rabbitmq", "default_credentials", "admin")
    assert any("byte cap" in e.message for e in svc.errors)
