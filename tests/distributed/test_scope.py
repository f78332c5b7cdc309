"""Shards and scope without servers: whole hosts per shard, a /24 at most, and the worker's scope check."""

from __future__ import annotations

import ipaddress
from collections import Counter
from pathlib import Path

import pytest

from unguarded.distributed.scope import (
    QueueRoutes,
    ScanScope,
    plan_shards,
    read_routes,
    refusal,
    resolve_names,
    route_refusal,
    shard_target_set,
)
from unguarded.engines.base import ScanOptions
from unguarded.models import Endpoint
from unguarded.targets import TargetError, TargetSpec, build_target_set, iter_endpoints


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


def _homes(shards: list[list[Endpoint]]) -> dict[str, set[int]]:
    homes: dict[str, set[int]] = {}
    for i, shard in enumerate(shards):
        for ep in shard:
            homes.setdefault(ep.address, set()).add(i)
    return homes


def test_a_host_named_by_name_and_inside_a_range_is_one_host_in_one_shard() -> None:
    names = {"db.example": "10.0.0.5", "cache.example": "10.0.0.9"}
    asked: list[str] = []

    def resolver(spec: TargetSpec) -> list[tuple[str, str]]:
        asked.append(spec.hostname or "")
        return [(spec.hostname or "", names[spec.hostname or ""])]

    # a name before the range and one after it; a name's port that is one of the range's too is planned once
    targets = ["db.example:27017", "10.0.0.0/28", "cache.example:11211", "db.example:6379"]
    items = list(plan_shards(build_target_set(targets), [6379, 9200], 4, resolver=resolver))
    shards = [i for i in items if not isinstance(i, TargetError)]
    assert len(shards) == len(items)
    assert all(len(h) == 1 for h in _homes(shards).values()), _homes(shards)
    got = [(ep.address, ep.port) for shard in shards for ep in shard]
    assert len(got) == len(set(got))  # nothing doubled across shards
    assert {p for a, p in got if a == "10.0.0.5"} == {27017, 6379, 9200}
    assert {p for a, p in got if a == "10.0.0.9"} == {6379, 9200, 11211}
    assert len(got) == 14 * 2 + 2  # the /28's fourteen hosts on two ports, db.example's 27017, cache's 11211
    assert sorted(asked) == ["cache.example", "db.example"]  # each name resolved once


def test_names_that_do_not_resolve_in_time_are_errors_not_waits() -> None:
    import threading

    release = threading.Event()

    def slow(spec: TargetSpec) -> list[tuple[str, str]]:
        release.wait(30)
        return [(spec.hostname or "", "10.0.0.1")]

    try:
        found = resolve_names(build_target_set(["slow.example:6379"]), 0.05, slow)
    finally:
        release.set()
    assert isinstance(found["slow.example"], TargetError)
    assert "within 0.05 s" in str(found["slow.example"])


def test_routes_send_each_shard_to_one_segments_queue() -> None:
    routes = QueueRoutes([("127.0.0.0/25", "q-a"), ("127.0.0.128/25", "q-b"), ("127.0.0.64/26", "q-c")], "rest")
    assert [routes.queue_of(a) for a in ("127.0.0.1", "127.0.0.70", "127.0.0.200", "127.0.1.1")] == [
        "q-a",
        "q-c",  # the longest prefix wins
        "q-b",
        "rest",
    ]
    targets = ["127.0.0.0/24", "127.0.0.1:9999", "127.0.0.129:9999"]
    shards = _shards(targets, [6379])
    routed = list(plan_shards(build_target_set(targets), [6379], routes=routes))
    assert len(shards) < len(routed)
    for shard in routed:
        assert not isinstance(shard, TargetError)
        assert len({routes.queue_of(ep.address) for ep in shard}) == 1, shard
    flat = sorted((ep.address, ep.port) for s in routed if not isinstance(s, TargetError) for ep in s)
    assert flat == sorted((ep.address, ep.port) for s in shards for ep in s)


def test_a_worker_refuses_endpoints_routed_to_another_queue() -> None:
    target_set = build_target_set(["127.0.0.0/24"])
    scope = ScanScope.record(
        target_set, ports=[6379], options=ScanOptions(), max_targets=256, routes=[("127.0.0.128/25", "q-b")]
    )
    assert ScanScope.model_validate_json(scope.model_dump_json()) == scope
    low = Endpoint(host="127.0.0.1", address="127.0.0.1", port=6379)
    high = Endpoint(host="127.0.0.200", address="127.0.0.200", port=6379)
    assert route_refusal(scope, [high], "q-b", "main") is None
    assert route_refusal(scope, [low], "main", "main") is None
    assert "routed to queue 'main', not to this worker's queue 'q-b'" in str(
        route_refusal(scope, [high, low], "q-b", "main")
    )
    assert "routed to queue 'q-b'" in str(route_refusal(scope, [high], "main", "main"))
    assert route_refusal(scope, [low], "main", None) == "the scan runs in its coordinator's process, not on workers"


def test_a_routes_file_holds_one_route_a_line(tmp_path: Path) -> None:
    path = tmp_path / "routes"
    path.write_text("# segments\n10.1.0.0/16=site-a\n10.2.0.0/16   site-b  # the other site\n\n10.3.0.1 site-c\n")
    assert read_routes(path) == [("10.1.0.0/16", "site-a"), ("10.2.0.0/16", "site-b"), ("10.3.0.1/32", "site-c")]
    path.write_text("10.1.0.0/16=site-a\nnot-a-network site-b\n")
    with pytest.raises(ValueError, match=r"routes:2: route 'not-a-network=site-b'"):
        read_routes(path)
