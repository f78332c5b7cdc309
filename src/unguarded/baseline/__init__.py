"""Baselines: findings a team has accepted as known risks, each with a reason and an expiry.

A baseline file (``.unguarded-baseline.json``) lists finding fingerprints (stable across
scans, see :func:`unguarded.findings.fingerprint`) with why each was accepted and until
when. ``unguarded scan --baseline FILE`` marks matching findings ``accepted`` so the exit
code, the reports and alerts act only on what is new; an expired acceptance stops
applying and the finding reports again, so no risk stays accepted silently forever.

The file holds identifiers, severities and locations (``host:port/dataset``), never a
value from a scanned server, and is meant to be committed and reviewed like code.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from .._version import __version__
from ..findings import with_findings
from ..models import Acceptance, Finding, FrozenModel, Report, Severity, ToolInfo, validation_problem

BASELINE_VERSION = 1
DEFAULT_BASELINE = Path(".unguarded-baseline.json")


class BaselineError(Exception):
    """A baseline file that cannot be used; the message is one clear, value-free line."""


class BaselineEntry(FrozenModel):
    """One accepted finding. ``rule_id``, ``type``, ``location`` and ``severity`` are for readers."""

    fingerprint: str = Field(pattern=r"^[0-9a-f]{32}$", description="Finding.fingerprint")
    rule_id: str
    type: str
    location: str = Field(description="host:port/dataset, for people reading the file")
    severity: Severity
    reason: str = Field(min_length=1, description="why the risk is accepted")
    expires: dt.date | None = Field(default=None, description="last day the acceptance applies; null: never expires")
    accepted_by: str | None = None
    accepted_on: dt.date | None = Field(default=None, description="the day the entry was written")

    def active(self, today: dt.date) -> bool:
        """True while the acceptance applies: through its ``expires`` day inclusive."""
        return self.expires is None or today <= self.expires

    def status(self, today: dt.date) -> Literal["active", "expired"]:
        return "active" if self.active(today) else "expired"

    @property
    def acceptance(self) -> Acceptance:
        return Acceptance(reason=self.reason, expires=self.expires, accepted_by=self.accepted_by)


class Baseline(FrozenModel):
    """The whole file: a format version, who wrote it, and the accepted findings."""

    version: Literal[1] = 1
    created_at: dt.datetime
    tool: ToolInfo
    entries: tuple[BaselineEntry, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> Baseline:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.fingerprint in seen:
                raise ValueError(f"fingerprint {entry.fingerprint} is listed twice")
            seen.add(entry.fingerprint)
        return self

    def by_fingerprint(self) -> dict[str, BaselineEntry]:
        return {e.fingerprint: e for e in self.entries}


def _today() -> dt.date:
    return dt.date.today()


def parse_baseline(text: str, source: str = "baseline") -> Baseline:
    """Validate baseline JSON text; ``source`` names it in error messages."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise BaselineError(f"{source} is nested too deeply to be a baseline") from None
    if not isinstance(data, dict):
        raise BaselineError(f"{source} must hold a JSON object with 'version' and 'entries'")
    version = data.get("version")
    if version is None:
        raise BaselineError(f"{source} has no 'version'; is it an unguarded baseline file?")
    if version != BASELINE_VERSION or isinstance(version, bool):
        raise BaselineError(
            f"{source} has baseline version {json.dumps(version)[:20]}; "
            f"this unguarded ({__version__}) reads version {BASELINE_VERSION}"
        )
    try:
        return Baseline.model_validate(data)
    except RecursionError:
        raise BaselineError(f"{source} is nested too deeply to be a baseline") from None
    except ValidationError as exc:
        raise BaselineError(f"{source} is not a valid baseline: {validation_problem(exc)}") from None


def load_baseline(path: Path) -> Baseline:
    """Read and validate a baseline file, or raise :class:`BaselineError` with one clear line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(f"baseline file {str(path)!r} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise BaselineError(f"cannot read baseline file {str(path)!r}: {reason}") from None
    return parse_baseline(text, f"baseline file {str(path)!r}")


def apply_baseline(report: Report, baseline: Baseline, today: dt.date | None = None) -> Report:
    """A copy of ``report`` whose findings the baseline accepts (and has not let expire) carry ``accepted``.

    A finding whose entry has expired gets ``accepted=None``: it reports again. Findings
    the baseline does not mention are left as they are.
    """
    day = today or _today()
    entries = baseline.by_fingerprint()
    report = with_findings(report)
    findings: list[Finding] = []
    for finding in report.findings:
        entry = entries.get(finding.fingerprint)
        if entry is not None:
            accepted = entry.acceptance if entry.active(day) else None
            finding = finding.model_copy(update={"accepted": accepted})
        findings.append(finding)
    return report.model_copy(update={"findings": tuple(findings)})


def entry_for(
    finding: Finding,
    reason: str,
    expires: dt.date | None = None,
    accepted_by: str | None = None,
    today: dt.date | None = None,
) -> BaselineEntry:
    """The baseline entry accepting one finding."""
    return BaselineEntry(
        fingerprint=finding.fingerprint,
        rule_id=finding.rule_id,
        type=finding.type,
        location=finding.location,
        severity=finding.severity,
        reason=reason,
        expires=expires,
        accepted_by=accepted_by,
        accepted_on=today or _today(),
    )


def select_findings(
    findings: Iterable[Finding],
    *,
    min_severity: Severity | None = None,
    max_severity: Severity | None = None,
    fingerprints: Sequence[str] = (),
) -> tuple[Finding, ...]:
    """The findings to accept: within the severity bounds and, if given, only those fingerprints."""
    chosen = []
    wanted = set(fingerprints)
    for f in findings:
        if min_severity is not None and f.severity.rank < min_severity.rank:
            continue
        if max_severity is not None and f.severity.rank > max_severity.rank:
            continue
        if wanted and f.fingerprint not in wanted:
            continue
        chosen.append(f)
    return tuple(chosen)


class MergeCounts(BaseModel):
    """What a merge did, for the one-line summary ``baseline create`` prints."""

    added: int = 0
    kept: int = 0
    renewed: int = 0


def _order(entry: BaselineEntry) -> tuple[int, str, str]:
    return (-entry.severity.rank, entry.location, entry.rule_id)


def merge_entries(
    existing: Baseline | None,
    new: Sequence[BaselineEntry],
    *,
    replace: bool = False,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> tuple[Baseline, MergeCounts]:
    """A baseline with ``existing``'s entries plus ``new`` ones.

    An existing active entry keeps its reason and expiry (a re-run never rewrites a
    decision someone made); an existing *expired* entry that is accepted again is renewed
    with the new reason and expiry. With ``replace`` the existing file is ignored.
    """
    day = today or _today()
    counts = MergeCounts()
    merged: dict[str, BaselineEntry] = {}
    if existing is not None and not replace:
        merged = dict(existing.by_fingerprint())
        counts.kept = len(merged)
    for entry in new:
        old = merged.get(entry.fingerprint)
        if old is None:
            merged[entry.fingerprint] = entry
            counts.added += 1
        elif not old.active(day):
            merged[entry.fingerprint] = entry
            counts.renewed += 1
            counts.kept -= 1
    created = existing.created_at if existing is not None and not replace else (now or dt.datetime.now(dt.UTC))
    baseline = Baseline(
        created_at=created,
        tool=ToolInfo(version=__version__),
        entries=tuple(sorted(merged.values(), key=_order)),
    )
    return baseline, counts


def dump_baseline(baseline: Baseline) -> str:
    """Stable, reviewable JSON: two-space indent, entries worst first, trailing newline."""
    return json.dumps(baseline.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def save_baseline(baseline: Baseline, path: Path) -> None:
    """Write atomically (temp file + rename) so a failed write never leaves half a baseline."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=".unguarded-baseline-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dump_baseline(baseline))
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)  # mkstemp makes 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = [
    "BASELINE_VERSION",
    "DEFAULT_BASELINE",
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "MergeCounts",
    "apply_baseline",
    "dump_baseline",
    "entry_for",
    "load_baseline",
    "merge_entries",
    "parse_baseline",
    "save_baseline",
    "select_findings",
]
