"""HL7 v2 messages judged by their segments and fields (classify/hl7v2.py, standards.py).

``fixtures/hl7v2/positive/adt_a01.hl7`` is an admission message written for this test
(a patient with an MRN, an SSN and a passport number in PID-3, a phone and an e-mail in
PID-13, race and ethnicity, next of kin, attending doctor, diagnosis, HbA1c, an allergy);
``negative/ack.hl7`` an acknowledgement that holds only message metadata.
"""

from __future__ import annotations

from pathlib import Path

from unguarded.classify import classify_dataset
from unguarded.classify.flatten import flatten
from unguarded.classify.hl7v2 import is_message, parse, to_document

FIXTURES = Path(__file__).with_name("fixtures") / "hl7v2"


def _message(kind: str, name: str) -> str:
    return (FIXTURES / kind / name).read_bytes().decode("utf-8")


def test_parse_segments_fields_components() -> None:
    parsed = dict(parse(_message("positive", "adt_a01.hl7")))
    assert parsed["PID"][5] == [["OKAFOR", "NGOZI", "ADA"]]
    assert [r[4] for r in parsed["PID"][3]] == ["MR", "SS", "PPN"]
    assert parsed["MSH"][9] == [["ADT", "A01", "ADT_A01"]]  # MSH-9 is the message type
    assert 2 not in parsed["MSH"]  # MSH-2 holds the encoding characters
    doc = to_document(parse(_message("positive", "adt_a01.hl7")))
    assert doc["PID"][0]["5"] == ["OKAFOR NGOZI ADA"]


def test_flatten_reads_messages_in_string_fields() -> None:
    paths = {p for p, _ in flatten({"message": _message("positive", "adt_a01.hl7")})}
    assert {"message.PID[].5[]", "message.PID[].3[]", "message.DG1[].3[]"} <= paths
    assert not is_message("MSX|not a header") and not is_message("MSH")


def test_pid_and_clinical_fields_by_structure() -> None:
    result = classify_dataset([{"message": _message("positive", "adt_a01.hl7")}], dataset="inbound")
    found = {f.path: set(f.categories) for f in result.fields}
    assert found["message.PID[].5[]"] == {"person.name"}
    assert found["message.PID[].7[]"] == {"person.birth_date"}
    assert found["message.PID[].8[]"] == {"person.gender"}
    assert found["message.PID[].10[]"] == {"special.ethnicity"}
    assert found["message.PID[].22[]"] == {"special.ethnicity"}
    assert found["message.PID[].17[]"] == {"special.religion"}
    assert found["message.PID[].11[]"] == {"contact.postal_address"}
    assert found["message.PID[].3[]"] == {"national_id", "passport"}  # the MRN is not reported
    assert found["message.PID[].13[]"] == {"contact.phone", "contact.email"}
    assert found["message.NK1[].2[]"] == {"person.name"}
    assert found["message.PV1[].7[]"] == {"person.name"}
    for path in ("message.DG1[].3[]", "message.OBX[].3[]", "message.OBX[].5[]", "message.AL1[].3[]"):
        assert found[path] == {"special.health"}, path
    assert "message.MSH[].9[]" not in found and "message.PV1[].3[]" not in found
    shown = " ".join(e for f in result.fields for e in f.examples)
    for raw in ("OKAFOR", "321-54-9876", "X1234567", "ngozi@example.org", "19610314"):
        assert raw not in shown


def test_metadata_only_message_stays_clean() -> None:
    result = classify_dataset([{"message": _message("negative", "ack.hl7")}], dataset="inbound")
    assert result.fields == ()
