"""Spreadsheet-mangled numbers: weak evidence that counts only with a strong field-name hint."""

from __future__ import annotations

import random

from unguarded.classify import classify_dataset
from unguarded.classify.categories import resolve


def test_mangled_ids_count_with_a_hint() -> None:
    rng = random.Random(4)
    rows = [{"ssn": f"{rng.randint(1, 9)}.{rng.randint(10, 99)}E+15", "phone": float(rng.randint(10**9, 10**10))}
            for _ in range(40)]  # fmt: skip
    found = {f.path: f.categories for f in classify_dataset(rows, dataset="customers").fields}
    assert found["ssn"] == ("national_id.damaged",)
    assert found["phone"] == ("contact.phone.damaged",)
    assert resolve("national_id.damaged").sensitive
    shown = {e for f in classify_dataset(rows, dataset="customers").fields for e in f.examples}
    assert not shown & {r["ssn"] for r in rows} and not shown & {str(r["phone"]) for r in rows}


def test_mangled_numbers_alone_are_nothing() -> None:
    rng = random.Random(5)
    rows = [{"measurement": f"{rng.randint(1, 9)}.{rng.randint(10, 99)}E+15", "total": float(rng.randint(10**6, 10**9))}
            for _ in range(40)]  # fmt: skip
    assert classify_dataset(rows, dataset="experiments").fields == ()


def test_lost_leading_zeros_count_only_by_name() -> None:
    # 02134 -> 2134, 07911123456 -> 7911123456, 012345678 -> 12345678: plain digits, read by name.
    rng = random.Random(6)
    rows = [{"zip": rng.randint(1000, 9999), "phone": rng.randint(7 * 10**9, 8 * 10**9 - 1),
             "ssn": rng.randint(10**7, 10**8 - 1)} for _ in range(40)]  # fmt: skip
    found = {f.path: f.categories for f in classify_dataset(rows, dataset="customers").fields}
    assert found["zip"][0].startswith("contact.postal_address")
    assert found["phone"] == ("contact.phone",)
    assert found["ssn"][0].startswith("national_id")
    same = [{"qty": r["zip"], "reading": r["phone"], "serial": r["ssn"]} for r in rows]
    assert classify_dataset(same, dataset="warehouse").fields == ()
