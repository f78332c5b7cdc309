"""CouchDB (and PouchDB Server, which speaks its API), over its HTTP API.

Recognised only by what it answers: the ``GET /`` banner (``{"couchdb": "Welcome"}``, or
PouchDB Server's ``{"express-pouchdb": "Welcome!"}``) or CouchDB's ``Server: CouchDB/...``
header on a 401. Access comes from ``GET /_session``: the anonymous session's roles
include ``_admin`` in "admin party" (no admin configured, CouchDB before 3.0), and then
anyone may do anything. With admins configured, databases whose ``_security`` object
names no members are still readable by anyone (CouchDB 2.x, PouchDB Server); CouchDB 3
makes new databases admin-only and ``_all_dbs`` answers 401.

Every request is a ``GET``: ``_all_dbs`` (bounded with ``limit`` and a byte cap),
``GET /{db}`` for document counts and ``update_seq``, and ``_all_docs?limit=N&
include_docs=true`` for the sample (the first N documents by id; CouchDB has no
server-side random sample). Design documents are never sampled.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import quote

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none, leading_items, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

#: the share of the service deadline the inventory may use; the rest is left for
#: classification and reporting, so a server with endless databases still gets a verdict
INVENTORY_SHARE = 0.7


def _banner(body: bytes) -> tuple[str, str | None] | None:
    """(vendor, version) when this JSON is a CouchDB or PouchDB Server welcome banner."""
    data = json_or_none(body)
    if not isinstance(data, dict):
        return None
    version = data.get("version")
    version = version if isinstance(version, str) else None
    if str(data.get("couchdb", "")).startswith("Welcome"):
        return "couchdb", version
    if str(data.get("express-pouchdb", "")).startswith("Welcome"):
        return "pouchdb-server", version
    return None


def _names_from(body: bytes, cut: bool) -> list[str]:
    """Database names from an ``_all_dbs`` answer; from a listing cut at the byte cap,
    the complete names before the cut."""
    data = json_or_none(body)
    if isinstance(data, list):
        return [name for name in data if isinstance(name, str)]
    if not cut:
        return []
    return [name for name in leading_items(body) if isinstance(name, str)]


class CouchDBEngine(Engine):
    """_session roles for access (_admin = admin party), _all_dbs and per-database counts, _all_docs samples.

    Each database is one dataset. CouchDB has no namespaces below the database, and
    ransom bots delete every database and leave one such as ``read_me``, so the whole
    server is one group for the wiped check; the system databases (``_users``,
    ``_replicator``, ``_global_changes``) are kept apart so they never hide a wipe.
    """

    name = "couchdb"
    title = "CouchDB / PouchDB Server"
    default_ports = (5984, 6984)
    uri_schemes = (UriScheme("couchdb", 5984),)
    nmap_services = ("couchdb",)
    deployed_as = (DataService("couchdb", (5984, 6984), ("couchdb", "pouchdb-server")),)
    system_databases = frozenset({"_users", "_replicator", "_global_changes"})
    tested_against = (
        "stand-in: `pouchdb-server` 4.2.0 from npm (the CouchDB HTTP API; admin party for the open one, "
        "an admin in its config for the protected one), its HTTP log for the read-only proof"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="End the admin party: create an admin, require a valid user and keep 5984 off the internet.",
        steps=(
            "local.ini: [admins] admin = <a long password>   (CouchDB hashes it on start; 3.x refuses to start without one)",
            "local.ini: [chttpd] require_valid_user = true  and  [chttpd_auth] require_valid_user = true",
            "local.ini: [chttpd] bind_address = 127.0.0.1 (or a private address); firewall 5984, 6984 and 4369",
            "Give every database a _security object with members (PUT /{db}/_security), so anonymous reads are refused",
        ),
        references=(
            "https://docs.couchdb.org/en/stable/intro/security.html",
            "https://docs.couchdb.org/en/stable/config/auth.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: a read_me/meow database means the data was deleted.",
            steps=(
                INTRUSION_STEP,
                "GET /_all_dbs and GET /_users/_all_docs with an admin  -- note the ransom databases and users you did not create",
                "local.ini: [admins] admin = <new password>; [chttpd] require_valid_user = true; bind_address = 127.0.0.1",
                "Restore the databases from a backup or replicate them back from a trusted peer; rotate credentials stored in documents",
            ),
            references=(
                "https://docs.couchdb.org/en/stable/intro/security.html",
                "https://docs.couchdb.org/en/stable/maintenance/backups.html",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """Every user database belongs to the whole server; a system database to itself."""
        return dataset if dataset.lower() in self.system_databases else ""

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        server = headers.get("server", "")
        if status == 200:
            found = _banner(body)
            if found is not None:
                vendor, version = found
                return Identity(self.name, version, detail=vendor)
        if "couchdb/" in server.lower():
            version = server.split("/", 1)[1].split()[0] or None
            return Identity(self.name, version, detail="protected" if status in (401, 403) else None)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        opts = ctx.options
        started = time.monotonic()
        status, headers, body, _cut = await get_capped(client, "/", 64 * 1024)
        server_version = headers.get("server", "").partition("/")[2].split(" ")[0] or None
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=server_version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /: a valid user is required (require_valid_user)",
            )
        found = _banner(body)
        version = found[1] if found else server_version
        admin = await self._is_admin(client)
        status, _headers, body, cut = await get_capped(
            client, "/_all_dbs", opts.dataset_byte_cap, params={"limit": str(opts.max_datasets + 1)}
        )
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /_all_dbs: admin configured, listing requires credentials",
            )
        result = Assessment(Exposure.OPEN, Access.ADMIN if admin else Access.READ, version=version, tls=ep.tls)
        if status != 200:
            result.error(ep, "inventory", f"_all_dbs answered HTTP {status}")
        names = _names_from(body, cut)
        if cut:
            result.error(ep, "inventory", f"_all_dbs larger than the {opts.dataset_byte_cap:,}-byte cap, cut short")
        if len(names) > opts.max_datasets:
            names = names[: opts.max_datasets]
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} databases (--max-datasets)")
        readable = refused = 0
        for index, name in enumerate(names):
            if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                result.error(
                    ep, "inventory", f"{len(names) - index} databases left uninventoried: service deadline near"
                )
                break
            if await self._inventory(ep, ctx, client, name, result):
                readable += name.lower() not in self.system_databases
            else:
                refused += 1
        if not admin and not readable:
            # A name listing alone, every database refused: credentials stand between us and the data.
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail="admin configured (the anonymous session has no roles) and no user database "
                f"readable without credentials ({refused} refused an anonymous read)",
            )
        result.auth_detail = (
            "admin party: the anonymous session has the _admin role"
            if admin
            else f"no credentials needed: {readable} databases have no _security members (anyone may read them)"
        )
        return result

    @staticmethod
    async def _is_admin(client: httpx.AsyncClient) -> bool:
        status, _headers, body, _cut = await get_capped(client, "/_session", 64 * 1024)
        session = json_or_none(body) if status == 200 else None
        if not isinstance(session, dict):
            return False
        user = session.get("userCtx")
        roles = user.get("roles") if isinstance(user, dict) else None
        return isinstance(roles, list) and "_admin" in roles

    @staticmethod
    async def _inventory(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, name: str, result: Assessment
    ) -> bool:
        """Count and sample one database; ``False`` when it refused an anonymous read."""
        path = "/" + quote(name, safe="")
        status, _headers, body, _cut = await get_capped(client, path, 64 * 1024)
        if status in (401, 403):
            return False
        info = json_or_none(body) if status == 200 else None
        if not isinstance(info, dict):
            result.error(ep, "inventory", f"{name[:64]}: database info answered HTTP {status}")
            return False
        count = _int(info.get("doc_count"))
        sizes = info.get("sizes")
        size = _int(sizes.get("external")) if isinstance(sizes, dict) else _int(info.get("data_size"))
        sample = await _sample(ep, ctx, client, name, result) if count else []
        result.add_dataset(name, count, sample, kind="database", size=size)
        return True


async def _sample(
    ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, name: str, result: Assessment
) -> list[dict[str, Any]]:
    """The first documents by id, design documents and revisions left out, each within the record cap."""
    opts = ctx.options
    status, _headers, body, cut = await get_capped(
        client,
        f"/{quote(name, safe='')}/_all_docs",
        opts.dataset_byte_cap,
        params={"limit": str(opts.sample_size), "include_docs": "true"},
    )
    if cut:
        result.error(ep, "sample", f"{name[:64]}: sample larger than the {opts.dataset_byte_cap:,}-byte cap, skipped")
        return []
    page = json_or_none(body) if status == 200 else None
    if not isinstance(page, dict):
        result.error(ep, "sample", f"{name[:64]}: _all_docs answered HTTP {status}")
        return []
    docs: list[dict[str, Any]] = []
    for row in page.get("rows", []):
        doc = row.get("doc") if isinstance(row, dict) else None
        if isinstance(doc, dict) and not str(doc.get("_id", "")).startswith("_design/"):
            docs.append(doc)
    # measured as the server sent them, then kept without the revision bookkeeping
    kept = result.within_record_cap(ep, name, docs, opts.record_byte_cap, "documents")
    return [{k: v for k, v in doc.items() if k not in ("_rev", "_attachments", "_revisions")} for doc in kept]


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ENGINE = CouchDBEngine()
