"""Milvus for the lab: milvus-lite's own gRPC server, with every call's method name logged.

Open: milvus-lite (PyPI; a Milvus server speaking the ``milvus.proto.milvus.MilvusService``
gRPC API, storing under ``WORKDIR/data``), built as its ``milvus-lite server`` command
builds it, plus a server interceptor that appends each call's method to
``WORKDIR/requests.log`` (the read-only proof).

``--auth``: milvus-lite has no authentication, so the protected twin is a stand-in that
answers every call as Milvus with ``common.security.authorizationEnabled: true`` answers
a call without the ``authorization`` metadata: gRPC status ``UNAUTHENTICATED``, message
``missing authorization in header`` (Milvus's ``AuthenticationInterceptor``).
With ``--health-port P`` it also answers Milvus's health port (9091 in a deployment) as
Milvus's ``healthz`` handler does (``internal/http/healthz``): ``GET /healthz`` with
``Content-Type: application/json`` gets ``{"state": "OK", "detail": [{"name": ..., "code":
1}, ...]}`` for the standalone's components, without it the bare text ``OK``; ``/livez``
``OK``; any other path Go's ``404 page not found``. Those requests go to ``WORKDIR/http.log``.
Run as ``python -m unguarded.lab.milvus_lab PORT WORKDIR [--auth] [--health-port P]``.
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc

LOCK = threading.Lock()
DENIED = "missing authorization in header"


class RequestLog(grpc.ServerInterceptor):  # type: ignore[misc]
    """Appends every call's full method name to ``requests.log``; denies them all when ``deny``."""

    def __init__(self, log: Path, deny: bool) -> None:
        self.log = log
        self.deny = deny

    def intercept_service(self, continuation: Callable[[Any], Any], details: Any) -> Any:
        with LOCK, self.log.open("a") as out:
            out.write(json.dumps({"method": details.method}) + "\n")
        if self.deny:
            return grpc.unary_unary_rpc_method_handler(_deny)
        return continuation(details)


def _deny(_request: bytes, context: grpc.ServicerContext) -> None:
    context.abort(grpc.StatusCode.UNAUTHENTICATED, DENIED)


COMPONENTS = ("rootcoord", "datacoord", "querycoord", "proxy", "querynode", "datanode", "indexnode")


def health_server(port: int, workdir: Path) -> None:
    """The health port, served from a daemon thread."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class MilvusHealthHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def version_string(self) -> str:
            return ""

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: http.log is the log."""

        def _send(self, code: int, body: bytes, content_type: str) -> None:
            self.send_response(code)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            with LOCK, (workdir / "http.log").open("a") as out:
                out.write(json.dumps({"method": self.command, "path": self.path}) + "\n")
            if self.path == "/healthz":
                if self.headers.get("Content-Type") == "application/json":
                    detail = [{"name": name, "code": 1} for name in COMPONENTS]
                    self._send(200, json.dumps({"state": "OK", "detail": detail}).encode(), "application/json")
                else:
                    self._send(200, b"OK", "text/plain")
            elif self.path == "/livez":
                self._send(200, b"OK", "text/plain")
            else:
                self._send(404, b"404 page not found\n", "text/plain; charset=utf-8")

        do_POST = do_PUT = do_DELETE = do_GET

    server = ThreadingHTTPServer(("127.0.0.1", port), MilvusHealthHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()


def main(argv: list[str]) -> None:
    port, workdir, protected = int(argv[1]), Path(argv[2]), "--auth" in argv[3:]
    interceptor = RequestLog(workdir / "requests.log", deny=protected)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8), interceptors=[interceptor])
    database = None
    if not protected:
        from milvus_lite.adapter.grpc.servicer import MilvusServicer
        from milvus_lite.db import MilvusLite
        from pymilvus.grpc_gen import milvus_pb2_grpc

        database = MilvusLite(str(workdir / "data"))
        milvus_pb2_grpc.add_MilvusServiceServicer_to_server(MilvusServicer(database), server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    if "--health-port" in argv:
        health_server(int(argv[argv.index("--health-port") + 1]), workdir)
    try:
        server.wait_for_termination()
    finally:
        server.stop(grace=2)
        if database is not None:
            database.close()


if __name__ == "__main__":
    main(sys.argv)
