"""Classes round 9 of the registry corpus showed (benchmarks/config/corpus.py): a server's
command-line listener inside a container the host publishes on loopback only, a compose
build's ``target`` stage, Chroma's Rust CLI, Couchbase under its registry name, and a
Jupyter config that reads its token from the environment with an empty default. Each class
has a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

_ETCD = (
    "services:\n  etcd:\n    image: gcr.io/etcd-development/etcd:v3.5.15\n    command:\n"
    "      - /usr/local/bin/etcd\n      - --listen-client-urls=http://0.0.0.0:2379\n"
    '      - --advertise-client-urls=http://0.0.0.0:2379\n    ports:\n      - "{host}2379"\n'
)


@pytest.mark.parametrize(("host", "open_"), [("127.0.0.1:12379:", False), ("12379:", True)])
def test_a_containers_listener_counts_only_where_the_host_publishes_it(
    write: Write, tmp_path: Path, host: str, open_: bool
) -> None:
    write("compose.yml", _ETCD.format(host=host))
    assert bool(gate(tmp_path)) is open_


_STAGES = (
    "FROM debian:stable-slim AS runner\n"
    'FROM runner AS cli\nENTRYPOINT ["dumb-init", "--", "chroma"]\nCMD ["run", "/config.yaml"]\n'
    'FROM runner AS worker\nENTRYPOINT ["./worker"]\n'
)


@pytest.mark.parametrize(("target", "expected"), [("cli", OPEN), ("worker", set())])
def test_a_builds_target_stage_is_the_image(write: Write, tmp_path: Path, target: str, expected: set[str]) -> None:
    write("Dockerfile", _STAGES)
    write(
        "compose.yml",
        f"services:\n  server:\n    build:\n      context: .\n      target: {target}\n    ports: ['8000:8000']\n",
    )
    assert gate(tmp_path) & OPEN == expected


def test_couchbase_under_its_registry_name(write: Write, tmp_path: Path) -> None:
    write("compose.yml", one_service("couchbase/server:7.6.2", 8091))
    assert gate(tmp_path) == OPEN


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("os.environ.get('JUPYTER_TOKEN', '')", {"UG-JUPYTER-001"}),
        ("os.getenv('JUPYTER_TOKEN', '')", {"UG-JUPYTER-001"}),
        ("os.environ.get('JUPYTER_TOKEN', 'change-me-to-a-long-secret')", set()),
        ("os.environ['JUPYTER_TOKEN']", set()),
    ],
)
def test_a_jupyter_token_from_the_environment_with_its_default(
    write: Write, tmp_path: Path, token: str, expected: set[str]
) -> None:
    write(
        "jupyter_server_config.py",
        f"import os\nc = get_config()\nc.ServerApp.ip = '0.0.0.0'\nc.ServerApp.token = {token}\n",
    )
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("command: [/usr/sbin/mosquitto, -c, /mosquitto-no-auth.conf]",), OPEN),
        (
            (
                "command: sh -c \"echo 'listener 1883' > /mosquitto/config/mosquitto.conf && "
                "echo 'allow_anonymous true' >> /mosquitto/config/mosquitto.conf && mosquitto -c /mosquitto/config/mosquitto.conf\"",
            ),
            OPEN,
        ),
        ((), set()),  # Mosquitto 2 with the image's config: loopback only
    ],
)
def test_mosquitto_configs_the_image_or_command_supplies(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service("eclipse-mosquitto:2.0", 1883, *lines))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("entrypoint: redis-server",), set()),  # docker-entrypoint.sh does not run: protected mode stays on
        (("entrypoint: [docker-entrypoint.sh]", "command: redis-server"), OPEN),
        (("command: redis-server",), OPEN),
        (("entrypoint: [redis-server, --protected-mode, 'no']",), OPEN),
    ],
)
def test_redis_with_its_entrypoint_replaced(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service("redis:7.4", 6379, *lines))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        ("emqx/emqx:5.8.4", 18083, ("environment: {EMQX_DASHBOARD__DEFAULT_PASSWORD: '${PW}'}",), set()),
        ("emqx/emqx:5.8.4", 18083, (), OPEN),  # admin/public
        ("emqx/emqx:5.8.4", 1883, ("environment: {EMQX_DASHBOARD__DEFAULT_PASSWORD: '${PW}'}",), OPEN),
        ("openeuler/livy:0.9.0-oe2403sp3", 8998, (), OPEN),
        ("prom/pushgateway:v1.9.0", 9091, (), OPEN),
        ("python-integration", 15002, ("command: /opt/spark/sbin/start-connect-server.sh",), OPEN),
    ],
)
def test_round_eleven_catalogue(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) & OPEN == expected


def test_an_application_nodeport_on_a_common_port_is_not_a_database(write: Write, tmp_path: Path) -> None:
    write(
        "app.yaml",
        "apiVersion: v1\nkind: Service\nmetadata: {name: app}\nspec:\n  type: NodePort\n  selector: {app: app}\n"
        "  ports:\n    - {port: 10000, targetPort: 10000}\n",
    )
    assert gate(tmp_path) == set()


def test_the_mysql_clients_login_store_is_not_an_options_file(write: Write, tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "mylogin.cnf").write_bytes(b"\x00\x00\x00\x00\x8f\x1a\xfe\x02binary-login-path")
    assert gate(tmp_path) == set()
