"""Elasticsearch and OpenSearch, over their REST API.

Recognised only by what ``GET /`` returns: a JSON banner with ``version.number`` and
the tagline or ``distribution``, or the 401 that the security layer sends (``realm=
"security"`` or ``security_exception``). An HTTP server that says 200 to everything is
not Elasticsearch. Access comes from ``_security/_authenticate`` (or OpenSearch's
``authinfo``); where security is disabled those endpoints do not exist and every client
is effectively a superuser. Samples use ``random_score`` search, a read.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

import httpx

from ..classify import Follower
from ..classify.categories import resolve
from ..honeypot import known_identity
from ..models import Access, Endpoint, Exposure, FieldFinding, Remediation
from ._http import HTTP_PROBE, IDENTITY, BodyTooLarge, http_client, parse_http, post_capped, read_body
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

#: _cat entries read past max_listed, for the hidden (dot) indices that are skipped
LISTING_SLACK = 1_000
ADMIN_ROLES = {"superuser", "all_access", "admin"}
READ_ROLES = {"readall", "viewer", "kibana_user", "readall_and_monitor"}


def _distribution(banner: dict[str, Any]) -> str | None:
    """'opensearch', 'elasticsearch', or None when this JSON is not a search banner."""
    version = banner.get("version")
    if not isinstance(version, dict) or not isinstance(version.get("number"), str):
        return None
    if version.get("distribution") == "opensearch" or "opensearch" in str(banner.get("tagline", "")).lower():
        return "opensearch"
    if banner.get("tagline") == "You Know, for Search" and "cluster_name" in banner:
        return "elasticsearch"
    return None


class ElasticsearchEngine(Engine):
    """GET / banner or security 401 for exposure, the security API for access, random_score samples per index.

    One module for both: the banner says ``opensearch`` or ``elasticsearch``, and the
    report names which. Indices are listed with ``_cat/indices`` (hidden ones skipped);
    the whole cluster is one group, so only ransom notes everywhere mean wiped.
    """

    name = "elasticsearch"
    aliases = ("opensearch",)
    title = "Elasticsearch / OpenSearch"
    default_ports = (9200, 9201)
    uri_schemes = (UriScheme("elasticsearch", 9200), UriScheme("opensearch", 9200))
    nmap_services = ("wap-wsp",)  # nmap's name for port 9200
    deployed_as = (
        DataService("elasticsearch", (9200, 9300), ("elasticsearch",)),
        DataService("opensearch", (9200, 9300), ("opensearch",)),
    )
    tested_against = (
        "stand-ins: `osmem-server` (OpenSearch-compatible) for the open one; `unguarded.lab.secured_search` "
        "for the protected one, which answers exactly what a secured ES 8 node answers an anonymous client "
        '(401, `realm="security"`, `security_exception`), since neither Debian nor the PyPI stand-ins ship '
        "an ES with security on"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="Enable the security layer and keep the HTTP port off the internet.",
        steps=(
            "elasticsearch.yml: xpack.security.enabled: true  (then bin/elasticsearch-reset-password -u elastic)",
            "OpenSearch: keep the security plugin on (do not set plugins.security.disabled: true) and change the demo passwords",
            'elasticsearch.yml: network.host: 127.0.0.1 (or a private address); never http.cors.allow-origin: "*"',
            "Firewall 9200/9300 from the internet; check for '-meow' or ransom indices (restore from snapshots only "
            "what was deleted)",
        ),
        references=(
            "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html",
            "https://opensearch.org/docs/latest/security/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: '-meow' and ransom indices mean the data was deleted.",
            steps=(
                INTRUSION_STEP,
                "GET _cat/indices?v  -- note the ransom indices, then restore from a snapshot: POST _snapshot/<repo>/<snap>/_restore",
                "elasticsearch.yml: xpack.security.enabled: true (OpenSearch: keep the security plugin on); network.host: 127.0.0.1",
                "Rotate every credential and API key that was stored in the indices",
            ),
            references=(
                "https://www.elastic.co/guide/en/elasticsearch/reference/current/snapshot-restore.html",
                "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        if status == 401:
            auth = headers.get("www-authenticate", "").lower()
            if 'realm="security"' in auth or b"security_exception" in body:
                return Identity("elasticsearch", detail="protected")
            if "opensearch security" in auth:
                return Identity("opensearch", detail="protected")
            return None
        if status != 200:
            return None
        try:
            banner = json.loads(body)
        except ValueError:
            return None
        if not isinstance(banner, dict):
            return None
        dist = _distribution(banner)
        return Identity(dist, banner["version"]["number"]) if dist else None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        timeout = httpx.Timeout(opts.io_timeout, connect=opts.connect_timeout)
        async with http_client(
            ep, ctx, timeout=timeout, headers={"Host": ep.host, "User-Agent": "unguarded", **IDENTITY}
        ) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        status, headers, banner = await _get(client, ctx, "/")
        if status in (401, 403):
            return Assessment(Exposure.PROTECTED, Access.NONE, auth_detail=f"HTTP {status}: credentials required")
        if not isinstance(banner, dict) or _distribution(banner) is None:
            raise ValueError(f"GET / answered HTTP {status} without a search banner")
        dist = _distribution(banner) or "elasticsearch"
        access = await self._access(client, ctx, dist)
        version = str(banner["version"]["number"])
        detail = "no authentication (security disabled or anonymous access)"
        if dist == "elasticsearch" and access is Access.ADMIN and _major(version) < 8:
            detail = (
                f"security disabled: Elasticsearch {version}, and before 8.0 security is off unless "
                "xpack.security.enabled: true is set"
            )
        result = Assessment(Exposure.OPEN, access, version=version, engine=dist, tls=ep.tls, auth_detail=detail)
        result.honeypot_signals = await _oddities(client, ctx, banner, headers)
        indices, cut = await self._indices(client, ctx)
        if indices is None:
            result.error(ep, "inventory", cut or "_cat/indices gave no listing")
            return result
        if cut:
            result.error(ep, "inventory", cut)
        for info in sorted(indices, key=lambda i: str(i.get("index")))[: ctx.options.max_datasets]:
            name = str(info.get("index"))
            count = _int(info.get("docs.count"))
            sample = await self._sample(ep, ctx, client, name, result) if count else []
            result.add_dataset(name, count, sample, kind="index", size=_int(info.get("store.size")))
        if result.datasets:
            # the follow-up classifies every sample once; the statistics below reuse it
            await result.follow(SearchFollower(client, ctx), ctx.options)
        for ds in result.datasets:
            classified = result.follow_up.classifications.get(ds.name)
            if classified is None or not ds.records or len(ds.sample) >= ds.records:
                continue  # nothing sampled, or a whole index in the sample: no statistics needed
            distinct = await _cardinalities(client, ctx, ds.name, identifier_fields(classified.fields))
            if distinct:
                result.distinct_by_dataset[ds.name] = distinct
                result.distinct_source = "cardinality aggregation"
        return result

    @staticmethod
    async def _indices(client: httpx.AsyncClient, ctx: ScanContext) -> tuple[list[dict[str, Any]] | None, str | None]:
        """``_cat/indices`` read within the message cap and ``max_listed`` items.

        A listing past the byte cap is cut at its last whole entry (``_cat`` entries are
        flat JSON objects), so a cluster with a million indices still yields the first ones.
        """
        opts = ctx.options
        params = {"format": "json", "bytes": "b", "expand_wildcards": "open", "h": "index,docs.count,store.size"}
        cap = opts.message_byte_cap // 2  # under the relay's per-reply cap, so the listing is cut, not the service
        cut: str | None = None
        async with client.stream("GET", "/_cat/indices", params=params) as answer:
            if answer.status_code != 200:
                return None, f"_cat/indices answered HTTP {answer.status_code}"
            body = bytearray()
            entries_seen = 0
            async for chunk in answer.aiter_raw():
                body += chunk
                entries_seen += chunk.count(b"}")
                over_bytes = len(body) > cap
                if over_bytes or entries_seen > opts.max_listed + LISTING_SLACK:
                    # cut at the last whole entry: _cat entries are flat JSON objects
                    end = body.rfind(b"}", 0, cap)
                    body = body[: end + 1] + b"]" if end > 0 else bytearray(b"[]")
                    cut = f"index listing larger than {cap:,} bytes" if over_bytes else "cut"
                    break
            if answer.headers.get("content-encoding", "identity").lower() not in ("", "identity"):
                return None, "_cat/indices answered in a content coding it was not asked for"
        try:
            listing = json.loads(bytes(body))
        except (ValueError, RecursionError):
            return None, "_cat/indices did not answer a JSON listing"
        if not isinstance(listing, list):
            return None, "_cat/indices did not answer a JSON listing"
        entries = [i for i in listing if isinstance(i, dict) and not str(i.get("index", "")).startswith(".")]
        if len(entries) > opts.max_listed:
            entries = entries[: opts.max_listed]
            cut = f"listing cut at {opts.max_listed:,} indices"
        elif cut:
            cut = f"listing cut at {len(entries):,} indices" + (f" ({cut})" if cut != "cut" else "")
        return entries, cut

    @staticmethod
    async def _access(client: httpx.AsyncClient, ctx: ScanContext, dist: str) -> Access:
        path = "/_plugins/_security/authinfo" if dist == "opensearch" else "/_security/_authenticate"
        status, answer = await _get_json(client, ctx, path)
        if status != 200 or not isinstance(answer, dict):
            return Access.ADMIN  # no security layer: every client may do anything
        named = [r for key in ("roles", "backend_roles") if isinstance(answer.get(key), list) for r in answer[key]]
        roles = {str(r) for r in named}
        if roles & ADMIN_ROLES:
            return Access.ADMIN
        return Access.READ if roles & READ_ROLES else Access.METADATA

    @staticmethod
    async def _sample(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, index: str, result: Assessment
    ) -> list[dict[str, Any]]:
        opts = ctx.options
        query = {
            "size": opts.sample_size,
            "query": {"function_score": {"query": {"match_all": {}}, "random_score": {}}},
            "timeout": f"{int(opts.io_timeout)}s",
        }
        async with client.stream("POST", f"/{quote(index, safe='')}/_search", json=query) as answer:
            if answer.status_code != 200:
                result.error(ep, "sample", f"{index}: search answered HTTP {answer.status_code}")
                return []
            try:
                body = await read_body(answer, opts, opts.dataset_byte_cap)
            except BodyTooLarge as exc:
                result.error(ep, "sample", f"{index}: sample skipped, {exc}")
                return []
        try:
            found = json.loads(body)
        except (ValueError, RecursionError):
            result.error(ep, "sample", f"{index}: search did not answer JSON")
            return []
        hits = found.get("hits", {}).get("hits", []) if isinstance(found, dict) else []
        return [
            h["_source"]
            for h in hits[: opts.sample_size]
            if isinstance(h, dict)
            and isinstance(h.get("_source"), dict)
            and len(json.dumps(h["_source"])) <= opts.record_byte_cap
        ]


#: identifier fields whose distinct values are counted per index, at most
MAX_CARDINALITY_FIELDS = 3


def identifier_fields(fields: Sequence[FieldFinding]) -> list[str]:
    """The classified fields that identify a person (national ID, passport, e-mail, phone), best first.

    ``fields`` is the sample's classification, the one the scanner reports (value-free),
    so the count is asked only of fields that really hold identifiers, and of few of them.
    """
    found = [f.path for f in fields if any(resolve(c).counts_people for c in f.categories) and "[]" not in f.path]
    return found[:MAX_CARDINALITY_FIELDS]


async def _cardinalities(client: httpx.AsyncClient, ctx: ScanContext, index: str, fields: list[str]) -> dict[str, int]:
    """Distinct values of identifier fields from a ``cardinality`` aggregation (HyperLogLog++, exact below 40,000).

    ``_field_caps`` first says which of each field and its ``.keyword`` twin can be
    aggregated (a text field cannot: asking would fail the whole search); then one
    ``size: 0`` search with a ``timeout`` returns the counts, no document. Any failure
    returns nothing, and the sample's estimate stands.
    """
    if not fields:
        return {}
    opts = ctx.options
    where = quote(index, safe="")
    wanted = [name for f in fields for name in (f, f"{f}.keyword")]
    try:
        status, _headers, caps = await _get(client, ctx, f"/{where}/_field_caps?fields={quote(','.join(wanted))}")
        if status != 200 or not isinstance(caps, dict):
            return {}
        known = caps.get("fields") or {}
        usable: dict[str, str] = {}
        for f in fields:
            for name in (f, f"{f}.keyword"):
                kinds = known.get(name) or {}
                if (
                    f not in usable
                    and kinds
                    and all(isinstance(k, dict) and k.get("aggregatable") for k in kinds.values())
                ):
                    usable[f] = name
        if not usable:
            return {}
        aggs = {
            f"f{i}": {"cardinality": {"field": name, "precision_threshold": 40_000}}
            for i, name in enumerate(usable.values())
        }
        query = {"size": 0, "track_total_hits": False, "timeout": f"{int(opts.io_timeout)}s", "aggs": aggs}
        status, _sent, body, cut = await post_capped(client, f"/{where}/_search", query, opts.message_byte_cap)
        answer = json.loads(body) if status == 200 and not cut else None
    except (httpx.HTTPError, ValueError, RecursionError):
        return {}
    if not isinstance(answer, dict) or answer.get("timed_out"):
        return {}
    out: dict[str, int] = {}
    for i, f in enumerate(usable):
        value = ((answer.get("aggregations") or {}).get(f"f{i}") or {}).get("value")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            out[f] = value
    return out


#: field types a ``term`` query matches exactly (``text`` only through a ``keyword`` sub-field)
_EXACT_TYPES = frozenset(
    "keyword constant_keyword long integer short byte double float half_float scaled_float unsigned_long "
    "date date_nanos boolean ip".split()
)


def term_fields(properties: Any, prefix: str = "", depth: int = 0) -> dict[str, str]:
    """From a mapping's ``properties``: each field path -> the field a ``term`` query must name.

    ``keyword``, numbers and dates are matched as they are; a ``text`` field through its
    ``keyword`` sub-field (``name.keyword``); a field with ``index: false`` not at all.
    """
    out: dict[str, str] = {}
    if not isinstance(properties, dict) or depth > 8:
        return out
    for name, spec in properties.items():
        if not isinstance(spec, dict):
            continue
        path = f"{prefix}{name}"
        if isinstance(spec.get("properties"), dict):
            out.update(term_fields(spec["properties"], path + ".", depth + 1))
            continue
        if spec.get("index") is False:
            continue
        kind = spec.get("type")
        if kind in _EXACT_TYPES:
            out[path] = path
        elif kind == "text":
            subs = spec.get("fields")
            if isinstance(subs, dict):
                keyword = next((k for k, v in subs.items() if isinstance(v, dict) and v.get("type") == "keyword"), None)
                if keyword is not None:
                    out[path] = f"{path}.{keyword}"
    return out


class SearchFollower(Follower):
    """Bounded, read-only searches for the follow-up: a ``term`` query with ``size`` and ``timeout``.

    Which fields a ``term`` query can match, and under which name, comes from the index's
    ``_mapping`` (read within the message cap); every mapped, indexed field counts as indexed.
    """

    def __init__(self, client: httpx.AsyncClient, ctx: ScanContext) -> None:
        self._client, self._ctx = client, ctx
        self._terms: dict[str, dict[str, str]] = {}

    async def _mapping(self, index: str) -> dict[str, str]:
        if index not in self._terms:
            status, answer = await _get_json(self._client, self._ctx, f"/{quote(index, safe='')}/_mapping")
            fields: dict[str, str] = {}
            if status == 200 and isinstance(answer, dict):
                for body in answer.values():
                    mappings = body.get("mappings") if isinstance(body, dict) else None
                    if isinstance(mappings, dict):
                        fields.update(term_fields(mappings.get("properties")))
            self._terms[index] = fields
        return self._terms[index]

    async def indexed(self, dataset: str) -> frozenset[str] | None:
        fields = await self._mapping(dataset)
        return frozenset(fields) if fields else None

    async def lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        opts = self._ctx.options
        field = (await self._mapping(dataset)).get(path, path)
        out: list[list[Mapping[str, Any]]] = []
        for value in values:
            query = {"size": int(limit), "timeout": f"{int(opts.io_timeout)}s", "query": {"term": {field: value}}}
            async with self._client.stream("POST", f"/{quote(dataset, safe='')}/_search", json=query) as answer:
                if answer.status_code != 200:
                    raise LookupError(f"search answered HTTP {answer.status_code}")
                body = await read_body(answer, opts, opts.dataset_byte_cap)
            found = json.loads(body)
            hits = found.get("hits", {}).get("hits", []) if isinstance(found, dict) else []
            out.append(
                [
                    h["_source"]
                    for h in hits[:limit]
                    if isinstance(h, dict)
                    and isinstance(h.get("_source"), dict)
                    and len(json.dumps(h["_source"])) <= opts.record_byte_cap
                ]
            )
        return out


def _major(version: str) -> int:
    """``7.17.9`` -> 7; an unreadable version counts as current (no claim about old defaults)."""
    try:
        return int(version.split(".", 1)[0])
    except ValueError:
        return 99


async def _get_json(client: httpx.AsyncClient, ctx: ScanContext, path: str) -> tuple[int, Any]:
    """Status and parsed JSON body (None when it is not JSON) of a GET, read within the message cap."""
    status, _headers, body = await _get(client, ctx, path)
    return status, body


async def _get(client: httpx.AsyncClient, ctx: ScanContext, path: str) -> tuple[int, httpx.Headers, Any]:
    """Status, headers and parsed JSON body (None when it is not JSON) of a GET."""
    async with client.stream("GET", path) as answer:
        status, headers = answer.status_code, answer.headers
        if status in (401, 403):
            return status, headers, None
        body = await read_body(answer, ctx.options)
    try:
        return status, headers, json.loads(body)
    except (ValueError, RecursionError):
        return status, headers, None


async def _oddities(
    client: httpx.AsyncClient, ctx: ScanContext, banner: dict[str, Any], headers: httpx.Headers
) -> list[str]:
    """Honeypot signals: hard-coded banners, headers no node sends, an error answered with 200."""
    version = banner.get("version") if isinstance(banner.get("version"), dict) else {}
    assert isinstance(version, dict)
    signals = known_identity(
        "elasticsearch",
        {"version+build_hash": f"{version.get('number', '')}/{version.get('build_hash', '')}"},
    )
    if "server" in headers:
        signals.append(f"HTTP answers carry a Server header ({headers['server'][:40]}), which no node sends")
    status, _headers, body = await _get(client, ctx, f"/unguarded-no-such-index-{secrets.token_hex(4)}")
    if status == 200:
        signals.append("a missing index was answered with HTTP 200 (a real node answers 404)")
    elif status != 404 and isinstance(body, dict) and "error" not in body:
        signals.append(f"a missing index was answered HTTP {status} without an error")
    return signals


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ENGINE = ElasticsearchEngine()
