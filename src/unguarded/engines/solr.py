"""Apache Solr, over its admin and search HTTP API.

Recognised by what ``GET /solr/admin/info/system`` returns: JSON with
``lucene.solr-spec-version``, or the BasicAuth plugin's 401 (``Basic realm="solr"``,
``require authentication``). Solr has no authentication unless ``security.json``
configures a plugin, and then every anonymous request to a protected path gets that 401;
an answer with data means anyone may also post updates, delete documents and change the
configuration. Inventory: CoreAdmin ``STATUS`` (``numDocs`` per core), and in SolrCloud
the Collections API ``LIST`` with ``numFound`` from a ``rows=0`` search; samples are
``select?q=*:*&rows=n``. Every call is a GET: nothing on the server changes.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import http_client, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

INFO_PATH = "/solr/admin/info/system"
PROBE = (
    b"GET /solr/admin/info/system?wt=json HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\n"
    b"Accept: application/json\r\nConnection: close\r\n\r\n"
)


def _solr_version(info: Any) -> str | None:
    lucene = info.get("lucene") if isinstance(info, dict) else None
    version = lucene.get("solr-spec-version") if isinstance(lucene, dict) else None
    return version if isinstance(version, str) else None


class SolrEngine(Engine):
    """admin/info/system or the BasicAuth 401 for exposure, CoreAdmin STATUS / Collections LIST counts, select samples.

    The whole node is one group: cores are not databases of their own.
    """

    name = "solr"
    title = "Apache Solr"
    default_ports = (8983,)
    uri_schemes = (UriScheme("solr", 8983),)
    nmap_services = ("solr",)
    deployed_as = (DataService("solr", (8983,), ("solr",)),)
    tested_against = (
        "stand-in: `unguarded.lab.solr_standin`, answering the admin/info/system, CoreAdmin STATUS, Collections "
        "LIST and select calls with Solr 9's JSON (from the Solr reference guide's examples), Solr's 400/404 "
        'errors for anything else, and the BasicAuth plugin\'s 401 (`Basic realm="solr"`) for the protected '
        "one; it logs every request for the read-only proof; no Solr runs here"
    )
    probe = PROBE
    remediation = Remediation(
        summary="Enable an authentication plugin (security.json) and keep port 8983 off the internet.",
        steps=(
            'security.json: {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true, ...}, '
            '"authorization": {"class": "solr.RuleBasedAuthorizationPlugin", ...}}  (or: bin/solr auth enable -type basicAuth)',
            "solr.in.sh: SOLR_JETTY_HOST=127.0.0.1 (or a private address); firewall 8983",
            "Change the example 'solr'/'SolrRocks' credentials if they were copied",
        ),
        references=(
            "https://solr.apache.org/guide/solr/latest/deployment-guide/basic-authentication-plugin.html",
            "https://solr.apache.org/guide/solr/latest/deployment-guide/securing-solr.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: emptied cores or ransom documents mean the index was wiped.",
            steps=(
                INTRUSION_STEP,
                "Restore the cores from backups (replication?command=restore, or the Collections API RESTORE)",
                'security.json: enable solr.BasicAuthPlugin with "blockUnknown": true; SOLR_JETTY_HOST=127.0.0.1',
                "Check solrconfig.xml and the config API overlay for planted request handlers or remote streaming",
            ),
            references=(
                "https://solr.apache.org/guide/solr/latest/deployment-guide/backup-restore.html",
                "https://solr.apache.org/guide/solr/latest/deployment-guide/securing-solr.html",
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
            if 'realm="solr"' in auth or (auth.startswith(("basic", "xbasic")) and b"require authentication" in body):
                return Identity("solr", detail="protected")
            return None
        if status != 200:
            return None
        try:
            version = _solr_version(json.loads(body))
        except ValueError:
            return None
        return Identity("solr", version) if version else None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx) as client:
            info = await client.get(INFO_PATH, params={"wt": "json"})
            if info.status_code in (401, 403):
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    tls=ep.tls,
                    auth_detail=f"HTTP {info.status_code}: credentials required (authentication plugin)",
                )
            system = info.json()
            security = system.get("security") if isinstance(system.get("security"), dict) else {}
            plugin = security.get("authenticationPlugin") if security else None
            result = Assessment(
                Exposure.OPEN,
                # no plugin: every request is allowed, updates and config changes included;
                # a plugin without blockUnknown lets anonymous requests through to what no rule covers
                Access.ADMIN if not plugin else Access.READ,
                version=_solr_version(system),
                tls=ep.tls,
                auth_detail="no authentication plugin (security.json absent)"
                if not plugin
                else f"{plugin} without blockUnknown: anonymous requests pass",
            )
            await self._inventory(ep, ctx, client, result, cloud=system.get("mode") == "solrcloud")
            return result

    async def _inventory(
        self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, result: Assessment, *, cloud: bool
    ) -> None:
        opts = ctx.options
        datasets: dict[str, tuple[int | None, int | None]] = {}
        if cloud:
            listing = await client.get("/solr/admin/collections", params={"action": "LIST", "wt": "json"})
            if listing.status_code == 200:
                for name in listing.json().get("collections", [])[: opts.max_datasets]:
                    datasets[str(name)] = (None, None)
            else:
                result.error(ep, "inventory", f"Collections API LIST answered HTTP {listing.status_code}")
        if not datasets:
            cores = await client.get("/solr/admin/cores", params={"action": "STATUS", "wt": "json"})
            if cores.status_code != 200:
                result.error(ep, "inventory", f"CoreAdmin STATUS answered HTTP {cores.status_code}")
                return
            status = cores.json().get("status", {})
            for name in sorted(status)[: opts.max_datasets]:
                index = status[name].get("index", {}) if isinstance(status[name], dict) else {}
                datasets[name] = (_int(index.get("numDocs")), _int(index.get("sizeInBytes")))
        for name, (count, size) in datasets.items():
            found, sample = await self._sample(ep, ctx, client, name, result)
            records = count if count is not None else found
            result.add_dataset(name, records, sample, kind="core", size=size)

    @staticmethod
    async def _sample(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, core: str, result: Assessment
    ) -> tuple[int | None, list[dict[str, Any]]]:
        opts = ctx.options
        params = {
            "q": "*:*",
            "rows": str(opts.sample_size),
            "wt": "json",
            "timeAllowed": str(int(opts.io_timeout * 1000)),
        }
        body = b""
        async with client.stream("GET", f"/solr/{quote(core, safe='')}/select", params=params) as answer:
            if answer.status_code != 200:
                result.error(ep, "sample", f"{core}: select answered HTTP {answer.status_code}")
                return None, []
            async for chunk in answer.aiter_bytes():
                body += chunk
                if len(body) > opts.dataset_byte_cap:
                    result.error(
                        ep, "sample", f"{core}: sample larger than the {opts.dataset_byte_cap:,}-byte cap, skipped"
                    )
                    return None, []
        response = json.loads(body).get("response", {})
        docs = [
            {k: v for k, v in doc.items() if k != "_version_"}
            for doc in response.get("docs", [])
            if isinstance(doc, dict) and len(json.dumps(doc)) <= opts.record_byte_cap
        ]
        return _int(response.get("numFound")), docs


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ENGINE = SolrEngine()
