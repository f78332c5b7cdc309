"""Hostile ZooKeeper and S3 peers: an endless bucket listing, a giant object, a ZooKeeper
that announces a 2 GiB reply. Each scan ends within its bounds with a clear error."""

from __future__ import annotations

import dataclasses
import socket
import struct
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests import hostile
from tests.conftest import FAST, only_service, run_scan


class EndlessS3(BaseHTTPRequestHandler):
    """Lists one bucket whose pages never end, and serves objects that never end."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        if url.path == "/":
            body = (
                b'<?xml version="1.0"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                b"<Buckets><Bucket><Name>endless</Name></Bucket></Buckets></ListAllMyBucketsResult>"
            )
        elif "list-type" in query:
            page = int(query.get("continuation-token", ["0"])[0])
            items = "".join(
                f"<Contents><Key>data/p{page}-{i}.csv</Key><Size>99999999</Size></Contents>" for i in range(1000)
            )
            body = (
                f'<?xml version="1.0"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                f"<Name>endless</Name><IsTruncated>true</IsTruncated>{items}"
                f"<NextContinuationToken>{page + 1}</NextContinuationToken></ListBucketResult>"
            ).encode()
        elif "policy" in query or "acl" in query:
            self.send_response(403)
            self.send_header("x-amz-request-id", "1")
            self.end_headers()
            return
        else:  # an object: ignores Range and never ends
            self.send_response(200)
            self.send_header("Server", "AmazonS3")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"name,email\n" * 4096)
            except OSError:
                return
        self.send_response(200)
        self.send_header("Server", "AmazonS3")
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def endless_s3() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EndlessS3)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


class EmptyListing(BaseHTTPRequestHandler):
    """Ceph RGW's answer to an anonymous ListBuckets: 200 and no buckets (anonymous owns none)."""

    def do_GET(self) -> None:
        body = b'<?xml version="1.0"?><ListAllMyBucketsResult><Buckets/></ListAllMyBucketsResult>'
        self.send_response(200)
        self.send_header("Server", "Ceph Object Gateway (squid)")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_empty_anonymous_bucket_list_is_unknown_not_open():
    server = ThreadingHTTPServer(("127.0.0.1", 0), EmptyListing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        svc = only_service(run_scan([f"http://127.0.0.1:{server.server_address[1]}"]))
    finally:
        server.shutdown()
        server.server_close()
    assert (svc.engine, svc.exposure, svc.datasets) == ("s3", "unknown", ())
    assert "name a bucket" in svc.auth_detail


def test_endless_bucket_listing_is_bounded(endless_s3: int):
    options = dataclasses.replace(FAST, max_keys_listed=2500)
    svc = only_service(run_scan([f"s3://127.0.0.1:{endless_s3}"], options))
    assert svc.engine == "s3" and svc.exposure == "open"
    (dataset,) = svc.datasets
    assert dataset.records == 3000 and not dataset.records_exact  # three pages of 1,000, then it stopped
    assert any("listing stopped at its bound" in e.message for e in svc.errors)


def test_zookeeper_that_announces_a_giant_reply():
    def handle(conn: socket.socket) -> None:
        try:
            first = conn.recv(64)
            if first.startswith(b"srvr"):
                conn.sendall(b"Zookeeper version: 3.8.0-x, built on 2024\nZxid: 0x1\nMode: standalone\n")
            else:
                conn.sendall(struct.pack(">i", 0x7FFFFFF0) + b"\x00" * 64)
        except OSError:
            pass
        finally:
            conn.close()

    port, close = hostile._serve(handle)
    try:
        report = run_scan([f"zookeeper://127.0.0.1:{port}"])
    finally:
        close()
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.datasets) == ("zookeeper", "unknown", ())
    assert any("over the 1,052,672-byte cap" in e.message for e in svc.errors), svc.errors
