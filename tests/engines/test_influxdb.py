"""InfluxDB 1.x against Debian's influxd (auth off, auth on with an admin, auth on with no admin yet);
2.x's unfinished setup against a small stand-in that answers as the documented API does.

The read-only proof comes from the server itself: ``SHOW DATABASES``, measurements and
per-measurement counts unchanged, the ``/debug/vars`` write counters unchanged, and its
HTTP access log shows the scanner (its User-Agent) sending only ``GET`` requests whose
statements are ``SHOW`` or ``SELECT``.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.influxdb import ENGINE, quote_ident
from unguarded.lab.servers import InfluxDBServer, LabServer, _http_ready, free_port

CANARY = "canary-influx-9c2d@leak-test.example"
ACCESS = re.compile(r'"(\w+) (\S+) HTTP/[\d.]+" \d+ \S+ "[^"]*" "([^"]*)"')


def influx(server: LabServer) -> InfluxDBServer:
    assert isinstance(server, InfluxDBServer)
    return server


def state(server: InfluxDBServer) -> dict[str, Any]:
    """Databases, their measurements and point counts, as the admin sees them."""
    out: dict[str, Any] = {}
    for row in server.query("SHOW DATABASES")["results"][0]["series"][0].get("values", []):
        db = row[0]
        series = server.query("SHOW MEASUREMENTS", db)["results"][0].get("series", [])
        for (measurement,) in series[0]["values"] if series else []:
            counted = server.query(f"SELECT COUNT(*) FROM {quote_ident(measurement)}", db)["results"][0]
            out[f"{db}.{measurement}"] = counted.get("series", [{}])[0].get("values")
        out.setdefault(db, None)
    return out


def counters(server: InfluxDBServer) -> dict[str, Any]:
    """The server's own write and series counters from /debug/vars."""
    stats = httpx.get(f"http://127.0.0.1:{server.port}/debug/vars").json()
    httpd = next(v["values"] for k, v in stats.items() if k.startswith("httpd"))
    databases = {k: v["values"] for k, v in stats.items() if k.startswith("database:")}
    return {"writeReq": httpd.get("writeReq"), "pointsWrittenOK": httpd.get("pointsWrittenOK"), "db": databases}


def scanner_requests(server: InfluxDBServer, since: int) -> list[tuple[str, str]]:
    """(method, path) of every request the scanner (by its User-Agent) made after ``since``."""
    size = -1
    while size != server.access_log.stat().st_size:  # influxd appends its log asynchronously
        size = server.access_log.stat().st_size
        time.sleep(0.2)
    text = server.access_log.read_bytes()[since:].decode(errors="replace")
    return [(method, path) for method, path, agent in ACCESS.findall(text) if agent == "unguarded"]


@pytest.fixture(scope="module")
def open_influx(lab: Lab):
    server = influx(lab.get("influxdb"))
    server.query("DROP DATABASE telemetry")
    server.query("CREATE DATABASE telemetry")
    people = [
        f'riders,city=Madrid name="{"Lucía Fernández" if i % 2 else "Javier Moreno"}",'
        f'email="{CANARY if i == 0 else f"rider{i}@example.es"}",phone="+34612345678" {1700000000 + i}'
        for i in range(50)
    ]
    cpu = [f"cpu,host=web{i % 3} usage={i * 1.5} {1700000000 + i}" for i in range(30)]
    server.write("telemetry", "\n".join(people + cpu))
    return server


def test_auth_disabled_is_open_admin_with_counts_and_classified_sample(open_influx, report_schema):
    server = open_influx
    before, stats, offset = state(server), counters(server), server.access_log.stat().st_size
    report = run_scan([f"influxdb://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.severity) == ("influxdb", "open", "admin", "critical")
    assert svc.auth_detail.startswith("auth-enabled = false")
    by_name = {d.name: d for d in svc.datasets}
    assert (by_name["telemetry.riders"].records, by_name["telemetry.riders"].sampled) == (50, 50)
    assert {"contact.email", "contact.phone", "person.name"} <= by_name["telemetry.riders"].categories
    assert by_name["telemetry.cpu"].records == 30 and not by_name["telemetry.cpu"].categories
    assert svc.remediation is not None and any("auth-enabled = true" in s for s in svc.remediation.steps)
    # read-only, from the server's own state, counters and access log
    assert state(server) == before
    assert counters(server) == stats
    requests = scanner_requests(server, offset)
    assert requests and {m for m, _p in requests} == {"GET"}, requests
    statements = [parse_qs(urlsplit(p).query)["q"][0] for _m, p in requests if p.startswith("/query")]
    assert statements and all(q.startswith(("SHOW ", "SELECT ")) for q in statements), statements
    assert_value_free(report, CANARY, "rider7@example.es")


def test_auth_enabled_with_an_admin_is_protected(lab: Lab, report_schema):
    server = influx(lab.get("influxdb", protected=True))
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "influxdb",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail and svc.auth_detail.startswith("HTTP 401")
    assert svc.remediation is None and not svc.compromised


class _NoAdminYet(InfluxDBServer):
    """Auth on, but the launcher creates no admin: the state a fresh install is left in."""

    def _ready(self) -> None:
        _http_ready(f"http://127.0.0.1:{self.port}/ping", self.start_timeout, lambda status, _body: status == 204)


def test_auth_enabled_without_any_admin_is_open_to_takeover(lab: Lab):
    # under the lab's root: influxd runs as its service user, which cannot enter pytest's tmp_path
    server = _NoAdminYet(engine="influxdb", workdir=lab.root / "influxdb-noadmin", protected=True)
    try:
        server.start()
        svc = only_service(run_scan([f"influxdb://127.0.0.1:{server.port}"]))
        users = httpx.post(f"http://127.0.0.1:{server.port}/query", data={"q": "SHOW USERS"})
    finally:
        server.stop()
    assert (svc.exposure, svc.access) == ("open", "admin")
    assert "no admin user yet" in (svc.auth_detail or "")
    assert "create admin user first" in users.text  # still nobody: the scan created no user


def test_many_measurements_are_cut_at_max_datasets(open_influx):
    server = open_influx
    server.query("CREATE DATABASE sprawl")
    try:
        server.write("sprawl", "\n".join(f"m{i:03d} v={i} 1700000000" for i in range(40)))
        svc = only_service(run_scan([f"influxdb://127.0.0.1:{server.port}"], replace(FAST, max_datasets=7)))
    finally:
        server.query("DROP DATABASE sprawl")
    assert len(svc.datasets) == 7
    assert any("--max-datasets" in e.message for e in svc.errors)


def test_hostile_measurement_names_are_quoted(open_influx):
    """A name built to end the quote is still read as one identifier (and nothing is dropped)."""
    server = open_influx
    server.query("CREATE DATABASE odd")
    try:
        server.write("odd", 'bad";\\ DROP\\ DATABASE\\ telemetry v=1 1700000000')
        svc = only_service(run_scan([f"influxdb://127.0.0.1:{server.port}"]))
        names = [row[0] for row in server.query("SHOW DATABASES")["results"][0]["series"][0]["values"]]
    finally:
        server.query("DROP DATABASE odd")
    assert "telemetry" in names
    odd = [d for d in svc.datasets if d.name.startswith("odd.")]
    assert len(odd) == 1 and odd[0].records == 1


# ---------------------------------------------------------------- InfluxDB 2.x stand-in


class _V2Handler(BaseHTTPRequestHandler):
    """Answers like InfluxDB 2.x's API: version headers everywhere, its JSON error shape."""

    setup_allowed = True
    seen: list[tuple[str, str]] = []

    def _send(self, status: int, body: dict[str, Any] | None) -> None:
        raw = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("X-Influxdb-Build", "OSS")
        self.send_header("X-Influxdb-Version", "v2.7.4")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def do_GET(self) -> None:
        self.seen.append(("GET", self.path))
        path = urlsplit(self.path).path
        if path == "/ping":
            self._send(204, None)
        elif path == "/api/v2/setup":
            self._send(200, {"allowed": self.setup_allowed})
        elif path == "/api/v2/buckets":
            self._send(401, {"code": "unauthorized", "message": "unauthorized access"})
        else:
            self._send(404, {"code": "not found", "message": "path not found"})

    def do_POST(self) -> None:
        self.seen.append(("POST", self.path))
        self._send(401, {"code": "unauthorized", "message": "unauthorized access"})

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def v2_server() -> Iterator[tuple[int, type[_V2Handler]]]:
    handler = type("V2", (_V2Handler,), {"seen": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_address[1], handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_influxdb2_setup_not_done_is_reported_without_calling_it(v2_server):
    port, handler = v2_server
    svc = only_service(run_scan([f"influxdb://127.0.0.1:{port}"]))
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("influxdb", "open", "admin", "v2.7.4")
    assert "allowed: true" in (svc.auth_detail or "")
    assert {method for method, _path in handler.seen} == {"GET"}


def test_influxdb2_after_setup_is_protected(v2_server):
    port, handler = v2_server
    handler.setup_allowed = False
    svc = only_service(run_scan([f"influxdb://127.0.0.1:{port}"]))
    assert (svc.engine, svc.exposure, svc.access) == ("influxdb", "protected", "none")
    assert {method for method, _path in handler.seen} == {"GET"}


def test_only_an_influxdb_header_identifies_it():
    plain = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\n404 page not found"
    influx1 = b"HTTP/1.1 404 Not Found\r\nX-Influxdb-Build: OSS\r\nX-Influxdb-Version: 1.8.10\r\n\r\n404 page not found"
    assert ENGINE.match(plain) is None
    found = ENGINE.match(influx1)
    assert found is not None and found.version == "1.8.10"
