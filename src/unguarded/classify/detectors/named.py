"""Article 9 categories by field name: a column *called* ``religion``, ``民族``,
``diagnosis``, ``political_party`` or ``sexual_orientation`` that holds short text is
reported even when its words are not in the vocabularies (free text, codes, other
languages). Only strong hints count; the values must still be mostly plausible text."""

from __future__ import annotations

from typing import Any

from .base import Concept, Kind, NamedFieldDetector, Shape
from .ethnicity import ETHNICITY_HINT
from .health import HEALTH_HINT
from .political import POLITICAL_HINT
from .religion import RELIGION_HINT
from .sexual_orientation import SEXUAL_ORIENTATION_HINT

NAMED: tuple[NamedFieldDetector, ...] = (
    NamedFieldDetector(ETHNICITY_HINT, "special.ethnicity", "any short text in a field named ethnicity, race, 民族"),
    NamedFieldDetector(RELIGION_HINT, "special.religion", "any short text in a field named religion, faith, 宗教"),
    NamedFieldDetector(HEALTH_HINT, "special.health", "any short text in a field named diagnosis, medication, 诊断"),
    NamedFieldDetector(POLITICAL_HINT, "special.political", "any short text in a field named political, 政治面貌"),
    NamedFieldDetector(
        SEXUAL_ORIENTATION_HINT,
        "special.sexual_orientation",
        "any short text in a field named sexual_orientation",
    ),
)


_CODE_WORDS = frozenset({"y", "n", "yes", "no", "true", "false", "t", "f", "u", "unk", "unknown"})


class CodedFieldDetector(NamedFieldDetector):
    """A column *called* ``race``, ``religion``, ``hiv_status`` or ``disability`` that holds a
    small code set (``0``/``1``, ``1``-``9``, ``Y``/``N``, OMOP concept ids): the name says what
    is coded, the few distinct values say it is a code, not a count or a key."""

    kinds = Kind.TEXT | Kind.NUMBER
    shapes = Shape.DIGITS | Shape.ALNUM | Shape.TOKEN
    max_len = 12
    max_distinct = 12

    def __init__(self, concept: Concept, category: str, description: str) -> None:
        super().__init__(concept, category, description)
        self.id = f"coded.{concept.name}"  # type: ignore[misc]

    def match(self, value: Any) -> str | None:
        if isinstance(value, (int, float)):
            return self.category if value == int(value) and 0 <= value < 10**10 else None
        if value.isdigit() or value.lower() in _CODE_WORDS:
            return self.category
        return None


CODED: tuple[CodedFieldDetector, ...] = tuple(
    CodedFieldDetector(d.hint, d.category, f"a small code set in a field named like {d.category}")
    for d in NAMED
    if d.hint is not None
)
