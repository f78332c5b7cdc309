"""Parquet data files on an open Jupyter server, classified from their footer within bounds.

The files are written with pyarrow (it arrives with milvus-lite, in the test extra); the
scanner reads them with its own footer reader (``engines/_parquet.py``). They sit in a
folder of their own, removed afterwards, so the other Jupyter tests see the lab as seeded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import shutil
import struct

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan
from unguarded.engines._parquet import ParquetError, read_footer, sample_records
from unguarded.lab.servers import JupyterLabServer

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
CANARY = "canary-parquet-8b2c@leak-test.example"


def people_table(n: int) -> object:
    return pa.table(
        {
            "full_name": ["Maria Garcia" if i % 2 else "John Smith" for i in range(n)],
            "email": [CANARY if i == 0 else f"user{i:05d}@example.org" for i in range(n)],
            "birth_date": [dt.date(1970, 1, 1) + dt.timedelta(days=97 * i % 15000) for i in range(n)],
            "balance": [round(10.5 * i, 2) for i in range(n)],
        }
    )


def parquet_bytes(table: object, row_group_size: int = 100) -> bytes:
    out = io.BytesIO()
    pq.write_table(table, out, row_group_size=row_group_size)
    return out.getvalue()


def test_parquet_files_are_classified_from_their_footer(lab: Lab):
    server = lab.get("jupyter")
    assert isinstance(server, JupyterLabServer)
    folder = server.root / "lake"
    folder.mkdir(exist_ok=True)
    try:
        (folder / "customers.parquet").write_bytes(parquet_bytes(people_table(250)))
        rng = random.Random(7)
        noise = pa.table({"blob": [rng.randbytes(100).hex() for _ in range(2000)]})
        (folder / "big.parquet").write_bytes(parquet_bytes(noise, 500))
        options = dataclasses.replace(FAST, dataset_byte_cap=128 * 1024)
        report = run_scan([f"jupyter://127.0.0.1:{server.port}"], options)
    finally:
        shutil.rmtree(folder)
    svc = only_service(report)
    by_name = {d.name: d for d in svc.datasets}
    people = by_name["lake/customers.parquet"]
    assert (people.kind, people.records, people.records_exact) == ("parquet file", 250, True)
    assert {"person.name", "contact.email", "person.birth_date"} <= set(people.categories), people.categories
    assert 0 < people.sampled <= 6  # a minimum and a maximum per row group
    big = by_name["lake/big.parquet"]  # over the cap: its footer read with a byte range from its end
    assert big.records == 2000 and big.bytes is not None and big.bytes > 128 * 1024
    assert big.sampled > 0 and not big.categories
    assert_value_free(report, CANARY)


def test_footer_reader_units_and_hostile_footers():
    data = parquet_bytes(people_table(30), 10)
    footer = read_footer(data, 1 << 20)
    assert footer.rows == 30 and [c.name for c in footer.columns] == ["full_name", "email", "birth_date", "balance"]
    records = sample_records(footer, 100)
    assert len(records) == 6 and records[0]["birth_date"].startswith("19")
    assert sample_records(footer, 2) == records[:2]
    for bad, message in (
        (data[:-1], "no PAR1"),
        (data[-200:], "longer than the bytes read"),
        (b"PAR1" + b"\x19\xfc" * 50 + struct.pack("<I", 100) + b"PAR1", "nested too deep"),
        (b"\x19\xf5\xff\xff\xff\x0f" + struct.pack("<I", 6) + b"PAR1", "collection longer than the footer"),
        (b"PAR1\x15\x02\x19" + struct.pack("<I", 3) + b"PAR1", "cut short"),
        (b"\xff" * 20 + struct.pack("<I", 20) + b"PAR1", "unknown compact type"),
        (b"x" * 8 + struct.pack("<I", 5 << 20) + b"PAR1", "over the"),
    ):
        with pytest.raises(ParquetError, match=message):
            read_footer(bad, 1 << 20)
