"""Phone numbers: :func:`phonenumbers.parse` plus validity, never the slow text matcher.

International numbers (``+49 ...``, ``0049 ...``) validate on their own. Numbers without a
country prefix can only be told from other digit runs by the field name, so that detector
needs a ``phone`` hint and checks only the shape. Chinese mobile numbers (``1[3-9]`` and
nine digits) are distinctive enough to stand without a hint.
"""

from __future__ import annotations

import re

import phonenumbers

from .base import Concept, Detector, Shape, Strength, words

_PHONE_CHARS = re.compile(r"^\+?[\d\s().\-/]{6,24}$")
_CN_MOBILE = re.compile(r"^(?:\+?86[\s\-]?)?1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}$")
_DIGITS = str.maketrans("", "", " ().-/+")


def _digit_count(value: str) -> int:
    return len(value.translate(_DIGITS))


PHONE_HINT = Concept(
    "phone",
    strong=words(
        "phone phonenumber telephone tel mobile mobilephone cell cellphone fax msisdn "
        "telefon telefono telephono handy portable movil celular whatsapp "
        "shouji dianhua sjhm lxdh contactnumber"
    ),
    cjk_strong=("手机", "电话", "联系方式"),
    negatable=True,
)


class InternationalPhone(Detector):
    id = "phone.international"
    category = "contact.phone"
    description = "phone number with a country prefix that phonenumbers validates"
    strength = Strength.MEDIUM
    hint = PHONE_HINT
    shapes = Shape.TOKEN | Shape.TEXT
    min_len = 8
    max_len = 32

    def match(self, value: str) -> str | None:
        if value[0] == "0" and value[1:2] == "0":
            value = "+" + value[2:]
        if value[0] != "+" or not _PHONE_CHARS.match(value):
            return None
        try:
            number = phonenumbers.parse(value, None)
        except phonenumbers.NumberParseException:
            return None
        return self.category if phonenumbers.is_valid_number(number) else None


class NationalPhone(Detector):
    id = "phone.national"
    category = "contact.phone"
    description = "digits of phone length in a field named like a phone number"
    strength = Strength.WEAK
    hint = PHONE_HINT
    needs_hint = 1
    shapes = Shape.DIGITS | Shape.TOKEN | Shape.TEXT
    min_len = 6
    max_len = 32

    def match(self, value: str) -> str | None:
        if not _PHONE_CHARS.match(value):
            return None
        return self.category if 6 <= _digit_count(value) <= 15 else None


class ChinaMobile(Detector):
    id = "phone.cn_mobile"
    category = "contact.phone"
    description = "mainland China mobile number (1[3-9] + 9 digits)"
    strength = Strength.MEDIUM
    hint = PHONE_HINT
    shapes = Shape.DIGITS | Shape.TOKEN | Shape.TEXT
    min_len = 11
    max_len = 17

    def match(self, value: str) -> str | None:
        return self.category if _CN_MOBILE.match(value) else None
