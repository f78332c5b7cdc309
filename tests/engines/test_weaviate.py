"""Weaviate against the stand-in (Weaviate 1.27's REST and GraphQL reads): open, API-key protected, hostile schema.

The read-only proof comes from the stand-in's own request log: only ``GET``s and GraphQL
``Aggregate`` queries (never a mutation, batch or backup), and its data file unchanged.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.lab.servers import ProtocolStandIn

CANARY = "canary-weaviate-77ab@leak-test.example"


def unit_vector(dims: int, seed: int) -> list[float]:
    raw = [math.sin(seed * 5.0 + i * 0.29) for i in range(dims)]
    length = math.sqrt(sum(x * x for x in raw))
    return [x / length for x in raw]


def data() -> dict[str, Any]:
    tickets = [
        {
            "id": str(uuid.UUID(int=i + 1)),
            "properties": {
                "email": CANARY if i == 0 else f"client{i}@example.fr",
                "phone": "+33 6 12 34 56 78",
                "fullName": "Camille Durand" if i % 2 else "Louis Martin",
                "body": "Please close my account",
            },
            "vector": unit_vector(8, i),
        }
        for i in range(25)
    ]
    faces = [
        {"id": str(uuid.UUID(int=100 + i)), "properties": {"person": f"p{i}"}, "vector": unit_vector(128, i)}
        for i in range(4)
    ]
    return {
        "classes": {
            "SupportTicket": {
                "properties": {"email": "text", "phone": "text", "fullName": "text", "body": "text"},
                "objects": tickets,
            },
            "FaceTemplate": {"properties": {"person": "text"}, "objects": faces},
            "Empty": {"properties": {}, "objects": []},
        }
    }


@pytest.fixture(scope="module")
def open_weaviate(lab: Lab) -> ProtocolStandIn:
    server = lab.get("weaviate")
    assert isinstance(server, ProtocolStandIn)
    server.seed(data())
    return server


def test_open_weaviate_is_admin_with_counts_and_classified_sample(open_weaviate, report_schema):
    server = open_weaviate
    seeded, logged = (server.workdir / "data.json").read_text(), len(server.requests())
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.version, svc.exposure, svc.access, svc.severity) == (
        "weaviate",
        "1.27.3",
        "open",
        "admin",
        "critical",
    )
    datasets = {d.name: d for d in svc.datasets}
    assert (datasets["SupportTicket"].records, datasets["SupportTicket"].sampled) == (25, 25)
    assert {"contact.email", "contact.phone", "person.name"} <= datasets["SupportTicket"].categories
    assert "biometric.face_embedding" in datasets["FaceTemplate"].categories
    assert datasets["Empty"].records == 0
    assert svc.remediation is not None and any("ANONYMOUS_ACCESS_ENABLED=false" in s for s in svc.remediation.steps)
    # read-only, from the stand-in's own log and data
    requests = server.requests()[logged:]
    assert requests
    for request in requests:
        assert request["method"] in ("GET", "POST"), request
        if request["method"] == "POST":
            assert request["path"] == "/v1/graphql", request
            query = request["graphql"]
            assert query.lstrip().startswith("{ Aggregate {") and "mutation" not in query.lower(), query
    assert (server.workdir / "data.json").read_text() == seeded
    assert_value_free(report, CANARY, "client4@example.fr", "Camille Durand")


def test_api_key_weaviate_is_protected(lab: Lab, report_schema):
    server = lab.get("weaviate", protected=True)
    assert isinstance(server, ProtocolStandIn)
    server.seed(data())
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "weaviate",
        "protected",
        "none",
        (),
        "info",
    )
    assert "401" in (svc.auth_detail or "")
    requests = server.requests()  # discovery's identification probes of other engines included
    assert ("GET", "/v1/meta") in {(r["method"], r["path"]) for r in requests}
    assert {r["method"] for r in requests} == {"GET"} and not any(r["path"].startswith("/v1/schema") for r in requests)


def test_a_million_classes_are_cut_at_max_datasets(lab: Lab):
    server = lab.get("weaviate")
    assert isinstance(server, ProtocolStandIn)
    server.seed({"endless": 1_000_000, "classes": {}})
    try:
        options = replace(FAST, max_datasets=15, dataset_byte_cap=256 * 1024)
        svc = only_service(run_scan([f"weaviate://127.0.0.1:{server.port}"], options))
    finally:
        server.seed(data())
    assert (svc.engine, svc.exposure) == ("weaviate", "open")
    assert len(svc.datasets) == 15
    messages = [e.message for e in svc.errors]
    assert any("cut short" in m for m in messages) and any("stopped at 15 classes" in m for m in messages)
