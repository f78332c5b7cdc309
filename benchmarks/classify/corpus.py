"""The labelled corpus: Sakila and Chinook columns (labels in ``labels.json``) plus the
generated columns of :mod:`.generated`. Each real column is sampled as the scan core
would: up to 200 rows, drawn with a fixed seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

from . import sources
from .generated import ROWS, SEED, Column, columns

LABELS = Path(__file__).with_name("labels") / "sample_databases.json"


SOURCES = (sources.sakila, sources.chinook_postgres, sources.chinook_json)


def real_columns(only: tuple[str, ...] = ()) -> list[Column]:
    """Columns of the sample databases (``only``: source names, e.g. ``("chinook_json",)``)."""
    labels = {k: v for k, v in json.loads(LABELS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
    out: list[Column] = []
    for source in SOURCES:
        if only and source.__name__ not in only:
            labels = {k: v for k, v in labels.items() if not k.startswith(source.__name__ + ".")}
            continue
        for table, names, rows in source():
            sample = rows if len(rows) <= ROWS else random.Random(f"{SEED}{table}").sample(rows, ROWS)
            for i, name in enumerate(names):
                values = [row[i] for row in sample]
                if all(v in (None, "") for v in values):
                    continue
                label = labels.pop(f"{source.__name__}.{table}.{name}", {})
                out.append(
                    Column(
                        source.__name__,
                        table,
                        name,
                        values,
                        frozenset(label.get("expect", ())),
                        frozenset(label.get("allow", ())),
                    )
                )
    if labels:
        raise ValueError(f"labels for columns that do not exist: {sorted(labels)}")
    return out


def corpus() -> list[Column]:
    return real_columns() + columns()
