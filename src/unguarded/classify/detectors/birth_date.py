"""Dates of birth: a real date, not in the future, at most 125 years ago, in a birth field.

A date alone says nothing (orders, logins and updates all have dates), so this detector
always needs a birth-date hint. Text dates are read in ISO, day-first, month-first,
compact ``YYYYMMDD`` and ``1985年3月2日`` forms.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..validators import valid_date
from .base import Concept, Detector, Kind, Shape, Strength, words

_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_COMPACT = re.compile(r"^(19|20)(\d{2})(\d{2})(\d{2})$")
_CJK = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")


def _earliest() -> int:
    return dt.date.today().year - 125


def parse_birth_date(value: Any) -> bool:
    """True when ``value`` is a plausible date of birth (object or text)."""
    if isinstance(value, dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return dt.date(_earliest(), 1, 1) <= day <= dt.date.today()
    m = _ISO.match(value) or _CJK.match(value)
    if m:
        return valid_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), earliest=_earliest())
    m = _DMY.match(value)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return valid_date(year, b, a, earliest=_earliest()) or valid_date(year, a, b, earliest=_earliest())
    m = _COMPACT.match(value)
    if m:
        return valid_date(int(m.group(1) + m.group(2)), int(m.group(3)), int(m.group(4)), earliest=_earliest())
    return False


BIRTH_DATE_HINT = Concept(
    "birth_date",
    strong=words(
        "dob birthdate birthday dateofbirth birth born geburtsdatum geburtstag datedenaissance "
        "naissance fechanacimiento fechadenacimiento nacimiento datanascimento nascimento "
        "csrq chusheng chushengriqi shengri birthdt bdate"
    ),
    cjk_strong=("出生", "生日"),
)


class BirthDate(Detector):
    id = "birth_date"
    category = "person.birth_date"
    description = "plausible date of birth in a field named like one"
    strength = Strength.MEDIUM
    hint = BIRTH_DATE_HINT
    needs_hint = 2
    kinds = Kind.TEXT | Kind.DATE
    shapes = Shape.DIGITS | Shape.TOKEN | Shape.TEXT | Shape.UNICODE
    min_len = 8
    max_len = 32

    def match(self, value: Any) -> str | None:
        return self.category if parse_birth_date(value) else None
