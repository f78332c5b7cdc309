"""Classes round 22 of the registry corpus showed (benchmarks/config/corpus.py): products whose
published login stays until the deployment sets another, or that the deployment sets again.
Each class has a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        ("codenotary/immudb:1.9.5", 3322, (), OPEN),
        ("codenotary/immudb:1.9.5", 3322, ("environment:", "  IMMUDB_ADMIN_PASSWORD: immudb"), OPEN),
        ("codenotary/immudb:1.9.5", 3322, ("environment:", "  IMMUDB_ADMIN_PASSWORD: ${IMMUDB_PW}"), set()),
        ("rustfs/rustfs:latest", 9000, (), set()),  # current images refuse to start without credentials
        (
            "rustfs/rustfs:latest",
            9000,
            ("environment:", "  - RUSTFS_ACCESS_KEY=minioadmin", "  - RUSTFS_SECRET_KEY=minioadmin"),
            OPEN,
        ),
        (
            "rustfs/rustfs:latest",
            9000,
            ("environment:", "  - RUSTFS_ACCESS_KEY=app", "  - RUSTFS_SECRET_KEY=${KEY}"),
            set(),
        ),
        ("rustfs/rustfs:latest", 9000, ("env_file: .env",), set()),  # the user's .env may set them
    ],
)
def test_a_published_login_left_or_set_again_is_no_login(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) == expected
