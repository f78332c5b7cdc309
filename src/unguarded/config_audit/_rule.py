"""What a rule is: declarative metadata plus one small check over a parsed document.

Rules are data first. The metadata is validated by pydantic when the rule module is
imported, so a rule without a fix, without a reference, without a CWE and category or
with a malformed id never loads (see :func:`unguarded.config_audit.rules.all_rules`).
SARIF emits the CWE and the category as rule tags, as semgrep and KICS tag theirs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..models import Remediation, Severity


class Located(Protocol):
    """Anything parsed from a line of a file: a setting, a pg_hba entry, ..."""

    @property
    def line(self) -> int: ...

    @property
    def path(self) -> Path: ...


RULE_ID = re.compile(r"^UG-(?P<engine>[A-Z0-9]+)-(?P<number>\d{3})$")


@dataclass(frozen=True)
class Hit:
    """Where a check fired and why, in words about this file. ``path`` for included files."""

    line: int
    message: str
    path: Path | None = None
    #: the fix for this engine at this place, replacing the rule's generic steps when given
    fix: tuple[str, ...] = ()
    #: other places the finding stands on (the mounted pg_hba.conf line behind a published port)
    related: tuple[Related, ...] = ()

    @classmethod
    def at(cls, setting: Located, message: str, fix: tuple[str, ...] = ()) -> Hit:
        """A hit on the line (and file, for includes) a setting came from."""
        return cls(setting.line, message, setting.path, fix)


@dataclass(frozen=True)
class Related:
    """A second place a finding depends on, and why."""

    path: Path
    line: int
    message: str


Check = Callable[[Any], Iterable[Hit]]


class RuleCategory(StrEnum):
    """What kind of weakness a rule finds: a small fixed set, so tags group alerts usefully."""

    AUTHENTICATION = "authentication"  # anyone may connect without proving who they are
    AUTHORIZATION = "authorization"  # whoever gets in gets more rights than they need
    NETWORK_EXPOSURE = "network-exposure"  # reachable from networks that have no business reaching it
    ENCRYPTION = "encryption"  # passwords or data readable on the wire or from stored hashes
    HARDENING = "hardening"  # a feature beyond the database's job that attackers turn against it


class ConfigRule(BaseModel):
    """One rule. ``reads`` is the parsed-document class its ``check`` accepts."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: str = Field(pattern=RULE_ID.pattern)
    title: str = Field(min_length=10, max_length=100)
    severity: Severity
    category: RuleCategory
    cwe: int = Field(gt=0, description="the CWE the weakness is an instance of (https://cwe.mitre.org)")
    description: str = Field(min_length=40, description="what the finding means for the data")
    remediation: Remediation
    reads: type
    check: Check

    @property
    def engine(self) -> str:
        match = RULE_ID.match(self.id)
        assert match is not None  # guaranteed by the field pattern
        return match["engine"].lower()

    @field_validator("title")
    @classmethod
    def _title_is_a_phrase(cls, title: str) -> str:
        if title.endswith("."):
            raise ValueError("a title is a phrase: no trailing full stop")
        return title

    @model_validator(mode="after")
    def _remediation_is_actionable(self) -> ConfigRule:
        fix = self.remediation
        if not fix.steps:
            raise ValueError("remediation needs at least one exact step")
        if not fix.references or not all(r.startswith("https://") for r in fix.references):
            raise ValueError("remediation needs https references (vendor checklist or CIS item)")
        return self


class RuleLoadError(RuntimeError):
    """A rule module that does not define valid, uniquely named rules."""
