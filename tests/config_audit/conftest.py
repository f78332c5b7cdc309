"""Fixtures for the config auditor's tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import shared_dir


@pytest.fixture(scope="session")
def shared() -> Path:
    """``<repo>/../shared`` (the contracts CI clones beside the repository); see helpers.shared_dir."""
    return shared_dir()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file under tmp_path (folders created) and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    return _write
