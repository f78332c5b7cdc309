"""Chroma against its own server (``chroma run`` from the PyPI wheel) and a token-auth stand-in.

Collections are seeded over the HTTP API with explicit embeddings (no embedding model is
ever needed). The read-only proof comes from the server: every collection's count, the
row counts of every table in the persist dir's ``chroma.sqlite3``, and its request log,
which must name only the read calls (GETs and the ``get`` POST).
"""

from __future__ import annotations

import math
import re
import sqlite3
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import Any

import httpx
import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.lab.servers import ChromaSecuredStandIn, ChromaServer, LabServer

CANARY = "canary-chroma-51c2@leak-test.example"
DB = "/api/v2/tenants/default_tenant/databases/default_database"
REQUEST = re.compile(r"http\.method: (\w+), http\.uri: (\S+?),")
READ_ROUTES = re.compile(
    r"^/api/v2/(heartbeat|version|auth/identity|tenants/[^/]+(/databases(/[^/?]+(/collections(/[^/]+/(count|get))?)?)?)?)(\?.*)?$"
)


def unit_vector(dims: int, seed: int) -> list[float]:
    raw = [math.sin(seed * 7.0 + i * 0.37) for i in range(dims)]
    length = math.sqrt(sum(x * x for x in raw))
    return [x / length for x in raw]


def tickets(n: int) -> dict[str, Any]:
    """Synthetic support tickets: a customer's e-mail, phone and name in metadata and text."""
    return {
        "ids": [f"t{i}" for i in range(n)],
        "embeddings": [unit_vector(3, i) for i in range(n)],
        "documents": [f"Customer {'Anna Schmidt' if i % 2 else 'Jonas Weber'} cannot log in" for i in range(n)],
        "metadatas": [
            {
                "customer_email": CANARY if i == 0 else f"kunde{i}@example.de",
                "phone": "+49 30 1234567",
                "customer_name": "Anna Schmidt" if i % 2 else "Jonas Weber",
            }
            for i in range(n)
        ],
    }


def faces(n: int) -> dict[str, Any]:
    """Face templates: 128-float unit vectors with a person id."""
    return {
        "ids": [f"f{i}" for i in range(n)],
        "embeddings": [unit_vector(128, i) for i in range(n)],
        "metadatas": [{"person": f"p{i}"} for i in range(n)],
    }


def seed(base: str, name: str, records: dict[str, Any] | None) -> None:
    created = httpx.post(f"{base}{DB}/collections", json={"name": name, "get_or_create": True})
    created.raise_for_status()
    if records:
        httpx.post(f"{base}{DB}/collections/{created.json()['id']}/upsert", json=records).raise_for_status()


def counts(base: str) -> dict[str, int]:
    collections = httpx.get(f"{base}{DB}/collections").json()
    return {c["name"]: httpx.get(f"{base}{DB}/collections/{c['id']}/count").json() for c in collections}


def sqlite_rows(server: ChromaServer) -> dict[str, int]:
    """Rows per table of the persist dir's sqlite file (read through a read-only URI)."""
    with sqlite3.connect(f"file:{server.persist_dir / 'chroma.sqlite3'}?mode=ro", uri=True) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def logged(server: LabServer, since: int) -> set[tuple[str, str]]:
    """(method, uri) of every request the server logged after byte ``since`` of its log."""
    size = -1
    while size != server.log.stat().st_size:  # the server appends its log asynchronously
        size = server.log.stat().st_size
        time.sleep(0.3)
    text = re.sub(r"\x1b\[[0-9;]*m", "", server.log.read_bytes()[since:].decode(errors="replace"))
    return set(REQUEST.findall(text))


@pytest.fixture(scope="module")
def open_chroma(lab: Lab) -> tuple[ChromaServer, str]:
    server = lab.get("chroma")
    assert isinstance(server, ChromaServer)
    base = f"http://127.0.0.1:{server.port}"
    seed(base, "support_tickets", tickets(40))
    seed(base, "face_index", faces(6))
    seed(base, "empty_kb", None)
    return server, base


def test_open_chroma_is_admin_with_counts_and_classified_sample(open_chroma, report_schema):
    server, base = open_chroma
    before, rows, offset = counts(base), sqlite_rows(server), server.log.stat().st_size
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    after, requests = counts(base), logged(server, offset)
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.severity) == ("chroma", "open", "admin", "critical")
    datasets = {d.name: d for d in svc.datasets}
    assert datasets["default_database.support_tickets"].records == 40
    assert datasets["default_database.support_tickets"].sampled == 40
    assert {"contact.email", "contact.phone", "person.name"} <= datasets["default_database.support_tickets"].categories
    assert "biometric.face_embedding" in datasets["default_database.face_index"].categories
    assert datasets["default_database.empty_kb"].records == 0
    assert svc.remediation is not None and any("127.0.0.1" in step for step in svc.remediation.steps)
    # read-only, from the server's own state and log
    assert after == before and sqlite_rows(server) == rows
    assert requests, "the server logged no request"
    for method, uri in requests:
        assert method in ("GET", "POST") and READ_ROUTES.match(uri), (method, uri)
        assert method == "GET" or uri.endswith("/get"), (method, uri)
    assert_value_free(report, CANARY, "kunde7@example.de", "Anna Schmidt")


def test_chroma_is_found_on_an_odd_port_by_its_answer(open_chroma):
    server, _base = open_chroma
    svc = only_service(run_scan([f"127.0.0.1:{server.port}"], ports=[server.port]))
    assert svc.engine == "chroma" and svc.port == server.port


def test_token_auth_chroma_is_protected_and_only_read(lab: Lab, report_schema):
    server = lab.get("chroma", protected=True)
    assert isinstance(server, ChromaSecuredStandIn)
    report = run_scan([f"chroma://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "chroma",
        "protected",
        "none",
        (),
        "info",
    )
    assert "403" in (svc.auth_detail or "")
    assert {(r["method"], r["path"]) for r in server.requests()} <= {
        ("GET", "/api/v2/heartbeat"),
        ("GET", "/api/v2/version"),
        ("GET", "/api/v2/auth/identity"),
    }


class EndlessCollections(BaseHTTPRequestHandler):
    """A hostile Chroma: a million collections in the listing, whatever limit is asked."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path.endswith("/collections"):
            self._stream_listing()
        elif path.endswith("/count"):
            self._json(b"3")
        elif path.endswith("/auth/identity"):
            self._json(b'{"user_id":"","tenant":"default_tenant","databases":["default_database"]}')
        elif path.endswith("/databases"):
            self._json(b'[{"id":"0","name":"default_database","tenant":"default_tenant"}]')
        else:
            self._json(b'"1.0.0"')

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self._json(b'{"ids":["a"],"documents":["x"],"metadatas":[null],"embeddings":null}')

    def _json(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("chroma-trace-id", "0")
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream_listing(self) -> None:
        self.send_response(200)
        self.send_header("chroma-trace-id", "0")
        self.send_header("content-type", "application/json")
        self.end_headers()
        try:
            self.wfile.write(b"[")
            for i in range(1_000_000):
                self.wfile.write(b'%s{"id":"c%d","name":"kb_%d"}' % (b"," if i else b"", i, i))
            self.wfile.write(b"]")
        except OSError:
            return

    def log_message(self, format: str, *args: object) -> None:
        return


def test_a_million_collections_are_cut_at_max_datasets(tmp_path: Path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), EndlessCollections)
    Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        options = replace(FAST, max_datasets=25, dataset_byte_cap=512 * 1024)
        svc = only_service(run_scan([f"chroma://127.0.0.1:{httpd.server_address[1]}"], options))
    finally:
        httpd.shutdown()
    assert (svc.engine, svc.exposure) == ("chroma", "open")
    assert len(svc.datasets) == 25 and all(d.records == 3 for d in svc.datasets)
    assert any("stopped at 25 collections" in e.message for e in svc.errors), svc.errors


def test_demo_chroma_holds_classified_support_tickets(tmp_path: Path):
    from unguarded.lab.demo import LOADERS
    from unguarded.lab.servers import start

    server = start("chroma", tmp_path / "chroma-demo")
    try:
        LOADERS["chroma"](server)
        svc = only_service(run_scan([f"127.0.0.1:{server.port}"], ports=[server.port]))
    finally:
        server.stop()
    tickets = {d.name: d for d in svc.datasets}["default_database.support_tickets"]
    assert (svc.exposure, svc.access, tickets.records) == ("open", "admin", 60)
    assert {"contact.email", "contact.phone", "person.name"} <= tickets.categories
