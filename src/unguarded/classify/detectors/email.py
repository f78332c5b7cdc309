"""E-mail addresses: syntax only (RFC 5322's common subset), never a DNS look-up."""

from __future__ import annotations

import re

from .base import Concept, Detector, Shape, Strength, words

_EMAIL = re.compile(r"^[\w.%+'\-!#$&*/=?^`{|}~]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63})*\.[^\W\d_]{2,24}$")


EMAIL_HINT = Concept(
    "email",
    strong=words("email mail emailaddress correo courriel youxiang"),
    cjk_strong=("邮箱", "电子邮件"),
)


class Email(Detector):
    id = "email"
    category = "contact.email"
    description = "e-mail address (local@domain.tld)"
    strength = Strength.STRONG
    hint = EMAIL_HINT
    shapes = Shape.TOKEN | Shape.UNICODE
    min_len = 6
    max_len = 254

    def match(self, value: str) -> str | None:
        if "@" not in value or value.count("@") != 1:
            return None
        return self.category if _EMAIL.match(value) else None
