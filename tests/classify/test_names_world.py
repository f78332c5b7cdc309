"""Names of the world (issue 16): census given names and surnames in pairs, surname-first
forms, scripts with combining vowel signs, single surnames in maiden-name fields; and the
places and things that pairs of name-like words also spell."""

from __future__ import annotations

import random

import pytest

from unguarded.classify import classify_dataset
from unguarded.classify.detectors.person_name import ALL_GIVEN_NAMES, ALL_SURNAMES, PersonNameByDictionary

RND = random.Random(9)


def categories(field: str, values: list[str], dataset: str = "") -> tuple[str, ...]:
    records = [{field: RND.choice(values), "n": i} for i in range(80)]
    got = {f.path: f.categories for f in classify_dataset(records, dataset=dataset).fields}
    return got.get(field, ())


@pytest.mark.parametrize(
    "value",
    ["Tran Minh", "Delores Featherstone", "GARCIA Maria", "Nguyen, Thanh", "WOJCIK Agnieszka", "Rosalind Haddad",
     "Kowalczyk, Agnieszka", "DUBOIS Rosalind", "Shanice Washington", "Jamal Mendoza", "Hiroshi Yamamoto"],
)  # fmt: skip
def test_census_pairs_in_either_order(value):
    assert PersonNameByDictionary().match(value) == "person.name"


@pytest.mark.parametrize(
    "value",
    [
        "Jordan River",
        "Victoria Station",
        "Rose Garden",
        "Blue Widget",
        "Main Street",
        "Garden Hose",
        "Austin Airport",
        "Paris, France",
        "Austin Texas",
        "Albany, New York",
        "Georgia Tbilisi",
    ],
)
def test_places_and_things_are_not_census_pairs(value):
    assert PersonNameByDictionary().match(value) is None


def test_a_column_of_names_from_many_cultures_without_a_hint():
    people = ["Delores Featherstone", "Tran Minh", "GARCIA Maria", "Nguyen, Thanh", "Kowalczyk, Agnieszka", "Hiroshi Yamamoto",
              "Fatima Haddad", "Ivan Petrov", "Olga Ivanova", "Ahmed Hassan", "Shanice Washington", "Priya Patel"]  # fmt: skip
    assert categories("contact", people) == ("person.name",)


def test_scripts_with_combining_vowel_signs_are_name_shaped():
    thai = ["สมชาย ใจดี", "สมหญิง รักไทย", "ประยุทธ์ จันทร์โอชา", "วิไล ศรีสุข"]
    hindi = ["प्रिया शर्मा", "राहुल वर्मा", "अनीता सिंह", "विकास गुप्ता"]
    assert categories("full_name", thai) == ("person.name",)
    assert categories("patient_name", hindi) == ("person.name",)


@pytest.mark.parametrize("field", ["maiden_name", "mothers_maiden_name", "MaidenName", "geburtsname", "birth_name"])
def test_single_surnames_in_maiden_name_fields(field):
    surnames = ["Okafor", "Kowalczyk", "Nguyen", "Featherstone", "Haddad", "Yamamoto", "Dubois", "Petrova"]
    assert "person.name" in categories(field, surnames)


def test_place_pairs_and_city_lists_stay_clean():
    places = ["Grant Park", "Jordan River", "Victoria Station", "Lincoln Center", "Washington Square", "Austin Airport",
              "Clinton Lake", "Madison Avenue", "Chester Bridge", "Warren Creek"]  # fmt: skip
    assert categories("landmark", places) == ()
    assert categories("product", ["Blue Widget", "Garden Hose", "Desk Lamp", "Phone Case", "Olive Oil"]) == ()


@pytest.mark.parametrize("value", ["Park Ji-sung", "Sarah Hall", "James Wood", "Mary Lane", "Anna Hill"])
def test_surnames_that_are_also_place_words_stay_names(value):
    assert PersonNameByDictionary().match(value) == "person.name"


def test_the_census_lists_are_loaded():
    assert len(ALL_GIVEN_NAMES) > 5000 and len(ALL_SURNAMES) > 18000
    assert {"delores", "shanice"} <= ALL_GIVEN_NAMES and {"featherstone", "kowalczyk"} <= ALL_SURNAMES
