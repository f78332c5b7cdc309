"""The category table knows every category a detector can report and every one the contract names."""

from __future__ import annotations

import importlib
import re

import pytest

from tests.conftest import shared_dir
from unguarded.classify.categories import (
    CATEGORIES,
    IMPLIED_PATTERNS,
    UNKNOWN,
    DataCategory,
    Identifier,
    MaskStyle,
    lookup,
    resolve,
    root,
)
from unguarded.classify.detectors import DETECTORS
from unguarded.classify.mask import mask
from unguarded.risk import is_sensitive

_ID = re.compile(r"^\| `([a-z_.]+)` \|")


def _contract_section(title: str) -> list[str]:
    text = (shared_dir() / "contracts" / "CATEGORIES.md").read_text(encoding="utf-8")
    section = text.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
    return [m[1] for line in section.splitlines() if (m := _ID.match(line))]


def contract_categories() -> list[str]:
    return _contract_section("Field categories")


def test_the_contract_is_read() -> None:
    assert len(contract_categories()) >= 24 and "national_id" in contract_categories()


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.id)
def test_every_detector_category_has_a_row(detector: object) -> None:
    category = detector.category  # type: ignore[attr-defined]
    assert lookup(category) is not None, f"{category} (detector {detector!r}) needs a row in classify/categories.py"


def test_every_contract_category_has_its_own_row() -> None:
    prefixes = {row.prefix for row in CATEGORIES}
    missing = [c for c in contract_categories() if c not in prefixes]
    assert not missing, f"add rows to classify/categories.py for {missing}"


def test_every_row_is_a_contract_category_or_finer() -> None:
    names = set(contract_categories())
    for row in CATEGORIES:
        assert root(row.prefix) in names, row.prefix


def test_implied_patterns_are_contract_dataset_patterns() -> None:
    assert set(IMPLIED_PATTERNS) <= set(_contract_section("Dataset patterns"))


def test_longest_prefix_wins_on_dot_boundaries() -> None:
    assert resolve("national_id.cn_ric").mask is MaskStyle.CN_RIC
    assert resolve("national_id.in_aadhaar").prefix == "national_id"
    assert resolve("credential.password.hash").prefix == "credential.password"
    assert resolve("special.religion.place_of_worship").prefix == "special.religion"
    assert lookup("national_idx") is None and lookup("person") is None
    assert root("contact.postal_address.postcode") == "contact.postal_address"


def test_an_unknown_category_is_never_less_severe_nor_more_revealing() -> None:
    assert lookup("astrology.sign") is None
    with pytest.warns(RuntimeWarning, match="astrology.sign"):
        assert resolve("astrology.sign") is UNKNOWN
    assert UNKNOWN.sensitive and UNKNOWN.identifier is Identifier.NONE
    assert is_sensitive(["astrology.sign"], [])
    assert mask("Capricorn", "astrology.sign") == "*** (9 chars)"


def test_rows_are_validated() -> None:
    with pytest.raises(ValueError):
        DataCategory("x.y", False, Identifier.NONE, MaskStyle.INITIALS, pattern="not_a_pattern")
    with pytest.raises(ValueError):
        DataCategory("x.y", False, Identifier.QUASI, MaskStyle.INITIALS, counts_people=True)


# What risk.py, patterns.py and mask.py hard-coded before the table: the table must say the same.
_OLD_SENSITIVE = ("national_id", "passport", "financial", "credential", "biometric", "special")
_OLD_DIRECT = ("person.name", "national_id", "passport", "contact.email", "contact.phone", "biometric.face_image")
_OLD_QUASI = ("person.birth_date", "contact.postal_address", "person.gender", "location.coordinates")
_OLD_COUNTS_PEOPLE = ("national_id", "passport", "contact.email", "contact.phone")
_OLD_IMPLIED = {"biometric": "biometric_store", "credential": "credential_store", "special": "special_category"}


def _under(category: str, prefixes: tuple[str, ...]) -> bool:
    return any(category == p or category.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("category", sorted({row.prefix for row in CATEGORIES} | {d.category for d in DETECTORS}))
def test_the_table_says_what_the_old_lists_said(category: str) -> None:
    row = resolve(category)
    assert row.sensitive == category.startswith(_OLD_SENSITIVE)
    assert (row.identifier is Identifier.DIRECT) == _under(category, _OLD_DIRECT)
    assert (row.identifier is Identifier.QUASI) == _under(category, _OLD_QUASI)
    assert (row.identifier is Identifier.DEVICE) == _under(category, ("network.device_id",))
    assert row.counts_people == _under(category, _OLD_COUNTS_PEOPLE)
    assert row.pattern == _OLD_IMPLIED.get(category.split(".")[0])


def _old_mask(text: str, category: str) -> str:
    """mask.py's chain of ``category.startswith(...)`` before the table, for a text value."""
    m = importlib.import_module("unguarded.classify.mask")  # the package re-exports the function as ``mask``
    chain = (
        ("contact.email", m.mask_email),
        ("national_id.cn_ric", lambda t: m.mask_digits(t, head=6, tail=4)),
        ("contact.phone", m.mask_phone),
        ("network.ip_address", m.mask_ip),
        ("network.device_id.mac", lambda t: m.mask_digits(t, head=4, tail=0)),
        (("financial", "network"), lambda t: m.mask_digits(t, head=4, tail=4)),
        (("national_id", "passport"), lambda t: m.mask_digits(t, head=2, tail=2)),
        (("person.birth_date", "contact.postal_address.postcode"), lambda t: m.mask_digits(t, head=2, tail=0)),
        ("credential.password.plaintext", lambda t: f"*** ({len(t)} chars)"),
        ("credential", m.mask_secret),
        ("biometric", lambda t: f"<{len(t)} chars>"),
        ("location", m._mask_coordinates),
    )
    for prefix, style in chain:
        if category.startswith(prefix):
            return style(text)
    return m.mask_text(text)


_TEXTS = ("john.doe@example.com", "11010519491231002X", "+44 20 7946 0958", "$2b$12$abcdefghijklmnopqrstuv",
          "Mary Ann Smith", "39.904211, 116.407395", "1985-03-02", "00:1A:2B:3C:4D:5E")  # fmt: skip


@pytest.mark.parametrize("category", sorted({row.prefix for row in CATEGORIES} | {d.category for d in DETECTORS}))
def test_masks_are_what_the_old_chain_gave(category: str) -> None:
    for text in _TEXTS:
        assert mask(text, category) == _old_mask(text, category), text
    assert mask(7, category) == (mask(7.0) if category.startswith("location") else _old_mask("7", category))
