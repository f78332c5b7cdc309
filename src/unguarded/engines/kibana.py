"""Kibana, the web front end of an Elasticsearch cluster.

An open Kibana is an open cluster by another door: Discover shows every document and
the Dev Tools console forwards any request to Elasticsearch with Kibana's own
credentials. Kibana marks every HTTP answer with its ``kbn-name`` header, which is how
``GET /`` recognises it (whatever the port). ``/api/status`` gives the version and the
state of the cluster behind it; ``/internal/security/me`` says whether the security
plugin is on (404: off, so nobody logs in). Nothing is inventoried here: the data lives
in the cluster, which is its own service with its own verdict, and the verdict text
says so. Every call is a GET.
"""

from __future__ import annotations

from typing import Any

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, http_client, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme


def cluster_state(status: Any) -> str | None:
    """What Kibana says of its Elasticsearch: the 8.x ``core.elasticsearch`` or the 7.x status entry."""
    if not isinstance(status, dict):
        return None
    core = status.get("core", {}).get("elasticsearch") if isinstance(status.get("core"), dict) else None
    if isinstance(core, dict) and isinstance(core.get("summary"), str):
        return str(core["summary"])
    for entry in status.get("statuses", []) if isinstance(status.get("statuses"), list) else []:
        if isinstance(entry, dict) and str(entry.get("id", "")).split(":")[-1].startswith("elasticsearch@"):
            return str(entry.get("message") or entry.get("state"))
    return None


class KibanaEngine(Engine):
    """kbn-name header to recognise it, /api/status and the security plugin for exposure; the data is the cluster's.

    A Kibana anyone can use means the cluster behind it answers anyone too, through
    Discover and the Dev Tools console: reported with admin access, since Kibana then
    acts for every visitor with its own Elasticsearch credentials.
    """

    name = "kibana"
    aliases = ("opensearch-dashboards",)
    title = "Kibana"
    default_ports = (5601,)
    uri_schemes = (UriScheme("kibana", 5601),)
    nmap_services = ("esmagent",)  # nmap's name for port 5601
    deployed_as = (DataService("kibana", (5601,), ("kibana", "opensearch-dashboards")),)
    tested_against = (
        "stand-in: `unguarded.lab.kibana_standin`, answering `GET /`, `/api/status` and `/internal/security/me` "
        "as Kibana 7.17 without security does (`kbn-name` header, the 7.x status document from Elastic's API "
        "reference) and, for the protected one, as Kibana with security on (302 to `/login`, 401 "
        '`{"statusCode":401,"error":"Unauthorized"}`); it logs every request for the read-only proof; no '
        "Kibana runs here"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="Turn on Elasticsearch security so Kibana asks for a login, and keep port 5601 off the internet.",
        steps=(
            "elasticsearch.yml: xpack.security.enabled: true (the default from 8.0; off unless set in 7.x and before)",
            "kibana.yml: elasticsearch.username: kibana_system and its password (bin/elasticsearch-reset-password -u kibana_system)",
            "kibana.yml: server.host: 127.0.0.1 (or a private address) behind a reverse proxy with TLS; firewall 5601",
            "Do not enable anonymous access (xpack.security.authc.providers.anonymous) with a role that reads data",
        ),
        references=(
            "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html",
            "https://www.elastic.co/guide/en/kibana/current/using-kibana-with-security.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat the cluster behind it as breached: restore it and turn security on.",
            steps=(
                INTRUSION_STEP,
                "Check the cluster for ransom or '-meow' indices and restore from a snapshot",
                "elasticsearch.yml: xpack.security.enabled: true; kibana.yml: server.host: 127.0.0.1",
                "Review saved objects for planted visualisations or scripted fields; rotate Kibana's credentials",
            ),
            references=(
                "https://www.elastic.co/guide/en/elasticsearch/reference/current/snapshot-restore.html",
                "https://www.elastic.co/guide/en/kibana/current/using-kibana-with-security.html",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, _body = parsed
        if "kbn-name" not in headers or status >= 500:
            return None
        if "login" in headers.get("location", "") or status == 401:
            return Identity("kibana", detail="protected")
        return Identity("kibana")

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx) as client:
            status = await client.get("/api/status")
            document = status.json() if status.status_code == 200 else {}
            version = document.get("version", {}).get("number") if isinstance(document.get("version"), dict) else None
            if status.status_code in (401, 403) or (status.status_code == 200 and version is None):
                detail = f"HTTP {status.status_code}" if status.status_code != 200 else "status redacted"
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    tls=ep.tls,
                    auth_detail=f"{detail}: Kibana asks for a login (security on)",
                )
            me = await client.get("/internal/security/me")
            cluster = cluster_state(document.get("status")) or "state not reported"
            if me.status_code == 200:
                user = me.json().get("username", "?") if isinstance(me.json(), dict) else "?"
                return Assessment(
                    Exposure.OPEN,
                    Access.READ,
                    version=str(version),
                    tls=ep.tls,
                    auth_detail=f"anonymous access as '{user}': Discover reads the Elasticsearch cluster behind it "
                    f"(Elasticsearch: {cluster}) with that user's roles",
                )
            if me.status_code in (401, 403):
                return Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    version=str(version),
                    tls=ep.tls,
                    auth_detail=f"HTTP {me.status_code} from the security plugin: Kibana asks for a login",
                )
            return Assessment(
                Exposure.OPEN,
                Access.ADMIN,
                version=str(version),
                tls=ep.tls,
                auth_detail="no login (Kibana's security plugin is off, as on an Elasticsearch cluster without "
                f"security): Discover and the Dev Tools console reach the cluster behind it (Elasticsearch: "
                f"{cluster}) for anyone; that cluster's own scan (port 9200) carries its verdict and inventory",
            )


ENGINE = KibanaEngine()
