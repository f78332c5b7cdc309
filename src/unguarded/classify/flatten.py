"""Nested records to ``(path, leaf)`` pairs, with leaves normalised once for every detector.

``{"address": {"city": "X"}, "tags": ["a"]}`` becomes ``address.city`` and ``tags[]``.
Strings holding JSON (Redis and memcached values) are parsed and flattened in place, and
so are HL7 v2 messages (:mod:`.hl7v2`: ``message.PID[].5[]``).
Leaves are normalised so detectors see few types: stripped ``str`` (null markers become
``None``), ``int``, ``float`` (``Decimal`` converted), ``date``/``datetime``, ``bytes``
(binary that is not short UTF-8 text), :class:`Vector` (a list of numbers) and
:class:`GeoPoint` (a GeoJSON point or an Elasticsearch ``{lat, lon}`` object). Other
objects (ObjectId, UUID) become their ``str``. All of these are hashable, so a column's
values can be counted once and each distinct value tested once.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from . import hl7v2

MAX_DEPTH = 8
MAX_LIST_ITEMS = 50
MAX_JSON_CHARS = 1 << 20
MAX_TEXT_CHARS = 1 << 16
NULL_MARKERS = frozenset({"null", "none", "nil", "n/a", "na", "-", "--", "undefined", "\\n", "(null)"})


class Vector(tuple):  # type: ignore[type-arg]
    """A list of numbers: a coordinate pair, an embedding."""

    __slots__ = ()


class GeoPoint(tuple):  # type: ignore[type-arg]
    """``(lon, lat)`` from GeoJSON ``{"type": "Point", ...}`` or ``{"lat": .., "lon": ..}``."""

    __slots__ = ()


def _number(x: Any) -> bool:
    return isinstance(x, (int, float, Decimal)) and not isinstance(x, bool)


def _geo(value: Mapping[Any, Any]) -> GeoPoint | None:
    coords = value.get("coordinates")
    if value.get("type") == "Point" and isinstance(coords, (list, tuple)) and len(coords) >= 2:
        if _number(coords[0]) and _number(coords[1]):
            return GeoPoint((float(coords[0]), float(coords[1])))
    if len(value) == 2 and "lat" in value:
        lon = value.get("lon", value.get("lng"))
        if _number(value["lat"]) and _number(lon):
            return GeoPoint((float(lon), float(value["lat"])))
    return None


def leaf(value: Any) -> Any:
    """Normalise one scalar leaf (see module docstring); ``None`` for nulls."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text or (len(text) <= 9 and text.lower() in NULL_MARKERS):
            return None
        return text[:MAX_TEXT_CHARS]
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        if len(data) <= 4096:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                return data
            if text.isprintable() or all(c.isprintable() or c in "\n\r\t" for c in text):
                return leaf(text)
        return data
    return leaf(str(value)[:MAX_TEXT_CHARS])


def _parse_json(text: str) -> Any:
    if len(text) > MAX_JSON_CHARS or text[0] not in "{[" or text[-1] not in "}]":
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def flatten(record: Mapping[str, Any] | Any, prefix: str = "", depth: int = 0) -> Iterator[tuple[str, Any]]:
    """Yield ``(path, normalised leaf)`` for every leaf of a record (nulls included)."""
    if isinstance(record, Mapping):
        for key, value in record.items():
            yield from _walk(f"{prefix}.{key}" if prefix else str(key), value, depth + 1)
    else:
        yield from _walk(prefix or "value", record, depth + 1)


def _walk(path: str, value: Any, depth: int) -> Iterator[tuple[str, Any]]:
    if depth > MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        geo = _geo(value)
        if geo is not None:
            yield path, geo
        else:
            yield from flatten(value, path, depth)
        return
    if isinstance(value, (list, tuple)):
        if value and all(_number(x) for x in value):
            yield path, Vector(float(x) for x in value)
            return
        for item in value[:MAX_LIST_ITEMS]:
            yield from _walk(f"{path}[]", item, depth + 1)
        return
    normal = leaf(value)
    if isinstance(normal, str) and normal[0] in "{[":
        parsed = _parse_json(normal)
        if isinstance(parsed, (Mapping, list)):
            yield from _walk(path, parsed, depth)
            return
    if isinstance(normal, str) and normal[0] in "MBF" and hl7v2.is_message(normal):
        yield from _walk(path, hl7v2.to_document(hl7v2.parse(normal)), depth)  # <path>.PID[].5[]
        return
    yield path, normal
