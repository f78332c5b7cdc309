"""memcached, over its ASCII protocol.

memcached has no users: if ``stats`` answers, any client may read, overwrite and flush
everything, so access is ``admin``. With ASCII authentication (``-Y``) every command
before login gets ``CLIENT_ERROR unauthenticated``. Keys come from ``lru_crawler
metadump all`` (read-only, bounded by the scan budget) and are grouped by pattern;
values over the per-record cap are skipped by their advertised size, never fetched.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote

from ..models import Access, Endpoint, Exposure, Remediation
from .base import Assessment, DataService, Engine, Identity, ScanContext, UriScheme
from .keyspace import group_keys

_VERSION = re.compile(rb"^VERSION (\S+)\r\n")
_METADUMP = re.compile(r"key=(\S+) .*?size=(\d+)")
GET_BATCH = 50


class _Conn:
    """A tiny ASCII-protocol client: one request, read until the terminator, bounded."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float) -> None:
        self.reader, self.writer, self.timeout = reader, writer, timeout

    async def call(self, line: str, *, until: Sequence[bytes] = (b"END\r\n",), limit: int = 4 << 20) -> bytes:
        self.writer.write(line.encode() + b"\r\n")
        await asyncio.wait_for(self.writer.drain(), self.timeout)
        data = b""
        while not data.endswith(tuple(until)) and not data.startswith((b"ERROR", b"CLIENT_ERROR", b"SERVER_ERROR")):
            chunk = await asyncio.wait_for(self.reader.read(65536), self.timeout)
            if not chunk:
                break
            data += chunk
            if len(data) > limit:
                break
        return data


class MemcachedEngine(Engine):
    """stats for exposure (ASCII auth refuses it), key patterns from a bounded metadump, size-capped gets.

    memcached has no users, so an open one is ``admin``. ``lru_crawler metadump all``
    lists keys and sizes (bounded by ``max_keys_listed``); values are read with batched
    ``get`` only when their advertised size is under the per-record cap.
    """

    name = "memcached"
    title = "memcached"
    default_ports = (11211,)
    uri_schemes = (UriScheme("memcached", 11211),)
    nmap_services = ("memcache", "memcached")
    deployed_as = (DataService("memcached", (11211,), ("memcached",), udp_ports=(11211,)),)
    tested_against = "real `memcached` (Debian), ASCII auth (`-Y`) for the protected one"
    probe = b"version\r\n"
    remediation = Remediation(
        summary="Listen on loopback or a private interface only, turn UDP off, and require SASL or ASCII auth.",
        steps=(
            "memcached options: -l 127.0.0.1 -U 0   (Debian: /etc/memcached.conf)",
            "Require authentication: -S with SASL, or -Y <authfile> for ASCII auth (memcached >= 1.5.15)",
            "Firewall 11211 TCP and UDP from the internet (UDP 11211 is also a DDoS amplifier)",
        ),
        references=(
            "https://github.com/memcached/memcached/wiki/SASLHowto",
            "https://github.com/memcached/memcached/wiki/ConfiguringServer",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Flush the cache once it is closed: planted values may be served to your applications.",
            steps=(
                "memcached options: -l 127.0.0.1 -U 0, and -S (SASL) or -Y <authfile>; restart memcached (this empties it)",
                "Rotate session secrets and tokens the cache held; check applications for values they did not write",
                "Firewall 11211 TCP and UDP from the internet",
            ),
            references=("https://github.com/memcached/memcached/wiki/ConfiguringServer",),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        found = _VERSION.match(answer)
        if found:
            return Identity(self.name, found.group(1).decode("ascii", "replace"))
        if answer.startswith(b"CLIENT_ERROR unauthenticated"):
            return Identity(self.name, detail="protected")
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=ep.tls)
        conn = _Conn(reader, writer, ctx.options.io_timeout)
        try:
            return await self._assess(ep, ctx, conn)
        finally:
            writer.close()

    async def _assess(self, ep: Endpoint, ctx: ScanContext, conn: _Conn) -> Assessment:
        raw = await conn.call("stats")
        if raw.startswith(b"CLIENT_ERROR") or raw.startswith(b"ERROR"):
            return Assessment(Exposure.PROTECTED, Access.NONE, auth_detail="authentication required")
        stats = dict(
            line.split(" ", 2)[1:]
            for line in raw.decode("ascii", "replace").splitlines()
            if line.startswith("STAT ") and line.count(" ") >= 2
        )
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=stats.get("version"),
            tls=ep.tls,
            auth_detail="no authentication: memcached has no access control, any client may read, overwrite and flush",
        )
        result.honeypot_signals = await _oddities(conn, stats)
        items = int(stats.get("curr_items", "0") or 0)
        if not items:
            return result
        keys, sizes, complete = await self._keys(ep, ctx)
        if not keys:
            result.add_dataset("*", items, kind="keyspace", size=int(stats.get("bytes", 0) or 0), exact=True)
            result.error(ep, "inventory", "lru_crawler metadump unavailable: keys not listed")
            return result
        scale = items / len(keys) if not complete else 1.0
        groups = group_keys(keys)
        for pattern, members in sorted(groups.items(), key=lambda kv: -len(kv[1]))[: ctx.options.max_datasets]:
            chosen = [
                k
                for k in random.sample(members, min(len(members), ctx.options.sample_size))
                if sizes[k] <= ctx.options.record_byte_cap
            ]
            sample = await self._sample(conn, chosen, ctx.options.record_byte_cap, ctx.options.dataset_byte_cap)
            result.add_dataset(
                pattern,
                round(len(members) * scale),
                sample,
                kind="keyspace",
                size=sum(sizes[k] for k in members),
                exact=complete,
            )
        return result

    @staticmethod
    async def _keys(ep: Endpoint, ctx: ScanContext) -> tuple[list[str], dict[str, int], bool]:
        """Keys and sizes from a metadump on its own connection (a cut-off dump spoils it)."""
        budget = ctx.options.max_keys_listed
        reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=ep.tls)
        try:
            raw = await _Conn(reader, writer, ctx.options.io_timeout).call(
                "lru_crawler metadump all", limit=budget * 200
            )
        finally:
            writer.close()
        keys: list[str] = []
        sizes: dict[str, int] = {}
        for line in raw.decode("ascii", "replace").splitlines():
            found = _METADUMP.match(line)
            if found and len(keys) < budget:
                key = unquote(found.group(1))
                keys.append(key)
                sizes[key] = int(found.group(2))
        return keys, sizes, raw.endswith(b"END\r\n") and len(keys) < budget

    @staticmethod
    async def _sample(conn: _Conn, keys: list[str], record_cap: int, cap: int) -> list[dict[str, Any]]:
        """Capped gets in batches; keys were already filtered by their advertised size."""
        records: list[dict[str, Any]] = []
        used = 0
        for start in range(0, len(keys), GET_BATCH):
            batch = [k for k in keys[start : start + GET_BATCH] if " " not in k and len(k) <= 250]
            if not batch:
                continue
            raw = await conn.call("get " + " ".join(batch), limit=len(batch) * (record_cap + 512))
            for key, value in _parse_values(raw):
                used += len(value)
                if used > cap:
                    return records
                text = value.decode("utf-8", "replace") if not value.startswith(b"\x00") else value
                if isinstance(text, str) and text[:1] in "{[":
                    try:
                        text = json.loads(text)
                    except ValueError:
                        pass
                records.append({"_key": key, "value": text})
        return records


def _stats(raw: bytes) -> dict[str, str]:
    return dict(
        line.split(" ", 2)[1:]
        for line in raw.decode("ascii", "replace").splitlines()
        if line.startswith("STAT ") and line.count(" ") >= 2
    )


async def _oddities(conn: _Conn, first: dict[str, str]) -> list[str]:
    """Honeypot signals: a process id that changes, ``stats slabs`` answered with the general stats."""
    signals: list[str] = []
    again = _stats(await conn.call("stats"))
    if first.get("pid") and again.get("pid") and first["pid"] != again["pid"]:
        signals.append("the process id changed between two stats calls on one connection")
    slabs = _stats(await conn.call("stats slabs"))
    if "pid" in slabs or "version" in slabs:
        signals.append("'stats slabs' was answered with the general stats (the same reply to different requests)")
    return signals


def _parse_values(raw: bytes) -> list[tuple[str, bytes]]:
    """``VALUE <key> <flags> <bytes>\\r\\n<data>\\r\\n`` ... ``END``."""
    out = []
    pos = 0
    while raw.startswith(b"VALUE ", pos):
        eol = raw.find(b"\r\n", pos)
        if eol < 0:
            break
        parts = raw[pos:eol].split()
        if len(parts) < 4:
            break
        size = int(parts[3])
        out.append((parts[1].decode("utf-8", "replace"), raw[eol + 2 : eol + 2 + size]))
        pos = eol + 2 + size + 2
    return out


ENGINE = MemcachedEngine()
