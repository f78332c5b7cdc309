"""Classes round 21 of the registry corpus showed (benchmarks/config/corpus.py). Each class has
a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY, gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

BASE = """services:
  redis:
    image: redis:7-alpine
    ports:
      - "6379:6379"
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: x
"""


def test_a_service_that_extends_one_of_another_file_gets_its_published_port(write: Write, tmp_path: Path) -> None:
    write("docker/docker-compose.yml", BASE)
    qa = write(
        "qa/docker-compose.qa.yml",
        "services:\n  redis:\n    extends:\n      file: ../docker/docker-compose.yml\n      service: redis\n",
    )
    report = audit_paths([qa], today=TODAY, cwd=tmp_path)
    (finding,) = report.active
    assert (finding.rule_id, finding.line) == ("UG-COMPOSE-001", 3)
    assert "extending service 'redis' of ../docker/docker-compose.yml" in finding.message
    assert "change service 'redis' of ../docker/docker-compose.yml" in finding.remediation.steps[0]


def test_extends_in_the_same_file_and_its_own_settings_win(write: Write, tmp_path: Path) -> None:
    text = BASE + "  cache:\n    extends: redis\n    command: redis-server --requirepass ${PW}\n"
    write("compose.yml", text.replace('    ports:\n      - "6379:6379"\n', "", 1) + '    ports:\n      - "6380:6379"\n')
    assert gate(tmp_path) == set()  # the password the extending service gives is its own
    write(
        "compose.yml",
        BASE.replace('    ports:\n      - "6379:6379"\n', "", 1)
        + '  cache:\n    extends: redis\n    ports:\n      - "6380:6379"\n',
    )
    assert gate(tmp_path) == OPEN


@pytest.mark.parametrize("base", ["missing.yml", "https://example.com/base.yml", "/etc/compose/base.yml"])
def test_extends_of_a_file_not_here_adds_nothing(write: Write, tmp_path: Path, base: str) -> None:
    write(
        "compose.yml", f"services:\n  redis:\n    image: app\n    extends:\n      file: {base}\n      service: redis\n"
    )
    assert gate(tmp_path) == set()


FRAGMENT = """# docker compose -f docker-compose.yml -f docker-compose.test.yml up
services:
  qdrant:
    ports: !override
      - "9333:6333"
"""


def test_a_fragment_given_after_the_base_with_f_is_read_over_it(write: Write, tmp_path: Path) -> None:
    """No service of it has an image or a build: it runs only over the compose file beside it."""
    write("docker-compose.yml", "services:\n  qdrant:\n    image: qdrant/qdrant:latest\n")
    write("docker-compose.test.yml", FRAGMENT)
    assert gate(tmp_path) == OPEN
    write(
        "docker-compose.yml",
        "services:\n  qdrant:\n    image: qdrant/qdrant:latest\n    environment:\n      QDRANT__SERVICE__API_KEY: ${KEY}\n",
    )
    assert gate(tmp_path) == set()


JUPYTER = """services:
  jupyter:
    build: .
    ports:
      - "8889:8888"
    command: >
      bash -c "jupyter lab
               --ip=0.0.0.0
               --NotebookApp.token=''{password}"
"""


@pytest.mark.parametrize(
    ("password", "expected"),
    [("", OPEN), ("\n               --NotebookApp.password='sha1:abc'", set())],
)
def test_jupyter_started_inside_a_shell_string_is_jupyter(
    write: Write, tmp_path: Path, password: str, expected: set[str]
) -> None:
    write("docker-compose.yml", JUPYTER.format(password=password))
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((), OPEN),
        (("environment:", "  TEMPORAL_AUTH_AUTHORIZER: default", "  TEMPORAL_AUTH_CLAIM_MAPPER: default"), set()),
    ],
)
def test_temporal_has_no_authorizer_until_one_is_configured(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service("temporalio/auto-setup:1.24", 7233, *lines))
    assert gate(tmp_path) == expected
