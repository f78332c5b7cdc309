"""Standards-aware structure (classify/standards.py), on hand-written FHIR fixtures.

``fixtures/fhir/positive`` holds resources whose elements the standard names as personal
data; ``fixtures/fhir/negative`` resources whose only hint-bearing elements are the
standard's metadata (``name.use``, ``coding.system``, organisation references).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from unguarded.classify import classify_dataset
from unguarded.classify.standards import is_fhir, structure

FIXTURES = Path(__file__).with_name("fixtures") / "fhir"


def _load(kind: str, name: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((FIXTURES / kind / name).read_text(encoding="utf-8"))
    return data


def _by_path(records: list[dict[str, Any]], dataset: str = "resources") -> dict[str, tuple[str, ...]]:
    return {f.path: f.categories for f in classify_dataset(records, dataset=dataset).fields}


def test_patient_elements_by_structure() -> None:
    found = _by_path(_load("positive", "patients.json"), "Patient")
    assert found["name[].family"] == ("person.name",)
    assert found["name[].given[]"] == ("person.name",)
    assert found["gender"] == ("person.gender",)
    assert found["birthDate"] == ("person.birth_date",)
    assert found["address[].line[]"] == ("contact.postal_address",)
    assert found["address[].postalCode"] == ("contact.postal_address",)
    assert "name[].use" not in found and "telecom[].system" not in found


def test_mixed_fields_judged_per_value_kind() -> None:
    found = _by_path(_load("positive", "patients.json"), "Patient")
    # One identifier list: medical record numbers, an SSN and a passport number.
    assert set(found["identifier[].value"]) == {"national_id", "passport"}
    # One contact list: phones and an e-mail, each by its sibling ``system``.
    assert set(found["telecom[].value"]) == {"contact.phone", "contact.email"}
    assert "identifier[].type.coding[].code" not in found


def test_us_core_extensions_by_url() -> None:
    found = _by_path(_load("positive", "patients.json"), "Patient")
    assert found["extension[].extension[].valueCoding.display"] == ("special.ethnicity",)
    assert found["extension[].extension[].valueCoding.code"] == ("special.ethnicity",)
    assert found["extension[].valueCode"] == ("person.gender",)
    assert "extension[].url" not in found and "extension[].extension[].valueCoding.system" not in found


def test_clinical_codes_are_health_whatever_the_code_system() -> None:
    result = classify_dataset(_load("positive", "clinical.json"), dataset="Condition")
    found = {f.path: f.categories for f in result.fields}
    assert found["code.coding[].code"] == ("special.health",)
    assert found["code.coding[].display"] == ("special.health",)
    assert found["code.text"] == ("special.health",)
    assert found["subject.display"] == ("person.name",)
    assert "code.coding[].system" not in found and "subject.reference" not in found
    assert "special_category" in result.patterns


def test_examples_are_masked() -> None:
    result = classify_dataset(_load("positive", "patients.json"), dataset="Patient")
    shown = " ".join(e for f in result.fields for e in f.examples)
    for raw in ("123-45-6789", "X1234567", "ngozi@example.org", "Okafor", "1961-03-14", "Harbour Road"):
        assert raw not in shown


def test_metadata_and_organisations_stay_clean() -> None:
    assert _by_path(_load("negative", "organizations.json"), "Organization") == {}
    assert _by_path(_load("negative", "metadata.json"), "Patient") == {}


def test_only_fhir_is_read_by_structure() -> None:
    assert structure([{"resourceType": "Spaceship", "name": "x"}]) is None
    assert structure([{"name": "x"}, {"name": "y"}]) is None
    assert not is_fhir([])
    assert is_fhir(_load("positive", "clinical.json"))
