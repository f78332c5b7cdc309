"""diff_reports on variants of the fixed report: each kind of change, sorted worst first, value-free."""

from __future__ import annotations

import json

from tests.fixed_report import fixed_report
from tests.report.helpers import check_snapshot
from unguarded.diff import ReportDiff, diff_reports
from unguarded.models import Acceptance, Access, Dataset, Evidence, Exposure, FieldFinding, Report, Service, Severity
from unguarded.report.diff_terminal import render_diff

BASE = fixed_report()


def _with_service(index: int, **changes: object) -> Report:
    services = list(BASE.services)
    services[index] = services[index].model_copy(update=changes)
    return fixed_report(services=tuple(services), findings=())


def _dataset(service: Service, name: str, **changes: object) -> tuple[Dataset, ...]:
    return tuple(d.model_copy(update=changes) if d.name == name else d for d in service.datasets)


REDIS = 2  # index of the Redis service in fixed_report().services
TRACKING, POSTGRES, MEMCACHED = 0, 3, 4


def _changes(diff: ReportDiff) -> set[tuple[str, str, object, object, str]]:
    return {(c.location, c.field, c.before, c.after, c.direction) for c in diff.changes}


def test_same_report_is_all_unchanged() -> None:
    diff = diff_reports(BASE, BASE)
    assert diff.is_empty and diff.unchanged == len(BASE.findings)
    assert diff.summary == {"new": 0, "closed": 0, "changed": 0, "unchanged": 13, "worse": 0, "service_changes": 0}


def test_more_records() -> None:
    redis = BASE.services[REDIS]
    new = _with_service(REDIS, datasets=_dataset(redis, "session:*", records=2_900))
    diff = diff_reports(BASE, new)
    assert not diff.new_findings and not diff.closed_findings
    assert _changes(diff) == {
        ("10.0.0.7:6379/session:*", "records", 1_450, 2_900, "worse"),
        ("10.0.0.7:6379", "records", 1_454, 2_904, "worse"),
    }
    assert diff.unchanged == len(BASE.findings) - 2
    assert diff.summary["changed"] == 2 and diff.summary["worse"] == 2
    fewer = diff_reports(new, BASE)
    assert {c.direction for c in fewer.changes} == {"better"}


def test_dataset_removed_closes_its_finding_and_shrinks_the_service() -> None:
    tracking = BASE.services[TRACKING]
    kept = tuple(d for d in tracking.datasets if d.name != "tracking.positions")
    new = _with_service(TRACKING, datasets=kept, links=(), patterns=())
    diff = diff_reports(BASE, new)
    assert [(f.rule_id, f.dataset) for f in diff.closed_findings] == [
        ("UG-SCAN-004", "tracking.positions"),
        ("UG-SCAN-007", None),
    ]
    assert not diff.new_findings
    assert _changes(diff) == {
        ("10.0.0.5:27017", "pattern", "tracking_system", None, "better"),
        ("10.0.0.5:27017", "records", 9_200_012, 2_500_012, "better"),
        ("10.0.0.5:27017", "category", "location.coordinates", None, "better"),
        ("10.0.0.5:27017", "category", "special.religion", None, "better"),
        ("10.0.0.5:27017", "pattern", "location_trail", None, "better"),
        ("10.0.0.5:27017", "pattern", "special_category", None, "better"),
    }


def test_new_category() -> None:
    redis = BASE.services[REDIS]
    session = next(d for d in redis.datasets if d.name == "session:*")
    phone = FieldFinding(path="phone", categories=("contact.phone",), prevalence=0.5, examples=("+44 ****",))
    new = _with_service(REDIS, datasets=_dataset(redis, "session:*", fields=(*session.fields, phone)))
    diff = diff_reports(BASE, new)
    assert _changes(diff) == {
        ("10.0.0.7:6379/session:*", "category", None, "contact.phone", "worse"),
        ("10.0.0.7:6379", "category", None, "contact.phone", "worse"),
    }
    assert "category + contact.phone" in render_diff(diff)


def test_service_protected_closes_its_finding_and_says_how() -> None:
    new = _with_service(MEMCACHED, exposure=Exposure.PROTECTED, access=Access.NONE, severity=Severity.INFO)
    diff = diff_reports(BASE, new)
    assert [(f.type, f.location) for f in diff.closed_findings] == [("open_service", "10.0.0.8:11211")]
    assert not diff.changes and not diff.new_findings
    assert {(c.location, c.field, c.before, c.after, c.direction) for c in diff.service_changes} == {
        ("10.0.0.8:11211", "exposure", "open", "protected", "better"),
        ("10.0.0.8:11211", "access", "write", "none", "better"),
        ("10.0.0.8:11211", "severity", "medium", "info", "better"),
    }
    assert diff.regressions(Severity.INFO) == ()


def test_newly_compromised_is_a_new_critical_finding_and_a_regression() -> None:
    evidence = (Evidence(kind="ransom_note", detail="table named like a ransom note", dataset="chinook.public.readme"),)
    new = _with_service(POSTGRES, compromised=True, evidence=evidence, severity=Severity.CRITICAL)
    diff = diff_reports(BASE, new)
    assert [(f.type, f.severity, f.location) for f in diff.new_findings] == [
        ("compromised", Severity.CRITICAL, "db1.internal:5432")
    ]
    assert ("db1.internal:5432", "severity", "high", "critical", "worse") in _changes(diff)
    assert ("db1.internal:5432", "compromised", False, True, "worse") in {
        (c.location, c.field, c.before, c.after, c.direction) for c in diff.service_changes
    }
    compromised = diff.new_findings[0].fingerprint
    assert compromised in diff.regressions(Severity.CRITICAL)


def test_severity_up_counts_as_regression_at_its_new_level_only() -> None:
    new = _with_service(MEMCACHED, severity=Severity.HIGH)
    diff = diff_reports(BASE, new)
    (change,) = diff.changes
    assert (change.field, change.before, change.after, change.direction) == ("severity", "medium", "high", "worse")
    assert diff.regressions(Severity.HIGH) == (change.fingerprint,)
    assert diff.regressions(Severity.CRITICAL) == ()


def test_new_service_and_gone_service() -> None:
    extra = Service(
        host="10.0.0.20",
        port=6379,
        engine="redis",
        exposure=Exposure.OPEN,
        access=Access.ADMIN,
        severity=Severity.HIGH,
        severity_reason="anyone can administer it",
    )
    new = fixed_report(services=(*BASE.services[1:], extra), findings=())
    diff = diff_reports(BASE, new)
    assert {(f.location, f.type) for f in diff.new_findings} == {("10.0.0.20:6379", "open_service")}
    assert {f.location for f in diff.closed_findings} == {
        "10.0.0.5:27017",
        "10.0.0.5:27017/tracking.people",
        "10.0.0.5:27017/tracking.positions",
    }
    assert {(c.location, c.before, c.after, c.direction) for c in diff.service_changes if c.field == "service"} == {
        ("10.0.0.20:6379", None, "open", "worse"),
        ("10.0.0.5:27017", "open", None, "better"),
    }
    # closed findings come worst first
    assert [f.severity.rank for f in diff.closed_findings] == sorted(
        (f.severity.rank for f in diff.closed_findings), reverse=True
    )


def test_accepted_findings_do_not_fail_and_acceptance_changes_are_listed() -> None:
    target = next(f for f in BASE.findings if f.type == "open_service" and f.host == "10.0.0.8")
    accepted = Acceptance(reason="cache on an isolated network", accepted_by="ops")
    old = BASE.model_copy(
        update={
            "findings": tuple(f.model_copy(update={"accepted": accepted}) if f is target else f for f in BASE.findings)
        }
    )
    diff = diff_reports(old, BASE)
    (change,) = diff.changes
    assert (change.field, change.before, change.after) == ("accepted", True, False)
    assert diff.regressions(Severity.MEDIUM) == (target.fingerprint,)
    # a new finding that the baseline already accepts is listed but does not fail --fail-on-new
    without = fixed_report(services=tuple(s for s in BASE.services if s.host != "10.0.0.8"), findings=())
    later = diff_reports(without, old)
    assert [f.fingerprint for f in later.new_findings] == [target.fingerprint]
    assert later.regressions(Severity.INFO) == ()


def test_reports_saved_without_findings_still_diff() -> None:
    bare = BASE.model_copy(update={"findings": ()})
    diff = diff_reports(bare, BASE)
    assert diff.is_empty and diff.unchanged == len(BASE.findings)


def test_json_and_terminal_are_worst_first_and_value_free() -> None:
    redis = BASE.services[REDIS]
    tracking = BASE.services[TRACKING]
    extra = Service(
        host="10.0.0.20",
        port=11211,
        engine="memcached",
        exposure=Exposure.OPEN,
        access=Access.WRITE,
        severity=Severity.MEDIUM,
        severity_reason="anyone can write it",
    )
    services = list(BASE.services)
    services[REDIS] = redis.model_copy(update={"datasets": _dataset(redis, "session:*", records=2_900)})
    services[TRACKING] = tracking.model_copy(
        update={"datasets": tuple(d for d in tracking.datasets if d.name != "tracking.positions")}
    )
    services[MEMCACHED] = services[MEMCACHED].model_copy(
        update={"exposure": Exposure.PROTECTED, "access": Access.NONE, "severity": Severity.INFO}
    )
    services[POSTGRES] = services[POSTGRES].model_copy(
        update={
            "compromised": True,
            "severity": Severity.CRITICAL,
            "evidence": (Evidence(kind="wiped", detail="tables emptied"),),
        }
    )
    new = fixed_report(services=(*services, extra), findings=())
    diff = diff_reports(BASE, new, old_label="scan 1", new_label="scan 2")
    data = diff.to_json_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["summary"] == diff.summary and data["old"]["label"] == "scan 1"
    assert [f["severity"] for f in data["new_findings"]] == ["critical", "medium"]
    ranks = [Severity(c["severity"]).rank for c in data["changes"]]
    assert ranks == sorted(ranks, reverse=True)
    text = render_diff(diff)
    titles = [line.strip() for line in text.splitlines() if line and line[0].isalpha()]
    assert titles[0].startswith("unguarded diff: scan 1")
    assert titles[1:] == [
        "new findings",
        "changed findings",
        "closed findings (gone from the newer scan)",
        "endpoint changes",
    ]
    new_rows = text.split("new findings")[1].split("changed findings")[0]
    assert new_rows.index("CRITICAL") < new_rows.index("MEDIUM")
    # masked examples are not even carried into a diff: it is about findings, not contents
    examples = {e for s in BASE.services for d in s.datasets for f in d.fields for e in f.examples}
    assert examples and not any(e in text or e in json.dumps(data) for e in examples)
    check_snapshot("history-diff.txt", text)
