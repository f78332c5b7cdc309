"""MQTT against Debian's Mosquitto 2: anonymous broker with trackers, password-protected twin, a firehose.

The read-only proof comes from the broker itself: its log (``log_type all``) shows the
scanner's clients connecting with a clean session and no will, subscribing at QoS 0 and
never sending a PUBLISH; the retained store (every retained topic and payload, read by a
lab observer) is the same after the scan as before.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.mqtt import ENGINE, connect_packet, subscribe_packet
from unguarded.lab.servers import MosquittoServer

TRACKERS = {"alice": (52.520008, 13.404954), "bob": (48.137154, 11.576124), "carol": (50.110922, 8.682127)}
CANARY = "canary-mqtt-91c2@leak-test.example"


def position(user: str, step: int) -> bytes:
    lat, lon = TRACKERS[user]
    return json.dumps(
        {
            "_type": "location",
            "tid": user[:2],
            "lat": round(lat + step * 0.00117, 6),
            "lon": round(lon + step * 0.00093, 6),
            "tst": 1764600000 + 30 * step,
            "acc": 12,
            "batt": 81,
        }
    ).encode()


def retained_store(server: MosquittoServer) -> dict[str, bytes]:
    """Every retained user topic and its payload, as a fresh subscriber receives them."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(connect_packet(b"lab-store-reader") + subscribe_packet((b"#",)))
        sock.settimeout(1.0)
        data = b""
        try:
            while chunk := sock.recv(65536):
                data += chunk
        except TimeoutError:
            pass
    store: dict[str, bytes] = {}
    while data:
        kind, length, used = data[0], 0, 1
        for shift in range(4):
            length |= (data[used] & 0x7F) << (7 * shift)
            used += 1
            if not data[used - 1] & 0x80:
                break
        body, data = data[used : used + length], data[used + length :]
        if kind >> 4 == 3:
            size = int.from_bytes(body[:2], "big")
            store[body[2 : 2 + size].decode()] = body[2 + size :]
    return store


def scanner_lines(server: MosquittoServer, since: int) -> list[str]:
    """The broker's log lines about the scanner's clients (``unguarded-...``) after byte ``since``."""
    text = server.log.read_bytes()[since:].decode(errors="replace")
    ids = set(re.findall(r"as (unguarded-[0-9a-f]+) ", text))
    return [line for line in text.splitlines() if any(client in line for client in ids)] if ids else []


@pytest.fixture(scope="module")
def trackers(lab: Lab) -> MosquittoServer:
    server = lab.get("mqtt")
    assert isinstance(server, MosquittoServer)
    server.publish([(f"owntracks/{user}/phone", position(user, 0)) for user in TRACKERS])
    server.publish([("office/contacts/export", json.dumps({"email": CANARY, "name": "Lucía Fernández"}).encode())])
    return server


def test_open_broker_with_trackers_is_open_read_with_a_location_trail(trackers: MosquittoServer, report_schema):
    server = trackers
    stop = threading.Event()

    def live() -> None:  # trackers keep reporting while the scanner listens
        step = 1
        while not stop.is_set() and step < 40:
            server.publish([(f"owntracks/{user}/phone", position(user, step)) for user in TRACKERS], retain=False)
            step += 1
            time.sleep(0.15)

    before, offset = retained_store(server), server.log.stat().st_size
    publisher = threading.Thread(target=live)
    publisher.start()
    try:
        report = run_scan([f"127.0.0.1:{server.port}"])
    finally:
        stop.set()
        publisher.join()
    after = retained_store(server)
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("mqtt", "open", "read", "2.0.11")
    assert "CONNACK 0" in (svc.auth_detail or "")
    by_name = {d.name: d for d in svc.datasets}
    tracks = by_name["owntracks/+/phone"]  # one dataset for the fleet, no user named
    assert tracks.records is not None and tracks.records > len(TRACKERS)
    assert "location.coordinates" in tracks.categories and "location_trail" in tracks.patterns
    assert "contact.email" in by_name["office/contacts/export"].categories
    assert not any(name.startswith("$SYS") for name in by_name)
    assert svc.remediation is not None and any("allow_anonymous false" in s for s in svc.remediation.steps)
    # read-only, from the broker's own log and retained store
    assert after == before
    lines = scanner_lines(server, offset)
    assert any("Received SUBSCRIBE" in line for line in lines), lines[:5]
    assert not any("Received PUBLISH" in line for line in lines)
    assert any("(p2, c1," in line for line in lines)  # MQTT 3.1.1, clean session
    log_after = server.log.read_bytes()[offset:].decode(errors="replace")
    assert not re.search(r"unguarded-\S+ 1 ", log_after)  # every subscription at QoS 0
    assert "Will message specified" not in log_after
    assert_value_free(report, CANARY, "alice", "52.52")


def test_password_file_broker_is_protected(lab: Lab, report_schema):
    server = lab.get("mqtt", protected=True)
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets) == ("mqtt", "protected", "none", ())
    assert "CONNACK 5" in (svc.auth_detail or "") and svc.remediation is None


def test_connack_is_recognised_and_other_bytes_are_not():
    assert ENGINE.match(b"\x20\x02\x00\x00").engine == "mqtt"
    assert ENGINE.match(b"\x20\x02\x00\x05").detail == "protected"
    assert ENGINE.match(b"+PONG\r\n") is None and ENGINE.match(b"\x20\x03\x00\x00") is None


class _Firehose(threading.Thread):
    """A hostile broker: accepts anyone, grants #, then publishes without end (huge ones too)."""

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
            conn.recv(1024)
            conn.sendall(b"\x20\x02\x00\x00")
            conn.recv(1024)
            conn.sendall(b"\x90\x04\x00\x01\x00\x00")
            if self.huge:  # one PUBLISH claiming ~256 MB, then endless bytes
                conn.sendall(b"\x30\xff\xff\xff\x7f\x00\x03a/b")
                while True:
                    conn.sendall(b"\x00" * 65536)
            i = 0
            while True:
                batch = b""
                for k in range(200):
                    topic = f"sensors/{(i + k) % 5000}/temp".encode()
                    body = len(topic).to_bytes(2, "big") + topic + b'{"celsius": 21.5}'
                    batch += b"\x30" + bytes([len(body)]) + body
                conn.sendall(batch)
                i += 200
        except OSError:
            return
        finally:
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.mark.parametrize("huge", [False, True], ids=["endless-topics", "huge-message"])
def test_a_firehose_broker_ends_within_the_bounds(huge: bool):
    hose = _Firehose(huge)
    hose.start()
    try:
        options = replace(FAST, sample_size=20, dataset_byte_cap=512 * 1024, max_datasets=50)
        svc = only_service(run_scan([f"mqtt://127.0.0.1:{hose.port}"], options))
    finally:
        hose.close()
    assert (svc.engine, svc.exposure, svc.access) == ("mqtt", "open", "read")
    messages = " ".join(e.message for e in svc.errors)
    if huge:
        assert "byte cap" in messages
    else:
        assert "stopped reading after" in messages
        assert len(svc.datasets) <= 50 and all(d.sampled <= 20 for d in svc.datasets)


def test_demo_trackers_are_a_location_trail():
    from unguarded.lab.demo import LOADERS, TRACKERS
    from unguarded.lab.servers import start

    root = Path(tempfile.mkdtemp(prefix="unguarded-demo-mqtt-"))
    root.chmod(0o755)  # the broker runs as its service user
    server = start("mqtt", root / "broker")
    try:
        LOADERS["mqtt"](server)
        svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
    tracks = {d.name: d for d in svc.datasets}["owntracks/+/+"]
    assert tracks.records is not None and tracks.records > len(TRACKERS)
    assert "location_trail" in tracks.patterns and svc.severity in ("high", "critical")


def test_owntracks_payloads_reach_the_classifier_as_a_location_trail():
    """``tid`` (tracker id) and ``tst`` (fix time) are OwnTracks' names: the trail needs both."""
    from unguarded.classify import classify_dataset
    from unguarded.engines._topics import decode_payload

    records = [decode_payload(position(user, step)) for user in TRACKERS for step in range(4)]
    result = classify_dataset(records, dataset="owntracks/+/+")
    located = {f.path for f in result.fields if "location.coordinates" in f.categories}
    assert located == {"lat", "lon"} and "location_trail" in result.patterns
    assert decode_payload(b"\xff\xfe") == {"payload": b"\xff\xfe"} and decode_payload(b"21.5") == {"payload": 21.5}
