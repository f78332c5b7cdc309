"""Classes round 6 of the registry corpus showed (benchmarks/config/corpus.py): data services
the audit did not know (Redpanda, FalkorDB, NebulaGraph, GraphDB, Aerospike, Pyroscope and
the wider catalogue around them), MinIO's, InfluxDB's and the MQTT brokers' image defaults,
ClickHouse users the entrypoint creates without a password, compose files saved under an
engine's config name, compose's ``!override``/``!reset`` tags, a mounted ``mosquitto.conf``,
a setup service that makes a MinIO bucket public, and a client's variables or a base
image's tag mistaken for the server's. Each class has a case that must fail the gate and one
that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY, gate, one_service

Write = Callable[[str, str], Path]


_compose = one_service
OPEN = {"UG-COMPOSE-001"}


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        # Redpanda: no SASL unless asked for
        (
            "docker.redpanda.com/redpandadata/redpanda:v24.2.4",
            9092,
            ("command: redpanda start --mode dev-container",),
            OPEN,
        ),
        (
            "redpandadata/redpanda:v24.2.4",
            9092,
            ("command: redpanda start --set redpanda.enable_sasl=true --set redpanda.superusers=['admin']",),
            set(),
        ),
        # FalkorDB is Redis with a module: the same judgement as redis
        ("falkordb/falkordb:v4.2.0", 6379, (), OPEN),
        ("falkordb/falkordb:v4.2.0", 6379, ('environment: {REDIS_ARGS: "--requirepass ${FALKOR_PW}"}',), set()),
        # NebulaGraph: any login until --enable_authorize=true
        ("vesoft/nebula-graphd:v3.8.0", 9669, (), OPEN),
        (
            "vesoft/nebula-graphd:v3.8.0",
            9669,
            ("command: [--enable_authorize=true, --meta_server_addrs=metad0:9559]",),
            set(),
        ),
        # MinIO: minioadmin:minioadmin without root credentials
        ("minio/minio:RELEASE.2025-04-22T22-12-26Z", 9000, ("command: server /data",), OPEN),
        (
            "minio/minio:RELEASE.2025-04-22T22-12-26Z",
            9000,
            ("command: server /data", "environment: {MINIO_ROOT_USER: admin, MINIO_ROOT_PASSWORD: '${MINIO_PW}'}"),
            set(),
        ),
        # InfluxDB: 1.x without INFLUXDB_HTTP_AUTH_ENABLED, 2.x without setup, unpinned without either
        ("influxdb:1.8", 8086, (), OPEN),
        ("influxdb:1.8", 8086, ("environment: {INFLUXDB_HTTP_AUTH_ENABLED: 'true'}",), set()),
        ("influxdb:2.7", 8086, (), OPEN),
        (
            "influxdb:2.7",
            8086,
            ("environment: {DOCKER_INFLUXDB_INIT_MODE: setup, DOCKER_INFLUXDB_INIT_PASSWORD: '${PW}'}",),
            set(),
        ),
        ("influxdb:alpine", 8086, (), OPEN),
        ("influxdb:3-core", 8181, (), set()),
        ("influxdb:3-core", 8181, ("command: influxdb3 serve --node-id n1 --without-auth",), OPEN),
        # MQTT brokers
        ("emqx/emqx:5.8.0", 1883, (), OPEN),
        ("emqx/emqx:5.8.0", 1883, ("environment: {EMQX_AUTHENTICATION__1__MECHANISM: password_based}",), set()),
        ("eclipse-mosquitto:1.6", 1883, (), OPEN),
        ("eclipse-mosquitto:2.0", 1883, (), set()),
        ("vernemq/vernemq:2.0.1", 1883, ("environment: {DOCKER_VERNEMQ_ALLOW_ANONYMOUS: 'on'}",), OPEN),
        ("vernemq/vernemq:2.0.1", 1883, (), set()),
        # open unless configured: one line each in the catalogue
        ("ontotext/graphdb:10.7.0", 7200, (), OPEN),
        ("aerospike/aerospike-server:7.1.0.0", 3000, (), OPEN),
        (
            "aerospike/aerospike-server:7.1.0.0",
            3000,
            ("volumes: [./aerospike.conf:/opt/aerospike/etc/aerospike.conf]",),
            set(),
        ),
        ("grafana/pyroscope:1.7.0", 4040, (), OPEN),
        ("grafana/loki:3.1.0", 3100, (), OPEN),
        # its own config cannot protect it: Loki has no authentication layer (auth_enabled is a tenant header)
        ("grafana/loki:3.1.0", 3100, ("volumes: [./loki.yaml:/etc/loki/local-config.yaml]",), OPEN),
        ("jaegertracing/all-in-one:1.60", 16686, (), OPEN),
        ("hashicorp/consul:1.19", 8500, (), OPEN),
        ("hashicorp/consul:1.19", 8500, ('environment: {CONSUL_LOCAL_CONFIG: \'{"acl": {"enabled": true}}\'}',), set()),
        ("getmeili/meilisearch:v1.10", 7700, (), OPEN),
        ("getmeili/meilisearch:v1.10", 7700, ("environment: {MEILI_MASTER_KEY: '${MEILI_KEY}'}",), set()),
        ("arangodb:3.12", 8529, ("environment: {ARANGO_NO_AUTH: '1'}",), OPEN),
        ("arangodb:3.12", 8529, ("environment: {ARANGO_ROOT_PASSWORD: '${PW}'}",), set()),
        ("memgraph/memgraph:2.19.0", 7687, (), OPEN),
        ("memgraph/memgraph:2.19.0", 7687, ("environment: {MEMGRAPH_USER: app, MEMGRAPH_PASSWORD: '${PW}'}",), set()),
        ("surrealdb/surrealdb:v2.0.0", 8000, ("command: start --unauthenticated memory",), OPEN),
        ("surrealdb/surrealdb:v2.0.0", 8000, ("command: start --user root --pass ${PW} memory",), set()),
        ("apache/activemq-artemis:2.37.0", 61616, (), OPEN),
        (
            "apache/activemq-artemis:2.37.0",
            61616,
            ("environment: {ARTEMIS_USER: app, ARTEMIS_PASSWORD: '${PW}'}",),
            set(),
        ),
        ("apachepulsar/pulsar:3.3.1", 6650, ("command: bin/pulsar standalone",), OPEN),
        ("yugabytedb/yugabyte:2.23.0.0-b710", 5433, ("command: bin/yugabyted start --background=false",), OPEN),
        (
            "yugabytedb/yugabyte:2.23.0.0-b710",
            5433,
            ("command: bin/yugabyted start --background=false --tserver_flags=ysql_enable_auth=true",),
            set(),
        ),
    ],
)
def test_image_defaults_of_the_catalogue(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", _compose(image, port, *lines))
    assert gate(tmp_path) & {"UG-COMPOSE-001"} == expected


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ("{CLICKHOUSE_USER: default, CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT: 1}", OPEN),
        ("{CLICKHOUSE_USER: app}", OPEN),
        ("{CLICKHOUSE_USER: app, CLICKHOUSE_PASSWORD: ''}", OPEN),
        ("{CLICKHOUSE_USER: app, CLICKHOUSE_PASSWORD: '${CH_PASSWORD}'}", set()),
        ("{CLICKHOUSE_DB: analytics}", set()),  # 25.1+: the passwordless default user stays on localhost
    ],
)
def test_clickhouse_users_the_entrypoint_creates(
    write: Write, tmp_path: Path, environment: str, expected: set[str]
) -> None:
    write("compose.yml", _compose("clickhouse/clickhouse-server:25.3", 8123, f"environment: {environment}"))
    assert gate(tmp_path) & OPEN == expected


def test_a_compose_file_named_like_an_engine_config_is_read_as_compose(write: Write, tmp_path: Path) -> None:
    write("elasticsearch.yml", _compose("elasticsearch:8.15.0", 9200, "environment: [xpack.security.enabled=false]"))
    assert gate(tmp_path) == OPEN


def test_an_engine_config_is_still_read_as_the_engine_config(write: Write, tmp_path: Path) -> None:
    write("elasticsearch.yml", "network.host: 0.0.0.0\nxpack.security.enabled: false\n")
    assert "UG-COMPOSE-001" not in gate(tmp_path)
    assert gate(tmp_path)  # the elasticsearch.yml rules judge it


def test_compose_merge_tags_are_read(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml",
        'services:\n  cache:\n    image: redis:7\n    ports: !override\n      - "6379:6379"\n    command: !reset null\n',
    )
    assert gate(tmp_path) == OPEN


def test_compose_merge_tags_keep_loopback(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml", 'services:\n  cache:\n    image: redis:7\n    ports: !override\n      - "127.0.0.1:6379:6379"\n'
    )
    assert gate(tmp_path) == set()


_MOSQUITTO = 'services:\n  broker:\n    image: eclipse-mosquitto:2.0\n    ports: ["1883:1883"]\n    volumes:\n      - ./mosquitto.conf:/mosquitto/config/mosquitto.conf\n'


def test_a_mounted_anonymous_mosquitto_conf_opens_the_published_broker(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _MOSQUITTO)
    write("mosquitto.conf", "listener 1883\nallow_anonymous true\n")
    assert "UG-DEPLOY-001" in gate(tmp_path)


def test_a_mounted_mosquitto_conf_with_passwords_does_not(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _MOSQUITTO)
    write("mosquitto.conf", "listener 1883\nallow_anonymous false\npassword_file /mosquitto/config/passwd\n")
    assert gate(tmp_path) == set()


def test_a_client_with_the_servers_password_variable_is_not_the_server(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml",
        "services:\n  app:\n    image: python:3.11-slim\n    environment:\n      - ELASTIC_HOST=http://es:9200\n"
        "      - ELASTIC_PASSWORD=${ELASTIC_PASSWORD}\n    ports: ['9999:9999']\n",
    )
    assert gate(tmp_path) == set()


def test_a_base_images_tag_is_not_the_engines_version(write: Write, tmp_path: Path) -> None:
    write("Dockerfile", "FROM python:3.11-slim\n")
    write(
        "compose.yml",
        "services:\n  search:\n    build: .\n    environment: [discovery.type=single-node]\n    ports: ['9200:9200']\n",
    )
    found = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not any("Elasticsearch 3.11" in f.message for f in found.active)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("mongod --bind_ip_all --tlsMode requireTLS --tlsCertificateKeyFile /s.pem --tlsCAFile /ca.pem", set()),
        (
            "mongod --bind_ip_all --tlsMode requireTLS --tlsCertificateKeyFile /s.pem --tlsCAFile /ca.pem "
            "--tlsAllowConnectionsWithoutCertificates",
            OPEN,
        ),
        ("mongod --bind_ip_all --tlsMode requireTLS --tlsCertificateKeyFile /s.pem", OPEN),  # encryption only
    ],
)
def test_mongod_asking_clients_for_certificates_is_protected(
    write: Write, tmp_path: Path, command: str, expected: set[str]
) -> None:
    write("compose.yml", _compose("mongo:8.0", 27017, f"command: {command}"))
    assert gate(tmp_path) & OPEN == expected


_BUILT = 'services:\n  db:\n    build: ./db\n{extra}    ports:\n      - "{port}:{port}"\n'


@pytest.mark.parametrize(
    ("dockerfile", "port", "extra", "expected"),
    [
        ("FROM redis:7.4\n", 6379, "", OPEN),
        ('FROM redis:7.4\nCMD ["redis-server", "--requirepass", "from-a-secret"]\n', 6379, "", set()),
        # compose's command replaces the Dockerfile's CMD
        ('FROM redis:7.4\nCMD ["redis-server", "--requirepass", "x"]\n', 6379, "    command: redis-server\n", OPEN),
        ("FROM ubuntu:22.04\nRUN apt-get install -y mongodb\nCMD mongod --bind_ip_all --noauth\n", 27017, "", OPEN),
        (
            "FROM mongo:7\nENV MONGO_INITDB_ROOT_USERNAME=admin MONGO_INITDB_ROOT_PASSWORD=from-a-secret\n",
            27017,
            "",
            set(),
        ),
        ("FROM mongo:7\nENV MONGO_INITDB_ROOT_USERNAME admin\n", 27017, "", set()),
        ("FROM mongo:7 AS base\nENV MONGO_INITDB_DATABASE=app\nFROM base\n", 27017, "", OPEN),
        (
            'FROM mongo:7\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["mongod", "--auth"]\n',
            27017,
            '    entrypoint: ["docker-entrypoint.sh"]\n',
            OPEN,  # compose's entrypoint drops the Dockerfile's CMD: mongod runs without --auth
        ),
    ],
)
def test_a_builds_dockerfile_gives_its_command_and_environment(
    write: Write, tmp_path: Path, dockerfile: str, port: int, extra: str, expected: set[str]
) -> None:
    write("db/Dockerfile", dockerfile)
    write("compose.yml", _BUILT.format(extra=extra, port=port))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("image", "environment", "expected"),
    [
        ("influxdb:1.8", "{INFLUXDB_HTTP_AUTH_ENABLED: '${AUTH}'}", set()),  # the operator's variable
        ("influxdb", "{INFLUXDB3_NODE_IDENTIFIER_PREFIX: node0}", set()),  # 3 Core asks for a token
    ],
)
def test_influxdb_variables_the_operator_sets(
    write: Write, tmp_path: Path, image: str, environment: str, expected: set[str]
) -> None:
    write("compose.yml", _compose(image, 8086, f"environment: {environment}"))
    assert gate(tmp_path) & OPEN == expected
