"""No raw value leaves the process: canaries planted in real servers never reach output.

The scan runs through the real command line; stdout, stderr and the JSON report are
searched for every canary and for distinctive fragments of them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import redis
from pymongo import MongoClient

from tests.conftest import Lab

CANARIES = {
    "email": "zz.canary.person@canary-leak.example",
    "phone": "+8613912345678",
    "name": "Quenby Canaryfield",
    "national_id": "11010519491231002X",
    "card": "4111111111111111",
    "street": "742 Canary Terrace",
}


def test_canaries_never_printed_or_reported(lab: Lab, tmp_path):
    r = lab.get("redis")
    m = lab.get("mongodb")
    client = redis.Redis(port=r.port)
    for i in range(20):
        client.hset(f"canary:{i}", mapping={**CANARIES, "seq": str(i)})
    mongo = MongoClient(port=m.port, directConnection=True)
    mongo.canarydb.people.insert_many(
        [{**CANARIES, "nested": {"contact": {"email": CANARIES["email"]}}, "seq": i} for i in range(20)]
    )
    try:
        out = tmp_path / "report.json"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "unguarded.cli",
                "scan",
                f"127.0.0.1:{r.port}",
                f"127.0.0.1:{m.port}",
                "--json",
                str(out),
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr
        report = out.read_text()
        assert json.loads(report)["services"]
        everything = done.stdout + done.stderr + report
        for kind, value in CANARIES.items():
            assert value not in everything, f"raw {kind} leaked"
        # Distinctive fragments too: the local part of the e-mail, the name's surname.
        for fragment in ("canary.person", "Canaryfield", "12345678", "Canary Terrace"):
            assert fragment not in everything, fragment
        assert "canarydb.people" in report  # the dataset itself is reported
    finally:
        mongo.drop_database("canarydb")
        client.delete(*[f"canary:{i}" for i in range(20)])
