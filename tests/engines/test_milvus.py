"""Milvus against milvus-lite's own gRPC server, an authorizationEnabled stand-in, and a hostile listing.

The read-only proof comes from the server: every collection's row count and load state
unchanged (a collection that was not loaded stays so: the scan never loads), and the
server's log of call names holds only reads.
"""

from __future__ import annotations

import math
from concurrent import futures
from dataclasses import replace
from typing import Any

import grpc
import pytest
from pymilvus import DataType, MilvusClient
from pymilvus.grpc_gen import common_pb2, milvus_pb2, milvus_pb2_grpc

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.lab.servers import MilvusLiteServer

CANARY = "canary-milvus-c3d1@leak-test.example"
SERVICE = "/milvus.proto.milvus.MilvusService/"
READS = {
    SERVICE + name
    for name in (
        "GetVersion",
        "ListDatabases",
        "ShowCollections",
        "GetCollectionStatistics",
        "GetLoadState",
        "DescribeCollection",
        "Query",
    )
}
#: another engine's identification probe on an unhinted port: Qdrant's gRPC health check (a read)
OTHER_PROBES = {"/qdrant.Qdrant/HealthCheck"}


def unit_vector(dims: int, seed: int) -> list[float]:
    raw = [math.sin(seed * 11.0 + i * 0.23) for i in range(dims)]
    length = math.sqrt(sum(x * x for x in raw))
    return [x / length for x in raw]


def collection(client: MilvusClient, name: str, fields: list[tuple[str, Any, dict[str, Any]]], dim: int) -> None:
    schema = client.create_schema(auto_id=False, enable_dynamic_field=True)
    schema.add_field("id", DataType.INT64, is_primary=True)
    for field, kind, extra in fields:
        schema.add_field(field, kind, **extra)
    schema.add_field("embedding", DataType.FLOAT_VECTOR, dim=dim)
    index = client.prepare_index_params()
    index.add_index("embedding", index_type="FLAT", metric_type="COSINE")
    client.create_collection(name, schema=schema, index_params=index)


def state(client: MilvusClient) -> dict[str, tuple[int, str]]:
    return {
        name: (client.get_collection_stats(name)["row_count"], str(client.get_load_state(name)["state"]))
        for name in client.list_collections()
    }


@pytest.fixture(scope="module")
def open_milvus(lab: Lab) -> tuple[MilvusLiteServer, MilvusClient]:
    server = lab.get("milvus")
    assert isinstance(server, MilvusLiteServer)
    client = MilvusClient(uri=f"http://127.0.0.1:{server.port}")
    text = {"max_length": 256}
    collection(
        client,
        "support_tickets",
        [("customer_email", DataType.VARCHAR, text), ("customer_name", DataType.VARCHAR, text)],
        8,
    )
    client.insert(
        "support_tickets",
        [
            {
                "id": i,
                "customer_email": CANARY if i == 0 else f"cliente{i}@example.es",
                "customer_name": "Lucía Fernández" if i % 2 else "Javier Moreno",
                "phone": "+34612345678",  # a dynamic field, returned in $meta
                "embedding": unit_vector(8, i),
            }
            for i in range(30)
        ],
    )
    collection(client, "face_index", [("person", DataType.VARCHAR, text)], 128)
    client.insert("face_index", [{"id": i, "person": f"p{i}", "embedding": unit_vector(128, i)} for i in range(5)])
    collection(client, "archive", [("customer_email", DataType.VARCHAR, text)], 8)
    client.insert(
        "archive", [{"id": i, "customer_email": f"old{i}@example.es", "embedding": unit_vector(8, i)} for i in range(7)]
    )
    client.release_collection("archive")
    return server, client


def test_open_milvus_is_admin_with_counts_and_classified_sample(open_milvus, report_schema):
    server, client = open_milvus
    before, logged = state(client), len(server.requests())
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.version, svc.exposure, svc.access, svc.severity) == (
        "milvus",
        "milvus_lite-3.2.2",
        "open",
        "admin",
        "critical",
    )
    datasets = {d.name: d for d in svc.datasets}
    tickets = datasets["default.support_tickets"]
    assert (tickets.records, tickets.sampled) == (30, 30)
    assert {"contact.email", "contact.phone", "person.name"} <= tickets.categories
    assert "biometric.face_embedding" in datasets["default.face_index"].categories
    assert (datasets["default.archive"].records, datasets["default.archive"].sampled) == (7, 0)
    assert any("not loaded" in e.message for e in svc.errors)
    # read-only, from the server's own state and call log
    calls = server.requests()[logged:]
    assert calls and set(calls) <= READS | OTHER_PROBES, set(calls) - READS
    assert state(client) == before  # row counts, and archive still not loaded
    assert_value_free(report, CANARY, "cliente5@example.es", "Lucía Fernández")


def test_authorization_enabled_milvus_is_protected(lab: Lab, report_schema):
    server = lab.get("milvus", protected=True)
    assert isinstance(server, MilvusLiteServer)
    report = run_scan([f"127.0.0.1:{server.port}"], ports=[server.port])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "milvus",
        "protected",
        "none",
        (),
        "info",
    )
    assert "UNAUTHENTICATED" in (svc.auth_detail or "")
    assert set(server.requests()) - OTHER_PROBES == {SERVICE + "GetVersion"}


class MillionCollections(milvus_pb2_grpc.MilvusServiceServicer):  # type: ignore[misc]
    """A hostile Milvus: a million collection names in one listing."""

    def GetVersion(self, request: Any, context: Any) -> Any:
        return milvus_pb2.GetVersionResponse(status=common_pb2.Status(), version="v2.4.15")

    def ListDatabases(self, request: Any, context: Any) -> Any:
        return milvus_pb2.ListDatabasesResponse(status=common_pb2.Status(), db_names=["default"])

    def ShowCollections(self, request: Any, context: Any) -> Any:
        names = [f"kb_{i}" for i in range(1_000_000)]
        return milvus_pb2.ShowCollectionsResponse(status=common_pb2.Status(), collection_names=names)


def test_a_million_collections_end_at_the_byte_cap():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    milvus_pb2_grpc.add_MilvusServiceServicer_to_server(MillionCollections(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        options = replace(FAST, max_datasets=20, dataset_byte_cap=1024 * 1024)
        svc = only_service(run_scan([f"milvus://127.0.0.1:{port}"], options))
    finally:
        server.stop(grace=0)
    assert (svc.engine, svc.version, svc.exposure, svc.datasets) == ("milvus", "v2.4.15", "open", ())
    assert any("ShowCollections failed" in e.message and "RESOURCE_EXHAUSTED" in e.message for e in svc.errors)
