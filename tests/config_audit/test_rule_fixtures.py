"""Every rule has positive and negative fixtures and an expected result, and meets them.

A rule without them fails here: this test walks the registry, not the fixture folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unguarded.config_audit import all_rules, audit_paths, sarif_log

from .helpers import FIXTURES, TODAY, validate_sarif

RULE_IDS = [rule.id for rule in all_rules()]


def _found(folder: Path) -> set[tuple[str, str, int]]:
    report = audit_paths([folder], today=TODAY, cwd=folder)
    assert not report.errors, report.errors
    validate_sarif(sarif_log(report))
    return {(f.rule_id, f.path, f.line) for f in report.findings}


def _expected(entries: list[dict[str, object]]) -> set[tuple[str, str, int]]:
    return {(str(e["rule"]), str(e["file"]), int(str(e["line"]))) for e in entries}


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_has_fixtures(rule_id: str) -> None:
    folder = FIXTURES / rule_id
    for kind in ("positive", "negative"):
        assert any(p.is_file() for p in (folder / kind).rglob("*")), f"{rule_id}: no {kind} fixture files"
    expected = json.loads((folder / "expected.json").read_text())
    assert any(e["rule"] == rule_id for e in expected["positive"]), f"{rule_id}: positive expects no {rule_id}"
    assert all(e["rule"] != rule_id for e in expected["negative"]), f"{rule_id}: negative expects {rule_id}"


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_positive_fixture(rule_id: str) -> None:
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text())
    assert _found(FIXTURES / rule_id / "positive") == _expected(expected["positive"])


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_negative_fixture(rule_id: str) -> None:
    expected = json.loads((FIXTURES / rule_id / "expected.json").read_text())
    assert _found(FIXTURES / rule_id / "negative") == _expected(expected["negative"])


def test_no_fixtures_for_unknown_rules() -> None:
    stale = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in RULE_IDS)
    assert not stale, f"fixture folders without a rule: {stale}"
