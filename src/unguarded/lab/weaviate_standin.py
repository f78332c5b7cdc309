"""A Weaviate stand-in: the REST and GraphQL reads an audit makes, as Weaviate 1.27 answers them.

No Weaviate runs here (a Go server shipped as a container; in neither Debian nor PyPI),
so this HTTP server answers with the shapes of Weaviate's REST reference:

* ``GET /v1/meta`` -> ``{"hostname": "http://[::]:8080", "modules": {}, "version": ...}``;
* ``GET /v1/schema`` -> ``{"classes": [{"class": ..., "properties": [...], "vectorizer": "none", ...}]}``;
* ``POST /v1/graphql`` with ``{ Aggregate { Class { meta { count } } } }`` ->
  ``{"data": {"Aggregate": {"Class": [{"meta": {"count": n}}]}}}`` (an unknown class: the
  GraphQL error ``Cannot query field ...``); any other query gets that error too;
* ``GET /v1/objects?class=X&limit=n[&include=vector]`` -> ``{"objects": [...], "totalResults": n}``;
* ``GET /v1/.well-known/ready`` and ``/live`` -> 200, empty;
* anything else (every write, batch or unknown path) -> go-swagger's 404
  ``{"code": 404, "message": "path ... was not found"}``.

With ``--auth`` (API-key authentication on, anonymous access off) every request but the
``.well-known`` probes gets 401 ``{"code":401,"message":"anonymous access not enabled,
please provide an auth scheme such as OIDC"}``. Classes come from ``WORKDIR/data.json``
(``{"classes": {"Name": {"properties": {...}, "objects": [{"id", "properties", "vector"}]}}}``,
reloaded on each request; ``"endless": N`` makes the schema list N generated classes,
streamed); every request is appended to ``WORKDIR/requests.log``. Run as
``python -m unguarded.lab.weaviate_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

VERSION = "1.27.3"
LOCK = threading.Lock()
DENIED = b'{"code":401,"message":"anonymous access not enabled, please provide an auth scheme such as OIDC"}'
AGGREGATE = re.compile(r"^\s*\{\s*Aggregate\s*\{\s*(\w+)\s*\{\s*meta\s*\{\s*count\s*\}\s*\}\s*\}\s*\}\s*$")


def class_schema(name: str, spec: dict[str, Any]) -> dict[str, Any]:
    return {
        "class": name,
        "description": spec.get("description", ""),
        "invertedIndexConfig": {"bm25": {"b": 0.75, "k1": 1.2}, "cleanupIntervalSeconds": 60},
        "multiTenancyConfig": {"enabled": False},
        "properties": [
            {"dataType": [kind], "indexFilterable": True, "indexSearchable": kind == "text", "name": prop}
            for prop, kind in spec.get("properties", {}).items()
        ],
        "replicationConfig": {"factor": 1},
        "shardingConfig": {"desiredCount": 1, "virtualPerPhysical": 128},
        "vectorIndexConfig": {"distance": "cosine", "ef": -1, "efConstruction": 128, "maxConnections": 32},
        "vectorIndexType": "hnsw",
        "vectorizer": "none",
    }


class WeaviateRequestHandler(BaseHTTPRequestHandler):
    sys_version = ""
    server_version = ""
    workdir: Path
    auth: bool

    def version_string(self) -> str:
        return ""

    def _send(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, code: int, data: Any) -> None:
        self._send(code, json.dumps(data).encode())

    def _data(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def _answer(self) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        query = parse_qs(url.query)
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        entry = {"method": self.command, "path": path, "query": url.query, "graphql": None}
        if path == "/v1/graphql" and body:
            entry["graphql"] = json.loads(body).get("query")
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")
        if path in ("/v1/.well-known/ready", "/v1/.well-known/live") and self.command == "GET":
            self._send(200, b"")
            return
        if self.auth:
            self._send(401, DENIED)
            return
        data = self._data()
        classes: dict[str, Any] = data.get("classes", {})
        if self.command == "GET" and path == "/v1/meta":
            self._json(200, {"hostname": "http://[::]:8080", "modules": {}, "version": VERSION})
        elif self.command == "GET" and path == "/v1/schema":
            if data.get("endless"):
                self._stream_schema(int(data["endless"]))
            else:
                self._json(200, {"classes": [class_schema(name, spec) for name, spec in classes.items()]})
        elif self.command == "POST" and path == "/v1/graphql":
            self._graphql(classes, str(entry["graphql"] or ""))
        elif self.command == "GET" and path == "/v1/objects":
            self._objects(classes, query)
        else:
            self._json(404, {"code": 404, "message": f"path {path} was not found"})

    def _graphql(self, classes: dict[str, Any], text: str) -> None:
        match = AGGREGATE.match(text)
        if match and match.group(1) in classes:
            count = len(classes[match.group(1)].get("objects", []))
            self._json(200, {"data": {"Aggregate": {match.group(1): [{"meta": {"count": count}}]}}})
            return
        field = match.group(1) if match else "unknown"
        error = {
            "locations": [{"column": 13, "line": 1}],
            "message": f'Cannot query field "{field}" on type "AggregateObjectsObj".',
            "path": None,
        }
        self._json(200, {"data": None, "errors": [error]})

    def _objects(self, classes: dict[str, Any], query: dict[str, list[str]]) -> None:
        name = query.get("class", [""])[0]
        limit = int(query.get("limit", ["25"])[0])
        vectors = "vector" in query.get("include", [""])[0].split(",")
        if name not in classes:
            self._json(404, {"error": [{"message": f"class {name} not found in schema"}]})
            return
        objects = []
        for obj in classes[name].get("objects", [])[:limit]:
            out = {
                "class": name,
                "creationTimeUnix": 1733000000000,
                "id": obj["id"],
                "lastUpdateTimeUnix": 1733000000000,
                "properties": obj.get("properties", {}),
            }
            if vectors:
                out["vector"] = obj.get("vector", [])
            objects.append(out)
        self._json(200, {"deprecations": None, "objects": objects, "totalResults": len(objects)})

    def _stream_schema(self, count: int) -> None:
        """A hostile schema: ``count`` generated classes, written as they are generated."""
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        try:
            self.wfile.write(b'{"classes":[')
            for index in range(count):
                self.wfile.write(b'%s{"class":"Kb%d","properties":[]}' % (b"," if index else b"", index))
            self.wfile.write(b"]}")
        except OSError:
            return

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        return


def main(argv: list[str]) -> None:
    WeaviateRequestHandler.workdir = Path(argv[2])
    WeaviateRequestHandler.auth = "--auth" in argv[3:]
    server = ThreadingHTTPServer(("127.0.0.1", int(argv[1])), WeaviateRequestHandler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
