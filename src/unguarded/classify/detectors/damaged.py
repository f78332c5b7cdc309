"""Numbers a spreadsheet has mangled: ``4.53E+15`` for a 16-digit card or ID, a phone or an
ID turned into a float (``3.2154987e+10``). The digits are gone, so nothing can be
validated: such a value is weak evidence, counted only in a field whose name says what it
held (a strong hint), and reported under a ``.damaged`` subcategory so a reader knows the
finding rests on the name. (Lost leading zeros leave plain digits, which the by-name
detectors of each kind already read.)
"""

from __future__ import annotations

import re
from typing import Any

from .bank_account import BANK_HINT
from .base import Concept, Detector, Kind, Shape, Strength
from .national_id import NATIONAL_ID_HINT
from .passport import PASSPORT_HINT
from .payment_card import CARD_HINT
from .phone import PHONE_HINT

_SCIENTIFIC = re.compile(r"^\d(?:[.,]\d{1,14})?[eE]\+?\d{1,2}$")
MIN_DIGITS = 5


class DamagedNumber(Detector):
    """A number in scientific notation, or a whole float, in a field named like ``hint``."""

    strength = Strength.WEAK
    needs_hint = 2
    kinds = Kind.TEXT | Kind.NUMBER
    shapes = Shape.TOKEN
    min_len = 4
    max_len = 24

    def __init__(self, concept: Concept, category: str) -> None:
        self.hint = concept  # type: ignore[misc]
        self.category = category  # type: ignore[misc]
        self.id = f"damaged.{concept.name}"  # type: ignore[misc]
        self.description = f"spreadsheet-mangled number (4.53E+15) in a field named like {category}"  # type: ignore[misc]

    def match(self, value: Any) -> str | None:
        if isinstance(value, float):
            ok = value.is_integer() and abs(value) >= 10**MIN_DIGITS
        elif isinstance(value, str):
            ok = bool(_SCIENTIFIC.match(value))
        else:
            ok = False
        return f"{self.category}.damaged" if ok else None


DAMAGED: tuple[DamagedNumber, ...] = (
    DamagedNumber(NATIONAL_ID_HINT, "national_id"),
    DamagedNumber(PASSPORT_HINT, "passport"),
    DamagedNumber(CARD_HINT, "financial.payment_card"),
    DamagedNumber(BANK_HINT, "financial.bank_account"),
    DamagedNumber(PHONE_HINT, "contact.phone"),
)
