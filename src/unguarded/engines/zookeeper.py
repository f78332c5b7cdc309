"""ZooKeeper, over its client protocol (jute) and the four-letter words.

Recognised by what ``srvr`` answers: ``Zookeeper version: ...``, or, where the
four-letter words are not whitelisted, ZooKeeper's own ``srvr is not executed because it
is not in the whitelist.`` Never by the port.

ZooKeeper has no server-wide login: every znode carries an ACL, and an unauthenticated
client is ``world:anyone``. So exposure and access come from the ACLs the server hands
back (``getACL``): the union of what ``world:anyone`` may do on the znodes it can reach
(READ, WRITE, CREATE, DELETE, ADMIN). A znode it cannot read answers ``NoAuth``. The walk
over the tree is bounded in znodes, depth, bytes and time, and uses only ``getACL``,
``getChildren`` and ``getData`` with ``watch=false`` (no watch is left behind).

The client is a few dozen lines of the documented jute framing rather than kazoo: kazoo
runs its own threads and retry loops outside the scan's deadline, cannot use the scan's
transport, and reads whatever length a peer announces; here every frame is capped and
every call is bounded by the I/O timeout. Opening and closing a session are the only
transactions a client cannot avoid (ZooKeeper logs ``createSession``/``closeSession``):
the session is closed explicitly, so nothing lingers until expiry, and no znode,
ephemeral or watch is created.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import struct
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Access, Endpoint, Exposure, Remediation
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

_VERSION = re.compile(rb"^Zookeeper version: ([0-9][0-9A-Za-z.\-]*)")
_NOT_WHITELISTED = b"is not executed because it is not in the whitelist"

# opcodes (zookeeper.jute / ZooDefs.OpCode): only reads, plus closing our own session
OP_GET_DATA = 4
OP_GET_ACL = 6
OP_GET_CHILDREN = 8
OP_CLOSE_SESSION = -11

# error codes (KeeperException.Code)
ERR_OK = 0
ERR_NO_NODE = -101
ERR_NO_AUTH = -102

PERM_READ, PERM_WRITE, PERM_CREATE, PERM_DELETE, PERM_ADMIN = 1, 2, 4, 8, 16
#: frames larger than this are refused: 1 MiB is ZooKeeper's own default jute.maxbuffer
MAX_FRAME = (1 << 20) + 4096
MAX_DEPTH = 32
#: the subtree ZooKeeper keeps for itself (quotas, dynamic config)
SYSTEM_ROOT = "zookeeper"
STAT_SIZE = 68


class ZkError(Exception):
    """The peer broke the protocol (a frame too large, a short or garbled reply)."""


@dataclass(frozen=True)
class Stat:
    """The parts of a znode's Stat the walk needs."""

    mzxid: int
    version: int
    data_length: int
    children: int


class _JuteReader:
    """Decode jute primitives from one reply body; short bodies raise :class:`ZkError`."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def _take(self, size: int) -> bytes:
        if size < 0 or self.pos + size > len(self.data):
            raise ZkError("reply shorter than its fields")
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def int32(self) -> int:
        return int(struct.unpack(">i", self._take(4))[0])

    def int64(self) -> int:
        return int(struct.unpack(">q", self._take(8))[0])

    def buffer(self) -> bytes:
        size = self.int32()
        return b"" if size < 0 else self._take(size)

    def string(self) -> str:
        return self.buffer().decode("utf-8", "replace")

    def stat(self) -> Stat:
        raw = self._take(STAT_SIZE)
        _czxid, mzxid, _ctime, _mtime, version, _cv, _av, _eph, length, children, _pzxid = struct.unpack(
            ">qqqqiiiqiiq", raw
        )
        return Stat(mzxid=mzxid, version=version, data_length=length, children=children)


def _string(value: str) -> bytes:
    raw = value.encode("utf-8")
    return struct.pack(">i", len(raw)) + raw


class _ZkSession:
    """One ZooKeeper session: connect, read-only calls, close. Bounded in time and bytes."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float) -> None:
        self.reader, self.writer, self.timeout = reader, writer, timeout
        self.xid = 0
        self.session_id = 0

    async def _send(self, payload: bytes) -> None:
        self.writer.write(struct.pack(">i", len(payload)) + payload)
        await asyncio.wait_for(self.writer.drain(), self.timeout)

    async def _frame(self) -> bytes:
        head = await asyncio.wait_for(self.reader.readexactly(4), self.timeout)
        (size,) = struct.unpack(">i", head)
        if size < 0 or size > MAX_FRAME:
            raise ZkError(f"reply frame of {size:,} bytes is over the {MAX_FRAME:,}-byte cap")
        return await asyncio.wait_for(self.reader.readexactly(size), self.timeout)

    async def connect(self, session_ms: int) -> bool:
        """ConnectRequest (read-only allowed); ``False`` when the server refuses the session."""
        request = struct.pack(">iqiq", 0, 0, session_ms, 0) + struct.pack(">i", 16) + bytes(16) + b"\x01"
        await self._send(request)
        reply = _JuteReader(await self._frame())
        reply.int32()  # protocol version
        negotiated = reply.int32()
        self.session_id = reply.int64()
        return negotiated > 0 and self.session_id != 0

    async def call(self, op: int, payload: bytes) -> tuple[int, _JuteReader]:
        """One request; the reply's error code and body (notifications and pings are skipped)."""
        self.xid += 1
        await self._send(struct.pack(">ii", self.xid, op) + payload)
        while True:
            body = _JuteReader(await self._frame())
            xid = body.int32()
            body.int64()  # zxid
            err = body.int32()
            if xid == self.xid:
                return err, body
            if xid not in (-1, -2):  # -1 a watch event (we set none), -2 a ping reply
                raise ZkError(f"reply for request {xid} while waiting for {self.xid}")

    async def get_acl(self, path: str) -> tuple[int, list[tuple[int, str, str]], Stat | None]:
        err, body = await self.call(OP_GET_ACL, _string(path))
        if err != ERR_OK:
            return err, [], None
        acl = []
        for _ in range(min(body.int32(), 1024)):
            perms = body.int32()
            acl.append((perms, body.string(), body.string()))
        return err, acl, body.stat()

    async def get_children(self, path: str) -> tuple[int, list[str]]:
        err, body = await self.call(OP_GET_CHILDREN, _string(path) + b"\x00")  # watch=false
        if err != ERR_OK:
            return err, []
        count = body.int32()
        return err, [body.string() for _ in range(max(count, 0))]

    async def get_data(self, path: str) -> tuple[int, bytes]:
        err, body = await self.call(OP_GET_DATA, _string(path) + b"\x00")  # watch=false
        return err, body.buffer() if err == ERR_OK else b""

    async def close(self) -> None:
        """closeSession, so the session ends now rather than lingering until it expires."""
        with contextlib.suppress(Exception):
            if self.session_id:
                await self.call(OP_CLOSE_SESSION, b"")


async def four_letter(ep: Endpoint, ctx: ScanContext, word: bytes, limit: int = 256 * 1024) -> bytes:
    """One four-letter word on its own connection (ZooKeeper closes it after answering)."""
    reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=ep.tls)
    try:
        writer.write(word)
        await asyncio.wait_for(writer.drain(), ctx.options.io_timeout)
        data = b""
        while len(data) < limit:
            chunk = await asyncio.wait_for(reader.read(65536), ctx.options.io_timeout)
            if not chunk:
                break
            data += chunk
        return data[:limit]
    finally:
        writer.close()


def parse_srvr(answer: bytes) -> dict[str, str]:
    """``srvr`` lines (``Zxid: 0x5``, ``Node count: 8``) as a dict; empty when not whitelisted."""
    out: dict[str, str] = {}
    for line in answer.decode("utf-8", "replace").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def dataset_of(path: str) -> str:
    """``/app`` and ``/app/x`` -> ``app``; ``/app/x/y`` -> ``app/x``: znodes grouped by their directory."""
    parts = path.strip("/").split("/")
    return parts[0] if len(parts) <= 2 else "/".join(parts[:-1])


def znode_record(path: str, data: bytes) -> dict[str, Any] | None:
    """A znode's data as the classifier reads it; ``None`` for empty or binary data.

    A JSON object or ``key=value`` lines (Java properties, the usual config format in
    ZooKeeper) become the record itself, so sibling znodes line up field by field; any
    other value is filed under the znode's name, which often says what it is
    (``/app/secrets/db_password``).
    """
    name = path.rsplit("/", 1)[-1] or "/"
    if not data or b"\x00" in data[:512]:
        return None
    stripped = data.decode("utf-8", "replace").strip()
    value: Any = stripped
    if stripped[:1] in "{[":
        with contextlib.suppress(ValueError):
            value = json.loads(stripped)
    else:
        lines = [ln.strip() for ln in stripped.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        if len(lines) > 1 and all("=" in ln for ln in lines):
            value = dict(ln.split("=", 1) for ln in lines)
    return value if isinstance(value, dict) else {name: value}


@dataclass
class _Walk:
    """What the bounded walk gathered."""

    perms: int = 0
    readable: int = 0
    denied: int = 0
    complete: bool = True
    nodes: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sample_bytes: dict[str, int] = field(default_factory=dict)


class ZooKeeperEngine(Engine):
    """srvr for the version, getACL over a bounded tree walk for what world:anyone may do, znode data sampled.

    Exposure is ``open`` when an unauthenticated client (``world:anyone``) can read or
    change any znode outside ZooKeeper's own ``/zookeeper``; access is the union of the
    ACL permissions it holds there. Znodes are grouped by their parent directory, and the
    walk stops at ``max_keys_listed`` znodes, a depth of 32 or half the deadline.
    """

    name = "zookeeper"
    title = "ZooKeeper"
    default_ports = (2181,)
    uri_schemes = (UriScheme("zookeeper", 2181), UriScheme("zk", 2181))
    nmap_services = ("zookeeper", "eforward")  # eforward: nmap's services-file name for 2181
    deployed_as = (DataService("zookeeper", (2181,), ("zookeeper",)),)
    system_databases = frozenset({SYSTEM_ROOT})
    tested_against = (
        "real ZooKeeper 3.8 (Debian `zookeeper`), digest ACLs on every znode for the protected one; "
        "`srvr`/`mntr` and the znode tree for the read-only proof"
    )
    probe = b"srvr"
    remediation = Remediation(
        summary="Give every znode an ACL that excludes world:anyone, and keep 2181 off the internet.",
        steps=(
            "Set digest or SASL ACLs on every znode: setAcl -R / digest:<user>:<hash>:cdrwa (zkCli.sh; add auth first: addauth digest <user>:<password>)",
            "zoo.cfg: authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider and enforce it: zookeeper.sessionRequireClientSASLAuth=true (3.6+)",
            "zoo.cfg: clientPortAddress=<private address>; 4lw.commands.whitelist=srvr,ruok (never *); admin.enableServer=false or admin.serverAddress=127.0.0.1",
            "Never run with -Dzookeeper.skipACL=yes; firewall 2181, 2888, 3888 and 8080 from the internet",
        ),
        references=(
            "https://zookeeper.apache.org/doc/current/zookeeperProgrammers.html#sc_ZooKeeperAccessControl",
            "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_authOptions",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: znodes were deleted or replaced by a note, and clients trusted what they read.",
            steps=(
                INTRUSION_STEP,
                "Restore the data dir from a snapshot taken before the intrusion (zookeeper snapshots and txn logs in dataDir)",
                "Set digest or SASL ACLs on every znode (setAcl -R / digest:<user>:<hash>:cdrwa) and zoo.cfg clientPortAddress=<private address>",
                "Rotate every credential the znodes held (database passwords, Kafka/Solr/HBase secrets)",
            ),
            references=(
                "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_dataFileManagement",
                "https://zookeeper.apache.org/doc/current/zookeeperProgrammers.html#sc_ZooKeeperAccessControl",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        found = _VERSION.match(answer)
        if found:
            return Identity(self.name, found.group(1).decode("ascii", "replace").split("-", 1)[0])
        if answer.startswith(b"srvr ") and _NOT_WHITELISTED in answer[:200]:
            return Identity(self.name, detail="four-letter words not whitelisted")
        return None

    def dataset_group(self, dataset: str) -> str:
        """The top-level znode: ``app/config`` belongs to ``/app``."""
        return dataset.split("/", 1)[0]

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        started = time.monotonic()
        try:
            srvr = parse_srvr(await four_letter(ep, ctx, b"srvr"))
        except (OSError, TimeoutError):
            srvr = {}  # the version is a nicety; the session below decides
        version = srvr.get("Zookeeper version", "").split(",")[0].split("-")[0] or None
        reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=ep.tls)
        session = _ZkSession(reader, writer, ctx.options.io_timeout)
        try:
            if not await session.connect(int(ctx.options.service_deadline * 1000)):
                result = Assessment(Exposure.UNKNOWN, Access.NONE, version=version, tls=ep.tls)
                result.error(ep, "session", "the server refused a session (too many connections, or not serving)")
                return result
            budget = started + ctx.options.service_deadline / 2
            walk = await self._walk(session, ctx, budget)
        finally:
            await session.close()
            writer.close()
        return self._verdict(ep, ctx, walk, version)

    async def _walk(self, session: _ZkSession, ctx: ScanContext, budget: float) -> _Walk:
        """Breadth-first from ``/``: getACL each znode, getChildren where it has some, getData for samples."""
        opts = ctx.options
        walk = _Walk()
        queue: deque[tuple[str, int]] = deque([("/", 0)])
        visited = 0
        while queue:
            path, depth = queue.popleft()
            if visited >= opts.max_keys_listed or time.monotonic() > budget:
                walk.complete = False
                break
            visited += 1
            err, acl, stat = await session.get_acl(path)
            if err == ERR_NO_AUTH:
                walk.denied += 1
                continue
            if err != ERR_OK or stat is None:
                continue  # deleted meanwhile
            walk.perms |= _world_perms(acl)
            if path != "/":
                walk.readable += 1
                _count(walk, path, stat)
                if stat.data_length and stat.data_length <= opts.record_byte_cap:
                    dataset = dataset_of(path)
                    if (
                        len(walk.samples.get(dataset, [])) < opts.sample_size
                        and walk.sample_bytes.get(dataset, 0) + stat.data_length <= opts.dataset_byte_cap
                    ):
                        err, data = await session.get_data(path)
                        record = znode_record(path, data) if err == ERR_OK else None
                        if record is not None:
                            walk.samples.setdefault(dataset, []).append(record)
                            walk.sample_bytes[dataset] = walk.sample_bytes.get(dataset, 0) + len(data)
            if stat.children and depth < MAX_DEPTH:
                err, children = await session.get_children(path)
                if err == ERR_NO_AUTH:
                    walk.denied += 1
                for child in sorted(children):
                    if path == "/" and child == SYSTEM_ROOT:
                        continue
                    if len(queue) >= opts.max_keys_listed:
                        walk.complete = False
                        break
                    queue.append((f"{path.rstrip('/')}/{child}", depth + 1))
            elif stat.children:
                walk.complete = False
        return walk

    def _verdict(self, ep: Endpoint, ctx: ScanContext, walk: _Walk, version: str | None) -> Assessment:
        reachable = walk.perms != 0
        if not reachable:
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail=f"authentication required: every znode reached ({walk.denied}) answered NoAuth to world:anyone",
            )
        result = Assessment(
            Exposure.OPEN,
            _access(walk.perms, walk.readable),
            version=version,
            tls=ep.tls,
            auth_detail=(
                f"no authentication: world:anyone holds {_perm_names(walk.perms)} on znodes outside /zookeeper"
                + (f"; {walk.denied} znodes answered NoAuth" if walk.denied else "")
            ),
        )
        if not walk.complete:
            result.error(
                ep,
                "inventory",
                f"tree walk stopped at its bound ({ctx.options.max_keys_listed:,} znodes, depth, or time)",
            )
        for dataset in sorted(walk.nodes, key=lambda d: -walk.nodes[d])[: ctx.options.max_datasets]:
            result.add_dataset(
                dataset,
                walk.nodes[dataset],
                walk.samples.get(dataset, []),
                kind="znodes",
                size=walk.sizes[dataset],
                exact=walk.complete,
            )
        return result


def _count(walk: _Walk, path: str, stat: Stat) -> None:
    dataset = dataset_of(path)
    walk.nodes[dataset] = walk.nodes.get(dataset, 0) + 1
    walk.sizes[dataset] = walk.sizes.get(dataset, 0) + max(stat.data_length, 0)


def _world_perms(acl: Sequence[tuple[int, str, str]]) -> int:
    """The permissions an unauthenticated client holds from one ACL (world:anyone entries)."""
    perms = 0
    for bits, scheme, ident in acl:
        if scheme == "world" and ident == "anyone":
            perms |= bits
    return perms


def _access(perms: int, readable: int) -> Access:
    if perms & PERM_ADMIN:
        return Access.ADMIN
    if perms & (PERM_WRITE | PERM_CREATE | PERM_DELETE):
        return Access.WRITE
    return Access.READ if readable else Access.METADATA


_PERM_LETTERS: Mapping[int, str] = {
    PERM_READ: "READ",
    PERM_WRITE: "WRITE",
    PERM_CREATE: "CREATE",
    PERM_DELETE: "DELETE",
    PERM_ADMIN: "ADMIN",
}


def _perm_names(perms: int) -> str:
    return ", ".join(name for bit, name in _PERM_LETTERS.items() if perms & bit)


ENGINE = ZooKeeperEngine()
