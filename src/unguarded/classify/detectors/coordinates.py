"""Positions of people and devices: GeoJSON points, [lon, lat] pairs, "lat, lon" text,
WKT/WKB points (MySQL and PostGIS geometry), and separate latitude/longitude columns.

A coordinate needs some precision to place a person: values with at most one decimal
(about 10 km) are not counted. Whether a column holds a *person's* position or a fixed
site is judged per column from cardinality (see ``fixed_site_ok`` in :mod:`..stats`).
"""

from __future__ import annotations

import math
import re
import struct
from typing import Any

from .base import Concept, Detector, Kind, Shape, Strength, words

_PAIR = re.compile(r"^\(?\s*(-?\d{1,3}\.\d+)\s*[,;\s]\s*(-?\d{1,3}\.\d+)\s*\)?$")
_WKT = re.compile(r"^(?:SRID=\d+;)?POINT\s*\(\s*(-?\d{1,3}(?:\.\d+)?)\s+(-?\d{1,3}(?:\.\d+)?)\s*\)$", re.IGNORECASE)
_HEX = re.compile(r"^[0-9A-Fa-f]{42,50}$")


def precise(x: float) -> bool:
    """At least two decimals: finer than ~1 km."""
    return math.isfinite(x) and abs(x * 10 - round(x * 10)) > 1e-7


def lonlat_ok(lon: float, lat: float) -> bool:
    """In range, not the (0, 0) placeholder, and precise enough to place someone."""
    return -180 <= lon <= 180 and -90 <= lat <= 90 and (lon, lat) != (0, 0) and (precise(lon) or precise(lat))


def wkb_point(data: bytes) -> tuple[float, float] | None:
    """(x, y) of a WKB/EWKB point, or of MySQL's internal SRID + WKB layout; else None."""
    for offset in (0, 4):  # MySQL prefixes a 4-byte SRID
        body = data[offset:]
        if len(body) < 21 or body[0] not in (0, 1):
            continue
        order = "<" if body[0] == 1 else ">"
        (geom_type,) = struct.unpack(order + "I", body[1:5])
        start = 5
        if geom_type == 0x20000001 and len(body) == 25:  # EWKB with SRID
            start = 9
        elif geom_type != 1 or len(body) != 21:
            continue
        x, y = struct.unpack(order + "dd", body[start : start + 16])
        return x, y
    return None


LATITUDE_HINT = Concept(
    "latitude",
    strong=words("lat latitude breitengrad breite weidu"),
    cjk_strong=("纬度",),
)

LONGITUDE_HINT = Concept(
    "longitude",
    strong=words("lon lng longitude laengengrad laenge jingdu"),
    weak=words("long"),
    cjk_strong=("经度",),
)

COORDINATES_HINT = Concept(
    "coordinates",
    strong=words(
        "coordinates coords coord geo geopoint geolocation latlng latlon lnglat location position gps loc point"
    ),
    weak=words("geometry geom place"),
    cjk_strong=("坐标", "位置", "定位"),
)


class GeoJsonPoint(Detector):
    id = "coordinates.geojson"
    category = "location.coordinates"
    description = "GeoJSON Point with coordinates in range"
    strength = Strength.STRONG
    hint = COORDINATES_HINT
    kinds = Kind.GEO

    def match(self, value: tuple[float, float]) -> str | None:
        return self.category if lonlat_ok(*value) else None


class CoordinatePair(Detector):
    id = "coordinates.pair"
    category = "location.coordinates"
    description = "[lon, lat] (or [lat, lon]) array of two precise numbers in range"
    strength = Strength.MEDIUM
    hint = COORDINATES_HINT
    kinds = Kind.VECTOR

    def match(self, value: tuple[float, ...]) -> str | None:
        if len(value) != 2:
            return None
        a, b = value
        return self.category if lonlat_ok(a, b) or lonlat_ok(b, a) else None


class CoordinateText(Detector):
    id = "coordinates.text"
    category = "location.coordinates"
    description = "'lat, lon' text, WKT POINT(x y), or PostGIS EWKB hex point"
    strength = Strength.MEDIUM
    hint = COORDINATES_HINT
    shapes = Shape.TOKEN | Shape.TEXT | Shape.ALNUM | Shape.DIGITS
    min_len = 7
    max_len = 64

    def match(self, value: str) -> str | None:
        if "." not in value and len(value) < 42:
            return None
        m = _PAIR.match(value) or _WKT.match(value)
        if m:
            a, b = float(m.group(1)), float(m.group(2))
            return self.category if lonlat_ok(a, b) or lonlat_ok(b, a) else None
        if _HEX.match(value):
            point = wkb_point(bytes.fromhex(value))
            return self.category if point and lonlat_ok(*point) else None
        return None


class WkbPoint(Detector):
    id = "coordinates.wkb"
    category = "location.coordinates"
    description = "binary WKB/EWKB point, or MySQL GEOMETRY (SRID + WKB)"
    strength = Strength.STRONG
    hint = COORDINATES_HINT
    kinds = Kind.BYTES
    min_len = 21
    max_len = 25

    def match(self, value: bytes) -> str | None:
        point = wkb_point(value)
        return self.category if point and lonlat_ok(*point) else None


def _number(value: Any) -> float | None:
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return None
    return float(value)


class Latitude(Detector):
    id = "coordinates.latitude"
    category = "location.coordinates"
    description = "precise number in [-90, 90] in a field named like a latitude"
    strength = Strength.MEDIUM
    hint = LATITUDE_HINT
    needs_hint = 1
    kinds = Kind.NUMBER | Kind.TEXT
    shapes = Shape.TOKEN | Shape.DIGITS
    max_len = 24
    limit = 90.0

    def match(self, value: Any) -> str | None:
        x = _number(value)
        return self.category if x is not None and -self.limit <= x <= self.limit and precise(x) else None


class Longitude(Latitude):
    id = "coordinates.longitude"
    description = "precise number in [-180, 180] in a field named like a longitude"
    hint = LONGITUDE_HINT
    limit = 180.0
