"""Hostile Solr and Neo4j look-alikes: an endless select or Cypher answer is cut at the byte cap."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import FAST, only_service, run_scan

SOLR_INFO = {"responseHeader": {"status": 0}, "mode": "std", "lucene": {"solr-spec-version": "9.4.0"}}
SOLR_CORES = {"status": {"big": {"name": "big", "index": {"numDocs": 10**9, "sizeInBytes": 10**12}}}}
NEO4J_ROOT = {
    "bolt_direct": "bolt://x:7687",
    "transaction": "http://x:7474/db/{databaseName}/tx",
    "neo4j_version": "5.13.0",
}
LABELS = {"results": [{"columns": ["label"], "data": [{"row": ["Person"], "meta": [None]}]}], "errors": []}


class Firehose(BaseHTTPRequestHandler):
    """Small JSON for the listing calls, then a body that never ends for the sample."""

    protocol_version = "HTTP/1.1"

    def _json(self, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _endless(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        chunk = b'{"id": "x", "name_s": "' + b"a" * 8000 + b'"},'
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk) + 30, b'{"response":{"docs":[' + b" " * 9 + chunk))
            while True:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            return

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/":
            self._json(NEO4J_ROOT)
        elif path == "/solr/admin/info/system":
            self._json(SOLR_INFO)
        elif path == "/solr/admin/cores":
            self._json(SOLR_CORES)
        else:
            self._endless()

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["content-length"])))
        if "db.labels" in payload["statements"][0]["statement"]:
            self._json(LABELS)
        else:
            self._endless()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def firehose() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Firehose)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("scheme", ["solr", "neo4j"])
def test_endless_sample_is_cut_at_the_byte_cap(firehose: int, scheme: str):
    options = dataclasses.replace(FAST, dataset_byte_cap=256 * 1024)
    report = run_scan([f"{scheme}://127.0.0.1:{firehose}"], options)
    svc = only_service(report)
    assert (svc.engine, svc.exposure) == (scheme, "open")
    assert len(svc.datasets) == 1 and svc.datasets[0].sampled == 0
    assert any("262,144" in e.message for e in report.all_errors), report.all_errors
