"""Field-name tokens, hints and the negative dictionary."""

from __future__ import annotations

import pytest

from unguarded.classify.detectors import DETECTORS
from unguarded.classify.detectors.national_id import NATIONAL_ID_HINT
from unguarded.classify.fieldnames import CONCEPTS, hints_for, tokens


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("homeAddress.zip_code", ("home", "address", "zip", "code")),
        ("FirstName", ("first", "name")),
        ("tags[].value", ("tags", "value")),
        ("HTTPStatus", ("http", "status")),
        ("patient.身份证号", ("patient", "身份证号")),
    ],
)
def test_tokens(path: str, expected: tuple[str, ...]) -> None:
    assert tokens(path) == expected


@pytest.mark.parametrize(
    ("path", "concept", "level"),
    [
        ("first_name", "name", 2),
        ("FirstName", "name", 2),
        ("firstname", "name", 2),
        ("date_of_birth", "birth_date", 2),
        ("geburtsdatum", "birth_date", 2),
        ("身份证号", "national_id", 2),
        ("shenfenzheng", "national_id", 2),
        ("minzu", "ethnicity", 2),
        ("民族", "ethnicity", 2),
        ("手机号", "phone", 2),
        ("billing.PostalCode", "postcode", 2),
        ("client_ip", "ip", 2),
        ("recipient", "ip", 0),  # "ip" only as a whole token
        ("shipping_method", "ip", 0),
        ("contract_number", "national_id", 0),
        ("company", "employer", 1),
        ("party", "political", 1),
        ("password_hash", "password", 2),
        ("file_hash", "password", 0),
        ("street_name", "name", 0),  # the name of a thing
        ("product_name", "name", 0),
    ],
)
def test_hints(path: str, concept: str, level: int) -> None:
    assert hints_for(path).level(concept) == level


def test_negative_words_cancel_identifier_concepts() -> None:
    assert hints_for("order_id_number").negative
    assert hints_for("order_id_number").level("national_id") == 0
    assert hints_for("customer.ssn").level("national_id") == 2


def test_context_promotes_bare_name() -> None:
    assert hints_for("name").level("name") == 1
    assert hints_for("name", "shop.customers").level("name") == 2
    assert hints_for("name", "music.genre").level("name") == 1


def test_concepts_are_the_ones_detector_modules_declare() -> None:
    declared = {d.hint.name: d.hint for d in DETECTORS if d.hint is not None}
    assert CONCEPTS == declared
    assert {n for n, c in CONCEPTS.items() if c.negatable} == {
        "national_id",
        "passport",
        "card",
        "bank",
        "phone",
        "device",
    }
    assert hints_for("customer.ssn").level(NATIONAL_ID_HINT) == 2
