"""Article 9 categories by field name: a column *called* ``religion``, ``民族``,
``diagnosis``, ``political_party`` or ``sexual_orientation`` that holds short text is
reported even when its words are not in the vocabularies (free text, codes, other
languages). Only strong hints count; the values must still be mostly plausible text."""

from __future__ import annotations

from .base import NamedFieldDetector

NAMED: tuple[NamedFieldDetector, ...] = (
    NamedFieldDetector("ethnicity", "special.ethnicity", "any short text in a field named ethnicity, race, 民族"),
    NamedFieldDetector("religion", "special.religion", "any short text in a field named religion, faith, 宗教"),
    NamedFieldDetector("health", "special.health", "any short text in a field named diagnosis, medication, 诊断"),
    NamedFieldDetector("political", "special.political", "any short text in a field named political, 政治面貌"),
    NamedFieldDetector(
        "sexual_orientation", "special.sexual_orientation", "any short text in a field named sexual_orientation"
    ),
)
