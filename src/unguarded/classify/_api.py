"""The classifier's public surface, kept stable for the scan core.

This first version covers the obvious categories (e-mail, phone, coordinates, payment
cards with Luhn, Chinese resident IDs with their check digit, names and birth dates by
field name). The full classifier replaces the internals behind the same signatures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from ..models import Evidence, FieldFinding
from .mask import mask

MAX_VALUES_PER_FIELD = 500
MAX_EXAMPLES = 2
MIN_PREVALENCE = 0.5


@dataclass(frozen=True)
class SampledDataset:
    """A dataset as the engines hand it over: name, counts and the in-process sample."""

    name: str
    records: int | None
    sample: Sequence[Mapping[str, Any]] = field(default_factory=tuple)
    kind: str = "table"


@dataclass(frozen=True)
class Classification:
    fields: tuple[FieldFinding, ...]
    patterns: tuple[str, ...]
    people_estimate: int | None = None


# ----------------------------------------------------------------- flattening


def flatten(record: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    """Yield ``(path, leaf)`` pairs: ``address.city``, ``tags[]``; GeoJSON stays whole."""
    for key, value in record.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        yield from _flatten_value(path, value)


def _flatten_value(path: str, value: Any) -> Iterable[tuple[str, Any]]:
    if isinstance(value, Mapping):
        if value.get("type") == "Point" and isinstance(value.get("coordinates"), (list, tuple)):
            yield path, value
            return
        yield from flatten(value, path)
    elif isinstance(value, (list, tuple)):
        if len(value) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value):
            yield path, list(value)
            return
        for item in value[:20]:
            yield from _flatten_value(f"{path}[]", item)
    else:
        yield path, value


# ----------------------------------------------------------------- detectors

_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,24}$")
_CN_RIC = re.compile(r"^\d{17}[\dXx]$")
_CARD = re.compile(r"^\d{13,19}$")
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def tokens(path: str) -> set[str]:
    """Split a field path into lower-case word tokens: ``homeAddress.zip_code``."""
    return {t.lower() for part in re.split(r"[._\-\[\]\s]+", path) for t in _TOKEN.findall(part)}


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def cn_ric_ok(value: str) -> bool:
    """China resident ID: ISO 7064 MOD 11-2 check digit and a real birth date."""
    if not _CN_RIC.match(value):
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _RIC_WEIGHTS, strict=True))
    if "10X98765432"[total % 11] != value[17].upper():
        return False
    try:
        born = dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= dt.date.today()


def _is_card(text: str) -> bool:
    digits = re.sub(r"[ \-]", "", text)
    return bool(_CARD.match(digits)) and digits[0] in "3456" and luhn_ok(digits)


def _is_phone(text: str) -> bool:
    if not re.match(r"^\+?[\d ()./\-]{7,20}$", text):
        return False
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else "US")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


def _is_coordinate_pair(value: Any) -> bool:
    if isinstance(value, Mapping):
        value = value.get("coordinates")
    if isinstance(value, (list, tuple)) and len(value) == 2:
        lon, lat = value
        return isinstance(lon, (int, float)) and -180 <= lon <= 180 and isinstance(lat, (int, float)) and -90 <= lat <= 90
    return False


_NAME_HINTS = {"name", "firstname", "lastname", "surname", "fullname", "first", "last", "given", "family"}
_NOT_NAME = {"user", "file", "host", "table", "db", "index", "product", "company", "album", "artist", "track", "genre", "media", "playlist", "type", "key"}


def _value_category(path_tokens: set[str], value: Any) -> str | None:
    """Category of one leaf value, from the value itself (and field tokens for weak ones)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Mapping) or isinstance(value, list):
        return "location.coordinates" if _is_coordinate_pair(value) else None
    if isinstance(value, (int, float)):
        if {"lat", "latitude"} & path_tokens and -90 <= value <= 90:
            return "location.coordinates"
        if {"lon", "lng", "long", "longitude"} & path_tokens and -180 <= value <= 180:
            return "location.coordinates"
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return "person.birth_date" if {"birth", "dob", "birthday", "birthdate"} & path_tokens else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if _EMAIL.match(text):
        return "contact.email"
    if cn_ric_ok(text):
        return "national_id.cn_ric"
    if _is_card(text):
        return "financial.payment_card"
    if ({"phone", "mobile", "tel", "telephone", "fax", "cell"} & path_tokens or text.startswith("+")) and _is_phone(text):
        return "contact.phone"
    if {"birth", "dob", "birthday", "birthdate"} & path_tokens and re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return "person.birth_date"
    if (_NAME_HINTS & path_tokens) and not (_NOT_NAME & path_tokens) and re.match(r"^[^\W\d_]+([ '\-][^\W\d_]+){0,3}$", text):
        return "person.name"
    return None


def classify_dataset(records: Sequence[Mapping[str, Any]], *, dataset: str = "") -> Classification:
    """Classify one dataset's sample into field findings and dataset patterns."""
    values: dict[str, list[Any]] = defaultdict(list)
    for record in records:
        for path, value in flatten(record):
            if len(values[path]) < MAX_VALUES_PER_FIELD:
                values[path].append(value)
    found: list[FieldFinding] = []
    for path, vals in values.items():
        path_tokens = tokens(path)
        non_null = [v for v in vals if v not in (None, "")]
        if not non_null:
            continue
        hits: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        for v in non_null:
            cat = _value_category(path_tokens, v)
            if cat:
                hits[cat] += 1
                if len(examples[cat]) < MAX_EXAMPLES:
                    examples[cat].append(mask(v, cat))
        for cat, n in hits.most_common(1):
            prevalence = n / len(non_null)
            if prevalence >= MIN_PREVALENCE:
                found.append(
                    FieldFinding(path=path, categories=(cat,), prevalence=round(prevalence, 3), examples=tuple(examples[cat]))
                )
    return Classification(fields=tuple(found), patterns=tuple(_patterns(found, records)))


_DIRECT = ("person.name", "national_id", "contact.email", "contact.phone", "passport", "person.birth_date")


def _patterns(found: Sequence[FieldFinding], records: Sequence[Mapping[str, Any]]) -> list[str]:
    cats = {c for f in found for c in f.categories}
    direct = {d for d in _DIRECT if any(c == d or c.startswith(d + ".") for c in cats)}
    patterns = []
    if len(direct) >= 2:
        patterns.append("identity_records")
    if "location.coordinates" in cats and len(records) >= 4:
        patterns.append("location_trail")
    if any(c.startswith("credential") for c in cats):
        patterns.append("credential_store")
    if any(c.startswith("biometric") for c in cats):
        patterns.append("biometric_store")
    if any(c.startswith("special") for c in cats):
        patterns.append("special_category")
    return patterns


_RANSOM = re.compile(
    r"^(read__?me_to_recover_your_data|readme|warning|please_read_me.*|.*-meow|contact_for_data|recovery10btc|"
    r"your_data_is_safe|read_note_for_details|recover_your_.*)$",
    re.IGNORECASE,
)


def detect_compromise(engine: str, datasets: Sequence[SampledDataset]) -> list[Evidence]:
    """Signs of an earlier intrusion across one service's datasets (names only here)."""
    evidence = []
    for ds in datasets:
        leaf = re.split(r"[.:/]", ds.name)
        if any(_RANSOM.match(part) for part in leaf if part):
            evidence.append(Evidence(kind="ransom_note", detail=f"dataset named like a ransom note: {ds.name}"))
    if evidence and len(datasets) == len(evidence):
        evidence.append(Evidence(kind="wiped", detail="only the ransom note remains: the data was wiped"))
    return evidence
