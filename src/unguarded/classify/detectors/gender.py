"""Sex or gender: a small vocabulary (and ISO 5218 codes) in a field named like one."""

from __future__ import annotations

from .base import Concept, Shape, Strength, VocabularyDetector, words

VOCABULARY = frozenset(
    [
        "m",
        "f",
        "male",
        "female",
        "man",
        "woman",
        "men",
        "women",
        "boy",
        "girl",
        "männlich",
        "mannlich",
        "weiblich",
        "divers",
        "diverse",
        "homme",
        "femme",
        "masculin",
        "feminin",
        "masculine",
        "feminine",
        "hombre",
        "mujer",
        "masculino",
        "femenino",
        "feminino",
        "maschio",
        "femmina",
        "uomo",
        "donna",
        "男",
        "女",
        "男性",
        "女性",
        "other",
        "non-binary",
        "nonbinary",
        "x",
        "u",
        "unknown",
        "unspecified",
        "0",
        "1",
        "2",
        "9",
    ]
)


GENDER_HINT = Concept(
    "gender",
    strong=words("gender sex geschlecht sexe sexo genero xingbie xb"),
    cjk_strong=("性别",),
)


class Gender(VocabularyDetector):
    id = "gender"
    category = "person.gender"
    description = "gender vocabulary (several languages, ISO 5218) in a gender field"
    strength = Strength.WEAK
    hint = GENDER_HINT
    needs_hint = 2
    vocabulary = VOCABULARY
    shapes = VocabularyDetector.shapes | Shape.DIGITS
    max_len = 16
