"""Person names, in Latin, Cyrillic, Greek, Arabic and other alphabets and in hanzi.

Two routes. A field named like a person's name (``first_name``, ``nachname``, ``姓名``,
or a bare ``name`` in a ``customers`` table) needs only name-shaped values: one to five
words of letters. Without such a name, most values must start with a common given name
or contain a common surname (see :mod:`._names`), or be two to four hanzi starting with
a common Chinese surname.
"""

from __future__ import annotations

import re

from ._names import CN_COMPOUND_SURNAMES, CN_SURNAMES, GIVEN_NAMES, SURNAMES
from .base import Detector, Shape, Strength, fold

_NAME_SHAPE = re.compile(r"^[^\W\d_]+\.?(?:(?:[ '\u2019\-]|\. ?)[^\W\d_]+\.?){0,4}$")
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}[·•][\u4e00-\u9fff]{1,8}$")
_WORD_SPLIT = re.compile(r"[\s\-.,]+")


def han_name(value: str) -> bool:
    """Two to four hanzi led by a common surname (or a minority name with a middle dot)."""
    if not _HAN_NAME.match(value):
        return False
    return value[0] in CN_SURNAMES or value[:2] in CN_COMPOUND_SURNAMES or "·" in value or "•" in value


class PersonNameByHint(Detector):
    id = "person_name.named"
    category = "person.name"
    description = "one to five words of letters (or 2-4 hanzi) in a field named like a person's name"
    strength = Strength.MEDIUM
    hint = "name"
    needs_hint = 2
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN | Shape.UNICODE
    max_len = 64

    def match(self, value: str) -> str | None:
        if _NAME_SHAPE.match(value) or _HAN_NAME.match(value):
            return self.category
        return None


class PersonNameByDictionary(Detector):
    id = "person_name.dictionary"
    category = "person.name"
    description = "name-shaped text led by a common given name or holding a common surname"
    strength = Strength.MEDIUM
    hint = "name"
    shapes = Shape.ALNUM | Shape.TEXT | Shape.UNICODE
    min_len = 2
    max_len = 48

    def match(self, value: str) -> str | None:
        if _HAN_NAME.match(value):
            return self.category if han_name(value) else None
        if not _NAME_SHAPE.match(value):
            return None
        words = _WORD_SPLIT.split(fold(value))
        if len(words) > 4:
            return None
        if words[0] in GIVEN_NAMES or (len(words) > 1 and words[-1] in SURNAMES):
            return self.category
        return None
