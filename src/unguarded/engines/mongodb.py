"""MongoDB, over OP_MSG (pymongo speaks it).

``listDatabases`` decides exposure, with one trap peers fall into: a server with
authentication on may answer ``ok: 1`` with an *empty* list, so an empty answer is
checked again with a command that needs authentication; code 13 (Unauthorized) means
protected. Without authentication every client is effectively root, so access is
``admin``. Samples come from ``$sample`` (random, server-side) as raw BSON, so an
oversized document is measured and dropped before it is ever decoded.
"""

from __future__ import annotations

import asyncio
import struct
from collections.abc import Mapping, Sequence
from typing import Any

import bson
from bson.raw_bson import RawBSONDocument
from pymongo import MongoClient
from pymongo.errors import OperationFailure, PyMongoError

from ..classify import Follower
from ..models import Access, Endpoint, Exposure, Remediation
from ._threads import BLOCKING
from .base import (
    INTRUSION_STEP,
    Assessment,
    DataService,
    Engine,
    Identity,
    ReplyFrame,
    ScanContext,
    UriScheme,
    leading_database,
)

OP_MSG = 2013
#: indexes read per collection when the follow-up looks for an indexed subject field (MongoDB allows 64)
MAX_INDEXES = 64
OP_REPLY = 1
UNAUTHORIZED = (13, 18)
#: databases never inventoried (replication and sharding state); ``admin`` is, since
#: applications do keep collections there
SKIP_DATABASES = {"local", "config"}


_RAW: bson.CodecOptions[RawBSONDocument] = bson.CodecOptions(document_class=RawBSONDocument)


#: index descriptions read per collection when looking for unique identifier fields
MAX_INDEXES = 64


def _hello_message() -> bytes:
    body = struct.pack("<I", 0) + b"\x00" + bson.encode({"hello": 1, "$db": "admin"})
    return struct.pack("<iiii", 16 + len(body), 0x55470001, 0, OP_MSG) + body


def _ms(seconds: float) -> int:
    return int(seconds * 1000)


class MongoDBEngine(Engine):
    """listDatabases for exposure (with its empty-list trap), connectionStatus for access, $sample per collection.

    Recognised by its answer to ``hello`` over OP_MSG. Datasets are ``db.collection`` and
    group by database, so a database left holding only a ransom note is reported wiped.
    """

    name = "mongodb"
    title = "MongoDB"
    default_ports = (27017, 27018, 27019)
    uri_schemes = (UriScheme("mongodb", 27017),)
    nmap_services = ("mongodb", "mongod")
    deployed_as = (
        DataService(
            "mongodb",
            (27017, 27018, 27019),
            ("mongo", "mongodb", "mongodb-community-server", "mongodb-enterprise-server"),
        ),
    )
    system_databases = frozenset({"admin", "local", "config"})
    tested_against = "stand-in: `secantusdb` (MongoDB wire protocol on WiredTiger; `--auth` for the protected one)"
    probe = _hello_message()
    #: standard message header: int32 messageLength (header included) first
    reply_frame = ReplyFrame(header=16, length_offset=0, length_size=4)
    remediation = Remediation(
        summary="Turn on authorization and bind to private interfaces only.",
        steps=(
            "mongod.conf: security.authorization: enabled   (create an admin user first with db.createUser)",
            "mongod.conf: net.bindIp: 127.0.0.1,<private address>   (never net.bindIpAll or 0.0.0.0 on a public host)",
            "Firewall 27017-27019 from the internet; restart mongod and rotate credentials stored in the data",
            "A ransom note with nothing else left means the data is gone: restore from backup; a note beside your "
            "data means it was probably copied. Never pay",
        ),
        references=("https://www.mongodb.com/docs/manual/administration/security-checklist/",),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: preserve evidence, close the server, restore from a backup.",
            steps=(
                INTRUSION_STEP,
                "mongod.conf: security.authorization: enabled  and  net.bindIp: 127.0.0.1,<private address>; restart mongod",
                "db.getSiblingDB('admin').system.users.find({}, {user: 1, roles: 1})  -- drop users you did not create",
                "The ransom note (READ__ME_TO_RECOVER_YOUR_DATA, ...) is proof of access, not a promise: never pay",
            ),
            references=(
                "https://www.mongodb.com/docs/manual/administration/security-checklist/",
                "https://www.mongodb.com/docs/manual/tutorial/backup-and-restore-tools/",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """``db.collection`` -> ``db``."""
        return leading_database(dataset)

    def match(self, answer: bytes) -> Identity | None:
        if len(answer) < 21:
            return None
        length, _req, _resp, opcode = struct.unpack_from("<iiii", answer)
        if length != len(answer) or length > 48 * 1024 * 1024:
            return None
        if opcode == OP_MSG:
            doc = bson.decode(answer[21:])
        elif opcode == OP_REPLY and len(answer) >= 36:
            doc = bson.decode(answer[36:])
        else:
            return None
        if "ok" in doc and ("maxWireVersion" in doc or "isWritablePrimary" in doc or "ismaster" in doc):
            return Identity(self.name)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        # pymongo blocks: a daemon worker the scanner can leave behind (it closes the
        # sockets and sets ctx.stopped when the deadline passes; the loops below check it)
        loop = asyncio.get_running_loop()
        client = self._client(ep, ctx)
        try:
            result = await loop.run_in_executor(BLOCKING, self._assess_sync, ep, ctx, client)
            if result.exposure.usable and result.datasets and not ctx.stopped.is_set():
                await result.follow(MongoFollower(client, ctx), ctx.options)
            return result
        finally:
            loop.run_in_executor(BLOCKING, client.close)

    def _client(self, ep: Endpoint, ctx: ScanContext, **kwargs: Any) -> MongoClient[Any]:
        opts = ctx.options
        tls: dict[str, Any] = (
            {"tls": True, "tlsAllowInvalidCertificates": True, "tlsAllowInvalidHostnames": True} if ep.tls else {}
        )
        return MongoClient(
            host=ep.address,
            port=ep.port,
            directConnection=True,
            connect=False,
            serverSelectionTimeoutMS=_ms(opts.connect_timeout + opts.io_timeout),
            connectTimeoutMS=_ms(opts.connect_timeout),
            socketTimeoutMS=_ms(opts.io_timeout),
            retryReads=False,
            retryWrites=False,
            appname="unguarded",
            **tls,
            **kwargs,
        )

    def _assess_sync(self, ep: Endpoint, ctx: ScanContext, client: MongoClient[Any]) -> Assessment:
        admin = client.admin
        version = None
        signals: list[str] = []
        try:
            version = admin.command("buildInfo").get("version")
        except OperationFailure:
            pass
        signals += self._oddities(client)
        try:
            # raw BSON: a listing of a million databases stays bytes until it is cut
            listing = admin.command("listDatabases", nameOnly=False, codec_options=_RAW)
        except OperationFailure as exc:
            if exc.code in UNAUTHORIZED:
                protected = Assessment(
                    Exposure.PROTECTED,
                    Access.NONE,
                    version=version,
                    auth_detail="authentication required (code 13)",
                )
                protected.honeypot_signals = signals
                return protected
            raise
        found = listing.get("databases")
        databases = list(found) if isinstance(found, list) else []
        if not databases and self._needs_auth(client):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                auth_detail="authentication required (listDatabases answered an empty list)",
            )
        result = Assessment(
            Exposure.OPEN, self._access(client), version=version, tls=ep.tls, auth_detail="no authentication"
        )
        result.honeypot_signals = signals
        limit = ctx.options.max_listed
        if len(databases) > limit:
            result.error(ep, "inventory", f"listing cut at {limit:,} databases (of {len(databases):,})")
            databases = databases[:limit]
        hollow = 0  # databases with a size on disk and no collection at all
        for db in databases:
            if ctx.stopped.is_set():
                break
            if not isinstance(db, (dict, RawBSONDocument)) or db.get("name") in SKIP_DATABASES:
                continue
            listed = self._inventory(ep, ctx, client, str(db.get("name")), result)
            size = db.get("sizeOnDisk")
            if listed == 0 and isinstance(size, (int, float)) and size > 0:
                hollow += 1
            if len(result.datasets) >= ctx.options.max_datasets:
                result.error(ep, "inventory", f"stopped at {ctx.options.max_datasets} collections (--max-datasets)")
                break
        if hollow:
            # a database exists only while it holds a collection: dropping the last drops it
            result.honeypot_signals.append(
                f"{hollow} database(s) report a size on disk but list no collections (a real MongoDB "
                "drops a database with its last collection)"
            )
        return result

    @staticmethod
    def _oddities(client: MongoClient[Any]) -> list[str]:
        """Honeypot signals from two harmless commands.

        Every mongod answers a command it does not have with code 59 (CommandNotFound),
        authenticated or not; and since 4.4 (wire version 9) ``hello`` always carries
        ``topologyVersion``.
        """
        signals: list[str] = []
        try:
            client.admin.command("unguardedNoSuchCommand")
            signals.append("a command no MongoDB has was answered ok (real MongoDB: code 59, CommandNotFound)")
        except OperationFailure as exc:
            if exc.code != 59:
                signals.append(f"a command no MongoDB has got code {exc.code} (real MongoDB: 59, CommandNotFound)")
        except PyMongoError:
            pass
        try:
            hello = client.admin.command("hello")
        except PyMongoError:
            return signals
        wire = hello.get("maxWireVersion")
        if isinstance(wire, int) and wire >= 9 and "topologyVersion" not in hello:
            signals.append("hello lacks topologyVersion, which every MongoDB 4.4+ sends")
        return signals

    @staticmethod
    def _needs_auth(client: MongoClient[Any]) -> bool:
        """An empty listDatabases is ambiguous; a command that needs auth settles it."""
        for command in ("connectionStatus", "listCollections"):
            try:
                client.admin.command(command)
            except OperationFailure as exc:
                if exc.code in UNAUTHORIZED:
                    return True
        return False

    @staticmethod
    def _access(client: MongoClient[Any]) -> Access:
        """No authenticated user and commands work: authorization is off, so admin."""
        try:
            status = client.admin.command("connectionStatus", showPrivileges=True)
        except OperationFailure:
            return Access.READ
        auth = status.get("authInfo", {})
        if not auth.get("authenticatedUsers"):
            return Access.ADMIN
        roles = {r.get("role") for r in auth.get("authenticatedUserRoles", [])}
        if roles & {"root", "dbOwner", "userAdminAnyDatabase", "dbAdminAnyDatabase", "clusterAdmin"}:
            return Access.ADMIN
        if roles & {"readWrite", "readWriteAnyDatabase"}:
            return Access.WRITE
        return Access.READ if roles else Access.METADATA

    def _inventory(
        self, ep: Endpoint, ctx: ScanContext, client: MongoClient[Any], db_name: str, result: Assessment
    ) -> int | None:
        """Inventory one database; returns how many collections it listed (None: could not list)."""
        db = client[db_name]
        limit = ctx.options.max_listed
        collections: list[Any] = []
        try:
            cursor = db.list_collections(authorizedCollections=True, batchSize=min(limit, 1000))
            for info in cursor:
                if len(collections) >= limit or ctx.stopped.is_set():
                    result.error(ep, "inventory", f"{db_name}: listing cut at {limit:,} collections")
                    break
                collections.append(info)
            cursor.close()
        except PyMongoError as exc:
            result.error(ep, "inventory", f"{db_name}: cannot list collections ({exc.__class__.__name__})")
            return None
        for info in collections:
            if ctx.stopped.is_set() or len(result.datasets) >= ctx.options.max_datasets:
                return len(collections)
            name = str(info.get("name"))
            if name.startswith("system.") or info.get("type") == "view":
                continue
            coll = db[name]
            full = f"{db_name}.{name}"
            try:
                count = coll.estimated_document_count(maxTimeMS=int(ctx.options.io_timeout * 1000))
            except PyMongoError:
                count = None
            size = None
            try:
                size = int(db.command("collStats", name).get("size", 0))
            except PyMongoError:
                pass
            sample = self._sample(ep, ctx, client, db_name, name, result) if count else []
            result.add_dataset(full, count, sample, kind="collection", size=size)
            if count and sample:
                unique = self._unique_fields(db, name, ctx)
                if unique:
                    result.distinct_by_dataset[full] = dict.fromkeys(unique, count)
                    result.distinct_source = "document count (unique index)"
        return len(collections)

    @staticmethod
    def _unique_fields(db: Any, name: str, ctx: ScanContext) -> list[str]:
        """Fields with a unique single-field index: each document holds a distinct value, so documents are people.

        ``listIndexes`` reads index metadata only (its first batch, at most
        :data:`MAX_INDEXES` descriptions, under ``maxTimeMS``). A collection whose national ID or e-mail is unique
        holds one person per document, and its document count (from metadata) counts
        the people; without such an index the sample's estimate stands.
        """
        fields: list[str] = []
        try:
            reply = db.command(
                {"listIndexes": name, "cursor": {"batchSize": MAX_INDEXES}},
                maxTimeMS=int(ctx.options.io_timeout * 1000),
            )
            for index in list(reply.get("cursor", {}).get("firstBatch", []))[:MAX_INDEXES]:  # no getMore
                keys = list(dict(index.get("key") or {}))
                partial = "partialFilterExpression" in index or index.get("sparse")
                if index.get("unique") and len(keys) == 1 and keys[0] != "_id" and not partial:
                    fields.append(str(keys[0]))
        except (PyMongoError, TypeError, ValueError, AttributeError):
            return []
        return fields

    @staticmethod
    def _sample(
        ep: Endpoint, ctx: ScanContext, client: MongoClient[Any], db_name: str, name: str, result: Assessment
    ) -> list[dict[str, Any]]:
        """``$sample`` as raw BSON: oversized documents are dropped before decoding."""
        opts = ctx.options
        raw_coll = client.get_database(db_name, codec_options=bson.CodecOptions(document_class=RawBSONDocument))[name]
        records: list[dict[str, Any]] = []
        used = skipped = 0
        try:
            cursor = raw_coll.aggregate(
                [{"$sample": {"size": opts.sample_size}}], batchSize=20, maxTimeMS=int(opts.io_timeout * 1000)
            )
            for raw in cursor:
                if ctx.stopped.is_set():
                    break
                blob = raw.raw
                if len(blob) > opts.record_byte_cap:
                    skipped += 1
                    continue
                if used + len(blob) > opts.dataset_byte_cap:
                    break
                used += len(blob)
                records.append(bson.decode(blob))
            cursor.close()
        except PyMongoError as exc:
            result.error(ep, "sample", f"{db_name}.{name}: sampling failed ({exc.__class__.__name__})")
        if skipped:
            result.error(
                ep,
                "sample",
                f"{db_name}.{name}: {skipped} documents over the {opts.record_byte_cap:,}-byte cap were skipped unread",
            )
        return records


class MongoFollower(Follower):
    """Bounded, read-only filtered reads for the follow-up: ``find`` with ``limit`` and ``maxTimeMS``.

    Documents come back as raw BSON and one over the per-record cap is dropped before it
    is decoded, as in sampling; indexes come from ``listIndexes`` (the first key of each).
    """

    def __init__(self, client: MongoClient[Any], ctx: ScanContext) -> None:
        self._client, self._ctx = client, ctx

    def _collection(self, dataset: str) -> Any:
        db_name, _, name = dataset.partition(".")
        return self._client.get_database(db_name, codec_options=_RAW)[name]

    async def indexed(self, dataset: str) -> frozenset[str] | None:
        return await asyncio.get_running_loop().run_in_executor(BLOCKING, self._indexed, dataset)

    def _indexed(self, dataset: str) -> frozenset[str]:
        first: set[str] = set()
        cursor = self._collection(dataset).list_indexes()  # bounded by the socket timeout
        try:
            for n, index in enumerate(cursor):
                keys = list(index.get("key", {}).keys())
                if keys:
                    first.add(str(keys[0]))
                if n >= MAX_INDEXES:
                    break
        finally:
            cursor.close()
        return frozenset(first)

    async def lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        return await asyncio.get_running_loop().run_in_executor(BLOCKING, self._lookup, dataset, path, values, limit)

    def _lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        opts = self._ctx.options
        coll = self._collection(dataset)
        out: list[list[Mapping[str, Any]]] = []
        for value in values:
            if self._ctx.stopped.is_set():
                break
            records: list[Mapping[str, Any]] = []
            used = 0
            cursor = coll.find({path: value}, limit=limit, batch_size=limit, max_time_ms=_ms(opts.io_timeout))
            try:
                for raw in cursor:
                    blob = raw.raw
                    if len(blob) > opts.record_byte_cap:
                        continue
                    used += len(blob)
                    if used > opts.dataset_byte_cap:
                        break
                    records.append(bson.decode(blob))
            finally:
                cursor.close()
            out.append(records)
        return out


ENGINE = MongoDBEngine()
