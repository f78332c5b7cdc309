"""The Docker Engine API (dockerd on 2375, or 2376 with TLS), over HTTP.

Recognised by ``GET /version``: dockerd's document (``ApiVersion``, ``MinAPIVersion``,
``Components``) or, on any status, its ``Server: Docker/...`` and ``Api-Version``
headers (an authorization plugin's 403 carries them too). A daemon that answers
``/version`` and ``/info`` without a client certificate or an authorization plugin in
the way creates privileged containers with the host's ``/`` mounted for anyone who
asks: it is root on the host, and that is ``admin`` by what the API allows; the scan
never tries it.

Every request is a ``GET``: ``/version``, ``/info`` (container and image counts),
``/containers/json?all=1`` (byte-capped; ids recovered from a listing cut short) and,
for at most ``max_datasets`` containers, ``/containers/{id}/json``, whose
``Config.Env`` (``KEY=value`` strings) becomes that container's one-record sample: the
classifier finds the passwords, tokens and database URLs people pass as environment
variables, and the report shows only categories and masked examples. ``/images/json``
and ``/volumes`` are counted. Nothing is created, started, exec'd, pulled or removed.
"""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import quote

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import get_capped, http_client, json_or_none, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme
from .etcd import HTTP_PROBE

#: bytes read of one container's inspect document
INSPECT_CAP = 1024 * 1024
#: the share of the service deadline the container inspections may use
INVENTORY_SHARE = 0.7
_ID = re.compile(rb'"Id"\s*:\s*"([0-9a-f]{12,64})"')


def _env(items: Any) -> dict[str, str]:
    """``["KEY=value", ...]`` -> ``{"KEY": "value"}`` (Docker's ``Config.Env``)."""
    env: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str) and "=" in item:
            key, _eq, value = item.partition("=")
            env[key[:128]] = value
    return env


def _name(container: dict[str, Any]) -> str:
    names = container.get("Names")
    name = names[0] if isinstance(names, list) and names and isinstance(names[0], str) else None
    return (name or str(container.get("Name") or container.get("Id", "?"))[:12]).lstrip("/")[:128]


class DockerEngine(Engine):
    """/version and /info without credentials (root on the host), containers with their environment classified, image and volume counts.

    Each container is one dataset (its ``Config.Env``); the whole daemon is one group.
    """

    name = "docker"
    title = "Docker Engine API"
    default_ports = (2375, 2376)
    uri_schemes = (UriScheme("docker", 2375), UriScheme("dockers", 2376, tls=True))
    nmap_services = ("docker", "docker-s")
    deployed_as = (DataService("docker", (2375, 2376), ("docker", "dind")),)
    tested_against = (
        "stand-in: `unguarded.lab.docker_standin`, answering the Engine API's GETs as dockerd 24.0.5 does "
        "(its recorded `/version` and headers, the v1.43 reference's `/info`, `/containers/json` and inspect "
        "shapes, `page not found` for the rest) and, for the protected one, an authorization plugin's 403; "
        "it logs every request for the read-only proof; no Docker daemon runs here"
    )
    probe = HTTP_PROBE
    probe_group = "etcd"  # the same GET /version
    remediation = Remediation(
        summary="Never expose the Docker API without TLS client certificates: an open daemon is root on the host.",
        steps=(
            'daemon.json: remove tcp:// from "hosts" (keep unix:///var/run/docker.sock), or set '
            '"tlsverify": true, "tlscacert", "tlscert", "tlskey" and listen on 2376 only',
            "systemd unit or compose: drop -H tcp://0.0.0.0:2375; use an SSH context (docker -H ssh://user@host) "
            "for remote use",
            "Firewall 2375/2376 from the internet; an authorization plugin (--authorization-plugin) for shared daemons",
            "Rotate every secret the containers' environment variables held (the API showed them to anyone)",
        ),
        references=(
            "https://docs.docker.com/engine/security/protect-access/",
            "https://docs.docker.com/reference/cli/dockerd/#daemon-socket-option",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat the host as compromised: anyone could run privileged containers on it.",
            steps=(
                INTRUSION_STEP,
                "docker ps -a and docker images: look for containers and images nobody deployed (miners, "
                "alpine/ubuntu with / mounted, --privileged or --pid=host)",
                "Check the host for persistence (crontabs, authorized_keys, systemd units); rebuild it from a "
                "trusted image rather than clean it",
                "Close the API (TLS client certificates or SSH), rotate every secret in the containers' environment",
            ),
            references=(
                "https://docs.docker.com/engine/security/protect-access/",
                "https://docs.docker.com/engine/security/",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        server = headers.get("server", "")
        if status == 200:
            doc = json_or_none(body)
            if isinstance(doc, dict) and isinstance(doc.get("ApiVersion"), str):
                if "MinAPIVersion" in doc or "Components" in doc:
                    version = doc.get("Version")
                    return Identity(self.name, version if isinstance(version, str) else None)
        if server.startswith("Docker/") and "api-version" in headers:
            version = server.split("/", 1)[1].split()[0] or None
            return Identity(self.name, version, detail="protected" if status in (401, 403) else None)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx, trust_env=False) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        opts = ctx.options
        started = time.monotonic()
        status, headers, body, _cut = await get_capped(client, "/version", 64 * 1024)
        server_version = headers.get("server", "").partition("/")[2].split(" ")[0] or None
        if status in (401, 403):
            said = json_or_none(body)
            plugin = isinstance(said, dict) and "by plugin" in str(said.get("message", ""))
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=server_version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /version: "
                + ("an authorization plugin refuses anonymous requests" if plugin else "credentials required"),
            )
        doc = json_or_none(body) if status == 200 else None
        version = doc.get("Version") if isinstance(doc, dict) else None
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version if isinstance(version, str) else server_version,
            tls=ep.tls,
        )
        _status, _headers, body, _cut = await get_capped(client, "/info", 1024 * 1024)
        info = json_or_none(body)
        info = info if isinstance(info, dict) else {}
        ids, listed = await self._containers(ep, ctx, client, result)
        inspected = 0
        for index, (cid, name) in enumerate(ids[: opts.max_datasets]):
            if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                result.error(ep, "inventory", f"{len(ids) - index} containers left uninspected: service deadline near")
                break
            inspected += await self._inspect(ep, ctx, client, result, cid, name)
        if len(ids) > opts.max_datasets:
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} containers (--max-datasets)")
        images = await _count(client, "/images/json", opts.dataset_byte_cap, None)
        volumes = await _count(client, "/volumes", opts.dataset_byte_cap, "Volumes")
        counts = [
            f"{_int(info.get('Containers'), listed)} containers ({_int(info.get('ContainersRunning'), '?')} running, "
            f"{inspected} inspected)",
            f"{_int(info.get('Images'), images)} images",
            f"{volumes if volumes is not None else '?'} volumes",
        ]
        result.auth_detail = (
            "no TLS client certificate or authorization plugin: the API creates privileged containers for anyone "
            f"(root on the host; not tried); {', '.join(counts)}"
        )
        return result

    @staticmethod
    async def _containers(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, result: Assessment
    ) -> tuple[list[tuple[str, str]], int | str]:
        """(id, name) of every container the byte-capped listing holds, and how many were listed."""
        opts = ctx.options
        status, _headers, body, cut = await get_capped(
            client, "/containers/json", opts.dataset_byte_cap, params={"all": "1"}
        )
        if status != 200:
            result.error(ep, "inventory", f"/containers/json answered HTTP {status}")
            return [], "?"
        if cut:
            result.error(
                ep, "inventory", f"container listing larger than the {opts.dataset_byte_cap:,}-byte cap, cut short"
            )
            found = [(match.decode(), match.decode()[:12]) for match in _ID.findall(body)]
            return found, f"over {len(found)}"
        listing = json_or_none(body)
        containers = [c for c in listing if isinstance(c, dict)] if isinstance(listing, list) else []
        return [(str(c.get("Id", "")), _name(c)) for c in containers if c.get("Id")], len(containers)

    @staticmethod
    async def _inspect(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, result: Assessment, cid: str, name: str
    ) -> int:
        """One container's environment as a one-record dataset; 1 when inspected."""
        status, _headers, body, cut = await get_capped(client, f"/containers/{quote(cid, safe='')}/json", INSPECT_CAP)
        doc = json_or_none(body) if status == 200 and not cut else None
        if not isinstance(doc, dict):
            result.error(
                ep, "sample", f"a container's inspect answered HTTP {status}" + (" over the cap" if cut else "")
            )
            return 0
        config = doc.get("Config")
        env = _env(config.get("Env") if isinstance(config, dict) else None)
        sample = [env] if env and len(str(env)) <= ctx.options.record_byte_cap else []
        result.add_dataset(_name(doc) or name, len(env), sample, kind="container env")
        return 1


async def _count(client: httpx.AsyncClient, path: str, cap: int, key: str | None) -> int | None:
    status, _headers, body, cut = await get_capped(client, path, cap)
    data = json_or_none(body) if status == 200 and not cut else None
    if key is not None:
        data = data.get(key) if isinstance(data, dict) else None
    return len(data) if isinstance(data, list) else None


def _int(value: Any, fallback: Any) -> Any:
    return value if isinstance(value, int) else fallback


ENGINE = DockerEngine()
