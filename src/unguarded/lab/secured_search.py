"""A stand-in for Elasticsearch with security enabled: every request gets its 401.

Debian ships no Elasticsearch and the PyPI stand-ins have no security mode, so this
answers exactly what a secured ES 8 node answers to an anonymous client: status 401,
``WWW-Authenticate: Basic realm="security"`` and the ``security_exception`` body.
Run as ``python -m unguarded.lab.secured_search PORT``.
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BODY = json.dumps(
    {
        "error": {
            "root_cause": [
                {
                    "type": "security_exception",
                    "reason": "missing authentication credentials for REST request [/]",
                    "header": {"WWW-Authenticate": ['Basic realm="security" charset="UTF-8"', "ApiKey"]},
                }
            ],
            "type": "security_exception",
            "reason": "missing authentication credentials for REST request [/]",
            "header": {"WWW-Authenticate": ['Basic realm="security" charset="UTF-8"', "ApiKey"]},
        },
        "status": 401,
    }
).encode()


class Handler(BaseHTTPRequestHandler):
    def _deny(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="security" charset="UTF-8"')
        self.send_header("WWW-Authenticate", "ApiKey")
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(BODY)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(BODY)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _deny

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.command} {self.path}\n")


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
