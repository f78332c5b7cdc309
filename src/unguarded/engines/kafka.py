"""Apache Kafka (and Redpanda, which speaks its protocol), over the Kafka wire protocol.

A read-only audit needs five requests, all of them reads that change no broker state:
ApiVersions (identification, and which versions to speak), SaslHandshake (is this
listener authenticated: a PLAINTEXT listener answers ``ILLEGAL_SASL_STATE``, a SASL one
lists its mechanisms and the scan stops there), Metadata (topics, partitions, and from
v8 the operations the broker authorises this anonymous session for: what the server says
about the session, not a write attempt), ListOffsets (earliest and latest offsets: the
watermarks give message counts) and Fetch, sent to partitions directly as an
``assign()``-style consumer does, with no group: nothing joins, commits or produces, so
no consumer group, committed offset or message appears on the broker.

Client libraries do more than that on their own (kafka-python and librdkafka refresh
metadata on timers, may look up group coordinators, and allocate whatever a reply's
length prefix claims), so this module speaks the few requests itself, in the
non-flexible versions every broker from 0.11 to 4.x accepts, one request at a time, with
each reply's length checked against a cap before it is read. A Metadata reply longer
than the cap (a million topics) is read up to the cap and the topics that fit are kept;
a Fetch reply over it (one huge message) is skipped with an error. Compressed batches are
decoded for gzip only, within the record byte cap.
"""

from __future__ import annotations

import asyncio
import json
import struct
import zlib
from dataclasses import dataclass, field
from typing import Any

from ..models import Access, Endpoint, Exposure, Remediation
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

API_FETCH, API_LIST_OFFSETS, API_METADATA, API_SASL_HANDSHAKE, API_VERSIONS = 1, 2, 3, 17, 18
CLIENT_ID = b"unguarded"
#: the probe's correlation id: a broker echoes it, which is half of recognising one
PROBE_CORRELATION = 0x75677231
ERR_ILLEGAL_SASL_STATE, ERR_UNSUPPORTED_SASL_MECHANISM, ERR_UNSUPPORTED_VERSION = 34, 33, 35
ERR_TOPIC_AUTHORIZATION_FAILED, ERR_NOT_LEADER = 29, 6
#: AclOperation codes (``org.apache.kafka.common.acl.AclOperation``) as Metadata v8 sets them in its bit fields
OPS = {2: "ALL", 3: "READ", 4: "WRITE", 5: "CREATE", 6: "DELETE", 7: "ALTER", 8: "DESCRIBE"}
OPS |= {9: "CLUSTER_ACTION", 10: "DESCRIBE_CONFIGS", 11: "ALTER_CONFIGS", 12: "IDEMPOTENT_WRITE"}
#: bytes of one Metadata or ListOffsets answer read at most; topics past it are not listed
METADATA_CAP = 4 * 1024 * 1024
#: partitions of one topic read per sample
PARTITIONS_SAMPLED = 16
#: topics per ListOffsets request (each request is a bounded answer of its own)
OFFSETS_BATCH = 50


def _string(value: bytes) -> bytes:
    return struct.pack(">h", len(value)) + value


def request_frame(api_key: int, version: int, correlation: int, body: bytes) -> bytes:
    """Length prefix, request header v1 (api key, version, correlation id, client id), body."""
    payload = struct.pack(">hhi", api_key, version, correlation) + _string(CLIENT_ID) + body
    return struct.pack(">i", len(payload)) + payload


#: ApiVersions v0: the one request every broker answers before authentication, in any version
PROBE = request_frame(API_VERSIONS, 0, PROBE_CORRELATION, b"")


class KafkaError(Exception):
    """A reply this client refuses to read, or an error code that ends a step."""


class ReplyTooLarge(KafkaError):
    """A reply advertised more bytes than its cap; the connection is out of step after it."""


class _Reader:
    """A cursor over one reply body; raises ``IndexError`` on short input."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise IndexError("reply too short")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def i8(self) -> int:
        return int(struct.unpack(">b", self.take(1))[0])

    def i16(self) -> int:
        return int(struct.unpack(">h", self.take(2))[0])

    def i32(self) -> int:
        return int(struct.unpack(">i", self.take(4))[0])

    def i64(self) -> int:
        return int(struct.unpack(">q", self.take(8))[0])

    def string(self) -> str | None:
        n = self.i16()
        return None if n < 0 else self.take(n).decode("utf-8", "replace")

    def bytes_(self) -> bytes | None:
        n = self.i32()
        return None if n < 0 else self.take(n)

    def count(self) -> int:
        """An array's length, checked against what is left (every element has at least one byte)."""
        n = self.i32()
        if n > len(self.data) - self.pos:
            raise IndexError("array longer than the reply")
        return max(n, 0)

    def varint(self) -> int:
        shift = raw = 0
        while True:
            byte = self.take(1)[0]
            raw |= (byte & 0x7F) << shift
            if not byte & 0x80:
                return (raw >> 1) ^ -(raw & 1)
            shift += 7
            if shift > 63:
                raise ValueError("varint too long")

    @property
    def left(self) -> int:
        return len(self.data) - self.pos


def parse_api_versions(body: bytes) -> tuple[int, dict[int, tuple[int, int]]]:
    """(error code, api key -> (min, max)) of an ApiVersions v0 reply body."""
    r = _Reader(body)
    error = r.i16()
    ranges: dict[int, tuple[int, int]] = {}
    for _ in range(r.count()):
        key, low, high = r.i16(), r.i16(), r.i16()
        if not 0 <= key < 1000 or not 0 <= low <= high:
            raise ValueError("not an ApiVersions entry")
        ranges[key] = (low, high)
    return error, ranges


# --------------------------------------------------------------------------- metadata


@dataclass
class Partition:
    index: int
    leader: int
    error: int
    low: int | None = None
    high: int | None = None


@dataclass
class Topic:
    name: str
    error: int
    internal: bool
    partitions: list[Partition] = field(default_factory=list)
    #: AclOperation bit field the broker authorises this session for (v8), None when not said
    operations: int | None = None


@dataclass
class ClusterMetadata:
    brokers: list[tuple[int, str, int]] = field(default_factory=list)
    cluster_id: str | None = None
    controller: int | None = None
    topics: list[Topic] = field(default_factory=list)
    cluster_operations: int | None = None
    #: the reply or the listing was cut: topics past ``topics`` exist but were not read
    cut: bool = False


def metadata_body(version: int) -> bytes:
    """All topics (a null array, v1+), never auto-created, and the session's authorised operations (v8)."""
    body = struct.pack(">i", -1)
    if version >= 4:
        body += b"\x00"  # allow_auto_topic_creation: false
    if version >= 8:
        body += b"\x01\x01"  # include cluster and topic authorised operations
    return body


def parse_metadata(body: bytes, version: int, max_topics: int) -> ClusterMetadata:
    """A Metadata reply (v1..v8), keeping the topics that fit in ``body`` (it may be cut) up to ``max_topics``."""
    meta = ClusterMetadata()
    r = _Reader(body)
    try:
        if version >= 3:
            r.i32()  # throttle_time_ms
        for _ in range(r.count()):
            node, host, port = r.i32(), r.string() or "", r.i32()
            r.string()  # rack
            if len(meta.brokers) < 100:
                meta.brokers.append((node, host[:256], port))
        if version >= 2:
            meta.cluster_id = r.string()
        meta.controller = r.i32()
        topics = r.count()
        for _ in range(topics):
            if len(meta.topics) >= max_topics:
                meta.cut = True
                return meta
            error, name, internal = r.i16(), r.string() or "", bool(r.i8())
            topic = Topic(name[:512], error, internal)
            for _ in range(r.count()):
                p_error, index, leader = r.i16(), r.i32(), r.i32()
                if version >= 7:
                    r.i32()  # leader epoch
                for _ in range(r.count()):
                    r.i32()
                for _ in range(r.count()):
                    r.i32()
                if version >= 5:
                    for _ in range(r.count()):
                        r.i32()
                topic.partitions.append(Partition(index, leader, p_error))
            if version >= 8:
                topic.operations = r.i32()
            meta.topics.append(topic)
        if version >= 8:
            meta.cluster_operations = r.i32()
    except IndexError:
        meta.cut = True  # the reply ended inside a topic: it was read up to the cap
    return meta


def operations(bits: int | None) -> set[str]:
    """AclOperation names in a Metadata v8 bit field (``Int.MIN_VALUE``: not said)."""
    if bits is None or bits == -(2**31):
        return set()
    return {name for code, name in OPS.items() if bits & (1 << code)}


# --------------------------------------------------------------------------- records


def _records_v2(r: _Reader, base_offset: int, count: int, out: list[tuple[int, bytes | None, bytes | None]]) -> None:
    for _ in range(count):
        length = r.varint()
        record = _Reader(r.take(length))
        record.i8()  # attributes
        record.varint()  # timestamp delta
        delta = record.varint()
        key_len = record.varint()
        key = record.take(key_len) if key_len >= 0 else None
        value_len = record.varint()
        value = record.take(value_len) if value_len >= 0 else None
        out.append((base_offset + delta, key, value))


def _gunzip(data: bytes, cap: int) -> bytes:
    """gzip within ``cap`` bytes (a batch that inflates past it is cut, never inflated whole)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return inflater.decompress(data, cap)


def decode_records(
    data: bytes, cap: int, depth: int = 0
) -> tuple[list[tuple[int, bytes | None, bytes | None]], list[str]]:
    """(offset, key, value) of every whole record in a Fetch reply's record set, and what was skipped.

    Record batches (magic 2) and the older message sets (magic 0 and 1, which wrap
    compressed messages in one outer message) are read; a trailing partial batch is
    normal (the broker cuts at the byte limit) and ignored.
    """
    out: list[tuple[int, bytes | None, bytes | None]] = []
    skipped: list[str] = []
    r = _Reader(data)
    while r.left >= 17:
        offset, size = r.i64(), r.i32()
        if size < 0 or size > r.left:
            break  # a partial batch at the end of the reply
        batch = _Reader(r.take(size))
        if size < 5:
            break
        batch.i32()  # partition leader epoch (v2) or crc (v0/v1)
        magic = batch.i8()
        if magic == 2:
            batch.take(4)  # crc32c
            attributes = batch.i16()
            batch.take(4 + 8 + 8 + 8 + 2 + 4)
            count = batch.i32()
            rest = batch.take(batch.left)
            if attributes & 0x20:
                continue  # a control batch (transaction markers): no data
            codec = attributes & 0x07
            if codec == 1:
                rest = _gunzip(rest, cap)
            elif codec:
                skipped.append({2: "snappy", 3: "lz4", 4: "zstd"}.get(codec, f"codec {codec}"))
                continue
            try:
                _records_v2(_Reader(rest), offset, count, out)
            except (IndexError, ValueError):
                pass  # a batch cut by the gzip cap: the records before the cut stay
        elif magic in (0, 1):
            attributes = batch.i8()
            if magic == 1:
                batch.i64()  # timestamp
            key, value = batch.bytes_(), batch.bytes_()
            codec = attributes & 0x07
            if codec == 1 and value is not None and depth == 0:
                inner, inner_skipped = decode_records(_gunzip(value, cap), cap, depth + 1)
                out.extend(inner)
                skipped.extend(inner_skipped)
            elif codec:
                skipped.append({2: "snappy", 3: "lz4"}.get(codec, f"codec {codec}"))
            else:
                out.append((offset, key, value))
        else:
            skipped.append(f"magic {magic}")
            break
    return out, skipped


def as_record(key: bytes | None, value: bytes | None) -> dict[str, Any]:
    """A message as a record: a JSON object's own fields, else its text under ``value``; the key under ``key``."""
    record: dict[str, Any] = {}
    if value is not None:
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            try:
                parsed = json.loads(text)
            except ValueError:
                parsed = text
            record = dict(parsed) if isinstance(parsed, dict) else {"value": parsed}
    if key:
        try:
            record.setdefault("key", key.decode("utf-8"))
        except UnicodeDecodeError:
            pass
    return record


# --------------------------------------------------------------------------- connection


class KafkaConnection:
    """One connection, one request in flight; every reply's length checked before it is read."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, timeout: float) -> None:
        self.reader, self.writer, self.timeout = reader, writer, timeout
        self.correlation = 1

    async def call(self, api_key: int, version: int, body: bytes, cap: int, *, keep_leading: bool = False) -> bytes:
        """The reply body; over ``cap`` it raises :class:`ReplyTooLarge`, or with ``keep_leading``
        returns the first ``cap`` bytes (the connection is then closed: it is out of step)."""
        self.correlation += 1
        self.writer.write(request_frame(api_key, version, self.correlation, body))
        await asyncio.wait_for(self.writer.drain(), self.timeout)
        head = await asyncio.wait_for(self.reader.readexactly(8), self.timeout)
        size, correlation = struct.unpack(">ii", head)
        if correlation != self.correlation or size < 4:
            raise KafkaError("reply out of step (wrong correlation id)")
        size -= 4
        if size > cap:
            if not keep_leading:
                raise ReplyTooLarge(f"answer of {size:,} bytes exceeds the {cap:,}-byte cap")
            data = await asyncio.wait_for(self.reader.readexactly(cap), self.timeout)
            await self.close()
            return data
        return await asyncio.wait_for(self.reader.readexactly(size), self.timeout)

    async def close(self) -> None:
        if self.writer.is_closing():
            return
        self.writer.close()
        try:
            await asyncio.wait_for(self.writer.wait_closed(), 1.0)
        except (TimeoutError, OSError):
            pass


def _pick(ranges: dict[int, tuple[int, int]], api_key: int, wanted: range) -> int | None:
    """The highest version of ``api_key`` both sides speak, None when none."""
    low, high = ranges.get(api_key, (1, 0))
    common = [v for v in wanted if low <= v <= high]
    return max(common) if common else None


class KafkaEngine(Engine):
    """SASL handshake for exposure, Metadata (topics, partitions, the operations the broker authorises an anonymous client for), watermarks for counts, a bounded Fetch with no consumer group.

    Each topic is one dataset; records are the span between its partitions' earliest and
    latest offsets (an upper bound: compaction and transaction markers leave gaps).
    """

    name = "kafka"
    aliases = ("redpanda",)
    title = "Apache Kafka"
    default_ports = (9092,)
    uri_schemes = (UriScheme("kafka", 9092), UriScheme("kafka+ssl", 9093, tls=True))
    nmap_services = ("XmlIpcRegSvc", "kafka")
    deployed_as = (
        DataService("kafka", (9092,), ("kafka", "cp-kafka")),
        DataService("redpanda", (9644,), ("redpanda", "redpanda-dev")),  # Kafka API on 9092, admin API on 9644
    )
    system_databases = frozenset({"__consumer_offsets", "__transaction_state"})
    tested_against = (
        "protocol stand-in: `unguarded.lab.kafka_standin`, a broker written from the Kafka protocol guide "
        "(ApiVersions, Metadata v0-v8 with authorised operations, ListOffsets, Fetch v4 with record batches v2 "
        "and CRC-32C, SaslHandshake/SaslAuthenticate for the protected one, `ILLEGAL_SASL_STATE` on the open "
        "listener, and the connection closed on any API it does not list, as a broker does); it logs every "
        "request for the read-only proof; no Kafka runs here"
    )
    probe = PROBE
    remediation = Remediation(
        summary="Require authentication on every Kafka listener and authorise clients with ACLs.",
        steps=(
            "server.properties: listeners=SASL_SSL://:9093 (drop PLAINTEXT://0.0.0.0:9092), "
            "sasl.enabled.mechanisms=SCRAM-SHA-512 and listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
            "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer (KRaft) or "
            "kafka.security.authorizer.AclAuthorizer, with allow.everyone.if.no.acl.found=false",
            "kafka-acls.sh --add for each client: READ/DESCRIBE on its topics and group, WRITE for producers",
            "Firewall 9092/9093 from the internet; advertised.listeners on a private interface",
        ),
        references=(
            "https://kafka.apache.org/documentation/#security_sasl",
            "https://kafka.apache.org/documentation/#security_authz",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: topics or messages nobody created mean someone wrote to the cluster.",
            steps=(
                INTRUSION_STEP,
                "kafka-topics.sh --describe and kafka-consumer-groups.sh --list: look for topics, groups and "
                "offsets nobody owns; compare retention and configs with your deployment",
                "Enable SASL and an authorizer on every listener (see the open-service fix), then rotate the "
                "credentials and secrets that passed through the topics",
            ),
            references=(
                "https://kafka.apache.org/documentation/#security",
                "https://kafka.apache.org/documentation/#basic_ops_consumer_group",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        if len(answer) < 14:
            return None
        size, correlation = struct.unpack_from(">ii", answer)
        if correlation != PROBE_CORRELATION or size != len(answer) - 4:
            return None
        try:
            error, ranges = parse_api_versions(answer[8:])
        except (IndexError, ValueError, struct.error):
            return None
        if error not in (0, ERR_UNSUPPORTED_VERSION) or not {API_VERSIONS, API_METADATA} <= set(ranges):
            return None
        return Identity(self.name, detail=f"{len(ranges)} APIs, Metadata up to v{ranges[API_METADATA][1]}")

    async def _connect(self, ep: Endpoint, ctx: ScanContext) -> KafkaConnection:
        opts = ctx.options
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=ep.tls)
        return KafkaConnection(reader, writer, opts.io_timeout)

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        conn = await self._connect(ep, ctx)
        try:
            _error, ranges = parse_api_versions(await conn.call(API_VERSIONS, 0, b"", 64 * 1024))
            handshake = _pick(ranges, API_SASL_HANDSHAKE, range(0, 2))
            if handshake is not None:
                r = _Reader(await conn.call(API_SASL_HANDSHAKE, handshake, _string(b"PLAIN"), 64 * 1024))
                error = r.i16()
                if error != ERR_ILLEGAL_SASL_STATE:
                    mechanisms = [r.string() or "" for _ in range(r.count())]
                    return Assessment(
                        Exposure.PROTECTED,
                        Access.NONE,
                        tls=ep.tls,
                        auth_detail="SASL authentication required"
                        + (f" ({', '.join(m[:64] for m in mechanisms[:10])})" if mechanisms else ""),
                    )
            result = Assessment(
                Exposure.OPEN,
                Access.METADATA,
                tls=ep.tls,
                auth_detail="no authentication on this listener (SaslHandshake: ILLEGAL_SASL_STATE)",
            )
            try:
                conn = await self._inventory(ep, ctx, conn, ranges, result)
            except (KafkaError, TimeoutError, OSError, EOFError, struct.error, IndexError, ValueError) as exc:
                result.error(ep, "inventory", f"{type(exc).__name__}: {exc}")
            return result
        finally:
            await conn.close()

    async def _inventory(
        self,
        ep: Endpoint,
        ctx: ScanContext,
        conn: KafkaConnection,
        ranges: dict[int, tuple[int, int]],
        result: Assessment,
    ) -> KafkaConnection:
        opts = ctx.options
        version = _pick(ranges, API_METADATA, range(1, 9))
        if version is None:
            raise KafkaError("the broker speaks no Metadata version between v1 and v8")
        cap = min(max(opts.dataset_byte_cap, 64 * 1024), METADATA_CAP, opts.message_byte_cap)
        body = await conn.call(API_METADATA, version, metadata_body(version), cap, keep_leading=True)
        meta = parse_metadata(body, version, opts.max_listed)
        if conn.writer.is_closing():
            conn = await self._connect(ep, ctx)
        if meta.cut:
            result.error(
                ep, "inventory", f"topic listing cut at {len(meta.topics):,} topics (byte cap or --max-listed)"
            )
        visible = [t for t in meta.topics if t.error == 0]
        denied = sum(1 for t in meta.topics if t.error == ERR_TOPIC_AUTHORIZATION_FAILED)
        user = [t for t in visible if not t.internal and t.name.lower() not in self.system_databases]
        result.access = self._access(meta, user, version)
        partitions = sum(len(t.partitions) for t in visible)
        detail = [
            f"{len(user)} topics, {partitions} partitions",
            f"{len(meta.brokers)} brokers" + (f", cluster id {meta.cluster_id[:64]}" if meta.cluster_id else ""),
        ]
        if denied:
            detail.append(f"{denied} topics refused (TOPIC_AUTHORIZATION_FAILED)")
        allowed = operations(meta.cluster_operations)
        if allowed:
            detail.append("cluster operations allowed to anyone: " + ", ".join(sorted(allowed)))
        result.auth_detail = f"{result.auth_detail}; {'; '.join(detail)}"
        topics = user[: opts.max_datasets]
        if len(user) > opts.max_datasets:
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} topics (--max-datasets)")
        conn = await self._watermarks(ep, ctx, conn, ranges, topics, result)
        for topic in topics:
            if ctx.stopped.is_set():
                break
            conn = await self._sample(ep, ctx, conn, ranges, topic, result)
        return conn

    @staticmethod
    def _access(meta: ClusterMetadata, topics: list[Topic], version: int) -> Access:
        """What the broker says this anonymous session may do (Metadata v8's authorised operations)."""
        cluster = operations(meta.cluster_operations)
        on_topics = set().union(*(operations(t.operations) for t in topics)) if topics else set()
        if version < 8:
            return Access.READ if topics else Access.METADATA  # the broker does not say more
        if cluster & {"ALL", "ALTER", "ALTER_CONFIGS", "CREATE", "CLUSTER_ACTION"} or "ALL" in on_topics:
            return Access.ADMIN
        if on_topics & {"WRITE", "DELETE", "ALTER", "ALTER_CONFIGS"}:
            return Access.WRITE
        if "READ" in on_topics:
            return Access.READ
        return Access.METADATA

    async def _watermarks(
        self,
        ep: Endpoint,
        ctx: ScanContext,
        conn: KafkaConnection,
        ranges: dict[int, tuple[int, int]],
        topics: list[Topic],
        result: Assessment,
    ) -> KafkaConnection:
        """Earliest and latest offsets of every partition of ``topics`` (ListOffsets v1, timestamps -2 and -1)."""
        if _pick(ranges, API_LIST_OFFSETS, range(1, 2)) is None:
            result.error(ep, "inventory", "the broker does not speak ListOffsets v1: no counts")
            return conn
        by_key = {(t.name, p.index): p for t in topics for p in t.partitions}
        not_led = 0
        for start in range(0, len(topics), OFFSETS_BATCH):
            batch = topics[start : start + OFFSETS_BATCH]
            for timestamp in (-2, -1):
                body = struct.pack(">ii", -1, len(batch))
                for topic in batch:
                    body += _string(topic.name.encode()) + struct.pack(">i", len(topic.partitions))
                    body += b"".join(struct.pack(">iq", p.index, timestamp) for p in topic.partitions)
                try:
                    answer = await conn.call(API_LIST_OFFSETS, 1, body, METADATA_CAP)
                except ReplyTooLarge as exc:
                    result.error(ep, "inventory", f"ListOffsets: {exc}")
                    await conn.close()
                    return await self._connect(ep, ctx)
                r = _Reader(answer)
                for _ in range(r.count()):
                    name = r.string() or ""
                    for _ in range(r.count()):
                        index, error, _ts, offset = r.i32(), r.i16(), r.i64(), r.i64()
                        part = by_key.get((name, index))
                        if part is None:
                            continue
                        if error:
                            not_led += error == ERR_NOT_LEADER and timestamp == -1
                            continue
                        if timestamp == -2:
                            part.low = offset
                        else:
                            part.high = offset
        if not_led:
            result.error(ep, "inventory", f"{not_led} partitions are led by other brokers (not scanned): not counted")
        return conn

    async def _sample(
        self,
        ep: Endpoint,
        ctx: ScanContext,
        conn: KafkaConnection,
        ranges: dict[int, tuple[int, int]],
        topic: Topic,
        result: Assessment,
    ) -> KafkaConnection:
        """The topic's dataset: its count and the latest messages of up to 16 partitions (Fetch v4, no group)."""
        opts = ctx.options
        counted = [p for p in topic.partitions if p.low is not None and p.high is not None]
        records = sum(max(0, (p.high or 0) - (p.low or 0)) for p in counted) if counted else None
        fetchable = [p for p in counted if (p.high or 0) > (p.low or 0)][:PARTITIONS_SAMPLED]
        if not fetchable or _pick(ranges, API_FETCH, range(4, 5)) is None:
            result.add_dataset(topic.name, records, kind="topic", exact=False)
            return conn
        per_partition = max(1, -(-opts.sample_size // len(fetchable)))
        partition_bytes = max(opts.dataset_byte_cap // len(fetchable), 1024)
        body = struct.pack(">iiiib", -1, 0, 1, opts.dataset_byte_cap, 0)  # replica, max wait 0, min bytes 1
        body += struct.pack(">i", 1) + _string(topic.name.encode()) + struct.pack(">i", len(fetchable))
        for p in fetchable:
            start = max(p.low or 0, (p.high or 0) - per_partition)
            body += struct.pack(">iqi", p.index, start, partition_bytes)
        cap = min(opts.dataset_byte_cap + 64 * 1024, opts.message_byte_cap)
        try:
            answer = await conn.call(API_FETCH, 4, body, cap)
        except ReplyTooLarge as exc:
            result.error(ep, "sample", f"{topic.name[:128]}: Fetch {exc}")
            result.add_dataset(topic.name, records, kind="topic", exact=False)
            await conn.close()
            return await self._connect(ep, ctx)
        sample: list[dict[str, Any]] = []
        skipped: set[str] = set()
        r = _Reader(answer)
        r.i32()  # throttle
        for _ in range(r.count()):
            r.string()
            for _ in range(r.count()):
                r.i32()
                error = r.i16()
                r.i64(), r.i64()  # high watermark, last stable offset
                for _ in range(r.count()):  # aborted transactions (a null array counts as none)
                    r.i64(), r.i64()
                data = r.bytes_() or b""
                if error:
                    continue
                found, codecs = decode_records(data, opts.record_byte_cap)
                skipped.update(codecs)
                for _offset, key, value in found[-per_partition:]:
                    record = as_record(key, value)
                    if record and len(repr(record)) <= opts.record_byte_cap and len(sample) < opts.sample_size:
                        sample.append(record)
        if skipped:
            result.error(
                ep, "sample", f"{topic.name[:128]}: batches compressed with {', '.join(sorted(skipped))} not decoded"
            )
        result.add_dataset(topic.name, records, sample, kind="topic", exact=False)
        return conn


ENGINE = KafkaEngine()
