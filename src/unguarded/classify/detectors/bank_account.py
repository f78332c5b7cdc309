"""Bank accounts: IBAN (country length + MOD 97-10), or account-number digits by field name."""

from __future__ import annotations

import re

from ..validators import iban_ok
from .base import Concept, Detector, Shape, Strength, words

_ACCOUNT = re.compile(r"^[A-Z0-9][A-Z0-9\s\-]{5,32}$")


BANK_HINT = Concept(
    "bank",
    strong=words("iban bankaccount accountnumber kontonummer bic swift rib clabe"),
    weak=words("account"),
    cjk_strong=("银行账号", "账号"),
    negatable=True,
)


class Iban(Detector):
    id = "iban"
    category = "financial.bank_account.iban"
    description = "IBAN with a valid country length and MOD 97-10 check"
    checksum = True
    strength = Strength.STRONG
    hint = BANK_HINT
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN
    min_len = 15
    max_len = 42

    def match(self, value: str) -> str | None:
        if not value[:2].isalpha():
            return None
        compact = value.replace(" ", "").replace("-", "").upper()
        return self.category if iban_ok(compact) else None


class AccountNumberByName(Detector):
    id = "bank_account.named"
    category = "financial.bank_account"
    description = "6-30 digits (some national formats add letters) in a field named like a bank account"
    strength = Strength.WEAK
    hint = BANK_HINT
    needs_hint = 2
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN | Shape.TEXT
    min_len = 6
    max_len = 34

    def match(self, value: str) -> str | None:
        if not _ACCOUNT.match(value) or sum(c.isdigit() for c in value) < 6:
            return None
        return self.category
