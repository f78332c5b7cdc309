"""Clinical data as it is stored: code systems, measures, coded answers, dataset context,
and the decoys that share their shapes (product sizes, league scores, sensor readings)."""

from __future__ import annotations

import random
from typing import Any

from unguarded.classify import classify_dataset
from unguarded.classify.fieldnames import hints_for
from unguarded.classify.validators import loinc_ok, snomed_ok


def _found(records: list[dict[str, Any]], dataset: str) -> dict[str, tuple[str, ...]]:
    return {f.path: f.categories for f in classify_dataset(records, dataset=dataset).fields}


def _visits(n: int = 60, seed: int = 16) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {
            "visit_id": 1000 + i,
            "icd10": rng.choice(["E11.9", "I10", "J45.909", "C50.911", "F32.9", "B20"]),
            "snomed": rng.choice(["44054006", "38341003", "195967001", "254837009", "35489007"]),
            "loinc": rng.choice(["4548-4", "2160-0", "8480-6", "718-7", "2345-7"]),
            "cd4_count": rng.randint(40, 1400),
            "hba1c": round(rng.uniform(4.5, 12.5), 1),
            "blood_pressure": f"{rng.randint(95, 180)}/{rng.randint(55, 110)}",
            "viral_load": rng.choice(["<50 copies/ml", "1200 copies/ml", "undetectable", "85000 copies/ml"]),
            "karnofsky": rng.choice([40, 50, 60, 70, 80, 90, 100]),
            "er_status": rng.choice(["positive", "negative"]),
            "weight": rng.randint(45, 130),
            "stage": rng.choice(["I", "II", "IIIa", "IIIb", "IV"]),
            "hiv": rng.choice([0, 1]),
            "race": rng.choice([1, 2, 3, 4, 5, 9]),
            "religion": rng.choice(["1", "2", "3", "4"]),
            "disability": rng.choice(["Y", "N"]),
        }
        for i in range(n)
    ]


def test_code_validators() -> None:
    assert snomed_ok("44054006") and snomed_ok("386661006")
    assert not snomed_ok("44054007") and not snomed_ok("12345")
    assert loinc_ok("4548-4") and loinc_ok("718-7") and loinc_ok("29463-7")
    assert not loinc_ok("4548-3") and not loinc_ok("4548") and not loinc_ok("123456-7")


def test_clinical_table_columns_are_health() -> None:
    found = _found(_visits(), "visits")
    for path in ("icd10", "snomed", "loinc", "cd4_count", "hba1c", "blood_pressure", "viral_load",
                 "karnofsky", "er_status", "hiv", "disability"):  # fmt: skip
        assert found.get(path) == ("special.health",), path
    assert found["race"] == ("special.ethnicity",)
    assert found["religion"] == ("special.religion",)
    assert "visit_id" not in found


def test_dataset_context_makes_bare_measures_health() -> None:
    # "weight" and "stage" are measures only because the table is clinical: its name says
    # nothing ("t1"), a diagnosis column beside them does.
    found = _found(_visits(), "t1")
    assert found["weight"] == ("special.health",)
    assert found["stage"] == ("special.health",)


def test_self_validating_codes_need_no_field_name() -> None:
    rng = random.Random(3)
    rows = [
        {
            "c1": rng.choice(["44054006", "38341003", "195967001", "254837009", "35489007", "73211009"]),
            "c2": rng.choice(["4548-4", "2160-0", "8480-6", "718-7", "2345-7", "29463-7"]),
            "c3": rng.choice(["N02BE01", "A10BA02", "C09AA05", "J01CA04", "R03AC02"]),
            "c4": rng.choice(["Essential hypertension (disorder)", "Fever (finding)", "Appendectomy (procedure)"]),
        }
        for _ in range(40)
    ]
    found = _found(rows, "x")
    assert all(found.get(c) == ("special.health",) for c in ("c1", "c2", "c3", "c4")), found


def test_decoys_stay_clean() -> None:
    rng = random.Random(5)
    products = [
        {"sku": f"SKU-{i:05d}", "weight": rng.randint(1, 90), "size": rng.choice(["S", "M", "L", "XL"]),
         "grade": rng.choice(["A", "B", "C"]), "stage": rng.choice([1, 2, 3]), "status": rng.choice([0, 1])}
        for i in range(60)
    ]  # fmt: skip
    league = [
        {"team": rng.choice(["Lions", "Tigers"]), "score": rng.randint(0, 120), "result": rng.choice(["W", "L"]),
         "stage": rng.choice(["group", "final"]), "weight": rng.randint(60, 110)}
        for _ in range(60)
    ]  # fmt: skip
    sensors = [
        {"sensor_id": rng.randint(1, 9), "temperature": round(rng.uniform(-5, 35), 2),
         "pressure": f"{rng.randint(980, 1030)}/{rng.randint(1, 9)}", "status": rng.choice([0, 1]),
         "reading_code": rng.choice(["2026-11", "2026-12", "2027-01"])}
        for _ in range(60)
    ]  # fmt: skip
    assert _found(products, "products") == {}
    assert _found(league, "matches") == {}
    assert _found(sensors, "sensor_readings") == {}


def test_coded_columns_need_a_small_code_set() -> None:
    rng = random.Random(7)
    keys = [{"race": rng.randint(1, 5000), "religion_id": rng.randint(1, 900)} for _ in range(80)]
    assert _found(keys, "people") == {}
    # a strong hint is needed: a bare "code" column of 0/1 is nothing
    assert _found([{"code": rng.choice([0, 1])} for _ in range(40)], "people") == {}


def test_hints_do_not_spill_onto_metadata() -> None:
    assert hints_for("name.use").levels == {}
    assert hints_for("name[].prefix[]").levels == {}
    assert hints_for("diagnosis.coding[].system").levels == {}
    assert hints_for("address.extension[].url").levels == {}
    assert "name" in hints_for("patient.name.family").levels or "name" in hints_for("name.family").levels
    assert hints_for("diagnosis.code").levels  # the code of a diagnosis keeps its hint


def _trial(n: int = 80, seed: int = 9) -> list[dict[str, Any]]:
    """A trial table in the terse style of published study data: nothing says "health" alone."""
    rng = random.Random(seed)
    return [
        {
            "pid": 10000 + i,
            "age": rng.randint(18, 80),
            "karnof": rng.choice([70, 80, 90, 100]),
            "cens": rng.choice([0, 1]),
            "days": rng.randint(10, 1200),
            "z30": rng.choice([0, 1]),
            "cd420": rng.randint(50, 900),
            "black_male": rng.choice([0, 1]),
            "homo": rng.choice([0, 1]),
            "symptom": rng.choice([0, 1]),
        }
        for i in range(n)
    ]


def test_clinical_dataset_by_its_columns() -> None:
    found = _found(_trial(), "study_175")
    assert found["z30"] == ("special.health",)
    assert found["cd420"] == ("special.health",)
    assert found["karnof"] == ("special.health",)
    assert found["black_male"] == ("special.ethnicity",)
    assert found["homo"] == ("special.sexual_orientation",)
    for path in ("pid", "age", "days"):
        assert path not in found, path


def test_clinical_dataset_by_its_name() -> None:
    rng = random.Random(11)
    rows = [{"inst": rng.randint(1, 30), "age": rng.randint(30, 80), "wt_loss": rng.randint(-5, 40)} for _ in range(50)]
    assert _found(rows, "lung") == {"wt_loss": ("special.health",)}
    assert _found(rows, "orders") == {}


def test_same_columns_outside_a_clinical_dataset_stay_clean() -> None:
    rows = [{k: v for k, v in r.items() if k not in ("karnof", "cens", "symptom")} for r in _trial()]
    assert _found(rows, "survey") == {}


def test_coded_measure_masks_values() -> None:
    from unguarded.classify.context import coded_measure

    finding = coded_measure("cd420", [412, 388.5, None])
    assert finding is not None and set(finding.examples) == {"<number>"}
    assert coded_measure("age", [40, 50]) is None
    assert coded_measure("notes", [f"free text {i}" for i in range(40)]) is None
