"""Helpers for reporter tests: SARIF schema validation and snapshot files.

Every SARIF the suite produces should go through :func:`validate_sarif`; snapshots are
rewritten instead of compared when ``UNGUARDED_UPDATE_SNAPSHOTS=1``.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from tests.conftest import shared_dir

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@cache
def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((shared_dir() / "contracts" / "sarif-schema-2.1.0.json").read_text())
    return schema


def validate_sarif(text: str | dict[str, Any]) -> dict[str, Any]:
    """Parse (if text) and validate a SARIF log against the official 2.1.0 schema; returns the log."""
    log: dict[str, Any] = json.loads(text) if isinstance(text, str) else text
    schema = sarif_schema()
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])
    return log


def check_snapshot(name: str, actual: str) -> None:
    """Compare with ``snapshots/<name>``, or rewrite it when UNGUARDED_UPDATE_SNAPSHOTS=1."""
    path = SNAPSHOTS / name
    if os.environ.get("UNGUARDED_UPDATE_SNAPSHOTS") == "1":
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"no snapshot {path}; run with UNGUARDED_UPDATE_SNAPSHOTS=1 to create it"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, (
        f"{name} changed; if intended, rerun with UNGUARDED_UPDATE_SNAPSHOTS=1 and review the diff"
    )
