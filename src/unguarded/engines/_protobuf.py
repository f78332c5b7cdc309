"""The few pieces of the protobuf wire format that the gRPC engines read and write by hand.

Milvus and Qdrant answer a hand-built gRPC request (no generated stubs, no grpcio at
identification time), and ClickHouse's native protocol uses the same unsigned LEB128
varint; one reader and one writer serve them all. Every read is bounded by the message:
a varint or field that runs past its end is a ``ValueError``, never an over-read.
"""

from __future__ import annotations

from typing import Any


def encode_varint(value: int) -> bytes:
    """``value`` (>= 0) as an unsigned LEB128 varint: 7 bits a byte, low bits first."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def read_varint(data: bytes, position: int) -> tuple[int, int]:
    """The varint at ``position`` and the position after it; ``ValueError`` when cut short."""
    value = shift = 0
    while position < len(data) and shift < 64:
        byte = data[position]
        position += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, position
        shift += 7
    raise ValueError("protobuf varint cut short")


def message_fields(message: bytes) -> dict[int, list[Any]]:
    """A protobuf message's fields (varints as ints, length-delimited as bytes), read from the wire format."""
    fields: dict[int, list[Any]] = {}
    position = 0
    while position < len(message):
        key, position = read_varint(message, position)
        number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, position = read_varint(message, position)
        elif wire == 2:
            length, position = read_varint(message, position)
            if position + length > len(message):
                raise ValueError("protobuf field past the message")
            value, position = message[position : position + length], position + length
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            if position + size > len(message):
                raise ValueError("protobuf field past the message")
            value, position = message[position : position + size], position + size
        else:
            raise ValueError(f"protobuf wire type {wire} not read")
        fields.setdefault(number, []).append(value)
    return fields
