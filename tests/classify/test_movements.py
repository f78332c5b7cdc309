"""Movement facts from a sample: the time span of a trail and its share of sensitive places."""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

import pytest

from unguarded.classify import classify_dataset
from unguarded.classify.movements import instant

from . import data

START = dt.datetime(2026, 3, 1, 6, 0, tzinfo=dt.UTC)


def checkins(n: int = 200, seed: int = 7, *, hours: float = 24.0, epoch: bool = False) -> list[dict[str, Any]]:
    """Positions of 40 people over ``hours``; one in ten at a mosque or church, one in twenty at a clinic."""
    rng = random.Random(seed)
    places = ["mosque"] * 5 + ["church"] * 5 + ["clinic"] * 5 + ["cafe", "office", "station", "shop"] * 21
    out = []
    for i in range(n):
        when = START + dt.timedelta(seconds=hours * 3600 * i / (n - 1))
        out.append(
            {
                "person_id": rng.randrange(40),
                "lat": round(39.9 + rng.random() / 10, 6),
                "lon": round(116.3 + rng.random() / 10, 6),
                "seen_at": int(when.timestamp()) if epoch else when.isoformat(),
                "place_type": places[i % len(places)],
            }
        )
    return out


def test_span_and_places_of_a_checkin_table() -> None:
    result = classify_dataset(checkins(), dataset="city.positions", total=6_700_000)
    assert result.time_span_days == pytest.approx(1.0, abs=0.01)
    shares = {p.kind: p.share for p in result.sensitive_places}
    # 10 of every 100 places are a mosque or church, 5 a clinic
    assert shares["place_of_worship"] == pytest.approx(0.1, abs=0.02)
    assert shares["health"] == pytest.approx(0.05, abs=0.02)
    assert all(p.positions == 200 for p in result.sensitive_places)
    assert [p.kind for p in result.sensitive_places] == ["place_of_worship", "health"], "largest share first"


def test_epoch_seconds_in_a_field_named_like_time() -> None:
    result = classify_dataset(checkins(hours=24 * 9, epoch=True), dataset="positions")
    assert result.time_span_days == pytest.approx(9.0, abs=0.01)


def test_owntracks_style_trail_without_places() -> None:
    result = classify_dataset(data.location_trail(), dataset="gps")
    assert result.time_span_days == pytest.approx(55 / (24 * 60), abs=1e-3)  # 12 fixes 5 minutes apart
    assert result.sensitive_places == ()


def test_place_named_in_a_place_name_field() -> None:
    rows = [
        {"uid": i % 5, "lat": 48.1 + i / 1000, "lon": 11.5 + i / 1000, "ts": (START + dt.timedelta(hours=i)).isoformat(),
         "venue_name": "St Mary's Church" if i % 4 == 0 else "Central Station"}
        for i in range(40)
    ]  # fmt: skip
    result = classify_dataset(rows, dataset="visits")
    assert {p.kind: p.share for p in result.sensitive_places} == {"place_of_worship": 0.25}


def test_a_word_in_free_text_is_not_a_place() -> None:
    """Only a whole value counts outside a place field: a note mentioning a church is not a visit."""
    rows = [
        {"uid": i % 5, "lat": 48.1 + i / 1000, "lon": 11.5 + i / 1000, "ts": (START + dt.timedelta(hours=i)).isoformat(),
         "comment": "met near the church" if i % 2 else "ok"}
        for i in range(40)
    ]  # fmt: skip
    assert classify_dataset(rows, dataset="visits").sensitive_places == ()


def test_no_coordinates_no_movement_facts() -> None:
    result = classify_dataset(data.people(), dataset="people")
    assert result.time_span_days is None and result.sensitive_places == ()


def test_no_value_leaves_the_classification() -> None:
    result = classify_dataset(checkins(), dataset="city.positions")
    text = json.dumps([p.model_dump() for p in result.sensitive_places]) + str(result.time_span_days)
    assert "mosque" not in text and "clinic" not in text and "2026" not in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01T06:00:00Z", 1772344800.0),
        ("2026-03-01 06:00:00", 1772344800.0),
        (1772344800, 1772344800.0),
        (1772344800000, 1772344800.0),
        (dt.datetime(2026, 3, 1, 6, 0), 1772344800.0),
        ("not a time", None),
        (42, None),
        (True, None),
    ],
)
def test_instant(value: object, expected: float | None) -> None:
    assert instant(value) == expected
