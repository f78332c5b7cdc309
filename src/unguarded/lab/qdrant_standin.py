"""A Qdrant stand-in: the REST calls a read-only audit makes, as Qdrant 1.12 answers them.

No Qdrant runs here (it ships as a container and a Rust binary, in neither Debian nor
PyPI), so this HTTP server answers with the shapes of Qdrant's REST API reference:

* ``GET /`` -> ``{"title": "qdrant - vector search engine", "version": ..., "commit": ...}``
  (with an API key set too: ``/``, ``/healthz``, ``/readyz`` and ``/livez`` are on Qdrant's
  whitelist);
* ``GET /collections`` -> ``{"result": {"collections": [{"name": ...}]}, "status": "ok", "time": ...}``;
* ``GET /collections/{name}`` -> the collection info: ``points_count``, ``config.params.vectors``;
* ``POST /collections/{name}/points/scroll`` -> ``{"result": {"points": [...], "next_page_offset": ...}}``
  honouring ``limit``, ``with_payload`` and ``with_vector``;
* an unknown collection -> 404 ``{"status": {"error": "Not found: Collection `x` doesn't exist!"}}``;
  anything else (every write, snapshot or unknown path) -> actix's empty 404.

With ``--auth`` (``service.api_key`` set) every other request without an ``api-key``
header (or ``Authorization: Bearer``) gets 401 ``Must provide an API key or an
Authorization bearer token`` as plain text, and a wrong key 403 ``Invalid API key or JWT``.
Points come from ``WORKDIR/data.json`` (``{"collections": {"name": {"size": 128, "points":
[{"id": 1, "payload": {...}, "vector": [...]}]}}}``, reloaded on each request; an optional
``"endless": N`` lists N generated collection names, streamed); every request is appended
to ``WORKDIR/requests.log``. Run as ``python -m unguarded.lab.qdrant_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

VERSION = "1.12.4"
COMMIT = "5fe9d4eb5dcea8d0bc3f2d5db6bd2d4c5eab5b70"
API_KEY = "lab-qdrant-key"
LOCK = threading.Lock()
WHITELIST = ("/", "/healthz")
WHITELIST_PREFIXES = ("/readyz", "/livez")


def collection_info(collection: dict[str, Any]) -> dict[str, Any]:
    points = collection.get("points", [])
    return {
        "status": "green",
        "optimizer_status": "ok",
        "indexed_vectors_count": 0,
        "points_count": len(points),
        "segments_count": 2,
        "config": {
            "params": {
                "vectors": {"size": collection.get("size", 4), "distance": "Cosine"},
                "shard_number": 1,
                "replication_factor": 1,
                "write_consistency_factor": 1,
                "on_disk_payload": True,
            },
            "hnsw_config": {"m": 16, "ef_construct": 100, "full_scan_threshold": 10000, "max_indexing_threads": 0},
            "optimizer_config": {"deleted_threshold": 0.2, "vacuum_min_vector_number": 1000, "flush_interval_sec": 5},
            "wal_config": {"wal_capacity_mb": 32, "wal_segments_ahead": 0},
            "quantization_config": None,
        },
        "payload_schema": {},
    }


class QdrantRequestHandler(BaseHTTPRequestHandler):
    sys_version = ""
    server_version = ""
    workdir: Path
    auth: bool

    def version_string(self) -> str:
        return ""

    def _send(self, code: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(code)
        self.send_header("content-type", content_type)
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _ok(self, result: Any) -> None:
        self._send(200, json.dumps({"result": result, "status": "ok", "time": 0.000017}).encode())

    def _data(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        return dict(json.loads(path.read_text())) if path.exists() else {}

    def _authorised(self, path: str) -> bool:
        if not self.auth or path in WHITELIST or path.startswith(WHITELIST_PREFIXES):
            return True
        bearer = self.headers.get("authorization", "")
        key = self.headers.get("api-key") or (bearer[7:] if bearer.startswith("Bearer ") else None)
        if key is None:
            self._send(401, b"Must provide an API key or an Authorization bearer token", "text/plain; charset=utf-8")
            return False
        if key != API_KEY:
            self._send(403, b"Invalid API key or JWT", "text/plain; charset=utf-8")
            return False
        return True

    def _answer(self) -> None:
        url = urlsplit(self.path)
        path = unquote(url.path)
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps({"method": self.command, "path": path, "query": url.query}) + "\n")
        if not self._authorised(path):
            return
        parts = [p for p in path.split("/") if p]
        data = self._data()
        collections: dict[str, Any] = data.get("collections", {})
        if self.command == "GET" and path == "/":
            self._send(
                200,
                json.dumps({"title": "qdrant - vector search engine", "version": VERSION, "commit": COMMIT}).encode(),
            )
        elif self.command == "GET" and path == "/healthz":
            self._send(200, b"healthz check passed", "text/plain; charset=utf-8")
        elif self.command == "GET" and parts == ["collections"]:
            if data.get("endless"):
                self._stream_names(int(data["endless"]))
            else:
                self._ok({"collections": [{"name": name} for name in collections]})
        elif len(parts) >= 2 and parts[0] == "collections" and parts[1] not in collections and self._known(parts):
            message = f"Not found: Collection `{parts[1]}` doesn't exist!"
            self._send(404, json.dumps({"status": {"error": message}, "time": 0.000009}).encode())
        elif self.command == "GET" and len(parts) == 2 and parts[0] == "collections":
            self._ok(collection_info(collections[parts[1]]))
        elif (
            self.command == "POST"
            and len(parts) == 4
            and parts[0] == "collections"
            and parts[2:] == ["points", "scroll"]
        ):
            self._scroll(collections[parts[1]], json.loads(body or b"{}"))
        else:
            self._send(404, b"", "text/plain")

    def _known(self, parts: list[str]) -> bool:
        return (self.command == "GET" and len(parts) == 2) or (
            self.command == "POST" and len(parts) == 4 and parts[2:] == ["points", "scroll"]
        )

    def _scroll(self, collection: dict[str, Any], query: dict[str, Any]) -> None:
        limit = int(query.get("limit", 10))
        start = int(query.get("offset") or 0)
        points = collection.get("points", [])
        page = []
        for point in points[start : start + limit]:
            out: dict[str, Any] = {"id": point["id"]}
            out["payload"] = point.get("payload", {}) if query.get("with_payload", True) else None
            out["vector"] = point.get("vector") if query.get("with_vector", False) else None
            page.append(out)
        following = start + limit if start + limit < len(points) else None
        self._ok({"points": page, "next_page_offset": following})

    def _stream_names(self, count: int) -> None:
        """A hostile listing: ``count`` collection names, written as they are generated."""
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.end_headers()
        try:
            self.wfile.write(b'{"result":{"collections":[')
            for index in range(count):
                self.wfile.write(b'%s{"name":"kb_%d"}' % (b"," if index else b"", index))
            self.wfile.write(b']},"status":"ok","time":0.1}')
        except OSError:
            return

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _answer

    def log_message(self, format: str, *args: object) -> None:
        return


def main(argv: list[str]) -> None:
    QdrantRequestHandler.workdir = Path(argv[2])
    QdrantRequestHandler.auth = "--auth" in argv[3:]
    server = ThreadingHTTPServer(("127.0.0.1", int(argv[1])), QdrantRequestHandler)
    server.daemon_threads = True
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv)
