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
to ``WORKDIR/requests.log``.

With ``--grpc-port P`` it also serves Qdrant's gRPC API there (6334 in a deployment), from
the service definitions in Qdrant's ``lib/api/src/grpc/proto``: ``qdrant.Qdrant/HealthCheck``
(title, version, commit; open with an API key too, as Qdrant's auth layer lets it through),
``qdrant.Collections/List`` and ``qdrant.Collections/Get`` (``points_count``), messages
encoded by hand in the protobuf wire format; an unknown collection gets ``NOT_FOUND``
``Not found: Collection `x` doesn't exist!``, any other method ``UNIMPLEMENTED``, and with
``--auth`` everything but the health check ``UNAUTHENTICATED`` with the REST 401's text.
gRPC calls are logged as ``{"method": "GRPC", "path": "/qdrant.Collections/List"}``.
Run as ``python -m unguarded.lab.qdrant_standin PORT WORKDIR [--auth] [--grpc-port P]``.
"""

from __future__ import annotations

import json
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..engines._protobuf import encode_varint

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


def _field(number: int, value: bytes | str | int) -> bytes:
    """One protobuf field: a varint for ints, length-delimited for text and nested messages."""
    if isinstance(value, int):
        return encode_varint(number << 3) + encode_varint(value)
    raw = value.encode() if isinstance(value, str) else value
    return encode_varint(number << 3 | 2) + encode_varint(len(raw)) + raw


def _string_field_1(message: bytes) -> str:
    """Field 1 of a request (``collection_name``), read from the wire format."""
    if len(message) < 2 or message[0] != 0x0A:
        return ""
    length, position, shift = 0, 1, 0
    while position < len(message):
        byte = message[position]
        position += 1
        length |= (byte & 0x7F) << shift
        if not byte & 0x80:
            break
        shift += 7
    return message[position : position + length].decode("utf-8", "replace")


def grpc_server(port: int, workdir: Path, auth: bool) -> Any:
    """Qdrant's gRPC API on ``port`` (grpcio, imported only when asked for)."""
    from concurrent import futures

    import grpc

    def answer(path: str, request: bytes, context: Any) -> bytes:
        with LOCK, (workdir / "requests.log").open("a") as out:
            out.write(json.dumps({"method": "GRPC", "path": path}) + "\n")
        if path == "/qdrant.Qdrant/HealthCheck":
            return _field(1, "qdrant - vector search engine") + _field(2, VERSION) + _field(3, COMMIT)
        if auth:
            context.abort(grpc.StatusCode.UNAUTHENTICATED, "Must provide an API key or an Authorization bearer token")
        data_path = workdir / "data.json"
        collections = dict(json.loads(data_path.read_text()).get("collections", {})) if data_path.exists() else {}
        if path == "/qdrant.Collections/List":
            listed = b"".join(_field(1, _field(1, name)) for name in collections)
            return listed + bytes([0x11]) + struct.pack("<d", 0.0001)
        name = _string_field_1(request)
        if name not in collections:
            context.abort(grpc.StatusCode.NOT_FOUND, f"Not found: Collection `{name}` doesn't exist!")
        info = (
            _field(1, 1) + _field(2, _field(1, 1)) + _field(4, 2) + _field(9, len(collections[name].get("points", [])))
        )
        return _field(1, info) + bytes([0x11]) + struct.pack("<d", 0.0001)

    class QdrantGrpcHandler(grpc.GenericRpcHandler):  # type: ignore[misc]
        """Serves the three read calls above; any other method is left UNIMPLEMENTED."""

        def service(self, details: Any) -> Any:
            path = details.method
            if path not in ("/qdrant.Qdrant/HealthCheck", "/qdrant.Collections/List", "/qdrant.Collections/Get"):
                with LOCK, (workdir / "requests.log").open("a") as out:
                    out.write(json.dumps({"method": "GRPC", "path": path}) + "\n")
                return None
            return grpc.unary_unary_rpc_method_handler(lambda request, context: answer(path, request, context))

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), handlers=[QdrantGrpcHandler()])
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    return server


def main(argv: list[str]) -> None:
    QdrantRequestHandler.workdir = Path(argv[2])
    QdrantRequestHandler.auth = "--auth" in argv[3:]
    grpc = None
    if "--grpc-port" in argv:
        grpc = grpc_server(int(argv[argv.index("--grpc-port") + 1]), Path(argv[2]), "--auth" in argv[3:])
    server = ThreadingHTTPServer(("127.0.0.1", int(argv[1])), QdrantRequestHandler)
    server.daemon_threads = True
    try:
        server.serve_forever()
    finally:
        if grpc is not None:
            grpc.stop(grace=1)


if __name__ == "__main__":
    main(sys.argv)
