"""The benchmark's corpus loads and scores; no timing is asserted here (speed goals live in
the benchmark itself)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("faker")


def test_corpus_and_scoring() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.classify import run
    from benchmarks.classify.corpus import real_columns
    from benchmarks.classify.generated import columns

    try:
        real = real_columns(only=("chinook_json",))
    except FileNotFoundError:
        pytest.skip("shared/datasets not present")
    cols = real + columns(rows=30)
    score = run.Score()
    for col in cols:
        score.add(col, run.ours(col))
    assert score.prf()[2] > 0.5
    assert run.top("national_id.cn_ric") == "national_id"
    assert run.top("contact.postal_address.postcode") == "contact.postal_address"


def test_external_labels_and_readers_offline() -> None:
    """The external corpora's label logic and file readers, without fetching anything."""
    import sys

    sys.path.insert(0, str(ROOT))
    from benchmarks.classify import external as ext

    patient = {
        "resourceType": "Patient",
        "telecom": [{"system": "phone", "value": "555"}, {"system": "email", "value": "a@b.org"}],
        "identifier": [{"type": {"coding": [{"code": "SS"}]}, "value": "123"}, {"value": "MR1"}],
    }
    ds = ext.Dataset("fhir", "r4", "Patient", [patient], held_out=False)
    assert ext.fhir_expected(ds, "telecom[].value") == (frozenset({"contact.phone", "contact.email"}), frozenset())
    assert ext.fhir_expected(ds, "identifier[].value")[0] == frozenset({"national_id"})
    assert ext.fhir_expected(ds, "name[].use") == (frozenset(), frozenset())
    assert ext.fhir_expected(ds, "text.div") is None
    names, rows = ext._arff("@relation x\n@attribute a numeric\n@attribute 'b' {u,v}\n@data\n1,u\n?,v\n")
    assert names == ["a", "b"] and rows == [[1, "u"], [None, "v"]]
    names, rows = ext._csv('x,y\n1,2.5\n,"t"\n')
    assert rows == [[1, 2.5], [None, "t"]]
