"""A Parquet file's footer: its schema, row count and per-row-group column statistics.

A Parquet file ends with its metadata (``FileMetaData`` in Thrift's compact protocol, then
its 4-byte length and ``PAR1``): every column's name and type, the number of rows, and for
each row group each column's minimum and maximum value. Those are enough to classify a
data file without decoding a single data page (no codecs, no encodings, no dependency):
the column names give the classifier its context and the minima and maxima are real
values to validate. Only the footer is read, and it is parsed within fixed bounds
(nesting depth, collection sizes checked against the bytes left).
"""

from __future__ import annotations

import datetime as dt
import struct
from dataclasses import dataclass, field
from typing import Any

MAGIC = b"PAR1"
#: physical types (parquet.thrift ``Type``)
BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE, BYTE_ARRAY, FIXED = range(8)
CONVERTED_UTF8, CONVERTED_DATE = 0, 6
#: row groups whose statistics become sample records (a minimum and a maximum each)
MAX_ROW_GROUPS = 100
#: bytes of one statistics value kept (parquet-mr truncates long ones too)
VALUE_CAP = 256


class ParquetError(ValueError):
    """Not a Parquet footer, or one this reader refuses (too deep, too large, cut short)."""


@dataclass
class Column:
    name: str
    physical: int | None
    converted: int | None = None
    #: the LogicalType union member set (1 STRING, 6 DATE, ...), when the writer set one
    logical: int | None = None


@dataclass
class ParquetFooter:
    rows: int
    columns: list[Column]
    #: per row group: column path -> (min, max) raw statistics bytes
    statistics: list[dict[str, tuple[bytes | None, bytes | None]]] = field(default_factory=list)
    created_by: str | None = None


class _Compact:
    """Thrift compact protocol, read generically: a struct is ``{field id: value}``."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise ParquetError("footer cut short")
        self.pos += 1
        return self.data[self.pos - 1]

    def varint(self) -> int:
        shift = value = 0
        while True:
            b = self.byte()
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
            if shift > 70:
                raise ParquetError("varint too long")

    def zigzag(self) -> int:
        raw = self.varint()
        return (raw >> 1) ^ -(raw & 1)

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ParquetError("footer cut short")
        self.pos += n
        return self.data[self.pos - n : self.pos]

    def size(self, n: int) -> int:
        if n > len(self.data) - self.pos:
            raise ParquetError("collection longer than the footer")
        return n

    def value(self, kind: int, depth: int) -> Any:
        if depth > 16:
            raise ParquetError("footer nested too deep")
        if kind in (1, 2):
            return kind == 1
        if kind == 3:
            return self.byte()
        if kind in (4, 5, 6):
            return self.zigzag()
        if kind == 7:
            return struct.unpack("<d", self.take(8))[0]
        if kind == 8:
            return self.take(self.size(self.varint()))
        if kind in (9, 10):
            head = self.byte()
            count = head >> 4 if head >> 4 != 15 else self.varint()
            element = head & 0x0F
            return [
                self.byte() == 1 if element in (1, 2) else self.value(element, depth + 1)
                for _ in range(self.size(count))
            ]
        if kind == 11:
            count = self.size(self.varint())
            types = self.byte() if count else 0
            return [(self.value(types >> 4, depth + 1), self.value(types & 0x0F, depth + 1)) for _ in range(count)]
        if kind == 12:
            return self.struct(depth + 1)
        raise ParquetError(f"unknown compact type {kind}")

    def struct(self, depth: int = 0) -> dict[int, Any]:
        out: dict[int, Any] = {}
        last = 0
        while True:
            head = self.byte()
            if head == 0:
                return out
            delta, kind = head >> 4, head & 0x0F
            last = last + delta if delta else self.zigzag()
            out[last] = self.value(kind, depth)


def read_footer(tail: bytes, max_footer: int) -> ParquetFooter:
    """The footer of a file whose last bytes are ``tail`` (the whole file, or at least its footer)."""
    if len(tail) < 12 or tail[-4:] != MAGIC:
        raise ParquetError("no PAR1 at the end: not a Parquet file, or only its start was read")
    (length,) = struct.unpack("<I", tail[-8:-4])
    if length > max_footer:
        raise ParquetError(f"footer of {length:,} bytes over the {max_footer:,}-byte cap")
    if length + 8 > len(tail):
        raise ParquetError("the footer is longer than the bytes read")
    meta = _Compact(tail[-8 - length : -8]).struct()
    schema = [s for s in meta.get(2, []) if isinstance(s, dict)]
    columns = _leaves(schema)
    rows = meta.get(3)
    created = meta.get(6)
    footer = ParquetFooter(
        rows if isinstance(rows, int) else 0,
        columns,
        created_by=created.decode("utf-8", "replace")[:128] if isinstance(created, bytes) else None,
    )
    for group in meta.get(4, [])[:MAX_ROW_GROUPS]:
        stats: dict[str, tuple[bytes | None, bytes | None]] = {}
        for chunk in group.get(1, []) if isinstance(group, dict) else []:
            column = chunk.get(3) if isinstance(chunk, dict) else None
            if not isinstance(column, dict):
                continue
            path = ".".join(p.decode("utf-8", "replace") for p in column.get(3, []) if isinstance(p, bytes))
            found = column.get(12)
            if isinstance(found, dict):
                low, high = found.get(6, found.get(2)), found.get(5, found.get(1))
                stats[path] = (low if isinstance(low, bytes) else None, high if isinstance(high, bytes) else None)
        footer.statistics.append(stats)
    return footer


def _leaves(schema: list[dict[int, Any]]) -> list[Column]:
    """Leaf columns with dotted paths, from the flattened schema tree (its root first)."""
    leaves: list[Column] = []
    position = 1

    def walk(prefix: str, children: int, depth: int) -> None:
        nonlocal position
        for _ in range(children):
            if position >= len(schema) or depth > 16:
                return
            element = schema[position]
            position += 1
            name = element.get(4, b"?")
            name = name.decode("utf-8", "replace") if isinstance(name, bytes) else "?"
            path = f"{prefix}.{name}" if prefix else name
            count = element.get(5)
            if isinstance(count, int) and count > 0:
                walk(path, count, depth + 1)
            else:
                logical = element.get(10)
                member = next(iter(logical), None) if isinstance(logical, dict) else None
                leaves.append(Column(path, element.get(1), element.get(6), member))

    root = schema[0].get(5, len(schema) - 1) if schema else 0
    walk("", root if isinstance(root, int) else 0, 0)
    return leaves


def decode(column: Column, raw: bytes | None) -> Any:
    """A statistics value as the classifier reads it: text, a number, an ISO date."""
    if raw is None:
        return None
    kind = column.physical
    if kind in (BYTE_ARRAY, FIXED):
        text = raw[:VALUE_CAP].decode("utf-8", "replace")
        textual = column.converted == CONVERTED_UTF8 or column.logical == 1 or "\ufffd" not in text
        return text if textual else None
    if kind == INT32 and len(raw) == 4:
        number = struct.unpack("<i", raw)[0]
        if column.converted == CONVERTED_DATE or column.logical == 6:
            return (dt.date(1970, 1, 1) + dt.timedelta(days=number)).isoformat()
        return number
    if kind == INT64 and len(raw) == 8:
        return struct.unpack("<q", raw)[0]
    if kind == DOUBLE and len(raw) == 8:
        return struct.unpack("<d", raw)[0]
    if kind == FLOAT and len(raw) == 4:
        return struct.unpack("<f", raw)[0]
    if kind == BOOLEAN and raw:
        return raw[0] != 0
    return None


def sample_records(footer: ParquetFooter, limit: int) -> list[dict[str, Any]]:
    """Each row group's minima as one record and its maxima as another, up to ``limit`` records."""
    by_path = {c.name: c for c in footer.columns}
    records: list[dict[str, Any]] = []
    for stats in footer.statistics:
        for side in (0, 1):
            record = {name: decode(by_path[name], pair[side]) for name, pair in stats.items() if name in by_path}
            record = {k: v for k, v in record.items() if v is not None}
            if record and len(records) < limit:
                records.append(record)
    return records
