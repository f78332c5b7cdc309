"""Weaviate, the vector database, over its REST and GraphQL API (8080).

Recognised by ``GET /v1/meta``: JSON with ``hostname``, ``modules`` and ``version``, or,
with anonymous access off, its 401 ``anonymous access not enabled, please provide an auth
scheme such as OIDC``. Weaviate's default (``AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true``
and no authorization) lets anyone create, change and delete classes and objects, so an
answer with data is ``admin``.

Inventory, all reads: ``/v1/meta``, ``/v1/schema`` (the classes; a byte cap bounds it and a
schema cut short keeps the complete classes before the cut), a GraphQL ``Aggregate { Class
{ meta { count } } }`` per class for the object count (a read, sent as a POST like every
GraphQL query), and ``GET /v1/objects?class=X&limit=n&include=vector`` for the sample (the
vectors reach the classifier in this process for their shape; past the byte cap the same
objects are read without them). Never a mutation, batch or backup call.
"""

from __future__ import annotations

import re
import time
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import get_capped, http_client, json_or_none, leading_items, parse_http, post_capped
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

INVENTORY_SHARE = 0.7
SMALL = 256 * 1024
ANONYMOUS_OFF = b"anonymous access not enabled"
PROBE = (
    b"GET /v1/meta HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\n"
    b"Accept: application/json\r\nConnection: close\r\n\r\n"
)
#: a GraphQL name (classes are GraphQL types): nothing else is ever put into a query
_CLASS_NAME = re.compile(r"^[A-Z][_0-9A-Za-z]{0,229}$")


def _meta(body: bytes) -> dict[str, Any] | None:
    data = json_or_none(body)
    if isinstance(data, dict) and "hostname" in data and "version" in data and "modules" in data:
        return data
    return None


class WeaviateEngine(Engine):
    """/v1/meta or its anonymous-access 401 for exposure, schema classes, Aggregate counts, objects samples.

    Each class is one dataset; Weaviate has no databases, so the whole instance is one
    group for the wiped check.
    """

    name = "weaviate"
    title = "Weaviate"
    default_ports = (8080,)
    uri_schemes = (UriScheme("weaviate", 8080),)
    nmap_services = ("weaviate",)
    #: gRPC's 50051 only: port-based config rules (NodePorts, firewall rules) would take every web
    #: app on 8080 for a database; compose and Kubernetes find Weaviate by its image on any port
    deployed_as = (DataService("weaviate", (50051,), ("weaviate",)),)
    system_databases = frozenset()
    tested_against = (
        "stand-in: `unguarded.lab.weaviate_standin`, answering `/v1/meta`, `/v1/schema`, GraphQL "
        "`Aggregate { Class { meta { count } } }` and `/v1/objects?class=&limit=` with Weaviate 1.27's JSON (from its "
        "REST reference), go-swagger's 404 for anything else, and for the protected one API-key auth's 401 "
        "(`anonymous access not enabled...`); it logs every request for the read-only proof; no Weaviate runs here"
    )
    probe = PROBE
    remediation = Remediation(
        summary="Turn off anonymous access, require API keys and keep port 8080 off the internet.",
        steps=(
            "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false",
            "AUTHENTICATION_APIKEY_ENABLED=true, AUTHENTICATION_APIKEY_ALLOWED_KEYS=<long random keys>, "
            "AUTHENTICATION_APIKEY_USERS=<one user per key>",
            "AUTHORIZATION_ADMINLIST_ENABLED=true (or RBAC) with AUTHORIZATION_ADMINLIST_READONLY_USERS for readers",
            "Publish 127.0.0.1:8080:8080 in Docker or firewall 8080 and 50051 (gRPC) to the application servers",
        ),
        references=(
            "https://weaviate.io/developers/weaviate/configuration/authentication",
            "https://weaviate.io/developers/weaviate/configuration/authorization",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: classes were deleted or replaced by a ransom note.",
            steps=(
                INTRUSION_STEP,
                "GET /v1/schema and /v1/backups/{backend} with an admin key: note classes and backups you did not create",
                "Turn off anonymous access, enable API keys and the admin list, restart; rotate keys found in objects",
                "Restore the classes from a backup taken before the intrusion (POST /v1/backups/{backend}/{id}/restore)",
            ),
            references=(
                "https://weaviate.io/developers/weaviate/configuration/authentication",
                "https://weaviate.io/developers/weaviate/configuration/backups",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, _headers, body = parsed
        if status == 401 and ANONYMOUS_OFF in body:
            return Identity(self.name, detail="protected")
        meta = _meta(body) if status == 200 else None
        if meta is None:
            return None
        version = meta.get("version")
        return Identity(self.name, version if isinstance(version, str) else None)

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        opts = ctx.options
        started = time.monotonic()
        status, _h, body, _cut = await get_capped(client, "/v1/meta", SMALL)
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /v1/meta: anonymous access is off, a key or token is required",
            )
        meta = _meta(body) if status == 200 else None
        version = meta.get("version") if meta else None
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version if isinstance(version, str) else None,
            tls=ep.tls,
            auth_detail="anonymous access: anyone may create, change and delete classes and objects",
        )
        status, _h, body, cut = await get_capped(client, "/v1/schema", opts.dataset_byte_cap)
        schema = json_or_none(body) if status == 200 and not cut else None
        classes = schema.get("classes") if isinstance(schema, dict) else None
        if status == 200 and cut:
            classes = leading_items(body, "classes")
            result.error(ep, "inventory", f"/v1/schema larger than the {opts.dataset_byte_cap:,}-byte cap, cut short")
        if not isinstance(classes, list):
            result.error(ep, "inventory", f"/v1/schema answered HTTP {status}")
            return result
        names = [c["class"] for c in classes if isinstance(c, dict) and isinstance(c.get("class"), str)]
        if len(names) > opts.max_datasets:
            names = names[: opts.max_datasets]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} classes (--max-datasets)")
        for index, name in enumerate(names):
            if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                result.error(ep, "inventory", f"{len(names) - index} classes left uninventoried: deadline near")
                break
            if not _CLASS_NAME.match(name):
                result.error(ep, "inventory", f"{name[:64]}: not a valid class name, not queried")
                result.add_dataset(name, None, kind="class")
                continue
            count = await _count(ep, client, name, result)
            sample = await _sample(ep, ctx, client, name, result) if count else []
            result.add_dataset(name, count, sample, kind="class")
        return result


async def _count(ep: Endpoint, client: httpx.AsyncClient, name: str, result: Assessment) -> int | None:
    """The class's object count from GraphQL ``Aggregate { meta { count } }``."""
    query = {"query": "{ Aggregate { " + name + " { meta { count } } } }"}
    status, _h, body, _cut = await post_capped(client, "/v1/graphql", query, SMALL)
    answer = json_or_none(body) if status == 200 else None
    data = answer.get("data") if isinstance(answer, dict) else None
    aggregate = data.get("Aggregate") if isinstance(data, dict) else None
    rows = aggregate.get(name) if isinstance(aggregate, dict) else None
    row = rows[0] if isinstance(rows, list) and rows and isinstance(rows[0], dict) else None
    meta = row.get("meta") if row else None
    count = meta.get("count") if isinstance(meta, dict) else None
    if isinstance(count, int) and not isinstance(count, bool):
        return count
    result.error(ep, "inventory", f"{name[:64]}: Aggregate count answered HTTP {status} without a count")
    return None


async def _sample(
    ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, name: str, result: Assessment
) -> list[dict[str, Any]]:
    """The first objects: properties, id and the vector (for its shape)."""
    opts = ctx.options
    params = {"class": name, "limit": str(opts.sample_size), "include": "vector"}
    status, _h, body, cut = await get_capped(client, "/v1/objects", opts.dataset_byte_cap, params=params)
    if cut:  # wide vectors: the same objects without them
        params.pop("include")
        status, _h, body, cut = await get_capped(client, "/v1/objects", opts.dataset_byte_cap, params=params)
    page = json_or_none(body) if status == 200 and not cut else None
    objects = page.get("objects") if isinstance(page, dict) else None
    if not isinstance(objects, list):
        result.error(ep, "sample", f"{name[:64]}: objects answered HTTP {status}{' over the byte cap' if cut else ''}")
        return []
    records: list[dict[str, Any]] = []
    for obj in objects:
        if not isinstance(obj, dict):
            continue
        properties = obj.get("properties")
        record: dict[str, Any] = dict(properties) if isinstance(properties, dict) else {}
        record["id"] = obj.get("id")
        if isinstance(obj.get("vector"), list) and obj["vector"]:
            record["vector"] = obj["vector"]
        records.append(record)
    return result.within_record_cap(ep, name, records, opts.record_byte_cap, "objects")


ENGINE = WeaviateEngine()
