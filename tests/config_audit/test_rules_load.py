"""ConfigRule metadata is validated when rules load; a malformed rule never loads."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from unguarded.config_audit import ConfigRule, RuleCategory, RuleLoadError, all_rules
from unguarded.config_audit.rules import load_module
from unguarded.models import Remediation, Severity


def _check(_: object) -> Iterator[object]:
    return iter(())


GOOD = dict(
    id="UG-TEST-001",
    title="A well formed test rule",
    severity=Severity.LOW,
    category=RuleCategory.HARDENING,
    cwe=16,
    description="Long enough to say what the finding means for the data it guards.",
    remediation=Remediation(summary="Fix it.", steps=("do this",), references=("https://example.org/checklist",)),
    reads=object,
    check=_check,
)


def test_every_rule_is_complete() -> None:
    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.remediation.steps and rule.remediation.references
        assert rule.engine in rule.id.lower()
        assert isinstance(rule.category, RuleCategory) and rule.cwe > 0


def test_a_rule_needs_a_cwe_and_a_category() -> None:
    for field in ("cwe", "category"):
        with pytest.raises(ValidationError):
            ConfigRule(**{key: value for key, value in GOOD.items() if key != field})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "REDIS-1"),
        ("title", "Short"),
        ("title", "Ends with a full stop."),
        ("description", "too short"),
        ("severity", "catastrophic"),
        ("category", "misc"),
        ("cwe", 0),
        ("cwe", "CWE-306"),
        ("remediation", Remediation(summary="no steps", references=("https://example.org",))),
        ("remediation", Remediation(summary="no references", steps=("x",))),
        ("remediation", Remediation(summary="plain http", steps=("x",), references=("http://example.org",))),
    ],
)
def test_malformed_rule_is_rejected(field: str, value: object) -> None:
    with pytest.raises(ValidationError):
        ConfigRule(**{**GOOD, field: value})


def test_malformed_rule_module_fails_loading_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def _import(name: str) -> types.ModuleType:
        ConfigRule(**{**GOOD, "id": "bad id"})  # what importing a rule module with a typo does
        raise AssertionError("unreachable")

    monkeypatch.setattr("unguarded.config_audit.rules.import_module", _import)
    with pytest.raises(RuleLoadError, match=r"broken_rules: invalid rule \(id: String should match pattern"):
        load_module("broken_rules")


def test_module_without_rule_objects_fails_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("unguarded_test_no_rules")
    module.RULES = ({"id": "UG-X-001"},)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "unguarded_test_no_rules", module)
    with pytest.raises(RuleLoadError, match="tuple of ConfigRule objects"):
        load_module("unguarded_test_no_rules")
