"""Chroma, the vector database behind many retrieval (RAG) systems, over its v2 HTTP API.

Recognised by ``GET /api/v2/heartbeat``: its ``nanosecond heartbeat`` answer (open even
with token auth on) or the ``chroma-trace-id`` header the 1.x server puts on every answer. The open-source
server (1.x) has no authentication of its own: whoever reaches the port may add, update
and delete anything, so an answer with data is ``admin``. Older servers (0.4 to 0.6) and
proxies in front of it answer 401/403 without a token.

Inventory, all reads: ``GET /api/v2/version``, ``GET /api/v2/auth/identity`` (the tenant
and its databases: the OSS server has no tenant listing), ``GET .../databases`` and
``GET .../collections`` (both with ``limit``), ``GET .../collections/{id}/count``; the
sample is ``POST .../collections/{id}/get`` with ``limit`` (Chroma's read of records is a
POST, like ``count`` of a query; never ``add``, ``upsert``, ``update`` or ``delete``).
Documents and metadata are sampled; embeddings come along only so that their shape (a
128- or 512-float unit vector is a face-embedding candidate) reaches the classifier, in
this process, like every sampled value.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import get_capped, http_client, json_or_none, leading_items, parse_http, post_capped
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

API = "/api/v2"
DEFAULT_TENANT = "default_tenant"
#: the share of the service deadline the inventory may use (the rest: classification, report)
INVENTORY_SHARE = 0.7
SMALL = 256 * 1024
#: the heartbeat answers on every Chroma, also with token auth on (it is on its ignore list)
PROBE = (
    b"GET /api/v2/heartbeat HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\n"
    b"Accept: application/json\r\nConnection: close\r\n\r\n"
)


def _q(name: str) -> str:
    return quote(name, safe="")


class ChromaEngine(Engine):
    """Heartbeat/version, identity (tenant, databases), collections with counts, get-with-limit samples.

    Datasets are ``database.collection`` (``tenant/database.collection`` outside the
    default tenant); each database is its own group, so a database left holding nothing
    but a ransom note is reported as wiped.
    """

    name = "chroma"
    title = "Chroma"
    default_ports = (8000,)
    uri_schemes = (UriScheme("chroma", 8000),)
    nmap_services = ("chroma",)
    deployed_as = (DataService("chroma", (8000,), ("chroma",)),)
    system_databases = frozenset()
    tested_against = (
        "`chromadb` 1.5.9 from PyPI (`chroma run`, its Rust server; collections seeded with explicit embeddings, "
        "no embedding model), its request log and persist dir for the read-only proof; the protected one is a "
        "stand-in (`unguarded.lab.chroma_secured`): the 1.x OSS server has no authentication of its own, so it "
        "answers as Chroma 0.6 with its token provider does (heartbeat open, 403 `AuthError` for the rest)"
    )
    probe = PROBE
    remediation = Remediation(
        summary="Put authentication in front of Chroma and keep port 8000 off the internet: the OSS server has none.",
        steps=(
            "chroma run --host 127.0.0.1 (or a private address); in Docker publish 127.0.0.1:8000:8000, not 8000:8000",
            "Chroma 1.x: put a reverse proxy that requires a token or mTLS in front of it (the OSS server has no auth)",
            "Chroma 0.4-0.6: CHROMA_SERVER_AUTHN_PROVIDER=chromadb.auth.token_authn.TokenAuthenticationServerProvider "
            "and CHROMA_SERVER_AUTHN_CREDENTIALS=<a long token>",
            "Firewall 8000 to the application servers that query it",
        ),
        references=(
            "https://docs.trychroma.com/docs/run-chroma/client-server",
            "https://cookbook.chromadb.dev/security/auth/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: collections were deleted or replaced by a ransom note.",
            steps=(
                INTRUSION_STEP,
                "Copy the persist directory (chroma.sqlite3 and the segment folders) before restarting anything",
                "Bind Chroma to 127.0.0.1 and put an authenticating proxy in front of it before it is reachable again",
                "Restore the collections from a backup or re-ingest the source documents; rotate secrets found in them",
            ),
            references=(
                "https://docs.trychroma.com/docs/run-chroma/client-server",
                "https://cookbook.chromadb.dev/core/storage-layout/",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """The database (with its tenant) a collection belongs to."""
        return dataset.rsplit(".", 1)[0] if "." in dataset else ""

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        if "chroma-trace-id" in headers or b"nanosecond heartbeat" in body[:256]:
            return Identity(self.name, detail="protected" if status in (401, 403) else None)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        started = time.monotonic()
        status, _h, body, _cut = await get_capped(client, f"{API}/version", SMALL)
        version = json_or_none(body) if status == 200 else None
        version = version if isinstance(version, str) else None
        status, _h, body, _cut = await get_capped(client, f"{API}/auth/identity", SMALL)
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on {API}/auth/identity: a token is required",
            )
        identity = json_or_none(body) if status == 200 else None
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version,
            tls=ep.tls,
            auth_detail="no authentication: anyone may add, update and delete collections and records",
        )
        if not isinstance(identity, dict):
            result.error(ep, "inventory", f"{API}/auth/identity answered HTTP {status}")
            identity = {}
        tenant = identity.get("tenant") if isinstance(identity.get("tenant"), str) else DEFAULT_TENANT
        databases = await self._databases(ep, ctx, client, str(tenant), identity, result)
        budget = ctx.options.max_datasets
        for database in databases:
            if budget <= 0:
                break
            budget -= await self._collections(ep, ctx, client, str(tenant), database, budget, started, result)
        return result

    @staticmethod
    async def _databases(
        ep: Endpoint,
        ctx: ScanContext,
        client: httpx.AsyncClient,
        tenant: str,
        identity: dict[str, Any],
        result: Assessment,
    ) -> list[str]:
        """The tenant's databases: its listing (bounded), else what the identity names."""
        limit = ctx.options.max_datasets
        status, _h, body, cut = await get_capped(
            client, f"{API}/tenants/{_q(tenant)}/databases", SMALL, params={"limit": str(limit)}
        )
        listing = json_or_none(body) if status == 200 and not cut else None
        names = [d.get("name") for d in listing if isinstance(d, dict)] if isinstance(listing, list) else []
        if not names:
            named = identity.get("databases")
            names = list(named) if isinstance(named, list) else []
            if status != 200 or cut:
                result.error(ep, "inventory", f"database listing answered HTTP {status}{', cut' if cut else ''}")
        return [n for n in names if isinstance(n, str)][:limit]

    async def _collections(
        self,
        ep: Endpoint,
        ctx: ScanContext,
        client: httpx.AsyncClient,
        tenant: str,
        database: str,
        budget: int,
        started: float,
        result: Assessment,
    ) -> int:
        """Inventory one database's collections (at most ``budget``); how many were listed."""
        opts = ctx.options
        base = f"{API}/tenants/{_q(tenant)}/databases/{_q(database)}"
        status, _h, body, cut = await get_capped(
            client, f"{base}/collections", opts.dataset_byte_cap, params={"limit": str(budget + 1)}
        )
        listing = (leading_items(body) if cut else json_or_none(body)) if status == 200 else None
        if cut:
            result.error(
                ep, "inventory", f"{database[:64]}: collection listing over {opts.dataset_byte_cap:,} bytes, cut short"
            )
        if not isinstance(listing, list):
            result.error(ep, "inventory", f"{database[:64]}: collection listing answered HTTP {status}")
            return 0
        collections = [c for c in listing if isinstance(c, dict) and isinstance(c.get("id"), str)]
        if len(collections) > budget:
            collections = collections[:budget]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} collections (--max-datasets)")
        prefix = database if tenant == DEFAULT_TENANT else f"{tenant}/{database}"
        for index, collection in enumerate(collections):
            if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                result.error(
                    ep, "inventory", f"{len(collections) - index} collections left uninventoried: service deadline near"
                )
                break
            name = f"{prefix}.{collection.get('name') or collection['id']}"
            path = f"{base}/collections/{_q(collection['id'])}"
            status, _h, body, _cut = await get_capped(client, f"{path}/count", SMALL)
            count = json_or_none(body) if status == 200 else None
            count = count if isinstance(count, int) and not isinstance(count, bool) else None
            sample = await _sample(ep, ctx, client, path, name, result) if count else []
            result.add_dataset(name, count, sample, kind="collection")
        return len(collections)


async def _sample(
    ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, path: str, name: str, result: Assessment
) -> list[dict[str, Any]]:
    """The first records: document, metadata fields and the embedding (for its shape)."""
    opts = ctx.options
    query = {"limit": opts.sample_size, "include": ["documents", "metadatas", "embeddings"]}
    status, _h, body, cut = await post_capped(client, f"{path}/get", query, opts.dataset_byte_cap)
    if cut:  # wide embeddings: the same records without them
        query["include"] = ["documents", "metadatas"]
        status, _h, body, cut = await post_capped(client, f"{path}/get", query, opts.dataset_byte_cap)
    page = json_or_none(body) if status == 200 and not cut else None
    if not isinstance(page, dict):
        result.error(ep, "sample", f"{name[:64]}: get answered HTTP {status}{' over the byte cap' if cut else ''}")
        return []
    records: list[dict[str, Any]] = []
    columns = {key: page.get(key) for key in ("ids", "documents", "metadatas", "embeddings")}
    ids = columns["ids"] if isinstance(columns["ids"], list) else []
    for index, record_id in enumerate(ids):
        record: dict[str, Any] = {}
        metadata = _at(columns["metadatas"], index)
        if isinstance(metadata, dict):
            record.update(metadata)
        record["id"] = record_id
        document = _at(columns["documents"], index)
        if isinstance(document, str):
            record["document"] = document
        embedding = _at(columns["embeddings"], index)
        if isinstance(embedding, list):
            record["embedding"] = [float(x) for x in embedding if isinstance(x, (int, float))]
        records.append(record)
    return result.within_record_cap(ep, name, records, opts.record_byte_cap)


def _at(column: Any, index: int) -> Any:
    return column[index] if isinstance(column, list) and index < len(column) else None


ENGINE = ChromaEngine()
