"""Qdrant's gRPC port (6334) scanned on its own, against the stand-in's gRPC API.

Recognised by ``qdrant.Qdrant/HealthCheck`` with no hint; assessed over gRPC
(``Collections/List`` and ``Get``) when no REST API answers one port below, and over REST
when it does. The read-only proof is the stand-in's request log: nothing but those reads.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Lab, only_service, run_scan, validate_report
from tests.engines.test_qdrant import data
from unguarded.engines.qdrant import ENGINE, GRPC_PROBE
from unguarded.lab.servers import QdrantStandIn, free_port_with_partner

READS = {"/qdrant.Qdrant/HealthCheck", "/qdrant.Collections/List", "/qdrant.Collections/Get"}


def grpc_paths(server: QdrantStandIn, since: int) -> list[str]:
    return [str(r["path"]) for r in server.requests()[since:] if r["method"] == "GRPC"]


def test_grpc_port_alone_is_recognised_and_inventoried_over_grpc(lab: Lab, report_schema):
    server = lab.get("qdrant")
    assert isinstance(server, QdrantStandIn)
    server.seed(data())
    since = len(server.requests())
    report = run_scan([f"127.0.0.1:{server.grpc_port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("qdrant", "open", "admin", "1.12.4")
    assert "gRPC only" in (svc.auth_detail or "")
    counts = {d.name: d.records for d in svc.datasets}
    assert counts == {"support_tickets": 30, "face_templates": 5, "empty": 0}
    assert all(d.sampled == 0 for d in svc.datasets)
    requests = server.requests()[since:]
    assert requests and {r["method"] for r in requests} <= {"GRPC", "GET"}  # GETs: discovery's HTTP probes
    assert set(grpc_paths(server, since)) == READS


def test_grpc_port_with_its_rest_api_one_below_is_read_over_rest(tmp_path: Path):
    port = free_port_with_partner(1)
    server = QdrantStandIn(engine="qdrant", workdir=tmp_path / "qdrant", port=port, grpc_port=port + 1)
    try:
        server.start()
        server.seed(data())
        svc = only_service(run_scan([f"127.0.0.1:{port + 1}"]))
    finally:
        server.stop()
    assert (svc.engine, svc.exposure, svc.access) == ("qdrant", "open", "admin")
    assert f"read over REST on {port}" in (svc.auth_detail or "")
    tickets = {d.name: d for d in svc.datasets}["support_tickets"]
    assert tickets.records == 30 and "contact.email" in tickets.categories


def test_grpc_port_with_an_api_key_is_protected(lab: Lab):
    server = lab.get("qdrant", protected=True)
    assert isinstance(server, QdrantStandIn)
    since = len(server.requests())
    svc = only_service(run_scan([f"127.0.0.1:{server.grpc_port}"]))
    assert (svc.engine, svc.exposure, svc.access, svc.datasets) == ("qdrant", "protected", "none", ())
    assert "UNAUTHENTICATED" in (svc.auth_detail or "")
    assert set(grpc_paths(server, since)) == {"/qdrant.Qdrant/HealthCheck", "/qdrant.Collections/List"}


def test_grpc_probe_asks_for_the_health_check_only():
    assert b"/qdrant.Qdrant/HealthCheck" in GRPC_PROBE and GRPC_PROBE.startswith(b"PRI * HTTP/2.0")
    assert ENGINE.match(GRPC_PROBE) is None  # a client's bytes are not a server's answer
