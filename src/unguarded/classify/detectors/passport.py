"""Passport numbers: by field name and shape, or a machine-readable zone with its check digits."""

from __future__ import annotations

import re

from ..validators import mrz_td3_line2_ok
from .base import Concept, Detector, Shape, Strength, words

_NUMBER = re.compile(r"^[A-Z0-9]{6,10}$")


PASSPORT_HINT = Concept(
    "passport",
    strong=words("passport passportno passportnumber passnummer reisepass passeport pasaporte passaporte huzhao mrz"),
    cjk_strong=("护照",),
    negatable=True,
)


class PassportByName(Detector):
    id = "passport.named"
    category = "passport"
    description = "6-10 upper-case letters and digits in a field named like a passport number"
    strength = Strength.MEDIUM
    hint = PASSPORT_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM
    min_len = 6
    max_len = 10

    def match(self, value: str) -> str | None:
        value = value.upper()
        if not _NUMBER.match(value) or sum(c.isdigit() for c in value) < 2:
            return None
        return self.category


class PassportMrz(Detector):
    id = "passport.mrz"
    category = "passport.mrz"
    description = "second line of a passport MRZ (TD3) with valid check digits"
    checksum = True
    strength = Strength.STRONG
    hint = PASSPORT_HINT
    shapes = Shape.TOKEN
    min_len = 44
    max_len = 44

    def match(self, value: str) -> str | None:
        return self.category if "<" in value and mrz_td3_line2_ok(value.upper()) else None
