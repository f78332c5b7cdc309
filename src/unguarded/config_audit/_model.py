"""The value objects an audit produces: findings, file errors and the report.

They are frozen pydantic models so the JSON output is ``model_dump(mode="json")`` and
nothing downstream (SARIF, terminal, exit code) can change a verdict after the fact.
"""

from __future__ import annotations

import datetime as dt
import json

from pydantic import Field

from ..models import FrozenModel, Remediation, Severity


class Suppression(FrozenModel):
    """An ``unguarded:ignore`` comment that matched a finding."""

    line: int = Field(ge=1, description="where the comment is")
    reason: str | None = None
    until: dt.date | None = None
    expired: bool = False


class RelatedPlace(FrozenModel):
    """Another line the finding stands on: the mounted config behind a published port."""

    path: str
    line: int = Field(ge=1)
    message: str


class ConfigFinding(FrozenModel):
    """One rule that fired at one place. ``path`` is relative to the working directory."""

    rule_id: str
    severity: Severity
    title: str
    message: str
    path: str
    line: int = Field(ge=1)
    fingerprint: str = Field(description="stable across line moves: rule, path and the line's text")
    remediation: Remediation
    suppression: Suppression | None = None
    related: tuple[RelatedPlace, ...] = ()

    @property
    def suppressed(self) -> bool:
        """True when an unexpired ignore comment covers this finding."""
        return self.suppression is not None and not self.suppression.expired


class FileError(FrozenModel):
    """A file that could not be read or parsed; the other files are still audited."""

    path: str
    message: str
    line: int | None = Field(default=None, ge=1)


class ConfigReport(FrozenModel):
    """The result of one ``unguarded config`` run."""

    tool_version: str
    today: dt.date
    root: str = Field(description="absolute folder that finding paths are relative to")
    files_audited: int = Field(ge=0)
    findings: tuple[ConfigFinding, ...] = ()
    errors: tuple[FileError, ...] = ()

    @property
    def active(self) -> tuple[ConfigFinding, ...]:
        """Findings not covered by a valid suppression: these decide the exit code."""
        return tuple(f for f in self.findings if not f.suppressed)

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity.at_least(threshold) for f in self.active)

    def to_json(self) -> str:
        """The JSON output: the model as is, plus a ``summary`` for quick reading."""
        data = self.model_dump(mode="json")
        data["summary"] = {
            "active": len(self.active),
            "suppressed": len(self.findings) - len(self.active),
            "by_severity": {s.value: sum(1 for f in self.active if f.severity is s) for s in Severity},
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
