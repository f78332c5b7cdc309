"""Findings: what each service verdict turns into, fingerprints that survive rescans,
and remediation for every finding type on every engine."""

from __future__ import annotations

import pytest

from tests.fixed_report import fixed_report, services
from unguarded.engines import all_engines
from unguarded.findings import FINDING_TYPES, FindingType, derive_findings, fingerprint, service_findings
from unguarded.models import Access, Dataset, Exposure, FieldFinding, Remediation, Severity


def _by_location(report_findings):  # type: ignore[no-untyped-def]
    return {(f.location, f.type): f for f in report_findings}


def test_fixed_report_findings() -> None:
    found = _by_location(fixed_report().findings)
    assert set(found) == {
        ("10.0.0.5:27017", "tracking_system"),
        ("10.0.0.5:27017", "open_service"),
        ("10.0.0.5:27017/tracking.people", "exposed_sensitive_data"),
        ("10.0.0.5:27017/tracking.positions", "exposed_sensitive_data"),
        ("10.0.0.6:27017", "open_service"),
        ("10.0.0.6:27017", "compromised"),
        ("10.0.0.7:6379", "open_service"),
        ("10.0.0.7:6379", "compromised"),
        ("10.0.0.7:6379/session:*", "exposed_personal_data"),
        ("db1.internal:5432", "default_credentials"),
        ("db1.internal:5432/chinook.public.customer", "exposed_personal_data"),
        ("10.0.0.8:11211", "open_service"),
        ("10.0.0.10:9200", "unknown_exposure"),
    }
    # The protected MySQL has nothing to act on; datasets without personal data are not findings.
    assert not any(f.host == "10.0.0.9" for f in fixed_report().findings)
    assert ("db1.internal:5432/chinook.public.track", "exposed_personal_data") not in found


def test_severity_follows_what_is_inside() -> None:
    found = _by_location(fixed_report().findings)
    assert found[("10.0.0.5:27017/tracking.people", "exposed_sensitive_data")].severity is Severity.CRITICAL
    # 1,450 records of e-mails: R5's threshold applies per dataset too
    assert found[("10.0.0.7:6379/session:*", "exposed_personal_data")].severity is Severity.CRITICAL
    assert found[("db1.internal:5432/chinook.public.customer", "exposed_personal_data")].severity is Severity.HIGH
    assert found[("10.0.0.8:11211", "open_service")].severity is Severity.MEDIUM
    assert found[("10.0.0.6:27017", "compromised")].severity is Severity.CRITICAL
    ordered = [f.severity.rank for f in fixed_report().findings]
    assert ordered == sorted(ordered, reverse=True)


def test_finding_carries_counts_categories_and_people() -> None:
    people = _by_location(fixed_report().findings)[("10.0.0.5:27017/tracking.people", "exposed_sensitive_data")]
    assert people.records == 2_500_000
    assert people.people == 2_500_000
    assert "national_id.cn_ric" in people.categories
    assert people.patterns == ("identity_records",)
    assert "2,500,000 records" in people.message


def test_fingerprints_ignore_counts_and_times() -> None:
    base = {f.fingerprint for f in fixed_report().findings}
    assert len(base) == len(fixed_report().findings), "fingerprints are unique within a report"
    changed = []
    for s in services():
        datasets = tuple(d.model_copy(update={"records": (d.records or 0) * 3 + 7, "sampled": 1}) for d in s.datasets)
        changed.append(s.model_copy(update={"datasets": datasets, "version": "99.0"}))
    later = fixed_report(services=tuple(changed), started_at=fixed_report().started_at.replace(year=2027))
    assert {f.fingerprint for f in later.findings} == base


def test_fingerprint_depends_on_what_identifies_the_finding() -> None:
    one = fingerprint("10.0.0.5", 27017, "mongodb", "a.b", "exposed_personal_data")
    assert one == fingerprint("10.0.0.5", 27017, "mongodb", "a.b", "exposed_personal_data")
    assert fingerprint("10.0.0.5", 27017, "mongodb", "a.B", "exposed_personal_data") != one
    assert fingerprint("10.0.0.5", 27018, "mongodb", "a.b", "exposed_personal_data") != one
    assert fingerprint("10.0.0.5", 27017, "mongodb", "a.b", "exposed_sensitive_data") != one
    # None and "" both mean service-wide
    assert fingerprint("10.0.0.5", 27017, "mongodb", None, "open_service") == fingerprint(
        "10.0.0.5", 27017, "mongodb", "", "open_service"
    )
    assert fingerprint("DB1.internal", 5432, "postgresql", None, "open_service") == fingerprint(
        "db1.internal", 5432, "postgresql", None, "open_service"
    )


def test_metadata_only_access_yields_no_dataset_findings() -> None:
    s = services()[0].model_copy(update={"access": Access.METADATA})
    kinds = {f.type for f in service_findings(s)}
    assert kinds == {"open_service"}


def test_protected_service_has_no_findings() -> None:
    s = services()[0].model_copy(
        update={"exposure": Exposure.PROTECTED, "access": Access.NONE, "severity": Severity.INFO}
    )
    assert list(service_findings(s)) == []


def test_unknown_engine_falls_back_to_service_remediation() -> None:
    s = services()[0].model_copy(update={"engine": "no-such-engine"})
    found = list(service_findings(s))
    assert found and all(f.remediation == s.remediation for f in found)


def test_dataset_with_only_a_pattern_is_a_finding() -> None:
    trail = Dataset(
        name="t.trail",
        records=10,
        fields=(FieldFinding(path="loc", categories=()),),
        patterns=("location_trail",),
    )
    s = services()[0].model_copy(update={"datasets": (trail,)})
    kinds = {f.type for f in service_findings(s)}
    assert "exposed_sensitive_data" in kinds


def test_derive_is_deterministic() -> None:
    report = fixed_report()
    assert derive_findings(report) == derive_findings(report) == report.findings


@pytest.mark.parametrize("engine", all_engines(), ids=lambda e: e.name)
@pytest.mark.parametrize("kind", FINDING_TYPES, ids=lambda k: k.name)
def test_every_finding_type_has_remediation_on_every_engine(engine, kind: FindingType) -> None:  # type: ignore[no-untyped-def]
    fix = engine.remediation_for(kind.name)
    assert fix.summary and fix.steps, (engine.name, kind.name)
    assert all(ref.startswith("https://") for ref in fix.references) and fix.references
    if kind.name.startswith("exposed_"):
        assert any("72 hours" in step for step in fix.steps), "exposed data carries the breach duty"


@pytest.mark.parametrize("engine", all_engines(), ids=lambda e: e.name)
def test_compromise_remediation_is_engine_specific(engine) -> None:  # type: ignore[no-untyped-def]
    assert engine.remediation_for("compromised") != engine.remediation


def test_finding_type_metadata_is_validated() -> None:
    fix = Remediation(summary="Fix it.", steps=("do this",))
    refs = ("https://example.org/checklist",)
    FindingType("UG-SCAN-009", "x", "X", "Y.", Severity.LOW, fix, cwe=306, references=refs)  # well formed
    with pytest.raises(ValueError):
        FindingType("UG-001", "x", "X", "Y.", Severity.LOW, fix, references=refs)
    with pytest.raises(ValueError):
        FindingType("UG-SCAN-009", "Not-An-Identifier", "X", "Y.", Severity.LOW, fix, references=refs)
    with pytest.raises(ValueError):
        FindingType("UG-SCAN-009", "x", "", "no full stop", Severity.LOW, fix, references=refs)
    with pytest.raises(ValueError):
        FindingType("UG-SCAN-009", "x", "X", "Y.", Severity.LOW, Remediation(summary="No steps."), references=refs)
    with pytest.raises(ValueError):
        FindingType("UG-SCAN-009", "x", "X", "Y.", Severity.LOW, fix, cwe=0, references=refs)
    with pytest.raises(ValueError):
        FindingType("UG-SCAN-009", "x", "X", "Y.", Severity.LOW, fix)
    ids = [t.id for t in FINDING_TYPES]
    assert len(ids) == len(set(ids))


def test_fixes_merge_by_summary_intrusion_first() -> None:
    from unguarded.findings import fixes_for

    redis = [f for f in fixed_report().findings if f.host == "10.0.0.7"]
    fixes = fixes_for(redis)
    assert [len(fix.findings) for fix in fixes] == [1, 2]
    assert fixes[0].findings[0].type == "compromised"
    plain, data = (f.remediation for f in fixes[1].findings)
    assert plain is not None and data is not None
    # the union, in order: the engine's steps, then the breach duty only the data finding has
    assert fixes[1].steps == tuple(dict.fromkeys((*plain.steps, *data.steps)))
    assert len(set(fixes[1].steps)) == len(fixes[1].steps)
    assert fixes_for([]) == []
