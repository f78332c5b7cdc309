"""Religious or philosophical belief (GDPR Art. 9), including visits to places of worship.

Belief vocabulary stands on its own when most of a column uses it. A *visit* reveals
belief too: a single ``mosque``, ``church`` or ``temple`` in a field naming the kind of
place (``place_type``, ``venue_category``, ``amenity``) is enough (``presence``), since a
check-in table with one mosque visit already tells something about that person.
"""

from __future__ import annotations

from .base import Concept, Strength, VocabularyDetector, words

BELIEFS = frozenset(
    [
        "christian",
        "christianity",
        "catholic",
        "roman-catholic",
        "protestant",
        "evangelical",
        "orthodox",
        "anglican",
        "lutheran",
        "methodist",
        "baptist",
        "pentecostal",
        "mormon",
        "lds",
        "jehovah's-witness",
        "muslim",
        "islam",
        "islamic",
        "sunni",
        "shia",
        "shiite",
        "jewish",
        "judaism",
        "jew",
        "hindu",
        "hinduism",
        "buddhist",
        "buddhism",
        "sikh",
        "sikhism",
        "jain",
        "jainism",
        "taoist",
        "taoism",
        "confucian",
        "shinto",
        "bahai",
        "baha'i",
        "zoroastrian",
        "atheist",
        "atheism",
        "agnostic",
        "humanist",
        "secular",
        "pagan",
        "wiccan",
        "scientologist",
        "katholisch",
        "evangelisch",
        "muslimisch",
        "jüdisch",
        "judisch",
        "konfessionslos",
        "catholique",
        "protestant",
        "musulman",
        "musulmane",
        "juif",
        "juive",
        "bouddhiste",
        "athée",
        "athee",
        "católico",
        "catolico",
        "protestante",
        "musulmán",
        "musulman",
        "judío",
        "judio",
        "budista",
        "ateo",
        "佛教",
        "道教",
        "基督教",
        "天主教",
        "伊斯兰教",
        "犹太教",
        "无宗教",
        "东正教",
    ]
) | frozenset(["roman catholic", "church of england", "jehovah's witness", "no religion", "latter-day saints"])

PLACES_OF_WORSHIP = frozenset(
    [
        "mosque",
        "masjid",
        "church",
        "chapel",
        "cathedral",
        "basilica",
        "temple",
        "synagogue",
        "shul",
        "gurdwara",
        "shrine",
        "monastery",
        "convent",
        "pagoda",
        "kingdom-hall",
        "place_of_worship",
        "place-of-worship",
        "moschee",
        "kirche",
        "synagoge",
        "tempel",
        "mosquée",
        "mosquee",
        "église",
        "eglise",
        "mezquita",
        "iglesia",
        "sinagoga",
        "templo",
        "清真寺",
        "教堂",
        "寺庙",
        "寺院",
        "佛寺",
        "道观",
    ]
) | frozenset({"place of worship", "kingdom hall", "worship", "religious site", "prayer room"})


RELIGION_HINT = Concept(
    "religion",
    strong=words(
        "religion religious faith belief denomination konfession religionszugehoerigkeit confession zongjiao xinyang"
    ),
    cjk_strong=("宗教", "信仰"),
)

PLACE_TYPE_HINT = Concept(
    "place_type",
    strong=words(
        "placetype venuetype poitype locationtype amenity venuecategory placecategory poicategory "
        "placekind buildingtype sitetype poiclass"
    ),
    weak=words("category type kind"),
)


class Religion(VocabularyDetector):
    id = "religion"
    category = "special.religion"
    description = "religion and belief vocabulary (EN, DE, FR, ES, ZH)"
    strength = Strength.MEDIUM
    hint = RELIGION_HINT
    vocabulary = BELIEFS


class PlaceOfWorship(VocabularyDetector):
    id = "religion.place_of_worship"
    category = "special.religion.place_of_worship"
    description = "a visit to a mosque, church, temple, synagogue... in a place-type field"
    strength = Strength.MEDIUM
    hint = PLACE_TYPE_HINT
    needs_hint = 1
    presence = True
    vocabulary = PLACES_OF_WORSHIP
