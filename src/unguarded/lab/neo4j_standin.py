"""A Neo4j stand-in: the discovery document and the transactional Cypher endpoint, as Neo4j 5 answers.

No Neo4j runs here (Debian ships none; it is a JVM server), so this HTTP server answers
with the JSON of the Neo4j HTTP API manual's examples:

* ``GET /`` -> the discovery document (``bolt_direct``, ``bolt_routing``,
  ``transaction``, ``neo4j_version``, ``neo4j_edition``), with or without auth;
* ``POST /db/neo4j/tx/commit`` -> ``results``/``errors`` for the read-only Cypher a
  scanner sends (``CALL db.labels()``, ``MATCH (n:L) RETURN count(n)``,
  ``MATCH (n:L) RETURN n LIMIT n``); a write clause in an ``access-mode: READ``
  transaction gets ``Neo.ClientError.Statement.AccessMode``, any other statement
  ``Neo.ClientError.Statement.SyntaxError`` (errors roll the transaction back and come
  with HTTP 200, as Neo4j sends them); another database gets 404 ``DatabaseNotFound``;
* with ``--auth`` (``dbms.security.auth_enabled=true``, the default) every transactional
  request gets 401, ``WWW-Authenticate: Basic realm="Neo4j"`` and
  ``Neo.ClientError.Security.Unauthorized`` ``No authentication header supplied.``;
* anything else -> 404.

With ``--bolt-port N`` it also listens for Bolt, built from the Bolt protocol
documentation (handshake, PackStream, message and server-state specifications) and
answering as Neo4j 5.13 does:

* the handshake picks the first version proposed that Neo4j 5.13 speaks (Bolt 5.4 to
  5.0, 4.4; zeros and a hang-up when none); a plain ``GET`` gets what current Neo4j's
  ``DiscoveryResponseHandler`` sends (200, an empty JSON body on Community Edition,
  then a hang-up); any other first bytes, a hang-up;
* ``HELLO`` -> ``SUCCESS {server: "Neo4j/5.13.0", connection_id, hints}``; ``LOGON``
  (Bolt 5.1+, or the token inside ``HELLO`` before) -> ``SUCCESS`` with auth disabled,
  with ``--auth`` ``FAILURE Neo.ClientError.Security.Unauthorized`` and a hang-up;
* ``BEGIN`` (``mode: r`` or write), ``RUN`` and ``PULL {n}`` -> the same results as the
  HTTP endpoint (nodes as ``Node`` structures), ``AccessMode`` for a write in a READ
  transaction, ``SyntaxError`` for other Cypher; after a FAILURE everything is
  ``IGNORED`` until ``RESET``; ``GOODBYE`` hangs up; any other message (``COMMIT``,
  ``ROUTE``, ...) gets ``FAILURE Neo.ClientError.Request.Invalid``.

Nodes come from ``WORKDIR/data.json`` (``{"nodes": [{"labels": [...], "properties":
{...}}]}``); every HTTP request is appended to ``WORKDIR/requests.log`` (method, path,
access mode, statements) and every Bolt message to ``WORKDIR/bolt.log`` (its name, the
auth scheme and keys, never a credential; the transaction mode; the query), the logs the
read-only tests read. Run as ``python -m unguarded.lab.neo4j_standin PORT WORKDIR
[--auth] [--bolt-port N]``.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

VERSION = "5.13.0"
STORE_ID = "8d2f4e1a-3c6b-4b1e-9a57-2f0d6c1e7b44"
LOCK = threading.Lock()
WRITE_CLAUSES = re.compile(r"\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|LOAD\s+CSV|FOREACH)\b", re.IGNORECASE)
LABELS = re.compile(r"CALL db\.labels\(\)( YIELD label RETURN label ORDER BY label LIMIT \$max)?")
COUNT = re.compile(r"MATCH \(n:(`(?:[^`]|``)+`|\w+)\) RETURN count\(n\)( AS records)?")
NODES = re.compile(r"MATCH \(n:(`(?:[^`]|``)+`|\w+)\) RETURN n LIMIT (\$limit|\d+)")


def _label(token: str) -> str:
    return token[1:-1].replace("``", "`") if token.startswith("`") else token


@dataclass(frozen=True)
class NodeRef:
    """A node in a query result: HTTP renders its properties and meta, Bolt a Node structure."""

    index: int
    node: dict[str, Any]

    @property
    def element_id(self) -> str:
        return f"4:{STORE_ID}:{self.index}"


def run_query(
    text: str, params: dict[str, Any], nodes: list[dict[str, Any]]
) -> tuple[list[str], list[list[Any]]] | None:
    """Columns and rows for the read-only Cypher a scanner sends; ``None`` for any other statement."""
    if LABELS.fullmatch(text):
        labels = sorted({label for node in nodes for label in node.get("labels", [])})
        if text.endswith("$max"):
            labels = labels[: int(params.get("max", len(labels)))]
        return ["label"], [[label] for label in labels]
    counted = COUNT.fullmatch(text)
    if counted:
        label = _label(counted.group(1))
        total = sum(1 for node in nodes if label in node.get("labels", []))
        return ["records" if counted.group(2) else "count(n)"], [[total]]
    listed = NODES.fullmatch(text)
    if listed:
        label = _label(listed.group(1))
        limit = int(params.get("limit", 0)) if listed.group(2) == "$limit" else int(listed.group(2))
        rows: list[list[Any]] = []
        for index, node in enumerate(nodes):
            if label in node.get("labels", []) and len(rows) < limit:
                rows.append([NodeRef(index, node)])
        return ["n"], rows
    return None


class Neo4jRequestHandler(BaseHTTPRequestHandler):
    server_version = "Jetty(10.0.15)"
    sys_version = ""
    workdir: Path
    auth: bool

    def _json(self, code: int, data: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        body = json.dumps(data).encode()
        self.send_response(code)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _nodes(self) -> list[dict[str, Any]]:
        path = self.workdir / "data.json"
        return list(json.loads(path.read_text()).get("nodes", [])) if path.exists() else []

    def _log(self, entry: dict[str, Any]) -> None:
        with LOCK, (self.workdir / "requests.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, 1 << 20)) if length else b""
        mode = (self.headers.get("access-mode") or "WRITE").upper()
        try:
            payload = json.loads(raw) if raw else {}
        except ValueError:
            payload = None
        statements = payload.get("statements", []) if isinstance(payload, dict) else []
        self._log(
            {
                "method": self.command,
                "path": self.path,
                "access_mode": mode,
                "statements": [s.get("statement") for s in statements if isinstance(s, dict)],
            }
        )
        match = re.fullmatch(r"/db/([^/]+)/tx/commit", self.path)
        if self.command in ("GET", "HEAD") and self.path == "/":
            host = self.headers.get("Host", "localhost:7474").rsplit(":", 1)[0]
            self._json(
                200,
                {
                    "bolt_routing": f"neo4j://{host}:7687",
                    "transaction": f"http://{host}:7474/db/{{databaseName}}/tx",
                    "bolt_direct": f"bolt://{host}:7687",
                    "neo4j_version": VERSION,
                    "neo4j_edition": "community",
                },
            )
        elif self.command == "POST" and match:
            if self.auth:
                self._json(
                    401,
                    {
                        "errors": [
                            {
                                "code": "Neo.ClientError.Security.Unauthorized",
                                "message": "No authentication header supplied.",
                            }
                        ]
                    },
                    {"WWW-Authenticate": 'Basic realm="Neo4j"'},
                )
            elif match.group(1) != "neo4j":
                self._json(
                    404,
                    {
                        "errors": [
                            {
                                "code": "Neo.ClientError.Database.DatabaseNotFound",
                                "message": f"Database does not exist. Database name: '{match.group(1)}'.",
                            }
                        ]
                    },
                )
            elif payload is None:
                self._json(
                    400,
                    {
                        "errors": [
                            {
                                "code": "Neo.ClientError.Request.InvalidFormat",
                                "message": "Unable to deserialize request.",
                            }
                        ]
                    },
                )
            else:
                self._json(200, self._commit(statements, mode))
        else:
            self._json(404, {"errors": [{"code": "Neo.ClientError.Request.Invalid", "message": "Not Found"}]})

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = _handle

    def _commit(self, statements: list[Any], mode: str) -> dict[str, Any]:
        nodes = self._nodes()
        results = []
        for item in statements:
            text = " ".join(str(item.get("statement", "")).split()) if isinstance(item, dict) else ""
            params = item.get("parameters") or {} if isinstance(item, dict) else {}
            found = self._statement(text, params, nodes)
            if found is None:
                if mode == "READ" and WRITE_CLAUSES.search(text):
                    error = {
                        "code": "Neo.ClientError.Statement.AccessMode",
                        "message": "Writing in read access mode not allowed. Attempted write to internal graph 0 (neo4j)",
                    }
                else:
                    error = {
                        "code": "Neo.ClientError.Statement.SyntaxError",
                        "message": f"Invalid input '{text[:20]}': expected <init> (line 1, column 1 (offset: 0))",
                    }
                return {"results": [], "errors": [error]}  # the whole transaction is rolled back
            results.append(found)
        return {"results": results, "errors": [], "lastBookmarks": [f"FB:kcwQ{STORE_ID[:8]}AAAAAAAAAAIQkA=="]}

    @staticmethod
    def _statement(text: str, params: dict[str, Any], nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
        found = run_query(text, params, nodes)
        if found is None:
            return None
        columns, rows = found
        data = []
        for row in rows:
            meta: list[Any] = []
            values: list[Any] = []
            for value in row:
                if isinstance(value, NodeRef):
                    values.append(value.node.get("properties", {}))
                    meta.append({"id": value.index, "elementId": value.element_id, "type": "node", "deleted": False})
                else:
                    values.append(value)
                    meta.append(None)
            data.append({"row": values, "meta": meta})
        return {"columns": columns, "data": data}

    def log_message(self, format: str, *args: object) -> None:
        """Requests go to requests.log; stderr stays quiet."""


# ----------------------------------------------------------------------------- Bolt

#: Neo4j 5.13's Bolt versions, newest first (Neo4j 5 dropped everything before 4.4)
BOLT_VERSIONS = ((5, 4), (5, 3), (5, 2), (5, 1), (5, 0), (4, 4))
BOLT_MAGIC = b"\x60\x60\xb0\x17"
MESSAGE_NAMES = {
    0x01: "HELLO",
    0x02: "GOODBYE",
    0x0F: "RESET",
    0x10: "RUN",
    0x11: "BEGIN",
    0x12: "COMMIT",
    0x13: "ROLLBACK",
    0x2F: "DISCARD",
    0x3F: "PULL",
    0x54: "TELEMETRY",
    0x66: "ROUTE",
    0x6A: "LOGON",
    0x6B: "LOGOFF",
}
NO_AUTH = "Unsupported authentication token, scheme 'none' is only allowed when auth is disabled."


class BoltClosed(Exception):
    """The client hung up, broke the framing, or the server closes the connection (after GOODBYE or an auth failure)."""


def pack_value(value: Any, version: tuple[int, int]) -> bytes:
    """PackStream, as the Bolt documentation specifies it, for the values a response holds."""
    if value is None:
        return b"\xc0"
    if isinstance(value, bool):
        return b"\xc3" if value else b"\xc2"
    if isinstance(value, int):
        if -16 <= value <= 127:
            return struct.pack(">b", value)
        if -(2**31) <= value < 2**31:
            return b"\xca" + struct.pack(">i", value)
        return b"\xcb" + struct.pack(">q", value)
    if isinstance(value, float):
        return b"\xc1" + struct.pack(">d", value)
    if isinstance(value, str):
        data = value.encode()
        return _sized(len(data), 0x80, 0xD0) + data
    if isinstance(value, NodeRef):
        fields = [value.index, list(value.node.get("labels", [])), dict(value.node.get("properties", {}))]
        if version >= (5, 0):
            fields.append(value.element_id)
        return bytes([0xB0 | len(fields), 0x4E]) + b"".join(pack_value(f, version) for f in fields)
    if isinstance(value, dict):
        return _sized(len(value), 0xA0, 0xD8) + b"".join(
            pack_value(str(k), version) + pack_value(v, version) for k, v in value.items()
        )
    if isinstance(value, list | tuple):
        return _sized(len(value), 0x90, 0xD4) + b"".join(pack_value(v, version) for v in value)
    return pack_value(str(value), version)


def _sized(n: int, tiny: int, marker: int) -> bytes:
    if n < 16:
        return bytes([tiny | n])
    if n < 256:
        return bytes([marker, n])
    if n < 65536:
        return bytes([marker + 1]) + struct.pack(">H", n)
    return bytes([marker + 2]) + struct.pack(">I", n)


def unpack_value(data: bytes, pos: int) -> tuple[Any, int]:
    """One PackStream value from a client message (no structures inside requests) and the next position."""
    m = data[pos]
    pos += 1
    if m < 0x80 or m >= 0xF0:
        return (m if m < 0x80 else m - 256), pos
    kind, small = m & 0xF0, m & 0x0F
    if kind in (0x80, 0x90, 0xA0):
        return _container(kind, small, data, pos)
    if m in (0xC0, 0xC2, 0xC3):
        return {0xC0: None, 0xC2: False, 0xC3: True}[m], pos
    if m == 0xC1:
        return struct.unpack_from(">d", data, pos)[0], pos + 8
    if 0xC8 <= m <= 0xCB:
        width = 1 << (m - 0xC8)
        return int.from_bytes(data[pos : pos + width], "big", signed=True), pos + width
    for base, kind in ((0xD0, 0x80), (0xD4, 0x90), (0xD8, 0xA0)):
        if base <= m <= base + 2:
            width = 1 << (m - base)
            return _container(kind, int.from_bytes(data[pos : pos + width], "big"), data, pos + width)
    raise BoltClosed(f"marker 0x{m:02X} in a request")


def _container(kind: int, size: int, data: bytes, pos: int) -> tuple[Any, int]:
    if kind == 0x80:
        if pos + size > len(data):
            raise BoltClosed("string past the end of the message")
        return data[pos : pos + size].decode("utf-8", "replace"), pos + size
    items: list[Any] = []
    for _ in range(size * (2 if kind == 0xA0 else 1)):
        item, pos = unpack_value(data, pos)
        items.append(item)
    if kind == 0x90:
        return items, pos
    return {str(items[i]): items[i + 1] for i in range(0, len(items), 2)}, pos


class BoltConnection:
    """One Bolt client: the handshake, then Neo4j 5's server states for the messages a scanner sends.

    CONNECTED -HELLO-> AUTHENTICATION (5.1+) -LOGON-> READY -BEGIN-> TX_READY -RUN-> streaming,
    -PULL-> records; a FAILURE puts it in FAILED, where everything but RESET and GOODBYE
    is IGNORED; an auth failure and GOODBYE close the connection. Any message outside
    that set gets FAILURE ``Neo.ClientError.Request.Invalid``.
    """

    def __init__(self, sock: socket.socket, workdir: Path, auth: bool, number: int) -> None:
        self.sock, self.workdir, self.auth, self.number = sock, workdir, auth, number
        self.version = (5, 4)
        self.state = "CONNECTED"
        self.mode = "w"
        self.results: list[list[list[Any]]] = []

    def _log(self, entry: dict[str, Any]) -> None:
        with LOCK, (self.workdir / "bolt.log").open("a") as out:
            out.write(json.dumps(entry) + "\n")

    def _recv(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise BoltClosed("client hung up")
            data += chunk
        return data

    def serve(self) -> None:
        head = self._recv(4)
        if head == b"GET ":
            self._http_discovery(head)
            return
        if head != BOLT_MAGIC:
            return  # Neo4j closes on any other first bytes
        proposals = self._recv(16)
        chosen = self._negotiate(proposals)
        self._log({"message": "HANDSHAKE", "version": list(chosen) if chosen else None})
        if chosen is None:
            self.sock.sendall(b"\x00\x00\x00\x00")
            return
        self.version = chosen
        self.sock.sendall(bytes([0, 0, chosen[1], chosen[0]]))
        while True:
            self._message(self._read_message())

    def _http_discovery(self, head: bytes) -> None:
        """A plain HTTP GET on the Bolt port: Neo4j's DiscoveryResponseHandler answers 200 with the
        auth config (empty on Community Edition) and closes; a WebSocket upgrade is not served here."""
        data = head
        while b"\r\n\r\n" not in data and len(data) < 65536:
            chunk = self.sock.recv(4096)
            if not chunk:
                return
            data += chunk
        self._log({"message": "HTTP", "request_line": data.split(b"\r\n", 1)[0].decode("latin-1")})
        self.sock.sendall(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\naccess-control-allow-origin: *\r\n"
            b"vary: Accept\r\ncontent-length: 0\r\ndate: Tue, 01 Dec 2026 00:00:00 GMT\r\n\r\n"
        )

    @staticmethod
    def _negotiate(proposals: bytes) -> tuple[int, int] | None:
        for i in range(0, 16, 4):
            _, span, minor, major = proposals[i : i + 4]
            for candidate in range(minor, max(minor - span, 0) - 1, -1):
                if (major, candidate) in BOLT_VERSIONS:
                    return major, candidate
        return None

    def _read_message(self) -> tuple[int, list[Any]]:
        data = b""
        while True:
            size = int.from_bytes(self._recv(2), "big")
            if size == 0:
                if data:
                    break
                continue
            data += self._recv(size)
            if len(data) > 1 << 20:
                raise BoltClosed("request over 1 MiB")
        if not 0xB0 <= data[0] <= 0xBF:
            raise BoltClosed("a request that is not a structure")
        fields: list[Any] = []
        pos = 2
        for _ in range(data[0] & 0x0F):
            value, pos = unpack_value(data, pos)
            fields.append(value)
        return data[1], fields

    def _send(self, tag: int, *fields: Any) -> None:
        body = bytes([0xB0 | len(fields), tag]) + b"".join(pack_value(f, self.version) for f in fields)
        out = b"".join(
            struct.pack(">H", len(body[i : i + 65535])) + body[i : i + 65535] for i in range(0, len(body), 65535)
        )
        self.sock.sendall(out + b"\x00\x00")

    def _failure(self, code: str, message: str, *, close: bool = False) -> None:
        self._send(0x7F, {"code": code, "message": message})
        self.state = "FAILED"
        if close:
            raise BoltClosed(code)

    def _message(self, message: tuple[int, list[Any]]) -> None:
        tag, fields = message
        name = MESSAGE_NAMES.get(tag, f"0x{tag:02X}")
        extra = fields[0] if fields and isinstance(fields[0], dict) else {}
        entry: dict[str, Any] = {"message": name, "version": list(self.version)}
        if name in ("HELLO", "LOGON"):
            entry["keys"] = sorted(extra)
            entry["scheme"] = extra.get("scheme")
        elif name == "BEGIN":
            entry["mode"] = extra.get("mode", "w")
        elif name == "RUN":
            entry["query"] = fields[0] if fields else None
            entry["mode"] = (
                self.mode if self.state == "TX_READY" else (fields[2] if len(fields) > 2 else {}).get("mode", "w")
            )
        elif name == "PULL":
            entry["n"] = extra.get("n")
        self._log(entry)
        if name == "GOODBYE":
            raise BoltClosed("GOODBYE")
        if name == "RESET":
            self.state, self.results = "READY", []
            self._send(0x70, {})
            return
        if self.state == "FAILED":
            self._send(0x7E)
            return
        if name == "HELLO" and self.state == "CONNECTED":
            self._hello(extra)
        elif name == "LOGON" and self.state == "AUTHENTICATION":
            self._authenticate(extra)
        elif name == "BEGIN" and self.state == "READY":
            self.mode, self.state = str(extra.get("mode", "w")), "TX_READY"
            self._send(0x70, {})
        elif name == "RUN" and self.state in ("READY", "TX_READY"):
            self._run(fields, entry["mode"])
        elif name == "PULL" and self.results:
            self._pull(extra)
        else:
            self._failure(
                "Neo.ClientError.Request.Invalid",
                f"Message '{name}' cannot be handled by a session in the {self.state} state.",
            )

    def _hello(self, extra: dict[str, Any]) -> None:
        meta = {
            "server": f"Neo4j/{VERSION}",
            "connection_id": f"bolt-{self.number}",
            "hints": {"connection.recv_timeout_seconds": 120},
        }
        if self.version >= (5, 1):
            self.state = "AUTHENTICATION"
            self._send(0x70, meta)
            return
        if self._authorized(extra):
            self.state = "READY"
            self._send(0x70, meta)

    def _authenticate(self, token: dict[str, Any]) -> None:
        if self._authorized(token):
            self.state = "READY"
            self._send(0x70, {})

    def _authorized(self, token: dict[str, Any]) -> bool:
        if not self.auth:
            return True  # auth disabled: Neo4j accepts any token
        if token.get("scheme") == "none":
            self._failure("Neo.ClientError.Security.Unauthorized", NO_AUTH, close=True)
        self._failure(
            "Neo.ClientError.Security.Unauthorized",
            "The client is unauthorized due to authentication failure.",
            close=True,
        )
        return False

    def _run(self, fields: list[Any], mode: str) -> None:
        text = " ".join(str(fields[0]).split()) if fields else ""
        params = fields[1] if len(fields) > 1 and isinstance(fields[1], dict) else {}
        path = self.workdir / "data.json"
        nodes = list(json.loads(path.read_text()).get("nodes", [])) if path.exists() else []
        found = run_query(text, params, nodes)
        if found is None:
            if mode == "r" and WRITE_CLAUSES.search(text):
                self._failure(
                    "Neo.ClientError.Statement.AccessMode",
                    "Writing in read access mode not allowed. Attempted write to internal graph 0 (neo4j)",
                )
            else:
                self._failure(
                    "Neo.ClientError.Statement.SyntaxError",
                    f"Invalid input '{text[:20]}': expected <init> (line 1, column 1 (offset: 0))",
                )
            return
        columns, rows = found
        self.results.append(rows)
        self.state = "TX_READY" if self.state == "TX_READY" else "READY"
        self._send(0x70, {"fields": columns, "t_first": 1, "qid": len(self.results) - 1})

    def _pull(self, extra: dict[str, Any]) -> None:
        n = int(extra.get("n", -1))
        rows = self.results[-1]
        taken, rest = (rows, []) if n < 0 else (rows[:n], rows[n:])
        for row in taken:
            self._send(0x71, row)
        self.results[-1] = rest
        if rest:
            self._send(0x70, {"has_more": True})
            return
        self.results.pop()
        self._send(0x70, {"type": "r", "t_last": 0, "db": "neo4j"})


def serve_bolt(port: int, workdir: Path, auth: bool) -> None:
    """Accept Bolt clients on ``port``, each in its own thread."""
    listener = socket.create_server(("127.0.0.1", port))
    count = 0
    while True:
        conn, _ = listener.accept()
        count += 1
        threading.Thread(target=_bolt_client, args=(conn, workdir, auth, count), daemon=True).start()


def _bolt_client(conn: socket.socket, workdir: Path, auth: bool, number: int) -> None:
    with conn:
        try:
            BoltConnection(conn, workdir, auth, number).serve()
        except (BoltClosed, OSError, IndexError, struct.error):
            pass


def main(port: int, workdir: Path, auth: bool, bolt_port: int | None = None) -> None:
    if bolt_port is not None:
        threading.Thread(target=serve_bolt, args=(bolt_port, workdir, auth), daemon=True).start()
    handler = type("BoundNeo4jHandler", (Neo4jRequestHandler,), {"workdir": workdir, "auth": auth})
    ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()


if __name__ == "__main__":
    flags = sys.argv[3:]
    bolt = int(flags[flags.index("--bolt-port") + 1]) if "--bolt-port" in flags else None
    main(int(sys.argv[1]), Path(sys.argv[2]), "--auth" in flags, bolt)
