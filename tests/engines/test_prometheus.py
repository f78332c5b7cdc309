"""Prometheus against the real Debian prometheus 2.42: credentials in scrape configs, counts, read-only proof.

The read-only proof comes from the server's own counters on ``/metrics``: the head's
series count, the config reload counters unchanged, and among the per-handler request
counters only read handlers moved (no admin API, no reload, no write).
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.prometheus import ENGINE, _host_of, credentials_in, internal_host
from unguarded.lab.servers import PrometheusServer

METRIC = re.compile(r'^(prometheus_http_requests_total)\{code="(\d+)",handler="([^"]+)"\} (\S+)$', re.MULTILINE)
READ_HANDLERS = {"/", "/api/v1/status/buildinfo", "/api/v1/status/flags", "/api/v1/status/config"}
READ_HANDLERS |= {"/api/v1/targets", "/api/v1/status/tsdb"}


def counters(server: PrometheusServer) -> tuple[int, dict[str, float], dict[str, float]]:
    """Head series; config reload gauges; request counts per handler (``/metrics`` itself left out)."""
    text = server.get("/metrics").decode()
    reload = {
        line.split()[0]: float(line.split()[1])
        for line in text.splitlines()
        if line.startswith(("prometheus_config_last_reload", "prometheus_tsdb_head_series "))
    }
    handlers: dict[str, float] = {}
    for _name, _code, handler, value in METRIC.findall(text):
        if handler != "/metrics":
            handlers[handler] = handlers.get(handler, 0) + float(value)
    return server.head_series(), reload, handlers


@pytest.fixture(scope="module")
def open_prometheus(lab: Lab) -> PrometheusServer:
    server = lab.get("prometheus")
    assert isinstance(server, PrometheusServer)
    return server


def test_open_prometheus_reports_credential_jobs_and_internal_hosts_read_only(open_prometheus, report_schema):
    server = open_prometheus
    series, reload, handlers = counters(server)
    report = run_scan([f"prometheus://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("prometheus", "open", "read")
    assert svc.version == "2.42.0+ds"
    detail = svc.auth_detail or ""
    assert "3 scrape jobs, 2 with credentials" in detail, detail
    assert "billing-db: basic_auth" in detail and "k8s-api: authorization" in detail
    assert "4 internal hosts named" in detail and "4 active targets" in detail
    assert "admin and lifecycle APIs off" in detail
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["scrape_configs"].records == 3 and by_name["scrape_configs"].sampled == 3
    assert by_name["tsdb_head"].records == series
    text = json.dumps(data)
    assert_value_free(report, server.SCRAPE_PASSWORD, server.SCRAPE_TOKEN, "db.internal", "10.0.3.7")
    assert server.SCRAPE_PASSWORD not in text and "kube.corp.internal" not in text
    # read-only, from the server's own counters
    after_series, after_reload, after_handlers = counters(server)
    assert (after_series, after_reload) == (series, reload)
    moved = {h for h, n in after_handlers.items() if n != handlers.get(h, 0)}
    assert moved and moved <= READ_HANDLERS | {"/api/v1/status/tsdb"}, moved


def test_prometheus_found_without_hint(open_prometheus):
    svc = only_service(run_scan([f"127.0.0.1:{open_prometheus.port}"]))
    assert (svc.engine, svc.exposure) == ("prometheus", "open")


def test_protected_prometheus(lab: Lab, report_schema):
    server = lab.get("prometheus", protected=True)
    assert isinstance(server, PrometheusServer)
    series, reload, _handlers = counters(server)
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "prometheus",
        "protected",
        "none",
        (),
        "info",
    )
    assert "--web.config.file" in (svc.auth_detail or "")
    assert counters(server)[:2] == (series, reload)


# ---------------------------------------------------------------- hostile: an endless config


class EndlessConfig(BaseHTTPRequestHandler):
    """Answers like an open Prometheus, but the config and target listings never end."""

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = self.path.split("?")[0]
        if path == "/":
            body = b'<a href="/graph">Found</a>.\n\n'
            self.send_response(302)
            self.send_header("Location", "/graph")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if path in ("/api/v1/status/config", "/api/v1/targets"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"status":"success","data":{"yaml":"scrape_configs:\\n')
            try:
                while True:
                    self.wfile.write(b"- job_name: j\\n  static_configs: [{targets: [10.0.0.1:9100]}]\\n" * 500)
            except OSError:
                return
        answers = {
            "/api/v1/status/buildinfo": {"version": "2.53.0"},
            "/api/v1/status/flags": {"web.enable-admin-api": "true"},
            "/api/v1/status/tsdb": {"headStats": {"numSeries": 12}},
        }
        if path not in answers:
            self.send_error(404)
            return
        body = json.dumps({"status": "success", "data": answers[path]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def endless() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EndlessConfig)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_endless_config_stays_bounded(endless):
    options = dataclasses.replace(FAST, dataset_byte_cap=256 * 1024)
    svc = only_service(run_scan([f"127.0.0.1:{endless}"], options))
    assert (svc.engine, svc.exposure, svc.access) == ("prometheus", "open", "admin")
    assert "admin/lifecycle API on (web.enable-admin-api)" in (svc.auth_detail or "")
    messages = " ".join(e.message for e in svc.errors)
    assert "config" in messages and "targets" in messages
    assert {d.name: d.records for d in svc.datasets} == {"tsdb_head": 12}


# ---------------------------------------------------------------- recorded answers and helpers


def test_match_recorded_answers():
    ui = b'HTTP/1.1 302 Found\r\nContent-Type: text/html; charset=utf-8\r\nLocation: /classic/graph\r\n\r\n<a href="/classic/graph">Found</a>.\n\n'
    assert ENGINE.match(ui).engine == "prometheus"
    locked = b"HTTP/1.1 401 Unauthorized\r\nWww-Authenticate: Basic\r\nContent-Length: 13\r\n\r\nUnauthorized\n"
    assert ENGINE.match(locked).detail == "protected"
    assert ENGINE.match(b'HTTP/1.1 401 Unauthorized\r\nWww-Authenticate: Basic realm="x"\r\n\r\nUnauthorized\n') is None
    assert ENGINE.match(b"HTTP/1.1 302 Found\r\nLocation: /login\r\n\r\n") is None


@pytest.mark.parametrize(
    ("target", "host", "internal"),
    [
        ("db.internal:9187", "db.internal", True),
        ("10.0.3.7:9187", "10.0.3.7", True),
        ("https://user@kube.corp:6443/metrics", "kube.corp", True),
        ("node-exporter:9100", "node-exporter", True),
        ("api.example.com:443", "api.example.com", False),
        ("8.8.8.8:53", "8.8.8.8", False),
        ("[fd00::1]:9100", "[fd00::1]", True),
    ],
)
def test_internal_hosts(target, host, internal):
    assert _host_of(target) == host
    assert internal_host(host) is internal


def test_credentials_named_by_setting_never_by_value():
    job = {"basic_auth": {"username": "u", "password": "<secret>"}, "tls_config": {"key_file": "/k.pem"}}
    assert credentials_in(job) == ["basic_auth", "tls_config.key"]
    assert credentials_in({"static_configs": []}) == []
