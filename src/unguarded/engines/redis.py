"""Redis (and compatible servers: Valkey, KeyDB).

Exposure comes from PING: ``-NOAUTH`` means a password is required and ``-DENIED``
means protected mode refuses outsiders; ``+PONG`` means anyone is in. Access comes from
``ACL WHOAMI``/``ACL GETUSER`` (Redis 6+); before ACLs existed an open server allowed
everything. Keys are grouped by pattern (``user:*``) from a bounded SCAN, and values
are sampled with length-capped reads (GETRANGE, LRANGE 0 n, SRANDMEMBER n, ...). Only
read commands are ever sent, which the tests check in ``INFO commandstats``.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import redis.asyncio as aioredis
from redis.driver_info import DriverInfo
from redis.exceptions import AuthenticationError, ConnectionError, NoPermissionError, ResponseError

from ..classify import SampledDataset, dataset_label, sample_texts
from ..models import Access, Endpoint, Evidence, Exposure, Remediation
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme
from .keyspace import group_keys

MAX_ITEMS = 20
#: sampled records per key pattern searched for planted cron lines and SSH keys
SIGN_RECORDS = 20

# The classic takeover: CONFIG SET dir/dbfilename, then SAVE writes a key's value as a
# crontab or authorized_keys file. The planted keys and the settings both show it.
_CRON = re.compile(
    r"(?m)^\s*(?:@reboot|(?:\*/\d+|\*|\d+[\d,\-/]*)(?:\s+(?:\*/\d+|\*|\d+[\d,\-/]*)){4})\s+.*"
    r"\b(?:curl|wget|sh|bash|python\d?|perl|nc|busybox|base64)\b"
)
_SSH_KEY = re.compile(r"\b(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA[0-9A-Za-z+/]{20,}")
_TAMPERED_DIR = re.compile(r"(?:/var/spool/cron|/etc/cron|/\.ssh|/etc/(?:crontab|ssh|profile)|/var/www)", re.IGNORECASE)
_TAMPERED_FILE = re.compile(
    r"^(?:root|authorized_keys\d?|crontab|cron|.*\.php|.*\.sh|backup\.db|x|zzh)$", re.IGNORECASE
)


#: the errors a protected Redis answers PING with, whole lines (redis/src/server.c, acl.c)
_PROTECTED_REPLY = re.compile(
    rb"-NOAUTH Authentication required\.?|-DENIED Redis is running in protected mode[\x20-\x7e]*"
    rb"|-ERR operation not permitted|-WRONGPASS [\x20-\x7e]*"
)


def _decode(value: Any) -> Any:
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value
    return value


def _maybe_json(text: Any) -> Any:
    if isinstance(text, str) and text[:1] in "{[":
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


class RedisEngine(Engine):
    """PING for exposure, the session's ACL for access, key patterns from a bounded SCAN, CONFIG dir for takeovers.

    PING answers ``-NOAUTH``/``-DENIED`` when protected; ``ACL WHOAMI`` and ``ACL GETUSER``
    give the session's rights; ``INFO keyspace`` and a bounded ``SCAN`` list keys, grouped
    into patterns. Intrusion signs of its own: keys holding a cron line or an SSH key, and
    ``CONFIG GET dir``/``dbfilename`` pointing at a cron or ``.ssh`` directory.
    """

    name = "redis"
    title = "Redis / Valkey / KeyDB"
    default_ports = (6379, 6380)
    uri_schemes = (UriScheme("redis", 6379), UriScheme("rediss", 6380, tls=True))
    nmap_services = ("redis",)
    deployed_as = (DataService("redis", (6379,), ("redis", "redis-stack", "redis-stack-server", "valkey", "keydb")),)
    tested_against = "real `redis-server` (Debian)"
    probe = b"PING\r\n"
    remediation = Remediation(
        summary="Require authentication and stop listening on public interfaces.",
        steps=(
            "redis.conf: requirepass <long random secret>  (or ACL users with 'user default off')",
            "redis.conf: bind 127.0.0.1 -::1  and  protected-mode yes",
            'redis.conf: rename-command CONFIG ""  (blocks the CONFIG SET dir/dbfilename takeover)',
            "Firewall 6379 from the internet; restart Redis and rotate any secrets the keys held",
        ),
        references=("https://redis.io/docs/latest/operate/oss_and_stack/management/security/",),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as a host intrusion: planted cron or SSH keys run as the Redis user.",
            steps=(
                INTRUSION_STEP,
                "On the host: crontab -l -u redis; ls /var/spool/cron /etc/cron.d; check ~redis/.ssh/authorized_keys and /root/.ssh",
                "redis-cli CONFIG SET dir /var/lib/redis  and  CONFIG SET dbfilename dump.rdb  (undo the takeover), then requirepass",
                'redis.conf: rename-command CONFIG ""  and  bind 127.0.0.1 -::1; rebuild the host if anything ran as root',
            ),
            references=(
                "https://redis.io/docs/latest/operate/oss_and_stack/management/security/",
                "https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/",
            ),
        ),
    }

    def intrusion_signs(self, result: Assessment) -> list[Evidence]:
        """Planted cron lines and SSH keys in sampled values, and a tampered ``dir``/``dbfilename``."""
        return [*_planted_keys(result.datasets), *_tampered_config(result.server_config)]

    def match(self, answer: bytes) -> Identity | None:
        """Only the replies Redis gives to ``PING``, as whole RESP lines.

        ``+PONG``, or one of the errors a protected Redis sends (``-NOAUTH``, ``-DENIED``
        from protected mode, Redis 2's ``-ERR operation not permitted``). Any other ``-ERR``
        line is not Redis: NATS answers ``-ERR 'Authorization Violation'``, and many
        line protocols say ``-ERR`` to whatever they do not understand.
        """
        if answer == b"+PONG\r\n":
            return Identity(self.name)
        line, sep, rest = answer.partition(b"\r\n")
        if not sep or rest or len(line) > 2000:
            return None
        if _PROTECTED_REPLY.fullmatch(line):
            return Identity(self.name, detail="protected")
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        opts = ctx.options
        client = aioredis.Redis(
            host=ep.address,
            port=ep.port,
            socket_timeout=opts.io_timeout,
            socket_connect_timeout=opts.connect_timeout,
            driver_info=DriverInfo(name=None, lib_version=None),  # no CLIENT SETINFO
            single_connection_client=True,
            protocol=2,  # RESP2: Redis < 6 and compatible servers do not know HELLO
            ssl=ep.tls,
            ssl_cert_reqs="none",
            ssl_check_hostname=False,
        )
        try:
            return await self._assess(ep, ctx, client)
        finally:
            await client.aclose()

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: aioredis.Redis) -> Assessment:
        try:
            await client.ping()
        except AuthenticationError:
            protected = Assessment(Exposure.PROTECTED, Access.NONE, auth_detail="password required (NOAUTH)")
            protected.honeypot_signals = await _protected_oddities(ep, ctx)
            return protected
        except ConnectionError as exc:
            if "DENIED" in str(exc) or "protected mode" in str(exc).lower():
                return Assessment(Exposure.PROTECTED, Access.NONE, auth_detail="protected mode refuses remote clients")
            raise
        except ResponseError as exc:
            if "NOAUTH" in str(exc) or "DENIED" in str(exc):
                return Assessment(Exposure.PROTECTED, Access.NONE, auth_detail=str(exc).split(".")[0])
            raise
        result = Assessment(Exposure.OPEN, Access.READ, tls=ep.tls, auth_detail="no authentication")
        info = await self._info(client, "server")
        result.version = _decode(info.get("redis_version")) if info else None
        result.honeypot_signals = await _open_oddities(client, info)
        result.access = await self._access(client)
        config = await self._config(client)
        if config:
            result.server_config = config
        keyspace = await self._info(client, "keyspace")
        databases = [
            (k, v) for k, v in sorted(keyspace.items()) if re.fullmatch(r"db\d{1,5}", str(k)) and isinstance(v, dict)
        ]
        if len(databases) > ctx.options.max_listed:
            result.error(ep, "inventory", f"listing cut at {ctx.options.max_listed:,} databases")
            databases = databases[: ctx.options.max_listed]
        for db_name, stats in databases:
            await self._inventory(ep, ctx, client, int(str(db_name)[2:]), _int(stats.get("keys")), result)
            if len(result.datasets) >= ctx.options.max_datasets:
                result.error(ep, "inventory", f"stopped at {ctx.options.max_datasets} key patterns (--max-datasets)")
                break
        return result

    @staticmethod
    async def _info(client: aioredis.Redis, section: str) -> dict[str, Any]:
        try:
            return await client.info(section)
        except (ResponseError, NoPermissionError):
            return {}

    @staticmethod
    async def _config(client: aioredis.Redis) -> dict[str, str]:
        """``dir`` and ``dbfilename`` show the classic CONFIG SET takeover (cron, .ssh)."""
        found: dict[str, str] = {}
        for key in ("dir", "dbfilename"):
            try:
                reply = await client.config_get(key)
            except (ResponseError, NoPermissionError):
                return found
            for k, v in reply.items():
                found[str(_decode(k))] = str(_decode(v))
        return found

    @staticmethod
    async def _access(client: aioredis.Redis) -> Access:
        """From the ACL the server applies to this session; no ACLs (Redis < 6) = admin."""
        try:
            user = _decode(await _command(client, "ACL", "WHOAMI"))
        except NoPermissionError:
            return Access.READ
        except ResponseError as exc:
            return Access.ADMIN if "unknown" in str(exc).lower() else Access.READ
        try:
            rules = await _command(client, "ACL", "GETUSER", user)
        except (ResponseError, NoPermissionError):
            # Not allowed to read its own ACL: not an admin, but PING and INFO worked.
            return Access.READ
        described = _acl_text(rules)
        if "+@all" in described or "allcommands" in described:
            return Access.ADMIN
        if "+@write" in described or re.search(r"\+(set|hset|del|lpush|sadd|zadd|xadd)\b", described):
            return Access.WRITE
        if "+@read" in described or re.search(r"\+(get|hgetall|lrange|smembers|scan)\b", described):
            return Access.READ
        return Access.METADATA

    async def _inventory(
        self, ep: Endpoint, ctx: ScanContext, client: aioredis.Redis, db: int, total: int, result: Assessment
    ) -> None:
        opts = ctx.options
        await _command(client, "SELECT", db)
        keys: list[str] = []
        cursor = 0
        rounds = 0
        while len(keys) < opts.max_keys_listed and rounds < opts.max_round_trips:
            cursor, batch = await client.scan(cursor=cursor, count=500)
            rounds += 1
            room = opts.max_keys_listed - len(keys)
            keys.extend(k.decode("utf-8", "replace") if isinstance(k, bytes) else str(k) for k in batch[:room])
            if cursor == 0:
                break
        if cursor != 0:
            why = f"{len(keys):,} keys" if len(keys) >= opts.max_keys_listed else f"{rounds:,} SCAN round trips"
            result.error(ep, "inventory", f"db{db}: key listing cut at {why} (counts are estimates)")
        complete = cursor == 0
        groups = group_keys(keys)
        counts = Counter({p: len(ks) for p, ks in groups.items()})
        scale = total / len(keys) if keys and not complete else 1.0
        prefix = "" if db == 0 else f"db{db}:"
        for pattern, seen in counts.most_common(opts.max_datasets):
            chosen = random.sample(groups[pattern], min(len(groups[pattern]), opts.sample_size))
            sample = await self._sample(client, db, chosen, opts.record_byte_cap, opts.dataset_byte_cap)
            result.add_dataset(
                prefix + pattern,
                round(seen * scale),
                sample,
                kind="keyspace",
                exact=complete,
            )

    @staticmethod
    async def _sample(
        client: aioredis.Redis, db: int, keys: list[str], record_cap: int, dataset_cap: int
    ) -> list[dict[str, Any]]:
        """Read each chosen key with a length-capped command for its type.

        A pipeline runs on a pooled connection, not the client's selected one, so each
        pipeline selects the database itself (otherwise every key outside db0 reads as
        missing and its data goes unclassified).
        """
        pipe = client.pipeline(transaction=False)
        pipe.execute_command("SELECT", db)
        for key in keys:
            pipe.type(key)
        types = [_decode(t) for t in (await pipe.execute(raise_on_error=False))[1:]]
        pipe = client.pipeline(transaction=False)
        pipe.execute_command("SELECT", db)
        for key, kind in zip(keys, types, strict=True):
            if kind == "string":
                pipe.getrange(key, 0, record_cap - 1)
            elif kind == "hash":
                pipe.hscan(key, 0, count=MAX_ITEMS)
            elif kind == "list":
                pipe.lrange(key, 0, MAX_ITEMS - 1)
            elif kind == "set":
                pipe.srandmember(key, MAX_ITEMS)
            elif kind == "zset":
                pipe.zrange(key, 0, MAX_ITEMS - 1, withscores=True)
            elif kind == "stream":
                pipe.xrange(key, count=5)
            else:
                pipe.type(key)
        values = (await pipe.execute(raise_on_error=False))[1:]
        positions = await _geo_positions(client, db, keys, types, values)
        records: list[dict[str, Any]] = []
        used = 0
        for key, kind, value in zip(keys, types, values, strict=True):
            if isinstance(value, Exception):
                continue
            record: dict[str, Any] = {"_key": key}
            if kind == "string":
                record["value"] = _maybe_json(_decode(value))
            elif kind == "hash":
                record.update({str(_decode(k)): _maybe_json(_decode(v)) for k, v in value[1].items()})
            elif kind in ("list", "set"):
                record["value"] = [_maybe_json(_decode(v)) for v in value]
            elif kind == "zset":
                record["value"] = [_maybe_json(_decode(member)) for member, _score in value]
                if key in positions:
                    record["positions"] = positions[key]
            elif kind == "stream":
                # one entry per item: a device's stream of fixes is a trail inside one key
                record["entries"] = [{str(_decode(k)): _decode(v) for k, v in fields.items()} for _id, fields in value]
            used += sum(len(str(v)) for v in record.values())
            if used > dataset_cap:
                break
            records.append(record)
        return records


def _geo_scores(value: Any) -> bool:
    """A sorted set whose scores are all 52-bit integers: what GEOADD stores (geohashes)."""
    if not isinstance(value, list) or not value:
        return False
    scores = [score for _member, score in value]
    return all(isinstance(x, float) and x.is_integer() and 0 <= x < 2**52 for x in scores) and any(
        x > 2**32 for x in scores
    )


async def _geo_positions(
    client: aioredis.Redis, db: int, keys: Sequence[str], types: Sequence[Any], values: Sequence[Any]
) -> dict[str, list[dict[str, Any]]]:
    """GEOPOS for the sampled members of sorted sets that look like GEO sets: each key's positions.

    A GEO set of a device's fixes (members named by time) is a trail inside one key; a GEO
    set of shops is only places. One read-only pipeline for all of them.
    """
    geo = [
        (key, value)
        for key, kind, value in zip(keys, types, values, strict=True)
        if kind == "zset" and _geo_scores(value)
    ]
    if not geo:
        return {}
    pipe = client.pipeline(transaction=False)
    pipe.execute_command("SELECT", db)
    for key, value in geo:
        pipe.geopos(key, *[member for member, _score in value])
    answers = (await pipe.execute(raise_on_error=False))[1:]
    out: dict[str, list[dict[str, Any]]] = {}
    for (key, _value), answer in zip(geo, answers, strict=True):
        if isinstance(answer, list):
            out[key] = [
                {"type": "Point", "coordinates": [float(p[0]), float(p[1])]}
                for p in answer
                if isinstance(p, (list, tuple)) and len(p) == 2
            ]
    return out


#: a command no Redis has: every Redis answers it ``-ERR unknown command``, before any
#: authentication check (server.c processCommand looks the command up first)
_NO_SUCH_COMMAND = "UNGUARDED-NO-SUCH-COMMAND"
#: fields ``INFO server`` has carried since Redis 2.x
_INFO_SERVER_FIELDS = ("redis_version", "process_id", "run_id", "tcp_port", "uptime_in_seconds")


async def _open_oddities(client: aioredis.Redis, info: Mapping[str, Any]) -> list[str]:
    """Honeypot signals on an open server: an unknown command not refused, INFO without its fields."""
    signals: list[str] = []
    try:
        await _command(client, _NO_SUCH_COMMAND)
        signals.append("a command no Redis has was accepted (real Redis: 'unknown command')")
    except ResponseError as exc:
        if "unknown command" not in str(exc).lower():
            signals.append("a command no Redis has was not refused as 'unknown command'")
    missing = [f for f in _INFO_SERVER_FIELDS if f not in info]
    if len(missing) >= 2:
        signals.append(f"INFO server lacks fields every Redis sends ({', '.join(missing)})")
    run_id = str(info.get("run_id", ""))
    if run_id and not re.fullmatch(r"[0-9a-f]{40}", run_id):
        signals.append("INFO run_id is not the 40 hex digits Redis generates")
    return signals


async def _protected_oddities(ep: Endpoint, ctx: ScanContext) -> list[str]:
    """Honeypot signals on a password-protected server, from two harmless requests.

    A real Redis refuses an unknown command as ``unknown command`` before it checks
    authentication, and answers ``HELLO`` with a message naming HELLO (6+) or as unknown
    (before 6); an imitation that says ``-NOAUTH Authentication required.`` to everything
    does neither.
    """
    generic = b"-NOAUTH Authentication required."
    signals: list[str] = []
    try:
        reader, writer = await ctx.connect(ep.address, ep.port, ctx.options.connect_timeout, tls=ep.tls)
    except (TimeoutError, OSError):
        return []
    try:
        replies = []
        for request in (_NO_SUCH_COMMAND.encode() + b"\r\n", b"HELLO 2\r\n"):
            writer.write(request)
            await asyncio.wait_for(writer.drain(), ctx.options.io_timeout)
            replies.append(await asyncio.wait_for(reader.readline(), ctx.options.io_timeout))
    except (TimeoutError, OSError, ValueError, asyncio.LimitOverrunError):
        return []
    finally:
        writer.close()
    unknown, hello = (r.rstrip(b"\r\n") for r in replies)
    if unknown.startswith(b"-NOAUTH"):
        signals.append("a command no Redis has got NOAUTH (real Redis: 'unknown command', before authentication)")
    if hello == generic:
        signals.append("HELLO got the generic NOAUTH reply (real Redis names HELLO, or does not know it)")
    return signals


def _int(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _planted_keys(datasets: Sequence[SampledDataset]) -> list[Evidence]:
    out: list[Evidence] = []
    for ds in datasets:
        texts = sample_texts(ds.sample, limit=SIGN_RECORDS)
        if any(_CRON.search(t) for t in texts):
            out.append(
                Evidence(
                    kind="redis_cron_job",
                    detail=f"key {dataset_label(ds.name)} holds a cron line that downloads and runs a script "
                    "(the Redis 'CONFIG SET dir' cron attack)",
                    dataset=ds.name,
                )
            )
        if any(_SSH_KEY.search(t) for t in texts):
            out.append(
                Evidence(
                    kind="redis_ssh_key",
                    detail=f"key {dataset_label(ds.name)} holds an SSH public key (planted login)",
                    dataset=ds.name,
                )
            )
    return out


def _tampered_config(server_config: Mapping[str, str]) -> list[Evidence]:
    """``dir``/``dbfilename`` aimed at a cron, ``.ssh`` or web directory: Redis was used to write a file."""
    directory = str(server_config.get("dir", ""))
    filename = str(server_config.get("dbfilename", ""))
    suspicious_file = bool(filename) and _TAMPERED_FILE.match(filename) is not None and filename != "dump.rdb"
    if not (_TAMPERED_DIR.search(directory) or suspicious_file):
        return []
    both = (directory + filename).lower()
    where = "cron" if "cron" in both else (".ssh" if "ssh" in both else "a system path")
    return [
        Evidence(
            kind="redis_config_tampered",
            detail=f"CONFIG dir/dbfilename point at {where} ({directory}/{filename}), "
            "not a data directory: someone used Redis to write a file",
        )
    ]


async def _command(client: aioredis.Redis, *args: Any) -> Any:
    """A raw command (redis-py leaves ``execute_command`` untyped): the one door for ACL and SELECT."""
    execute: Callable[..., Awaitable[Any]] = client.execute_command
    return await execute(*args)


def _acl_text(rules: Any) -> str:
    """Flatten an ACL GETUSER reply (list or dict, bytes or str) into one lower-case string."""

    def walk(x: Any) -> list[str]:
        if isinstance(x, dict):
            return [s for k, v in x.items() for s in walk(k) + walk(v)]
        if isinstance(x, (list, tuple)):
            return [s for item in x for s in walk(item)]
        return [str(_decode(x))]

    return " ".join(walk(rules)).lower()


ENGINE = RedisEngine()
