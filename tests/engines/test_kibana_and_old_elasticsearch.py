"""Kibana (open and login-protected stand-ins) and Elasticsearch below 8, recognised for what they are."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import Lab, only_service, run_scan, validate_report
from unguarded.engines.kibana import ENGINE

ES7_BANNER = {
    "name": "node-1",
    "cluster_name": "logs",
    "cluster_uuid": "oK1zvXp2T0yq1b0H7c7l3w",
    "version": {
        "number": "7.17.9",
        "build_flavor": "default",
        "build_type": "deb",
        "lucene_version": "8.11.1",
        "minimum_wire_compatibility_version": "6.8.0",
        "minimum_index_compatibility_version": "6.0.0-beta1",
    },
    "tagline": "You Know, for Search",
}
# what a 7.x node with a basic license and security unset answers the authenticate API
ES7_SECURITY_OFF = {
    "error": {
        "root_cause": [
            {
                "type": "exception",
                "reason": "Security must be explicitly enabled when using a [basic] license. Enable security by "
                "setting [xpack.security.enabled] to [true] in the elasticsearch.yml file and restart the node.",
            }
        ],
        "type": "exception",
        "reason": "Security must be explicitly enabled when using a [basic] license.",
    },
    "status": 500,
}


class OldElasticsearch(BaseHTTPRequestHandler):
    """An Elasticsearch 7.17 node with security unset (its default), holding no index."""

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        code, body = {
            "/": (200, ES7_BANNER),
            "/_security/_authenticate": (500, ES7_SECURITY_OFF),
            "/_cat/indices": (200, []),
        }.get(path, (404, {"error": "no handler", "status": 404}))
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json; charset=UTF-8")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def old_elasticsearch() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), OldElasticsearch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_elasticsearch_7_is_reported_with_its_default(old_elasticsearch: int, report_schema):
    report = run_scan([f"http://127.0.0.1:{old_elasticsearch}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("elasticsearch", "open", "admin", "7.17.9")
    assert svc.auth_detail and "before 8.0 security is off" in svc.auth_detail


def test_open_kibana_ties_back_to_the_cluster(lab: Lab, report_schema):
    server = lab.get("kibana")
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("kibana", "open", "admin", "7.17.9")
    assert svc.auth_detail and "Elasticsearch: Elasticsearch is available" in svc.auth_detail
    assert "port 9200" in svc.auth_detail and svc.remediation is not None
    calls = server.requests()  # type: ignore[attr-defined]
    assert {c["method"] for c in calls} == {"GET"}  # read-only, from the stand-in's own log
    assert {c["path"] for c in calls} <= {"/", "/api/status", "/internal/security/me"}


def test_protected_kibana(lab: Lab, report_schema):
    server = lab.get("kibana", protected=True)
    report = run_scan([f"kibana://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "kibana",
        "protected",
        "none",
        (),
        "info",
    )


def test_kibana_is_known_by_its_header_not_its_port():
    assert ENGINE.match(b"HTTP/1.1 302 Found\r\nlocation: /app/home\r\n\r\n") is None
    assert ENGINE.match(b"HTTP/1.1 302 Found\r\nkbn-name: kibana\r\nlocation: /app/home\r\n\r\n")
    found = ENGINE.match(b"HTTP/1.1 302 Found\r\nkbn-name: kibana\r\nlocation: /login?next=%2F\r\n\r\n")
    assert found is not None and found.detail == "protected"
