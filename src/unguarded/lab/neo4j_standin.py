"""A Neo4j stand-in: the discovery document and the transactional Cypher endpoint, as Neo4j 5 answers.

No Neo4j runs here (Debian ships none; it is a JVM server), so this HTTP server answers
with the JSON of the Neo4j HTTP API manual's examples:

* ``GET /`` -> the discovery document (``bolt_direct``, ``bolt_routing``,
  ``transaction``, ``neo4j_version``, ``neo4j_edition``), with or without auth;
* ``POST /db/neo4j/tx/commit`` -> ``results``/``errors`` for the read-only Cypher a
  scanner sends (``CALL db.labels()``, ``MATCH (n:L) RETURN count(n)``,
  ``MATCH (n:L) RETURN n LIMIT n``); a write clause in an ``access-mode: READ``
  transaction gets ``Neo.ClientError.Statement.AccessMode``, any other statement
  ``Neo.ClientError.Statement.SyntaxError`` (errors roll the transaction back and come
  with HTTP 200, as Neo4j sends them); another database gets 404 ``DatabaseNotFound``;
* with ``--auth`` (``dbms.security.auth_enabled=true``, the default) every transactional
  request gets 401, ``WWW-Authenticate: Basic realm="Neo4j"`` and
  ``Neo.ClientError.Security.Unauthorized`` ``No authentication header supplied.``;
* anything else -> 404.

Nodes come from ``WORKDIR/data.json`` (``{"nodes": [{"labels": [...], "properties":
{...}}]}``); every request is appended to ``WORKDIR/requests.log`` (method, path,
access mode, statements), the log the read-only tests read. Run as
``python -m unguarded.lab.neo4j_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

VERSION = "5.13.0"
STORE_ID = "8d2f4e1a-3c6b-4b1e-9a57-2f0d6c1e7b44"
LOCK = threading.Lock()
WRITE_CLAUSES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|LOAD\s+CSV|FOREACH)\b", re.IGNORECASE)
LABELS = re.compile(r"CALL db\.labels\(\)( YIELD label RETURN label ORDER BY label LIMIT \$max)?")
COUNT = re.compile(r"MATCH \(n:(`(?:[^`]|``)+`|\w+)\) RETURN count\(n\)( AS records)?")
NODES = re.compile(r"MATCH \(n:(`(?:[^`]|``)+`|\w+)\) RETURN n LIMIT (\$limit|\d+)")


def _label(token: str) -> str:
    return token[1:-1].replace("``", "`") if token.startswith("`") else token


class Neo4jRequestHandler(BaseHTTPRequestHandler):
    server_version = "Jetty(10.0.15)"
    sys_version = ""
    workdir: Path
    auth: bool

    def _json(self, code: int, data: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode()
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _nodes(self) -> list[dict[str, Any]]:
        path = self.workdir / "data.json"
        return list(json.loads(path.read_text()).get("nodes", [])) if path.exists() else []

    def _log(self, entry: dict[str, Any]) -> None:
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, 1 << 20)) if length else b""
        mode = (self.headers.get("access-mode") or "WRITE").upper()
        try:
            payload = json.loads(raw) if raw else {}
        except ValueError:
            payload = None
        statements = payload.get("statements", []) if isinstance(payload, dict) else []
        self._log(
            {
                "method": self.command,
                "path": self.path,
                "access_mode": mode,
                "statements": [s.get("statement") for s in statements if isinstance(s, dict)],
            }
        )
        match = re.fullmatch(r"/db/([^/]+)/tx/commit", self.path)
        if self.command in ("GET", "HEAD") and self.path == "/":
            host = self.headers.get("Host", "localhost:7474").rsplit(":", 1)[0]
            self._json(
                200,
                {
                    "bolt_routing": f"neo4j://{host}:7687",
                    "transaction": f"http://{host}:7474/db/{{databaseName}}/tx",
                    "bolt_direct": f"bolt://{host}:7687",
                    "neo4j_version": VERSION,
                    "neo4j_edition": "community",
                },
            )
        elif self.command == "POST" and match:
            if self.auth:
                self._json(
                    401,
                    {
                        "errors": [
                            {
                                "code": "Neo.ClientError.Security.Unauthorized",
                                "message": "No authentication header supplied.",
                            }
                        ]
                    },
                    {"WWW-Authenticate": 'Basic realm="Neo4j"'},
                )
            elif match.group(1) != "neo4j":
                self._json(
                    404,
                    {
                        "errors": [
                            {
                                "code": "Neo.ClientError.Database.DatabaseNotFound",
                                "message": f"Database does not exist. Database name: '{match.group(1)}'.",
                            }
                        ]
                    },
                )
            elif payload is None:
                self._json(
                    400,
                    {
                        "errors": [
                            {
                                "code": "Neo.ClientError.Request.InvalidFormat",
                                "message": "Unable to deserialize request.",
                            }
                        ]
                    },
                )
            else:
                self._json(200, self._commit(statements, mode))
        else:
            self._json(404, {"errors": [{"code": "Neo.ClientError.Request.Invalid", "message": "Not Found"}]})

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle

    def _commit(self, statements: list[Any], mode: str) -> dict[str, Any]:
        nodes = self._nodes()
        results = []
        for item in statements:
            text = " ".join(str(item.get("statement", "")).split()) if isinstance(item, dict) else ""
            params = item.get("parameters") or {} if isinstance(item, dict) else {}
            found = self._statement(text, params, nodes)
            if found is None:
                if mode == "READ" and WRITE_CLAUSES.search(text):
                    error = {
                        "code": "Neo.ClientError.Statement.AccessMode",
                        "message": "Writing in read access mode not allowed. Attempted write to internal graph 0 (neo4j)",
                    }
                else:
                    error = {
                        "code": "Neo.ClientError.Statement.SyntaxError",
                        "message": f"Invalid input '{text[:20]}': expected <init> (line 1, column 1 (offset: 0))",
                    }
                return {"results": [], "errors": [error]}  # the whole transaction is rolled back
            results.append(found)
        return {"results": results, "errors": [], "lastBookmarks": [f"FB:kcwQ{STORE_ID[:8]}AAAAAAAAAAIQkA=="]}

    @staticmethod
    def _statement(text: str, params: dict[str, Any], nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
        if LABELS.fullmatch(text):
            labels = sorted({label for node in nodes for label in node.get("labels", [])})
            if text.endswith("$max"):
                labels = labels[: int(params.get("max", len(labels)))]
            return {"columns": ["label"], "data": [{"row": [label], "meta": [None]} for label in labels]}
        counted = COUNT.fullmatch(text)
        if counted:
            label = _label(counted.group(1))
            total = sum(1 for node in nodes if label in node.get("labels", []))
            column = "records" if counted.group(2) else "count(n)"
            return {"columns": [column], "data": [{"row": [total], "meta": [None]}]}
        listed = NODES.fullmatch(text)
        if listed:
            label = _label(listed.group(1))
            limit = int(params.get("limit", 0)) if listed.group(2) == "$limit" else int(listed.group(2))
            rows: list[dict[str, Any]] = []
            for index, node in enumerate(nodes):
                if label in node.get("labels", []) and len(rows) < limit:
                    meta = {"id": index, "elementId": f"4:{STORE_ID}:{index}", "type": "node", "deleted": False}
                    rows.append({"row": [node.get("properties", {})], "meta": [meta]})
            return {"columns": ["n"], "data": rows}
        return None

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to requests.log; stderr stays quiet."""


def main(port: int, workdir: Path, auth: bool) -> None:
    handler = type("BoundNeo4jHandler", (Neo4jRequestHandler,), {"workdir": workdir, "auth": auth})
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in sys.argv[3:])
