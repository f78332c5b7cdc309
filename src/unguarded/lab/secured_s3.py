"""A stand-in for S3 with public access blocked: every anonymous request gets its 403.

moto, the S3 stand-in the lab uses for the open bucket, does not enforce anonymous
access: without auth it lets everyone list everything, and with auth enforced it answers
an unsigned request with HTTP 500 (it looks up a missing ``Authorization`` header). So
this answers exactly what AWS S3 answers an anonymous client on a bucket without public
access: 403, ``Server: AmazonS3``, the ``x-amz-request-id``/``x-amz-id-2`` headers and the
``AccessDenied`` XML body. Every request is logged (method and path) for the read-only
proof. Run as ``python -m unguarded.lab.secured_s3 PORT``.
"""

from __future__ import annotations

import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def body(request_id: str, host_id: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>{request_id}</RequestId>"
        f"<HostId>{host_id}</HostId></Error>"
    ).encode()


class DenyAnonymous(BaseHTTPRequestHandler):
    server_version = "AmazonS3"
    sys_version = ""

    def _deny(self) -> None:
        request_id = os.urandom(8).hex().upper()
        host_id = os.urandom(36).hex()
        payload = body(request_id, host_id)
        self.send_response(403)
        self.send_header("x-amz-request-id", request_id)
        self.send_header("x-amz-id-2", host_id)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _deny

    def version_string(self) -> str:
        return "AmazonS3"

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.command} {self.path}\n")
        sys.stderr.flush()


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), DenyAnonymous).serve_forever()
