"""A Kibana stand-in: the few GETs that tell an open Kibana from one that asks for a login.

No Kibana runs here (it is a Node.js application of its own, and needs an Elasticsearch
7.10+ behind it), so this HTTP server answers as Kibana 7.17 does, from Elastic's API
reference and Kibana's response headers (``kbn-name``, ``kbn-license-sig`` on every answer):

* open (Elasticsearch without security, so Kibana's security plugin is off):
  ``GET /`` -> 302 to ``/app/home``; ``GET /api/status`` -> the 7.x status document
  (version, overall state, ``core:elasticsearch@7.17.9`` "Elasticsearch is available");
  ``GET /internal/security/me`` -> 404, as when the plugin is disabled;
* protected (``--auth``): ``GET /`` -> 302 to ``/login?next=%2F``; every API -> 401
  ``{"statusCode":401,"error":"Unauthorized","message":"Unauthorized"}``;
* anything else -> Kibana's 404 ``{"statusCode":404,"error":"Not Found","message":"Not Found"}``.

Every request is appended to ``WORKDIR/requests.log`` (method, path), the log the
read-only tests read. Run as ``python -m unguarded.lab.kibana_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

VERSION = "7.17.9"
LOCK = threading.Lock()
SINCE = "2024-05-01T10:00:00.000Z"


def status_document() -> dict[str, Any]:
    def entry(ident: str, message: str) -> dict[str, str]:
        return {
            "id": ident,
            "message": message,
            "since": SINCE,
            "state": "green",
            "icon": "success",
            "uiColor": "secondary",
        }

    return {
        "name": "kibana",
        "uuid": "5b2de169-2785-441b-ae8c-186a1936b17d",
        "version": {
            "number": VERSION,
            "build_hash": "7d3a5cbbd1c7d5a3c3f1b25e7d8d1b2e9f0a4c61",
            "build_number": 46534,
            "build_snapshot": False,
        },
        "status": {
            "overall": {
                "since": SINCE,
                "state": "green",
                "title": "Green",
                "nickname": "Looking good",
                "icon": "success",
                "uiColor": "secondary",
            },
            "statuses": [
                entry(f"core:elasticsearch@{VERSION}", "Elasticsearch is available"),
                entry(f"core:savedObjects@{VERSION}", "SavedObjects service has completed migrations and is available"),
                entry(f"plugin:console@{VERSION}", "All dependencies are available"),
            ],
        },
        "metrics": {"last_updated": SINCE, "collection_interval_in_millis": 5000},
    }


class KibanaRequestHandler(BaseHTTPRequestHandler):
    sys_version = ""
    server_version = ""
    workdir: Path
    auth: bool

    def _send(self, code: int, data: dict[str, Any] | None, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode() if data is not None else b""
        self.send_response(code)
        self.send_header("kbn-name", "kibana")
        self.send_header("kbn-license-sig", "da420c53321c02c93e697a9c5c3d5c8a2e4b1f7d0d9c8b7a6f5e4d3c2b1a0f9e")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("content-type", "application/json; charset=utf-8")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _handle(self) -> None:
        path = urlsplit(self.path).path
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps({"method": self.command, "path": path}) + "\n")
        if self.command in ("GET", "HEAD") and path == "/":
            self._send(302, None, {"location": "/login?next=%2F" if self.auth else "/app/home"})
        elif self.auth and path.startswith(("/api/", "/internal/")):
            self._send(401, {"statusCode": 401, "error": "Unauthorized", "message": "Unauthorized"})
        elif self.command in ("GET", "HEAD") and path == "/api/status":
            self._send(200, status_document())
        else:  # /internal/security/me included: the security plugin is off
            self._send(404, {"statusCode": 404, "error": "Not Found", "message": "Not Found"})

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to requests.log; stderr stays quiet."""


def main(port: int, workdir: Path, auth: bool) -> None:
    handler = type("BoundKibanaHandler", (KibanaRequestHandler,), {"workdir": workdir, "auth": auth})
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in sys.argv[3:])
