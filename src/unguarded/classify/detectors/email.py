"""E-mail addresses: syntax only (RFC 5322's common subset), never a DNS look-up."""

from __future__ import annotations

import re

from .base import Detector, Shape, Strength

_EMAIL = re.compile(r"^[\w.%+'\-!#$&*/=?^`{|}~]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63})*\.[^\W\d_]{2,24}$")


class Email(Detector):
    id = "email"
    category = "contact.email"
    description = "e-mail address (local@domain.tld)"
    strength = Strength.STRONG
    hint = "email"
    shapes = Shape.TOKEN | Shape.UNICODE
    min_len = 6
    max_len = 254

    def match(self, value: str) -> str | None:
        if "@" not in value or value.count("@") != 1:
            return None
        return self.category if _EMAIL.match(value) else None
