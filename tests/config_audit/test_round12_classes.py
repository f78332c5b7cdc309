"""Classes round 12 of the registry corpus showed (benchmarks/config/corpus.py): the official
redis image with an ``env_file`` (it reads no password from its environment), a mounted
``nats.conf`` without authorization, JupyterLab's ``--LabApp.token=''``, and Chroma 0.x's
Python server told by its uvicorn command. Each class has a case that must fail the gate and
one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}


@pytest.mark.parametrize(
    ("image", "expected"),
    [("redis:7.4", OPEN), ("redis/redis-stack-server:7.4.0-v1", set()), ("bitnami/redis:7.4", set())],
)
def test_an_env_file_gives_the_official_redis_image_no_password(
    write: Write, tmp_path: Path, image: str, expected: set[str]
) -> None:
    write("compose.yml", one_service(image, 6379, "env_file: [.env]"))
    assert gate(tmp_path) & OPEN == expected


_NATS = "services:\n  nats:\n    image: nats:2.10\n    command: [-c, /etc/nats/nats.conf]\n    ports: ['4222:4222']\n    volumes:\n      - ./nats.conf:/etc/nats/nats.conf\n"


def test_a_mounted_nats_conf_without_authorization_opens_the_published_server(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _NATS)
    write("nats.conf", "port: 4222\njetstream: enabled\n")
    assert "UG-DEPLOY-001" in gate(tmp_path)


def test_a_mounted_nats_conf_with_users_does_not(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _NATS)
    write("nats.conf", "port: 4222\nauthorization {\n  users = [ { user: app, password: $2a$11$abc } ]\n}\n")
    assert gate(tmp_path) == set()


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("entrypoint: [start.sh, jupyter, lab, \"--LabApp.token=''\"]", OPEN),
        ("entrypoint: [start.sh, jupyter, lab]", set()),
    ],
)
def test_jupyterlab_with_its_token_emptied(write: Write, tmp_path: Path, command: str, expected: set[str]) -> None:
    write("compose.yml", one_service("quay.io/jupyter/base-notebook:2024-05-27", 8888, command))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("environment", "expected"),
    [("{ALLOW_RESET: 'TRUE'}", OPEN), ("{CHROMA_SERVER_AUTHN_PROVIDER: '${PROVIDER}'}", set())],
)
def test_chromas_python_server_by_its_command(
    write: Write, tmp_path: Path, environment: str, expected: set[str]
) -> None:
    write("Dockerfile", 'FROM python:3.11-slim\nCMD ["uvicorn", "chromadb.app:app", "--host", "0.0.0.0"]\n')
    write(
        "compose.yml",
        f"services:\n  chroma:\n    build: .\n    environment: {environment}\n    ports: ['8000:8000']\n",
    )
    assert gate(tmp_path) & OPEN == expected


def test_a_password_given_inside_a_shell_command_counts(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml",
        one_service(
            "redis:7.2", 6379, "command: /bin/sh -c 'redis-server --appendonly yes --requirepass $${REDIS_PASSWORD}'"
        ),
    )
    assert gate(tmp_path) & OPEN == set()


def test_a_short_flag_of_another_program_in_the_shell_string_does_not_count(write: Write, tmp_path: Path) -> None:
    write("compose.yml", one_service("mongo:7", 27017, "command: sh -c 'mongod --bind_ip_all & tail -f /dev/null'"))
    assert gate(tmp_path) & OPEN == OPEN
