"""What a dataset of positions says about movements: over how long, and to which places.

A tracking system is told in counts (``... 6.7 million positions over 1 day; 4 % of
positions at places of worship``), and two of those numbers come from the dataset's
in-process sample alone, never from another read:

* the **time span**: the days between the earliest and the latest instant of the
  dataset's time field in the sample (a random sample of a table spans about what the
  table spans). A time field is one whose values are mostly instants: datetimes, ISO
  8601 strings, epoch seconds or milliseconds;
* the **sensitive places**: the share of sampled positions (rows holding coordinates)
  tagged with a place whose visit reveals GDPR Art. 9 data: a place of worship (belief),
  a hospital, clinic or pharmacy (health). A tag is a whole text value (``mosque``,
  ``place_of_worship``), or a word of a value in a field named like a place
  (``place_name: St Mary's Church``). The vocabularies are :data:`SENSITIVE_PLACES`.

Both are computed for any dataset holding coordinates; the reports show them for
location trails. Nothing returned holds a value: a kind name, a share and a count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence, Set
from typing import Any

from ..models import FieldFinding, PlaceShare
from .detectors.religion import PLACES_OF_WORSHIP
from .fieldnames import tokens
from .patterns import TIME_WORDS

#: hospitals, clinics and pharmacies in the languages the detectors know
HEALTH_PLACES = frozenset(
    [
        "hospital",
        "clinic",
        "pharmacy",
        "chemist",
        "doctors",
        "doctor",
        "dentist",
        "health centre",
        "health center",
        "medical centre",
        "medical center",
        "hospice",
        "rehab",
        "rehabilitation centre",
        "psychiatric",
        "psychiatry",
        "mental health",
        "sexual health clinic",
        "abortion clinic",
        "family planning",
        "dialysis",
        "oncology",
        "emergency room",
        "krankenhaus",
        "klinik",
        "apotheke",
        "arztpraxis",
        "hôpital",
        "hopital",
        "clinique",
        "pharmacie",
        "clínica",
        "clinica",
        "farmacia",
        "医院",
        "诊所",
        "药店",
        "卫生院",
    ]
)

#: kind -> the tags that mark a position there; kinds are what reports name
SENSITIVE_PLACES: Mapping[str, frozenset[str]] = {
    "place_of_worship": PLACES_OF_WORSHIP,
    "health": HEALTH_PLACES,
}
#: field-name tokens that make a field a place's name or type, so a word of its value counts
PLACE_FIELD_WORDS = frozenset(
    "place places venue venues poi pois amenity amenities category type kind site building location "
    "destination stop station landmark label name".split()
)
_SEPARATORS = re.compile(r"[\s_\-]+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
#: a time field needs this share of its sampled values to be instants
TIME_SHARE = 0.8
MAX_VALUES_PER_PATH = 1000


def _normal(text: str) -> str:
    return _SEPARATORS.sub(" ", text.strip().lower())


_VOCABULARY: dict[str, frozenset[str]] = {
    kind: frozenset(_normal(w) for w in words) for kind, words in SENSITIVE_PLACES.items()
}


def instant(value: Any) -> float | None:
    """Seconds since the epoch of a value that is an instant, else None."""
    if isinstance(value, dt.datetime):
        when = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
        return when.timestamp()
    if isinstance(value, str) and _ISO.match(value.strip()):
        try:
            parsed = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).timestamp()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1e9 <= value <= 1e10:
            return float(value)
        if 1e12 <= value <= 1e13:
            return value / 1000.0
    return None


def time_span_days(rows: Sequence[Mapping[str, list[Any]]], exclude: Set[str] = frozenset()) -> float | None:
    """Days between the earliest and latest instant of the sample's best time field; None without one.

    The best time field is the one with the most instants among the fields whose values
    are mostly instants; a numeric field counts only when its name says time (``ts``,
    ``tst``, ``created_at``), since epoch-sized numbers are common elsewhere.
    """
    best: list[float] = []
    for path in sorted({p for row in rows for p in row} - exclude):
        values = [v for row in rows for v in row.get(path, ()) if v is not None][:MAX_VALUES_PER_PATH]
        if not values:
            continue
        named = bool(set(tokens(path)) & TIME_WORDS)
        if not named and not any(isinstance(v, (str, dt.datetime)) for v in values):
            continue
        instants = [t for t in (instant(v) for v in values) if t is not None]
        if len(instants) >= 2 and len(instants) / len(values) >= TIME_SHARE and len(instants) > len(best):
            best = instants
    if not best:
        return None
    return round((max(best) - min(best)) / 86_400, 3)


def _place_kinds(path: str, value: str) -> set[str]:
    text = _normal(value)
    found = {kind for kind, words in _VOCABULARY.items() if text in words}
    if found or not set(tokens(path)) & PLACE_FIELD_WORDS:
        return found
    words_in = text.split(" ")
    grams = set(words_in) | {" ".join(words_in[i : i + 2]) for i in range(len(words_in) - 1)}
    for kind, vocabulary in _VOCABULARY.items():
        if grams & vocabulary or (_CJK.search(text) and any(w in text for w in vocabulary if _CJK.search(w))):
            found.add(kind)
    return found


def sensitive_places(rows: Sequence[Mapping[str, list[Any]]], fields: Sequence[FieldFinding]) -> tuple[PlaceShare, ...]:
    """Share of sampled positions tagged with each kind of sensitive place, largest first.

    Positions are the rows holding a value in a ``location.coordinates`` field; kinds no
    position is tagged with are left out.
    """
    coordinates = {f.path for f in fields if any(c.startswith("location.coordinates") for c in f.categories)}
    if not coordinates:
        return ()
    positions = 0
    tagged: dict[str, int] = dict.fromkeys(SENSITIVE_PLACES, 0)
    for row in rows:
        if not any(row.get(p) for p in coordinates):
            continue
        positions += 1
        kinds: set[str] = set()
        for path, values in row.items():
            if path in coordinates:
                continue
            for value in values:
                if isinstance(value, str) and 0 < len(value) <= 200:
                    kinds |= _place_kinds(path, value)
        for kind in kinds:
            tagged[kind] += 1
    if not positions:
        return ()
    shares = [
        PlaceShare(kind=kind, share=round(n / positions, 4), positions=positions) for kind, n in tagged.items() if n
    ]
    return tuple(sorted(shares, key=lambda s: (-s.share, s.kind)))
