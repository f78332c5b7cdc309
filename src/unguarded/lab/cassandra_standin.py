"""A Cassandra stand-in: the CQL native protocol v4, as far as a read-only audit goes.

No Cassandra runs here (Debian ships none, and a JVM node needs gigabytes), so this
server speaks the frames of ``native_protocol_v4.spec`` that unguarded sends and answers
them the way Cassandra 4.1 does:

* OPTIONS -> SUPPORTED (``CQL_VERSION``, ``COMPRESSION``, ``PROTOCOL_VERSIONS``);
* STARTUP -> READY (``AllowAllAuthenticator``), or with ``--auth`` AUTHENTICATE naming
  ``org.apache.cassandra.auth.PasswordAuthenticator``; a request before STARTUP gets
  Cassandra's protocol error ``Unexpected message QUERY, expecting STARTUP or OPTIONS``,
  and one during authentication ``..., expecting SASL_RESPONSE``; any AUTH_RESPONSE gets
  ``Bad credentials`` (0x0100);
* QUERY -> RESULT Rows (global table spec, typed columns, page size honoured with
  ``Has_more_pages``) for ``system.local``, ``system_schema.keyspaces``/``tables``,
  ``system.size_estimates`` and ``SELECT * FROM ks.t LIMIT n``; an unknown table gets
  Invalid (0x2200) ``unconfigured table t``, an unknown keyspace ``Keyspace ks does not
  exist``, and a statement outside this grammar (every write) the syntax error (0x2000);
* any other opcode: Protocol error (0x000A), as for an opcode the server does not know.

Data comes from ``WORKDIR/data.json`` (reloaded when it changes); every frame received
is appended to ``WORKDIR/requests.log`` as one JSON line, the server's own log that the
read-only tests read. Run as ``python -m unguarded.lab.cassandra_standin PORT WORKDIR [--auth]``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import struct
import sys
import uuid
from pathlib import Path
from typing import Any

RELEASE = "4.1.3"
OPCODES = {0x01: "STARTUP", 0x05: "OPTIONS", 0x07: "QUERY", 0x09: "PREPARE", 0x0A: "EXECUTE", 0x0B: "REGISTER"}
OPCODES |= {0x0D: "BATCH", 0x0F: "AUTH_RESPONSE"}
#: CQL type names the data file may use -> native protocol option ids
TYPES = {"ascii": 0x01, "bigint": 0x02, "boolean": 0x04, "double": 0x07, "int": 0x09, "timestamp": 0x0B}
TYPES |= {"uuid": 0x0C, "text": 0x0D, "varchar": 0x0D, "inet": 0x10, "date": 0x11}
SYSTEM_KEYSPACES = ("system", "system_auth", "system_distributed", "system_schema", "system_traces", "system_views")


def _string(value: str) -> bytes:
    data = value.encode()
    return struct.pack(">H", len(data)) + data


def _cell(kind: str, value: Any) -> bytes:
    if value is None:
        return struct.pack(">i", -1)
    if kind.startswith(("list<", "set<")):
        inner = kind[kind.index("<") + 1 : -1]
        data = struct.pack(">i", len(value)) + b"".join(_cell(inner, v) for v in value)
    elif kind.startswith("map<"):
        key_kind, value_kind = (k.strip() for k in kind[4:-1].split(",", 1))
        data = struct.pack(">i", len(value)) + b"".join(
            _cell(key_kind, k) + _cell(value_kind, v) for k, v in value.items()
        )
    elif kind in ("text", "varchar", "ascii"):
        data = str(value).encode()
    elif kind == "int":
        data = struct.pack(">i", value)
    elif kind == "bigint":
        data = struct.pack(">q", value)
    elif kind == "boolean":
        data = b"\x01" if value else b"\x00"
    elif kind == "double":
        data = struct.pack(">d", value)
    elif kind == "uuid":
        data = uuid.UUID(str(value)).bytes
    elif kind == "timestamp":
        when = dt.datetime.fromisoformat(str(value)).replace(tzinfo=dt.UTC)
        data = struct.pack(">q", int(when.timestamp() * 1000))
    elif kind == "date":
        days = (dt.date.fromisoformat(str(value)) - dt.date(1970, 1, 1)).days
        data = struct.pack(">I", days + 2**31)
    else:
        raise ValueError(f"type {kind} not supported by the stand-in")
    return struct.pack(">i", len(data)) + data


def _type(kind: str) -> bytes:
    if kind.startswith("list<"):
        return struct.pack(">H", 0x20) + _type(kind[5:-1])
    if kind.startswith("set<"):
        return struct.pack(">H", 0x22) + _type(kind[4:-1])
    if kind.startswith("map<"):
        key_kind, value_kind = (k.strip() for k in kind[4:-1].split(",", 1))
        return struct.pack(">H", 0x21) + _type(key_kind) + _type(value_kind)
    return struct.pack(">H", TYPES[kind])


def rows_result(
    keyspace: str, table: str, columns: list[tuple[str, str]], rows: list[list[Any]], page_size: int | None
) -> bytes:
    """RESULT Rows with the global table spec, as Cassandra sends for a one-table SELECT."""
    more = page_size is not None and page_size > 0 and len(rows) > page_size
    shown = rows[:page_size] if more and page_size else rows
    flags = 0x0001 | (0x0002 if more else 0)
    body = struct.pack(">iii", 0x0002, flags, len(columns))
    if more:
        state = str(len(shown)).encode()
        body += struct.pack(">i", len(state)) + state
    body += _string(keyspace) + _string(table)
    for name, kind in columns:
        body += _string(name) + _type(kind)
    body += struct.pack(">i", len(shown))
    for row in shown:
        body += b"".join(_cell(kind, value) for (_, kind), value in zip(columns, row, strict=True))
    return body


def error_body(code: int, message: str) -> bytes:
    return struct.pack(">i", code) + _string(message)


class CqlStandInState:
    """The keyspaces of ``data.json`` and what one connection has done so far."""

    def __init__(self, workdir: Path, auth: bool) -> None:
        self.workdir, self.auth = workdir, auth
        self.data: dict[str, Any] = {}
        self.mtime = -1.0

    def keyspaces(self) -> dict[str, Any]:
        path = self.workdir / "data.json"
        mtime = path.stat().st_mtime if path.exists() else 0.0
        if mtime != self.mtime:
            self.data = json.loads(path.read_text()) if path.exists() else {}
            self.mtime = mtime
        return dict(self.data.get("keyspaces", {}))

    def log(self, entry: dict[str, Any]) -> None:
        with (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def query(self, cql: str, page_size: int | None) -> tuple[int, bytes]:
        """(opcode, body) for one CQL statement."""
        text = " ".join(cql.split())
        spaces = self.keyspaces()
        if text == "SELECT release_version FROM system.local":
            return 0x08, rows_result("system", "local", [("release_version", "text")], [[RELEASE]], page_size)
        if text == "SELECT keyspace_name FROM system_schema.keyspaces":
            names = sorted([*SYSTEM_KEYSPACES, *spaces])
            return 0x08, rows_result(
                "system_schema", "keyspaces", [("keyspace_name", "text")], [[n] for n in names], page_size
            )
        if text == "SELECT keyspace_name, table_name FROM system_schema.tables":
            pairs = [["system", "local"], ["system", "size_estimates"], ["system_auth", "roles"]]
            pairs += [[ks, t] for ks, spec in sorted(spaces.items()) for t in sorted(spec.get("tables", {}))]
            cols = [("keyspace_name", "text"), ("table_name", "text")]
            return 0x08, rows_result("system_schema", "tables", cols, pairs, page_size)
        if text == "SELECT keyspace_name, table_name, partitions_count FROM system.size_estimates":
            estimates = [
                [ks, t, spec["partitions"]]
                for ks, ks_spec in sorted(spaces.items())
                for t, spec in sorted(ks_spec.get("tables", {}).items())
                if "partitions" in spec
            ]
            cols = [("keyspace_name", "text"), ("table_name", "text"), ("partitions_count", "bigint")]
            return 0x08, rows_result("system", "size_estimates", cols, estimates, page_size)
        select = re.fullmatch(r'SELECT \* FROM ("?)(\w+)\1\.("?)(\w+)\3 LIMIT (\d+)', text)
        if select:
            keyspace, table, limit = select.group(2), select.group(4), int(select.group(5))
            if keyspace not in spaces:
                return 0x00, error_body(0x2200, f"Keyspace {keyspace} does not exist")
            spec = spaces[keyspace].get("tables", {}).get(table)
            if spec is None:
                return 0x00, error_body(0x2200, f"unconfigured table {table}")
            columns = [(str(c[0]), str(c[1])) for c in spec["columns"]]
            return 0x08, rows_result(keyspace, table, columns, spec["rows"][:limit], page_size)
        first = text.split(" ", 1)[0] if text else "<EOF>"
        return 0x00, error_body(0x2000, f"line 1:0 no viable alternative at input '{first}' ([{first}]...)")


def _parse_query(body: bytes) -> tuple[str, int | None]:
    (length,) = struct.unpack_from(">i", body)
    cql = body[4 : 4 + length].decode("utf-8", "replace")
    rest = body[4 + length :]
    page_size = None
    if len(rest) >= 3:
        _consistency, flags = struct.unpack_from(">HB", rest)
        if flags & 0x04 and not flags & 0x01 and len(rest) >= 7:
            (page_size,) = struct.unpack_from(">i", rest, 3)
    return cql, page_size


async def serve_connection(state: CqlStandInState, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    phase = "uninitialised"
    try:
        while True:
            head = await reader.readexactly(9)
            version, _flags, stream, opcode, length = struct.unpack(">BBhBi", head)
            if version not in (0x03, 0x04, 0x05):
                # Cassandra decodes the header first and closes on a version it cannot speak
                state.log({"opcode": "invalid", "version": version})
                data = error_body(
                    0x000A,
                    f"Invalid or unsupported protocol version ({version}); supported versions are (3/v3, 4/v4, 5/v5)",
                )
                writer.write(struct.pack(">BBhBi", 0x84, 0, 0, 0x00, len(data)) + data)
                await writer.drain()
                return
            body = await reader.readexactly(length)
            name = OPCODES.get(opcode, f"0x{opcode:02x}")
            entry: dict[str, Any] = {"opcode": name}
            if opcode == 0x05:
                options = {
                    "CQL_VERSION": ["3.4.6"],
                    "COMPRESSION": ["snappy", "lz4"],
                    "PROTOCOL_VERSIONS": ["3/v3", "4/v4", "5/v5", "6/v6-beta"],
                }
                out = struct.pack(">H", len(options))
                for key, values in options.items():
                    out += _string(key) + struct.pack(">H", len(values)) + b"".join(_string(v) for v in values)
                reply = 0x06, out
            elif phase == "uninitialised" and opcode != 0x01:
                reply = 0x00, error_body(0x000A, f"Unexpected message {name}, expecting STARTUP or OPTIONS")
            elif opcode == 0x01:
                if state.auth:
                    phase = "authentication"
                    reply = 0x03, _string("org.apache.cassandra.auth.PasswordAuthenticator")
                else:
                    phase = "ready"
                    reply = 0x02, b""
            elif phase == "authentication":
                if opcode == 0x0F:
                    reply = 0x00, error_body(0x0100, "Provided username and/or password are incorrect")
                else:
                    reply = 0x00, error_body(0x000A, f"Unexpected message {name}, expecting SASL_RESPONSE")
            elif opcode == 0x07:
                cql, page_size = _parse_query(body)
                entry |= {"query": cql, "page_size": page_size}
                reply = state.query(cql, page_size)
            else:
                reply = 0x00, error_body(0x000A, f"Unknown opcode {opcode}")
            state.log(entry)
            op, data = reply
            writer.write(struct.pack(">BBhBi", 0x84, 0, stream, op, len(data)) + data)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main(port: int, workdir: Path, auth: bool) -> None:
    state = CqlStandInState(workdir, auth)
    server = await asyncio.start_server(lambda r, w: serve_connection(state, r, w), "127.0.0.1", port)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in sys.argv[3:]))
