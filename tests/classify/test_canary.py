"""No raw sampled value may leave the classifier: not in repr, not in JSON, not in evidence."""

from __future__ import annotations

import json

from unguarded.classify import SampledDataset, classify_dataset, detect_compromise

from . import data

CANARIES = {
    "email": "canary.zq7x@canary-mail.example",
    "ssn": "536-90-1234",
    "身份证号": "11010519491231002X",
    "phone": "+1 415 555 0199",
    "card": "4539578763621486",
    "iban": "DE89370400440532013000",
    "name": "Zebediah Quixote",
    "password": "$2b$12$CANARYcanaryCANARYcanaryCANARYcanaryCANARYcanaryCANAR",
    "token": "ghp_CANARYcanaryCANARYcanaryCANARYcanary",
    "dob": "1961-07-04",
    "address": "742 Evergreen Terrace",
    "religion": "Zoroastrian",
    "ip": "81.2.69.160",
    "mac": "a4:5e:60:c2:11:0f",
}


def _records() -> list[dict[str, object]]:
    base = data.people(30)
    out = []
    for person in base:
        record = dict(person)
        record.update(CANARIES)
        record["nested"] = {"deep": [dict(CANARIES)]}
        out.append(record)
    return out


def _raw_pieces() -> set[str]:
    pieces = set(CANARIES.values())
    pieces |= {v.replace(" ", "") for v in CANARIES.values()}
    return pieces


def test_classification_reveals_no_raw_value() -> None:
    result = classify_dataset(_records(), dataset="crm.customers", total=10)
    dumped = repr(result) + json.dumps([f.model_dump() for f in result.fields], ensure_ascii=False)
    assert result.fields, "the canaries should be classified"
    for raw in _raw_pieces():
        assert raw not in dumped, raw
    # The canaries' distinctive inner parts must not leak either.
    for fragment in ("zq7x", "Zebediah", "Quixote", "CANARY", "Evergreen", "0532013000", "578763"):
        assert fragment not in dumped, fragment


def test_evidence_reveals_no_raw_value() -> None:
    note = data.ransom_note()
    note["content"] += " Victim: canary.zq7x@canary-mail.example, SSN 536-90-1234"
    evidence = detect_compromise([SampledDataset("READ__ME_TO_RECOVER_YOUR_DATA.README", 1, [note])])
    dumped = repr(evidence)
    assert evidence
    for raw in (
        "canary.zq7x@canary-mail.example",
        "536-90-1234",
        "1KXrWXciRDZUpQwQmuM1DbwsKDLYAieHeg",
        "recover@onionmail.org",
        "publicly disclosed",
    ):
        assert raw not in dumped, raw
