"""Jupyter against a real jupyter_server (PyPI): open (no token) and protected (token) twins.

The read-only proof comes from the server itself: the root dir's file list and mtimes,
the kernel, session and terminal lists unchanged, and its debug log shows nothing but
``GET`` requests for the scan.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.jupyter import ENGINE, _records_from
from unguarded.lab.servers import JupyterLabServer

CANARY = "canary-jupyter-5d1e@leak-test.example"
REQUEST_LINE = re.compile(r"\] \d{3} (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\S+)")


def tree(root: Path) -> dict[str, int]:
    """Every path under the server's root dir with its mtime (ns)."""
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in sorted(root.rglob("*"))}


def running(server: JupyterLabServer) -> tuple[Any, Any, Any]:
    return server.api("/api/kernels"), server.api("/api/sessions"), server.api("/api/terminals")


def logged(server: JupyterLabServer, since: int) -> list[tuple[str, str]]:
    return REQUEST_LINE.findall(server.log.read_bytes()[since:].decode(errors="replace"))


@pytest.fixture(scope="module")
def open_jupyter(lab: Lab) -> JupyterLabServer:
    server = lab.get("jupyter")
    assert isinstance(server, JupyterLabServer)
    extra = server.root / "data" / "customers.json"
    if not extra.exists():
        docs = [{"name": "Canary Person", "email": CANARY, "iban": "DE89370400440532013000"}]
        docs += [{"name": "Li Wei", "email": f"c{i}@example.org", "iban": "GB82WEST12345698765432"} for i in range(20)]
        extra.write_text(json.dumps(docs))
        (server.root / "data" / "notes.txt").write_text("just some prose, nothing tabular\n")
    return server


def test_open_jupyter_is_admin_with_classified_files_and_read_only(open_jupyter, report_schema):
    server = open_jupyter
    before_tree, before_running, offset = tree(server.root), running(server), server.log.stat().st_size
    report = run_scan([f"jupyter://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.severity) == ("jupyter", "open", "admin", "critical")
    assert svc.version and svc.version[0].isdigit()
    assert "code execution" in svc.auth_detail and "0 kernel(s) running" in svc.auth_detail
    assert "0 terminal(s) open" in svc.auth_detail and "1 notebook(s)" in svc.auth_detail
    by_name = {d.name: d for d in svc.datasets}
    people = by_name["data/people.csv"]
    assert (people.records, people.kind) == (60, "csv file")
    assert {"contact.email", "contact.phone", "person.name"} <= set(people.categories), people.categories
    customers = by_name["data/customers.json"]
    assert customers.records == 21 and "contact.email" in customers.categories
    assert "data/notes.txt" not in by_name  # read, but not tabular: no dataset
    assert not svc.compromised and not svc.errors
    assert_value_free(report, CANARY, "person7@example.org", "DE89370400440532013000")
    assert CANARY not in json.dumps(data)
    # read-only, from the server's own state and log
    assert tree(server.root) == before_tree
    assert running(server) == before_running
    requests = logged(server, offset)
    assert requests and {method for method, _path in requests} == {"GET"}, requests


def test_jupyter_found_without_hint(open_jupyter):
    svc = only_service(run_scan([f"127.0.0.1:{open_jupyter.port}"]))
    assert (svc.engine, svc.exposure, svc.access) == ("jupyter", "open", "admin")


def test_protected_jupyter(lab: Lab, report_schema):
    server = lab.get("jupyter", protected=True)
    assert isinstance(server, JupyterLabServer)
    before, offset = tree(server.root), server.log.stat().st_size
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "jupyter",
        "protected",
        "none",
        (),
        "info",
    )
    assert "token or password" in (svc.auth_detail or "")
    assert tree(server.root) == before
    assert {method for method, _path in logged(server, offset)} <= {"GET"}


# ---------------------------------------------------------------- hostile: an endless contents tree


class EndlessContents(BaseHTTPRequestHandler):
    """Every directory holds 50 more directories and a CSV: the walk must stop by its bounds."""

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        path = self.path.split("?")[0]
        if path == "/":
            body, ctype = b"<html><head><title>Jupyter Server</title></head></html>", "text/html"
        elif path == "/api":
            body, ctype = b'{"version": "2.14.0"}', "application/json"
        elif path == "/api/status":
            body, ctype = b'{"connections": 0, "kernels": 0}', "application/json"
        elif path in ("/api/kernels", "/api/sessions", "/api/terminals"):
            body, ctype = b"[]", "application/json"
        elif path.startswith("/api/contents"):
            base = path[len("/api/contents/") :].strip("/")
            entries = [{"name": f"d{i}", "path": f"{base}/d{i}".strip("/"), "type": "directory"} for i in range(50)]
            entries.append({"name": "t.csv", "path": f"{base}/t.csv".strip("/"), "type": "file", "size": 20})
            body, ctype = json.dumps({"type": "directory", "content": entries}).encode(), "application/json"
        elif path.startswith("/files/"):
            body, ctype = b"a,b\n1,2\n3,4\n", "text/csv"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Security-Policy", "frame-ancestors 'self'; report-uri /api/security/csp-report")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def endless() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EndlessContents)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()


def test_endless_contents_tree_stays_bounded(endless):
    options = dataclasses.replace(FAST, max_datasets=5, max_keys_listed=400)
    svc = only_service(run_scan([f"jupyter://127.0.0.1:{endless}"], options))
    assert (svc.engine, svc.exposure) == ("jupyter", "open")
    assert len(svc.datasets) == 5
    messages = " ".join(e.message for e in svc.errors)
    assert "walk stopped at 400 entries" in messages and "--max-datasets" in messages


# ---------------------------------------------------------------- recorded answers and content sniffing


def test_match_recorded_answers():
    csp = "Content-Security-Policy: frame-ancestors 'self'; report-uri /api/security/csp-report\r\n"
    open_root = f"HTTP/1.1 200 OK\r\nServer: TornadoServer/6.4\r\n{csp}\r\n<title>Jupyter Server</title>".encode()
    assert ENGINE.match(open_root).engine == "jupyter"
    login = f"HTTP/1.1 302 Found\r\nLocation: /login?next=%2F\r\n{csp}Content-Length: 0\r\n\r\n".encode()
    assert ENGINE.match(login).detail == "protected"
    assert ENGINE.match(b"HTTP/1.1 302 Found\r\nLocation: /login\r\n\r\n") is None
    assert ENGINE.match(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>nginx</title>") is None


def test_content_decides_the_format_not_the_name():
    kind, rows, total = _records_from(b"name;email\nAnn;a@example.org\nBo;b@example.org\n", False, 10)
    assert (kind, total, rows[0]["email"]) == ("csv", 2, "a@example.org")
    kind, rows, total = _records_from(b'{"a": 1}\n{"a": 2}\n{"a"', True, 10)
    assert (kind, len(rows), total) == ("jsonl", 2, None)
    kind, rows, total = _records_from(b'[{"a": 1}, {"a": 2}]', False, 1)
    assert (kind, len(rows), total) == ("json", 1, 2)
    assert _records_from(b"just prose\n", False, 10) is None
    # a cut CSV drops its last (partial) line and gives no exact total
    kind, rows, total = _records_from(b"a,b\n1,2\n3,4\n5,", True, 10)
    assert (kind, len(rows), total) == ("csv", 2, None)
