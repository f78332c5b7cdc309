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
