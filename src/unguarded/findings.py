"""From services to findings: what an owner must act on, each with a stable fingerprint.

A service verdict says how bad an endpoint is; a *finding* is one thing to fix there:
the service is open, a vendor default login works, someone already got in, or a
particular dataset hands out personal data. Reporters (SARIF, CSV, HTML), history,
diff, baselines and alerts all speak in findings, so they all agree on what "the same
finding in the next scan" means: the same fingerprint.

Every finding type carries declarative metadata validated when this module loads: id,
title, what it means, how severe it usually is, its CWE, the fix that holds on every
engine and references. SARIF's rule table is built from it alone. The exact remediation
of a finding comes from its engine module
(:meth:`~unguarded.engines.base.Engine.remediation_for`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .classify.compromise import data_remains
from .engines import by_name
from .engines.base import BREACH_REFERENCE, presumed_copied
from .models import Exposure, Finding, Remediation, Report, Service, Severity
from .risk import MANY_RECORDS, is_sensitive
from .tracking import TRACKING_SYSTEM as TRACKING_PATTERN
from .tracking import tracking

FINGERPRINT_VERSION = "v1"


@dataclass(frozen=True)
class FindingType:
    """Metadata for one kind of finding; SARIF turns each into a rule.

    ``severity`` is the type's usual severity (GitHub shows it for every alert of the type;
    each finding keeps its own); ``cwe`` the weakness it is an instance of, if one fits;
    ``fix`` the remediation that holds on every engine (each finding carries its engine's).
    """

    id: str
    name: str
    title: str
    description: str
    severity: Severity
    fix: Remediation
    cwe: int | None = None
    references: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.id.startswith("UG-SCAN-") or not self.id[8:].isdigit():
            raise ValueError(f"finding type id {self.id!r} must look like UG-SCAN-NNN")
        if not self.name.isidentifier() or self.name != self.name.lower():
            raise ValueError(f"finding type name {self.name!r} must be a lower-case identifier")
        if not self.title or not self.description.endswith("."):
            raise ValueError(f"finding type {self.id} needs a title and a one-sentence description")
        if not isinstance(self.severity, Severity):
            raise ValueError(f"finding type {self.id}: severity must be a Severity")
        if not self.fix.summary or not self.fix.steps:
            raise ValueError(f"finding type {self.id} needs a generic fix with steps")
        if self.cwe is not None and self.cwe <= 0:
            raise ValueError(f"finding type {self.id}: a CWE id is a positive number")
        if not self.references or not all(ref.startswith("https://") for ref in self.references):
            raise ValueError(f"finding type {self.id} needs https references")


OWASP_DB = "https://cheatsheetseries.owasp.org/cheatsheets/Database_Security_Cheat_Sheet.html"
_PER_ENGINE = "Each result names the exact setting or command for its engine."
_BREACH = (
    "Presume what anyone could read was read: assess the exposure and notify the supervisory authority "
    "within 72 hours where the GDPR (Art. 33) or a similar law requires it"
)

OPEN_SERVICE = FindingType(
    "UG-SCAN-001",
    "open_service",
    "Data service usable without credentials",
    "Anyone who can reach this port can use the data service without a password.",
    Severity.HIGH,
    Remediation(
        summary="Require authentication and stop exposing the port to untrusted networks.",
        steps=(
            "Turn on the engine's authentication and give each client its own account with least privilege",
            "Listen on localhost or a private interface only",
            "Firewall the port from the internet and from networks that have no business reaching it",
            _PER_ENGINE,
        ),
    ),
    cwe=306,
    references=(OWASP_DB,),
)
DEFAULT_CREDENTIALS = FindingType(
    "UG-SCAN-002",
    "default_credentials",
    "Data service usable with a vendor default login",
    "A vendor default login (such as root with an empty password) opens this data service.",
    Severity.HIGH,
    Remediation(
        summary="Change or disable the vendor default login and require a strong secret for every account.",
        steps=(
            "Set a long random password on the default account, or disable it",
            "Give each client its own account with least privilege",
            "Firewall the port from untrusted networks",
            _PER_ENGINE,
        ),
    ),
    cwe=1392,
    references=(OWASP_DB,),
)
COMPROMISED = FindingType(
    "UG-SCAN-003",
    "compromised",
    "Signs of an earlier intrusion",
    "The service shows signs that someone already got in: a ransom note, wiped data or planted keys.",
    Severity.CRITICAL,
    Remediation(
        summary="Handle it as an incident: someone already got in.",
        steps=(
            "Preserve evidence (logs, the ransom note, planted keys) before changing anything",
            "Cut outside access, then rotate every credential the service or its host held",
            "Only if the data was wiped (the report says 'wiped'): restore it from a backup known to predate the "
            "intrusion. If it is still there, presume it was copied. Never pay a ransom",
            _BREACH,
            _PER_ENGINE,
        ),
    ),
    references=(OWASP_DB,),
)
SENSITIVE_DATA = FindingType(
    "UG-SCAN-004",
    "exposed_sensitive_data",
    "Sensitive data readable by anyone",
    "A dataset anyone can read holds national IDs, cards, bank accounts, credentials, biometrics, "
    "GDPR Article 9 data, identity records or location trails.",
    Severity.CRITICAL,
    Remediation(
        summary="Close access to the service now, then handle the exposure of sensitive personal data.",
        steps=(
            "Require authentication and firewall the port (see the service's own finding)",
            _BREACH,
            "Keep only the sensitive data you need, and encrypt or pseudonymise what you keep",
            _PER_ENGINE,
        ),
    ),
    cwe=359,
    references=(BREACH_REFERENCE, OWASP_DB),
)
PERSONAL_DATA = FindingType(
    "UG-SCAN-005",
    "exposed_personal_data",
    "Personal data readable by anyone",
    "A dataset anyone can read holds personal data such as names, e-mail addresses or phone numbers.",
    Severity.HIGH,
    Remediation(
        summary="Close access to the service now, then handle the exposure of personal data.",
        steps=(
            "Require authentication and firewall the port (see the service's own finding)",
            _BREACH,
            "Keep only the personal data you need",
            _PER_ENGINE,
        ),
    ),
    cwe=359,
    references=(BREACH_REFERENCE, OWASP_DB),
)
UNKNOWN_EXPOSURE = FindingType(
    "UG-SCAN-006",
    "unknown_exposure",
    "Could not tell whether the data service requires credentials",
    "The service answered, but the scan could not establish whether an outsider can use it.",
    Severity.LOW,
    Remediation(
        summary="Check by hand whether the service accepts outsiders without credentials, and close it if so.",
        steps=(
            "Connect from outside the network without credentials and see what the service allows",
            "If it lets you in, follow the fix for an open service",
            "Rescan with a longer deadline if the scan timed out",
        ),
    ),
    cwe=306,
    references=(OWASP_DB,),
)

TRACKING_SYSTEM = FindingType(
    "UG-SCAN-007",
    "tracking_system",
    "People's movements readable by anyone",
    "A service anyone can read records where people or their devices were and when (location trails), "
    "joined to who they are where the service also holds identities.",
    Severity.CRITICAL,
    Remediation(
        summary="Close access to the service now, then handle the exposure of people's identities and movements.",
        steps=(
            "Require authentication and firewall the port (see the service's own finding)",
            _BREACH,
            "Location trails single out people and reveal where they live, work, pray and get care: "
            "tell the people concerned where the law requires it (GDPR Art. 34)",
            "Keep positions only as long as needed, coarsen or aggregate them, and keep them apart from identities",
            _PER_ENGINE,
        ),
    ),
    cwe=359,
    references=(BREACH_REFERENCE, "https://gdpr-info.eu/art-34-gdpr/", OWASP_DB),
)

#: every finding type, in report order; SARIF's rule table is built from this.
FINDING_TYPES: tuple[FindingType, ...] = (
    OPEN_SERVICE,
    DEFAULT_CREDENTIALS,
    COMPROMISED,
    SENSITIVE_DATA,
    PERSONAL_DATA,
    UNKNOWN_EXPOSURE,
    TRACKING_SYSTEM,
)
_BY_NAME = {t.name: t for t in FINDING_TYPES}
if len(_BY_NAME) != len(FINDING_TYPES) or len({t.id for t in FINDING_TYPES}) != len(FINDING_TYPES):
    raise RuntimeError("finding type ids and names must be unique")


def finding_type(name: str) -> FindingType:
    return _BY_NAME[name]


def fingerprint(host: str, port: int, engine: str, dataset: str | None, type_name: str) -> str:
    """Stable id of a finding: what identifies it, never counts or times."""
    key = "\x1f".join((FINGERPRINT_VERSION, host.lower(), str(port), engine, dataset or "", type_name))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _remediation(service: Service, kind: FindingType) -> Remediation | None:
    """The engine's fix for this kind; an intrusion without a wipe gets the presumed-copied version."""
    engine = by_name(service.engine)
    fix = engine.remediation_for(kind.name) if engine is not None else service.remediation
    if kind is COMPROMISED and fix is not None and not any(e.kind == "wiped" for e in service.evidence):
        return presumed_copied(fix)
    return fix


def _finding(service: Service, kind: FindingType, severity: Severity, message: str, **extra: object) -> Finding:
    dataset = extra.pop("dataset", None)
    assert dataset is None or isinstance(dataset, str)
    return Finding(
        fingerprint=fingerprint(service.host, service.port, service.engine, dataset, kind.name),
        rule_id=kind.id,
        type=kind.name,
        title=kind.title,
        severity=severity,
        host=service.host,
        port=service.port,
        engine=service.engine,
        dataset=dataset,
        message=message,
        remediation=_remediation(service, kind),
        **extra,  # type: ignore[arg-type]
    )


def _records(n: int | None) -> str:
    return "an unknown number of" if n is None else f"{n:,}"


def service_findings(service: Service) -> Iterator[Finding]:
    """The findings on one service: a tracking system first, then service-wide ones, then per dataset."""
    where = f"{service.engine} on {service.host}:{service.port}"
    moves = tracking(service) if service.readable_by_anyone else None
    if moves is not None:
        involved = [d for d in service.datasets if d.name in (*moves.identity_datasets, *moves.trail_datasets)]
        yield _finding(
            service,
            TRACKING_SYSTEM,
            Severity.CRITICAL,
            f"{where} is a tracking system anyone can read: {moves.sentence()}"
            if moves.linked
            else f"{where} holds location trails anyone can read: {moves.sentence()}",
            categories=tuple(sorted({c for d in involved for c in d.categories})),
            patterns=(TRACKING_PATTERN,) if moves.linked else ("location_trail",),
            records=moves.positions,
            people=moves.people,
        )
    if service.exposure is Exposure.UNKNOWN:
        yield _finding(service, UNKNOWN_EXPOSURE, service.severity, f"{where}: {service.severity_reason}")
    if service.exposure.usable:
        kind = OPEN_SERVICE if service.exposure is Exposure.OPEN else DEFAULT_CREDENTIALS
        how = f"{service.auth_detail}, " if service.auth_detail else ""
        yield _finding(
            service,
            kind,
            service.severity,
            f"{where} is usable by anyone: {how}{service.access.value} access; {service.severity_reason}",
            categories=tuple(sorted(service.categories)),
            patterns=tuple(sorted(service.all_patterns)),
            records=service.records if service.datasets else None,
            people=service.people_exposed,
        )
    if service.compromised:
        kinds = sorted({e.kind for e in service.evidence})
        yield _finding(
            service,
            COMPROMISED,
            Severity.CRITICAL if service.exposure.usable else Severity.HIGH,
            f"{where} shows signs of an earlier intrusion: {', '.join(kinds)}"
            + (
                "; the data is still there beside the ransom note, so it was probably copied, not deleted"
                if data_remains(service.evidence)
                else ""
            ),
            patterns=tuple(sorted(service.all_patterns)),
        )
    if not service.readable_by_anyone:
        return
    for ds in service.datasets:
        categories = tuple(sorted(ds.categories))
        patterns = tuple(p for p in ds.patterns if p != "ransom_note")
        if not categories and not patterns:
            continue
        sensitive = is_sensitive(categories, patterns)
        kind = SENSITIVE_DATA if sensitive else PERSONAL_DATA
        many = (ds.records or 0) >= MANY_RECORDS
        severity = Severity.CRITICAL if sensitive or many else Severity.HIGH
        what = ", ".join((*patterns, *categories))
        yield _finding(
            service,
            kind,
            severity,
            f"{ds.name} on {where}: {_records(ds.records)} records readable by anyone, holding {what}",
            dataset=ds.name,
            categories=categories,
            patterns=patterns,
            records=ds.records,
            people=ds.people_estimate,
        )


@dataclass(frozen=True)
class Fix:
    """One remediation merged over the findings that share its summary (what to do, once)."""

    summary: str
    steps: tuple[str, ...]
    references: tuple[str, ...]
    findings: tuple[Finding, ...]


def fixes_for(findings: Iterable[Finding]) -> list[Fix]:
    """Distinct remediations over some findings (usually one service's), intrusion first.

    Findings of one engine share its fix; the exposed-data ones add the breach duty, so
    steps and references are merged in order rather than one version chosen.
    """
    merged: dict[str, tuple[list[str], list[str], list[Finding]]] = {}
    for finding in findings:
        fix = finding.remediation
        if fix is None:
            continue
        steps, refs, covered = merged.setdefault(fix.summary, ([], [], []))
        steps += [step for step in fix.steps if step not in steps]
        refs += [ref for ref in fix.references if ref not in refs]
        covered.append(finding)
    result = [Fix(summary, tuple(st), tuple(rf), tuple(fs)) for summary, (st, rf, fs) in merged.items()]
    return sorted(result, key=lambda fix: not any(f.type == "compromised" for f in fix.findings))


def derive_findings(report: Report) -> tuple[Finding, ...]:
    """Every finding in a report, worst first (a tracking system leads its severity), in a stable order."""
    found = [f for service in report.services for f in service_findings(service)]
    lead = TRACKING_SYSTEM.name
    return tuple(
        sorted(found, key=lambda f: (-f.severity.rank, f.type != lead, f.host, f.port, f.rule_id, f.dataset or ""))
    )


def with_findings(report: Report) -> Report:
    """The report with its findings filled in (kept if it already has them)."""
    if report.findings:
        return report
    return report.model_copy(update={"findings": derive_findings(report)})


__all__ = [
    "FINDING_TYPES",
    "Fix",
    "FindingType",
    "derive_findings",
    "finding_type",
    "fixes_for",
    "fingerprint",
    "service_findings",
    "with_findings",
]
