"""Solr against its HTTP stand-in: open, protected (BasicAuth 401), read-only, bounded."""

from __future__ import annotations

import httpx

from tests.conftest import Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines import all_engines
from unguarded.engines.solr import ENGINE

CANARY = "canary-solr-5d1e@leak-test.example"


def patients(n: int) -> list[dict[str, object]]:
    return [
        {
            "id": str(i),
            "name_s": "Maria Garcia" if i % 2 else "John Smith",
            "email_s": CANARY if i == 0 else f"patient{i}@example.org",
            "phone_s": "+34612345678",
        }
        for i in range(n)
    ]


def _other_engines_probe_paths() -> set[str]:
    """The paths other engines' HTTP identification probes ask for (discovery tries them all)."""
    paths = set()
    for engine in all_engines():
        if engine is not ENGINE and engine.probe and engine.probe.startswith(b"GET "):
            paths.add(engine.probe.split(b" ")[1].split(b"?")[0].decode())
    return paths


def test_open_solr(lab: Lab, report_schema):
    server = lab.get("solr")
    server.seed({"cores": {"patients": patients(250), "logs": [{"id": "1", "level_s": "INFO"}]}})  # type: ignore[attr-defined]
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("solr", "open", "admin", "9.4.0")
    by_name = {d.name: d for d in svc.datasets}
    assert by_name["patients"].records == 250 and by_name["patients"].sampled == 200  # numDocs; rows bounded
    assert by_name["logs"].records == 1
    assert {"contact.email", "contact.phone", "person.name"} <= by_name["patients"].categories
    assert svc.severity == "critical"
    assert_value_free(report, CANARY)
    # read-only, from the stand-in's own request log: only GETs of info, CoreAdmin STATUS and select
    calls = server.requests()  # type: ignore[attr-defined]
    assert {c["method"] for c in calls} == {"GET"}
    solr_calls = [c for c in calls if c["path"] not in _other_engines_probe_paths()]
    assert all(
        c["path"] in ("/solr/admin/info/system", "/solr/admin/cores") or c["path"].endswith("/select")
        for c in solr_calls
    )
    assert all(c["query"]["action"] == ["STATUS"] for c in solr_calls if c["path"] == "/solr/admin/cores")
    assert {"rows": ["200"]}.items() <= {k: v for k, v in solr_calls[-1]["query"].items()}.items()


def test_protected_solr(lab: Lab, report_schema):
    server = lab.get("solr", protected=True)
    answer = httpx.get(f"http://127.0.0.1:{server.port}/solr/admin/cores?action=STATUS")
    assert answer.status_code == 401 and answer.headers["www-authenticate"] == 'Basic realm="solr"'
    report = run_scan([f"solr://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "solr",
        "protected",
        "none",
        (),
        "info",
    )
    assert svc.auth_detail and svc.auth_detail.startswith("HTTP 401")


def test_stand_in_refuses_updates_with_solrs_own_answers(lab: Lab):
    server = lab.get("solr")
    base = f"http://127.0.0.1:{server.port}"
    assert httpx.post(f"{base}/solr/patients/update", json=[{"id": "x"}]).status_code == 404
    cloud = httpx.get(f"{base}/solr/admin/collections?action=LIST&wt=json")
    assert cloud.status_code == 400 and "not running in SolrCloud mode" in cloud.json()["error"]["msg"]


def test_match_needs_solrs_own_answer():
    assert ENGINE.match(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"status": "ok"}') is None
    assert ENGINE.match(b'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="admin"\r\n\r\n') is None
    assert ENGINE.match(b"HTTP/1.1 200 OK\r\n\r\n" + b"x" * 100) is None


def test_solrcloud_collections_are_the_datasets(lab: Lab, report_schema):
    server = lab.get("solr")
    server.seed({"mode": "solrcloud", "cores": {"films": patients(30)}})  # type: ignore[attr-defined]
    report = run_scan([f"solr://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert [(d.name, d.records) for d in svc.datasets] == [("films", 30)]  # numFound of the collection
    listed = [c for c in server.requests() if c["path"] == "/solr/admin/collections"]  # type: ignore[attr-defined]
    assert listed and all(c["method"] == "GET" and c["query"]["action"] == ["LIST"] for c in listed)
