"""Qdrant against the stand-in (Qdrant 1.12's REST API): open, api-key protected, hostile listing.

The read-only proof comes from the stand-in's own request log: only ``GET``s and the
``points/scroll`` POST, never a snapshot, write or delete; its data file is unchanged.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.lab.servers import ProtocolStandIn

CANARY = "canary-qdrant-9f04@leak-test.example"


def unit_vector(dims: int, seed: int) -> list[float]:
    raw = [math.cos(seed * 3.0 + i * 0.41) for i in range(dims)]
    length = math.sqrt(sum(x * x for x in raw))
    return [x / length for x in raw]


def data() -> dict[str, Any]:
    tickets = [
        {
            "id": i,
            "payload": {
                "customer_email": CANARY if i == 0 else f"cliente{i}@example.it",
                "phone": "+39 06 1234 5678",
                "customer_name": "Giulia Rossi" if i % 2 else "Marco Bianchi",
                "text": "Refund for order 4411",
            },
            "vector": unit_vector(4, i),
        }
        for i in range(30)
    ]
    faces = [{"id": i, "payload": {"person": f"p{i}"}, "vector": unit_vector(128, i)} for i in range(5)]
    return {
        "collections": {
            "support_tickets": {"size": 4, "points": tickets},
            "face_templates": {"size": 128, "points": faces},
            "empty": {"size": 4, "points": []},
        }
    }


@pytest.fixture(scope="module")
def open_qdrant(lab: Lab) -> ProtocolStandIn:
    server = lab.get("qdrant")
    assert isinstance(server, ProtocolStandIn)
    server.seed(data())
    return server


def test_open_qdrant_is_admin_with_counts_and_classified_sample(open_qdrant, report_schema):
    server = open_qdrant
    seeded, logged = (server.workdir / "data.json").read_text(), len(server.requests())
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.version, svc.exposure, svc.access, svc.severity) == (
        "qdrant",
        "1.12.4",
        "open",
        "admin",
        "critical",
    )
    datasets = {d.name: d for d in svc.datasets}
    assert (datasets["support_tickets"].records, datasets["support_tickets"].sampled) == (30, 30)
    assert {"contact.email", "contact.phone", "person.name"} <= datasets["support_tickets"].categories
    assert "biometric.face_embedding" in datasets["face_templates"].categories
    assert datasets["empty"].records == 0
    assert svc.remediation is not None and any("api_key" in step for step in svc.remediation.steps)
    # read-only, from the stand-in's own log and data
    requests = server.requests()[logged:]
    assert requests
    for request in requests:
        assert request["method"] in ("GET", "POST"), request
        assert request["method"] == "GET" or request["path"].endswith("/points/scroll"), request
        assert "snapshots" not in request["path"]
    scrolls = [r for r in requests if r["method"] == "POST"]
    assert {r["path"] for r in scrolls} == {
        "/collections/support_tickets/points/scroll",
        "/collections/face_templates/points/scroll",
    }
    assert (server.workdir / "data.json").read_text() == seeded
    assert_value_free(report, CANARY, "cliente3@example.it", "Giulia Rossi")


def test_api_key_qdrant_is_protected(lab: Lab, report_schema):
    server = lab.get("qdrant", protected=True)
    assert isinstance(server, ProtocolStandIn)
    server.seed(data())
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.version, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "qdrant",
        "1.12.4",
        "protected",
        "none",
        (),
        "info",
    )
    assert "401" in (svc.auth_detail or "") and "api_key" in (svc.auth_detail or "")
    requests = server.requests()  # discovery's identification probes of other engines included
    assert ("GET", "/collections") in {(r["method"], r["path"]) for r in requests}
    assert {r["method"] for r in requests} == {"GET"} and not any("snapshots" in r["path"] for r in requests)


def test_a_million_collections_are_cut_at_max_datasets(lab: Lab):
    server = lab.get("qdrant")
    assert isinstance(server, ProtocolStandIn)
    server.seed({"endless": 1_000_000, "collections": {}})
    try:
        options = replace(FAST, max_datasets=20, dataset_byte_cap=256 * 1024)
        svc = only_service(run_scan([f"qdrant://127.0.0.1:{server.port}"], options))
    finally:
        server.seed(data())
    assert (svc.engine, svc.exposure) == ("qdrant", "open")
    assert len(svc.datasets) == 20  # the named collections do not exist: counted as unknown, with an error each
    messages = [e.message for e in svc.errors]
    assert any("cut short" in m for m in messages) and any("stopped at 20 collections" in m for m in messages)
