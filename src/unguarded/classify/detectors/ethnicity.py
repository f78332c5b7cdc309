"""Racial or ethnic origin (GDPR Art. 9): census vocabularies in several languages, and the
names of China's 56 recognised ethnic groups (汉族, 回族, 维吾尔族...) as stored in a 民族 field."""

from __future__ import annotations

import re

from .base import Concept, Strength, VocabularyDetector, words

# Colour words (white, black) and "mixed" are left out: a product colour column would read
# as ethnicity. In a field named ethnicity/race/民族 any value counts (named evidence).
VOCABULARY = frozenset(
    [
        "asian",
        "hispanic",
        "latino",
        "latina",
        "latinx",
        "caucasian",
        "african",
        "african-american",
        "native-american",
        "american-indian",
        "alaska-native",
        "pacific-islander",
        "native-hawaiian",
        "middle-eastern",
        "arab",
        "multiracial",
        "biracial",
        "indigenous",
        "aboriginal",
        "roma",
        "sinti",
        "afro-caribbean",
        "south-asian",
        "east-asian",
        "uyghur",
        "uighur",
        "tibetan",
        "zhuang",
        "manchu",
        "tujia",
        "asiatisch",
        "asiatique",
        "maghrebin",
        "asiatico",
        "indigena",
        "mestizo",
        "gitano",
    ]
) | frozenset(
    [
        "african american",
        "native american",
        "american indian",
        "pacific islander",
        "native hawaiian",
        "middle eastern",
        "south asian",
        "east asian",
        "white british",
        "black african",
        "black caribbean",
        "white other",
        "mixed race",
        "two or more races",
        "hispanic or latino",
        "not hispanic or latino",
    ]
)
_ZU = re.compile(r"^[\u4e00-\u9fff]{1,5}族$")


ETHNICITY_HINT = Concept(
    "ethnicity",
    strong=words("ethnicity ethnic race ethnie ethnique etnia raza herkunft minzu mz"),
    cjk_strong=("民族", "种族"),
)


class Ethnicity(VocabularyDetector):
    id = "ethnicity"
    category = "special.ethnicity"
    description = "ethnic-origin vocabulary (EN, DE, FR, ES) and Chinese 民族 names"
    strength = Strength.MEDIUM
    hint = ETHNICITY_HINT
    vocabulary = VOCABULARY

    def match(self, value: str) -> str | None:
        if _ZU.match(value):
            return self.category
        return super().match(value)
