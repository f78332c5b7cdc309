"""The classifier's public surface, kept stable for the scan core.

``classify_dataset`` flattens a sample (:mod:`.flatten`), judges each field
(:mod:`.columns`, thresholds in :mod:`.stats`), then the dataset (:mod:`.patterns`);
``detect_compromise`` lives in :mod:`.compromise`. Nothing returned holds a raw value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Evidence, FieldFinding
from .columns import classify_column
from .compromise import detect_compromise as _detect_compromise
from .compromise import note_named
from .flatten import flatten
from .patterns import dataset_patterns, people_in_dataset

MAX_VALUES_PER_FIELD = 1000


@dataclass(frozen=True)
class SampledDataset:
    """A dataset as the engines hand it over: name, counts and the in-process sample."""

    name: str
    records: int | None
    sample: Sequence[Mapping[str, Any]] = field(default_factory=tuple)
    kind: str = "table"


@dataclass(frozen=True)
class Classification:
    """Value-free result for one dataset: field findings, patterns, people if estimable."""

    fields: tuple[FieldFinding, ...]
    patterns: tuple[str, ...]
    people_estimate: int | None = None


def _rows(records: Sequence[Mapping[str, Any]]) -> tuple[dict[str, list[Any]], list[dict[str, list[Any]]]]:
    columns: dict[str, list[Any]] = {}
    rows: list[dict[str, list[Any]]] = []
    for record in records:
        row: dict[str, list[Any]] = {}
        source = record if isinstance(record, Mapping) else {"value": record}
        for path, value in flatten(source):
            row.setdefault(path, []).append(value)
            column = columns.setdefault(path, [])
            if len(column) < MAX_VALUES_PER_FIELD:
                column.append(value)
        rows.append(row)
    return columns, rows


def classify_dataset(
    records: Sequence[Mapping[str, Any]], *, dataset: str = "", total: int | None = None
) -> Classification:
    """Classify one dataset's sample into field findings and dataset patterns.

    ``dataset`` is the engine-native name (used as context for bare field names such as
    ``name`` in a ``customers`` table, and to spot ransom notes); ``total`` the dataset's
    record count, if known, for the people estimate.
    """
    columns, rows = _rows(records)
    findings = []
    for path, values in columns.items():
        verdict = classify_column(path, values, context=dataset)
        if verdict.finding is not None:
            findings.append(verdict.finding)
    fields = tuple(findings)
    patterns = dataset_patterns(fields, rows, ransom_note=bool(dataset) and note_named(dataset))
    people = people_in_dataset(fields, rows, total) if "identity_records" in patterns else None
    return Classification(fields=fields, patterns=patterns, people_estimate=people)


def detect_compromise(
    engine: str, datasets: Sequence[SampledDataset], *, server_config: Mapping[str, str] | None = None
) -> list[Evidence]:
    """Signs of an earlier intrusion across one service's datasets (see :mod:`.compromise`).

    ``server_config`` is what Redis answered to ``CONFIG GET dir`` / ``dbfilename``.
    """
    return _detect_compromise(engine, datasets, server_config=server_config)
