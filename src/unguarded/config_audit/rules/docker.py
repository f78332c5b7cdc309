"""Docker: dockerd listening on TCP without TLS client verification (``daemon.json`` ``hosts``, ``-H tcp://``)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.docker import DockerDaemonConfig
from .._rule import ConfigRule, Hit, RuleCategory

PROTECT = "https://docs.docker.com/engine/security/protect-access/"
SOCKET = "https://docs.docker.com/reference/cli/dockerd/#daemon-socket-option"


def _tcp_without_tlsverify(conf: DockerDaemonConfig) -> Iterator[Hit]:
    if conf.tlsverify or not conf.complete:
        return
    for host in conf.hosts:
        value = host.value.strip()
        if not value.lower().startswith("tcp://"):
            continue
        name = urlsplit(value).hostname or ""
        if name and is_loopback(name):
            continue
        where = "every interface of the container" if conf.in_container else value
        yield Hit.at(
            host,
            f"dockerd listens on {where} without tlsverify: anyone who reaches it runs privileged containers "
            "with the host's / mounted (root on the host) and reads every container's environment",
        )


RULES = (
    ConfigRule(
        id="UG-DOCKER-001",
        title="Docker daemon listens on TCP without TLS client verification",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="The Docker API has no authentication of its own; on a TCP address without tlsverify it is "
        "root on the host for whoever connects, the reason exposed 2375 ports are mined within hours.",
        remediation=Remediation(
            summary="Remove the tcp:// listener, or require TLS client certificates on 2376.",
            steps=(
                'daemon.json: "hosts": ["unix:///var/run/docker.sock"] (use docker -H ssh://user@host for remote use)',
                'or daemon.json: "tlsverify": true, "tlscacert": "/etc/docker/ca.pem", "tlscert": ..., "tlskey": ..., '
                '"hosts": ["tcp://0.0.0.0:2376"]',
                "systemd unit or compose: drop -H tcp://0.0.0.0:2375 (or add --tlsverify with the certificates)",
            ),
            references=(PROTECT, SOCKET),
        ),
        reads=DockerDaemonConfig,
        check=_tcp_without_tlsverify,
    ),
)
