"""The classifier's public surface, kept stable for the scan core.

``classify_dataset`` flattens a sample (:mod:`.flatten`), judges each field
(:mod:`.columns`, thresholds in :mod:`.stats`), then the dataset (:mod:`.patterns`);
``detect_compromise`` lives in :mod:`.compromise`. Nothing returned holds a raw value.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Evidence, FieldFinding, PlaceShare
from .categories import Identifier, resolve
from .columns import classify_column
from .compromise import detect_compromise as _detect_compromise
from .compromise import note_named, whole_service
from .context import clinical_dataset, coded_measure
from .flatten import gather
from .movements import sensitive_places, time_span_days
from .omop import structure as omop_structure
from .patterns import dataset_patterns, people_in_dataset
from .standards import structure

MAX_VALUES_PER_FIELD = 1000
CLINICAL_CONTEXT = "clinical"


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
    #: for datasets holding coordinates: the sample's time span and sensitive places (:mod:`.movements`)
    time_span_days: float | None = None
    sensitive_places: tuple[PlaceShare, ...] = ()


def rows_of(records: Sequence[Mapping[str, Any]]) -> tuple[dict[str, list[Any]], list[dict[str, list[Any]]]]:
    """Each path's first values (columns) and each record's leaves by path (rows): see :func:`.flatten.gather`."""
    return gather(records, MAX_VALUES_PER_FIELD)


def _employer_needs_a_person(findings: list[FieldFinding], ncolumns: int) -> list[FieldFinding]:
    """A company name is someone's employer only in records that hold a person.

    In a dataset with other fields, none of which identifies anyone (a supplier list, an
    organisation resource), ``person.employer`` is dropped; a lone column cannot tell.
    """
    if ncolumns <= 1:
        return findings
    person = any(
        resolve(c).identifier in (Identifier.DIRECT, Identifier.QUASI)
        for f in findings
        for c in f.categories
        if not c.startswith("person.employer")
    )
    if person:
        return findings
    out = []
    for f in findings:
        kept = tuple(c for c in f.categories if not c.startswith("person.employer"))
        if kept == f.categories:
            out.append(f)
        elif kept:
            out.append(f.model_copy(update={"categories": kept}))
    return out


def classify_dataset(
    records: Sequence[Mapping[str, Any]], *, dataset: str = "", total: int | None = None
) -> Classification:
    """Classify one dataset's sample into field findings and dataset patterns.

    ``dataset`` is the engine-native name (used as context for bare field names such as
    ``name`` in a ``customers`` table, and to spot ransom notes); ``total`` the dataset's
    record count, if known, for the people estimate.
    """
    columns, rows = rows_of(records)
    v2 = any(".MSH[]." in p or p.startswith("MSH[].") or "HS[]." in p for p in columns)
    standard = structure(records, v2=v2)  # structure outranks guessing from values (standards.py)
    if standard is None:
        standard = omop_structure(records, list(columns))  # an OMOP CDM table (omop.py)
    findings: list[FieldFinding] = []
    unfound: list[str] = []
    for path, values in columns.items():
        if standard is not None and path in standard.known:
            finding = standard.finding(path)
        else:
            finding = classify_column(path, values, context=dataset).finding
            if finding is None:
                unfound.append(path)
        if finding is not None:
            findings.append(finding)
    if unfound and standard is None and clinical_dataset(dataset, columns, findings):
        # Judge the dataset, then its columns (context.py): beside a diagnosis, a bare
        # ``weight`` or ``stage`` is a clinical measure, and so is a terse coded column.
        context = f"{dataset} {CLINICAL_CONTEXT}"
        for path in unfound:
            finding = classify_column(path, columns[path], context=context).finding or coded_measure(
                path, columns[path]
            )
            if finding is not None:
                findings.append(finding)
    fields = tuple(_employer_needs_a_person(findings, len(columns)))
    patterns = dataset_patterns(fields, rows, ransom_note=bool(dataset) and note_named(dataset))
    people = people_in_dataset(fields, rows, total) if "identity_records" in patterns else None
    coordinates = {f.path for f in fields if any(c.startswith("location.coordinates") for c in f.categories)}
    return Classification(
        fields=fields,
        patterns=patterns,
        people_estimate=people,
        time_span_days=time_span_days(rows, coordinates) if coordinates else None,
        sensitive_places=sensitive_places(rows, fields) if coordinates else (),
    )


def people_from_statistics(
    classification: Classification, distinct: Mapping[str, int], records: int | None, source: str
) -> tuple[int, str] | None:
    """People in an identity dataset from the server's own distinct-value statistics, and how it was found.

    ``distinct`` maps columns to the distinct values the server keeps statistics of
    (``pg_stats.n_distinct``, MySQL index cardinality, ...). Among the fields whose every
    value belongs to one person (national ID, passport, e-mail, phone: ``counts_people``)
    the largest count wins, capped at the record count; None when the dataset is no
    identity dataset or the server keeps no statistics for such a field, so the sample's
    estimate stands.
    """
    if "identity_records" not in classification.patterns or not distinct:
        return None
    best: tuple[int, str] | None = None
    for f in classification.fields:
        count = distinct.get(f.path)
        if count is None or not any(resolve(c).counts_people for c in f.categories):
            continue
        count = min(count, records) if records is not None else count
        if best is None or count > best[0]:
            best = (count, f"{source} of {f.path}" if source else f"server statistics of {f.path}")
    return best


def detect_compromise(
    datasets: Sequence[SampledDataset],
    *,
    group: Callable[[str], str] = whole_service,
    system_databases: Collection[str] = frozenset(),
) -> list[Evidence]:
    """Ransom notes and wiped databases across one service's datasets (see :mod:`.compromise`).

    ``group`` and ``system_databases`` come from the engine (``Engine.dataset_group``,
    ``Engine.system_databases``); the scanner passes them, so classify names no engine.
    """
    return _detect_compromise(datasets, group=group, system_databases=system_databases)
