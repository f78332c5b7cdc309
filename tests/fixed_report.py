"""One fixed, realistic report for reporter snapshots, history, diff and baseline tests.

Built by hand (no servers) so every reporter is tested on the same input: an open
MongoDB of identity records linked to location trails (a tracking system), a ransomed
MongoDB, a Redis with planted cron keys, a PostgreSQL open with the vendor default login,
an open empty memcached, a protected MySQL and an Elasticsearch that could not be judged. Every
example is masked, as a real report's would be.
"""

from __future__ import annotations

import datetime as dt

from unguarded.engines import by_name
from unguarded.findings import with_findings
from unguarded.models import (
    Access,
    Dataset,
    Evidence,
    Exposure,
    FieldFinding,
    Link,
    PlaceShare,
    Report,
    ScanError,
    ScanStats,
    Service,
    Severity,
    ToolInfo,
)

STARTED = dt.datetime(2026, 11, 30, 9, 0, 0, tzinfo=dt.UTC)


def _remediation(engine: str):  # type: ignore[no-untyped-def]
    found = by_name(engine)
    assert found is not None
    return found.remediation


def services() -> tuple[Service, ...]:
    tracking = Service(
        host="10.0.0.5",
        port=27017,
        engine="mongodb",
        version="7.0.14",
        exposure=Exposure.OPEN,
        access=Access.ADMIN,
        severity=Severity.CRITICAL,
        severity_reason="anyone can read sensitive personal data [R4]",
        auth_detail="no authentication",
        people_exposed=2_500_000,
        remediation=_remediation("mongodb"),
        datasets=(
            Dataset(
                name="tracking.people",
                kind="collection",
                records=2_500_000,
                records_exact=False,
                bytes=1_900_000_000,
                sampled=200,
                fields=(
                    FieldFinding(path="name", categories=("person.name",), prevalence=1.0, examples=("Z*** W***",)),
                    FieldFinding(
                        path="idcard",
                        categories=("national_id.cn_ric",),
                        prevalence=0.99,
                        examples=("110105********123X", "3201**********1234"),
                    ),
                    FieldFinding(
                        path="birthday", categories=("person.birth_date",), prevalence=0.98, examples=("19**-**-**",)
                    ),
                    FieldFinding(
                        path="employer", categories=("person.employer",), prevalence=0.8, examples=("S***** T***",)
                    ),
                ),
                patterns=("identity_records",),
                people_estimate=2_500_000,
                people_source="sample",
            ),
            Dataset(
                name="tracking.positions",
                kind="collection",
                records=6_700_000,
                records_exact=False,
                bytes=900_000_000,
                sampled=200,
                fields=(
                    FieldFinding(path="person_id", categories=(), prevalence=None),
                    FieldFinding(
                        path="loc",
                        categories=("location.coordinates",),
                        prevalence=1.0,
                        examples=("39.9***, 116.3***",),
                    ),
                    FieldFinding(
                        path="place_type", categories=("special.religion",), prevalence=0.04, examples=("m****",)
                    ),
                ),
                patterns=("location_trail", "special_category"),
                time_span_days=1.0,
                sensitive_places=(
                    PlaceShare(kind="place_of_worship", share=0.04, positions=200),
                    PlaceShare(kind="health", share=0.015, positions=200),
                ),
            ),
            Dataset(name="tracking.settings", kind="collection", records=12, sampled=12),
        ),
        links=(
            Link(
                source="tracking.people",
                to="tracking.positions",
                via=("_id", "person_id"),
                people=2_500_000,
                how="same key values (3 of 3 sampled keys found)",
            ),
        ),
        patterns=("tracking_system",),
    )
    ransomed = Service(
        host="10.0.0.6",
        port=27017,
        engine="mongodb",
        version="4.4.29",
        exposure=Exposure.OPEN,
        access=Access.ADMIN,
        severity=Severity.CRITICAL,
        severity_reason="usable by anyone and already compromised [R3]",
        auth_detail="no authentication",
        compromised=True,
        evidence=(
            Evidence(
                kind="ransom_note",
                detail="collection named like a ransom note",
                dataset="READ__ME_TO_RECOVER_YOUR_DATA.README",
            ),
            Evidence(
                kind="wiped",
                detail="only the ransom note remains, no user data is left: the data was deleted "
                "(and probably copied first)",
            ),
        ),
        remediation=_remediation("mongodb"),
        datasets=(
            Dataset(
                name="READ__ME_TO_RECOVER_YOUR_DATA.README",
                kind="collection",
                records=1,
                sampled=1,
                patterns=("ransom_note",),
            ),
        ),
    )
    redis = Service(
        host="10.0.0.7",
        port=6379,
        engine="redis",
        version="7.0.15",
        exposure=Exposure.OPEN,
        access=Access.ADMIN,
        severity=Severity.CRITICAL,
        severity_reason="usable by anyone and already compromised [R3]",
        auth_detail="no authentication (default user, all commands)",
        compromised=True,
        evidence=(Evidence(kind="planted_keys", detail="key backup1 holds a cron line", dataset="backup*"),),
        remediation=_remediation("redis"),
        datasets=(
            Dataset(
                name="session:*",
                kind="keys",
                records=1_450,
                sampled=200,
                fields=(
                    FieldFinding(
                        path="email", categories=("contact.email",), prevalence=0.97, examples=("j***@e***.com",)
                    ),
                    FieldFinding(
                        path="ip", categories=("network.ip_address",), prevalence=0.95, examples=("203.0.***.***",)
                    ),
                ),
            ),
            Dataset(name="backup*", kind="keys", records=4, sampled=4),
        ),
    )
    postgres = Service(
        host="db1.internal",
        port=5432,
        engine="postgresql",
        version="15.8",
        exposure=Exposure.DEFAULT_CREDENTIALS,
        access=Access.ADMIN,
        severity=Severity.HIGH,
        severity_reason="anyone can read personal data [R6]",
        auth_detail="postgres with no password",
        remediation=_remediation("postgresql"),
        datasets=(
            Dataset(
                name="chinook.public.customer",
                records=59,
                bytes=16_384,
                sampled=59,
                fields=(
                    FieldFinding(
                        path="email", categories=("contact.email",), prevalence=1.0, examples=("l***@e***.br",)
                    ),
                    FieldFinding(
                        path="phone", categories=("contact.phone",), prevalence=0.98, examples=("+55 (12) ****-****",)
                    ),
                ),
            ),
            Dataset(name="chinook.public.track", records=3_503, bytes=401_408, sampled=200),
        ),
    )
    cache = Service(
        host="10.0.0.8",
        port=11211,
        engine="memcached",
        version="1.6.18",
        exposure=Exposure.OPEN,
        access=Access.WRITE,
        severity=Severity.MEDIUM,
        severity_reason="anyone can write or administer it (empty now: a ransom or hijack target) [R8]",
        auth_detail="no authentication",
        remediation=_remediation("memcached"),
    )
    mysql = Service(
        host="10.0.0.9",
        port=3306,
        engine="mysql",
        version="10.11.9-MariaDB",
        exposure=Exposure.PROTECTED,
        access=Access.NONE,
        severity=Severity.INFO,
        severity_reason="credentials required [R1]",
    )
    search = Service(
        host="10.0.0.10",
        port=9200,
        engine="elasticsearch",
        version="8.15.0",
        tls=True,
        exposure=Exposure.UNKNOWN,
        access=Access.NONE,
        severity=Severity.LOW,
        severity_reason="could not tell whether credentials are required [R2]",
        errors=(
            ScanError(
                host="10.0.0.10",
                port=9200,
                stage="deadline",
                message="assessment did not finish within the 60s service deadline",
            ),
        ),
    )
    return (tracking, ransomed, redis, postgres, cache, mysql, search)


def fixed_report(**changes: object) -> Report:
    """The fixed report, findings derived; ``changes`` replace top-level fields first."""
    report = Report(
        tool=ToolInfo(version="0.1.0"),
        started_at=STARTED,
        finished_at=STARTED + dt.timedelta(seconds=42),
        services=services(),
        errors=(
            ScanError(
                host="10.0.0.11", port=6379, stage="identify", message="accepted the connection but never answered"
            ),
        ),
        stats=ScanStats(addresses=11, ports_probed=220, open_ports=8, services=7),
    )
    if changes:
        report = report.model_copy(update=changes)
    return with_findings(report)
