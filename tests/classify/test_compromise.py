"""Ransom notes, wiped databases and Redis intrusions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest

from unguarded.classify import SampledDataset
from unguarded.engines import by_name
from unguarded.engines.base import Assessment
from unguarded.models import Access, Evidence, Exposure
from unguarded.scanner import intrusion_evidence

from . import data


def detect_compromise(
    engine_name: str, datasets: Sequence[SampledDataset], *, server_config: Mapping[str, str] | None = None
) -> list[Evidence]:
    """The signs the scanner finds on an open service of this engine holding these datasets."""
    engine = by_name(engine_name)
    assert engine is not None
    result = Assessment(Exposure.OPEN, Access.ADMIN, datasets=list(datasets), server_config=dict(server_config or {}))
    return intrusion_evidence(engine, result)


def kinds(evidence: list) -> list[str]:  # type: ignore[type-arg]
    return [e.kind for e in evidence]


@pytest.mark.parametrize(
    ("engine", "name"),
    [
        ("mongodb", "READ__ME_TO_RECOVER_YOUR_DATA.README"),
        ("mongodb", "shop.read_me_to_recover_your_data"),
        ("postgresql", "app.public.readme"),
        ("mysql", "shop.WARNING"),
        ("mongodb", "db.PLEASE_READ_ME_VVV"),
        ("elasticsearch", "customers-meow"),
        ("elasticsearch", "read_note_for_details"),
        ("mongodb", "RECOVERY10BTC.contact_for_data"),
        ("redis", "your_data_is_safe"),
        ("mongodb", "x.recover_your_files"),
    ],
)
def test_note_names(engine: str, name: str) -> None:
    evidence = detect_compromise(engine, [SampledDataset(name, 1), SampledDataset("shop.orders", 100)])
    assert kinds(evidence)[0] == "ransom_note"
    # Data remains beside the note (shop.orders): copied, never called wiped.
    assert "wiped" not in kinds(evidence)


@pytest.mark.parametrize("name", ["shop.orders", "app.public.warnings_log", "readmeters", "meowmix.products"])
def test_ordinary_names(name: str) -> None:
    assert detect_compromise("mongodb", [SampledDataset(name, 10)]) == []


def test_note_content_and_wipe() -> None:
    datasets = [
        SampledDataset("READ__ME_TO_RECOVER_YOUR_DATA.README", 1, [data.ransom_note()]),
        SampledDataset("admin.system.version", 1),
    ]
    evidence = detect_compromise("mongodb", datasets)
    assert kinds(evidence) == ["ransom_note", "wiped"]
    detail = evidence[0].detail
    assert "0.0059 BTC" in detail and "1KXr***Heg" in detail and "'backed up'" in detail
    assert "no user data is left" in evidence[1].detail


def test_note_in_its_own_database_beside_data_is_not_a_wipe() -> None:
    """The bots' note database next to the owner's data: the data was probably copied, not deleted."""
    datasets = [SampledDataset("shop.README", 1), SampledDataset("crm.customers", 500)]
    assert kinds(detect_compromise("mongodb", datasets)) == ["ransom_note"]


def test_note_beside_emptied_tables_is_a_wipe() -> None:
    datasets = [SampledDataset("shop.README", 1), SampledDataset("shop.orders", 0), SampledDataset("crm.users", 0)]
    evidence = detect_compromise("mongodb", datasets)
    assert kinds(evidence) == ["ransom_note", "wiped"]
    assert "2 emptied dataset(s) in database crm, database shop" in evidence[1].detail


def test_an_unknown_count_is_not_taken_for_empty() -> None:
    datasets = [SampledDataset("shop.README", 1), SampledDataset("shop.orders_view", None)]
    assert kinds(detect_compromise("postgresql", datasets)) == ["ransom_note"]


def test_note_found_by_content_alone() -> None:
    evidence = detect_compromise(
        "mongodb", [SampledDataset("shop.info", 1, [data.ransom_note()]), SampledDataset("shop.orders", 10)]
    )
    assert kinds(evidence) == ["ransom_note"]
    assert "holding a ransom demand" in evidence[0].detail


def test_redis_cron_ssh_and_config() -> None:
    cron = [SampledDataset(k, 1, [{"value": v}], kind="string") for k, v in data.redis_cron_values().items()]
    ssh = SampledDataset(
        "crackit", 1, [{"value": "\n\nssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7" + "x" * 40 + " root@h\n\n"}]
    )
    evidence = detect_compromise("redis", [*cron, ssh], server_config={"dir": "/var/spool/cron", "dbfilename": "root"})
    assert kinds(evidence).count("redis_cron_job") == 4
    assert "redis_ssh_key" in kinds(evidence)
    assert "redis_config_tampered" in kinds(evidence)
    assert all("203.0.113.7" not in e.detail for e in evidence)


def test_redis_normal_config() -> None:
    evidence = detect_compromise(
        "redis", [SampledDataset("session:*", 100)], server_config={"dir": "/data", "dbfilename": "dump.rdb"}
    )
    assert evidence == []
