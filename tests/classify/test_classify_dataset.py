"""classify_dataset end to end: categories, patterns and shapes engines hand over."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

from unguarded.classify import Classification, SampledDataset, classify_dataset, estimate_people

from . import data


def cats(result: Classification) -> dict[str, set[str]]:
    return {f.path: set(f.categories) for f in result.fields}


def test_identity_records_nested_document() -> None:
    result = classify_dataset(data.people(), dataset="crm.customers", total=2_500_000)
    found = cats(result)
    assert found["first_name"] == {"person.name"}
    assert found["email"] == {"contact.email"}
    assert found["phone"] == {"contact.phone"}
    assert found["ssn"] == {"national_id.us_ssn"}
    assert found["身份证号"] == {"national_id.cn_ric"}
    assert found["birth_date"] == {"person.birth_date"}
    assert found["address.street"] == {"contact.postal_address"}
    assert found["address.zip"] == {"contact.postal_address.postcode"}
    assert "tags[]" not in found and "_id" not in found
    assert "identity_records" in result.patterns
    assert result.people_estimate == 2_500_000
    example = next(f for f in result.fields if f.path == "身份证号").examples[0]
    assert example.startswith("110105") and "*" in example


def test_location_trail_vs_weather_station() -> None:
    trail = classify_dataset(data.location_trail(), dataset="tracking.positions")
    assert cats(trail)["location"] == {"location.coordinates"}
    assert "location_trail" in trail.patterns
    station = classify_dataset(data.weather_station(), dataset="iot.readings")
    assert "location_trail" not in station.patterns
    assert not any("location.coordinates" in c for c in cats(station).values())  # fixed sites


def test_biometric_and_credential_stores() -> None:
    bio = classify_dataset(data.biometric_store(), dataset="faces")
    assert cats(bio)["embedding"] == {"biometric.face_embedding"}
    assert cats(bio)["photo"] == {"biometric.face_image"}
    assert "biometric_store" in bio.patterns
    cred = classify_dataset(data.credential_store(), dataset="app.users")
    assert cats(cred)["password"] == {"credential.password.hash"}
    assert cats(cred)["api_token"] == {"credential.secret"}
    assert "credential_store" in cred.patterns


def test_special_categories() -> None:
    visits = classify_dataset(data.checkins(), dataset="app.checkins")
    assert cats(visits)["place_type"] == {"special.religion.place_of_worship"}
    assert "special_category" in visits.patterns
    records = classify_dataset(data.patients(), dataset="hospital.patients")
    found = cats(records)
    assert found["minzu"] == {"special.ethnicity"}
    assert found["diagnosis"] == {"special.health"}
    assert found["payment.card"] == {"financial.payment_card"}
    assert found["name"] == {"person.name"}


def test_redis_values_json_strings_and_bytes() -> None:
    people = data.people(20)
    records = [{"key": f"user:{i}", "value": json.dumps(p)} for i, p in enumerate(people)]
    records += [{"key": "user:x", "value": json.dumps(people[0]).encode()}]
    found = cats(classify_dataset(records, dataset="user:*"))
    assert found["value.email"] == {"contact.email"}
    assert found["value.身份证号"] == {"national_id.cn_ric"}


def test_engine_native_types() -> None:
    rows = [
        {
            "id": uuid.uuid4(),
            "lat": Decimal("39.904211") + Decimal(i) / 1000,
            "lon": Decimal("116.407395") - Decimal(i) / 1000,
            "created_at": dt.datetime(2024, 1, 1) + dt.timedelta(days=i),
            "blob": bytes(range(256)),
            "flag": True,
            "nothing": None,
            "geo": {"lat": 39.9 + i / 1000, "lon": 116.3 + i / 1000},
        }
        for i in range(30)
    ]
    found = cats(classify_dataset(rows))
    assert found == {"lat": {"location.coordinates"}, "lon": {"location.coordinates"}, "geo": {"location.coordinates"}}


def test_hard_negatives_stay_quiet() -> None:
    rows = [
        {
            "id": str(uuid.UUID(int=i * 7919)),
            "order_number": f"{10**17 + i * 7:018d}",
            "checksum": f"{i:064x}",
            "created_at": dt.datetime(2024, 1, 1) + dt.timedelta(hours=i),
            "status": "shipped",
            "color": "white",
            "price": 9.99 + i,
        }
        for i in range(50)
    ]
    assert classify_dataset(rows, dataset="shop.orders").fields == ()


def test_sql_text_columns_and_empty_input() -> None:
    assert classify_dataset([]) == Classification(fields=(), patterns=())
    rows = [{"email": "", "phone": None}] * 5
    assert classify_dataset(rows).fields == ()


def test_ransom_note_pattern() -> None:
    result = classify_dataset([data.ransom_note()], dataset="READ__ME_TO_RECOVER_YOUR_DATA.README")
    assert "ransom_note" in result.patterns


def test_estimate_people() -> None:
    customers = classify_dataset(data.people(), dataset="crm.customers", total=1000)
    addresses = classify_dataset([{"city": "X"}] * 3, dataset="crm.cities")
    pairs = [(SampledDataset("crm.customers", 1000), customers), (SampledDataset("crm.cities", 5), addresses)]
    assert estimate_people(pairs) == 1000
    assert estimate_people([(SampledDataset("x", 5), addresses)]) is None
    emails_only = classify_dataset([{"email": f"u{i}@example.org"} for i in range(20)])
    assert estimate_people([(SampledDataset("newsletter", 700), emails_only)]) == 700


def test_arbitrary_values_never_raise() -> None:
    import random

    rng = random.Random(9)
    alphabet = "0123456789abcdefXYZ-+.:@$/ ,;{}[]\"'\n\t族路号é\x00"
    rows = []
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        rows.append(
            {
                "password": text,
                "ssn": text,
                "lat": text,
                "photo": text.encode(),
                "embedding": [rng.random() for _ in range(rng.choice([2, 128, 512]))],
                "geo": {"type": "Point", "coordinates": [rng.uniform(-500, 500), rng.uniform(-500, 500)]},
                "misc": rng.choice([text, 1e308, -0.0, float("nan"), 10**40, b"\xff" * 30, None, True]),
            }
        )
    classify_dataset(rows, dataset="fuzz")


def test_company_is_an_employer_only_beside_a_person() -> None:
    companies = ["Acme GmbH", "Globex Corporation", "Initech LLC", "Umbrella Ltd", "Hooli Inc."]
    suppliers = [{"company": c, "sku": f"SKU-{i}", "price": 10 + i} for i, c in enumerate(companies * 8)]
    staff = [
        {"company": c, "first_name": n, "last_name": "Smith"}
        for c, n in zip(companies * 8, ["Mary", "John"] * 20, strict=False)
    ]
    assert not any("person.employer" in f.categories for f in classify_dataset(suppliers, dataset="suppliers").fields)
    assert any("person.employer" in f.categories for f in classify_dataset(staff, dataset="contacts").fields)
