"""memcached: memcached.conf, systemd units, and memcached containers in compose/Kubernetes.

memcached has no authentication unless built and started with SASL (``-S``), and
since 1.5.6 UDP is off by default because it amplified DDoS attacks 50,000-fold.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.memcached import MemcachedOptions
from .._rule import ConfigRule, Hit, RuleCategory

CONFIGURING = "https://github.com/memcached/memcached/wiki/ConfiguringServer"
SASL = "https://github.com/memcached/memcached/wiki/SASLHowto"
UDP = "https://github.com/memcached/memcached/wiki/ReleaseNotes156"
CISA = "https://www.cisa.gov/news-events/alerts/2014/01/17/udp-based-amplification-attacks"


def _listens_everywhere(opts: MemcachedOptions) -> Iterator[Hit]:
    if opts.in_container and not opts.host_network:
        return  # inside a container every interface is normal; compose/K8s rules judge publishing
    if "-S" in opts.options:
        return
    listen = opts.options.get("-l")
    if listen is None and opts.complete:
        yield Hit(opts.line, "no -l option: memcached listens on every interface, and has no authentication")
    elif listen is not None and any(not is_loopback(a) for a in listen.value.split(",")):
        yield Hit.at(
            listen,
            f"-l {listen.value}: memcached listens beyond loopback with no authentication; anyone who reaches "
            "port 11211 reads and overwrites every cached value",
        )


def _udp(opts: MemcachedOptions) -> Iterator[Hit]:
    udp = opts.options.get("-U")
    if udp is not None and udp.value.strip() not in {"0", ""}:
        yield Hit.at(
            udp,
            f"-U {udp.value}: UDP is on; spoofed requests make memcached flood third parties with "
            "responses thousands of times larger (reflection DDoS)",
        )


RULES = (
    ConfigRule(
        id="UG-MEMCACHED-001",
        title="memcached listens on a network interface without authentication",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="memcached has no authentication by default; listening on all or public interfaces gives "
        "anyone the cache, often sessions, tokens and personal records.",
        remediation=Remediation(
            summary="Listen on loopback or a private address only (or enable SASL).",
            steps=("-l 127.0.0.1   (memcached.conf, or OPTIONS/ExecStart)", "firewall port 11211"),
            references=(CONFIGURING, SASL),
        ),
        reads=MemcachedOptions,
        check=_listens_everywhere,
    ),
    ConfigRule(
        id="UG-MEMCACHED-002",
        title="memcached UDP is enabled",
        severity=Severity.HIGH,
        category=RuleCategory.HARDENING,
        cwe=406,
        description="The UDP listener answers spoofed requests with large responses, the amplification "
        "behind record DDoS attacks; it has been off by default since 1.5.6.",
        remediation=Remediation(
            summary="Disable UDP.",
            steps=("-U 0",),
            references=(UDP, CISA),
        ),
        reads=MemcachedOptions,
        check=_udp,
    ),
)
