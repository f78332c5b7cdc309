"""IP addresses of clients and users: IPv4 dotted quads and IPv6, private ranges noted.

Private, loopback and link-local addresses are reported as ``network.ip_address.private``
(internal hosts, less personal); public ones as ``network.ip_address``.
"""

from __future__ import annotations

import ipaddress
import re

from .base import Concept, Detector, Shape, Strength, words

_V4 = re.compile(r"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")
_V6_CHARS = re.compile(r"^[0-9A-Fa-f:.]+$")


IP_HINT = Concept(
    "ip",
    strong=words("ip ipaddress ipaddr clientip remoteaddr remoteip sourceip srcip userip lastip ipv4 ipv6"),
    cjk_strong=("IP地址",),
)


class IpAddress(Detector):
    id = "ip_address"
    category = "network.ip_address"
    description = "IPv4 or IPv6 address (private ranges as network.ip_address.private)"
    strength = Strength.MEDIUM
    hint = IP_HINT
    shapes = Shape.TOKEN
    min_len = 2
    max_len = 45

    def match(self, value: str) -> str | None:
        if "." in value and ":" not in value:
            if not _V4.match(value):
                return None
        elif ":" not in value or value.count(":") < 2 or not _V6_CHARS.match(value):
            return None
        try:
            address = ipaddress.ip_address(value)
        except ValueError:
            return None
        if address.is_unspecified:
            return None
        private = address.is_private or address.is_loopback or address.is_link_local
        return f"{self.category}.private" if private else self.category
