"""Masked examples keep the shape, never the value."""

from __future__ import annotations

import datetime as dt

import pytest

from unguarded.classify import mask


@pytest.mark.parametrize(
    ("value", "category", "expected"),
    [
        ("john.doe@example.com", "contact.email", "j***@e***.com"),
        ("11010519491231002X", "national_id.cn_ric", "110105********002X"),
        ("3201123456781234", "financial.payment_card", "3201********1234"),
        ((116.391234, 39.907123), "location.coordinates", "[116.3***, 39.9***]"),
        ("39.904211, 116.407395", "location.coordinates", "39.9***, 116.4***"),
        ("+1 (780) 428-9482", "contact.phone", "+1 (***) ***-**82"),
        ("81.2.69.160", "network.ip_address", "81.***.***.***"),
        (
            "$2b$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
            "credential.password.hash",
            "$2b$*** (60 chars)",
        ),
        ("hunter2", "credential.password.plaintext", "*** (7 chars)"),
        ("AKIAIOSFODNN7EXAMPLE", "credential.secret", "AKIA*** (20 chars)"),
        ("Mary Smith", "person.name", "M*** S***"),
        (dt.date(1985, 3, 2), "person.birth_date", "19**-**-**"),
        (b"\x89PNG....", "biometric.face_image", "<8 bytes>"),
        ([0.1] * 128, "biometric.face_embedding", "<128 numbers>"),
    ],
)
def test_mask(value: object, category: str, expected: str) -> None:
    assert mask(value, category) == expected


@pytest.mark.parametrize("value", ["536-90-1234", "E12345678", "54362315K", "44051401359"])
def test_identifiers_reveal_at_most_half(value: str) -> None:
    masked = mask(value, "national_id")
    revealed = sum(1 for a, b in zip(masked, value, strict=True) if a == b and a.isalnum())
    assert revealed <= sum(c.isalnum() for c in value) // 2
    assert masked != value
