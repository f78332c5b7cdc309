"""Webhook alerts against real local HTTP servers: payload, headers, retries, timeouts, secrets."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from tests.fixed_report import fixed_report
from unguarded import __version__
from unguarded.alerts import post_webhook, redact_url
from unguarded.models import Report

SECRET_PATH = "/services/T0SECRET/B0SECRET/xoxb-very-secret-token"
SECRET_QUERY = "sig=another-secret-signature"
RESPONSE_BODY = "BODY-MARKER: the receiver's own text must never be echoed"


@dataclass
class Recorder:
    """What the test server saw, and the statuses it answers with (last one repeats)."""

    statuses: list[int]
    requests: list[dict[str, object]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)

    def next_status(self) -> int:
        index = min(len(self.requests) - 1, len(self.statuses) - 1)
        return self.statuses[index]


@contextmanager
def http_server(*statuses: int, headers: dict[str, str] | None = None) -> Iterator[tuple[str, Recorder]]:
    """A real HTTP server on 127.0.0.1 (port 0) in a thread; yields its base URL and recorder."""
    recorder = Recorder(list(statuses), headers=headers or {})

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            recorder.requests.append({"path": self.path, "headers": dict(self.headers.items()), "body": body})
            status = recorder.next_status()
            payload = RESPONSE_BODY.encode()
            self.send_response(status)
            for name, value in recorder.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the test output is for failures."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def report() -> Report:
    return fixed_report()


def _no_secret(message: str) -> None:
    for secret in (SECRET_PATH, "T0SECRET", "B0SECRET", "xoxb", "another-secret", "sig=", "BODY-MARKER", "hunter2"):
        assert secret not in message, message


def test_payload_shape_headers_and_no_values(report: Report) -> None:
    new = report.findings[:3]
    with http_server(200) as (base, seen):
        result = post_webhook(f"{base}{SECRET_PATH}?{SECRET_QUERY}", report, new, backoff=0.01)
    assert result.ok and result.attempts == 1 and result.status == 200, result
    _no_secret(result.message)
    assert result.message.startswith(f"delivered to {base}/…")
    (request,) = seen.requests
    assert request["path"] == f"{SECRET_PATH}?{SECRET_QUERY}"
    headers = {k.lower(): v for k, v in request["headers"].items()}  # type: ignore[union-attr]
    assert headers["content-type"] == "application/json"
    assert headers["user-agent"] == f"unguarded/{__version__}"
    payload = json.loads(request["body"])  # type: ignore[arg-type]
    assert set(payload) == {"text", "tool", "scan", "new_findings", "counts"}
    assert payload["tool"] == {"name": "unguarded", "version": report.tool.version}
    assert payload["scan"] == {
        "started_at": report.started_at.isoformat(),
        "finished_at": report.finished_at.isoformat(),
        "services": 7,
        "usable": sum(1 for s in report.services if s.exposure.usable),
    }
    assert payload["scan"]["usable"] == 5  # three open MongoDB/Redis, the default-login PostgreSQL, memcached
    assert sorted(f["fingerprint"] for f in payload["new_findings"]) == sorted(f.fingerprint for f in new)
    first = payload["new_findings"][0]
    assert set(first) == {
        "fingerprint",
        "rule_id",
        "type",
        "title",
        "severity",
        "location",
        "engine",
        "records",
        "people",
        "categories",
        "patterns",
        "message",
        "remediation",
    }
    by_fp = {f.fingerprint: f for f in new}
    for item in payload["new_findings"]:
        finding = by_fp[item["fingerprint"]]
        assert item["location"] == finding.location and item["severity"] == finding.severity.value
        assert item["remediation"] == (finding.remediation.summary if finding.remediation else None)
    expected_counts = {
        s: sum(1 for f in new if f.severity.value == s) for s in ("critical", "high", "medium", "low", "info")
    }
    assert payload["counts"] == expected_counts
    assert payload["text"].startswith(f"unguarded: {len(new)} new findings on ")
    # value-free: no masked example (let alone a raw value) travels in the alert
    body = request["body"].decode()  # type: ignore[union-attr]
    examples = {e for s in report.services for d in s.datasets for fl in d.fields for e in fl.examples}
    assert examples and not [e for e in examples if e in body]


def test_every_finding_and_counts(report: Report) -> None:
    with http_server(204) as (base, seen):
        result = post_webhook(base + "/hook", report, report.findings, backoff=0.01)
    assert result.ok and result.status == 204
    payload = json.loads(seen.requests[0]["body"])  # type: ignore[arg-type]
    assert len(payload["new_findings"]) == len(report.findings) == 13
    assert sum(payload["counts"].values()) == 13
    severities = [f["severity"] for f in payload["new_findings"]]
    ranks = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
    assert [ranks[s] for s in severities] == sorted((ranks[s] for s in severities), reverse=True)


def test_no_new_findings_posts_nothing(report: Report) -> None:
    with http_server(200) as (base, seen):
        result = post_webhook(base, report, (), backoff=0.01)
    assert result.ok and result.attempts == 0 and result.status is None
    assert seen.requests == []


def test_retries_500_then_succeeds(report: Report) -> None:
    with http_server(500, 503, 200) as (base, seen):
        result = post_webhook(base + SECRET_PATH, report, report.findings[:1], backoff=0.01)
    assert result.ok and result.attempts == 3 and result.status == 200, result
    assert len(seen.requests) == 3
    # every attempt carries the same body
    assert len({r["body"] for r in seen.requests}) == 1  # type: ignore[misc]


def test_always_500_gives_up(report: Report) -> None:
    with http_server(500) as (base, seen):
        result = post_webhook(base + SECRET_PATH, report, report.findings[:1], retries=4, backoff=0.01)
    assert not result.ok and result.attempts == 4 and result.status == 500
    assert len(seen.requests) == 4
    assert "HTTP 500" in result.message and "4 attempts" in result.message
    _no_secret(result.message)


def test_429_is_retried_and_retry_after_is_honoured(report: Report) -> None:
    waits: list[float] = []
    with http_server(429, 200, headers={"Retry-After": "0.05"}) as (base, seen):
        result = post_webhook(base, report, report.findings[:1], backoff=5.0, sleep=waits.append)
    assert result.ok and result.attempts == 2 and len(seen.requests) == 2
    assert waits == [0.05]


def test_backoff_doubles(report: Report) -> None:
    waits: list[float] = []
    with http_server(502) as (base, _):
        result = post_webhook(base, report, report.findings[:1], retries=4, backoff=0.5, sleep=waits.append)
    assert not result.ok and result.attempts == 4
    assert waits == [0.5, 1.0, 2.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 410])
def test_client_errors_are_not_retried(report: Report, status: int) -> None:
    with http_server(status) as (base, seen):
        result = post_webhook(f"{base}{SECRET_PATH}?{SECRET_QUERY}", report, report.findings[:1], backoff=0.01)
    assert not result.ok and result.attempts == 1 and result.status == status
    assert len(seen.requests) == 1
    assert f"HTTP {status}" in result.message and "not retried" in result.message
    _no_secret(result.message)


def test_redirect_is_not_followed(report: Report) -> None:
    with http_server(302, headers={"Location": "http://127.0.0.1:9/elsewhere"}) as (base, seen):
        result = post_webhook(base, report, report.findings[:1], backoff=0.01)
    assert not result.ok and result.status == 302 and len(seen.requests) == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_nothing_listening_fails_quickly(report: Report) -> None:
    port = _closed_port()
    started = time.monotonic()
    result = post_webhook(
        f"http://user:hunter2@127.0.0.1:{port}{SECRET_PATH}?{SECRET_QUERY}",
        report,
        report.findings[:1],
        timeout=5.0,
        retries=3,
        backoff=0.01,
    )
    assert time.monotonic() - started < 3
    assert not result.ok and result.attempts == 3 and result.status is None
    assert result.message.startswith(f"could not reach http://127.0.0.1:{port}/…")
    _no_secret(result.message)


def test_server_that_never_answers_is_bounded_by_the_timeout(report: Report) -> None:
    with socket.socket() as silent:  # accepts connections (kernel backlog) and never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = post_webhook(
            f"http://127.0.0.1:{port}{SECRET_PATH}", report, report.findings[:1], timeout=0.4, retries=2, backoff=0.01
        )
        elapsed = time.monotonic() - started
    assert not result.ok and result.attempts == 2 and result.status is None
    assert 0.8 <= elapsed < 4, elapsed
    assert "did not answer within 0.4s" in result.message and "2 attempts" in result.message
    _no_secret(result.message)


def test_bad_urls_never_raise(report: Report) -> None:
    for url in ("ftp://example.org/x", "not a url", "http://", "http://[::1"):
        result = post_webhook(url, report, report.findings[:1], retries=1, backoff=0.01)
        assert not result.ok and result.attempts == 0, (url, result)
        assert result.message.endswith(("URL", "(it needs a host)")), result.message


def test_transport_errors_from_any_transport_never_raise(report: Report) -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("peer spoke nonsense", request=request)

    calls: list[float] = []
    result = post_webhook(
        "https://hooks.example.com" + SECRET_PATH,
        report,
        report.findings[:1],
        transport=httpx.MockTransport(explode),
        backoff=0.01,
        sleep=calls.append,
    )
    assert not result.ok and result.attempts == 3 and len(calls) == 2
    assert result.message.startswith("could not reach https://hooks.example.com/…")
    _no_secret(result.message)


def test_redact_url() -> None:
    assert redact_url("https://hooks.slack.com/services/T0/B0/XYZ") == "https://hooks.slack.com/…"
    assert redact_url("https://u:p@example.org:8443/?token=x") == "https://example.org:8443/…"
    assert redact_url("https://example.org") == "https://example.org"
    assert redact_url("http://[::1]:8080/x") == "http://[::1]:8080/…"
    assert redact_url("garbage") == "the webhook URL"
