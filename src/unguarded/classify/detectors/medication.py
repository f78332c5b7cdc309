"""Medications by name: about 29,700 names of pharmaceutical substances and their products.

A prescription, dispensing or medication-list column names what someone takes, and what
someone takes says what they are treated for (GDPR Art. 9 health data). The names come
from the FDA's UNII list (public domain; ``data/medications.txt`` says how they were
chosen): the substances with an international or US nonproprietary name (INN/USAN, given
only to pharmaceutical substances), with their official, common and brand names
(``metformin hydrochloride``, ``atorvastatin``, ``Lipitor``). A value is read as stored in
prescribing systems too: a name followed by a strength and a dose form (``Metformin
500 mg tablet``, ``amoxicillin 250mg/5ml``) counts by its name, and so does each part of a combination (``amlodipine/benazepril``).
Whole names only, so the
word ``today`` or a person called ``Amanda`` is never a drug; and, like every vocabulary,
most of a column must match unless its field is named like a medication.
"""

from __future__ import annotations

import re

from .base import Detector, Shape, Strength, phrase_key, word_list
from .health import HEALTH_HINT

MEDICATIONS = word_list("medications.txt")
# First three letters of every name: a cheap gate before folding an ASCII value.
_HEADS = frozenset(name[:3] for name in MEDICATIONS)
# "<name> 500 mg ...", "<name> 250mg/5ml", "<name> 0.5 %": the name before the strength.
_STRENGTH = re.compile(r"^(?P<name>[^\d]+?)\s*\d[\d.,]*\s*(?:mg|mcg|ug|µg|g|ml|iu|units?|%|meq|mmol)\b")
_PARTS = re.compile(r"[/;+|]")
# Words that may trail a name without a strength: dose forms, release, salts ("Metformin ER tablet").
_FORMS = frozenset(
    "tablet tablets tab tabs capsule capsules cap caps injection inj solution oral syrup suspension "
    "cream ointment gel patch inhaler spray drops er xr sr cr la dr odt ec chewable "
    # salts and esters, which the list holds for some substances only ("warfarin sodium")
    "sodium potassium calcium magnesium hydrochloride hcl hydrobromide sulfate sulphate phosphate "
    "maleate fumarate succinate tartrate citrate acetate mesylate besylate tosylate bromide chloride "
    "dihydrate monohydrate trihydrate".split()
)


class Medication(Detector):
    id = "health.medication"
    category = "special.health"
    description = (
        "medication names (FDA UNII list: INN/USAN substances and their brand names), with or without a strength"
    )
    strength = Strength.MEDIUM
    hint = HEALTH_HINT
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN | Shape.UNICODE
    min_len = 5
    max_len = 80

    def match(self, value: str) -> str | None:
        if not value[0].isalpha() or (value.isascii() and value[:3].lower().replace("-", " ") not in _HEADS):
            return None
        key = phrase_key(value)
        if _named(key):
            return self.category
        if _PARTS.search(key):  # combination products: "amlodipine/benazepril 5/10"
            if any(_named(part.strip()) for part in _PARTS.split(key) if part.strip()[:1].isalpha()):
                return self.category
        return None


def _named(key: str) -> bool:
    """A listed name, alone or before a strength, dose form, release word or salt."""
    if key in MEDICATIONS:
        return True
    strength = _STRENGTH.match(key)
    if strength is not None:
        return strength["name"].strip() in MEDICATIONS
    words = key.split()
    while len(words) > 1 and words[-1] in _FORMS:
        words.pop()
        if " ".join(words) in MEDICATIONS:
            return True
    return False
