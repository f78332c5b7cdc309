"""InfluxDB 1.x's ``influxdb.conf`` (TOML), with the line of every key.

Values come from :mod:`tomllib` (the real parser: a file it rejects is reported, not
guessed at); the line of each ``[table]`` header and key comes from a scan of the text,
since tomllib keeps no positions.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .lines import ParseError

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.\-\"]+)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")
#: tables only InfluxDB 1.x's configuration has; a TOML file with none of them is not its
INFLUX_TABLES = frozenset({"meta", "data", "http", "coordinator", "retention", "monitor", "subscriber"})


@dataclass(frozen=True)
class InfluxConf:
    """The parsed document and where each table header and key is (first occurrence)."""

    path: Path
    data: dict[str, Any]
    lines: dict[tuple[str, str], int]

    def table(self, name: str) -> dict[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, dict) else {}

    def line(self, table: str, key: str = "") -> int:
        """The line of ``key`` in ``table`` (``''``: the table's header), else 1."""
        return self.lines.get((table, key)) or self.lines.get((table, "")) or 1


def parse_influxdb_conf(path: Path, text: str) -> list[InfluxConf]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise ParseError(
            f"not valid TOML ({str(exc).split(' (', 1)[0]})", int(match.group(1)) if match else None
        ) from exc
    if not INFLUX_TABLES & set(data):
        return []
    lines: dict[tuple[str, str], int] = {}
    table = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(raw)
        if header:
            table = header.group(1).strip('"')
            lines.setdefault((table, ""), number)
            continue
        key = _KEY.match(raw)
        if key:
            lines.setdefault((table, key.group(1).strip('"')), number)
    return [InfluxConf(path, data, lines)]
