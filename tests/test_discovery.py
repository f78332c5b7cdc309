"""Protocol identification through the transport seam: no network, real banner bytes."""

from __future__ import annotations

import asyncio
import json
import struct

import bson
import pytest

from unguarded.discovery import IdentifyError, _plan, identify
from unguarded.engines import all_engines
from unguarded.engines._http import HTTP_PROBE
from unguarded.engines.base import Engine, Probe, ScanContext, ScanOptions
from unguarded.models import Endpoint

REDIS_DENIED = (
    b"-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the "
    b"default user. In this mode connections are only accepted from the loopback interface.\r\n"
)
ES7_BANNER = json.dumps(
    {
        "name": "node-1",
        "cluster_name": "prod",
        "cluster_uuid": "x",
        "version": {"number": "7.17.9", "build_flavor": "default"},
        "tagline": "You Know, for Search",
    }
).encode()
OPENSEARCH_401 = b'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="OpenSearch Security"\r\ncontent-length: 12\r\n\r\nUnauthorized'


def http(status: str, body: bytes, extra: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n{extra}\r\n".encode()
        + body
    )


def mysql_greeting(version: bytes = b"10.11.6-MariaDB-0+deb12u1") -> bytes:
    payload = (
        b"\x0a"
        + version
        + b"\x00"
        + struct.pack("<I", 7)
        + b"abcdefgh\x00"
        + b"\xff\xf7"
        + b"\x08\x02\x00"
        + b"\x00" * 13
    )
    return struct.pack("<I", len(payload))[:3] + b"\x00" + payload


def mongo_reply() -> bytes:
    body = struct.pack("<I", 0) + b"\x00" + bson.encode({"isWritablePrimary": True, "maxWireVersion": 21, "ok": 1.0})
    return struct.pack("<iiii", 16 + len(body), 1, 0x55470001, 2013) + body


class FakePeer:
    """A scripted server: an optional greeting, then an answer chosen by the request."""

    def __init__(self, greeting: bytes = b"", answers: dict[bytes, bytes] | None = None, default: bytes = b"") -> None:
        self.greeting, self.answers, self.default = greeting, answers or {}, default
        self.requests: list[bytes] = []

    async def connect(self, address: str, port: int, timeout: float, *, tls: bool = False):
        if tls:
            raise ConnectionResetError("no TLS on this fake peer")
        reader = asyncio.StreamReader()
        peer = self

        class Writer:
            def write(self, data: bytes) -> None:
                peer.requests.append(data)
                for prefix, answer in peer.answers.items():
                    if data.startswith(prefix):
                        reader.feed_data(answer)
                        return
                if peer.default:
                    reader.feed_data(peer.default)

            async def drain(self) -> None:
                return None

            def close(self) -> None:
                reader.feed_eof()

            async def wait_closed(self) -> None:
                return None

        if self.greeting:
            reader.feed_data(self.greeting)
        return reader, Writer()


def run_identify(peer: FakePeer, port: int = 4242, hint: str | None = None):
    ctx = ScanContext(options=ScanOptions(io_timeout=0.3), connect=peer.connect)
    ep = Endpoint(host="db.example", address="192.0.2.1", port=port, hint=hint)
    return asyncio.run(identify(ep, ctx, all_engines()))


@pytest.mark.parametrize(
    ("peer", "engine", "version"),
    [
        (FakePeer(answers={b"PING": b"+PONG\r\n"}), "redis", None),
        (FakePeer(answers={b"PING": REDIS_DENIED}), "redis", None),
        (FakePeer(answers={b"PING": b"-NOAUTH Authentication required.\r\n"}), "redis", None),
        (FakePeer(answers={b"version": b"VERSION 1.6.21\r\n"}), "memcached", "1.6.21"),
        (FakePeer(answers={b"version": b"CLIENT_ERROR unauthenticated\r\n"}), "memcached", None),
        (FakePeer(greeting=mysql_greeting()), "mysql", "10.11.6-MariaDB-0+deb12u1"),
        (FakePeer(), None, None),
        (FakePeer(answers={b"GET /": http("200 OK", ES7_BANNER)}), "elasticsearch", "7.17.9"),
        (
            FakePeer(
                answers={
                    b"GET /": http(
                        "401 Unauthorized",
                        b'{"error":{"type":"security_exception"}}',
                        'WWW-Authenticate: Basic realm="security"\r\n',
                    )
                }
            ),
            "elasticsearch",
            None,
        ),
        (FakePeer(answers={b"GET /": OPENSEARCH_401}), "opensearch", None),
    ],
)
def test_identify_by_answer(peer, engine, version):
    if engine is None:
        with pytest.raises(IdentifyError, match="never answered"):
            run_identify(peer)
        return
    found = run_identify(peer)
    assert (found.engine, found.version) == (engine, version)


def test_mongodb_by_op_msg_reply():
    hello = all_engines()
    mongo = next(e for e in hello if e.name == "mongodb")
    peer = FakePeer(answers={mongo.probe[:4]: mongo_reply()})
    assert run_identify(peer).engine == "mongodb"


@pytest.mark.parametrize(
    "body",
    [
        b"<html>ok</html>",
        json.dumps({"version": "1.0", "status": "ok"}).encode(),
        json.dumps({"version": {"number": "1"}}).encode(),
    ],
)
def test_http_yes_man_is_not_elasticsearch(body):
    with pytest.raises(IdentifyError, match="not with any supported"):
        run_identify(FakePeer(default=http("200 OK", body)), port=9200)


def test_hint_probes_first():
    peer = FakePeer(answers={b"PING": b"+PONG\r\n"})
    run_identify(peer, port=27017, hint="redis")
    assert peer.requests[0].startswith(b"PING")


def test_well_known_port_probes_first():
    peer = FakePeer(answers={b"version": b"VERSION 1.6.21\r\n"})
    run_identify(peer, port=11211)
    assert peer.requests[0].startswith(b"version")


# ------------------------------------------------------------- engines with a second protocol

BOLT_HANDSHAKE_START = b"\x60\x60\xb0\x17"


def test_neo4j_bolt_by_its_exact_version_answer():
    """On its well-known port the Bolt handshake goes out early; the exact 4-byte answer names it.

    Answers outside the offer (zeros, an unoffered version, a fifth byte) are refused by
    ``Neo4jEngine.match`` (tests/engines/test_neo4j.py), so they fall through to "not with
    any supported" here like any other unknown answer.
    """
    peer = FakePeer(answers={BOLT_HANDSHAKE_START: b"\x00\x00\x04\x05"})
    found = run_identify(peer, port=7687)
    assert (found.engine, found.detail) == ("neo4j", "Bolt 5.4")
    handshakes = [r for r in peer.requests if r.startswith(BOLT_HANDSHAKE_START)]
    assert len(handshakes) == 1 and len(handshakes[0]) == 20  # magic + four proposals


class TwoProtocolEngine(Engine):
    """A made-up engine with a text protocol and a binary one."""

    name = "twoproto"
    default_ports = (1111,)
    probe = b"TEXT\r\n"
    extra_probes = (Probe(b"\x01BIN", "twoproto-binary"), Probe(HTTP_PROBE, "http"))


def test_plan_gives_every_probe_of_an_engine_its_own_attempt():
    engines = [*all_engines(), TwoProtocolEngine()]
    assert [p.payload for p in TwoProtocolEngine().probes()] == [b"TEXT\r\n", b"\x01BIN", HTTP_PROBE]
    ep = Endpoint(host="db.example", address="192.0.2.1", port=1111)
    attempts = _plan(ep, engines)
    mine = [a for a in attempts if any(e.name == "twoproto" for e in a.engines)]
    # its own port: its probes first, in declared order; the extra HTTP probe joins the shared HTTP attempt
    assert attempts[:3] == mine and [a.probe for a in mine] == [b"TEXT\r\n", b"\x01BIN", HTTP_PROBE]
    http = mine[2]
    assert http.engines[0].name == "twoproto" and {"elasticsearch", "neo4j"} <= {e.name for e in http.engines}
    # every other engine keeps one attempt per probe group, as before
    assert len(attempts) == len({p.group for e in engines for p in e.probes()})


def test_a_hint_puts_all_of_the_engines_probes_first():
    attempts = _plan(Endpoint(host="h", address="192.0.2.1", port=9999, hint="neo4j"), all_engines())
    assert [a.engines[0].name for a in attempts[:2]] == ["neo4j", "neo4j"]
    assert attempts[0].probe == HTTP_PROBE and attempts[1].probe.startswith(BOLT_HANDSHAKE_START)
