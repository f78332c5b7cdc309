"""Deployed combinations: a reachable container judged with the configuration it mounts.

A published PostgreSQL port is medium alone (the image has a password); a ``pg_hba.conf``
that trusts everyone is critical alone only when it says "from the network". The
compose service that publishes 5432 *and* mounts that file is one open database, and
this rule says so once, at the line that publishes it, with the ``pg_hba.conf`` line as
a related location. The links are made in :mod:`unguarded.config_audit._deploy`.

Severity follows the deployment: published on every interface (or a public address, a
public load balancer, a NodePort, the host's network) is critical; published only on a
private address or behind an internal load balancer is high.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...models import Remediation, Severity
from .._deploy import Deployment, MountedConfig
from .._fixes import publish_on_loopback
from .._net import is_loopback, is_private
from .._parse.brokers import MosquittoConfig, NatsConfig, RabbitConfig
from .._parse.containers import ComposeFile, Container, KubeManifest
from .._parse.elasticsearch import ElasticConfig
from .._parse.jupyter import UNKNOWN, JupyterConfig
from .._parse.mongodb import MongoConfig
from .._parse.mysql import MyCnf
from .._parse.postgresql import PgHba
from .._parse.redis import RedisConfig
from .._rule import ConfigRule, Hit, Related, RuleCategory
from .._versions import old_default
from .elasticsearch import exposed_host, security_off
from .jupyter import emptied_token
from .kubernetes import is_internal
from .mongodb import auth_enabled
from .mongodb import exposed_bind as mongo_bind
from .mqtt import anonymous_listener
from .nats import anyone_gets_in
from .rabbitmq import guest_opened
from .redis import exposed_bind as redis_bind
from .redis import has_auth, protection_off

PORTS = "https://docs.docker.com/reference/compose-file/services/#ports"
VOLUMES = "https://docs.docker.com/reference/compose-file/services/#volumes"
CONFIGMAP = "https://kubernetes.io/docs/concepts/configuration/configmap/"
HBA = "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"


@dataclass(frozen=True)
class _Open:
    """Why the mounted configuration lets anyone in, where, and the line to change there."""

    line: int
    path: Path
    reason: str
    fix: str


@dataclass(frozen=True)
class _Reach:
    """How the container is reached from outside, and whether only from a private network."""

    line: int
    how: str
    private: bool
    raw: str = ""


def _place(m: MountedConfig, line: int, path: Path | None) -> tuple[int, Path]:
    if m.offset:
        return line + m.offset, m.path
    return line, path or m.path


def _judge(m: MountedConfig) -> _Open | None:
    """The first reason the mounted configuration, in this container, lets a stranger in."""
    c = m.container
    for doc in m.documents:
        found = _judge_document(doc, c)
        if found is not None:
            line, path, reason, fix = found
            line, path = _place(m, line, path)
            return _Open(line, path, reason, fix)
    return None


def _judge_document(doc: object, c: Container) -> tuple[int, Path | None, str, str] | None:
    if isinstance(doc, PgHba):
        for entry in doc.effective:
            if entry.remote and entry.method == "trust":
                return (
                    entry.line,
                    entry.path,
                    f"'{entry.type} {entry.databases} {entry.users} {entry.address} trust' lets "
                    f"{entry.describe_address} log in as any user, superusers included, without a password",
                    f"line {entry.line}: replace trust with scram-sha-256 (and set the users' passwords)",
                )
    elif isinstance(doc, RedisConfig):
        if has_auth(doc) is False:
            bind = redis_bind(doc)
            protected = doc.last("protected-mode")
            old = old_default("redis", c.tag)
            if bind is not None:
                where = bind[0].where
                return (
                    where.line,
                    where.path,
                    f"'bind {' '.join(bind[0].args)}' and no password",
                    _redis_fix(where.line),
                )
            if protected is not None and protection_off(doc):
                where = protected.where
                return where.line, where.path, "'protected-mode no' and no password", _redis_fix(where.line)
            if old is not None and doc.last("bind") is None:
                return 1, None, f"no bind, no password, and {old}", _redis_fix(1)
    elif isinstance(doc, MongoConfig):
        if auth_enabled(doc) is False:
            mongo_open = mongo_bind(doc)
            authorization = doc.get("security.authorization")
            line = authorization.line if authorization else 1
            fix = f"line {line}: security.authorization: enabled   (create the admin user first)"
            if mongo_open is not None:
                binds = "every interface" if mongo_open is doc.get("net.bindIpAll") else mongo_open.value
                return mongo_open.line, mongo_open.path, f"authorization is off and it binds {binds}", fix
            if doc.get("net.bindIp") is None:  # the mongo image adds --bind_ip_all when the file names none
                old = old_default("mongodb", c.tag)
                why = old or "the mongo image binds every interface when the file sets no net.bindIp"
                return line, None, f"authorization is off and {why}", fix
    elif isinstance(doc, ElasticConfig):
        off = security_off(doc)
        if off is not None:
            host = exposed_host(doc)
            listens = f" and it listens on {host.value}" if host else " (the image listens on every interface)"
            return (
                off.line,
                off.path,
                f"'{off.value}' on line {off.line} turns security off{listens}",
                _es_fix(off.line),
            )
        enabled = doc.get("xpack.security.enabled")
        env = c.env.get("xpack.security.enabled")
        old = old_default("elasticsearch", c.tag)
        if doc.flavor == "elasticsearch" and enabled is None and env is None and old is not None:
            return 1, None, f"the file does not set xpack.security.enabled, and {old}", _es_fix(1)
    elif isinstance(doc, MosquittoConfig):
        found = anonymous_listener(doc)
        if found is not None:
            setting, listener = found
            on = listener.address or "every interface"
            return (
                setting.line,
                setting.path,
                f"'allow_anonymous true' with listener {listener.port} on {on}: anyone may subscribe to # and publish",
                f"line {setting.line}: allow_anonymous false  and  password_file /mosquitto/config/passwd",
            )
    elif isinstance(doc, JupyterConfig):
        token, ip = emptied_token(doc), doc.get("ip")
        if token is not None:
            if ip is None or (ip.value != UNKNOWN and not is_loopback(ip.value)):
                listens = f"ip = '{ip.value}'" if ip is not None else "the Jupyter images' ip 0.0.0.0"
                return (
                    token.line,
                    token.path,
                    f"token = '' and no password, with {listens}: anyone may run code and read files",
                    f"line {token.line}: delete the empty token (a random one is generated at start) or set a hashed password",
                )
    elif isinstance(doc, NatsConfig):
        reason = anyone_gets_in(doc)
        if reason is not None:
            listen, message = reason
            line = listen.line if listen is not None else 1
            return (
                line,
                listen.path if listen is not None else None,
                message,
                f"line {line}: authorization {{ users = [...] }} with bcrypt passwords (or accounts / an operator)",
            )
    elif isinstance(doc, RabbitConfig):
        opened = guest_opened(doc)
        # RABBITMQ_DEFAULT_USER / _PASS make the image create another first user instead of guest
        if opened is not None and not {"RABBITMQ_DEFAULT_USER", "RABBITMQ_DEFAULT_PASS"} & set(c.env):
            return (
                opened.line,
                opened.path,
                f"line {opened.line} empties loopback_users while guest keeps the vendor default password guest: "
                "guest/guest logs in from the network as an administrator",
                f"line {opened.line}: delete it (guest stays loopback-only), or create your own administrator and delete guest",
            )
    elif isinstance(doc, MyCnf):
        grants = doc.get("grant_tables")
        if grants is not None and grants.value == "0":
            return (
                grants.line,
                grants.path,
                "skip-grant-tables: every connection is a superuser without a password",
                f"line {grants.line}: remove skip-grant-tables",
            )
    return None


def _redis_fix(line: int) -> str:
    return f"line {line}: requirepass <a long secret> (or an ACL user default with a password), and bind 127.0.0.1 -::1 where only local clients need it"


def _es_fix(line: int) -> str:
    return (
        f"line {line}: xpack.security.enabled: true (then set the elastic password with elasticsearch-reset-password)"
    )


def _compose_reach(compose: ComposeFile, c: Container) -> _Reach | None:
    service = next((s for s in compose.services if s.container is c), None)
    if service is None:
        return None
    if service.host_network_line is not None:
        return _Reach(service.host_network_line, f"shares the host's network ({service.host_network_how})", False)
    public = [p for p in service.published if not (p.host_ip and is_loopback(p.host_ip))]
    if not public:
        return None
    wide = next((p for p in public if not is_private(p.host_ip)), None)
    chosen = wide or public[0]
    where = chosen.host_ip if chosen.host_ip and chosen.host_ip not in {"0.0.0.0", "::"} else "every interface"
    return _Reach(chosen.line, f"publishes {chosen.raw!r} on {where} of the host", wide is None, chosen.raw)


def _kube_reach(manifest: KubeManifest, c: Container) -> _Reach | None:
    workload = next((w for w in manifest.workloads if any(x is c for x in w.containers)), None)
    if workload is None:
        return None
    if workload.host_network_line is not None:
        return _Reach(
            workload.host_network_line, f"(in {workload.kind} '{workload.name}') runs with hostNetwork: true", False
        )
    host_port = next((p for p in c.ports if p.host_port), None)
    if host_port is not None:
        return _Reach(host_port.line, f"maps container port {host_port.port} to hostPort {host_port.host_port}", False)
    private: _Reach | None = None
    for service in manifest.services:
        if service.type not in {"LoadBalancer", "NodePort"} or workload not in manifest.selected(service):
            continue
        how = f"is exposed by Service '{service.name}' of type {service.type}"
        if service.type == "LoadBalancer" and is_internal(service):
            private = private or _Reach(service.type_line, how + " on an internal load balancer", True)
            continue
        return _Reach(service.type_line, how, False)
    return private


def _combinations(deployment: Deployment, private: bool) -> Iterator[Hit]:
    seen: set[int] = set()
    for mounted in deployment.mounted:
        c = mounted.container
        if id(c) in seen:
            continue
        found = deployment.found
        reach = _compose_reach(found, c) if isinstance(found, ComposeFile) else _kube_reach(found, c)
        if reach is None or reach.private != private:
            continue
        verdict = _judge(mounted)
        if verdict is None:
            continue
        seen.add(id(c))
        name = f"{c.engine or 'database'} container '{c.name}'"
        where = f"{verdict.path.name}:{verdict.line}"
        fix = [verdict.fix if not mounted.offset else f"{where}: {verdict.fix.split(': ', 1)[-1]}"]
        if reach.raw:
            fix.insert(0, publish_on_loopback(reach.raw, reach.line))
        how = "copied in by its Dockerfile (build on line" if mounted.mount.kind == "copy" else "mounted (on line"
        yield Hit(
            reach.line,
            f"{name} {reach.how}, and its configuration {where} is {how} {mounted.mount.line}), where "
            f"{verdict.reason}: anyone who reaches it gets the data",
            fix=tuple(fix),
            related=(Related(verdict.path, verdict.line, verdict.reason),),
        )


def _open_everywhere(deployment: Deployment) -> Iterator[Hit]:
    return _combinations(deployment, private=False)


def _open_privately(deployment: Deployment) -> Iterator[Hit]:
    return _combinations(deployment, private=True)


_STEPS = (
    "publish on 127.0.0.1 only (or not at all), or keep the Service ClusterIP",
    "and change the mounted configuration at the related line so it requires a password",
)

RULES = (
    ConfigRule(
        id="UG-DEPLOY-001",
        title="Reachable database runs with a mounted config that lets anyone in",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A compose service or Kubernetes pod publishes the database beyond the host or cluster, and "
        "the configuration file it mounts from this repository (pg_hba.conf, redis.conf, mongod.conf, "
        "elasticsearch.yml, my.cnf) lets clients in without a password: together, an open database.",
        remediation=Remediation(
            summary="Stop publishing the port, or require authentication in the mounted file.",
            steps=_STEPS,
            references=(PORTS, VOLUMES, CONFIGMAP, HBA),
        ),
        reads=Deployment,
        check=_open_everywhere,
    ),
    ConfigRule(
        id="UG-DEPLOY-002",
        title="Database on a private network runs with a mounted config that lets anyone in",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="The database is published only on a private address or an internal load balancer, and the "
        "configuration file it mounts lets clients in without a password: every machine on that network, and "
        "anyone who gets onto it, has the data.",
        remediation=Remediation(
            summary="Require authentication in the mounted file; publish on loopback where possible.",
            steps=_STEPS,
            references=(PORTS, VOLUMES, CONFIGMAP, HBA),
        ),
        reads=Deployment,
        check=_open_privately,
    ),
)
