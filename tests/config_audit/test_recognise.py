"""The engine behind a container: image names, vendor names, commands, variables, ports, mounted configs."""

from __future__ import annotations

import pytest

from unguarded.config_audit._recognise import engine_by_name, recognise


@pytest.mark.parametrize(
    ("image", "engine"),
    [
        ("pgvector/pgvector:pg16", "postgresql"),
        ("registry.example.com/mongocustom:4.4", "mongodb"),
        ("redislabs/redismod", "redis"),
        ("bitnami/postgresql:15", "postgresql"),
        ("supabase/postgres:15.1", "postgresql"),
        ("localhost:5000/mongo:4", "mongodb"),
        ("docker.elastic.co/elasticsearch/elasticsearch:7.17.9", "elasticsearch"),
        ("rediscommander/redis-commander", None),
        ("mongo-express", None),
        ("prometheuscommunity/postgres-exporter", None),
        ("oliver006/redis_exporter:v1.55", None),
        ("dpage/pgadmin4", None),
        ("postgrest/postgrest", None),
        ("ghcr.io/org/postgres-backup-s3", None),
        ("nginx:1.25", None),
    ],
)
def test_engine_by_name(image: str, engine: str | None) -> None:
    assert engine_by_name(image) == engine


def test_evidence_from_surest_to_weakest() -> None:
    assert recognise("redis:7", {}, (), ()) is not None
    built = recognise("", {}, ("redis-server", "--appendonly", "yes"), ())
    assert built is not None and (built.engine, built.evidence) == ("redis", "command")
    server = recognise("", {"POSTGRES_HOST_AUTH_METHOD": "trust"}, (), ())
    assert server is not None and (server.engine, server.evidence) == ("postgresql", "environment")
    # a client names the server it talks to: not a database, whatever its port
    assert recognise("", {"POSTGRES_HOST": "db", "POSTGRES_PASSWORD": "x"}, (), (8000,)) is None
    shared = recognise("", {"POSTGRES_USER": "app", "POSTGRES_PASSWORD": "x"}, (), (5432,))
    assert shared is not None and shared.evidence == "environment"
    mounted = recognise("example/thing", {}, (), (), ("/usr/local/etc/redis/redis.conf",))
    assert mounted is not None and (mounted.engine, mounted.evidence) == ("redis", "mounted configuration")
    port = recognise("example/thing", {}, (), (27017,))
    assert port is not None and port.by_port_only and port.engine == "mongodb"
    assert recognise("example/thing", {}, (), (9000, 9090, 8080)) is None
