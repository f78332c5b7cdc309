"""Classes round 17 of the registry corpus showed (benchmarks/config/corpus.py): compose files
shipped as project templates (``{{ name }}`` placeholders, ``{% if %}`` options) are read
rendered the neutral way instead of reported as unparsable. Each class has a case that must
fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.config_audit._parse.templates import render_neutral

from .helpers import TODAY, gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

_GENERATED = """services:
  redis:
    image: redis:7-alpine
    container_name: {{project_name}}-redis
    ports:
      - "6379:6379"
  db:
    image: postgres:16
    environment:
      POSTGRES_DB: {{ cookiecutter.project_slug }}
      POSTGRES_PASSWORD: {{ cookiecutter.db_password }}
    ports:
      - "5432:5432"
"""


@pytest.mark.parametrize("name", ["docker-compose.yml", "templates/stack.yaml"])
def test_a_compose_template_is_judged_as_the_file_it_becomes(write: Write, tmp_path: Path, name: str) -> None:
    write(name, _GENERATED)
    assert gate(tmp_path) == OPEN  # redis is open; the database's password is a placeholder, so set


def test_a_template_option_keeps_its_first_branch(write: Write, tmp_path: Path) -> None:
    write(
        "docker-compose.yml",
        "services:\n  cache:\n    image: redis:7\n{% if use_password %}"
        "    command: redis-server --requirepass {{ password }}\n{% else %}    command: redis-server\n{% endif %}"
        '    ports:\n      - "6379:6379"\n',
    )
    assert not gate(tmp_path)


def test_rendering_keeps_the_templates_lines() -> None:
    text = "a: {{ x }}\n{% if y %}\nb: 1\n{% else %}\nb: 2\n{% endif %}\nc: 3\n"
    rendered = render_neutral(text)
    assert rendered.count("\n") == text.count("\n")
    assert rendered.splitlines()[2] == "b: 1" and rendered.splitlines()[4] == ""


def test_a_helm_template_is_still_not_read(write: Write, tmp_path: Path) -> None:
    write(
        "chart/templates/svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-redis\n"
        "spec:\n  type: NodePort\n  ports:\n    - port: 6379\n",
    )
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.findings and not report.errors


def test_a_template_that_is_not_yaml_even_rendered_is_still_an_error(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", "services:\n  {{ name }}: [\n")
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert [e.path for e in report.errors] == ["docker-compose.yml"]


def _cookiecutter(write: Write, defaults: str) -> None:
    write("tpl/cookiecutter.json", defaults)
    write(
        "tpl/{{cookiecutter.project_slug}}/docker-compose.yml",
        "services:\n  app:\n    image: example/app\n{%- if cookiecutter.use_redis == 'yes' %}\n"
        '  redis:\n    image: redis:7\n    ports:\n      - "6379:6379"\n{%- endif %}\n',
    )


@pytest.mark.parametrize(
    ("defaults", "expected"),
    [
        ('{"project_slug": "demo", "use_redis": ["yes", "no"]}', OPEN),  # a choice list's default is its first
        ('{"project_slug": "demo", "use_redis": ["no", "yes"]}', set()),
        ('{"project_slug": "demo", "use_redis": "no"}', set()),
    ],
)
def test_a_cookiecutter_template_is_rendered_with_its_defaults(
    write: Write, tmp_path: Path, defaults: str, expected: set[str]
) -> None:
    _cookiecutter(write, defaults)
    assert gate(tmp_path) == expected


def test_a_condition_that_could_build_a_huge_value_is_not_evaluated() -> None:
    text = "{% if ('a' * 10**9) %}\nkept: 1\n{% endif %}\n"
    assert "kept: 1" in render_neutral(text, {"cookiecutter": {}})  # unknown: the first branch is kept


@pytest.mark.parametrize(
    ("conf", "expected"),
    [
        ("port 1883\nallow_anonymous true\n", {"UG-MQTT-001"}),  # the deprecated default listener: every interface
        ("port 1883\nbind_address 127.0.0.1\nallow_anonymous true\n", set()),
        ("port 1883\nallow_anonymous false\npassword_file /etc/mosquitto/passwd\n", set()),
    ],
)
def test_mosquittos_deprecated_port_option_is_a_listener(
    write: Write, tmp_path: Path, conf: str, expected: set[str]
) -> None:
    write("mosquitto.conf", conf)
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("image", "port", "expected"),
    [
        ("reliabilly/data_mongo", 8000, set()),  # an API named after its database, on its own port
        ("example/mongocustom", 27017, OPEN),  # a custom mongo on mongo's port
        ("harisekhon/presto-dev:latest", 8080, OPEN),  # known by image only: no port to compare
    ],
)
def test_an_image_only_named_after_an_engine_must_listen_like_it(
    write: Write, tmp_path: Path, image: str, port: int, expected: set[str]
) -> None:
    write("compose.yml", f'services:\n  svc:\n    image: {image}\n    ports:\n      - "{port}:{port}"\n')
    assert gate(tmp_path) & OPEN == expected


_KAFKA_TLS = (
    "environment:",
    "  KAFKA_LISTENERS: PLAINTEXT://:9092,CONTROLLER://:9093,EXTERNAL_SSL://:9094",
    "  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,EXTERNAL_SSL:SSL",
    "  KAFKA_SSL_KEYSTORE_LOCATION: /etc/kafka/secrets/kafka.keystore.jks",
)


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ((), OPEN),  # TLS only encrypts: every client is ANONYMOUS
        (("volumes:", "  - ./kafka.keystore.jks:/etc/kafka/secrets/kafka.keystore.jks:ro"), OPEN),  # keys, not config
        (("  KAFKA_SSL_CLIENT_AUTH: required",), set()),  # mutual TLS
        (("  KAFKA_LISTENER_NAME_EXTERNAL_SSL_SSL_CLIENT_AUTH: required",), set()),
        (("  KAFKA_AUTHORIZER_CLASS_NAME: org.apache.kafka.metadata.authorizer.StandardAuthorizer",), set()),
        (("volumes:", "  - ./server.properties:/opt/kafka/config/server.properties"), set()),  # judged there
    ],
)
def test_a_kafka_tls_listener_without_client_authentication_is_open(
    write: Write, tmp_path: Path, extra: tuple[str, ...], expected: set[str]
) -> None:
    lines = [*_KAFKA_TLS, *(e for e in extra if e.startswith("  KAFKA"))]
    lines += [e for e in extra if not e.startswith("  KAFKA")]
    write("compose.yml", one_service("apache/kafka:4.1.0", 9094, *lines))
    assert gate(tmp_path) & OPEN == expected
