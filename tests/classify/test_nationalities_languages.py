"""A vocabulary of nationalities or languages is not a list of people's names (issue 16):
the lists are package data (CLDR language names, i18n-nationality adjectives)."""

from __future__ import annotations

import random

import pytest

from unguarded.classify import classify_dataset
from unguarded.classify.detectors.person_name import NOT_NAMES, PersonNameByDictionary, PersonNameByHint

NATIONALITIES = ["French", "German", "British", "Chinese", "Indian", "Brazilian", "Mexican", "Polish", "Nigerian",
                 "Kenyan", "Egyptian", "Portuguese", "Vietnamese", "Filipino", "Canadian", "Argentinean", "Deutsch",
                 "Französisch", "Española", "Italiano", "Suomalainen", "Norsk"]  # fmt: skip
LANGUAGES = ["English", "Spanish", "Mandarin Chinese", "Hindi", "Arabic", "Bangla", "Swahili", "Tagalog", "Yoruba",
             "Français", "Deutsch", "Español", "Português", "Nederlands", "Polski", "中文", "法语", "Norwegian Bokmål"]  # fmt: skip
PEOPLE = ["Maria Garcia", "Li Wei", "Oluwaseun Adeyemi", "Anna Kowalska", "Jean Dupont", "Nguyen Van An",
          "Fatima Zahra", "John Smith", "Priya Sharma", "Lars Nilsson", "Ana Souza", "Kenji Tanaka"]  # fmt: skip


def column(field: str, values: list[str], n: int = 80) -> list[dict[str, str]]:
    rnd = random.Random(5)
    return [{field: rnd.choice(values), "id": str(i)} for i in range(n)]


def categories(records: list[dict[str, str]], dataset: str) -> dict[str, tuple[str, ...]]:
    return {f.path: f.categories for f in classify_dataset(records, dataset=dataset).fields}


@pytest.mark.parametrize(
    ("field", "values", "dataset"),
    [
        ("name", NATIONALITIES, "customers"),
        ("name", LANGUAGES, "users"),
        ("nationality.name", NATIONALITIES, "patients"),
        ("mother_tongue_name", LANGUAGES, "customers"),
        ("value", LANGUAGES + NATIONALITIES, ""),
    ],
)
def test_nationalities_and_languages_are_not_names(field, values, dataset):
    assert "person.name" not in categories(column(field, values), dataset).get(field, ())


@pytest.mark.parametrize(("field", "dataset"), [("name", "customers"), ("full_name", ""), ("display_name", "users")])
def test_people_beside_them_are_still_names(field, dataset):
    assert "person.name" in categories(column(field, PEOPLE), dataset)[field]


def test_a_person_with_a_nationality_as_surname_is_still_a_name():
    # Whole values only: "Tom English" is a name even though "English" is a language.
    assert PersonNameByHint().match("Tom English") == "person.name"
    assert PersonNameByDictionary().match("Anna French") == "person.name"
    assert PersonNameByHint().match("English") is None
    assert PersonNameByDictionary().match("法语") is None


def test_the_lists_are_broad_and_leave_common_names_out():
    assert {"english", "deutsch", "francais", "swahili", "中文", "french", "nigerian", "suomalainen"} <= NOT_NAMES
    assert len(NOT_NAMES) > 2500
    assert not {"maria", "john", "russo", "frances"} & NOT_NAMES
