"""memcached against a real memcached: open (no auth exists) and ASCII-auth protected."""

from __future__ import annotations

import json
import socket

from tests.conftest import Lab, only_service, run_scan, validate_report

CANARY = "canary-memc-9e2b@leak-test.example"


def command(port: int, line: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(line)
        data = b""
        while not data.endswith((b"END\r\n", b"STORED\r\n")):
            data += sock.recv(65536)
        return data


def stats(port: int) -> dict[str, str]:
    return {
        ln.split()[1]: ln.split()[2]
        for ln in command(port, b"stats\r\n").decode().splitlines()
        if ln.startswith("STAT")
    }


def test_open_memcached(lab: Lab, report_schema):
    server = lab.get("memcached")
    for i in range(25):
        value = json.dumps({"email": CANARY if i == 0 else f"user{i}@example.net", "name": "Jo Bloggs"}).encode()
        command(server.port, b"set profile:%d 0 0 %d\r\n%s\r\n" % (i, len(value), value))
    for i in range(10):
        command(server.port, b"set cache:html:%d 0 0 5\r\nhello\r\n" % i)
    before = stats(server.port)
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("memcached", "open", "admin")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["profile:*"].records == 25 and by_name["cache:html:*"].records == 10
    assert "contact.email" in by_name["profile:*"].categories
    after = stats(server.port)
    assert after["cmd_set"] == before["cmd_set"]  # read-only, from the server's counter
    assert after.get("cmd_flush") == before.get("cmd_flush")
    assert CANARY not in json.dumps(report.to_json_dict())
