"""What changed between two scans: findings matched by fingerprint, services by endpoint.

A finding's fingerprint names what it is and where (host, port, engine, dataset,
type), never counts, so the same finding in the next scan has the same fingerprint:
it is *new* if only the newer scan has it, *closed* if only the older one does, and
*changed* when both have it but its severity, records, people, categories, patterns
or baseline acceptance moved. Each change is one :class:`Change`, so a reader sees
exactly "records 1,450 -> 2,900" or "category + contact.phone". Services are compared
per endpoint for what findings do not say (exposure, access, version, TLS).

Like the reports it compares, a diff holds no raw value: only names, counts and
severities.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import computed_field

from .findings import with_findings
from .models import Exposure, Finding, FrozenModel, Report, Service, Severity, host_port

Direction = Literal["worse", "better", "neutral"]
Value = str | int | bool | None


class ScanRef(FrozenModel):
    """Which scan one side of the diff is: a history id or a file, and when it ran."""

    label: str
    started_at: dt.datetime
    finished_at: dt.datetime
    tool_version: str


class Change(FrozenModel):
    """One field of one finding that moved between the scans.

    Set-valued fields (``category``, ``pattern``) give one change per item: ``before``
    is None for an added item, ``after`` is None for a removed one.
    """

    fingerprint: str
    location: str
    type: str
    rule_id: str
    severity: Severity
    accepted: bool = False
    field: Literal["severity", "records", "people", "category", "pattern", "accepted"]
    before: Value
    after: Value
    direction: Direction


class ServiceChange(FrozenModel):
    """One endpoint-level change: a service appeared, went away, or its exposure, access, version or TLS moved."""

    location: str
    engine: str
    field: Literal["service", "engine", "exposure", "access", "severity", "compromised", "version", "tls"]
    before: Value
    after: Value
    direction: Direction


class ReportDiff(FrozenModel):
    """Two scans compared; every list is sorted worst first."""

    old: ScanRef
    new: ScanRef
    new_findings: tuple[Finding, ...] = ()
    closed_findings: tuple[Finding, ...] = ()
    changes: tuple[Change, ...] = ()
    service_changes: tuple[ServiceChange, ...] = ()
    unchanged: int = 0

    @computed_field  # type: ignore[prop-decorator]
    @property
    def summary(self) -> dict[str, int]:
        """Counts for dashboards and scripts."""
        return {
            "new": len(self.new_findings),
            "closed": len(self.closed_findings),
            "changed": len({c.fingerprint for c in self.changes}),
            "unchanged": self.unchanged,
            "worse": len({c.fingerprint for c in self.changes if c.direction == "worse"}),
            "service_changes": len(self.service_changes),
        }

    @property
    def is_empty(self) -> bool:
        return not (self.new_findings or self.closed_findings or self.changes or self.service_changes)

    def regressions(self, threshold: Severity) -> tuple[str, ...]:
        """Fingerprints of open findings at or above ``threshold`` that are new, rose to it, or lost their acceptance.

        What ``unguarded diff --fail-on-new`` fails on.
        """
        found = {f.fingerprint for f in self.new_findings if f.accepted is None and f.severity.at_least(threshold)}
        for c in self.changes:
            if c.accepted or not c.severity.at_least(threshold):
                continue
            if (c.field == "severity" and c.direction == "worse") or (c.field == "accepted" and c.after is False):
                found.add(c.fingerprint)
        return tuple(sorted(found))

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _ref(report: Report, label: str) -> ScanRef:
    return ScanRef(
        label=label, started_at=report.started_at, finished_at=report.finished_at, tool_version=report.tool.version
    )


def _rank(value: Value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _finding_changes(old: Finding, new: Finding) -> list[Change]:
    base = {
        "fingerprint": new.fingerprint,
        "location": new.location,
        "type": new.type,
        "rule_id": new.rule_id,
        "severity": new.severity,
        "accepted": new.accepted is not None,
    }
    out: list[Change] = []

    def add(field: str, before: Value, after: Value, direction: Direction) -> None:
        out.append(Change(**base, field=field, before=before, after=after, direction=direction))  # type: ignore[arg-type]

    if old.severity is not new.severity:
        add(
            "severity",
            old.severity.value,
            new.severity.value,
            "worse" if new.severity.rank > old.severity.rank else "better",
        )
    for name in ("records", "people"):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            direction: Direction = (
                "neutral" if before is None or after is None else ("worse" if after > before else "better")
            )
            if before is None and after is not None:
                direction = "worse"
            add(name, before, after, direction)
    for name, old_items, new_items in (
        ("category", old.categories, new.categories),
        ("pattern", old.patterns, new.patterns),
    ):
        for item in sorted(set(new_items) - set(old_items)):
            add(name, None, item, "worse")
        for item in sorted(set(old_items) - set(new_items)):
            add(name, item, None, "better")
    if (old.accepted is None) != (new.accepted is None):
        add("accepted", old.accepted is not None, new.accepted is not None, "neutral")
    return out


def _endpoint(service: Service) -> tuple[str, int]:
    return service.host.lower(), service.port


_EXPOSURE_RANK = {Exposure.PROTECTED: 0, Exposure.UNKNOWN: 1, Exposure.DEFAULT_CREDENTIALS: 2, Exposure.OPEN: 3}


def _trend(worse: bool, better: bool) -> Direction:
    return "worse" if worse else "better" if better else "neutral"


def _endpoint_changes(a: Service, b: Service) -> list[ServiceChange]:
    """What moved on one endpoint that both scans saw."""
    moved: list[tuple[str, Value, Value, Direction]] = []
    if a.engine != b.engine:
        moved.append(("engine", a.engine, b.engine, "neutral"))
    if a.exposure is not b.exposure:
        ra, rb = _EXPOSURE_RANK[a.exposure], _EXPOSURE_RANK[b.exposure]
        moved.append(("exposure", a.exposure.value, b.exposure.value, _trend(rb > ra, rb < ra)))
    if a.access is not b.access:
        ra, rb = a.access.rank, b.access.rank
        moved.append(("access", a.access.value, b.access.value, _trend(rb > ra, rb < ra)))
    if a.severity is not b.severity:
        ra, rb = a.severity.rank, b.severity.rank
        moved.append(("severity", a.severity.value, b.severity.value, _trend(rb > ra, rb < ra)))
    if a.compromised != b.compromised:
        moved.append(("compromised", a.compromised, b.compromised, _trend(b.compromised, a.compromised)))
    if a.version != b.version:
        moved.append(("version", a.version, b.version, "neutral"))
    if a.tls != b.tls:
        moved.append(("tls", a.tls, b.tls, _trend(a.tls, b.tls)))
    return [
        ServiceChange(location=host_port(b.host, b.port), engine=b.engine, field=field, before=x, after=y, direction=d)  # type: ignore[arg-type]
        for field, x, y, d in moved
    ]


def _service_changes(old: Iterable[Service], new: Iterable[Service]) -> list[ServiceChange]:
    before = {_endpoint(s): s for s in old}
    after = {_endpoint(s): s for s in new}
    out: list[ServiceChange] = []
    for key in sorted(before.keys() | after.keys()):
        a, b = before.get(key), after.get(key)
        if a is not None and b is not None:
            out += _endpoint_changes(a, b)
        elif b is not None:
            direction: Direction = "worse" if b.exposure.usable else "neutral"
            out.append(
                ServiceChange(
                    location=host_port(b.host, b.port),
                    engine=b.engine,
                    field="service",
                    before=None,
                    after=b.exposure.value,
                    direction=direction,
                )
            )
        elif a is not None:
            direction = "better" if a.exposure.usable else "neutral"
            out.append(
                ServiceChange(
                    location=host_port(a.host, a.port),
                    engine=a.engine,
                    field="service",
                    before=a.exposure.value,
                    after=None,
                    direction=direction,
                )
            )
    return out


_DIRECTION_ORDER = {"worse": 0, "neutral": 1, "better": 2}
_FIELD_ORDER = ("severity", "records", "people", "category", "pattern", "accepted")
_SERVICE_FIELD_ORDER = ("service", "engine", "exposure", "access", "severity", "compromised", "version", "tls")


def _finding_order(f: Finding) -> tuple[int, str, int, str, str]:
    return (-f.severity.rank, f.host, f.port, f.rule_id, f.dataset or "")


def diff_reports(old: Report, new: Report, *, old_label: str = "old", new_label: str = "new") -> ReportDiff:
    """Compare two scans (findings derived for reports saved without them)."""
    old, new = with_findings(old), with_findings(new)
    before = {f.fingerprint: f for f in old.findings}
    after = {f.fingerprint: f for f in new.findings}
    changes: list[Change] = []
    unchanged = 0
    for key in before.keys() & after.keys():
        found = _finding_changes(before[key], after[key])
        changes += found
        unchanged += not found
    changes.sort(
        key=lambda c: (
            -c.severity.rank,
            _DIRECTION_ORDER[c.direction],
            c.location,
            c.rule_id,
            _FIELD_ORDER.index(c.field),
            str(c.before),
            str(c.after),
        )
    )
    services = _service_changes(old.services, new.services)
    services.sort(key=lambda c: (_DIRECTION_ORDER[c.direction], c.location, _SERVICE_FIELD_ORDER.index(c.field)))
    return ReportDiff(
        old=_ref(old, old_label),
        new=_ref(new, new_label),
        new_findings=tuple(sorted((f for k, f in after.items() if k not in before), key=_finding_order)),
        closed_findings=tuple(sorted((f for k, f in before.items() if k not in after), key=_finding_order)),
        changes=tuple(changes),
        service_changes=tuple(services),
        unchanged=unchanged,
    )


__all__ = ["Change", "Direction", "ReportDiff", "ScanRef", "ServiceChange", "Value", "diff_reports"]
