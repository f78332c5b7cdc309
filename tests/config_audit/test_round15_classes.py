"""Classes round 15 of the registry corpus showed (benchmarks/config/corpus.py): a published
port whose container side is a variable the file does not resolve (``${PORT}:${PORT}``),
and more services that are open until configured. Each class has a case that must fail the
gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

_TRUSTING_POSTGRES = (
    "services:\n  pg:\n    image: ${{IMAGE:?}}\n    command: [postgres]\n"
    "    environment:\n      - POSTGRES_HOST_AUTH_METHOD=trust\n      - PGPORT=${{PORT}}\n"
    "    ports:\n      - {port}\n"
)


@pytest.mark.parametrize(
    ("port", "expected"),
    [
        ("${PORT:?}:${PORT}", OPEN),  # which port is unknown; that one is published on every interface is not
        ('"${PORT}"', OPEN),
        ('"127.0.0.1:${PORT}:${PORT}"', set()),
    ],
)
def test_a_port_given_by_an_unresolved_variable_is_still_published(
    write: Write, tmp_path: Path, port: str, expected: set[str]
) -> None:
    write("compose.yml", _TRUSTING_POSTGRES.format(port=port))
    assert gate(tmp_path) & OPEN == expected
