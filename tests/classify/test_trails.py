"""The follow-up core (classify.trails) and link discovery (classify.links), with an in-process follower.

The engines' real followers are tested against real servers in tests/engines/test_trails.py;
here a follower over in-memory records shows what the core asks for and how it judges.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from tests.classify.data import people as sample_people
from unguarded.classify import Follower, FollowUp, ForeignKey, SampledDataset, classify_dataset, follow_up
from unguarded.classify.links import JoinCandidate, LinkSide, join_candidates, service_patterns, singular
from unguarded.engines.base import Assessment
from unguarded.models import Access, Endpoint, Exposure
from unguarded.scanner import build_service

START = dt.datetime(2026, 1, 1)


def track(subjects: int, per: int, *, key: str = "person_id", moving: bool = True) -> list[dict[str, Any]]:
    return [
        {
            key: f"S{s:05d}",
            "lat": round(40.123457 + (p / 997 if moving else 0) + s / 1000, 6),
            "lon": round(-3.123457 - (p / 991 if moving else 0) - s / 1000, 6),
            "recorded_at": (START + dt.timedelta(minutes=p, seconds=s)).isoformat(),
        }
        for p in range(per)
        for s in range(subjects)
    ]


def people(n: int, *, prefix: str = "S") -> list[dict[str, Any]]:
    """Identity records (tests/classify/data.py) keyed by the trail's person ids."""
    return [{**record, "person_id": f"{prefix}{i:05d}"} for i, record in enumerate(sample_people(n))]


class MemoryFollower(Follower):
    """A follower over in-memory records: counts the reads it was asked for."""

    def __init__(self, data: Mapping[str, Sequence[Mapping[str, Any]]], *, indexed: set[str] = frozenset()) -> None:
        self.data, self._indexed, self.reads = data, frozenset(indexed), 0
        self.fail = False
        self.metadata = 0

    async def indexed(self, dataset: str) -> frozenset[str] | None:
        self.metadata += 1
        return self._indexed

    async def foreign_keys(self) -> Sequence[ForeignKey]:
        self.metadata += 1
        return ()

    async def lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        self.reads += len(values)
        if self.fail:
            raise TimeoutError
        return [[r for r in self.data[dataset] if r.get(path) == v][:limit] for v in values]


def one_per_subject(records: list[dict[str, Any]], key: str = "person_id") -> list[dict[str, Any]]:
    """A sample in which no subject comes back: what a random sample of a huge table looks like."""
    seen: dict[Any, dict[str, Any]] = {}
    for r in records:
        seen.setdefault(r[key], r)
    return list(seen.values())[:200]


def run(datasets: list[SampledDataset], follower: Follower, **kw: Any) -> FollowUp:
    return asyncio.run(follow_up(datasets, follower, **kw))


def test_a_trail_the_sample_cannot_show_is_confirmed_by_following_a_subject():
    rows = track(300, 10)
    sample = one_per_subject(rows)
    assert "location_trail" not in classify_dataset(sample).patterns  # the sample alone: no trail
    follower = MemoryFollower({"t.tracks": rows}, indexed={"person_id"})
    found = run([SampledDataset("t.tracks", len(rows), sample)], follower)
    assert "location_trail" in found.classifications["t.tracks"].patterns
    note = found.notes["t.tracks"]
    assert note.startswith("trail confirmed") and "person_id (indexed" in note
    assert follower.reads == 3 and found.reads == 3  # default: three subjects, one read each


def test_a_weather_station_followed_stays_put_and_is_no_trail():
    rows = track(300, 10, key="device_id", moving=False)
    follower = MemoryFollower({"w.readings": rows})
    found = run([SampledDataset("w.readings", len(rows), one_per_subject(rows, "device_id"))], follower)
    assert "location_trail" not in found.classifications["w.readings"].patterns
    assert found.notes["w.readings"].startswith("not a trail") and "not indexed" in found.notes["w.readings"]


def test_places_without_a_subject_or_a_time_are_not_followed():
    shops = [{"shop_id": i, "title": f"Shop {i}", "lat": 48.123457 + i / 1000, "lon": 2.123457} for i in range(50)]
    log = [{"ip": f"10.0.0.{i}", "user_id": i, "at": (START + dt.timedelta(seconds=i)).isoformat()} for i in range(50)]
    follower = MemoryFollower({"s.shops": shops, "s.log": log})
    found = run([SampledDataset("s.shops", 50, shops), SampledDataset("s.log", 50, log)], follower)
    assert follower.reads == 0 and follower.metadata == 0  # no positions with times: not one read
    assert not any("location_trail" in c.patterns for c in found.classifications.values())


def test_failed_reads_and_a_spent_budget_are_said_not_hidden():
    rows = track(300, 10)
    follower = MemoryFollower({"t.tracks": rows})
    follower.fail = True
    found = run([SampledDataset("t.tracks", len(rows), one_per_subject(rows))], follower)
    assert "failed (TimeoutError)" in found.notes["t.tracks"]
    assert "location_trail" not in found.classifications["t.tracks"].patterns
    spent = run([SampledDataset("t.tracks", len(rows), one_per_subject(rows))], MemoryFollower({}), max_reads=0)
    assert "budget is spent" in spent.notes["t.tracks"]
    off = run([SampledDataset("t.tracks", len(rows), one_per_subject(rows))], MemoryFollower({}), subjects=0)
    assert not off.ran and not off.notes


def test_reads_are_bounded_however_many_datasets():
    data = {f"t.tracks{i}": track(50, 5) for i in range(30)}
    follower = MemoryFollower(data)
    datasets = [SampledDataset(n, len(r), one_per_subject(r)) for n, r in data.items()]
    found = run(datasets, follower, max_reads=12)
    assert follower.reads <= 12 and found.reads <= 12


def test_identity_linked_by_key_name_and_values_makes_a_tracking_system():
    rows, who = track(300, 10), people(300)
    follower = MemoryFollower({"t.tracks": rows, "t.people": who})
    datasets = [
        SampledDataset("t.people", 300, who[:200]),
        SampledDataset("t.tracks", len(rows), one_per_subject(rows)),
    ]
    found = run(datasets, follower)
    assert [(link.source, link.to, link.via) for link in found.links] == [
        ("t.people", "t.tracks", ("person_id", "person_id"))
    ]
    assert found.links[0].how == "same key name; 3 of 3 keys found"
    assert json.loads(found.links[0].model_dump_json())["from"] == "t.people"


def test_an_identity_whose_keys_never_meet_the_trail_is_not_linked():
    rows, who = track(300, 10), people(300, prefix="X")
    follower = MemoryFollower({"t.tracks": rows, "t.people": who})
    datasets = [
        SampledDataset("t.people", 300, who[:200]),
        SampledDataset("t.tracks", len(rows), one_per_subject(rows)),
    ]
    assert run(datasets, follower).links == []


def test_join_candidates_by_name_declaration_and_values():
    def side(name: str, values: dict[str, list[Any]], patterns: tuple[str, ...]) -> LinkSide:
        return LinkSide(name, patterns, values)

    ident = ("identity_records",)
    trail = ("location_trail",)
    persons = side("db.people", {"_id": ["a"], "email": ["x@y.org"]}, ident)
    users = side("app.public.users", {"id": [1, 2]}, ident)
    tracks = side("db.tracks", {"person_id": ["a"], "user_email": ["x@y.org"]}, trail)
    positions = side("app.public.positions", {"user_id": [1], "device_id": [7], "ref": [1]}, trail)
    found = join_candidates(
        [persons, users], [tracks, positions], [ForeignKey("app.public.positions", "ref", "app.public.users", "id")]
    )
    assert JoinCandidate("db.people", "db.tracks", "_id", "person_id", by_name=True) in found
    assert JoinCandidate("db.people", "db.tracks", "email", "user_email") in found  # text values: by overlap
    assert JoinCandidate("app.public.users", "app.public.positions", "id", "user_id", by_name=True) in found
    assert JoinCandidate("app.public.users", "app.public.positions", "id", "ref", declared=True) in found
    # small integers overlap by chance: never joined by values alone
    assert not [c for c in found if c.trail_field == "device_id"]
    assert (singular("people"), singular("users"), singular("addresses"), singular("entries")) == (
        "person",
        "user",
        "address",
        "entry",
    )


def test_service_pattern_needs_identity_linked_to_a_trail():
    from unguarded.classify.links import to_link

    link = to_link(JoinCandidate("a", "b", "id", "a_id"), 10, "same key name")
    assert service_patterns([link], {"a": ("identity_records",), "b": ("location_trail",)}) == ("tracking_system",)
    assert service_patterns([link], {"a": ("identity_records",), "b": ()}) == ()


def test_build_service_reports_links_trail_notes_and_the_pattern():
    rows, who = track(300, 10), people(300)
    result = Assessment(Exposure.OPEN, Access.ADMIN)
    result.add_dataset("t.people", 300, who[:200])
    result.add_dataset("t.tracks", len(rows), one_per_subject(rows))
    asyncio.run(result.follow(MemoryFollower({"t.tracks": rows, "t.people": who}), _options()))
    from unguarded.engines import by_name

    svc = build_service(Endpoint(host="127.0.0.1", address="127.0.0.1", port=27017), by_name("mongodb"), result)
    assert svc.patterns == ("tracking_system",) and len(svc.links) == 1
    tracks = {d.name: d for d in svc.datasets}["t.tracks"]
    assert "location_trail" in tracks.patterns and tracks.trail and tracks.trail.startswith("trail confirmed")
    data = json.loads(svc.model_dump_json())
    assert data["links"][0]["from"] == "t.people" and "trail" not in data["datasets"][0]
    assert who[1]["email"] not in svc.model_dump_json() and "S00001" not in svc.model_dump_json()


def _options() -> Any:
    from unguarded.engines.base import ScanOptions

    return ScanOptions()


def test_engines_without_lookups_link_by_name_when_the_samples_meet():
    who = people(30)
    trail = [
        {
            "person_id": f"S{i % 30:05d}",
            "lat": 40.123457 + i / 997,
            "lon": -3.123457 - i / 991,
            "ts": (START + dt.timedelta(minutes=i)).isoformat(),
        }
        for i in range(120)
    ]
    result = Assessment(Exposure.OPEN, Access.ADMIN)
    result.add_dataset("k.people", 30, who)
    result.add_dataset("k.fixes", 120, trail)
    from unguarded.engines import by_name

    svc = build_service(Endpoint(host="127.0.0.1", address="127.0.0.1", port=6379), by_name("redis"), result)
    assert [link.how for link in svc.links] == ["same key name; values meet in the samples"]
    assert svc.patterns == ("tracking_system",)


def _points(n: int) -> list[list[float]]:
    return [[2.123457 + k / 997, 41.123457 + k / 991] for k in range(n)]


def _times(n: int) -> list[str]:
    return [(START + dt.timedelta(minutes=k)).isoformat() for k in range(n)]


def test_trails_inside_one_record():
    line = [
        {"trip": f"T{i}", "route": {"type": "LineString", "coordinates": _points(6)}, "times": _times(6)}
        for i in range(5)
    ]
    multi = [
        {
            "type": "Feature",
            "geometry": {"type": "MultiPoint", "coordinates": _points(5)},
            "properties": {"device": f"D{i}", "coordTimes": _times(5)},
        }
        for i in range(5)
    ]
    fixes = [
        {
            "user": f"u{i}",
            "points": [{"lat": p[1] + i / 7, "lon": p[0], "ts": t} for p, t in zip(_points(4), _times(4), strict=True)],
        }
        for i in range(5)
    ]
    for records in (line, multi, fixes):
        assert "location_trail" in classify_dataset(records).patterns, records[0]
    road = [
        {"road": f"R{i}", "geometry": {"type": "LineString", "coordinates": _points(6)}, "updated_at": _times(1)[0]}
        for i in range(5)
    ]
    area = [
        {"shop": f"S{i}", "area": {"type": "Polygon", "coordinates": [_points(4)]}, "opened": _times(1)[0]}
        for i in range(5)
    ]
    for records in (road, area):
        assert "location_trail" not in classify_dataset(records).patterns, records[0]


def test_a_person_key_joins_people_whatever_their_table_is_called():
    def residents(n: int, first: int) -> list[dict[str, Any]]:
        return [{**record, "id": first + i} for i, record in enumerate(sample_people(n))]

    rows = [{**r, "person_id": int(r["person_id"][1:]) + 1} for r in track(300, 10)]
    sample = one_per_subject(rows)
    for first, linked in ((1, True), (100_000, False)):
        who = residents(300, first)
        follower = MemoryFollower({"c.positions": rows, "c.residents": who})
        found = run(
            [SampledDataset("c.residents", 300, who[:200]), SampledDataset("c.positions", len(rows), sample)], follower
        )
        got = [(link.via, link.how) for link in found.links]
        assert got == ([(("id", "person_id"), "person key name; 3 of 3 keys found")] if linked else []), got
