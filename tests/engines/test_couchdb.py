"""CouchDB against pouchdb-server (the CouchDB HTTP API): admin party, anonymous reads, admin set.

The read-only proof comes from the server itself: every database's ``doc_count`` and
``update_seq`` unchanged, no database added, and its HTTP log shows nothing but ``GET``
requests for the scan.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.lab.servers import LabServer, PouchDBServer, start

CANARY = "canary-couch-3b7e@leak-test.example"
LOG_LINE = re.compile(r" - - (GET|HEAD|POST|PUT|DELETE|COPY|PATCH|OPTIONS) (\S+) \d{3}")


def people(n: int) -> list[dict[str, Any]]:
    """Synthetic people: names, e-mails, phones, Spanish DNI numbers (valid check letters)."""
    letters = "TRWAGMYFPDXBNJZSQVHLCKE"
    docs = []
    for i in range(n):
        number = 12345000 + i
        docs.append(
            {
                "name": "Lucía Fernández" if i % 2 else "Javier Moreno",
                "email": CANARY if i == 0 else f"persona{i}@example.es",
                "phone": "+34612345678",
                "dni": f"{number}{letters[number % 23]}",
            }
        )
    return docs


def state(base: str, auth: tuple[str, str] | None = None) -> dict[str, tuple[int, str]]:
    """Every database with its document count and update sequence (the server's own counters)."""
    names = httpx.get(f"{base}/_all_dbs", auth=auth).json()
    out = {}
    for name in names:
        info = httpx.get(f"{base}/{name}", auth=auth).json()
        out[name] = (info.get("doc_count"), str(info.get("update_seq")))
    return out


def scan_requests(server: LabServer, since: int) -> list[tuple[str, str]]:
    """(method, path) of every request the server logged after byte offset ``since``."""
    assert isinstance(server, PouchDBServer)
    size = -1
    while size != log_size(server):  # the server appends its log lines asynchronously
        size = log_size(server)
        time.sleep(0.2)
    text = server.http_log.read_bytes()[since:].decode(errors="replace")
    return LOG_LINE.findall(text)


def log_size(server: LabServer) -> int:
    assert isinstance(server, PouchDBServer)
    return server.http_log.stat().st_size if server.http_log.exists() else 0


@pytest.fixture(scope="module")
def open_couch(lab: Lab):
    server = lab.get("couchdb")
    base = f"http://127.0.0.1:{server.port}"
    for db in ("patients", "empty_log"):
        httpx.delete(f"{base}/{db}")
        httpx.put(f"{base}/{db}").raise_for_status()
    httpx.post(f"{base}/patients/_bulk_docs", json={"docs": people(80)}).raise_for_status()
    httpx.put(f"{base}/patients/_design/by_email", json={"views": {"e": {"map": "function(d){emit(d.email)}"}}})
    return server, base


def test_admin_party_is_open_admin_with_counts_and_classified_sample(open_couch, report_schema):
    server, base = open_couch
    before, offset = state(base), log_size(server)
    report = run_scan([f"couchdb://127.0.0.1:{server.port}"])
    after, requests = state(base), scan_requests(server, offset)
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.severity) == ("couchdb", "open", "admin", "critical")
    assert svc.auth_detail.startswith("admin party")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["patients"].records == 81  # 80 people and the design document
    assert by_name["patients"].sampled == 80  # design documents are never sampled
    categories = by_name["patients"].categories
    assert {"contact.email", "contact.phone", "person.name"} <= categories
    assert any(c.startswith("national_id") for c in categories), categories
    assert by_name["empty_log"].records == 0
    assert svc.remediation is not None and any("require_valid_user" in s for s in svc.remediation.steps)
    # read-only, from the server's own state and log
    assert after == before  # same databases, same doc counts and update_seq
    assert requests and {method for method, _path in requests} == {"GET"}, requests
    assert_value_free(report, CANARY, "persona7@example.es")


def test_anonymous_reads_with_an_admin_set_are_open_read(lab: Lab):
    server = lab.get("couchdb", protected=True)
    base, admin = f"http://127.0.0.1:{server.port}", ("lab", server.secret or "")
    httpx.put(f"{base}/guestbook", auth=admin).raise_for_status()
    try:
        httpx.post(f"{base}/guestbook/_bulk_docs", json={"docs": people(12)}, auth=admin).raise_for_status()
        svc = only_service(run_scan([f"127.0.0.1:{server.port}"]))
    finally:
        httpx.delete(f"{base}/guestbook", auth=admin)
    assert (svc.engine, svc.exposure, svc.access) == ("couchdb", "open", "read")
    assert "no _security members" in (svc.auth_detail or "")
    guestbook = {d.name: d for d in svc.datasets}["guestbook"]
    assert guestbook.records == 12 and "contact.email" in guestbook.categories


def test_admin_set_and_members_only_is_protected(lab: Lab, report_schema):
    server = lab.get("couchdb", protected=True)
    base, admin = f"http://127.0.0.1:{server.port}", ("lab", server.secret or "")
    httpx.put(f"{base}/vault", auth=admin)
    httpx.put(
        f"{base}/vault/_security",
        json={"admins": {"names": [], "roles": []}, "members": {"names": ["lab"], "roles": []}},
        auth=admin,
    ).raise_for_status()
    httpx.post(f"{base}/vault/_bulk_docs", json={"docs": people(5)}, auth=admin).raise_for_status()
    before, offset = state(base, admin), log_size(server)
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "couchdb",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail and svc.auth_detail.startswith("admin configured")
    assert svc.remediation is None and not svc.compromised
    assert state(base, admin) == before
    assert {method for method, _path in scan_requests(server, offset)} == {"GET"}


def test_ransom_database_and_wipe_are_reported(tmp_path: Path):
    """A server holding nothing but ``read_me`` (and its system databases) was wiped."""
    server = start("couchdb", tmp_path / "ransomed")
    try:
        base = f"http://127.0.0.1:{server.port}"
        httpx.put(f"{base}/read_me").raise_for_status()
        note = {
            "content": "All your data is backed up. Pay 0.05 BTC to 1BoatSLRHtKNngkdXEeobR76b53LETtpyT to recover it."
        }
        httpx.post(f"{base}/read_me", json=note).raise_for_status()
        report = run_scan([f"127.0.0.1:{server.port}"])
    finally:
        server.stop()
    svc = only_service(report)
    assert svc.compromised and svc.severity == "critical"
    kinds = {e.kind for e in svc.evidence}
    assert {"ransom_note", "wiped"} <= kinds, svc.evidence
    fixes = [f.remediation for f in report.findings if f.type == "compromised"]
    assert fixes and fixes[0] is not None and "intrusion" in fixes[0].summary


def test_many_databases_are_cut_at_max_datasets(open_couch):
    server, base = open_couch
    names = [f"tenant_{i:03d}" for i in range(60)]
    for name in names:
        httpx.put(f"{base}/{name}").raise_for_status()
    try:
        report = run_scan([f"127.0.0.1:{server.port}"], replace(FAST, max_datasets=12))
    finally:
        for name in names:
            httpx.delete(f"{base}/{name}")
    svc = only_service(report)
    assert len(svc.datasets) == 12
    assert any("--max-datasets" in e.message for e in svc.errors)


def test_pouchdb_banner_and_couchdb_headers_are_recognised():
    from unguarded.engines.couchdb import ENGINE

    couch = (
        b"HTTP/1.1 200 OK\r\nServer: CouchDB/3.3.3 (Erlang OTP/24)\r\nContent-Type: application/json\r\n\r\n"
        + json.dumps(
            {"couchdb": "Welcome", "version": "3.3.3", "vendor": {"name": "The Apache Software Foundation"}}
        ).encode()
    )
    locked = (
        b"HTTP/1.1 401 Unauthorized\r\nServer: CouchDB/3.3.3 (Erlang OTP/24)\r\n\r\n"
        b'{"error":"unauthorized","reason":"Authentication required."}'
    )
    impostor = b'HTTP/1.1 200 OK\r\nServer: nginx\r\n\r\n{"status": "Welcome"}'
    assert ENGINE.match(couch) is not None and ENGINE.match(couch).version == "3.3.3"
    assert ENGINE.match(locked) is not None and ENGINE.match(locked).detail == "protected"
    assert ENGINE.match(impostor) is None


class _EndlessCouch(BaseHTTPRequestHandler):
    """A hostile CouchDB: a real banner and an admin-party session, then an ``_all_dbs`` that never ends."""

    protocol_version = "HTTP/1.0"

    def _json(self, status: int, body: object) -> None:
        raw = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Server", "CouchDB/3.3.3 (Erlang OTP/24)")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._json(200, {"couchdb": "Welcome", "version": "3.3.3"})
        elif path == "/_session":
            self._json(200, {"ok": True, "userCtx": {"name": None, "roles": ["_admin"]}})
        elif path == "/_all_dbs":
            self.send_response(200)
            self.send_header("Server", "CouchDB/3.3.3 (Erlang OTP/24)")
            self.end_headers()
            try:
                self.wfile.write(b"[")
                i = 0
                while True:  # until the client hangs up
                    self.wfile.write(b",".join(b'"db_%09d"' % (i + k) for k in range(1000)) + b",")
                    i += 1000
            except OSError:
                return
        else:
            self._json(404, {"error": "not_found", "reason": "Database does not exist."})

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_an_endless_database_listing_is_cut_and_the_scan_goes_on():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _EndlessCouch)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        options = replace(FAST, dataset_byte_cap=256 * 1024, max_datasets=5)
        svc = only_service(run_scan([f"couchdb://127.0.0.1:{httpd.server_address[1]}"], options))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (svc.engine, svc.exposure, svc.access) == ("couchdb", "open", "admin")
    messages = " ".join(e.message for e in svc.errors)
    assert "byte cap, cut short" in messages and "--max-datasets" in messages
