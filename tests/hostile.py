"""Hostile peers for tests: a tarpit, a firehose of random bytes, an HTTP yes-man.

Each runs in a daemon thread on 127.0.0.1 and stops when the test session ends.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable


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
