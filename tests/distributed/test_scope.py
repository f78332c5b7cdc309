"""Shards and scope without servers: whole hosts per shard, a /24 at most, and the worker's scope check."""

from __future__ import annotations

import ipaddress
from collections import Counter

import pytest

from unguarded.distributed.scope import ScanScope, plan_shards, refusal, shard_target_set
from unguarded.engines.base import ScanOptions
from unguarded.models import Endpoint
from unguarded.targets import TargetError, build_target_set, iter_endpoints


def _shards(targets: list[str], ports: list[int], size: int = 256, **kw: object) -> list[list[Endpoint]]:
    items = list(plan_shards(build_target_set(targets, **kw), ports, size))  # type: ignore[arg-type]
    assert not [i for i in items if isinstance(i, TargetError)]
    return [i for i in items if not isinstance(i, TargetError)]


def test_a_range_on_one_port_is_cut_at_each_24() -> None:
    shards = _shards(["10.0.0.0/22"], [6379])
    assert [len(s) for s in shards] == [255, 256, 256, 255]  # the /22's own network and broadcast are not hosts
    assert {ipaddress.ip_address(ep.address).packed[2] for ep in shards[1]} == {1}


def test_shards_hold_whole_hosts_and_never_pass_their_size() -> None:
    ports = list(range(6379, 6389))  # ten ports: 25 hosts fit in 256 endpoints, 26 do not
    shards = _shards(["10.0.0.0/24"], ports)
    assert max(len(s) for s in shards) <= 256
    assert sum(len(s) for s in shards) == 254 * 10
    owners = {ep.address: i for i, shard in enumerate(shards) for ep in shard}
    assert all(owners[ep.address] == i for i, shard in enumerate(shards) for ep in shard)


def test_a_host_named_several_times_stays_in_one_shard() -> None:
    targets = ["10.0.0.5:27017", "10.0.0.0/29", "10.0.0.5:9200", "mongodb://10.0.0.6:27018"]
    shards = _shards(targets, [6379], size=2)
    homes: dict[str, set[int]] = {}
    for i, shard in enumerate(shards):
        for ep in shard:
            homes.setdefault(ep.address, set()).add(i)
    assert all(len(h) == 1 for h in homes.values()), homes
    expected = [e for e in iter_endpoints(build_target_set(targets), [6379]) if isinstance(e, Endpoint)]
    got = [ep for shard in shards for ep in shard]
    assert Counter(got) == Counter(expected)  # nothing lost, nothing doubled
    assert {ep.port for ep in got if ep.address == "10.0.0.5"} == {6379, 27017, 9200}


def test_exclusions_hold_in_the_plan_and_on_the_worker() -> None:
    target_set = build_target_set(["10.0.0.0/29"], exclude=["10.0.0.2"])
    scope = ScanScope.record(target_set, ports=[6379], options=ScanOptions(), max_targets=256)
    planned = [ep.address for shard in _shards(["10.0.0.0/29"], [6379], exclude=["10.0.0.2"]) for ep in shard]
    assert "10.0.0.2" not in planned
    smuggled = Endpoint(host="10.0.0.2", address="10.0.0.2", port=6379)
    assert refusal(scope, [smuggled]) == "10.0.0.2:6379 is excluded from this scan"
    assert shard_target_set(scope, [smuggled]).is_excluded("10.0.0.2")


@pytest.mark.parametrize(
    ("endpoint", "reason"),
    [
        (Endpoint(host="10.0.0.3", address="10.0.0.3", port=6379), None),
        (Endpoint(host="10.0.0.3", address="10.0.0.3", port=22), "outside the scan's recorded targets and ports"),
        (Endpoint(host="10.0.1.3", address="10.0.1.3", port=6379), "outside"),
        (Endpoint(host="db.internal", address="192.0.2.7", port=5432), None),
        (Endpoint(host="db.internal", address="192.0.2.7", port=6379), "outside"),  # a fixed port only
        (Endpoint(host="other.internal", address="192.0.2.7", port=5432), "outside"),
        (Endpoint(host="10.0.0.3", address="10.0.0.3", port=6379, hint="mongodb"), "outside"),
        (Endpoint(host="10.0.0.9", address="not-an-ip", port=6379), "not an IP address"),
    ],
)
def test_the_worker_checks_every_endpoint_against_the_recorded_scope(endpoint: Endpoint, reason: str | None) -> None:
    target_set = build_target_set(["10.0.0.0/24"])
    target_set.specs.append(
        target_set.specs[0].__class__(text="db.internal:5432", network=None, hostname="db.internal", port=5432)
    )
    scope = ScanScope.record(target_set, ports=[6379], options=ScanOptions(), max_targets=1024)
    found = refusal(scope, [endpoint])
    if reason is None:
        assert found is None
    else:
        assert found is not None and reason in found


def test_a_scope_over_its_own_cap_and_an_oversized_shard_are_refused() -> None:
    scope = ScanScope.record(build_target_set(["10.0.0.0/24"]), ports=[6379], options=ScanOptions(), max_targets=16)
    assert "exceeds its own cap" in (refusal(scope, []) or "")
    small = scope.model_copy(update={"max_targets": 1024, "shard_size": 1})
    many = [Endpoint(host=f"10.0.0.{i}", address=f"10.0.0.{i}", port=6379) for i in range(1, 100)]
    assert "far over the scan's shard size" in (refusal(small, many) or "")


def test_the_recorded_scope_round_trips_through_json() -> None:
    options = ScanOptions(sample_size=7, per_host=2)
    target_set = build_target_set(
        ["10.0.0.0/30", "redis://cache.internal:6380", "s3://10.0.0.9/bucket"], exclude=["10.0.0.1"]
    )
    scope = ScanScope.record(target_set, ports=[6379, 9200], options=options, max_targets=64)
    again = ScanScope.model_validate_json(scope.model_dump_json())
    assert again == scope
    assert again.scan_options() == options
    assert again.target_set() == target_set
