"""Article 9 categories by field name: a column *called* ``religion``, ``民族``,
``diagnosis``, ``political_party`` or ``sexual_orientation`` that holds short text is
reported even when its words are not in the vocabularies (free text, codes, other
languages). Only strong hints count; the values must still be mostly plausible text."""

from __future__ import annotations

from .base import NamedFieldDetector
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
