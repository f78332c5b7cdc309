"""The severity rule: table rows in order, and the README documents each of them."""

from __future__ import annotations

import re

import pytest

from tests.conftest import REPO
from unguarded.models import Access, Dataset, Exposure, FieldFinding
from unguarded.risk import RULES, assess, facts


def ds(records: int, *cats: str, patterns: tuple[str, ...] = ()) -> Dataset:
    fields = tuple(FieldFinding(path=f"f{i}", categories=(c,)) for i, c in enumerate(cats))
    return Dataset(name="d", records=records, fields=fields, patterns=patterns)


@pytest.mark.parametrize(
    ("exposure", "access", "compromised", "datasets", "expected", "rule"),
    [
        (Exposure.PROTECTED, Access.NONE, False, [], "info", "R1"),
        (Exposure.UNKNOWN, Access.NONE, False, [], "low", "R2"),
        (Exposure.OPEN, Access.ADMIN, True, [ds(1)], "critical", "R3"),
        (Exposure.OPEN, Access.READ, False, [ds(10, "national_id.cn_ric")], "critical", "R4"),
        (
            Exposure.OPEN,
            Access.READ,
            False,
            [ds(10, "person.name", "contact.email", patterns=("identity_records",))],
            "critical",
            "R4",
        ),
        (Exposure.DEFAULT_CREDENTIALS, Access.ADMIN, False, [ds(5000, "contact.email")], "critical", "R5"),
        (Exposure.OPEN, Access.READ, False, [ds(50, "contact.email")], "high", "R6"),
        (Exposure.OPEN, Access.ADMIN, False, [ds(50)], "medium", "R7"),
        (Exposure.OPEN, Access.ADMIN, False, [], "medium", "R8"),
        (Exposure.OPEN, Access.METADATA, False, [ds(50)], "medium", "R9"),
        (Exposure.OPEN, Access.METADATA, False, [], "low", "R9"),
        (Exposure.OPEN, Access.NONE, False, [], "low", "R10"),
    ],
)
def test_rules(exposure, access, compromised, datasets, expected, rule):
    severity, reason = assess(facts(exposure, access, compromised, datasets))
    assert severity == expected and reason.endswith(f"[{rule}]")


def test_protected_is_never_compromised_critical():
    severity, _ = assess(facts(Exposure.PROTECTED, Access.NONE, True, [ds(1, "national_id")]))
    assert severity == "info"


def test_readme_documents_every_rule():
    readme = (REPO / "README.md").read_text()
    documented = set(re.findall(r"^\| (R\d+) \|", readme, re.MULTILINE))
    assert documented == {r.id for r in RULES}
