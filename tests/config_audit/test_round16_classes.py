"""Classes round 16 of the registry corpus showed (benchmarks/config/corpus.py): a
``compose.override.yaml`` is read over the compose file beside it, as ``docker compose up``
does unasked. Each class has a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

_BASE = "services:\n  cache:\n    image: redis:7\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${PW}\n"


@pytest.mark.parametrize("name", ["docker-compose.override.yml", "compose.override.yaml"])
def test_an_override_that_publishes_the_base_services_port_is_judged_with_its_image(
    write: Write, tmp_path: Path, name: str
) -> None:
    write("docker-compose.yml", _BASE)  # publishes nothing: passes alone
    write(name, 'services:\n  cache:\n    ports:\n      - "6379:6379"\n')
    assert gate(tmp_path) == OPEN


def test_an_override_publishing_a_protected_service_is_not_open(write: Write, tmp_path: Path) -> None:
    write("compose.yaml", _BASE)
    write("compose.override.yaml", 'services:\n  db:\n    ports:\n      - "5432:5432"\n')
    assert not gate(tmp_path)


def test_an_override_that_sets_a_password_closes_the_base_service(write: Write, tmp_path: Path) -> None:
    write("compose.yaml", _BASE)
    write(
        "compose.override.yaml",
        'services:\n  cache:\n    command: redis-server --requirepass ${PW}\n    ports:\n      - "6379:6379"\n',
    )
    assert not gate(tmp_path)


def test_other_compose_files_are_not_read_over_the_base(write: Write, tmp_path: Path) -> None:
    """``docker-compose.prod.yml`` is applied only with ``-f``: judged alone, the port has no image."""
    write("docker-compose.yml", _BASE)
    write("docker-compose.prod.yml", 'services:\n  cache:\n    ports:\n      - "6379:6379"\n')
    assert not gate(tmp_path)
