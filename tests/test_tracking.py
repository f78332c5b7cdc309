"""A tracking system leads the findings and every report, in counts only."""

from __future__ import annotations

import json

from tests.fixed_report import fixed_report
from unguarded.findings import derive_findings, finding_type, service_findings
from unguarded.models import Access, Dataset, Exposure, FieldFinding, Link, PlaceShare, Service, Severity
from unguarded.report import FORMATS
from unguarded.tracking import duration, percent, tracking, tracking_sentence


def _people(records: int = 80_000, estimate: int | None = 80_000) -> Dataset:
    return Dataset(
        name="app.public.citizens",
        records=records,
        sampled=200,
        fields=(
            FieldFinding(path="name", categories=("person.name",), examples=("A*** B***",)),
            FieldFinding(path="id_no", categories=("national_id.cn_ric",), examples=("1101**********002X",)),
        ),
        patterns=("identity_records",),
        people_estimate=estimate,
        people_source="pg_stats.n_distinct of id",
    )


def _trail(name: str = "app.public.positions", records: int | None = 1_200_000, **extra: object) -> Dataset:
    return Dataset(
        name=name,
        records=records,
        sampled=200,
        fields=(FieldFinding(path="lat", categories=("location.coordinates",), examples=("39.9***",)),),
        patterns=("location_trail",),
        **extra,  # type: ignore[arg-type]
    )


def _service(*datasets: Dataset, linked: bool = True, exposure: Exposure = Exposure.OPEN) -> Service:
    links = (Link(source="app.public.citizens", to="app.public.positions", via=("id", "citizen_id"), people=79_000),)
    return Service(
        host="10.1.0.5",
        port=5432,
        engine="postgresql",
        exposure=exposure,
        access=Access.READ if exposure.usable else Access.NONE,
        severity=Severity.CRITICAL if exposure.usable else Severity.INFO,
        datasets=datasets,
        links=links if linked else (),
        patterns=("tracking_system",) if linked else (),
        people_exposed=80_000,
    )


def test_linked_identities_and_trail_lead_the_findings() -> None:
    places = (PlaceShare(kind="place_of_worship", share=0.072, positions=200),)
    service = _service(_people(), _trail(time_span_days=6.9, sensitive_places=places))
    findings = list(service_findings(service))
    first = findings[0]
    assert first.type == "tracking_system" and first.rule_id == finding_type("tracking_system").id
    assert first.severity is Severity.CRITICAL and first.dataset is None
    assert first.people == 79_000 and first.records == 1_200_000 and first.patterns == ("tracking_system",)
    assert first.message.endswith(
        "is a tracking system anyone can read: about 79,000 people identified by national ID, "
        "with 1,200,000 recorded positions over 7 days; 7% of positions at places of worship"
    )
    assert first.remediation is not None and any("Art. 33" in step for step in first.remediation.steps)
    # across services, a tracking system comes before other critical findings
    other = fixed_report().services[1]
    ordered = derive_findings(fixed_report(services=(other, service), findings=()))
    assert ordered[0].type == "tracking_system" and ordered[0].host == "10.1.0.5"


def test_people_from_the_identity_dataset_when_the_link_has_none() -> None:
    service = _service(_people(estimate=64_000), _trail()).model_copy(
        update={"links": (Link(source="app.public.citizens", to="app.public.positions", via=("id", "cid")),)}
    )
    moves = tracking(service)
    assert moves is not None and moves.people == 64_000 and moves.days is None
    assert tracking_sentence(service) == (
        "about 64,000 people identified by national ID, with 1,200,000 recorded positions"
    )


def test_trail_without_identities_is_said_as_trails() -> None:
    service = _service(_trail(time_span_days=0.5), linked=False)
    first = next(iter(service_findings(service)))
    assert first.type == "tracking_system" and first.patterns == ("location_trail",) and first.people is None
    assert "holds location trails anyone can read: 1,200,000 recorded positions of people or devices over 12 hours" in (
        first.message
    )


def test_no_trail_no_tracking_finding() -> None:
    service = _service(_people(), linked=False)
    assert tracking(service) is None
    assert "tracking_system" not in {f.type for f in service_findings(service)}


def test_protected_service_has_no_tracking_finding() -> None:
    service = _service(_people(), _trail(), exposure=Exposure.PROTECTED)
    assert list(service_findings(service)) == []


def test_places_weighted_by_records_across_trails() -> None:
    a = _trail(records=900, sensitive_places=(PlaceShare(kind="health", share=0.1, positions=200),))
    b = _trail(name="app.public.old_positions", records=100)
    service = _service(_people(), a, b, linked=False)
    moves = tracking(service)
    assert moves is not None and moves.positions == 1_000 and moves.places == (("health", 0.09),)


def test_every_report_leads_with_it() -> None:
    report = fixed_report()
    text = FORMATS["terminal"](report)
    html = FORMATS["html"](report)
    sarif = json.loads(FORMATS["sarif"](report))
    csv = FORMATS["csv"](report)
    sentence = "about 2,500,000 people identified by national ID, with 6,700,000 recorded positions over 24 hours"
    assert html.index("Tracking system") < html.index('id="charts"') and sentence in html
    assert sarif["runs"][0]["results"][0]["ruleId"] == "UG-SCAN-007"
    assert "UG-SCAN-007" in {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert csv.splitlines()[1].split(",")[1] == '"UG-SCAN-007"'
    assert text.startswith("TRACKING SYSTEM")


def test_wording_helpers() -> None:
    assert duration(1.0) == "24 hours" and duration(0.01) == "1 hour" and duration(0) == "0 hours"
    assert duration(2.4) == "2 days" and duration(400) == "400 days"
    assert percent(0.0749) == "7%" and percent(0.001) == "under 1%" and percent(0) == "0%"
