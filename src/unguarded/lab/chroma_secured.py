"""A stand-in for a Chroma server with token authentication: the heartbeat answers, the rest is refused.

The Chroma that PyPI ships here (1.x, a Rust server) has no authentication of its own, so
the protected twin answers what a Chroma 0.6 server started with
``CHROMA_SERVER_AUTHN_PROVIDER=chromadb.auth.token_authn.TokenAuthenticationServerProvider``
answers an anonymous client: ``/api/v2/heartbeat`` and ``/api/v2/version`` stay open (its
default ignore paths) and every other call gets 403 with Chroma's ``AuthError`` body.
Every request is appended to ``WORKDIR/requests.log``. Run as
``python -m unguarded.lab.chroma_secured PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

VERSION = "0.6.3"
LOCK = threading.Lock()


class ChromaSecuredHandler(BaseHTTPRequestHandler):
    server_version = "uvicorn"
    sys_version = ""
    workdir: Path

    def _send(self, code: int, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _answer(self) -> None:
        path = urlsplit(self.path).path
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps({"method": self.command, "path": path}) + "\n")
        if path in ("/api/v2/heartbeat", "/api/v1/heartbeat") and self.command == "GET":
            self._send(200, {"nanosecond heartbeat": time.time_ns()})
        elif path in ("/api/v2/version", "/api/v1/version") and self.command == "GET":
            self._send(200, VERSION)
        elif path.startswith("/api/"):
            self._send(403, {"error": "AuthError", "message": "Forbidden"})
        else:
            self._send(404, {"detail": "Not Found"})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        return


def main(argv: list[str]) -> None:
    ChromaSecuredHandler.workdir = Path(argv[2])
    ThreadingHTTPServer(("127.0.0.1", int(argv[1])), ChromaSecuredHandler).serve_forever()


if __name__ == "__main__":
    main(sys.argv)
