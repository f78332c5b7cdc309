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


def test_another_compose_file_with_images_of_its_own_is_not_read_over_the_base(write: Write, tmp_path: Path) -> None:
    """``docker-compose.prod.yml`` naming its own images is a whole file, judged alone: the base's
    password does not protect its Redis (round 21 made only a fragment, whose services have no
    image or build, read over the base, as ``-f a -f b`` runs it)."""
    write("docker-compose.yml", _BASE.replace("redis:7", "redis:7\n    command: redis-server --requirepass ${PW}"))
    write("docker-compose.prod.yml", 'services:\n  cache:\n    image: redis:7\n    ports:\n      - "6379:6379"\n')
    assert gate(tmp_path) == OPEN
