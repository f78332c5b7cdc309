"""Classes rounds 19 and 20 of the registry corpus showed (benchmarks/config/corpus.py). Each
class has a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY, gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}
REDIS_PUBLISHED = 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "6379:6379"\n'
REDIS_PRIVATE = "services:\n  cache:\n    image: redis:7\n"


def test_a_compose_file_that_includes_a_stack_starts_its_services(write: Write, tmp_path: Path) -> None:
    """``docker compose up`` on a file with ``include:`` starts the included services too."""
    write("infra/docker-compose.infra.yml", REDIS_PUBLISHED)
    app = write(
        "docker/docker-compose.yml",
        "include:\n  - ../infra/docker-compose.infra.yml\nservices:\n  app:\n    image: app\n",
    )
    report = audit_paths([app], today=TODAY, cwd=tmp_path)
    (finding,) = report.active
    assert (finding.rule_id, finding.line) == ("UG-COMPOSE-001", 2)
    assert "from ../infra/docker-compose.infra.yml by include:" in finding.message
    assert "change the service in ../infra/docker-compose.infra.yml" in finding.remediation.steps[0]


def test_an_include_only_file_is_a_compose_file_and_includes_nest(write: Write, tmp_path: Path) -> None:
    write("dockers/backend/docker-compose.yml", REDIS_PUBLISHED)
    write("dockers/docker-compose.yml", "include:\n  - path: backend/docker-compose.yml\n")
    root = write("docker-compose.yml", "name: lai\ninclude:\n  - path: [dockers/docker-compose.yml]\n")
    report = audit_paths([root], today=TODAY, cwd=tmp_path)
    assert [(f.rule_id, f.line) for f in report.active] == [("UG-COMPOSE-001", 3)]
    assert "from dockers/backend/docker-compose.yml" in report.active[0].message


@pytest.mark.parametrize(
    "include",
    [
        "  - ./private.yml\n",  # the included stack publishes nothing
        "  - ./missing.yml\n",  # a file that is not there adds nothing
        "  - oci://registry.example/stack:1\n",  # a remote stack is not read
        "  - /etc/stack.yml\n",  # nor a file of the deploy host
    ],
)
def test_an_include_of_nothing_open_adds_nothing(write: Write, tmp_path: Path, include: str) -> None:
    write("private.yml", REDIS_PRIVATE)
    write("docker-compose.yml", f"include:\n{include}services:\n  app:\n    image: app\n")
    assert gate(tmp_path) == set()


def test_a_service_the_file_defines_itself_wins_over_an_included_one(write: Write, tmp_path: Path) -> None:
    write("stack.yml", REDIS_PUBLISHED)
    root = write("docker-compose.yml", "include:\n  - stack.yml\nservices:\n  cache:\n    image: redis:7\n")
    assert not audit_paths([root], today=TODAY, cwd=tmp_path).active


def test_an_included_service_mounts_files_relative_to_its_own_file(write: Write, tmp_path: Path) -> None:
    """The included file's ``./redis.conf`` is beside it, not beside the including file."""
    write("infra/redis.conf", "requirepass s3cret\n")
    write(
        "infra/stack.yml",
        "services:\n  cache:\n    image: redis:7\n    command: redis-server /etc/redis.conf\n"
        '    volumes:\n      - ./redis.conf:/etc/redis.conf\n    ports:\n      - "6379:6379"\n',
    )
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")  # a decoy beside the including file
    root = write("docker-compose.yml", "include:\n  - infra/stack.yml\n")
    assert {f.rule_id for f in audit_paths([root], today=TODAY, cwd=tmp_path).active} <= {"UG-COMPOSE-002"}


SWARM = """services:
  fdb:
    image: foundationdb/foundationdb:7.3.2
    networks:
      - {network}
networks:
  hostnet:
    external: true
    name: host
  backend:
    driver: overlay
"""


def test_a_swarm_service_on_the_host_network_listens_on_the_host(write: Write, tmp_path: Path) -> None:
    """Swarm's predefined ``host`` network, declared external, is ``network_mode: host``."""
    write("docker-compose-swarm.yml", SWARM.format(network="hostnet"))
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    (finding,) = report.active
    assert finding.rule_id == "UG-COMPOSE-001" and finding.line == 5
    assert "network 'hostnet', the host's own" in finding.message
    write("docker-compose-swarm.yml", SWARM.format(network="backend"))
    assert gate(tmp_path) == set()


def test_a_container_of_a_database_image_running_another_program_serves_nothing(write: Write, tmp_path: Path) -> None:
    write(
        "docker-compose.yml",
        "services:\n  backup:\n    image: foundationdb/foundationdb:7.3.2\n"
        '    entrypoint: "/usr/bin/backup_agent -C /etc/foundationdb/fdb.cluster"\n    network_mode: host\n',
    )
    assert gate(tmp_path) == set()
    write(
        "docker-compose.yml", "services:\n  fdb:\n    image: foundationdb/foundationdb:7.3.2\n    network_mode: host\n"
    )
    assert gate(tmp_path) == OPEN


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("environment:", '  - MEMGRAPH_USERNAME=""', '  - MEMGRAPH_PASSWORD=""'), OPEN),  # no user is created
        (("environment:", "  - MEMGRAPH_USER=", "  - MEMGRAPH_PASSWORD=x"), OPEN),
        (("environment:", "  - MEMGRAPH_USER=app", "  - MEMGRAPH_PASSWORD=${PW}"), set()),
    ],
)
def test_memgraph_has_a_user_only_when_it_is_named(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service("memgraph/memgraph-mage:latest", 7687, *lines))
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("image", "lines", "expected"),
    [
        ("intersystemsdc/iris-community:latest", (), OPEN),
        ("containers.intersystems.com/intersystems/iris:2024.1", (), OPEN),
        ("intersystemsdc/iris-community:latest", ("command: --password-file /run/secrets/pw",), set()),
        ("intersystemsdc/iris-community:latest", ("environment:", "  ISC_CPF_MERGE_FILE: /merge.cpf"), set()),
    ],
)
def test_iris_keeps_its_published_password_until_the_deployment_sets_one(
    write: Write, tmp_path: Path, image: str, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service(image, 1972, *lines))
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("${MINIO_SECRET_KEY:-minioadmin}", OPEN),
        ("minioadmin", OPEN),
        ("${MINIO_SECRET_KEY}", set()),
        ("s3cret", set()),
    ],
)
def test_minio_given_its_published_default_login_is_open(
    write: Write, tmp_path: Path, password: str, expected: set[str]
) -> None:
    lines = ("environment:", "  MINIO_ROOT_USER: minioadmin", f"  MINIO_ROOT_PASSWORD: {password}")
    write("docker-compose.yml", one_service("minio/minio:latest", 9000, *lines))
    assert gate(tmp_path) == expected


MOSQUITTO = (
    "services:\n  broker:\n    image: eclipse-mosquitto:2\n    ports:\n      - 1883:1883\n"
    "    volumes:\n      - {source}:/mosquitto/config/mosquitto.conf\n"
)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("listener 1883\nallow_anonymous true\n", {"UG-DEPLOY-001"}),
        ("listener 1883\nallow_anonymous false\npassword_file /mosquitto/config/passwd\n", set()),
    ],
)
def test_a_config_kept_under_another_name_is_read_as_the_name_it_is_mounted_as(
    write: Write, tmp_path: Path, config: str, expected: set[str]
) -> None:
    write("docker_configs/mqtt.conf", config)
    write("compose.yml", MOSQUITTO.format(source="./docker_configs/mqtt.conf"))
    assert gate(tmp_path) == expected


def test_a_mounted_file_of_the_deploy_host_is_not_read(write: Write, tmp_path: Path) -> None:
    """``/etc/mosquitto/mqtt.conf`` is on the machine the stack runs on, not in the repository."""
    write("compose.yml", MOSQUITTO.format(source="/etc/mosquitto/mosquitto.conf"))
    assert gate(tmp_path) == set()


ES_ENV_FILE = "discovery.type=single-node\nxpack.security.enabled=false  # dev only\nPGPASSWORD=x\n"


def test_an_env_file_in_the_repository_gives_the_service_its_variables(write: Write, tmp_path: Path) -> None:
    """compose reads ``env_file:`` into the container; ``environment:`` wins over it."""
    write("docker/env_file.env", ES_ENV_FILE)
    es = ("env_file:", "  - ./docker/env_file.env")
    write("docker-compose.yml", one_service("docker.elastic.co/elasticsearch/elasticsearch:8.10.4", 9200, *es))
    assert gate(tmp_path) == OPEN
    overridden = (*es, "environment:", "  xpack.security.enabled: 'true'")
    write("docker-compose.yml", one_service("docker.elastic.co/elasticsearch/elasticsearch:8.10.4", 9200, *overridden))
    assert gate(tmp_path) == set()


@pytest.mark.parametrize(
    "env_file",
    [
        ("env_file: .env",),  # each user writes their own .env: it may hold a password
        ("env_file:", "  - path: ./missing.env", "    required: true"),
        ("env_file: ${ENV_FILE}",),
    ],
)
def test_an_env_file_that_is_not_there_may_hold_anything(
    write: Write, tmp_path: Path, env_file: tuple[str, ...]
) -> None:
    write("docker-compose.yml", one_service("memgraph/memgraph:2.19.0", 7687, *env_file))
    assert gate(tmp_path) == set()


def test_an_optional_env_file_that_is_not_there_adds_nothing(write: Write, tmp_path: Path) -> None:
    lines = ("env_file:", "  - path: ./local.env", "    required: false")
    write("docker-compose.yml", one_service("memgraph/memgraph:2.19.0", 7687, *lines))
    assert gate(tmp_path) == OPEN


def test_a_shared_env_file_does_not_make_every_service_its_engine(write: Write, tmp_path: Path) -> None:
    """One env_file for the stack names Elasticsearch's switches; the web app using it is no Elasticsearch."""
    write("env_file.env", ES_ENV_FILE)
    write("docker-compose.yml", one_service("example/web-app:dev", 8000, "env_file:", "  - ./env_file.env"))
    assert gate(tmp_path) == set()


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("${EMQX_IMAGE}", OPEN),  # the operator picks which EMQX: every one takes anonymous clients
        ("${KAFKA_IMAGE}", OPEN),
        ("${REDIS_EXPORTER_IMAGE}", set()),  # a tool around the engine
        ("${APP_IMAGE}", set()),
    ],
)
def test_an_image_given_by_a_variable_named_after_an_engine_is_that_engine(
    write: Write, tmp_path: Path, image: str, expected: set[str]
) -> None:
    port = 9092 if "KAFKA" in image else 1883
    write("docker-compose.yml", one_service(image, port))
    assert gate(tmp_path) == expected


MAKO = """services:
  % if backend:
  db:
    image: mongo:latest
    ports:
      - 27018:27018
  % endif
  web:
    image: app
"""


def test_a_mako_template_is_read_rendered_like_a_jinja_one(write: Write, tmp_path: Path) -> None:
    write("app_template/docker-compose.yml", MAKO)
    assert gate(tmp_path) == OPEN
    write("app_template/docker-compose.yml", MAKO.replace("mongo:latest", "mongo:latest\n    command: --auth"))
    assert gate(tmp_path) == set()


@pytest.mark.parametrize(
    ("image", "lines", "expected"),
    [
        ("chrislusf/seaweedfs:latest", ("command: server -s3",), OPEN),
        ("chrislusf/seaweedfs:latest", ("environment:", "  AWS_ACCESS_KEY_ID: k", "  AWS_SECRET_ACCESS_KEY: s"), set()),
        ("chrislusf/seaweedfs:3.60", ("environment:", "  AWS_ACCESS_KEY_ID: k", "  AWS_SECRET_ACCESS_KEY: s"), OPEN),
        ("chrislusf/seaweedfs:3.60", ("command: server -s3 -s3.config=/etc/seaweedfs/s3.json",), set()),
        ("netdata/netdata:stable", (), OPEN),
        ("netdata/netdata:stable", ("volumes:", "  - ./netdata.conf:/etc/netdata/netdata.conf:ro"), set()),
    ],
)
def test_object_and_metrics_stores_without_an_identity(
    write: Write, tmp_path: Path, image: str, lines: tuple[str, ...], expected: set[str]
) -> None:
    port = 19999 if "netdata" in image else 8333
    write("docker-compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) == expected


def test_a_public_managed_database_is_medium_because_it_always_has_a_password(write: Write, tmp_path: Path) -> None:
    """RDS always has a master password, like a published PostgreSQL with one (UG-COMPOSE-002)."""
    write(
        "main.tf",
        'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  publicly_accessible = true\n'
        "  password = var.db_password\n}\n",
    )
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert [(f.rule_id, f.severity.value) for f in report.active] == [("UG-TF-005", "medium")]
    assert gate(tmp_path) == set()


def test_an_included_or_overridden_service_keeps_where_its_variables_came_from(write: Write, tmp_path: Path) -> None:
    """A shared env_file still does not say which engine runs once the service is included."""
    write("stack/env_file.env", ES_ENV_FILE)
    write("stack/compose.yml", one_service("example/web-app:dev", 8000, "env_file:", "  - ./env_file.env"))
    write("docker-compose.yml", "include:\n  - stack/compose.yml\n")
    assert gate(tmp_path) == set()
