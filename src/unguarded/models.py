"""The small frozen models every stage exchanges.

A scan flows ``targets -> discovery -> engines -> classify -> risk -> report``; each arrow
passes one of the models below. They are pydantic models so that the JSON report is
just ``Report.model_dump(mode="json")`` and validates against the shared contract
(``shared/contracts/report.schema.json``). Nothing here may ever hold a raw value taken
from a scanned server: fields carry counts, category names and *masked* examples.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, ValidationError, model_serializer

SCHEMA_VERSION = 1


def validation_problem(exc: ValidationError) -> str:
    """A file that failed validation, in one line: the first problem as ``where: what``.

    Never pydantic's own text, which quotes the offending input: files that unguarded reads
    back (reports, baselines) can be hand-edited or hostile.
    """
    first = exc.errors(include_url=False, include_input=False)[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    problem = first["msg"]
    more = exc.error_count() - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where}: {problem}{suffix}" if where else f"{problem}{suffix}"


class FrozenModel(BaseModel):
    """Report values are immutable and strict: nothing downstream changes a verdict after the fact."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Exposure(StrEnum):
    """Whether an outsider gets in: with nothing, with a vendor default, or not at all."""

    OPEN = "open"
    DEFAULT_CREDENTIALS = "default_credentials"
    PROTECTED = "protected"
    UNKNOWN = "unknown"

    @property
    def usable(self) -> bool:
        """True when an outsider can use the service (no secret needed)."""
        return self in (Exposure.OPEN, Exposure.DEFAULT_CREDENTIALS)


class Access(StrEnum):
    """The most an outsider may do, from what the server says about the session."""

    NONE = "none"
    METADATA = "metadata"
    READ = "read"
    WRITE = "write"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Access).index(self)


class Severity(StrEnum):
    """Ordered severities; SARIF mappings follow GitHub's code-scanning scale."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse: info=0 ... critical=4."""
        return {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}[self.value]

    def at_least(self, other: Severity) -> bool:
        return self.rank >= other.rank

    @property
    def sarif_level(self) -> str:
        """SARIF ``level``: error for high and critical, warning for medium, note below."""
        if self.rank >= Severity.HIGH.rank:
            return "error"
        return "warning" if self is Severity.MEDIUM else "note"

    @property
    def security_severity(self) -> str:
        """GitHub ``security-severity`` score: >=9 critical, 7-8.9 high, 4-6.9 medium."""
        return {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0", "info": "0.0"}[self.value]


def host_port(host: str, port: int | None = None) -> str:
    """``host:port`` as people and URLs write it: IPv6 hosts in brackets; the host alone without a port."""
    bracketed = f"[{host}]" if ":" in host else host
    return bracketed if port is None else f"{bracketed}:{port}"


# --------------------------------------------------------------------------- targets


class Endpoint(FrozenModel):
    """One host and port to look at, with an optional engine hint from a URI scheme."""

    host: str
    address: str = Field(description="the IP address actually connected to")
    port: int = Field(ge=1, le=65535)
    hint: str | None = Field(default=None, description="engine name suggested by a URI or nmap")
    tls: bool = Field(default=False, description="speak TLS on this port (https://, rediss://, or found by probing)")
    path: str | None = Field(default=None, description="what a URI target named after the host (an S3 bucket)")

    @property
    def label(self) -> str:
        return host_port(self.host, self.port)


# --------------------------------------------------------------------------- findings


class FieldFinding(FrozenModel):
    """What one field (column, JSON path, key pattern) holds: categories, never values."""

    path: str
    categories: tuple[str, ...]
    prevalence: float | None = Field(default=None, ge=0, le=1)
    examples: tuple[str, ...] = Field(default=(), description="masked examples only")

    @model_serializer(mode="wrap")
    def _omit_unknown_prevalence(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The contract types ``prevalence`` as a number: leave it out when unknown, never null."""
        data: dict[str, Any] = handler(self)
        if data.get("prevalence") is None:
            data.pop("prevalence", None)
        return data


class PlaceShare(FrozenModel):
    """How many of a dataset's sampled positions are tagged with one kind of sensitive place."""

    kind: str = Field(description="place_of_worship, health, ...")
    share: float = Field(ge=0, le=1, description="share of the sampled positions tagged with this kind")
    positions: int = Field(ge=0, description="sampled positions the share is taken over")


#: Dataset fields left out of the JSON when unknown or empty, so older reports read the same
_OPTIONAL_DATASET_FIELDS = ("time_span_days", "sensitive_places", "people_source", "trail")


class Dataset(FrozenModel):
    """A collection, table, index or key group, with counts from metadata.

    ``time_span_days`` and ``sensitive_places`` describe time-stamped positions, from the
    sample (:mod:`unguarded.classify.movements`); ``people_source`` says where
    ``people_estimate`` came from: the sample, or the server's own statistics.
    """

    name: str
    kind: str = "table"
    records: int | None = Field(default=None, ge=0)
    records_exact: bool = Field(default=True, description="False when records is an estimate")
    bytes: int | None = Field(default=None, ge=0)
    sampled: int = Field(default=0, ge=0)
    fields: tuple[FieldFinding, ...] = ()
    patterns: tuple[str, ...] = ()
    people_estimate: int | None = Field(default=None, ge=0)
    people_source: str | None = Field(
        default=None, description="where people_estimate comes from, e.g. 'sample' or 'pg_stats.n_distinct of id'"
    )
    time_span_days: float | None = Field(
        default=None, ge=0, description="days between the earliest and the latest sampled time"
    )
    sensitive_places: tuple[PlaceShare, ...] = Field(
        default=(), description="share of sampled positions at places that reveal belief or health"
    )

    trail: str | None = Field(
        default=None, description="how a location trail was confirmed (a subject followed), or why it could not be"
    )

    @model_serializer(mode="wrap")
    def _omit_unknown_extras(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Leave the optional movement, people-source and trail fields out when unknown, never null."""
        data: dict[str, Any] = handler(self)
        for name in _OPTIONAL_DATASET_FIELDS:
            if data.get(name) in (None, [], ()):
                data.pop(name, None)
        return data

    @property
    def categories(self) -> set[str]:
        return {c for f in self.fields for c in f.categories}


class ScanError(FrozenModel):
    """A clear, value-free error message about one stage of one target."""

    message: str
    host: str | None = None
    port: int | None = None
    stage: str | None = None


class Evidence(FrozenModel):
    """Why a service was judged compromised or exposed; masked where personal."""

    kind: str
    detail: str
    dataset: str | None = Field(default=None, description="the dataset the evidence is about, if one")


class Remediation(FrozenModel):
    """How to close a finding on this engine: the exact setting or command."""

    summary: str
    steps: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


class Honeypot(FrozenModel):
    """Whether a service looks like an imitation, and the read-only observations behind it."""

    likely: bool
    signals: tuple[str, ...] = ()


class Link(FrozenModel):
    """A join between two datasets of one service: an identity dataset and what its key reaches.

    ``from`` is the identity (or parent) dataset and ``to`` the linked one, typically a
    location trail; ``via`` names the field on each side. A link between people and their
    positions is what makes a service a tracking system, the worst case unguarded exists for.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, serialize_by_alias=True)

    source: str = Field(alias="from", description="name of the identity (or parent) dataset")
    to: str = Field(description="name of the linked dataset, e.g. the trail")
    via: tuple[str, str] = Field(description="[field in from, field in to]")
    people: int | None = Field(default=None, ge=0, description="estimated distinct people joined")
    how: str = Field(
        default="", description="how the join was established: declared foreign key, key name, value overlap"
    )


class Service(FrozenModel):
    """The verdict on one endpoint: who can get in, what they may do, what is inside."""

    host: str
    port: int = Field(ge=1, le=65535)
    engine: str
    version: str | None = None
    tls: bool = False
    exposure: Exposure
    access: Access
    severity: Severity = Severity.INFO
    severity_reason: str = ""
    auth_detail: str | None = Field(
        default=None, description="how the session got in, e.g. 'no authentication', 'root with empty password'"
    )
    compromised: bool = False
    evidence: tuple[Evidence, ...] = ()
    datasets: tuple[Dataset, ...] = ()
    errors: tuple[ScanError, ...] = ()
    remediation: Remediation | None = None
    people_exposed: int | None = Field(
        default=None, ge=0, description="distinct people exposed, where it can be estimated"
    )
    honeypot: Honeypot | None = Field(default=None, description="set when the service was judged for being a honeypot")
    links: tuple[Link, ...] = Field(default=(), description="joins between this service's datasets")
    patterns: tuple[str, ...] = Field(
        default=(), description="service-level patterns across datasets, e.g. tracking_system"
    )

    @model_serializer(mode="wrap")
    def _omit_no_honeypot(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """The contract types ``honeypot`` as an object: leave it out when not judged, never null."""
        data: dict[str, Any] = handler(self)
        if data.get("honeypot") is None:
            data.pop("honeypot", None)
        return data

    @property
    def records(self) -> int:
        return sum(d.records or 0 for d in self.datasets)

    @property
    def readable_by_anyone(self) -> bool:
        """An outsider can use the service and read what is in it (not just list it)."""
        return self.exposure.usable and self.access.rank >= Access.READ.rank

    @property
    def categories(self) -> set[str]:
        return {c for d in self.datasets for c in d.categories}

    @property
    def all_patterns(self) -> set[str]:
        """The service's own patterns (``tracking_system``) and those of every dataset."""
        return set(self.patterns) | {p for d in self.datasets for p in d.patterns}


class Acceptance(FrozenModel):
    """Why a finding was accepted as a known risk (from a baseline), and until when."""

    reason: str
    expires: dt.date | None = None
    accepted_by: str | None = None


class Finding(FrozenModel):
    """One thing an owner must act on, with a fingerprint that survives rescans.

    The fingerprint hashes only what identifies the finding (host, port, engine,
    dataset, finding type), never counts or times, so history, diff and baselines can
    follow it from one scan to the next.
    """

    fingerprint: str
    rule_id: str = Field(description="finding type id, e.g. UG-SCAN-001; SARIF ruleId")
    type: str = Field(description="finding type name, e.g. open_service")
    title: str
    severity: Severity
    host: str
    port: int = Field(ge=1, le=65535)
    engine: str
    dataset: str | None = None
    message: str
    categories: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    records: int | None = Field(default=None, ge=0)
    people: int | None = Field(default=None, ge=0)
    remediation: Remediation | None = None
    accepted: Acceptance | None = Field(default=None, description="set when a baseline accepts this finding")

    @property
    def location(self) -> str:
        """``host:port/dataset``: where the finding is, for reports with no source file."""
        return host_port(self.host, self.port) + (f"/{self.dataset}" if self.dataset else "")


class ToolInfo(FrozenModel):
    name: str = "unguarded"
    version: str


class ScanStats(FrozenModel):
    addresses: int = 0
    ports_probed: int = 0
    open_ports: int = 0
    services: int = 0


class Report(FrozenModel):
    """One scan. ``model_dump(mode='json')`` validates against report.schema.json."""

    schema_version: int = SCHEMA_VERSION
    tool: ToolInfo
    started_at: dt.datetime
    finished_at: dt.datetime
    services: tuple[Service, ...] = ()
    errors: tuple[ScanError, ...] = ()
    stats: ScanStats = ScanStats()
    findings: tuple[Finding, ...] = Field(
        default=(), description="what to act on, derived from services (unguarded.findings)"
    )

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @property
    def worst(self) -> Severity:
        return max((s.severity for s in self.services), key=lambda s: s.rank, default=Severity.INFO)

    @property
    def all_errors(self) -> tuple[ScanError, ...]:
        """The scan's own errors, then every service's."""
        return (*self.errors, *(e for s in self.services for e in s.errors))

    @property
    def open_findings(self) -> tuple[Finding, ...]:
        """Findings not accepted by a baseline: what the exit code and reports act on."""
        return tuple(f for f in self.findings if f.accepted is None)
