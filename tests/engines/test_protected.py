"""Every engine, protected: reported ``protected``, access ``none``, no datasets, info.

One table for all six engines so a new engine gets the same check by adding one row.
"""

from __future__ import annotations

import pytest

from tests.conftest import Lab, only_service, run_scan, validate_report

CASES = [
    # engine as the lab knows it, target template, engine reported, auth_detail starts with
    ("redis", "127.0.0.1:{port}", "redis", "password required"),
    ("memcached", "127.0.0.1:{port}", "memcached", "authentication required"),
    ("mongodb", "127.0.0.1:{port}", "mongodb", "authentication required"),
    ("elasticsearch", "127.0.0.1:{port}", "elasticsearch", "HTTP 401"),
    ("postgresql", "127.0.0.1:{port}", "postgresql", "password required"),  # no hint: found by its SSLRequest answer
    ("mysql", "mysql://127.0.0.1:{port}", "mysql", "password required"),
    ("zookeeper", "127.0.0.1:{port}", "zookeeper", "authentication required"),
    ("s3", "127.0.0.1:{port}", "s3", "HTTP 403"),  # no hint: found by its AccessDenied answer
]


@pytest.mark.parametrize(("lab_engine", "target", "engine", "detail"), CASES, ids=[c[0] for c in CASES])
def test_protected(lab: Lab, report_schema, lab_engine, target, engine, detail):
    server = lab.get(lab_engine, protected=True)
    report = run_scan([target.format(port=server.port)])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        engine,
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail and svc.auth_detail.startswith(detail), svc.auth_detail
    assert svc.remediation is None and not svc.compromised
