"""Dataset patterns: what a whole collection, table, index or key space amounts to.

* ``identity_records``: the records identify people directly. Direct identifiers are a
  name, a national ID or passport, an e-mail, a phone number and a face image; quasi
  identifiers are a birth date, a postal address, gender and coordinates. The pattern
  needs two direct identifiers, or one direct and two quasi.
* ``location_trail``: coordinates, a timestamp and an identifier, where at least one
  identifier value comes back in three or more rows at two or more distinct positions
  (or one record holds a list of three or more positions with times). A weather station
  repeats its identifier at the same position and so is not a trail.
* ``biometric_store``, ``credential_store``, ``special_category``: any field of
  ``biometric.*``, ``credential.*`` or ``special.*``.
* ``ransom_note``: the dataset is named like a ransom note (:mod:`.compromise`).

Which category is a direct, quasi or device identifier, and which implies a pattern by
itself, is read from the category table (:mod:`.categories`); the lists above say what it
holds today.

People are estimated per dataset from its total record count scaled by the share of
distinct identifier values in the sample, and per service by :func:`estimate_people`
as the largest dataset estimate: customers and their addresses are the same people, so
summing tables would count them twice.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..models import FieldFinding
from .categories import IMPLIED_PATTERNS, Identifier, resolve, root
from .fieldnames import tokens

IDENTIFIER_WORDS = frozenset(
    [
        "id",
        "uid",
        "uuid",
        "user",
        "userid",
        "username",
        "device",
        "deviceid",
        "imei",
        "mac",
        "person",
        "people",
        "member",
        "account",
        "customer",
        "patient",
        "subscriber",
        "vehicle",
        "car",
        "plate",
        "driver",
        "tracker",
        "tid",  # OwnTracks: the tracker id in every position message
        "phone",
        "msisdn",
        "email",
        "owner",
        "citizen",
        "rider",
        "courier",
        "employee",
        "passenger",
        "visitor",
        "guest",
        "client",
    ]
)
TIME_WORDS = frozenset(
    [
        "time",
        "timestamp",
        "ts",
        "date",
        "datetime",
        "created",
        "recorded",
        "at",
        "when",
        "seen",
        "logged",
        "updated",
        "epoch",
        "tst",  # OwnTracks: the fix time, epoch seconds
    ]
)
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
TRAIL_MIN_POINTS = 3


def _has(categories: set[str], prefix: str) -> bool:
    return any(c == prefix or c.startswith(prefix + ".") for c in categories)


def _identifies(category: str, *kinds: Identifier) -> bool:
    return resolve(category).identifier in kinds


def identity_records(categories: set[str]) -> bool:
    """Two direct identifiers, or one direct and two quasi identifiers (counted per CATEGORIES.md name)."""
    direct = len({root(c) for c in categories if _identifies(c, Identifier.DIRECT)})
    quasi = len({root(c) for c in categories if _identifies(c, Identifier.QUASI)})
    return direct >= 2 or (direct >= 1 and quasi >= 2)


def _is_time(value: Any) -> bool:
    if isinstance(value, dt.datetime):
        return True
    if isinstance(value, str):
        return bool(_ISO_TIME.match(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return 1e9 <= value <= 1e10 or 1e12 <= value <= 1e13  # epoch seconds or milliseconds
    return False


def time_paths(rows: Sequence[Mapping[str, list[Any]]], exclude: set[str]) -> set[str]:
    found: set[str] = set()
    paths = {p for row in rows for p in row} - exclude
    for path in paths:
        vals = [v for row in rows for v in row.get(path, ()) if v is not None][:50]
        if not vals:
            continue
        named = bool(set(tokens(path)) & TIME_WORDS)
        share = sum(_is_time(v) for v in vals) / len(vals)
        if share >= 0.8 and (named or any(isinstance(v, (dt.datetime, str)) for v in vals)):
            found.add(path)
    return found


def _identifier_paths(
    rows: Sequence[Mapping[str, list[Any]]], fields: Sequence[FieldFinding], exclude: set[str]
) -> set[str]:
    ids = {f.path for f in fields if any(_identifies(c, Identifier.DIRECT, Identifier.DEVICE) for c in f.categories)}
    for path in {p for row in rows for p in row} - exclude:
        if set(tokens(path)) & IDENTIFIER_WORDS:
            ids.add(path)
    return ids - exclude


def coordinate_paths(fields: Sequence[FieldFinding]) -> set[str]:
    """The fields holding coordinates (``location.coordinates``)."""
    return {f.path for f in fields if _has(set(f.categories), "location.coordinates")}


def location_trail(rows: Sequence[Mapping[str, list[Any]]], fields: Sequence[FieldFinding]) -> bool:
    """Positions over time tied to a recurring identifier, moving between positions."""
    loc = coordinate_paths(fields)
    if not loc:
        return False
    times = time_paths(rows, loc)
    if not times:
        return False
    loc_sorted = sorted(loc)
    # One record holding a whole trail (a list of points with times).
    for row in rows:
        moving = any(len(set(row.get(p, ()))) >= TRAIL_MIN_POINTS for p in loc_sorted)
        if moving and any(len(row.get(t, ())) >= TRAIL_MIN_POINTS for t in times):
            return True
    ids = _identifier_paths(rows, fields, loc | times)
    for id_path in ids:
        positions: dict[Any, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            key = row.get(id_path)
            if not key or key[0] is None or isinstance(key[0], (float, bytes)):
                continue
            where = tuple(row[p][0] for p in loc_sorted if row.get(p))
            if where:
                positions[key[0]].append(where)
        for trail in positions.values():
            if len(trail) >= TRAIL_MIN_POINTS and len(set(trail)) >= 2:
                return True
    return False


def dataset_patterns(
    fields: Sequence[FieldFinding], rows: Sequence[Mapping[str, list[Any]]], *, ransom_note: bool = False
) -> tuple[str, ...]:
    """The patterns of one dataset, in a stable order."""
    cats = {c for f in fields for c in f.categories}
    out = []
    if identity_records(cats):
        out.append("identity_records")
    if _has(cats, "location.coordinates") and location_trail(rows, fields):
        out.append("location_trail")
    implied = {resolve(c).pattern for c in cats}
    out.extend(p for p in IMPLIED_PATTERNS if p in implied)
    if ransom_note:
        out.append("ransom_note")
    return tuple(out)


def people_in_dataset(
    fields: Sequence[FieldFinding], rows: Sequence[Mapping[str, list[Any]]], total: int | None
) -> int | None:
    """People in one identity dataset: ``total`` scaled by the distinct share of its best identifier."""
    if total is None or not rows:
        return None
    best = 0.0
    for f in fields:
        if not any(resolve(c).counts_people for c in f.categories):
            continue
        vals = [row[f.path][0] for row in rows if row.get(f.path) and row[f.path][0] is not None]
        if vals:
            best = max(best, len(set(vals)) / len(rows))
    share = best or 1.0
    return max(0, round(total * share))


def estimate_people(datasets: Iterable[tuple[Any, Any]]) -> int | None:
    """Distinct people exposed by one service, from ``(dataset, classification)`` pairs.

    ``dataset`` may be anything with a ``records`` count (a :class:`SampledDataset`) or an
    ``int``; ``classification`` anything with ``patterns`` and ``people_estimate``. The
    rule: the largest ``people_estimate`` (or record count) among the datasets with the
    ``identity_records`` pattern; failing that, the largest record count of a dataset
    with a direct identifier field; None when no dataset identifies anyone.
    """
    best: int | None = None
    fallback: int | None = None
    for dataset, classification in datasets:
        records = dataset if isinstance(dataset, int) else getattr(dataset, "records", None)
        estimate = getattr(classification, "people_estimate", None)
        if "identity_records" in getattr(classification, "patterns", ()):
            value = estimate if estimate is not None else records
            if value is not None:
                best = value if best is None else max(best, value)
        elif records is not None:
            cats = {c for f in getattr(classification, "fields", ()) for c in f.categories}
            if any(_identifies(c, Identifier.DIRECT) for c in cats):
                fallback = records if fallback is None else max(fallback, records)
    return best if best is not None else fallback
