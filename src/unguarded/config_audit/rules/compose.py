"""Docker Compose: database services whose ports are published on the host's interfaces.

``ports: ["6379:6379"]`` publishes on every interface of the host, and Docker's own
iptables rules bypass host firewalls such as ufw. What an outsider gets then depends
on the image's defaults (see :mod:`unguarded.config_audit._defaults`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...models import Remediation, Severity
from .._container_facts import OpenDefault
from .._defaults import open_default
from .._fixes import auth_in_container, publish_on_loopback
from .._net import is_loopback, is_private
from .._parse.containers import ComposeFile, ComposeService
from .._rule import ConfigRule, Hit, RuleCategory

PORTS = "https://docs.docker.com/reference/compose-file/services/#ports"
FIREWALL = "https://docs.docker.com/engine/network/packet-filtering-firewalls/"
NETWORK_MODE = "https://docs.docker.com/reference/compose-file/services/#network_mode"
MC_ANONYMOUS = "https://min.io/docs/minio/linux/reference/minio-mc/mc-anonymous-set.html"


@dataclass(frozen=True)
class _Exposed:
    service: ComposeService
    line: int
    how: str
    open: OpenDefault | None
    raw: str = ""
    private: bool = False  # published only on private addresses (10.x, 192.168.x, fd00::/8)

    @property
    def _inherited(self) -> bool:
        """The way in comes from the service this one ``extends:`` (it sits at that line)."""
        return self.service.extends is not None and self.line == self.service.extends[2]

    @property
    def _base(self) -> str:
        target, name, _ = self.service.extends or ("", "", 0)
        return f"service '{name}'" + (f" of {target}" if target else "")

    @property
    def what(self) -> str:
        """``'db' (postgres:16)``, or how an image-less or custom one was recognised."""
        c = self.service.container
        image = c.image or (f"built from {c.base_image}" if c.base_image else "built locally")
        found = c.recognised
        origin = f", from {self.service.included_from} by include:" if self.service.included_from else ""
        if self._inherited:
            origin = f", extending {self._base}"
        if found is None or found.evidence == "image":
            return f"service '{c.name}' ({image}{origin})"
        return f"service '{c.name}' ({image}, {found.engine} by its {found.evidence}{origin})"

    def fix(self) -> tuple[str, ...]:
        c = self.service.container
        if self.service.included_from:  # the lines to change are in that file; its own audit names them
            return (f"line {self.line}: change the service in {self.service.included_from}, which this file includes",)
        if self._inherited:  # the port comes with the service it extends
            return (f"line {self.line}: change {self._base}, or publish nothing here (ports: !reset [])",)
        steps = (
            [publish_on_loopback(self.raw, self.line)]
            if self.raw
            else [f"line {self.line}: remove {self.service.host_network_how}"]
        )
        if self.open is not None:
            steps.append(auth_in_container(c.engine, self.open.line))
        return tuple(steps)


def _exposed(compose: ComposeFile) -> Iterator[_Exposed]:
    """Database services reachable from outside the host, with why they are open (if they are)."""
    for service in compose.services:
        container = service.container
        if container.engine is None:
            continue
        public = [p for p in service.published if not (p.host_ip and is_loopback(p.host_ip))]
        if service.host_network_line is not None:
            line, how = service.host_network_line, f"shares the host's network ({service.host_network_how})"
        elif public:
            where = (
                "every interface"
                if not public[0].host_ip or public[0].host_ip in {"0.0.0.0", "::"}
                else public[0].host_ip
            )
            line, how = public[0].line, f"publishes {public[0].raw!r} on {where} of the host"
        else:
            continue
        raw = public[0].raw if public and service.host_network_line is None else ""
        private = service.host_network_line is None and all(is_private(p.host_ip) for p in public)
        yield _Exposed(service, line, how, open_default(container), raw, private)


def _open_and_published(compose: ComposeFile) -> Iterator[Hit]:
    for found in _exposed(compose):
        if found.open is not None and not found.private:
            yield Hit(
                found.line,
                f"{found.what} {found.how}, and {found.open.reason} (line {found.open.line})",
                fix=found.fix(),
            )


def _open_on_private_address(compose: ComposeFile) -> Iterator[Hit]:
    for found in _exposed(compose):
        if found.open is not None and found.private:
            yield Hit(
                found.line,
                f"{found.what} {found.how}, a private address, and {found.open.reason} (line {found.open.line}): "
                "every machine on that network gets the data",
                fix=found.fix(),
            )


def _published_hits(compose: ComposeFile, private: bool) -> Iterator[Hit]:
    for found in _exposed(compose):
        if found.open is None and found.private == private:
            guard = (
                "whatever the unknown image configures"
                if found.service.container.recognised and found.service.container.recognised.by_port_only
                else "its password"
            )
            yield Hit(
                found.line,
                f"{found.what} {found.how}: reachable from any network the host is on, past "
                f"host firewalls like ufw, protected only by {guard}",
                fix=found.fix(),
            )


def _published(compose: ComposeFile) -> Iterator[Hit]:
    return _published_hits(compose, private=False)


def _published_privately(compose: ComposeFile) -> Iterator[Hit]:
    return _published_hits(compose, private=True)


#: ``mc anonymous set public local/bucket`` (and the older ``mc policy set download ...``)
_PUBLIC_BUCKET = re.compile(r"\bmc\s+(?:anonymous\s+set|policy\s+set|policy)\s+(public|download|upload)\s+(\S+)")


def _bucket_made_public(compose: ComposeFile) -> Iterator[Hit]:
    """A one-shot ``minio/mc`` service that opens a bucket to anonymous clients of a published MinIO."""
    published = [
        found for found in _exposed(compose) if found.service.container.engine == "minio" and not found.private
    ]
    if not published:
        return
    minio = published[0]
    for service in compose.services:
        c = service.container
        match = _PUBLIC_BUCKET.search(" ".join(c.argv))
        if match is None:
            continue
        policy, bucket = match[1], match[2].strip("'\";")
        reads = "read and write" if policy == "public" else ("write" if policy == "upload" else "read")
        yield Hit(
            c.argv_line or c.line,
            f"service '{c.name}' runs 'mc anonymous set {policy} {bucket}': anyone may {reads} every object "
            f"of that bucket without credentials, and {minio.what} {minio.how} (line {minio.line})",
            fix=(
                f"line {c.argv_line or c.line}: drop the anonymous policy (mc anonymous set none {bucket}); "
                "hand out presigned URLs or a read-only access key instead",
                publish_on_loopback(minio.raw, minio.line)
                if minio.raw
                else f"line {minio.line}: remove {minio.service.host_network_how}",
            ),
        )


_BIND_LOOPBACK = (
    'ports: ["127.0.0.1:6379:6379"]   (publish on loopback only)',
    "or drop ports: entirely; other services reach it by service name on the compose network",
)

RULES = (
    ConfigRule(
        id="UG-COMPOSE-001",
        title="Compose publishes a database that is open by default",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="The service's port is published on the host's interfaces and its image runs without a "
        "password as configured, so anyone who reaches the host gets the data; Docker's published ports "
        "bypass ufw and firewalld.",
        remediation=Remediation(
            summary="Publish on 127.0.0.1 (or not at all) and configure a password.",
            steps=(
                *_BIND_LOOPBACK,
                "redis: command: redis-server --requirepass ${REDIS_PASSWORD}",
                "mongo: MONGO_INITDB_ROOT_USERNAME / MONGO_INITDB_ROOT_PASSWORD",
                "postgres: remove POSTGRES_HOST_AUTH_METHOD=trust, set POSTGRES_PASSWORD",
                "mysql/mariadb: remove *_ALLOW_EMPTY_*PASSWORD, set MYSQL_ROOT_PASSWORD / MARIADB_ROOT_PASSWORD",
                "elasticsearch: xpack.security.enabled=true and ELASTIC_PASSWORD",
            ),
            references=(PORTS, FIREWALL),
        ),
        reads=ComposeFile,
        check=_open_and_published,
    ),
    ConfigRule(
        id="UG-COMPOSE-002",
        title="Compose publishes a database port on every interface",
        severity=Severity.MEDIUM,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="The database is protected by credentials, but its port is published on all host "
        "interfaces or a public address (or shares the host network), so anyone who reaches the host can try "
        "passwords and exploits; Docker's published ports bypass ufw and firewalld. Medium, not high: a "
        "scan of it would say protected, and the default gate is for data anyone can open; failing it on "
        "every development compose file with a password would teach teams to switch the gate off.",
        remediation=Remediation(
            summary="Publish database ports on loopback only, or not at all.",
            steps=_BIND_LOOPBACK,
            references=(PORTS, FIREWALL, NETWORK_MODE),
        ),
        reads=ComposeFile,
        check=_published,
    ),
    ConfigRule(
        id="UG-COMPOSE-003",
        title="Compose publishes an open database on a private address",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="The service is published only on a private address of the host (10.x, 172.16-31.x, "
        "192.168.x, fd00::/8) and its image runs without a password as configured: not the internet, but every "
        "machine on that network, and anyone who gets onto it, has the data.",
        remediation=Remediation(
            summary="Configure a password; publish on 127.0.0.1 where only the host needs it.",
            steps=_BIND_LOOPBACK,
            references=(PORTS, FIREWALL),
        ),
        reads=ComposeFile,
        check=_open_on_private_address,
    ),
    ConfigRule(
        id="UG-COMPOSE-004",
        title="Compose publishes a database port on a private address",
        severity=Severity.MEDIUM,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="The database is protected by credentials and published only on a private address of the "
        "host: every machine on that network can try passwords and exploits, the internet cannot.",
        remediation=Remediation(
            summary="Publish on 127.0.0.1 where only the host needs it.",
            steps=_BIND_LOOPBACK,
            references=(PORTS, FIREWALL),
        ),
        reads=ComposeFile,
        check=_published_privately,
    ),
    ConfigRule(
        id="UG-COMPOSE-005",
        title="Compose makes a bucket of a published MinIO public",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHORIZATION,
        cwe=732,
        description="A setup service runs 'mc anonymous set public|download|upload' against the stack's MinIO, "
        "whose S3 port is published: every object in that bucket is readable (or writable) by anyone who "
        "reaches the host, whatever MinIO's root password is.",
        remediation=Remediation(
            summary="Keep buckets private; share objects with presigned URLs or scoped access keys.",
            steps=("mc anonymous set none local/<bucket>", *_BIND_LOOPBACK),
            references=(MC_ANONYMOUS, PORTS),
        ),
        reads=ComposeFile,
        check=_bucket_made_public,
    ),
)
