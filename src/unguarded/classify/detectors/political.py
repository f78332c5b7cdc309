"""Political opinion or trade-union membership (GDPR Art. 9): parties and leanings
(US, UK, DE, FR, ES, CN) and the 政治面貌 categories of Chinese forms.

Words with everyday meanings (left, right, green, independent, reform) are left out of
the vocabulary; in a field named like a party or political view any value counts.
"""

from __future__ import annotations

from .base import Concept, Strength, VocabularyDetector, words

VOCABULARY = frozenset(
    [
        "democrat",
        "democratic",
        "republican",
        "gop",
        "libertarian",
        "greens",
        "labour",
        "conservative",
        "tory",
        "lib-dem",
        "libdem",
        "socialist",
        "communist",
        "left-wing",
        "right-wing",
        "centrist",
        "far-left",
        "far-right",
        "snp",
        "ukip",
        "cdu",
        "csu",
        "spd",
        "fdp",
        "afd",
        "linke",
        "grüne",
        "grune",
        "bsw",
        "pcf",
        "lfi",
        "psoe",
        "podemos",
        "中共党员",
        "中国共产党党员",
        "共青团员",
        "群众",
        "民主党派",
        "无党派人士",
        "预备党员",
        "党员",
        "union-member",
        "trade-unionist",
    ]
) | frozenset(
    [
        "democratic party",
        "republican party",
        "labour party",
        "conservative party",
        "liberal democrats",
        "die linke",
        "die grünen",
        "rassemblement national",
        "la france insoumise",
        "trade union member",
        "union member",
        "not a member",
    ]
)


POLITICAL_HINT = Concept(
    "political",
    strong=words(
        "political politics partyaffiliation politicalparty unionmember "
        "tradeunion unionmembership partei gewerkschaft syndicat sindicato zzmm zhengzhimianmao"
    ),
    weak=words("party partido parti vote voted voting"),
    cjk_strong=("政治面貌", "党派"),
)


class Political(VocabularyDetector):
    id = "political"
    category = "special.political"
    description = "political party and leaning vocabulary, 政治面貌 categories"
    strength = Strength.MEDIUM
    hint = POLITICAL_HINT
    vocabulary = VOCABULARY
