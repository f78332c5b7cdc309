"""MQTT brokers (Mosquitto, EMQX, HiveMQ, ...): who may subscribe, and what flows through.

Recognised by its answer to a CONNECT: a CONNACK. Access is what the broker grants an
anonymous client: CONNACK code 0 and a SUBACK granting ``#`` mean anyone may read every
topic (OwnTracks and fleet trackers publish positions there: a live location trail).

Read-only by construction, which is why the few packets are spoken here rather than
through a general client: the client sends CONNECT (MQTT 3.1.1, clean session, no will
message, no credentials), one SUBSCRIBE for ``#`` and ``$SYS/#`` at QoS 0 (so the broker
never waits for an acknowledgement and keeps no session after we leave), and
DISCONNECT. It never sends PUBLISH. Reads are bounded in time (a share of the service
deadline), in messages and in bytes, and an oversized packet is skipped in small chunks
without being buffered.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time

from ..models import Access, Endpoint, Exposure, Remediation
from ._topics import TopicSampler, skip_bytes
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

#: the longest the subscription listens (retained messages arrive at once, live ones over time)
LISTEN_SECONDS = 4.0
#: share of the service deadline the subscription may use at most
LISTEN_SHARE = 0.3
CONNACK_CODES = {
    1: "unacceptable protocol version",
    2: "client identifier rejected",
    3: "server unavailable",
    4: "bad user name or password",
    5: "not authorized: credentials required",
}
_SYS_FACTS = {
    "$SYS/broker/version": "version",
    "$SYS/broker/clients/connected": "clients_connected",
    "$SYS/broker/clients/total": "clients_total",
    "$SYS/broker/retained messages/count": "retained_messages",
    "$SYS/broker/subscriptions/count": "subscriptions",
}


def _string(value: bytes) -> bytes:
    return len(value).to_bytes(2, "big") + value


def _remaining_length(length: int) -> bytes:
    out = bytearray()
    while True:
        byte, length = length % 128, length // 128
        out.append(byte | (0x80 if length else 0))
        if not length:
            return bytes(out)


def connect_packet(client_id: bytes) -> bytes:
    """CONNECT, MQTT 3.1.1: clean session, no will, no user name or password, keep-alive 30 s."""
    body = _string(b"MQTT") + b"\x04" + b"\x02" + (30).to_bytes(2, "big") + _string(client_id)
    return b"\x10" + _remaining_length(len(body)) + body


def subscribe_packet(topics: tuple[bytes, ...]) -> bytes:
    """SUBSCRIBE, packet id 1, every filter at QoS 0 (nothing to acknowledge, nothing kept)."""
    body = (1).to_bytes(2, "big") + b"".join(_string(topic) + b"\x00" for topic in topics)
    return b"\x82" + _remaining_length(len(body)) + body


DISCONNECT = b"\xe0\x00"


class MqttError(Exception):
    """The peer broke the MQTT framing (a hostile or non-MQTT server)."""


async def _read_header(reader: asyncio.StreamReader) -> tuple[int, int]:
    """(first byte, remaining length) of the next packet."""
    first = (await reader.readexactly(1))[0]
    length, multiplier = 0, 1
    for _ in range(4):
        byte = (await reader.readexactly(1))[0]
        length += (byte & 0x7F) * multiplier
        if not byte & 0x80:
            return first, length
        multiplier *= 128
    raise MqttError("malformed remaining length")


class MqttEngine(Engine):
    """Anonymous CONNECT, then a QoS 0 subscription to # and $SYS/# for a bounded time: topics and payloads.

    Every topic group (same first level and depth) is one dataset named by its pattern
    (``owntracks/+/+``); retained messages and live traffic both count. ``$SYS`` topics
    are the broker's own statistics: they give the version and counters, never datasets.
    """

    name = "mqtt"
    title = "MQTT (Mosquitto, EMQX, HiveMQ)"
    default_ports = (1883, 8883)
    uri_schemes = (UriScheme("mqtt", 1883), UriScheme("mqtts", 8883, tls=True))
    nmap_services = ("mqtt", "secure-mqtt")
    deployed_as = (DataService("mqtt", (1883, 8883), ("eclipse-mosquitto", "mosquitto", "emqx", "hivemq4", "vernemq")),)
    system_databases = frozenset({"$sys"})
    tested_against = (
        "Debian `mosquitto` 2 (open: `allow_anonymous true` on a loopback listener; protected: a password file), "
        "its `$SYS` counters and log for the read-only proof"
    )
    probe = connect_packet(b"unguarded")
    remediation = Remediation(
        summary="Refuse anonymous clients, give each device its own login and topic ACL, and use TLS.",
        steps=(
            "mosquitto.conf: allow_anonymous false  and  password_file /etc/mosquitto/passwd  "
            "(mosquitto_passwd -c /etc/mosquitto/passwd <device>)",
            "mosquitto.conf: acl_file with one 'topic read|write owntracks/<user>/#' block per user, so no one may subscribe to #",
            "Serve MQTT over TLS only (listener 8883 with certfile/keyfile) and firewall 1883 from the internet",
            "EMQX/HiveMQ: disable anonymous authentication and add an authorization source that denies # by default",
        ),
        references=(
            "https://mosquitto.org/documentation/authentication-methods/",
            "https://mosquitto.org/man/mosquitto-conf-5.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: someone published to or took over topics on the open broker.",
            steps=(
                INTRUSION_STEP,
                "Read the broker log for client ids and addresses you do not know (log_type all), and list retained "
                "topics with an admin client",
                "Clear retained messages you did not publish (publish an empty retained message to each) after "
                "the forensic copy, then set allow_anonymous false with per-device logins and ACLs",
                "Rotate every device credential and check devices that subscribed to command topics",
            ),
            references=(
                "https://mosquitto.org/documentation/authentication-methods/",
                "https://mosquitto.org/man/mosquitto-conf-5.html",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        if len(answer) >= 4 and answer[0] == 0x20 and answer[1] == 0x02 and answer[2] in (0, 1) and answer[3] <= 5:
            return Identity(self.name, detail="protected" if answer[3] in (4, 5) else None)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        reader, writer = await ctx.connect(ep.address, ep.port, opts.connect_timeout, tls=ep.tls)
        try:
            return await self._assess(ep, ctx, reader, writer)
        finally:
            with contextlib.suppress(Exception):
                writer.write(DISCONNECT)
                await asyncio.wait_for(writer.drain(), 1.0)
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)

    async def _assess(
        self, ep: Endpoint, ctx: ScanContext, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> Assessment:
        opts = ctx.options
        writer.write(connect_packet(b"unguarded-" + os.urandom(4).hex().encode()))
        await asyncio.wait_for(writer.drain(), opts.io_timeout)
        first, length = await asyncio.wait_for(_read_header(reader), opts.io_timeout)
        if first != 0x20 or length != 2:
            raise MqttError(f"expected CONNACK, got packet type {first >> 4}")
        _flags, code = await asyncio.wait_for(reader.readexactly(2), opts.io_timeout)
        if code:
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                tls=ep.tls,
                auth_detail=f"CONNACK {code}: {CONNACK_CODES.get(code, 'refused')}",
            )
        writer.write(subscribe_packet((b"#", b"$SYS/#")))
        await asyncio.wait_for(writer.drain(), opts.io_timeout)
        sampler = TopicSampler(
            "/",
            "+",
            max_messages=opts.sample_size * 50,
            max_bytes=opts.dataset_byte_cap,
            sample_size=opts.sample_size,
            record_byte_cap=opts.record_byte_cap,
            max_topics=opts.max_datasets,
        )
        facts: dict[str, str] = {}
        window = min(LISTEN_SECONDS, opts.service_deadline * LISTEN_SHARE)
        granted = await self._listen(reader, sampler, facts, time.monotonic() + window, opts.io_timeout)
        if granted is not None and not granted:
            return Assessment(
                Exposure.OPEN,
                Access.METADATA,
                tls=ep.tls,
                version=_version(facts.get("version")),
                auth_detail="anonymous clients connect, but the topic ACL refused a subscription to #",
            )
        result = Assessment(
            Exposure.OPEN,
            Access.READ,
            tls=ep.tls,
            version=_version(facts.get("version")),
            auth_detail="anonymous clients accepted (CONNACK 0) and granted a subscription to # "
            "(publishing is very likely allowed too; never tried)",
        )
        result.server_config = {key: value for key, value in facts.items() if key != "version"}
        sampler.into(result)
        if sampler.full():
            result.error(
                ep,
                "sample",
                f"stopped reading after {sampler.messages:,} messages / {sampler.size:,} bytes (the sample bounds)",
            )
        if sampler.oversized:
            result.error(
                ep, "sample", f"{sampler.oversized} messages over the {opts.record_byte_cap:,}-byte cap skipped"
            )
        if len(sampler.groups) >= opts.max_datasets:
            result.error(ep, "inventory", f"stopped at {opts.max_datasets} topic groups (--max-datasets)")
        return result

    @staticmethod
    async def _listen(
        reader: asyncio.StreamReader,
        sampler: TopicSampler,
        facts: dict[str, str],
        until: float,
        io_timeout: float,
    ) -> bool | None:
        """Read packets until the window closes or a bound is hit; whether ``#`` was granted (None: no SUBACK)."""
        granted: bool | None = None
        with contextlib.suppress(TimeoutError, asyncio.IncompleteReadError, ConnectionError):
            granted = await MqttEngine._packets(reader, sampler, facts, until, io_timeout)
        return granted

    @staticmethod
    async def _packets(
        reader: asyncio.StreamReader,
        sampler: TopicSampler,
        facts: dict[str, str],
        until: float,
        io_timeout: float,
    ) -> bool | None:
        granted: bool | None = None
        while (left := until - time.monotonic()) > 0:
            try:
                first, length = await asyncio.wait_for(_read_header(reader), left)
            except TimeoutError:
                break
            kind = first >> 4
            if kind == 9:  # SUBACK: packet id, then one return code per filter
                body = await asyncio.wait_for(reader.readexactly(length), io_timeout)
                granted = len(body) > 2 and body[2] != 0x80
                if not granted:
                    break
                continue
            if kind != 3:  # only PUBLISH carries data; PINGRESP and the like are skipped
                await asyncio.wait_for(skip_bytes(reader, length), io_timeout)
                continue
            qos = (first >> 1) & 3
            head = await asyncio.wait_for(reader.readexactly(2), io_timeout)
            topic_length = int.from_bytes(head, "big")
            payload_length = length - 2 - topic_length - (2 if qos else 0)
            if topic_length > 4096 or payload_length < 0:
                raise MqttError("PUBLISH with an impossible topic length")
            topic = (await asyncio.wait_for(reader.readexactly(topic_length), io_timeout)).decode("utf-8", "replace")
            if qos:
                await asyncio.wait_for(reader.readexactly(2), io_timeout)  # packet id (we asked for QoS 0)
            if payload_length > sampler.record_byte_cap:
                if sampler.size + payload_length > sampler.max_bytes:
                    sampler.count_only(payload_length)  # larger than what is left to read: stop here
                    break
                await asyncio.wait_for(skip_bytes(reader, payload_length), io_timeout)
                if not sampler.count_only(payload_length):
                    break
                continue
            payload = await asyncio.wait_for(reader.readexactly(payload_length), io_timeout)
            if topic.startswith("$SYS/"):
                fact = _SYS_FACTS.get(topic)
                if fact:
                    facts[fact] = payload[:200].decode("utf-8", "replace")
                continue
            if not sampler.add(topic, payload, retained=bool(first & 1)):
                break
        return granted


def _version(banner: str | None) -> str | None:
    """``mosquitto version 2.0.11`` -> ``2.0.11``."""
    if not banner:
        return None
    return banner.rsplit(" ", 1)[-1] or None


ENGINE = MqttEngine()
