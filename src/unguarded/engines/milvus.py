"""Milvus, the vector database, over its gRPC API (19530) with the official client's stubs.

Recognised by one gRPC call in the discovery probe: an HTTP/2 connection preface and
``MilvusService/GetVersion`` with an empty request. Milvus answers with its version;
with ``common.security.authorizationEnabled`` on it answers ``UNAUTHENTICATED``
``missing authorization in header`` (its authentication interceptor); any other gRPC
server answers ``UNIMPLEMENTED``. Milvus has no authentication unless that setting is
on, and then anyone may drop collections and insert or delete rows, so an answer with
data is ``admin``.

Inventory, all reads, through pymilvus's generated stubs (``pymilvus.grpc_gen``; imported
when a Milvus is found, since importing pymilvus takes most of a second): ``GetVersion``,
``ListDatabases``, ``ShowCollections`` per database, ``DescribeCollection`` (the schema),
``GetCollectionStatistics`` (``row_count``), ``GetLoadState`` and, only for a collection
already loaded, ``Query`` with ``limit`` and explicit output fields (the scalar and
dynamic fields, plus float vectors of a face-template size, 128 or 512, for their shape).
A collection that is not loaded is never loaded (that changes the server's memory and
state), nothing is flushed, released or written. Every answer is bounded by the channel's
maximum message size (the dataset byte cap): a larger listing fails, and says so.

The health and metrics port (9091) is recognised on its own by ``GET /healthz`` asked for
JSON (``Content-Type: application/json``): Milvus then names its components and their state
codes (``{"state": "OK", "detail": [{"name": "proxy", "code": 1}, ...]}``, its
``healthz`` handler). Scanned there, the gRPC API at its default distance (19530 for 9091)
is assessed when it answers; otherwise the health port alone is reported, open, metadata only.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import get_capped, http_client, json_or_none, parse_http
from ._protobuf import message_fields
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, Probe, ScanContext, UriScheme

SERVICE = "/milvus.proto.milvus.MilvusService/"
INVENTORY_SHARE = 0.7
FACE_SIZES = frozenset({128, 512})
#: schema DataType numbers (milvus.proto schema.proto)
FLOAT_VECTOR = 101
_VECTOR_TYPES = frozenset(range(100, 200))
#: LoadState.LoadStateLoaded
LOADED = 3
UNAUTHENTICATED = "16"
UNIMPLEMENTED = "12"
HEALTH_PROBE = (
    b"GET /healthz HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\nContent-Type: application/json\r\n"
    b"Connection: close\r\n\r\n"
)
#: component names Milvus's healthz handler reports (typeutil's roles)
ROLES = frozenset(
    {"proxy", "rootcoord", "querycoord", "datacoord", "indexcoord", "mixcoord", "querynode", "datanode"}
    | {"indexnode", "streamingnode", "standalone"}
)
#: where the gRPC API listens relative to the health port (9091 -> 19530)
GRPC_FROM_HEALTH = 19530 - 9091


def health_document(doc: Any) -> list[str] | None:
    """The component names of a Milvus ``/healthz`` JSON answer, or None when it is not one."""
    if not isinstance(doc, dict) or not isinstance(doc.get("state"), str) or "detail" not in doc:
        return None
    detail = doc.get("detail") or []
    if not isinstance(detail, list) or not all(isinstance(d, dict) and "code" in d for d in detail):
        return None
    names = [str(d.get("name", ""))[:64] for d in detail]
    if names and not ROLES & set(names):
        return None
    if not names and not doc["state"].startswith("Not all components"):
        return None
    return names


def _frame(kind: int, flags: int, stream: int, payload: bytes) -> bytes:
    return len(payload).to_bytes(3, "big") + bytes([kind, flags]) + stream.to_bytes(4, "big") + payload


def _literal(index: int, value: str) -> bytes:
    """An HPACK literal header field without indexing, its name from the static table."""
    raw = value.encode()
    head = bytes([index]) if index < 15 else bytes([0x0F, index - 15])
    return head + bytes([len(raw)]) + raw


def grpc_probe(path: str) -> bytes:
    """HTTP/2 preface, empty SETTINGS, HEADERS for POST ``path`` (HPACK: :method POST, :scheme
    http, :path, :authority, content-type application/grpc, te trailers) and a DATA frame with
    the empty gRPC message: constant bytes for one unary call, so it needs no HTTP/2 library."""
    return (
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
        + _frame(4, 0, 0, b"")
        + _frame(
            1,
            0x4,
            1,
            b"\x83\x86"
            + _literal(4, path)
            + _literal(1, "localhost")
            + _literal(31, "application/grpc")
            + b"\x00\x02te\x08trailers",
        )
        + _frame(0, 0x1, 1, b"\x00\x00\x00\x00\x00")
    )


PROBE = grpc_probe(SERVICE + "GetVersion")


def _frames(answer: bytes) -> list[tuple[int, int, bytes]]:
    """(type, stream, payload) of the complete HTTP/2 frames in an answer."""
    frames, position = [], 0
    while position + 9 <= len(answer):
        length = int.from_bytes(answer[position : position + 3], "big")
        kind = answer[position + 3]
        stream = int.from_bytes(answer[position + 5 : position + 9], "big") & 0x7FFFFFFF
        end = position + 9 + length
        if end > len(answer):
            break
        frames.append((kind, stream, answer[position + 9 : end]))
        position = end
    return frames


def _version_field(message: bytes) -> str | None:
    """Field 2 (``version``) of a GetVersionResponse, read from the protobuf wire format."""
    try:
        versions = message_fields(message).get(2) or []
    except ValueError:
        return None
    first = versions[0] if versions else None
    return first.decode("utf-8", "replace") if isinstance(first, bytes) else None


def grpc_answer(answer: bytes) -> tuple[dict[str, str], bytes] | None:
    """The response headers and trailers (decoded) and the first message of stream 1, if HTTP/2."""
    from hpack import Decoder
    from hpack.exceptions import HPACKError

    frames = _frames(answer)
    if not frames or frames[0][0] != 4:  # an HTTP/2 server starts with its SETTINGS
        return None
    decoder, headers, message = Decoder(), {}, b""
    for kind, stream, payload in frames:
        if kind == 1 and stream == 1:
            try:
                headers.update({str(k): str(v) for k, v in decoder.decode(payload)})
            except (HPACKError, ValueError):
                return None
        elif kind == 0 and stream == 1 and not message:
            message = payload[5:] if len(payload) >= 5 else b""
    return headers, message


class MilvusEngine(Engine):
    """gRPC GetVersion or its UNAUTHENTICATED for exposure, databases and collections with row_count, Query samples.

    Datasets are ``database.collection``; each database is its own group for the wiped check.
    """

    name = "milvus"
    title = "Milvus"
    default_ports = (19530, 9091)
    uri_schemes = (UriScheme("milvus", 19530),)
    nmap_services = ("milvus",)
    deployed_as = (DataService("milvus", (19530, 9091), ("milvus",)),)
    system_databases = frozenset()
    tested_against = (
        "`milvus-lite` 3.2.2 from PyPI (its gRPC server, `unguarded.lab.milvus_lab` logging each call's method for "
        "the read-only proof, with row counts and load states); the protected one is a stand-in answering every "
        "call `UNAUTHENTICATED` `missing authorization in header` as Milvus's authentication interceptor does "
        "(milvus-lite has no authentication); the health port (9091) is a stand-in in the same module answering "
        "`/healthz` as Milvus's healthz handler does"
    )
    probe = PROBE
    extra_probes = (Probe(HEALTH_PROBE, "milvus-health"),)
    remediation = Remediation(
        summary="Turn on Milvus authentication, change the root password and keep 19530/9091 off the internet.",
        steps=(
            "milvus.yaml: common.security.authorizationEnabled: true (Helm: extraConfigFiles; "
            "Docker: mount user.yaml), then restart",
            "Change the default root password (Milvus/root) at once: utility.reset_password('root', 'Milvus', <new>)",
            "Create one user per application with a role granting only what it needs (RBAC)",
            "Enable TLS (common.security.tlsMode: 1 or 2); firewall 19530 and the 9091 metrics/health port",
        ),
        references=(
            "https://milvus.io/docs/authenticate.md",
            "https://milvus.io/docs/rbac.md",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: collections were dropped or replaced by a ransom note.",
            steps=(
                INTRUSION_STEP,
                "List databases, collections and users (list_users) with root: note what you did not create",
                "Turn on authorizationEnabled, change root's password, drop unknown users, restart",
                "Restore the collections from a milvus-backup snapshot taken before the intrusion",
            ),
            references=(
                "https://milvus.io/docs/authenticate.md",
                "https://milvus.io/docs/milvus_backup_overview.md",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """The database a collection belongs to."""
        return dataset.split(".", 1)[0] if "." in dataset else ""

    def match(self, answer: bytes) -> Identity | None:
        if answer.startswith(b"HTTP/"):
            parsed = parse_http(answer)
            if parsed is not None and parsed[0] in (200, 500) and health_document(json_or_none(parsed[2])) is not None:
                return Identity(self.name, detail="health port")
            return None
        found = grpc_answer(answer)
        if found is None:
            return None
        headers, message = found
        status = headers.get("grpc-status")
        why = headers.get("grpc-message", "")
        if status == UNAUTHENTICATED and ("authorization" in why or "auth check" in why):
            return Identity(self.name, detail="protected")
        if status in ("0", None) and headers.get("content-type", "").startswith("application/grpc"):
            version = _version_field(message) if message else None
            if version:
                return Identity(self.name, version)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        health = await _health(ep, ctx)
        if health is None:
            return await self._assess_grpc(ep, ctx)
        state, components = health
        port = ctx.target_port(ep) + GRPC_FROM_HEALTH
        if port <= 65535:
            try:
                result = await self._assess_grpc((await ctx.sibling(ep, port)).model_copy(update={"tls": False}), ctx)
                result.auth_detail = f"{result.auth_detail} (found on the health port; read over gRPC on {port})"
                return result
            except Exception:  # no gRPC API there (refused, not HTTP/2, not Milvus): the health port alone
                pass
        return Assessment(
            Exposure.OPEN,
            Access.METADATA,
            tls=ep.tls,
            auth_detail=f"the health port answers anyone: state {state[:80]!r}, components "
            f"{', '.join(components[:20]) or 'none'}; no gRPC API answered on {port}",
        )

    async def _assess_grpc(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        import grpc

        host = f"[{ep.address}]" if ":" in ep.address else ep.address
        cap = ctx.options.dataset_byte_cap
        options = [("grpc.max_receive_message_length", cap), ("grpc.enable_retries", 0)]
        target = f"{host}:{ep.port}"
        channel = (
            grpc.aio.secure_channel(target, grpc.ssl_channel_credentials(), options=options)
            if ep.tls
            else grpc.aio.insecure_channel(target, options=options)
        )
        async with channel:
            return await _Inventory(ep, ctx, channel).run()


async def _health(ep: Endpoint, ctx: ScanContext) -> tuple[str, list[str]] | None:
    """(state, component names) when ``ep`` is Milvus's health port; None for anything else (the gRPC port)."""
    try:
        async with http_client(ep, ctx) as client:
            headers = {"Content-Type": "application/json"}
            status, _h, body, _cut = await get_capped(client, "/healthz", 64 * 1024, headers=headers)
    except (httpx.HTTPError, OSError):
        return None
    doc = json_or_none(body) if status in (200, 500) else None
    names = health_document(doc)
    return None if names is None or not isinstance(doc, dict) else (str(doc["state"]), names)


class _Inventory:
    """One assessment's calls over one channel (the stubs are imported here, not at module load)."""

    def __init__(self, ep: Endpoint, ctx: ScanContext, channel: Any) -> None:
        from pymilvus.grpc_gen import common_pb2, milvus_pb2, milvus_pb2_grpc

        self.ep, self.ctx = ep, ctx
        self.pb, self.common = milvus_pb2, common_pb2
        self.stub = milvus_pb2_grpc.MilvusServiceStub(channel)
        self.started = time.monotonic()

    async def call(self, method: str, request: Any) -> Any:
        answer = await getattr(self.stub, method)(request, timeout=self.ctx.options.io_timeout)
        status = getattr(answer, "status", None)
        if status is not None and (status.code or status.error_code):
            raise RuntimeError(f"{method}: {status.reason[:120] or 'error ' + str(status.code)}")
        return answer

    async def run(self) -> Assessment:
        import grpc

        ep, pb = self.ep, self.pb
        try:
            version = (await self.call("GetVersion", pb.GetVersionRequest())).version or None
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    tls=ep.tls,
                    auth_detail=f"gRPC {exc.code().name}: {(exc.details() or '')[:120]} (authorizationEnabled)",
                )
            raise
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version,
            tls=ep.tls,
            auth_detail="no authentication: anyone may drop collections and insert or delete rows",
        )
        try:
            databases = list((await self.call("ListDatabases", pb.ListDatabasesRequest())).db_names) or ["default"]
        except (grpc.aio.AioRpcError, RuntimeError) as exc:
            result.error(ep, "inventory", f"ListDatabases failed ({_why(exc)}); the default database only")
            databases = ["default"]
        budget = self.ctx.options.max_datasets
        for database in databases[:budget]:
            if budget <= 0:
                break
            budget -= await self.database(database, budget, result)
        return result

    async def database(self, database: str, budget: int, result: Assessment) -> int:
        import grpc

        ep, opts = self.ep, self.ctx.options
        try:
            listing = await self.call("ShowCollections", self.pb.ShowCollectionsRequest(db_name=database))
        except (grpc.aio.AioRpcError, RuntimeError) as exc:
            result.error(ep, "inventory", f"{database[:64]}: ShowCollections failed ({_why(exc)})")
            return 0
        names = list(listing.collection_names)
        if len(names) > budget:
            names = names[:budget]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} collections (--max-datasets)")
        for index, name in enumerate(names):
            if time.monotonic() - self.started > opts.service_deadline * INVENTORY_SHARE:
                result.error(ep, "inventory", f"{len(names) - index} collections left uninventoried: deadline near")
                break
            try:
                await self.collection(database, name, result)
            except (grpc.aio.AioRpcError, RuntimeError) as exc:
                result.error(ep, "inventory", f"{database[:32]}.{name[:64]}: {_why(exc)}")
                result.add_dataset(f"{database}.{name}", None, kind="collection")
        return len(names)

    async def collection(self, database: str, name: str, result: Assessment) -> None:
        pb, dataset = self.pb, f"{database}.{name}"
        stats = await self.call(
            "GetCollectionStatistics", pb.GetCollectionStatisticsRequest(db_name=database, collection_name=name)
        )
        counts = {kv.key: kv.value for kv in stats.stats}
        count = int(counts["row_count"]) if counts.get("row_count", "").isdigit() else None
        sample: list[dict[str, Any]] = []
        if count:
            state = await self.call("GetLoadState", pb.GetLoadStateRequest(db_name=database, collection_name=name))
            if state.state == LOADED:
                sample = await self.sample(database, name, result)
            else:
                result.error(
                    self.ep,
                    "sample",
                    f"{dataset[:64]}: not loaded, sample skipped (loading it would change the server's state)",
                )
        result.add_dataset(dataset, count, sample, kind="collection")

    async def sample(self, database: str, name: str, result: Assessment) -> list[dict[str, Any]]:
        pb, opts = self.pb, self.ctx.options
        described = await self.call(
            "DescribeCollection", pb.DescribeCollectionRequest(db_name=database, collection_name=name)
        )
        fields: list[str] = []
        for field in described.schema.fields:
            dims = {kv.key: kv.value for kv in field.type_params}
            if field.data_type not in _VECTOR_TYPES:
                fields.append(field.name)
            elif field.data_type == FLOAT_VECTOR and dims.get("dim", "").isdigit() and int(dims["dim"]) in FACE_SIZES:
                fields.append(field.name)
        if described.schema.enable_dynamic_field and "$meta" not in fields:
            fields.append("$meta")
        request = pb.QueryRequest(
            db_name=database,
            collection_name=name,
            expr="",
            output_fields=fields,
            query_params=[self.common.KeyValuePair(key="limit", value=str(opts.sample_size))],
        )
        answer = await self.call("Query", request)
        records = _records(answer.fields_data, opts.sample_size)
        kept = [r for r in records if len(json.dumps(r, default=str)) <= opts.record_byte_cap]
        if len(kept) < len(records):
            result.error(self.ep, "sample", f"{name[:64]}: {len(records) - len(kept)} rows over the record cap skipped")
        return kept


def _records(columns: Any, limit: int) -> list[dict[str, Any]]:
    """Rows from Milvus's columnar ``fields_data``: scalars, JSON (the dynamic ``$meta`` merged in), float vectors."""
    rows: list[dict[str, Any]] = []
    for column in columns:
        values = _column(column)
        for index, value in enumerate(values[:limit]):
            while len(rows) <= index:
                rows.append({})
            if column.is_dynamic or column.field_name == "$meta":
                if isinstance(value, dict):
                    rows[index].update(value)
            else:
                rows[index][column.field_name] = value
    return rows


def _column(column: Any) -> list[Any]:
    if column.HasField("vectors"):
        vectors = column.vectors
        dim = vectors.dim or 1
        if vectors.HasField("float_vector"):
            data = list(vectors.float_vector.data)
            return [data[i : i + dim] for i in range(0, len(data), dim)]
        return []
    scalars = column.scalars
    kind = scalars.WhichOneof("data")
    if kind is None:
        return []
    data = getattr(scalars, kind).data
    if kind == "json_data":
        return [_json(raw) for raw in data]
    if kind in ("bool_data", "int_data", "long_data", "float_data", "double_data", "string_data"):
        return list(data)
    return []


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _why(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    if callable(code):
        details = getattr(exc, "details", lambda: "")() or ""
        return f"gRPC {code().name}: {details[:120]}"
    return str(exc)[:160]


ENGINE = MilvusEngine()
