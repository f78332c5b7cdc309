"""Shared helpers for the config auditor's tests (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: a fixed "today" so suppression expiry never depends on when the tests run
TODAY = dt.date(2026, 11, 22)


def shared_dir() -> Path:
    """``<repo>/../shared``: where CI clones the shared contracts beside the repository.

    A git worktree (``<checkout>/wt/<name>``) falls back to one level further up.
    """
    candidates = [REPO.parent / "shared", REPO.parent.parent / "shared"]
    for candidate in candidates:
        if (candidate / "contracts").is_dir():
            return candidate
    raise FileNotFoundError(f"shared/ not found beside the repository (looked in {', '.join(map(str, candidates))})")


@cache
def sarif_schema() -> dict[str, Any]:
    return json.loads((shared_dir() / "contracts" / "sarif-schema-2.1.0.json").read_text())


def validate_sarif(document: dict[str, Any]) -> None:
    """Every SARIF the suite produces goes through here."""
    schema = sarif_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(document)


def gate(root: Path) -> set[str]:
    """Rule ids of the findings under ``root`` that fail the default gate (high and above)."""
    from unguarded.config_audit import audit_paths
    from unguarded.models import Severity

    report = audit_paths([root], today=TODAY, cwd=root)
    assert not report.errors, report.errors
    return {f.rule_id for f in report.active if f.severity.at_least(Severity.HIGH)}


def one_service(image: str, port: int, *lines: str) -> str:
    """A compose file with one service of ``image`` publishing ``port`` on every interface."""
    body = "".join(f"    {line}\n" for line in lines)
    return f'services:\n  svc:\n    image: {image}\n{body}    ports:\n      - "{port}:{port}"\n'
