"""S3-compatible object storage (AWS S3, MinIO, Ceph RGW), over its REST API, unsigned.

Anonymous is the point: every request goes out without a signature, exactly what anyone
on the internet can send. Recognised by what ``GET /`` answers, not the port: a
``ListAllMyBucketsResult`` (anonymous ListBuckets allowed), a bucket's
``ListBucketResult`` (a virtual-hosted bucket), or S3's XML ``<Error>`` together with an
S3 server's marks (``Server: AmazonS3``/``MinIO``/``Ceph``, ``x-amz-request-id``,
``x-minio-*``). A bucket the user names in the target (``s3://host:9000/bucket``,
``http://host:9000/bucket``) is listed as well: anonymous ListBuckets is rare, public
buckets are not.

Inventory comes from ListObjectsV2 pages (keys and sizes; bounded in pages, keys and
time); a bounded sample of small objects is read with a ``Range`` header: CSV and JSON
become records, ``key=value`` files fields; images are read only as far as their magic
bytes and reported to the classifier under a field named after their prefix, so a
``faces/`` or ``avatars/`` bucket surfaces as a ``biometric.face_image`` candidate. Write
access is never tried: it is read from the bucket policy and ACL where the server lets
an anonymous client read them.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element

import httpx
from defusedxml import ElementTree

from ..classify.compromise import note_named
from ..models import Access, Endpoint, Evidence, Exposure, Remediation
from ._http import HTTP_PROBE, http_client, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

PAGE_KEYS = 1000
MAX_PAGES = 20
MAX_XML = 8 << 20
#: how much of an image is read: enough for its magic number, never the picture
IMAGE_HEAD = 64
#: objects read per bucket for the sample
MAX_OBJECTS = 20
_SERVER_MARKS = ("amazons3", "minio", "ceph", "amazon.com", "seaweedfs", "garage")
_ID_HEADERS = ("x-amz-request-id", "x-amzn-requestid", "x-amz-id-2", "x-minio-deployment-id")
_TEXT_TYPES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".env", ".properties", ".conf", ".cfg", ".ini", ".txt")
_IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".bmp")
_WRITE_ACTIONS = ("s3:putobject", "s3:deleteobject", "s3:*", "*")
_ADMIN_ACTIONS = ("s3:putbucketpolicy", "s3:putbucketacl", "s3:*", "*")


def _strip(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: Element, name: str) -> str | None:
    for child in element:
        if _strip(child.tag) == name:
            return child.text
    return None


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _strip(child.tag) == name]


def _xml(body: bytes) -> Element | None:
    with contextlib.suppress(Exception):
        root: Element = ElementTree.fromstring(body)
        return root
    return None


def s3_marks(headers: dict[str, str]) -> bool:
    """Headers only an S3 implementation sends (its Server name, its request-id headers)."""
    server = headers.get("server", "").lower()
    return any(mark in server for mark in _SERVER_MARKS) or any(h in headers for h in _ID_HEADERS)


@dataclass
class _Bucket:
    """What the listing of one bucket gave."""

    name: str
    #: the bucket's path on this endpoint: ``/name`` (path style), ``""`` when the host is the bucket
    base: str = ""
    objects: int = 0
    size: int = 0
    complete: bool = True
    keys: list[tuple[str, int]] = field(default_factory=list)
    #: objects and bytes per top-level prefix (``""`` for objects at the bucket's root)
    prefixes: dict[str, list[int]] = field(default_factory=dict)

    def dataset(self, prefix: str) -> str:
        return f"{self.name}/{prefix}" if prefix else self.name


class S3Engine(Engine):
    """Anonymous ListBuckets and ListObjectsV2 for exposure, object counts and sizes, small objects sampled by content.

    A bucket named in the target (``s3://host:9000/bucket``) is listed too. CSV and JSON
    objects become records; images are read only as far as their magic bytes, as
    face-image candidates when their prefix says photo or avatar. Nothing is signed.
    """

    name = "s3"
    title = "S3-compatible storage (AWS S3, MinIO, Ceph RGW)"
    default_ports = (9000, 443, 80)
    #: ``s3://host:port/bucket`` (plain HTTP on MinIO's port; ``https://host/bucket`` for TLS)
    uri_schemes = (UriScheme("s3", 9000), UriScheme("minio", 9000))
    #: nmap's services file has no S3 name (9000 is ``cslistener``, ClickHouse's native port too)
    nmap_services = ("minio",)
    deployed_as = (DataService("minio", (9000, 9001), ("minio",)),)
    tested_against = (
        "`moto` in server mode (PyPI `moto[server]`) seeded with a public-read bucket for the open one; "
        "`unguarded.lab.secured_s3` for the protected one, which answers an anonymous client exactly as AWS "
        "S3 does (403 `AccessDenied`, `Server: AmazonS3`), since moto does not enforce anonymous access "
        "(without auth it allows everything; with auth an unsigned request gets HTTP 500)"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="Block public access on every bucket and drop policies and ACLs that grant Principal '*'.",
        steps=(
            "AWS: aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration "
            "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true "
            "(and the same account-wide with aws s3control put-public-access-block)",
            'Remove bucket-policy statements with "Principal": "*" (aws s3api delete-bucket-policy --bucket <bucket>) '
            "and public ACLs (aws s3api put-bucket-acl --bucket <bucket> --acl private)",
            "MinIO: mc anonymous set none <alias>/<bucket>; Ceph RGW: remove public-read ACLs and policies",
            "Terraform: aws_s3_bucket_public_access_block with all four settings true; no acl = public-read",
        ),
        references=(
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
            "https://min.io/docs/minio/linux/reference/minio-mc/mc-anonymous-set.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: ransom notes in a bucket mean objects were taken and deleted.",
            steps=(
                INTRUSION_STEP,
                "Restore the objects from versioning (aws s3api list-object-versions) or a replicated copy; keep the notes as evidence",
                "Block public access on the bucket (put-public-access-block, all four true; MinIO: mc anonymous set none)",
                "Enable versioning and Object Lock on buckets that hold data you cannot lose; rotate keys stored in objects",
            ),
            references=(
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html",
                "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """The bucket: ``exports-bucket/2024`` (a prefix) belongs to ``exports-bucket``."""
        return dataset.split("/", 1)[0]

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        head = body[:4096]
        if status == 200 and (b"<ListAllMyBucketsResult" in head or b"<ListBucketResult" in head):
            return Identity(self.name, detail="anonymous listing")
        if b"<Error>" in head and b"<Code>" in head and s3_marks(headers):
            return Identity(self.name, detail="protected")
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(
            ep, ctx, headers={"Host": _host_header(ep, ctx.target_port(ep)), "User-Agent": "unguarded"}
        ) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        started = time.monotonic()
        budget = started + ctx.options.service_deadline / 2
        status, root = await _get_xml(client, "/")
        names: list[str] = []
        listed_root = root is not None and _strip(root.tag) == "ListAllMyBucketsResult" and status == 200
        if listed_root and root is not None:
            names = [n for b in _children(root, "Bucket") if (n := _child_text(b, "Name"))]
        named = (ep.path or "").split("/", 1)[0]
        if named and named not in names:
            names.append(named)
        buckets: list[_Bucket] = []
        refused: list[str] = []
        if status == 200 and root is not None and _strip(root.tag) == "ListBucketResult":
            # the host itself is a bucket (virtual-hosted style: bucket.s3.amazonaws.com)
            hosted = await _list(client, _Bucket(_child_text(root, "Name") or ep.host, ""), ctx, budget)
            buckets += [hosted] if hosted else []
        for name in names[: ctx.options.max_datasets]:
            bucket = await _list(client, _Bucket(name, f"/{quote(name, safe='')}"), ctx, budget)
            if bucket is None:
                refused.append(name)
            else:
                buckets.append(bucket)
        if not buckets:
            if listed_root and not names:
                return Assessment(
                    Exposure.UNKNOWN,
                    Access.NONE,
                    tls=ep.tls,
                    auth_detail="anonymous ListBuckets answered an empty list: name a bucket in the target "
                    "(s3://host:port/bucket) to test it",
                )
            what = f"listing of {', '.join(refused)}" if refused else "ListBuckets"
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                tls=ep.tls,
                auth_detail=f"HTTP {status}: anonymous {what} refused (credentials required)",
            )
        result = Assessment(
            Exposure.OPEN,
            Access.METADATA,
            tls=ep.tls,
            auth_detail="no authentication: "
            + ("anonymous ListBuckets allowed" if listed_root else "a bucket is listable anonymously"),
        )
        read = False
        datasets = 0
        for bucket in buckets:
            grants = await _grants(client, bucket.base or "/")
            result.access = max(result.access, grants, key=_rank)
            if not bucket.complete:
                result.error(ep, "inventory", f"{bucket.name}: listing stopped at its bound; counts are lower bounds")
            for key, _size in bucket.keys:
                if note_named(key.rsplit("/", 1)[-1].rsplit(".", 1)[0]):
                    result.evidence.append(
                        Evidence(
                            kind="ransom_note",
                            detail="an object named like a ransom note",
                            dataset=bucket.dataset(prefix_of(key)),
                        )
                    )
            for prefix, (objects, size) in sorted(bucket.prefixes.items(), key=lambda kv: -kv[1][0]):
                if datasets >= ctx.options.max_datasets:
                    break
                datasets += 1
                keys = [(k, n) for k, n in bucket.keys if prefix_of(k) == prefix]
                sample, readable = await _sample(client, bucket.base, keys, ctx)
                read = read or readable
                result.add_dataset(
                    bucket.dataset(prefix), objects, sample, kind="objects", size=size, exact=bucket.complete
                )
            if not bucket.prefixes:
                result.add_dataset(bucket.name, 0, kind="objects", size=0, exact=bucket.complete)
        if read and _rank(result.access) < _rank(Access.READ):
            result.access = Access.READ
        return result


_ORDER = (Access.NONE, Access.METADATA, Access.READ, Access.WRITE, Access.ADMIN)


def _rank(access: Access) -> int:
    return _ORDER.index(access)


async def _get_xml(
    client: httpx.AsyncClient, path: str, params: dict[str, str] | None = None
) -> tuple[int, Element | None]:
    """GET an XML document, refusing bodies over :data:`MAX_XML` (a listing that never ends)."""
    body = b""
    async with client.stream("GET", path, params=params) as answer:
        async for chunk in answer.aiter_bytes():
            body += chunk
            if len(body) > MAX_XML:
                return answer.status_code, None
    return answer.status_code, _xml(body)


async def _list(client: httpx.AsyncClient, found: _Bucket, ctx: ScanContext, budget: float) -> _Bucket | None:
    """ListObjectsV2 page by page, bounded in pages, keys and time; ``None`` when refused."""
    token: str | None = None
    max_keys = ctx.options.max_keys_listed
    for page in range(MAX_PAGES):
        params = {"list-type": "2", "max-keys": str(PAGE_KEYS)}
        if token:
            params["continuation-token"] = token
        status, doc = await _get_xml(client, found.base or "/", params)
        if status != 200 or doc is None or _strip(doc.tag) != "ListBucketResult":
            if page == 0:
                return None
            found.complete = False
            break
        for item in _children(doc, "Contents"):
            key = _child_text(item, "Key") or ""
            size = _int(_child_text(item, "Size"))
            found.objects += 1
            found.size += size
            counts = found.prefixes.setdefault(prefix_of(key), [0, 0])
            counts[0] += 1
            counts[1] += size
            if len(found.keys) < max_keys:
                found.keys.append((key, size))
        token = _child_text(doc, "NextContinuationToken")
        truncated = (_child_text(doc, "IsTruncated") or "").lower() == "true"
        if not truncated or not token:
            return found
        if found.objects >= max_keys or time.monotonic() > budget:
            break
    found.complete = False
    return found


async def _grants(client: httpx.AsyncClient, path: str) -> Access:
    """What the bucket policy and ACL give anonymous clients, where they may read them (GET only)."""
    access = Access.METADATA
    answer = await client.get(path, params={"policy": ""})
    if answer.status_code == 200:
        with contextlib.suppress(ValueError):
            access = max(access, policy_access(json.loads(answer.content)), key=_rank)
    status, acl = await _get_xml(client, path, {"acl": ""})
    if status == 200 and acl is not None:
        access = max(access, acl_access(acl), key=_rank)
    return access


def _listed(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)] if value is not None else []


def _anyone(principal: Any) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _listed(principal.get("AWS"))


def policy_access(policy: Any) -> Access:
    """The most a bucket policy lets ``Principal: "*"`` do (Allow statements without conditions)."""
    access = Access.METADATA
    statements = policy.get("Statement", []) if isinstance(policy, dict) else []
    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow" or statement.get("Condition"):
            continue
        if not _anyone(statement.get("Principal")):
            continue
        actions = [a.lower() for a in _listed(statement.get("Action"))]
        if any(a in _ADMIN_ACTIONS for a in actions):
            return Access.ADMIN
        if any(a in _WRITE_ACTIONS for a in actions):
            access = Access.WRITE
        elif any(a in ("s3:getobject", "s3:listbucket") for a in actions) and access != Access.WRITE:
            access = Access.READ
    return access


def acl_access(acl: Element) -> Access:
    """The most an ACL grants ``AllUsers`` (anyone) or ``AuthenticatedUsers`` (any AWS account)."""
    access = Access.METADATA
    for grant in _children(acl, "Grant"):
        uri = "".join(t.text or "" for t in _children(grant, "URI"))
        if not uri.endswith(("/AllUsers", "/AuthenticatedUsers")):
            continue
        permission = _child_text(grant, "Permission") or ""
        if permission in ("FULL_CONTROL", "WRITE_ACP"):
            return Access.ADMIN
        if permission == "WRITE":
            access = Access.WRITE
        elif permission in ("READ", "READ_ACP") and access == Access.METADATA:
            access = Access.READ
    return access


async def _sample(
    client: httpx.AsyncClient, base: str, keys: list[tuple[str, int]], ctx: ScanContext
) -> tuple[list[dict[str, Any]], bool]:
    """Records from a bounded set of small objects; whether any object could be read at all."""
    opts = ctx.options
    records: list[dict[str, Any]] = []
    used = 0
    readable = False
    chosen = [(k, s) for k, s in keys if k.lower().endswith(_TEXT_TYPES + _IMAGE_TYPES) and s > 0]
    for key, size in chosen[:MAX_OBJECTS]:
        if len(records) >= opts.sample_size or used >= opts.dataset_byte_cap:
            break
        image = key.lower().endswith(_IMAGE_TYPES)
        want = IMAGE_HEAD if image else min(size, opts.record_byte_cap)
        data = await _read(client, f"{base}/{quote(key, safe='/')}", want)
        if data is None:
            continue
        readable = True
        used += len(data)
        if image:
            records.append({image_field(key): data})
        else:
            records.extend(object_records(key, data, complete=len(data) >= size)[: opts.sample_size - len(records)])
    return records, readable


async def _read(client: httpx.AsyncClient, path: str, limit: int) -> bytes | None:
    """The first ``limit`` bytes of an object (a Range request, and the stream cut there too)."""
    body = b""
    async with client.stream("GET", path, headers={"Range": f"bytes=0-{max(limit, 1) - 1}"}) as answer:
        if answer.status_code not in (200, 206):
            return None
        async for chunk in answer.aiter_bytes():
            body += chunk
            if len(body) >= limit:
                break
    return body[:limit]


def prefix_of(key: str) -> str:
    """The top-level prefix an object is grouped under (``exports/2024/a.csv`` -> ``exports``)."""
    return key.split("/", 1)[0] if "/" in key else ""


def image_field(key: str) -> str:
    """``avatars/u1.png`` -> ``avatar``: the folder (or file) name tells the classifier whose picture it is."""
    directory, _, name = key.rpartition("/")
    label = directory.rsplit("/", 1)[-1] or re.sub(r"[\d_\-.]+$", "", name.rsplit(".", 1)[0]) or "object"
    return label[:-1] if label.endswith("s") and len(label) > 3 else label


def object_records(key: str, data: bytes, *, complete: bool) -> list[dict[str, Any]]:
    """Records from the head of an object: CSV/TSV rows, JSON documents or lines, ``key=value`` lines."""
    lower = key.lower()
    text = data.decode("utf-8", "replace")
    if not complete:
        text = text.rsplit("\n", 1)[0]  # the last line was cut by the byte cap
    if lower.endswith((".csv", ".tsv")):
        dialect = "excel-tab" if lower.endswith(".tsv") else "excel"
        with contextlib.suppress(csv.Error):
            return [dict(row) for row in csv.DictReader(io.StringIO(text), dialect=dialect) if row]
        return []
    if lower.endswith((".json", ".jsonl", ".ndjson")):
        with contextlib.suppress(ValueError):
            doc = json.loads(text)
            items = doc if isinstance(doc, list) else [doc]
            return [d if isinstance(d, dict) else {"value": d} for d in items]
        out = []
        for line in text.splitlines():
            with contextlib.suppress(ValueError):
                doc = json.loads(line)
                out.append(doc if isinstance(doc, dict) else {"value": doc})
        return out
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith(("#", ";", "["))]
    if lines and all("=" in ln for ln in lines):
        return [dict(ln.split("=", 1) for ln in lines)]
    return [{key.rsplit("/", 1)[-1]: text}] if text.strip() else []


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


ENGINE = S3Engine()


def _host_header(ep: Endpoint, port: int) -> str:
    """The Host header for the target's own port (``ep.port`` may be the scanner's relay)."""
    return ep.host if port in (80, 443) else f"{ep.host}:{port}"
