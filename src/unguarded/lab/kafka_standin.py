"""A Kafka stand-in: a broker speaking the Kafka wire protocol as far as a read-only audit goes.

No Kafka runs here (Debian ships none, and a JVM broker with KRaft needs gigabytes), so
this server answers the requests of the Kafka protocol guide
(https://kafka.apache.org/protocol) that a reader sends, as a 3.x broker does:

* ApiVersions v0-v2 with the APIs it serves; a higher version gets the v0 answer with
  ``UNSUPPORTED_VERSION`` (35) and the list, as brokers answer a newer client;
* Metadata v0-v8: one broker, the topics of ``data.json`` (never auto-created: an unknown
  name gets ``UNKNOWN_TOPIC_OR_PARTITION``), and from v8 the authorised operations of an
  anonymous session on a broker without an authorizer (every operation the resource type
  supports, as ``KafkaApis`` reports then);
* ListOffsets v1 (earliest -2, latest -1) and Fetch v4, whose records are record batches
  of magic 2 with their CRC-32C, one batch per message, cut at the partition and
  response byte limits except that the first batch is always sent whole (KIP-74);
* SaslHandshake/SaslAuthenticate: on the open listener ``ILLEGAL_SASL_STATE`` (34) as on
  a PLAINTEXT listener; with ``--auth`` (a SASL_PLAINTEXT listener) the handshake lists
  ``SCRAM-SHA-512`` and ``PLAIN``, any credentials get ``SASL_AUTHENTICATION_FAILED``
  (58) and the connection is closed, and any other request before authentication closes
  it, as ``SaslServerAuthenticator`` does;
* any API or version it does not list (Produce, JoinGroup, OffsetCommit, CreateTopics,
  ...): the connection is closed, as a broker does for a request it has not enabled.

Data comes from ``WORKDIR/data.json`` (reloaded when it changes); every request received
is appended to ``WORKDIR/requests.log`` as one JSON line (API name, version, and for
refused ones ``"refused": true``), the server's own log the read-only tests read. Run as
``python -m unguarded.lab.kafka_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import asyncio
import json
import struct
import sys
from pathlib import Path
from typing import Any

from ..engines._protobuf import encode_varint

NAMES = {0: "Produce", 1: "Fetch", 2: "ListOffsets", 3: "Metadata", 8: "OffsetCommit", 9: "OffsetFetch"}
NAMES |= {10: "FindCoordinator", 11: "JoinGroup", 12: "Heartbeat", 13: "LeaveGroup", 14: "SyncGroup"}
NAMES |= {17: "SaslHandshake", 18: "ApiVersions", 19: "CreateTopics", 20: "DeleteTopics", 36: "SaslAuthenticate"}
NAMES |= {32: "DescribeConfigs", 33: "AlterConfigs", 37: "CreatePartitions", 60: "DescribeCluster"}
#: api key -> (min, max) version served
SERVED = {1: (4, 4), 2: (1, 1), 3: (0, 8), 17: (0, 1), 18: (0, 2), 36: (0, 0)}
MECHANISMS = ("SCRAM-SHA-512", "PLAIN")
CLUSTER_ID = "MkU3OEVBNTcwNTJENDM2Qg"
NODE_ID = 1
INT_MIN = -(2**31)
#: AclOperation codes a broker without an authorizer grants on the cluster and on a topic
CLUSTER_OPS = sum(1 << op for op in (5, 7, 8, 9, 10, 11, 12))
TOPIC_OPS = sum(1 << op for op in (3, 4, 5, 6, 7, 8, 10, 11))


def _crc32c_table() -> list[int]:
    table = []
    for n in range(256):
        crc = n
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


_CRC_TABLE = _crc32c_table()


def crc32c(data: bytes) -> int:
    """CRC-32C (Castagnoli), the checksum of record batches v2."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _CRC_TABLE[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def _varint(value: int) -> bytes:
    """A signed varint as Kafka's record format writes it: zigzag, then unsigned LEB128."""
    return encode_varint((value << 1) ^ (value >> 63))


def _str(value: str | None) -> bytes:
    if value is None:
        return struct.pack(">h", -1)
    data = value.encode()
    return struct.pack(">h", len(data)) + data


def record_batch(offset: int, timestamp: int, key: bytes | None, value: bytes | None) -> bytes:
    """One record batch (magic 2) holding one record, as a producer without batching writes it."""
    record = b"\x00" + _varint(0) + _varint(0)
    record += _varint(-1) if key is None else _varint(len(key)) + key
    record += _varint(-1) if value is None else _varint(len(value)) + value
    record += _varint(0)
    records = _varint(len(record)) + record
    after_crc = struct.pack(">hiqqqhii", 0, 0, timestamp, timestamp, -1, -1, -1, 1) + records
    body = struct.pack(">ibI", 0, 2, crc32c(after_crc)) + after_crc
    return struct.pack(">qi", offset, len(body)) + body


class _In:
    """A cursor over one request body."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def unpack(self, fmt: str) -> Any:
        values = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += struct.calcsize(fmt)
        return values[0] if len(values) == 1 else values

    def string(self) -> str | None:
        n = self.unpack(">h")
        if n < 0:
            return None
        value = self.data[self.pos : self.pos + n].decode("utf-8", "replace")
        self.pos += n
        return value


class KafkaStandInState:
    """The topics of ``data.json``, their encoded batches, and the request log."""

    def __init__(self, workdir: Path, port: int, auth: bool) -> None:
        self.workdir, self.port, self.auth = workdir, port, auth
        self.data: dict[str, Any] = {}
        self.mtime = -1.0
        self.batches: dict[tuple[str, int, int], bytes] = {}

    def topics(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        mtime = path.stat().st_mtime if path.exists() else 0.0
        if mtime != self.mtime:
            self.data = json.loads(path.read_text()) if path.exists() else {}
            self.mtime = mtime
            self.batches = {}
        topics = dict(self.data.get("topics", {}))
        for n in range(int(self.data.get("extra_topics", 0))):
            topics[f"load-{n:07d}"] = {"partitions": [[]]}
        return topics

    def log(self, entry: dict[str, Any]) -> None:
        with (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    # ------------------------------------------------------------ partitions

    @staticmethod
    def watermarks(spec: dict[str, Any], index: int) -> tuple[int, int]:
        lows = spec.get("low", [])
        low = int(lows[index]) if index < len(lows) else 0
        return low, low + len(spec["partitions"][index])

    def batch(self, topic: str, spec: dict[str, Any], index: int, offset: int) -> bytes:
        key = (topic, index, offset)
        if key not in self.batches:
            low, _high = self.watermarks(spec, index)
            message = spec["partitions"][index][offset - low]
            value: bytes | None
            if "value_bytes" in message:
                value = b"x" * int(message["value_bytes"])
            elif message.get("value") is None:
                value = None
            else:
                raw = message["value"]
                value = (raw if isinstance(raw, str) else json.dumps(raw)).encode()
            k = message.get("key")
            self.batches[key] = record_batch(
                offset, int(message.get("ts", 1764633600000 + offset)), None if k is None else k.encode(), value
            )
        return self.batches[key]

    # ------------------------------------------------------------ answers

    @staticmethod
    def api_versions(version: int) -> bytes:
        error = 0 if version <= 2 else 35
        body = struct.pack(">hi", error, len(SERVED))
        body += b"".join(struct.pack(">hhh", key, low, high) for key, (low, high) in sorted(SERVED.items()))
        if 1 <= version <= 2:
            body += struct.pack(">i", 0)
        return body

    def metadata(self, version: int, r: _In) -> tuple[bytes, dict[str, Any]]:
        count = r.unpack(">i")
        wanted = None if count < 0 or (version == 0 and count == 0) else [r.string() or "" for _ in range(count)]
        include_ops = False
        if version >= 4:
            r.unpack(">b")  # allow_auto_topic_creation: the stand-in never creates a topic
        if version >= 8:
            _cluster_ops, topic_ops = r.unpack(">bb")
            include_ops = bool(_cluster_ops or topic_ops)
        topics = self.topics()
        names = sorted(topics) if wanted is None else wanted
        out = [struct.pack(">i", 0)] if version >= 3 else []
        out.append(struct.pack(">ii", 1, NODE_ID) + _str("127.0.0.1") + struct.pack(">i", self.port))
        if version >= 1:
            out.append(_str(None))  # rack
        if version >= 2:
            out.append(_str(self.data.get("cluster_id", CLUSTER_ID)))
        if version >= 1:
            out.append(struct.pack(">i", NODE_ID))
        out.append(struct.pack(">i", len(names)))
        for name in names:
            spec = topics.get(name)
            if spec is None:
                out.append(
                    struct.pack(">h", 3) + _str(name) + (b"\x00" if version >= 1 else b"") + struct.pack(">i", 0)
                )
                if version >= 8:
                    out.append(struct.pack(">i", INT_MIN))
                continue
            out.append(struct.pack(">h", 0) + _str(name))
            if version >= 1:
                out.append(b"\x01" if spec.get("internal") else b"\x00")
            out.append(struct.pack(">i", len(spec["partitions"])))
            for index in range(len(spec["partitions"])):
                part = struct.pack(">hii", 0, index, NODE_ID)
                if version >= 7:
                    part += struct.pack(">i", 0)
                part += struct.pack(">ii", 1, NODE_ID) + struct.pack(">ii", 1, NODE_ID)
                if version >= 5:
                    part += struct.pack(">i", 0)
                out.append(part)
            if version >= 8:
                out.append(struct.pack(">i", TOPIC_OPS if include_ops else INT_MIN))
        if version >= 8:
            out.append(struct.pack(">i", CLUSTER_OPS if include_ops else INT_MIN))
        return b"".join(out), {"topics": wanted, "topics_answered": len(names)}

    def list_offsets(self, r: _In) -> tuple[bytes, dict[str, Any]]:
        r.unpack(">i")  # replica id
        topics = self.topics()
        out = []
        count = r.unpack(">i")
        out.append(struct.pack(">i", count))
        answered: dict[str, dict[int, list[int]]] = {}
        for _ in range(count):
            name = r.string() or ""
            spec = topics.get(name)
            parts = r.unpack(">i")
            out.append(_str(name) + struct.pack(">i", parts))
            for _ in range(parts):
                index, timestamp = r.unpack(">iq")
                if spec is None or not 0 <= index < len(spec["partitions"]):
                    out.append(struct.pack(">ihqq", index, 3, -1, -1))
                    continue
                low, high = self.watermarks(spec, index)
                offset = low if timestamp == -2 else high
                answered.setdefault(name, {})[index] = [low, high]
                out.append(struct.pack(">ihqq", index, 0, -1, offset))
        return b"".join(out), {"watermarks": answered}

    def fetch(self, r: _In) -> tuple[bytes, dict[str, Any]]:
        _replica, _wait, _min, max_bytes, _isolation = r.unpack(">iiiib")
        topics = self.topics()
        count = r.unpack(">i")
        out = [struct.pack(">ii", 0, count)]
        sent = 0
        fetched: list[list[Any]] = []
        for _ in range(count):
            name = r.string() or ""
            spec = topics.get(name)
            parts = r.unpack(">i")
            out.append(_str(name) + struct.pack(">i", parts))
            for _ in range(parts):
                index, offset, partition_max = r.unpack(">iqi")
                if spec is None or not 0 <= index < len(spec["partitions"]):
                    out.append(struct.pack(">ihqqi", index, 3, -1, -1, -1) + struct.pack(">i", -1))
                    continue
                low, high = self.watermarks(spec, index)
                if not low <= offset <= high:
                    out.append(struct.pack(">ihqqi", index, 1, high, high, -1) + struct.pack(">i", 0))
                    continue
                records = b""
                for position in range(offset, high):
                    batch = self.batch(name, spec, index, position)
                    first = sent == 0 and not records
                    if not first and (len(records) + len(batch) > partition_max or sent + len(batch) > max_bytes):
                        break
                    records += batch
                    sent += len(batch)
                fetched.append([name, index, offset, len(records)])
                out.append(struct.pack(">ihqqi", index, 0, high, high, -1) + struct.pack(">i", len(records)) + records)
        return b"".join(out), {"fetched": fetched}


async def _reply(writer: asyncio.StreamWriter, correlation: int, body: bytes) -> None:
    writer.write(struct.pack(">ii", len(body) + 4, correlation) + body)
    await writer.drain()


async def serve_connection(
    state: KafkaStandInState, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    authenticated = not state.auth
    handshaken = False
    try:
        while True:
            (size,) = struct.unpack(">i", await reader.readexactly(4))
            if not 8 <= size <= 100 * 1024 * 1024:
                return  # Kafka's socket server closes on an invalid size (socket.request.max.bytes)
            r = _In(await reader.readexactly(size))
            api, version, correlation = r.unpack(">hhi")
            entry: dict[str, Any] = {"api": NAMES.get(api, f"api{api}"), "version": version}
            entry["client_id"] = r.string() if api != 18 or version < 3 else None
            if api == 18:  # answered in every state, in v0 when the version is too new
                state.log(entry)
                await _reply(writer, correlation, state.api_versions(version))
                continue
            low, high = SERVED.get(api, (1, 0))
            if not low <= version <= high:
                state.log(entry | {"refused": True})
                return  # "Received request api key ... which is not enabled": the broker closes
            if api == 17:
                mechanism = r.string()
                entry["mechanism"] = mechanism
                state.log(entry)
                if authenticated:
                    await _reply(writer, correlation, struct.pack(">hi", 34, 0))
                    continue
                handshaken = mechanism in MECHANISMS
                body = struct.pack(">hi", 0 if handshaken else 33, len(MECHANISMS))
                await _reply(writer, correlation, body + b"".join(_str(m) for m in MECHANISMS))
                if not handshaken:
                    return
                continue
            if api == 36:
                state.log(entry)
                if authenticated:
                    message = "SaslAuthenticate request received after successful authentication"
                    await _reply(writer, correlation, struct.pack(">h", 34) + _str(message) + struct.pack(">i", 0))
                    continue
                if handshaken:
                    message = (
                        "Authentication failed during authentication due to invalid credentials with SASL mechanism"
                    )
                    await _reply(writer, correlation, struct.pack(">h", 58) + _str(message) + struct.pack(">i", 0))
                return
            if not authenticated:
                state.log(entry | {"refused": True})
                return  # "Unexpected Kafka request of type ... during SASL handshake"
            if api == 3:
                body, detail = state.metadata(version, r)
            elif api == 2:
                body, detail = state.list_offsets(r)
            else:
                body, detail = state.fetch(r)
            state.log(entry | detail)
            await _reply(writer, correlation, body)
    except (asyncio.IncompleteReadError, ConnectionError, struct.error):
        pass
    finally:
        writer.close()


async def main(port: int, workdir: Path, auth: bool) -> None:
    state = KafkaStandInState(workdir, port, auth)
    server = await asyncio.start_server(lambda r, w: serve_connection(state, r, w), "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in sys.argv[3:]))
