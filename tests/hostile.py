"""Hostile peers for tests and benchmarks/hostile: a tarpit, a firehose, an HTTP yes-man, and protocol peers.

Each runs in a daemon thread on 127.0.0.1 and stops when the test session ends.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO


def _serve(handler: Callable[[socket.socket], None]) -> tuple[int, Callable[[], None]]:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    stop = threading.Event()
    held: list[socket.socket] = []

    def loop() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            held.append(conn)
            threading.Thread(target=handler, args=(conn,), daemon=True).start()

    threading.Thread(target=loop, daemon=True).start()

    def close() -> None:
        stop.set()
        for c in held:
            c.close()
        listener.close()

    return listener.getsockname()[1], close


def tarpit() -> tuple[int, Callable[[], None]]:
    """Accepts and never says a word."""
    return _serve(lambda conn: None)


def garbage() -> tuple[int, Callable[[], None]]:
    """Sends random bytes at once and after anything it receives."""

    def handle(conn: socket.socket) -> None:
        try:
            conn.sendall(os.urandom(512))
            while conn.recv(4096):
                conn.sendall(os.urandom(2048))
        except OSError:
            pass

    return _serve(handle)


def http_yes_man() -> tuple[int, Callable[[], None]]:
    """Answers 200 with a JSON-ish page to every request, whatever it is."""

    def handle(conn: socket.socket) -> None:
        try:
            while conn.recv(4096):
                body = b'{"status": "ok", "name": "totally elasticsearch", "version": "1"}'
                conn.sendall(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                    % (len(body), body)
                )
        except OSError:
            pass

    return _serve(handle)


# --------------------------------------------------------------------------- protocol peers
# Each speaks just enough of one protocol to be identified and assessed, then misbehaves.


def _recv_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("peer closed")
        data += chunk
    return data


def _flood(conn: socket.socket, seconds: float = 120.0, pause: float = 0.0, piece: bytes = b"x" * 65536) -> None:
    """Send ``piece`` again and again (with ``pause`` between) until the client goes."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        conn.sendall(piece)
        if pause:
            time.sleep(pause)


def mongodb(mode: str) -> tuple[int, Callable[[], None]]:
    """A MongoDB that handshakes, then: ``huge`` (a reply advertising 2 GB), ``many`` (300,000 databases)
    or ``hollow`` (databases with sizes on disk and not one collection)."""
    import bson

    many = None
    if mode == "many":
        many = {"databases": [{"name": f"d{i}", "sizeOnDisk": 1, "empty": False} for i in range(300_000)], "ok": 1.0}
    elif mode == "hollow":
        many = {
            "databases": [{"name": n, "sizeOnDisk": 83_886_080, "empty": False} for n in ("crm", "shop")],
            "ok": 1.0,
        }
    hello = {
        "ismaster": True,
        "isWritablePrimary": True,
        "helloOk": True,
        "maxWireVersion": 17,
        "minWireVersion": 0,
        "maxBsonObjectSize": 16 * 1024 * 1024,
        "maxMessageSizeBytes": 2**31 - 1,
        "maxWriteBatchSize": 100_000,
        "connectionId": 1,
        "topologyVersion": {"processId": bson.ObjectId(), "counter": 0},
        "ok": 1.0,
    }

    def answer(command: str) -> dict[str, object]:
        if command.lower() in ("hello", "ismaster"):
            return hello
        if command == "buildInfo":
            return {"version": "6.0.4", "ok": 1.0}
        if command == "listDatabases" and many is not None:
            return many
        if command == "listCollections":
            return {"cursor": {"id": 0, "ns": "x.$cmd.listCollections", "firstBatch": []}, "ok": 1.0}
        if command == "connectionStatus":
            return {"authInfo": {"authenticatedUsers": [], "authenticatedUserRoles": []}, "ok": 1.0}
        if command in ("endSessions", "ping"):
            return {"ok": 1.0}
        return {"ok": 0.0, "errmsg": f"no such command: '{command}'", "code": 59, "codeName": "CommandNotFound"}

    def handle(conn: socket.socket) -> None:
        try:
            while True:
                length, request_id, _to, opcode = struct.unpack("<iiii", _recv_exact(conn, 16))
                body = _recv_exact(conn, length - 16)
                if opcode == 2004:  # OP_QUERY (legacy handshake)
                    at = body.index(b"\0", 4) + 1 + 8
                    doc = bson.decode(body[at : at + struct.unpack_from("<i", body, at)[0]])
                else:
                    doc = bson.decode(body[5 : 5 + struct.unpack_from("<i", body, 5)[0]])
                command = next(iter(doc))
                if mode == "huge" and command not in ("hello", "isMaster", "ismaster"):
                    conn.sendall(struct.pack("<iiii", 2**31 - 1, 1, request_id, 2013))
                    _flood(conn)
                    return
                reply = bson.encode(answer(command))
                if opcode == 2004:
                    payload = struct.pack("<iqii", 0, 0, 0, 1) + reply
                    conn.sendall(struct.pack("<iiii", 16 + len(payload), 1, request_id, 1) + payload)
                else:
                    payload = struct.pack("<I", 0) + b"\0" + reply
                    conn.sendall(struct.pack("<iiii", 16 + len(payload), 1, request_id, 2013) + payload)
        except (OSError, ConnectionError, ValueError, StopIteration):
            pass

    return _serve(handle)


def _resp_commands(stream: BinaryIO) -> Iterator[list[bytes]]:
    while True:
        line = stream.readline(65536)
        if not line:
            return
        if not line.startswith(b"*"):
            yield line.split()  # inline command (discovery's PING)
            continue
        args = []
        for _ in range(int(line[1:])):
            size = int(stream.readline(65536)[1:])
            args.append(stream.read(size + 2)[:-2])
        yield args


def redis(mode: str) -> tuple[int, Callable[[], None]]:
    """A Redis whose SCAN cursor never returns to 0 (``endless_scan``) or whose value never ends (``huge_value``)."""

    def handle(conn: socket.socket) -> None:
        stream = conn.makefile("rb")
        try:
            for args in _resp_commands(stream):
                name = args[0].upper() if args else b""
                sub = args[1].lower() if len(args) > 1 else b""
                if name == b"PING":
                    conn.sendall(b"+PONG\r\n")
                elif name == b"INFO":
                    text = (
                        b"# Keyspace\r\ndb0:keys=1000000,expires=0,avg_ttl=0\r\n"
                        if sub == b"keyspace"
                        else (b"# Server\r\nredis_version:7.2.4\r\nredis_mode:standalone\r\n")
                    )
                    conn.sendall(b"$%d\r\n%s\r\n" % (len(text), text))
                elif name in (b"SELECT", b"CLIENT"):
                    conn.sendall(b"+OK\r\n")
                elif name == b"CONFIG":
                    conn.sendall(b"*0\r\n")
                elif name == b"SCAN":
                    if mode == "endless_scan":
                        conn.sendall(b"*2\r\n$1\r\n7\r\n*0\r\n")
                    else:
                        conn.sendall(b"*2\r\n$1\r\n0\r\n*1\r\n$6\r\nuser:1\r\n")
                elif name == b"TYPE":
                    conn.sendall(b"+string\r\n")
                elif name == b"GETRANGE":
                    conn.sendall(b"$500000000\r\n")
                    _flood(conn)
                    return
                else:
                    conn.sendall(b"-ERR unknown command\r\n")
        except (OSError, ValueError):
            pass

    return _serve(handle)


def _mysql_greeting() -> bytes:
    salt = b"abcdefghijklmnopqrst"
    payload = (
        b"\x0a8.0.36\x00"
        + struct.pack("<I", 7)
        + salt[:8]
        + b"\x00"
        + struct.pack("<H", 0xF7FF)
        + b"\x21"
        + struct.pack("<H", 2)
        + struct.pack("<H", 0x81BF)
        + bytes([21])
        + b"\x00" * 10
        + salt[8:]
        + b"\x00"
        + b"mysql_native_password\x00"
    )
    return struct.pack("<I", len(payload))[:3] + b"\x00" + payload


def mysql(mode: str) -> tuple[int, Callable[[], None]]:
    """A MySQL that greets, then after the login drips one byte at a time (``drip``) or sends an endless packet (``absurd``)."""

    def handle(conn: socket.socket) -> None:
        try:
            conn.sendall(_mysql_greeting())
            header = _recv_exact(conn, 4)
            _recv_exact(conn, int.from_bytes(header[:3], "little"))
            if mode == "drip":
                conn.sendall(b"\xff\xff\xff\x02")
                _flood(conn, pause=0.2, piece=b"\x00")
            else:
                body = b"\x00" * 0xFFFFFF
                for sequence in range(2, 10_000):
                    conn.sendall(b"\xff\xff\xff" + bytes([sequence % 256]) + body)
        except (OSError, ConnectionError):
            pass

    return _serve(handle)


ES_BANNER = (
    b'{"name":"node-1","cluster_name":"prod","cluster_uuid":"Q1w2E3r4T5y6U7i8O9p0Aa","version":{"number":"7.17.9",'
    b'"build_flavor":"default","build_type":"deb","build_hash":"ef48222227ee6b9e70e502f0f0daa52435ee634d",'
    b'"lucene_version":"8.11.1"},"tagline":"You Know, for Search"}'
)


def _http_request(stream: BinaryIO) -> tuple[str, str, bytes] | None:
    line = stream.readline(65536)
    if not line:
        return None
    method, path = line.decode("latin-1").split()[:2]
    length = 0
    while True:
        header = stream.readline(65536)
        if header in (b"\r\n", b"\n", b""):
            break
        name, _, value = header.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return method, path, stream.read(length)


def _http(conn: socket.socket, status: str, body: bytes, extra: bytes = b"") -> None:
    conn.sendall(
        b"HTTP/1.1 %s\r\ncontent-type: application/json\r\ncontent-length: %d\r\n%s\r\n%s"
        % (status.encode(), len(body), extra, body)
    )


def elasticsearch(mode: str) -> tuple[int, Callable[[], None]]:
    """An Elasticsearch with a listing that never ends (``million``, fast; ``slow_chunks``) or a gzip bomb (``gzip_bomb``)."""
    bomb = b""
    if mode == "gzip_bomb":
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        zeros = b"\0" * (1 << 20)
        bomb = b"".join(packer.compress(zeros) for _ in range(512)) + packer.flush()  # 512 MiB inflated

    def handle(conn: socket.socket) -> None:
        stream = conn.makefile("rb")
        try:
            while True:
                request = _http_request(stream)
                if request is None:
                    return
                method, path, _body = request
                if path == "/":
                    _http(conn, "200 OK", ES_BANNER)
                elif path.startswith("/_cat/indices"):
                    if mode == "gzip_bomb":
                        _http(conn, "200 OK", b'[{"index":"people","docs.count":"5","store.size":"100"}]')
                        continue
                    conn.sendall(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
                    )
                    entry = b'{"index":"i%07d","docs.count":"0","store.size":"0"},'
                    first = b"["
                    n = 0
                    while True:
                        batch = 10 if mode == "slow_chunks" else 1000
                        piece = first + b"".join(entry % (n + i) for i in range(batch))
                        first = b""
                        n += batch
                        conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                        if mode == "slow_chunks":
                            time.sleep(0.2)
                elif path.endswith("/_search") and mode == "gzip_bomb":
                    _http(conn, "200 OK", bomb, b"content-encoding: gzip\r\n")
                else:
                    _http(conn, "404 Not Found", b'{"error":"no handler found"}')
        except (OSError, ValueError):
            pass

    return _serve(handle)


#: every misbehaving protocol peer: (name, URI scheme for the target, factory)
PROTOCOL_PEERS: dict[str, tuple[str, Callable[[], tuple[int, Callable[[], None]]]]] = {
    "mongodb-2GB-reply": ("mongodb", lambda: mongodb("huge")),
    "mongodb-300k-databases": ("mongodb", lambda: mongodb("many")),
    "redis-endless-scan": ("redis", lambda: redis("endless_scan")),
    "redis-500MB-value": ("redis", lambda: redis("huge_value")),
    "mysql-drip": ("mysql", lambda: mysql("drip")),
    "mysql-endless-packet": ("mysql", lambda: mysql("absurd")),
    "es-million-indices": ("elasticsearch", lambda: elasticsearch("million")),
    "es-chunked-forever": ("elasticsearch", lambda: elasticsearch("slow_chunks")),
    "es-gzip-bomb": ("elasticsearch", lambda: elasticsearch("gzip_bomb")),
}


#: a small launcher that runs the scan and reports its peak RSS. Linux carries the
#: high-water RSS of the image a process was forked from across ``exec``, so a scan
#: spawned straight from a big pytest process would report pytest's size; spawned from
#: this small one, ``wait4`` gives the scanner's own peak.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=open(sys.argv[1], "w"))
_pid, status, usage = os.wait4(child.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def scan_in_child(
    targets: list[str], *, deadline: float, timeout: float = 1.0, cap: float = 180.0
) -> tuple[dict, float, float, str]:  # type: ignore[type-arg]
    """Scan in a child process: the JSON report, wall seconds, the scan's peak RSS in MiB and its stderr.

    ``cap`` only guards the test run (the launcher and its scan are killed past it).
    """
    import json
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        err = os.path.join(tmp, "stderr.txt")
        args = [sys.executable, "-m", "unguarded.cli", "scan", *targets, "--json", out, "-q", "--no-store"]
        args += ["--deadline", str(deadline), "--timeout", str(timeout), "--connect-timeout", "1"]
        started = time.monotonic()
        launched = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, err, *args], capture_output=True, text=True, timeout=cap
        )
        seconds = time.monotonic() - started
        peak_kib = int(launched.stdout.split()[0]) if launched.stdout.strip() else 0
        with open(err) as handle:
            stderr = handle.read()
        report = json.loads(open(out).read()) if os.path.exists(out) else {}
    return report, seconds, peak_kib / 1024, stderr


def webhook_drip() -> tuple[int, Callable[[], None]]:
    """A webhook receiver that reads the post, then drips its answer a byte every 0.2 s, forever."""

    def handle(conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            _flood(conn, seconds=60, pause=0.2, piece=b"X")
        except OSError:
            pass

    return _serve(handle)
