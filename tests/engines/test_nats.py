"""NATS against Debian's nats-server 2.9 with JetStream: open, user/password protected, a firehose.

The read-only proof comes from the server's monitor: ``/varz`` ``in_msgs`` (messages
received from clients) grows by exactly what the test's own publisher sent while the
scan listened, so the scanner published nothing; every JetStream stream keeps its
message count, sequence numbers and consumer count (no consumer created, nothing acked).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import replace

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.nats import ENGINE
from unguarded.lab.servers import NatsServer

CANARY = "canary-nats-7f3a@leak-test.example"


def streams(server: NatsServer) -> dict[str, tuple[int, int, int, int]]:
    """Each stream's (messages, first_seq, last_seq, consumers), from the monitor's /jsz."""
    jsz = server.monitor("/jsz?accounts=true&streams=true")
    return {
        stream["name"]: (
            stream["state"]["messages"],
            stream["state"]["first_seq"],
            stream["state"]["last_seq"],
            stream["state"]["consumer_count"],
        )
        for account in jsz.get("account_details", [])
        for stream in account.get("stream_detail", [])
    }


@pytest.fixture(scope="module")
def nats_open(lab: Lab) -> NatsServer:
    server = lab.get("nats")
    assert isinstance(server, NatsServer)
    config = {"name": "ORDERS", "subjects": ["orders.>"]}
    server.publish([("$JS.API.STREAM.CREATE.ORDERS", json.dumps(config).encode())], request=True)
    server.publish(
        [(f"orders.eu.{i}", json.dumps({"email": CANARY, "name": "Lucía Fernández"}).encode()) for i in range(7)]
    )
    return server


def test_open_server_is_open_read_with_subjects_streams_and_no_message_of_its_own(nats_open: NatsServer, report_schema):
    server = nats_open
    sent = [0]
    stop = threading.Event()

    def live() -> None:  # a fleet keeps reporting while the scanner listens
        while not stop.is_set() and sent[0] < 60:
            i = sent[0]
            fix = {"tid": f"t{i % 3}", "lat": 52.52 + i * 0.0011, "lon": 13.40 + i * 0.0009, "tst": 1764600000 + i}
            server.publish([(f"fleet.truck{i % 3}.position", json.dumps(fix).encode())])
            sent[0] += 1
            time.sleep(0.1)

    before_streams, before_in = streams(server), server.monitor("/varz")["in_msgs"]
    publisher = threading.Thread(target=live)
    publisher.start()
    try:
        report = run_scan([f"127.0.0.1:{server.port}"])
    finally:
        stop.set()
        publisher.join()
    after_streams, after_in = streams(server), server.monitor("/varz")["in_msgs"]
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("nats", "open", "read", "2.9.10")
    assert "no authorization" in (svc.auth_detail or "") and "monitor" in (svc.auth_detail or "")
    by_name = {d.name: d for d in svc.datasets}
    fleet = by_name["fleet.*.position"]
    assert fleet.records and fleet.records >= 3
    assert "location.coordinates" in fleet.categories and "location_trail" in fleet.patterns
    assert by_name["stream:ORDERS"].records == 7 and by_name["stream:ORDERS"].sampled == 0
    assert svc.remediation is not None and any("authorization" in s for s in svc.remediation.steps)
    # read-only, from the server's own counters
    assert after_in - before_in == sent[0]  # every message the server received came from the test's publisher
    assert after_streams == before_streams  # same messages, sequence numbers and consumers
    assert_value_free(report, CANARY)


def test_user_and_password_server_is_protected(lab: Lab, report_schema):
    server = lab.get("nats", protected=True)
    assert isinstance(server, NatsServer)
    before = server.monitor("/varz")["in_msgs"]
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets) == ("nats", "protected", "none", ())
    assert "Authorization Violation" in (svc.auth_detail or "")
    assert "monitor" in (svc.auth_detail or "")  # the open monitor is named even so
    assert server.monitor("/varz")["in_msgs"] == before


def test_info_banner_is_recognised():
    banner = b'INFO {"server_id":"NABC","version":"2.9.10","auth_required":true,"max_payload":1048576} \r\n'
    identity = ENGINE.match(banner)
    assert identity is not None and (identity.version, identity.detail) == ("2.9.10", "protected")
    assert ENGINE.match(b"INFO {}\r\n") is None and ENGINE.match(b"+OK\r\n") is None


class _Firehose(threading.Thread):
    """A hostile NATS server: INFO, accepts anyone, then endless MSG lines (or one huge one)."""

    def __init__(self, huge: bool) -> None:
        super().__init__(daemon=True)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.huge = huge

    def run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn: socket.socket) -> None:
        try:
            conn.sendall(b'INFO {"server_id":"NHOSTILE","version":"2.10.0","max_payload":1048576}\r\n')
            conn.recv(4096)
            conn.sendall(b"PONG\r\n")
            if self.huge:
                conn.sendall(b"MSG a.b 1 268435456\r\n")
                while True:
                    conn.sendall(b"\x00" * 65536)
            i = 0
            while True:
                conn.sendall(
                    b"".join(
                        b'MSG sensors.%d.temp 1 17\r\n{"celsius": 21.5}\r\n' % ((i + k) % 5000) for k in range(200)
                    )
                )
                i += 200
        except OSError:
            return
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("huge", [False, True], ids=["endless-subjects", "huge-message"])
def test_a_firehose_server_ends_within_the_bounds(huge: bool):
    hose = _Firehose(huge)
    hose.start()
    try:
        options = replace(FAST, sample_size=20, dataset_byte_cap=512 * 1024)
        svc = only_service(run_scan([f"nats://127.0.0.1:{hose.port}"], options))
    finally:
        hose.close()
    assert (svc.engine, svc.exposure, svc.access) == ("nats", "open", "read")
    messages = " ".join(e.message for e in svc.errors)
    assert "byte cap" in messages if huge else "stopped reading after" in messages
