"""Address questions every engine asks: is this listener loopback-only, is this source the world?"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

_LOOPBACK_NAMES = frozenset({"localhost", "localhost4", "localhost6", "ip6-localhost", "ip6-loopback"})
_ALL_INTERFACES = frozenset({"*", "0.0.0.0", "::", "::*", "[::]", "0", "_site_", "_global_"})
_WORLD_SOURCES = frozenset({"0.0.0.0/0", "::/0", "*", "internet", "any", "0.0.0.0"})


@lru_cache(maxsize=4096)  # the same few addresses recur across thousands of files
def is_loopback(address: str) -> bool:
    """``127.0.0.1``, ``::1``, ``-::1`` (Redis' optional marker), ``localhost``, ``_local_``."""
    addr = address.strip().strip("'\"").lstrip("-").strip("[]").lower()
    if addr in _LOOPBACK_NAMES or addr in {"_local_", "_lo_"}:
        return True
    try:
        return ipaddress.ip_address(addr.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def is_all_interfaces(address: str) -> bool:
    """Wildcard listeners: ``*``, ``0.0.0.0``, ``::``, Redis' ``-::*``, Elasticsearch ``_site_``."""
    addr = address.strip().strip("'\"").lstrip("-").lower()
    return addr in _ALL_INTERFACES


def is_world(source: str) -> bool:
    """A firewall source that means "anyone on the internet"."""
    return source.strip().strip("'\"").lower() in _WORLD_SOURCES


_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)


def is_private(address: str) -> bool:
    """An RFC 1918, carrier-grade NAT or unique-local address: a private network's, not the internet's."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return any(ip in network for network in _PRIVATE_NETWORKS if network.version == ip.version)
