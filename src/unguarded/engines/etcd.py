"""etcd, over the v3 JSON gateway on its client port (2379).

Recognised by ``GET /version`` (``{"etcdserver": ..., "etcdcluster": ...}``); ``GET /``
is only Go's 404. Exposure comes from one ``count_only`` range over the whole keyspace
sent without a token: with auth enabled etcd refuses it (``user name is empty``), with
auth disabled it answers, and then every client acts as root. Keys are listed with
``keys_only`` ranges (paged, bounded by ``max_keys_listed``), grouped by their directory
(``/registry/secrets/default/*``, ``config/db/*``) and sampled one key at a time, each
value read in a byte-capped stream: cluster configuration holds database URLs,
passwords and certificates, which is what matters here. Every range is
``serializable``, a local read that never goes through raft; the tests prove from the
store's revision and raft index that the scan changed nothing.
"""

from __future__ import annotations

import base64
import json
import random
from collections import Counter
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import http_client, parse_http
from ._sql import Budget
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme
from .keyspace import key_pattern

HTTP_PROBE = b"GET /version HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\nConnection: close\r\n\r\n"
#: keys per keys_only page
PAGE = 1000
#: bytes read of one keys_only page before it is given up as hostile
PAGE_CAP = 8 * 1024 * 1024
#: gateway prefixes, newest first (3.3+, 3.2, 3.1)
GATEWAYS = ("/v3", "/v3beta", "/v3alpha")
ZERO = base64.b64encode(b"\0").decode()
_AUTH_ERRORS = ("user name is empty", "invalid auth token", "permission denied", "authentication failed")


class EtcdError(Exception):
    """A request failed: HTTP status and etcd's gRPC code, never its message (it may quote keys)."""

    def __init__(self, status: int, code: int | None = None, *, auth: bool = False, oversize: bool = False) -> None:
        what = "answer over the byte cap" if oversize else f"HTTP {status}"
        super().__init__(what + (f", gRPC code {code}" if code is not None else ""))
        self.status, self.code, self.auth, self.oversize = status, code, auth, oversize


def b64(key: bytes) -> str:
    return base64.b64encode(key).decode()


def after(key: bytes) -> bytes:
    """The first key greater than ``key`` (the next page starts there)."""
    return key + b"\0"


def key_group(key: str) -> str:
    """``/registry/secrets/default/db-creds`` -> ``/registry/secrets/default/*``; no ``/``: the key's pattern."""
    directory, slash, _last = key.rpartition("/")
    if not slash:
        return key_pattern(key)
    return key_pattern(directory) + "/*"


def _field(key: str) -> str:
    """The value's field name: the key's last segment when it is a word (``password``), else ``value``."""
    last = key.rpartition("/")[2]
    return last if last and key_pattern(last) == last and len(last) <= 64 else "value"


def _decode(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "replace")
    if text[:1] in "{[" and text.rstrip()[-1:] in "}]":
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


class EtcdGateway:
    """One endpoint's v3 JSON gateway: POSTs of range requests, each read in a capped stream."""

    def __init__(self, client: httpx.AsyncClient, prefix: str = "/v3") -> None:
        self.client, self.prefix = client, prefix

    async def call(self, path: str, body: dict[str, Any], cap: int) -> dict[str, Any]:
        async with self.client.stream("POST", self.prefix + path, json=body) as answer:
            data = b""
            async for chunk in answer.aiter_bytes():
                data += chunk
                if len(data) > cap:
                    raise EtcdError(answer.status_code, oversize=True)
            status = answer.status_code
        try:
            parsed = json.loads(data)
        except ValueError:
            raise EtcdError(status) from None
        if not isinstance(parsed, dict):
            raise EtcdError(status)
        if status != 200 or "error" in parsed:
            message = str(parsed.get("error") or parsed.get("message") or "").lower()
            code = parsed.get("code")
            raise EtcdError(
                status,
                code if isinstance(code, int) else None,
                auth=status == 401 or any(text in message for text in _AUTH_ERRORS),
            )
        return parsed

    async def range(self, body: dict[str, Any], cap: int = PAGE_CAP) -> dict[str, Any]:
        return await self.call("/kv/range", {**body, "serializable": True}, cap)


class EtcdEngine(Engine):
    """Unauthenticated range for exposure (auth off means root for all), keys_only listing by prefix, bounded values.

    Recognised by ``GET /version``. Datasets are key groups (``config/db/*``); the whole
    keyspace is one group, like Redis.
    """

    name = "etcd"
    title = "etcd"
    default_ports = (2379,)
    uri_schemes = (UriScheme("etcd", 2379), UriScheme("etcds", 2379, tls=True))
    nmap_services = ("etcd-client",)
    deployed_as = (DataService("etcd", (2379, 2380), ("etcd",)),)
    tested_against = "real `etcd` 3.4 (Debian `etcd-server`), auth enabled with a root user for the protected one"
    probe = HTTP_PROBE
    probe_group = "etcd"
    remediation = Remediation(
        summary="Require client certificates or enable authentication, and keep the client port off the internet.",
        steps=(
            "etcd flags: --client-cert-auth=true --trusted-ca-file=<ca.pem> --cert-file=<server.pem> --key-file=<server-key.pem>",
            "or authentication: etcdctl user add root; etcdctl user grant-role root root; etcdctl auth enable",
            "etcd flags: --listen-client-urls=https://127.0.0.1:2379,https://<private address>:2379 (never 0.0.0.0 over http)",
            "Firewall 2379/2380 from the internet; rotate every secret the keys held (database URLs, passwords, certificates)",
        ),
        references=(
            "https://etcd.io/docs/v3.5/op-guide/security/",
            "https://etcd.io/docs/v3.5/op-guide/authentication/rbac/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: whoever wrote to etcd controlled the cluster's configuration.",
            steps=(
                INTRUSION_STEP,
                "etcdctl get / --prefix --keys-only  -- compare with a snapshot; restore with etcdctl snapshot restore",
                "etcdctl auth enable (after user add root) and --client-cert-auth=true; rotate every secret stored in it",
                "Kubernetes: rotate service-account keys and secrets; audit ClusterRoleBindings created while it was open",
            ),
            references=(
                "https://etcd.io/docs/v3.5/op-guide/recovery/",
                "https://etcd.io/docs/v3.5/op-guide/security/",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None or parsed[0] != 200:
            return None
        try:
            banner = json.loads(parsed[2])
        except ValueError:
            return None
        if isinstance(banner, dict) and isinstance(banner.get("etcdserver"), str) and "etcdcluster" in banner:
            return Identity(self.name, banner["etcdserver"])
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(
            ep, ctx, headers={"Host": ep.host, "User-Agent": "unguarded"}, trust_env=False
        ) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        opts = ctx.options
        version: str | None = None
        answer = await client.get("/version")
        if answer.status_code == 200 and len(answer.content) < 4096:
            try:
                banner = answer.json()
            except ValueError:
                banner = None
            if isinstance(banner, dict) and isinstance(banner.get("etcdserver"), str):
                version = banner["etcdserver"]
        everything = {"key": ZERO, "range_end": ZERO, "count_only": True}
        gateway: EtcdGateway | None = None
        counted: dict[str, Any] = {}
        for prefix in GATEWAYS:
            try:
                gateway = EtcdGateway(client, prefix)
                counted = await gateway.range(everything, 64 * 1024)
                break
            except EtcdError as exc:
                if exc.auth:
                    return Assessment(
                        Exposure.PROTECTED,
                        Access.NONE,
                        version=version,
                        tls=ep.tls,
                        auth_detail="authentication enabled: a read without a token is refused",
                    )
                if exc.status != 404 or prefix == GATEWAYS[-1]:
                    raise
        assert gateway is not None
        total = _int(counted.get("count")) or 0
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,  # auth disabled: every client acts as root
            version=version,
            tls=ep.tls,
            auth_detail="authentication disabled: every client acts as root",
        )
        keys, complete = await self._list(gateway, opts.max_keys_listed, result, ep)
        groups: dict[str, list[bytes]] = {}
        for key in keys:
            groups.setdefault(key_group(key.decode("utf-8", "replace")), []).append(key)
        counts = Counter({pattern: len(members) for pattern, members in groups.items()})
        scale = total / len(keys) if keys and not complete and total > len(keys) else 1.0
        if len(counts) > opts.max_datasets:
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} key groups (--max-datasets)")
        budget = Budget(opts)
        skipped = 0
        for pattern, seen in counts.most_common(opts.max_datasets):
            sample: list[dict[str, Any]] = []
            if not budget.spent:
                chosen = random.sample(groups[pattern], min(seen, opts.sample_size))
                sample, too_big = await self._sample(
                    gateway, chosen, opts.record_byte_cap, opts.dataset_byte_cap, budget
                )
                skipped += too_big
            result.add_dataset(pattern, round(seen * scale), sample, kind="keyspace", exact=complete)
        if skipped:
            result.error(ep, "sample", f"{skipped} value(s) larger than the {opts.record_byte_cap:,}-byte cap skipped")
        return result

    @staticmethod
    async def _list(gateway: EtcdGateway, limit: int, result: Assessment, ep: Endpoint) -> tuple[list[bytes], bool]:
        """Keys in order, ``keys_only`` pages of :data:`PAGE`, at most ``limit``; whether that was all."""
        keys: list[bytes] = []
        start = b"\0"
        while len(keys) < limit:
            try:
                page = await gateway.range(
                    {"key": b64(start), "range_end": ZERO, "keys_only": True, "limit": min(PAGE, limit - len(keys))}
                )
            except EtcdError as exc:
                result.error(ep, "inventory", f"key listing stopped ({exc})")
                return keys, False
            batch = [base64.b64decode(kv.get("key", "")) for kv in page.get("kvs", []) if isinstance(kv, dict)]
            keys.extend(batch)
            if not page.get("more") or not batch:
                return keys, True
            start = after(batch[-1])
        return keys, False

    @staticmethod
    async def _sample(
        gateway: EtcdGateway, keys: list[bytes], record_cap: int, dataset_cap: int, budget: Budget
    ) -> tuple[list[dict[str, Any]], int]:
        """One value per range request, each read up to the record cap (base64 and JSON overhead allowed)."""
        records: list[dict[str, Any]] = []
        used = too_big = 0
        for key in keys:
            if budget.spent or used > dataset_cap:
                break
            try:
                answer = await gateway.range(
                    {"key": b64(key), "limit": 1}, cap=record_cap * 4 // 3 + 4096 + 2 * len(key)
                )
            except EtcdError as exc:
                too_big += exc.oversize
                continue
            for kv in answer.get("kvs", [])[:1]:
                raw = base64.b64decode(kv.get("value", "") or "")[:record_cap]
                used += len(raw)
                name = key.decode("utf-8", "replace")
                records.append({"_key": name, _field(name): _decode(raw)})
        return records, too_big


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


ENGINE = EtcdEngine()
