"""Identifiers of devices carried by people: MAC addresses, IMEIs, advertising and device IDs.

A MAC address has a distinctive shape. An IMEI is 15 digits with a Luhn check, which one
random 15-digit number in ten also passes, so it needs a device hint. Advertising IDs are
UUIDs, like half the primary keys in the world, so they need a strong device hint.
"""

from __future__ import annotations

import re

from ..validators import luhn_ok
from .base import Concept, Detector, Shape, Strength, words

_MAC = re.compile(r"^[0-9A-Fa-f]{2}([:\-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$")
_DEVICE_TOKEN = re.compile(r"^[0-9A-Fa-f][0-9A-Fa-f\-:]{7,127}$|^[A-Za-z0-9_\-:]{16,256}$")


DEVICE_HINT = Concept(
    "device",
    strong=words(
        "imei imsi meid mac macaddress deviceid udid idfa idfv gaid adid advertisingid "
        "androidid pushtoken devicetoken trackerid cameraid iccid"
    ),
    weak=words("device"),
    cjk_strong=("设备号",),
    negatable=True,
)


class MacAddress(Detector):
    id = "device_id.mac"
    category = "network.device_id.mac"
    description = "MAC address (six hex pairs with ':' or '-')"
    strength = Strength.MEDIUM
    hint = DEVICE_HINT
    shapes = Shape.TOKEN
    min_len = 17
    max_len = 17

    def match(self, value: str) -> str | None:
        if not _MAC.match(value) or value in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff", "FF:FF:FF:FF:FF:FF"):
            return None
        return self.category


class Imei(Detector):
    id = "device_id.imei"
    category = "network.device_id.imei"
    description = "IMEI: 15 digits with Luhn, in a field named like a device ID"
    checksum = True
    strength = Strength.STRONG
    hint = DEVICE_HINT
    needs_hint = 1
    shapes = Shape.DIGITS | Shape.TOKEN
    min_len = 15
    max_len = 18

    def match(self, value: str) -> str | None:
        digits = value.replace("-", "")
        return self.category if len(digits) == 15 and luhn_ok(digits) else None


class DeviceIdByName(Detector):
    id = "device_id.named"
    category = "network.device_id"
    description = "hex/UUID/token identifier in a field named idfa, gaid, device_id, ..."
    strength = Strength.MEDIUM
    hint = DEVICE_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN
    min_len = 8
    max_len = 256

    def match(self, value: str) -> str | None:
        return self.category if _DEVICE_TOKEN.match(value) else None
