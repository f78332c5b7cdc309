"""S3 against moto in server mode (open, public-read bucket) and the AWS-like 403 stand-in (protected).

The read-only proof comes from the servers: moto's request log (werkzeug writes one line
per request) shows only GET and HEAD from the scan, and the objects, their ETags and the
bucket policy are the same before and after; the protected stand-in's log likewise.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.s3 import S3Engine, acl_access, image_field, object_records, policy_access
from unguarded.lab.servers import MotoS3Server
from unguarded.models import Access
from unguarded.targets import parse_target

_REQUEST = re.compile(r'"([A-Z]+) (\S+) HTTP/1\.[01]"')


def state(server: MotoS3Server) -> str:
    s3 = server.client()
    buckets = sorted(b["Name"] for b in s3.list_buckets()["Buckets"])
    objects = {
        b: sorted((o["Key"], o["ETag"], o["Size"]) for o in s3.list_objects_v2(Bucket=b).get("Contents", []))
        for b in buckets
    }
    policies = {b: s3.get_bucket_policy(Bucket=b)["Policy"] for b in buckets if b == server.BUCKET}
    return json.dumps([buckets, objects, policies], sort_keys=True, default=str)


def requests_since(log: Path, offset: int) -> list[tuple[str, str]]:
    text = log.read_bytes()[offset:].decode(errors="replace")
    return _REQUEST.findall(text)


def test_open_s3_bucket(lab: Lab, report_schema):
    server = lab.get("s3")
    assert isinstance(server, MotoS3Server)
    before = state(server)
    offset = server.log.stat().st_size
    report = run_scan([f"s3://127.0.0.1:{server.port}"])
    seen = requests_since(server.log, offset)
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("s3", "open", "read")
    datasets = {d.name: d for d in svc.datasets if d.name.startswith(f"{server.BUCKET}/")}
    assert set(datasets) == {f"{server.BUCKET}/{p}" for p in ("exports", "config", "avatars")}
    exports, config, avatars = (datasets[f"{server.BUCKET}/{p}"] for p in ("exports", "config", "avatars"))
    assert (exports.records, config.records, avatars.records) == (2, 2, 3)
    assert exports.records_exact and exports.kind == "objects" and exports.bytes
    assert {"contact.email", "contact.phone", "person.name"} <= exports.categories
    assert any(c.startswith("credential.password") for c in config.categories)
    assert "biometric.face_image" in avatars.categories and avatars.sampled == 3
    assert svc.severity == "critical"
    # read-only: only GET/HEAD reached moto, and its state is unchanged
    assert seen and {method for method, _path in seen} <= {"GET", "HEAD"}, seen
    assert state(server) == before
    assert_value_free(report, server.CANARY_EMAIL, server.CANARY_PASSWORD)


def test_ransom_note_bucket_is_compromised(lab: Lab):
    server = lab.get("s3")
    s3 = server.client()
    s3.create_bucket(Bucket="wiped-backups")
    note = b"All your data is backed up. Send 0.05 BTC to bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh to recover it."
    s3.put_object(Bucket="wiped-backups", Key="README_TO_RECOVER_YOUR_DATA.txt", Body=note)
    report = run_scan([f"s3://127.0.0.1:{server.port}/wiped-backups"])
    svc = only_service(report)
    assert svc.compromised and svc.severity == "critical"
    assert any(e.kind == "ransom_note" and e.dataset == "wiped-backups" for e in svc.evidence)
    assert svc.remediation is not None


def test_named_bucket_in_an_http_uri(lab: Lab):
    server = lab.get("s3")
    report = run_scan([f"http://127.0.0.1:{server.port}/{MotoS3Server.BUCKET}"])
    svc = only_service(report)
    assert svc.engine == "s3" and svc.exposure == "open"
    assert MotoS3Server.BUCKET in {d.name.split("/")[0] for d in svc.datasets}


def test_protected_s3(lab: Lab, report_schema):
    server = lab.get("s3", protected=True)
    offset = server.log.stat().st_size if server.log.exists() else 0
    report = run_scan([f"s3://127.0.0.1:{server.port}/private-bucket"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == ("s3", "protected", "none", (), "info")
    assert svc.auth_detail.startswith("HTTP 403")
    methods = {line.split()[0] for line in server.log.read_text()[offset:].splitlines() if line.strip()}
    assert methods <= {"GET", "HEAD"}, methods


def test_match_by_answer():
    engine = S3Engine()
    listing = b'HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n<?xml version="1.0"?><ListAllMyBucketsResult xmlns="x">'
    assert engine.match(listing)
    denied = (
        b"HTTP/1.1 403 Forbidden\r\nServer: MinIO\r\nContent-Type: application/xml\r\n\r\n"
        b'<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'
    )
    assert engine.match(denied).detail == "protected"
    # an XML error from anything that is not S3 is not S3
    assert (
        engine.match(b"HTTP/1.1 403 Forbidden\r\nServer: nginx\r\n\r\n<Error><Code>AccessDenied</Code></Error>") is None
    )
    assert engine.match(b"HTTP/1.1 200 OK\r\n\r\nhello") is None


def test_policy_and_acl_access():
    public_read = {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"]}]}
    public_write = {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:PutObject"}]}
    everything = {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*"}]}
    conditional = {
        "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Condition": {"IpAddress": {}}}]
    }
    assert policy_access(public_read) == Access.READ
    assert policy_access(public_write) == Access.WRITE
    assert policy_access(everything) == Access.ADMIN
    assert policy_access(conditional) == Access.METADATA
    from defusedxml import ElementTree

    acl = ElementTree.fromstring(
        '<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><AccessControlList><Grant>'
        '<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group">'
        "<URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>WRITE</Permission>"
        "</Grant></AccessControlList></AccessControlPolicy>"
    )
    assert acl_access(acl) == Access.WRITE


def test_object_records():
    assert object_records("a.csv", b"name,email\nJo,j@x.org\nAl,a@x.o", complete=False) == [
        {"name": "Jo", "email": "j@x.org"}
    ]
    assert object_records("a.jsonl", b'{"a": 1}\n{"a": 2}\n', complete=True) == [{"a": 1}, {"a": 2}]
    assert object_records("x.env", b"A=1\nB=2\n", complete=True) == [{"A": "1", "B": "2"}]
    assert image_field("avatars/u1.png") == "avatar" and image_field("selfie_01.jpg") == "selfie"


class NamedBucketOnly(BaseHTTPRequestHandler):
    """AWS-like: anonymous ListBuckets refused, one bucket public (what most leaks look like)."""

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/open-bucket" and "list-type=2" in url.query:
            status, body = (
                200,
                (
                    b'<?xml version="1.0"?><ListBucketResult><Name>open-bucket</Name><IsTruncated>false</IsTruncated>'
                    b"<Contents><Key>a.bin</Key><Size>10</Size></Contents></ListBucketResult>"
                ),
            )
        else:
            status, body = 403, b'<?xml version="1.0"?><Error><Code>AccessDenied</Code></Error>'
        self.send_response(status)
        self.send_header("Server", "AmazonS3")
        self.send_header("x-amz-request-id", "0")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_the_bucket_named_in_the_target_is_listed():
    assert parse_target("s3://db.example:9000/open-bucket/").path == "open-bucket"
    server = ThreadingHTTPServer(("127.0.0.1", 0), NamedBucketOnly)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    try:
        named = only_service(run_scan([f"s3://127.0.0.1:{port}/open-bucket"]))
        unnamed = only_service(run_scan([f"s3://127.0.0.1:{port}"]))
    finally:
        server.shutdown()
        server.server_close()
    assert (named.exposure, named.access, [d.name for d in named.datasets]) == ("open", "metadata", ["open-bucket"])
    assert (unnamed.exposure, unnamed.datasets) == ("protected", ())
