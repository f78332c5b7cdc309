"""What the SQL engines (PostgreSQL, MySQL/MariaDB) share: count and sample bounds.

Both engines decide per table between an exact ``COUNT(*)`` and the catalogue's
estimate, cap every value in SQL before it leaves the server, stop adding sampled rows
at the per-dataset byte cap, and keep to a time budget inside the scanner's service
deadline so a server with thousands of tables still yields a report. None of the helpers
here ever put a sampled value into a message.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ..models import Access, Exposure
from .base import ScanOptions

#: tables larger than this on disk are never counted exactly, whatever the estimate says
EXACT_COUNT_BYTES = 256 * 1024 * 1024
#: each value is cut to at least this many characters, whatever the column count
MIN_VALUE_CAP = 256
#: a large table is sampled with this many times the rows wanted, then cut to size
OVERSAMPLE = 3
#: share of the service deadline spent counting and sampling; the rest is for listing
SAMPLING_SHARE = 0.75
#: share of the service deadline after which no further database is opened
LISTING_SHARE = 0.9

_POINT = re.compile(r"^\s*POINT\s*\(\s*(-?[\d.]+(?:[eE][-+]?\d+)?)[ ,]\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*\)\s*$", re.I)
_PG_POINT = re.compile(r"^\((-?[\d.]+(?:e[-+]?\d+)?),(-?[\d.]+(?:e[-+]?\d+)?)\)$", re.I)


class LoginRefused(Exception):
    """The server refused the vendor-default login; ``exposure``, ``detail`` and ``access`` say how.

    ``detail`` is written by the engine, never copied from the server's message (which may
    hold user or database names).
    """

    def __init__(self, exposure: Exposure, detail: str, access: Access = Access.NONE) -> None:
        super().__init__(detail)
        self.exposure, self.detail, self.access = exposure, detail, access


class Budget:
    """Time left inside the service deadline, so that a huge server still yields a report.

    Counting and sampling stop first (tables are then listed with their estimates);
    opening further databases stops a little later.
    """

    def __init__(self, options: ScanOptions) -> None:
        now = time.monotonic()
        self._sampling_until = now + options.service_deadline * SAMPLING_SHARE
        self._listing_until = now + options.service_deadline * LISTING_SHARE

    @property
    def spent(self) -> bool:
        return time.monotonic() >= self._sampling_until

    @property
    def listing_spent(self) -> bool:
        return time.monotonic() >= self._listing_until


def count_exactly(estimate: float | None, size: int | None, options: ScanOptions) -> bool:
    """Whether a ``COUNT(*)`` is cheap: few rows by the estimate and small on disk.

    The cost of what is done instead (the estimate plus a block sample) does not grow
    with the table, so a 10-million-row table costs about what a small one does.
    """
    if estimate is None or estimate > options.exact_count_limit:
        return False
    return size is None or size <= EXACT_COUNT_BYTES


def value_cap(columns: int, options: ScanOptions) -> int:
    """Characters (or bytes, for binary columns) kept from each value, cut in SQL."""
    return min(options.record_byte_cap, max(MIN_VALUE_CAP, options.record_byte_cap // max(1, columns)))


def sample_fraction(wanted: int, estimate: float) -> float:
    """Percentage of a large table to sample to get about ``wanted`` rows (with margin)."""
    if estimate <= 0:
        return 100.0
    return min(100.0, max(0.0001, 100.0 * OVERSAMPLE * wanted / estimate))


def clean(value: Any) -> Any:
    """A fetched value as the classifier reads it: floats for decimals, JSON parsed, points as GeoJSON."""
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, memoryview | bytearray):
        return bytes(value)
    if isinstance(value, str):
        head = value[:1]
        if head in ("{", "[") and value[-1:] in ("}", "]"):
            try:
                return json.loads(value)
            except ValueError:
                return value
        if head in ("P", "p", "("):
            point = _POINT.match(value) or _PG_POINT.match(value)
            if point:
                return {"type": "Point", "coordinates": [float(point.group(1)), float(point.group(2))]}
    return value


def _size(value: Any) -> int:
    if value is None or isinstance(value, bool | int | float | dt.date | dt.time | dt.timedelta):
        return 8
    if isinstance(value, str | bytes | memoryview | bytearray):
        return len(value)
    return len(str(value))


def records_within(rows: Iterable[Sequence[Any]], columns: Sequence[str], dataset_cap: int) -> list[dict[str, Any]]:
    """Rows as ``{column: value}`` dicts, stopping before the dataset byte cap is passed."""
    records: list[dict[str, Any]] = []
    used = 0
    for row in rows:
        used += sum(_size(v) for v in row)
        if used > dataset_cap:
            break
        records.append({c: clean(v) for c, v in zip(columns, row, strict=True)})
    return records
