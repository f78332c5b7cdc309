"""Read the Sakila and Chinook sample databases straight from their dump files.

No server is started: the MySQL and PostgreSQL ``INSERT`` statements are tokenised here,
and values are typed the way PyMySQL and psycopg would hand them to an engine (DATETIME
as ``datetime``, DECIMAL as ``Decimal``, BLOB and GEOMETRY as ``bytes``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

DATASETS = Path(os.environ.get("UNGUARDED_DATASETS", Path(__file__).resolve().parents[3] / "shared" / "datasets"))
if not DATASETS.exists():  # a worktree two levels deeper than the main checkout
    DATASETS = Path("/work/shared/datasets")

Table = tuple[str, list[str], list[tuple[Any, ...]]]  # name, columns, rows

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<str>N?'(?:[^'\\]|\\.|'')*')
      | (?P<hex>0x[0-9A-Fa-f]+)
      | (?P<num>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<null>NULL)
      | (?P<word>[A-Za-z_]+)
      | (?P<punct>[(),;])
    )""",
    re.VERBOSE,
)
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", "'": "'", '"': '"', "Z": "\x1a"}


def _unquote(token: str, backslash: bool) -> str:
    body = token[2:-1] if token.startswith("N") else token[1:-1]
    body = body.replace("''", "'")
    if backslash:
        body = re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)
    return body


def parse_values(text: str, *, backslash: bool) -> list[tuple[Any, ...]]:
    """Rows of a ``VALUES (...), (...);`` list as raw Python values."""
    rows: list[tuple[Any, ...]] = []
    row: list[Any] | None = None
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            break
        pos = m.end()
        kind = m.lastgroup
        tok = m.group(kind) if kind else ""
        if kind == "punct":
            if tok == "(":
                row = []
            elif tok == ")" and row is not None:
                rows.append(tuple(row))
                row = None
            elif tok == ";":
                break
        elif row is not None:
            if kind == "str":
                row.append(_unquote(tok, backslash))
            elif kind == "hex":
                row.append(bytes.fromhex(tok[2:]))
            elif kind == "num":
                row.append(Decimal(tok) if "." in tok else int(tok))
            elif kind == "null":
                row.append(None)
            else:
                row.append(tok)
    return rows


def _typed(value: Any, sql_type: str) -> Any:
    t = sql_type.upper()
    if value is None:
        return None
    if t.startswith(("TIMESTAMP", "DATETIME")) and isinstance(value, str):
        y, m, d = (int(x) for x in re.split(r"[-/]", value[:10].split(" ")[0]))
        return dt.datetime(y, m, d) if len(value) <= 10 else dt.datetime.fromisoformat(value)
    if t.startswith("DATE") and isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if t.startswith(("DECIMAL", "NUMERIC")):
        return Decimal(str(value))
    if t.startswith(("INT", "SMALLINT", "TINYINT", "MEDIUMINT", "YEAR", "BOOLEAN")):
        return int(value)
    return value


def _schema(sql: str) -> dict[str, list[tuple[str, str]]]:
    """Columns and SQL types of every CREATE TABLE (MySQL version comments included)."""
    sql = re.sub(r"/\*!\d+\s*(.*?)\*/", r"\1", sql, flags=re.DOTALL)
    tables: dict[str, list[tuple[str, str]]] = {}
    for m in re.finditer(r"CREATE TABLE `?(\w+)`?\s*\((.*?)\n\)", sql, re.DOTALL):
        cols = []
        for line in m.group(2).splitlines():
            parts = line.strip().strip(",").split()
            if len(parts) < 2 or parts[0].upper() in (
                "KEY",
                "PRIMARY",
                "CONSTRAINT",
                "UNIQUE",
                "INDEX",
                "FOREIGN",
                "SPATIAL",
                "FULLTEXT",
                "REFERENCES",
            ):
                continue
            cols.append((parts[0].strip("`"), parts[1]))
        tables[m.group(1)] = cols
    return tables


def sakila() -> Iterator[Table]:
    """Sakila tables (MySQL dump): INSERTs without column lists, typed by the schema."""
    root = DATASETS / "sakila"
    schema = _schema((root / "sakila-schema.sql").read_text(encoding="utf-8"))
    data = (root / "sakila-data.sql").read_text(encoding="utf-8")
    data = re.sub(r"/\*!50705 (.*?),\*/", r"\1,", data, flags=re.DOTALL)  # the GEOMETRY column
    rows_by_table: dict[str, list[tuple[Any, ...]]] = {}
    for m in re.finditer(r"INSERT INTO `?(\w+)`? VALUES ", data):
        end = data.find(";\n", m.end())
        rows_by_table.setdefault(m.group(1), []).extend(parse_values(data[m.end() : end + 1], backslash=True))
    for table, rows in rows_by_table.items():
        cols = schema[table]
        names = [c for c, _ in cols]
        typed = [tuple(_typed(v, t) for v, (_, t) in zip(row, cols, strict=True)) for row in rows]
        yield table, names, typed


def chinook_postgres() -> Iterator[Table]:
    """Chinook tables from the PostgreSQL script (snake_case names)."""
    sql = (DATASETS / "chinook" / "Chinook_PostgreSql.sql").read_text(encoding="utf-8")
    schema = _schema(sql)
    rows_by_table: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    for m in re.finditer(r"INSERT INTO (\w+) \(([^)]*)\) VALUES", sql):
        end = sql.find(";\n", m.end())
        names = [c.strip() for c in m.group(2).split(",")]
        rows = parse_values(sql[m.end() : end + 1], backslash=False)
        rows_by_table.setdefault(m.group(1), (names, []))[1].extend(rows)
    for table, (names, rows) in rows_by_table.items():
        types = dict(schema[table])
        yield (
            table,
            names,
            [tuple(_typed(v, types.get(c, "")) for v, c in zip(row, names, strict=True)) for row in rows],
        )


def chinook_json() -> Iterator[Table]:
    """Chinook as one JSON document list per table (PascalCase names, as a document store holds it)."""
    data = json.loads((DATASETS / "chinook" / "ChinookData.json").read_text(encoding="utf-8"))
    for table, docs in data.items():
        names = list(dict.fromkeys(k for d in docs for k in d))
        yield table, names, [tuple(d.get(c) for c in names) for d in docs]
