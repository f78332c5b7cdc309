"""OMOP CDM tables judged by the Common Data Model's structure (issue 16): positives from
CDM-shaped rows, negatives for the vocabulary tables and for look-alike tables that are not
the CDM's."""

from __future__ import annotations

import random

from unguarded.classify import classify_dataset
from unguarded.classify.omop import TABLES, recognise

RND = random.Random(16)


def findings(records: list[dict[str, object]], dataset: str = "") -> dict[str, tuple[str, ...]]:
    return {f.path: f.categories for f in classify_dataset(records, dataset=dataset).fields}


def person_rows(n: int = 40, upper: bool = False) -> list[dict[str, object]]:
    rows = []
    for i in range(n):
        row: dict[str, object] = {
            "person_id": i + 1,
            "gender_concept_id": RND.choice([8507, 8532]),
            "year_of_birth": RND.randint(1920, 2000),
            "month_of_birth": RND.randint(1, 12),
            "day_of_birth": RND.randint(1, 28),
            "race_concept_id": RND.choice([8527, 8516, 8515]),
            "ethnicity_concept_id": RND.choice([38003563, 38003564]),
            "location_id": RND.randint(1, 50),
            "person_source_value": f"{RND.getrandbits(64):016X}",
            "gender_source_value": RND.choice(["1", "2"]),
            "race_source_value": RND.choice(["1", "2", "5"]),
        }
        rows.append({k.upper(): v for k, v in row.items()} if upper else row)
    return rows


def test_person_table_by_structure():
    got = findings(person_rows(), "cdm.person")
    assert got["gender_concept_id"] == ("person.gender",)
    assert got["year_of_birth"] == ("person.birth_date",)
    assert got["race_concept_id"] == ("special.ethnicity",)
    assert got["ethnicity_concept_id"] == ("special.ethnicity",)
    assert got["race_source_value"] == ("special.ethnicity",)
    # Keys and the source id are the model's metadata, not reported.
    assert not {"person_id", "location_id", "person_source_value"} & set(got)


def test_upper_case_columns_of_sql_server_deployments():
    got = findings(person_rows(upper=True))
    assert got["GENDER_CONCEPT_ID"] == ("person.gender",)
    assert got["RACE_CONCEPT_ID"] == ("special.ethnicity",)


def test_condition_occurrence_codes_are_health_data_whatever_the_numbers_look_like():
    rows = [
        {
            "condition_occurrence_id": i,
            "person_id": RND.randint(1, 100),
            "condition_concept_id": RND.choice([201826, 320128, 4329847, 255573]),
            "condition_start_date": "2010-03-01",
            "condition_type_concept_id": 38000200,
            "visit_occurrence_id": RND.randint(1, 1000),
            "condition_source_value": RND.choice(["25000", "4019", "V5861", "49121"]),
            "condition_source_concept_id": RND.choice([44826460, 44821949]),
        }
        for i in range(50)
    ]
    got = findings(rows, "condition_occurrence")
    for column in ("condition_concept_id", "condition_source_value", "condition_source_concept_id"):
        assert got[column] == ("special.health",), column
    assert not {"condition_type_concept_id", "condition_start_date", "person_id"} & set(got)


def test_measurement_values_and_drug_exposure():
    measurement = [
        {"measurement_id": i, "person_id": i % 7, "measurement_concept_id": 3004410, "measurement_date": "2012-01-01",
         "measurement_type_concept_id": 44818702, "value_as_number": RND.uniform(4.5, 9.0), "unit_concept_id": 8554,
         "range_low": 4.0, "range_high": 5.6, "measurement_source_value": "4548-4"}
        for i in range(30)
    ]  # fmt: skip
    got = findings(measurement)
    assert got["value_as_number"] == ("special.health",)
    assert got["measurement_concept_id"] == ("special.health",)
    assert not {"range_low", "range_high", "unit_concept_id"} & set(got)
    drugs = [
        {"drug_exposure_id": i, "person_id": i, "drug_concept_id": 1503297, "drug_exposure_start_date": "2011-05-05",
         "drug_type_concept_id": 38000177, "quantity": 60.0, "days_supply": 30, "drug_source_value": "00093101901",
         "sig": "1 tab po bid"}
        for i in range(30)
    ]  # fmt: skip
    got = findings(drugs)
    assert got["drug_concept_id"] == got["drug_source_value"] == got["sig"] == ("special.health",)


def test_vocabulary_tables_are_about_no_one():
    concept = [
        {"concept_id": 201826 + i, "concept_name": name, "domain_id": "Condition", "vocabulary_id": "SNOMED",
         "concept_class_id": "Clinical Finding", "standard_concept": "S", "concept_code": str(44054006 + i),
         "valid_start_date": "1970-01-01", "valid_end_date": "2099-12-31", "invalid_reason": None}
        for i, name in enumerate(["Type 2 diabetes mellitus", "Essential hypertension", "Asthma", "Malignant tumor of breast"] * 5)
    ]  # fmt: skip
    assert findings(concept, "vocab.concept") == {}


def test_look_alike_tables_are_not_the_cdm():
    # A shop's table shares a couple of column names at most: not the CDM, value detectors judge it.
    assert recognise(["person_id", "year_of_birth", "email", "basket_total", "coupon"]) is None
    assert recognise(["domain_id", "domain_name", "registrar", "expires", "owner_email", "dns"]) is None
    assert recognise(["id", "name", "price"]) is None
    shop = [
        {"person_id": i, "year_of_birth": 1990, "email": f"u{i}@example.com", "basket_total": 12.5} for i in range(20)
    ]
    got = findings(shop, "orders")
    assert "contact.email" in got["email"]
    assert "gender_concept_id" not in got


def test_site_columns_beside_the_cdm_go_to_the_value_detectors():
    rows = person_rows()
    for i, row in enumerate(rows):
        row["contact_email"] = f"patient{i}@example.org"
    got = findings(rows, "person")
    assert got["contact_email"] == ("contact.email",)
    assert got["race_concept_id"] == ("special.ethnicity",)


def test_every_table_names_categories_of_the_contract():
    from unguarded.classify.categories import lookup

    for spec in TABLES.values():
        for category in filter(None, spec.values()):
            assert lookup(category) is not None, category
