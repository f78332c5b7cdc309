"""The ``unguarded demo`` lab: a few deliberately exposed servers on loopback, loaded with fake people.

Everything runs on 127.0.0.1 high ports with temp data dirs and synthetic people from
Faker with a fixed seed, so the demo shows the real report on fake data and touches
nothing else. Whatever was started is stopped again, also on Ctrl-C.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .servers import ClickHouseServer, LabError, LabServer, MosquittoServer, PostgresServer, start

SEED = 2019
PEOPLE = 400
DEMO_ENGINES: tuple[tuple[str, bool], ...] = (
    ("postgresql", False),
    ("redis", False),
    ("mongodb", False),
    ("memcached", False),
    ("redis", True),
    ("clickhouse", False),
    ("couchdb", False),
    ("chroma", False),
    ("mqtt", False),
)


def people(n: int = PEOPLE, seed: int = SEED) -> Iterator[dict[str, Any]]:
    """Synthetic residents: names, national IDs, birth dates, employers, contacts."""
    try:
        from faker import Faker
    except ImportError as exc:
        raise LabError("the demo needs Faker: pip install 'unguarded[demo]'") from exc
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    for i in range(n):
        yield {
            "id": i + 1,
            "name": fake.name(),
            "national_id": fake.ssn(),
            "birth_date": fake.date_of_birth(minimum_age=18, maximum_age=80).isoformat(),
            "employer": fake.company(),
            "phone": "+86" + fake.phone_number(),
            "email": fake.email(),
        }


def trail(person_ids: list[int], seed: int = SEED) -> Iterator[dict[str, Any]]:
    """Time-stamped positions, several per person, tagged with the place visited."""
    rng = random.Random(seed)
    places = ["mosque", "hotel", "internet_cafe", "restaurant", "hospital", "church", "office"]
    start = dt.datetime(2019, 2, 13, tzinfo=dt.UTC)
    for pid in person_ids:
        lat, lon = 39.47 + rng.random(), 75.98 + rng.random()
        for step in range(6):
            yield {
                "person_id": pid,
                "lat": round(lat + rng.uniform(-0.01, 0.01), 6),
                "lon": round(lon + rng.uniform(-0.01, 0.01), 6),
                "seen_at": (start + dt.timedelta(minutes=17 * step + pid)).isoformat(),
                "place_type": rng.choice(places),
            }


def _load_postgres(server: LabServer) -> None:
    assert isinstance(server, PostgresServer)
    rows = list(people())
    positions = list(trail([p["id"] for p in rows[:100]]))
    work = server.workdir / "load.sql"
    lines = [
        "CREATE TABLE residents (id int primary key, name text, national_id text, birth_date date, employer text, phone text, email text);",
        "CREATE TABLE positions (person_id int, lat double precision, lon double precision, seen_at timestamptz, place_type text);",
        "CREATE TABLE products (sku text, title text, price numeric);",
    ]
    lines += [
        "INSERT INTO residents VALUES ({id}, {name}, {nid}, '{bd}', {emp}, {ph}, {em});".format(
            id=p["id"],
            name=_q(p["name"]),
            nid=_q(p["national_id"]),
            bd=p["birth_date"],
            emp=_q(p["employer"]),
            ph=_q(p["phone"]),
            em=_q(p["email"]),
        )
        for p in rows
    ]
    lines += [
        f"INSERT INTO positions VALUES ({t['person_id']}, {t['lat']}, {t['lon']}, '{t['seen_at']}', '{t['place_type']}');"
        for t in positions
    ]
    lines += [f"INSERT INTO products VALUES ('SKU-{i:05d}', 'Widget {i}', {i}.99);" for i in range(50)]
    lines.append("ANALYZE;")
    work.write_text("\n".join(lines), encoding="utf-8")
    server.psql("CREATE DATABASE tracking;")
    server.psql("", db="tracking", file=work)


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _load_redis(server: LabServer) -> None:
    import redis

    client = redis.Redis(port=server.port)
    for p in list(people())[:200]:
        client.hset(f"resident:{p['id']}", mapping={k: str(v) for k, v in p.items()})
    for i in range(40):
        client.set(f"session:{random.Random(i).getrandbits(128):032x}", json.dumps({"uid": i, "ip": f"203.0.113.{i}"}))
    client.close()


def _load_mongo(server: LabServer) -> None:
    from pymongo import MongoClient

    client: MongoClient[dict[str, Any]] = MongoClient(port=server.port, directConnection=True)
    client.city.checkins.insert_many(list(trail(list(range(1, 61)))))
    client.city.residents.insert_many(list(people())[:250])
    # Bots left a ransom note beside the data: it is still there, so the report says copied, not wiped.
    client.READ__ME_TO_RECOVER_YOUR_DATA.README.insert_one(
        {"content": "All your data is backed up. You must pay 0.0071 BTC to recover it."}
    )
    client.close()


def _load_memcached(server: LabServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        for i in range(30):
            value = f"page-fragment-{i}".encode()
            sock.sendall(b"set cache:page:%d 0 0 %d\r\n%s\r\n" % (i, len(value), value))
            sock.recv(64)


def _load_couchdb(server: LabServer) -> None:
    """An admin-party CouchDB with a patient register (documents keyed by CouchDB's own ids)."""
    import httpx

    base = f"http://127.0.0.1:{server.port}"
    httpx.put(f"{base}/patients", timeout=10).raise_for_status()
    docs = [{k: v for k, v in p.items() if k != "id"} for p in list(people())[:150]]
    httpx.post(f"{base}/patients/_bulk_docs", json={"docs": docs}, timeout=30).raise_for_status()


def _load_clickhouse(server: LabServer) -> None:
    """An analytics copy of the residents, as ClickHouse often holds one (one insert, JSONEachRow)."""
    assert isinstance(server, ClickHouseServer)
    server.query("CREATE DATABASE IF NOT EXISTS analytics")
    server.query(
        "CREATE TABLE IF NOT EXISTS analytics.residents (id UInt32, name String, national_id String, "
        "birth_date Date, employer String, phone String, email String) ENGINE = MergeTree ORDER BY id"
    )
    rows = "\n".join(json.dumps(p, ensure_ascii=False) for p in list(people())[:300])
    server.query("INSERT INTO analytics.residents FORMAT JSONEachRow", body=rows.encode("utf-8"))


def _load_chroma(server: LabServer) -> None:
    """An open Chroma behind a support bot: tickets with the customer's contact details in metadata.

    Seeded with explicit embeddings (no embedding model is ever downloaded).
    """
    import httpx

    rng = random.Random(SEED)
    base = f"http://127.0.0.1:{server.port}/api/v2/tenants/default_tenant/databases/default_database"
    created = httpx.post(f"{base}/collections", json={"name": "support_tickets", "get_or_create": True}, timeout=10)
    created.raise_for_status()
    issues = ["cannot log in", "refund for a double charge", "change my address", "parcel never arrived"]
    customers = list(people())[:60]
    records = {
        "ids": [f"ticket-{p['id']}" for p in customers],
        "embeddings": [[rng.uniform(-1, 1) for _ in range(16)] for _ in customers],
        "documents": [f"{p['name']} ({p['phone']}): {rng.choice(issues)}" for p in customers],
        "metadatas": [
            {
                "customer_name": p["name"],
                "customer_email": p["email"],
                "phone": p["phone"],
                "national_id": p["national_id"],
            }
            for p in customers
        ],
    }
    collection = created.json()["id"]
    httpx.post(f"{base}/collections/{collection}/upsert", json=records, timeout=30).raise_for_status()


#: OwnTracks users with their devices and home positions (the demo's GPS trackers)
TRACKERS = {
    "li.wei": ("phone", 39.4704, 75.9896),
    "aynur": ("phone", 39.4761, 75.9712),
    "mehmet": ("car", 39.4547, 76.0021),
    "gulnar": ("tablet", 39.4890, 75.9632),
    "erkin": ("phone", 39.4632, 75.9954),
}
#: how long the trackers keep reporting after the demo starts (their thread also ends with the broker)
TRACKER_ROUNDS = 2000


def owntracks(tid: str, lat: float, lon: float, tst: int) -> bytes:
    """An OwnTracks ``location`` message as the app publishes it."""
    message = {"_type": "location", "tid": tid, "lat": lat, "lon": lon, "tst": tst, "acc": 9, "batt": 77, "conn": "m"}
    return json.dumps(message).encode()


def _load_mqtt(server: LabServer) -> None:
    """An anonymous broker where OwnTracks trackers publish retained positions, and keep moving."""
    assert isinstance(server, MosquittoServer)
    rng = random.Random(SEED)
    start_time = 1550016000  # 2019-02-13, like the other demo trails

    def fixes(step: int) -> list[tuple[str, bytes]]:
        out = []
        for user, (device, lat, lon) in TRACKERS.items():
            lat, lon = lat + step * 0.0007 + rng.uniform(-3e-4, 3e-4), lon + step * 0.0005
            out.append(
                (
                    f"owntracks/{user}/{device}",
                    owntracks(user[:2], round(lat, 6), round(lon, 6), start_time + 60 * step),
                )
            )
        return out

    server.publish(fixes(0))

    def keep_moving() -> None:
        for step in range(1, TRACKER_ROUNDS):
            try:
                server.publish(fixes(step))
            except (OSError, LabError):
                return  # the broker was stopped
            time.sleep(0.3)

    threading.Thread(target=keep_moving, name="demo-trackers", daemon=True).start()


LOADERS = {
    "postgresql": _load_postgres,
    "redis": _load_redis,
    "mongodb": _load_mongo,
    "memcached": _load_memcached,
    "clickhouse": _load_clickhouse,
    "couchdb": _load_couchdb,
    "chroma": _load_chroma,
    "mqtt": _load_mqtt,
}


@contextmanager
def demo_lab(say: Callable[[str], None] = print) -> Iterator[list[str]]:
    """Start the lab and load it; yield its targets (``127.0.0.1:port``); stop everything on the way out.

    ``say`` hears what is being started. A server that cannot start raises :class:`LabError`
    after the ones already started are stopped.
    """
    root = Path(tempfile.mkdtemp(prefix="unguarded-demo-"))
    root.chmod(0o755)
    servers: list[LabServer] = []
    try:
        for engine, protected in DEMO_ENGINES:
            say(f"starting {'protected' if protected else 'exposed'} {engine} ...")
            server = start(engine, root / f"{engine}-{'protected' if protected else 'open'}", protected=protected)
            servers.append(server)
            if not protected:
                LOADERS[engine](server)
        yield [f"127.0.0.1:{s.port}" for s in servers]
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(root, ignore_errors=True)
