"""Milvus for the lab: milvus-lite's own gRPC server, with every call's method name logged.

Open: milvus-lite (PyPI; a Milvus server speaking the ``milvus.proto.milvus.MilvusService``
gRPC API, storing under ``WORKDIR/data``), built as its ``milvus-lite server`` command
builds it, plus a server interceptor that appends each call's method to
``WORKDIR/requests.log`` (the read-only proof).

``--auth``: milvus-lite has no authentication, so the protected twin is a stand-in that
answers every call as Milvus with ``common.security.authorizationEnabled: true`` answers
a call without the ``authorization`` metadata: gRPC status ``UNAUTHENTICATED``, message
``missing authorization in header`` (Milvus's ``AuthenticationInterceptor``).
Run as ``python -m unguarded.lab.milvus_lab PORT WORKDIR [--auth]``.
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
    try:
        server.wait_for_termination()
    finally:
        server.stop(grace=2)
        if database is not None:
            database.close()


if __name__ == "__main__":
    main(sys.argv)
