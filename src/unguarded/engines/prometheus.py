"""Prometheus, over its HTTP API (9090).

Recognised by what ``GET /`` answers: Prometheus redirects to its UI (``/graph``,
``/classic/graph`` in 2.4x, ``/query`` in 3.x) with Go's ``<a href=...>Found</a>``
body; behind ``--web.config.file`` it answers 401 with exporter-toolkit's bare
``WWW-Authenticate: Basic`` and Go's ``Unauthorized`` body.

An open Prometheus hands out its whole configuration: ``/api/v1/status/config`` is the
loaded ``prometheus.yml``. Prometheus redacts secret fields as ``<secret>``, so the
passwords and tokens themselves stay home, but which jobs carry credentials, the
usernames, the internal hosts they scrape (the network's map) and any secret put in a
field Prometheus does not know as secret (``params``, URLs) are there for anyone. The
engine reports which jobs carry credentials and how many internal hosts are named,
never the values, and feeds each job's settings (redacted fields left out) to the
classifier, which finds the secrets Prometheus did not redact. ``/api/v1/targets`` and
``/api/v1/status/tsdb`` give the target and series counts; ``/api/v1/status/flags``
says whether the admin and lifecycle APIs are on. Every request is a ``GET``; the admin
APIs (``/api/v1/admin/*``, ``/-/reload``) are never called.
"""

from __future__ import annotations

import ipaddress
import re
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

UI_PATHS = ("/graph", "/classic/graph", "/query")
REDACTED = "<secret>"
#: the settings that hold a credential in a scrape, remote-write or alerting config
CREDENTIAL_KEYS = (
    "basic_auth",
    "authorization",
    "bearer_token",
    "bearer_token_file",
    "oauth2",
    "sigv4",
    "azuread",
)
INTERNAL_SUFFIXES = (".internal", ".local", ".lan", ".corp", ".intra", ".intranet", ".svc", ".localdomain", ".home")
_FOUND = re.compile(rb'^<a href="[^"]*">Found</a>\.')


def internal_host(host: str) -> bool:
    """A private, loopback or link-local address, or a name only an internal resolver knows."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host or host.endswith(INTERNAL_SUFFIXES) or ".svc." in host
    return address.is_private or address.is_loopback or address.is_link_local


def _host_of(target: str) -> str:
    """``db.internal:9187`` or ``https://db.internal:9187/metrics`` -> ``db.internal``."""
    netloc = urlsplit(target if "//" in target else f"//{target}").netloc
    return netloc.rpartition("@")[2].rsplit(":", 1)[0] if netloc.count(":") <= 1 else netloc.rpartition("]")[0] + "]"


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A job's settings as ``path.to.key -> value`` leaves; redacted values left out."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for key, child in value.items():
            out.update(_flatten(child, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(value, list):
        for index, child in enumerate(value[:50]):
            out.update(_flatten(child, f"{prefix}[{index}]"))
    elif value != REDACTED and value is not None:
        out[prefix] = value
    return out


def credentials_in(section: dict[str, Any]) -> list[str]:
    """Which credential settings a scrape or remote config carries (the setting names only)."""
    found = [key for key in CREDENTIAL_KEYS if section.get(key)]
    tls = section.get("tls_config")
    if isinstance(tls, dict) and (tls.get("key") or tls.get("key_file")):
        found.append("tls_config.key")
    return found


class PrometheusEngine(Engine):
    """/api/v1/status/config for credentials and internal hosts in scrape configs, targets, series counts.

    Datasets: ``scrape_configs`` (one record per job, redacted fields left out) and
    ``tsdb_head`` (the head block's series count). The whole server is one group.
    """

    name = "prometheus"
    title = "Prometheus"
    default_ports = (9090,)
    uri_schemes = (UriScheme("prometheus", 9090),)
    nmap_services = ("prometheus",)
    deployed_as = (DataService("prometheus", (9090,), ("prometheus",)),)
    tested_against = (
        "real `prometheus` 2.42 (Debian), a temp `prometheus.yml` whose scrape jobs hold a basic-auth password and "
        "a bearer token for internal hosts; `--web.config.file` with basic auth for the protected one; its head "
        "series count, config reload counters and per-handler request counters for the read-only proof"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="Require authentication (--web.config.file) and keep 9090 off the internet: the config maps your network.",
        steps=(
            "web.yml: basic_auth_users: {admin: <bcrypt hash>} (and tls_server_config), then start prometheus "
            "with --web.config.file=/etc/prometheus/web.yml",
            "--web.listen-address=127.0.0.1:9090 (or a private address) behind an authenticating reverse proxy; "
            "firewall 9090 from the internet",
            "Leave --web.enable-admin-api and --web.enable-lifecycle off unless an authenticated proxy guards them",
            "Move secrets into *_file settings (password_file, credentials_file) and rotate the ones the config named",
        ),
        references=(
            "https://prometheus.io/docs/prometheus/latest/configuration/https/",
            "https://prometheus.io/docs/operating/security/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: with the admin or lifecycle API open, series may have been deleted.",
            steps=(
                INTRUSION_STEP,
                "Compare prometheus.yml with version control: a reload (/-/reload) may have loaded another config",
                "Turn off --web.enable-admin-api and --web.enable-lifecycle; add --web.config.file with basic auth",
                "Rotate every credential the scrape, remote_write and alerting configs hold",
            ),
            references=(
                "https://prometheus.io/docs/operating/security/",
                "https://prometheus.io/docs/prometheus/latest/querying/api/#tsdb-admin-apis",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        if status == 302 and headers.get("location") in UI_PATHS and _FOUND.match(body):
            return Identity(self.name)
        if status == 401 and headers.get("www-authenticate") == "Basic" and body == b"Unauthorized\n":
            return Identity(self.name, detail="protected")
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx, trust_env=False) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        opts = ctx.options
        status, _headers, build = await _api(client, "/api/v1/status/buildinfo", 64 * 1024)
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on the API: authentication required (--web.config.file)",
            )
        version = build.get("version") if isinstance(build, dict) else None
        _status, _headers, flags = await _api(client, "/api/v1/status/flags", 256 * 1024)
        flags = flags if isinstance(flags, dict) else {}
        admin_on = [f for f in ("web.enable-admin-api", "web.enable-lifecycle") if str(flags.get(f)) == "true"]
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN if admin_on else Access.READ,
            version=version if isinstance(version, str) else None,
            tls=ep.tls,
        )
        said = ["no authentication: anyone reads the loaded configuration and every series"]
        config_status, _headers, config = await _api(client, "/api/v1/status/config", opts.dataset_byte_cap)
        if isinstance(config, dict) and isinstance(config.get("yaml"), str):
            said += self._config(config["yaml"], result, opts.sample_size)
        else:
            result.error(ep, "inventory", f"/api/v1/status/config answered HTTP {config_status} or over the byte cap")
        _status, _headers, targets = await _api(
            client, "/api/v1/targets", opts.dataset_byte_cap, params={"state": "active"}
        )
        active = targets.get("activeTargets") if isinstance(targets, dict) else None
        if isinstance(active, list):
            up = sum(1 for t in active if isinstance(t, dict) and t.get("health") == "up")
            said.append(f"{len(active)} active targets ({up} up)")
        else:
            result.error(ep, "inventory", "/api/v1/targets unreadable or over the byte cap")
        _status, _headers, tsdb = await _api(client, "/api/v1/status/tsdb", 1024 * 1024)
        head = tsdb.get("headStats") if isinstance(tsdb, dict) else None
        series = head.get("numSeries") if isinstance(head, dict) else None
        if isinstance(series, int):
            result.add_dataset("tsdb_head", series, kind="time series")
        said.append(
            "admin/lifecycle API on (" + ", ".join(admin_on) + ")" if admin_on else "admin and lifecycle APIs off"
        )
        result.auth_detail = "; ".join(said)
        return result

    @staticmethod
    def _config(text: str, result: Assessment, limit: int) -> list[str]:
        """Jobs with credentials (names and setting kinds, never values) and the internal hosts named."""
        try:
            loaded = yaml.safe_load(text)
        except yaml.YAMLError:
            return ["configuration not parseable"]
        if not isinstance(loaded, dict):
            return []
        jobs = [job for job in loaded.get("scrape_configs") or [] if isinstance(job, dict)]
        carrying: list[str] = []
        hosts: set[str] = set()
        records: list[dict[str, Any]] = []
        for job in jobs:
            name = str(job.get("job_name", "?"))[:64]
            kinds = credentials_in(job)
            if kinds:
                carrying.append(f"{name}: {', '.join(kinds)}")
            for static in job.get("static_configs") or []:
                for target in (static.get("targets") or []) if isinstance(static, dict) else []:
                    hosts.add(_host_of(str(target)))
            if len(records) < limit:
                records.append(_flatten(job))
        remote = [
            section
            for key in ("remote_write", "remote_read")
            for section in loaded.get(key) or []
            if isinstance(section, dict) and credentials_in(section)
        ]
        internal = sorted(h for h in hosts if h and internal_host(h))
        result.add_dataset("scrape_configs", len(jobs), records, kind="scrape config")
        said = [
            f"{len(jobs)} scrape jobs, {len(carrying)} with credentials"
            + (f" ({'; '.join(carrying)}; values redacted by Prometheus as {REDACTED})" if carrying else ""),
            f"{len(internal)} internal hosts named in scrape targets",
        ]
        if remote:
            said.append(f"{len(remote)} remote_write/remote_read endpoints with credentials")
        return said


async def _api(
    client: httpx.AsyncClient, path: str, cap: int, params: dict[str, str] | None = None
) -> tuple[int, dict[str, str], Any]:
    """Status, headers and the ``data`` of a Prometheus API answer (``None`` when cut, refused or not JSON)."""
    status, headers, body, cut = await get_capped(client, path, cap, params=params)
    answer = json_or_none(body) if status == 200 and not cut else None
    data = answer.get("data") if isinstance(answer, dict) and answer.get("status") == "success" else None
    return status, headers, data


ENGINE = PrometheusEngine()
