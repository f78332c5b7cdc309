"""The shared protobuf wire-format pieces: round trips, and hostile input that ends in a ValueError."""

from __future__ import annotations

import pytest

from unguarded.engines._protobuf import encode_varint, message_fields, read_varint


@pytest.mark.parametrize("value", [0, 1, 127, 128, 300, 2**32, 2**63 - 1])
def test_varints_round_trip(value: int) -> None:
    raw = encode_varint(value)
    assert read_varint(raw + b"\xff", 0) == (value, len(raw))


def test_known_encodings() -> None:
    assert encode_varint(0) == b"\x00" and encode_varint(300) == b"\xac\x02"


def test_fields_of_a_message() -> None:
    message = b"\x08\x96\x01" + b"\x12\x07" + b"v2.4.15" + b"\x12\x01x"
    assert message_fields(message) == {1: [150], 2: [b"v2.4.15", b"x"]}


@pytest.mark.parametrize(
    "hostile",
    [b"\x80", b"\x80" * 20, b"\x12\x7f" + b"short", b"\x0b", b"\x09\x00\x00"],
    ids=["cut-varint", "endless-varint", "field-past-end", "group-wire-type", "fixed64-past-end"],
)
def test_hostile_messages_end_in_a_value_error(hostile: bytes) -> None:
    with pytest.raises(ValueError):
        message_fields(hostile)
