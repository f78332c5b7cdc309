"""Qdrant, the vector search engine, over its REST API (6333).

Recognised by ``GET /``: ``{"title": "qdrant - vector search engine", "version": ...}``,
which answers even with an API key set (``/`` is on Qdrant's whitelist). Qdrant has no
authentication unless ``service.api_key`` (or ``QDRANT__SERVICE__API_KEY``) is set; then
every other call without the ``api-key`` header gets 401 ``Must provide an API key...``.
Without it anyone may create snapshots (a full copy to download), delete collections and
upsert points, so an answer with data is ``admin``.

Inventory, all reads: ``GET /collections`` (no paging in Qdrant: a byte cap bounds it, and
a listing cut short keeps the complete names before the cut), ``GET /collections/{name}``
for ``points_count`` and the vector size, and ``POST /collections/{name}/points/scroll``
with ``limit`` and ``with_payload`` for the sample (scroll is a read sent as a POST).
Vectors are fetched only when their declared size is a face-template size (128 or 512),
so the classifier can check their shape; never snapshots, never writes.

Its gRPC API (6334) is recognised on its own port by ``qdrant.Qdrant/HealthCheck`` (title
and version; open with an API key too), sent as constant HTTP/2 bytes in the discovery
probe. Scanned there, the REST API one port below is assessed when it answers (it serves
the same collections); otherwise the gRPC calls ``Collections/List`` and
``Collections/Get`` (``points_count``) give the inventory, without payload samples, and
``UNAUTHENTICATED`` means an API key is set.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none, leading_items, parse_http, post_capped
from ._protobuf import encode_varint, message_fields
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, Probe, ScanContext, UriScheme
from .milvus import grpc_answer, grpc_probe

TITLE = "qdrant - vector search engine"
FACE_SIZES = frozenset({128, 512})
INVENTORY_SHARE = 0.7
SMALL = 256 * 1024
HEALTH_CHECK = "/qdrant.Qdrant/HealthCheck"
GRPC_PROBE = grpc_probe(HEALTH_CHECK)
#: where the gRPC API listens relative to REST (6333 -> 6334)
GRPC_OFFSET = 1


def _proto_string(fields: dict[int, list[Any]], number: int) -> str | None:
    values = fields.get(number) or [None]
    return values[0].decode("utf-8", "replace") if isinstance(values[0], bytes) else None


def _banner(body: bytes) -> str | None | bool:
    """The version from Qdrant's ``GET /`` banner, ``True`` without one, ``False`` when not Qdrant."""
    data = json_or_none(body)
    if not isinstance(data, dict) or data.get("title") != TITLE:
        return False
    version = data.get("version")
    return version if isinstance(version, str) else True


def _names(body: bytes, cut: bool) -> list[str] | None:
    """Collection names from ``GET /collections``; from a cut listing, the complete ones before the cut."""
    data = json_or_none(body)
    if isinstance(data, dict):
        result = data.get("result")
        listing = result.get("collections") if isinstance(result, dict) else None
        if isinstance(listing, list):
            return [c["name"] for c in listing if isinstance(c, dict) and isinstance(c.get("name"), str)]
        return None
    if not cut:
        return None
    listing = leading_items(body, "collections")
    return [c["name"] for c in listing if isinstance(c, dict) and isinstance(c.get("name"), str)]


def _vector_sizes(info: dict[str, Any]) -> set[int]:
    """Declared vector sizes: one unnamed vector, or a size per named vector."""
    config = info.get("config")
    params = config.get("params") if isinstance(config, dict) else None
    vectors = params.get("vectors") if isinstance(params, dict) else None
    if not isinstance(vectors, dict):
        return set()
    if isinstance(vectors.get("size"), int):
        return {vectors["size"]}
    return {v["size"] for v in vectors.values() if isinstance(v, dict) and isinstance(v.get("size"), int)}


class QdrantEngine(Engine):
    """The GET / banner, api-key 401 for exposure, collections with points_count, scroll samples with payloads.

    Each collection is one dataset; Qdrant has no databases, so the whole node is one
    group for the wiped check.
    """

    name = "qdrant"
    title = "Qdrant"
    default_ports = (6333, 6334)
    uri_schemes = (UriScheme("qdrant", 6333),)
    nmap_services = ("qdrant",)
    deployed_as = (DataService("qdrant", (6333, 6334), ("qdrant",)),)
    system_databases = frozenset()
    tested_against = (
        "stand-in: `unguarded.lab.qdrant_standin`, answering `GET /`, `/collections`, `/collections/{name}` and "
        "`points/scroll` with Qdrant 1.12's JSON (from its REST API reference), its 404s for anything else, and "
        "for the protected one `service.api_key`'s plain-text 401 (`Must provide an API key...`, `/` still open); "
        "it logs every request for the read-only proof; its gRPC API (`HealthCheck`, `Collections/List` and "
        "`Get`, `UNAUTHENTICATED` with the key set) for the gRPC port; no Qdrant runs here"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    extra_probes = (Probe(GRPC_PROBE, "qdrant-grpc"),)
    remediation = Remediation(
        summary="Set an API key and keep ports 6333/6334 off the internet: Qdrant is open by default.",
        steps=(
            "config.yaml: service.api_key: <a long random key> (or QDRANT__SERVICE__API_KEY), and "
            "service.read_only_api_key for readers",
            "config.yaml: service.enable_tls: true with a certificate, so the key never crosses the network in clear",
            "Bind to a private address (service.host) or publish 127.0.0.1:6333:6333 in Docker; firewall 6333 and 6334",
            "Check GET /collections/{name}/snapshots and the snapshots directory for snapshots you did not create",
        ),
        references=(
            "https://qdrant.tech/documentation/guides/security/",
            "https://qdrant.tech/documentation/guides/configuration/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: collections were dropped or replaced by a ransom note.",
            steps=(
                INTRUSION_STEP,
                "List GET /collections and every collection's snapshots with the key: note what you did not create",
                "Set service.api_key, bind to a private address, restart; rotate every key that was in payloads",
                "Restore the collections from snapshots taken before the intrusion (PUT /collections/{name}/snapshots/recover)",
            ),
            references=(
                "https://qdrant.tech/documentation/guides/security/",
                "https://qdrant.tech/documentation/concepts/snapshots/",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        if not answer.startswith(b"HTTP/"):
            return self._match_grpc(answer)
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, _headers, body = parsed
        found = _banner(body) if status == 200 else False
        if found is False:
            return None
        return Identity(self.name, found if isinstance(found, str) else None)

    def _match_grpc(self, answer: bytes) -> Identity | None:
        found = grpc_answer(answer)
        if found is None:
            return None
        headers, message = found
        status = headers.get("grpc-status")
        if status == "16" and "API key" in headers.get("grpc-message", ""):
            return Identity(self.name, detail="gRPC, protected")
        if status not in ("0", None) or not headers.get("content-type", "").startswith("application/grpc"):
            return None
        try:
            fields = message_fields(message)
        except ValueError:
            return None
        if _proto_string(fields, 1) != TITLE:
            return None
        return Identity(self.name, _proto_string(fields, 2), detail="gRPC")

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        try:
            async with http_client(ep, ctx) as client:
                status, _h, body, _cut = await get_capped(client, "/", SMALL)
                if status == 200 and _banner(body) is not False:
                    return await self._assess(ep, ctx, client, body)
        except httpx.HTTPError:
            pass  # not HTTP/1.1: the gRPC port
        return await self._assess_grpc(ep, ctx)

    async def _assess_grpc(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        """Scanned on the gRPC port: the REST API one port below if it answers, else gRPC's own listing."""
        port = ctx.target_port(ep) - GRPC_OFFSET
        if port >= 1:
            rest = (await ctx.sibling(ep, port)).model_copy(update={"tls": ep.tls})
            try:
                async with http_client(rest, ctx) as client:
                    status, _h, body, _cut = await get_capped(client, "/", SMALL)
                    if status == 200 and _banner(body) is not False:
                        result = await self._assess(rest, ctx, client, body)
                        result.auth_detail = f"{result.auth_detail} (found on the gRPC port; read over REST on {port})"
                        return result
            except (httpx.HTTPError, OSError):
                pass
        import grpc

        host = f"[{ep.address}]" if ":" in ep.address else ep.address
        options = [("grpc.max_receive_message_length", ctx.options.dataset_byte_cap), ("grpc.enable_retries", 0)]
        target = f"{host}:{ep.port}"
        channel = (
            grpc.aio.secure_channel(target, grpc.ssl_channel_credentials(), options=options)
            if ep.tls
            else grpc.aio.insecure_channel(target, options=options)
        )
        async with channel:
            return await self._grpc_inventory(ep, ctx, channel)

    async def _grpc_inventory(self, ep: Endpoint, ctx: ScanContext, channel: Any) -> Assessment:
        import grpc

        opts = ctx.options

        async def call(path: str, request: bytes) -> dict[int, list[Any]]:
            method = channel.unary_unary(path)  # no serializers: raw protobuf bytes both ways
            return message_fields(await method(request, timeout=opts.io_timeout))

        health = await call(HEALTH_CHECK, b"")
        version = _proto_string(health, 2)
        try:
            listing = await call("/qdrant.Collections/List", b"")
        except grpc.aio.AioRpcError as exc:
            if exc.code() in (grpc.StatusCode.UNAUTHENTICATED, grpc.StatusCode.PERMISSION_DENIED):
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    version=version,
                    tls=ep.tls,
                    auth_detail=f"gRPC {exc.code().name} on Collections/List: an API key is required (service.api_key)",
                )
            raise
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version,
            tls=ep.tls,
            auth_detail="no API key: anyone may read, snapshot, overwrite and delete collections "
            "(gRPC only: payloads not sampled)",
        )
        names = [_proto_string(message_fields(d), 1) or "?" for d in listing.get(1, []) if isinstance(d, bytes)]
        if len(names) > opts.max_datasets:
            names = names[: opts.max_datasets]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} collections (--max-datasets)")
        for name in names:
            if ctx.stopped.is_set():
                break
            request = b"\x0a" + encode_varint(len(name.encode())) + name.encode()
            try:
                info = message_fields((await call("/qdrant.Collections/Get", request)).get(1, [b""])[0])
            except (grpc.aio.AioRpcError, ValueError, TypeError) as exc:
                result.error(ep, "inventory", f"{name[:64]}: Collections/Get failed ({type(exc).__name__})")
                result.add_dataset(name, None, kind="collection")
                continue
            count = (info.get(9) or [None])[0]
            result.add_dataset(name, count if isinstance(count, int) else None, kind="collection")
        return result

    async def _assess(
        self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, banner: bytes | None = None
    ) -> Assessment:
        """The REST assessment; ``banner`` is ``GET /``'s body when the caller already read it."""
        opts = ctx.options
        started = time.monotonic()
        if banner is None:
            status, _h, banner, _cut = await get_capped(client, "/", SMALL)
        found = _banner(banner)
        version = found if isinstance(found, str) else None
        status, _h, body, cut = await get_capped(client, "/collections", opts.dataset_byte_cap)
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /collections: an API key is required (service.api_key)",
            )
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version,
            tls=ep.tls,
            auth_detail="no API key: anyone may read, snapshot, overwrite and delete collections",
        )
        names = _names(body, cut) if status == 200 else None
        if names is None:
            result.error(ep, "inventory", f"/collections answered HTTP {status}")
            return result
        if cut:
            result.error(ep, "inventory", f"/collections larger than the {opts.dataset_byte_cap:,}-byte cap, cut short")
        if len(names) > opts.max_datasets:
            names = names[: opts.max_datasets]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} collections (--max-datasets)")
        for index, name in enumerate(names):
            if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                result.error(ep, "inventory", f"{len(names) - index} collections left uninventoried: deadline near")
                break
            await self._inventory(ep, ctx, client, name, result)
        return result

    @staticmethod
    async def _inventory(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, name: str, result: Assessment
    ) -> None:
        path = f"/collections/{quote(name, safe='')}"
        status, _h, body, _cut = await get_capped(client, path, SMALL)
        page = json_or_none(body) if status == 200 else None
        info = page.get("result") if isinstance(page, dict) else None
        if not isinstance(info, dict):
            result.error(ep, "inventory", f"{name[:64]}: collection info answered HTTP {status}")
            result.add_dataset(name, None, kind="collection")
            return
        count = info.get("points_count")
        count = count if isinstance(count, int) and not isinstance(count, bool) else None
        with_vector = bool(_vector_sizes(info) & FACE_SIZES)
        sample = await _sample(ep, ctx, client, path, name, with_vector, result) if count else []
        result.add_dataset(name, count, sample, kind="collection")


async def _sample(
    ep: Endpoint,
    ctx: ScanContext,
    client: httpx.AsyncClient,
    path: str,
    name: str,
    with_vector: bool,
    result: Assessment,
) -> list[dict[str, Any]]:
    """The first points by id: payload fields, the id, and the vector when it has a face-template size."""
    opts = ctx.options
    query = {"limit": opts.sample_size, "with_payload": True, "with_vector": with_vector}
    status, _h, body, cut = await post_capped(client, f"{path}/points/scroll", query, opts.dataset_byte_cap)
    page = json_or_none(body) if status == 200 and not cut else None
    scrolled = page.get("result") if isinstance(page, dict) else None
    points = scrolled.get("points") if isinstance(scrolled, dict) else None
    if not isinstance(points, list):
        result.error(ep, "sample", f"{name[:64]}: scroll answered HTTP {status}{' over the byte cap' if cut else ''}")
        return []
    records: list[dict[str, Any]] = []
    for point in points:
        if not isinstance(point, dict):
            continue
        payload = point.get("payload")
        record: dict[str, Any] = dict(payload) if isinstance(payload, dict) else {}
        record["id"] = point.get("id")
        if point.get("vector") is not None:
            record["vector"] = point["vector"]
        records.append(record)
    return result.within_record_cap(ep, name, records, opts.record_byte_cap, "points")


ENGINE = QdrantEngine()
