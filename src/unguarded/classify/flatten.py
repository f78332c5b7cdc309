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
from collections.abc import Iterable, Iterator, Mapping
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
    """Yield ``(path, normalised leaf)`` for every leaf of a record (nulls included).

    The pairs are gathered by plain recursion into one list rather than by nested
    generators, and the common scalars skip the general walk: a record is bounded
    (depth, list items, text length), so nothing is lost by not being lazy.
    """
    out: list[tuple[str, Any]] = []
    if type(record) is dict or isinstance(record, Mapping):
        _mapping(record, prefix, depth, out)
    else:
        _walk(prefix or "value", record, depth + 1, out)
    return iter(out)


def _mapping(record: Mapping[Any, Any], prefix: str, depth: int, out: list[tuple[str, Any]]) -> None:
    depth += 1
    if depth > MAX_DEPTH:
        return
    append = out.append
    for key, value in record.items():
        path = f"{prefix}.{key}" if prefix else key if type(key) is str else str(key)
        t = type(value)
        if t is int or value is None:
            append((path, value))
        elif t is str:  # leaf() inlined; JSON and HL7 v2 text takes the general walk
            text = value.strip()
            if not text or (len(text) <= 9 and text.lower() in NULL_MARKERS):
                append((path, None))
            elif text[0] in "{[MBF":
                _walk(path, value, depth, out)
            else:
                append((path, text[:MAX_TEXT_CHARS]))
        else:
            _walk(path, value, depth, out)


_NUMBER_TYPES = frozenset({int, float})


def _walk(path: str, value: Any, depth: int, out: list[tuple[str, Any]]) -> None:
    if depth > MAX_DEPTH:
        return
    t = type(value)
    if t is int or value is None:  # the common scalars first: no ABC checks for them
        out.append((path, value))
        return
    if t is not str:
        if t is dict or isinstance(value, Mapping):
            geo = _geo(value)
            if geo is not None:
                out.append((path, geo))
            else:
                _mapping(value, path, depth, out)
            return
        if t is list or t is tuple or isinstance(value, (list, tuple)):
            if value and (set(map(type, value)) <= _NUMBER_TYPES or all(_number(x) for x in value)):
                out.append((path, Vector(map(float, value))))
                return
            item_path = f"{path}[]"
            for item in value[:MAX_LIST_ITEMS]:
                _walk(item_path, item, depth + 1, out)
            return
    normal = leaf(value)
    if type(normal) is str:
        first = normal[0]
        if first in "{[":
            parsed = _parse_json(normal)
            if isinstance(parsed, (Mapping, list)):
                _walk(path, parsed, depth, out)
                return
        elif first in "MBF" and hl7v2.is_message(normal):
            _walk(path, hl7v2.to_document(hl7v2.parse(normal)), depth, out)  # <path>.PID[].5[]
            return
    out.append((path, normal))


def gather(
    records: Iterable[Mapping[str, Any] | Any], limit: int
) -> tuple[dict[str, list[Any]], list[dict[str, list[Any]]]]:
    """Each path's first ``limit`` leaves (columns), and each record's leaves by path (rows).

    The same pairs as :func:`flatten` on every record (a non-mapping record is
    ``{"value": record}``), gathered without building them first: this runs once per
    top-level field of every sampled record, so a top-level int, null or plain text is
    normalised here inline and only other values take the general walk.
    """
    columns: dict[str, list[Any]] = {}
    rows: list[dict[str, list[Any]]] = []
    nulls, cut = NULL_MARKERS, MAX_TEXT_CHARS
    for record in records:
        source = record if type(record) is dict or isinstance(record, Mapping) else {"value": record}
        row: dict[str, list[Any]] = {}
        for key, value in source.items():
            path = key if type(key) is str else str(key)
            t = type(value)
            if t is str:
                text = value.strip()
                if not text or (len(text) <= 9 and text.lower() in nulls):
                    value = None
                elif text[0] not in "{[MBF":
                    value = text[:cut]
                else:
                    t = dict  # JSON or HL7 v2 text: the general walk below
            elif t is not int and value is not None:
                t = dict
            if t is dict:
                pairs: list[tuple[str, Any]] = []
                _walk(path, value, 1, pairs)
                for leaf_path, normal in pairs:
                    held = row.get(leaf_path)
                    if held is None:
                        row[leaf_path] = [normal]
                    else:
                        held.append(normal)
                    column = columns.get(leaf_path)
                    if column is None:
                        columns[leaf_path] = [normal]
                    elif len(column) < limit:
                        column.append(normal)
                continue
            # one leaf, already normalised (the same steps as above, kept inline)
            held = row.get(path)
            if held is None:
                row[path] = [value]
            else:
                held.append(value)
            column = columns.get(path)
            if column is None:
                columns[path] = [value]
            elif len(column) < limit:
                column.append(value)
        rows.append(row)
    return columns, rows
