"""Services open by their image's defaults: published with nothing that turns authentication on,
they are open (UG-COMPOSE-001, critical); a flag, variable or mounted config that may turn it on
leaves only the published port (UG-COMPOSE-002, medium). Found as a class on round 4 of the
registry corpus (a published Prometheus passed the gate)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY

Write = Callable[[str, str], Path]


def _compose(image: str, port: int, extra: str = "") -> str:
    return f'services:\n  svc:\n    image: {image}\n    ports:\n      - "{port}:{port}"\n{extra}'


def _rules(tmp_path: Path) -> list[str]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return sorted(f.rule_id for f in report.findings)


OPEN = [
    ("prom/prometheus:v2.53.0", 9090, ""),
    ("quay.io/coreos/etcd:v3.5.14", 2379, ""),
    ("bitnami/etcd:3.5", 2379, "    environment:\n      ALLOW_NONE_AUTHENTICATION: 'yes'\n"),
    ("solr:9.6", 8983, ""),
    ("apache/kafka:3.7.0", 9092, "    environment:\n      KAFKA_LISTENERS: PLAINTEXT://:9092\n"),
    ("nats:2.10", 4222, ""),
    ("milvusdb/milvus:v2.4.5", 19530, ""),
    ("cassandra:4.1", 9042, ""),
    ("neo4j:5", 7687, "    environment:\n      NEO4J_AUTH: none\n"),
]
PROTECTED = [
    ("prom/prometheus:v2.53.0", 9090, "    command: ['--web.config.file=/etc/prometheus/web.yml']\n"),
    ("quay.io/coreos/etcd:v3.5.14", 2379, "    command: ['etcd', '--client-cert-auth']\n"),
    ("bitnami/etcd:3.5", 2379, "    environment:\n      ETCD_ROOT_PASSWORD: ${ETCD_ROOT_PASSWORD}\n"),
    ("solr:9.6", 8983, "    environment:\n      SOLR_AUTH_TYPE: basic\n"),
    ("apache/kafka:3.7.0", 9092, "    environment:\n      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: CLIENT:SASL_SSL\n"),
    ("nats:2.10", 4222, "    command: ['--user', 'app', '--pass', '${NATS_PASSWORD}']\n"),
    ("milvusdb/milvus:v2.4.5", 19530, "    environment:\n      COMMON_SECURITY_AUTHORIZATIONENABLED: 'true'\n"),
    ("bitnami/cassandra:4.1", 9042, ""),
    ("neo4j:5", 7687, "    environment:\n      NEO4J_AUTH: neo4j/${NEO4J_PASSWORD}\n"),
]


@pytest.mark.parametrize(("image", "port", "extra"), OPEN, ids=[i for i, _p, _e in OPEN])
def test_published_with_nothing_that_turns_authentication_on_is_open(
    write: Write, tmp_path: Path, image: str, port: int, extra: str
) -> None:
    write("docker-compose.yml", _compose(image, port, extra))
    assert _rules(tmp_path) == ["UG-COMPOSE-001"]


@pytest.mark.parametrize(("image", "port", "extra"), PROTECTED, ids=[i for i, _p, _e in PROTECTED])
def test_published_with_authentication_asked_for_is_only_published(
    write: Write, tmp_path: Path, image: str, port: int, extra: str
) -> None:
    write("docker-compose.yml", _compose(image, port, extra))
    assert _rules(tmp_path) == ["UG-COMPOSE-002"]


def test_not_published_is_no_finding(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", "services:\n  prom:\n    image: prom/prometheus\n")
    assert _rules(tmp_path) == []
