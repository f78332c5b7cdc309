"""Sex life or sexual orientation (GDPR Art. 9): orientation vocabulary in several languages."""

from __future__ import annotations

from .base import Concept, Strength, VocabularyDetector, words

VOCABULARY = frozenset(
    [
        "heterosexual",
        "straight",
        "gay",
        "lesbian",
        "bisexual",
        "homosexual",
        "asexual",
        "pansexual",
        "queer",
        "questioning",
        "lgbt",
        "lgbtq",
        "lgbtq+",
        "lgbtqia+",
        "demisexual",
        "heterosexuell",
        "homosexuell",
        "bisexuell",
        "hétérosexuel",
        "heterosexuel",
        "homosexuel",
        "bisexuel",
        "hétérosexuelle",
        "homosexuelle",
        "heterosexual",
        "homosexual",
        "bisexual",
        "lesbiana",
        "异性恋",
        "同性恋",
        "双性恋",
        "无性恋",
    ]
) | frozenset({"prefer not to say", "men who have sex with men", "msm", "wsw"})


SEXUAL_ORIENTATION_HINT = Concept(
    "sexual_orientation",
    strong=words("sexualorientation sexuality orientationsexuelle orientacionsexual xingquxiang sexualitaet"),
    weak=words("orientation"),
    cjk_strong=("性取向",),
)


class SexualOrientation(VocabularyDetector):
    id = "sexual_orientation"
    category = "special.sexual_orientation"
    description = "sexual orientation vocabulary (EN, DE, FR, ES, ZH)"
    strength = Strength.MEDIUM
    hint = SEXUAL_ORIENTATION_HINT
    vocabulary = VOCABULARY
