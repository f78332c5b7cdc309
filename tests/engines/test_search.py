"""OpenSearch against osmem-server; a secured Elasticsearch against its 401 stand-in."""

from __future__ import annotations

import hashlib
import json

import httpx

from tests.conftest import Lab, only_service, run_scan, validate_report

CANARY = "canary-search-41aa@leak-test.example"


def snapshot(base: str) -> str:
    listing = httpx.get(f"{base}/_cat/indices?format=json").json()
    docs = httpx.post(f"{base}/patients/_search", json={"size": 1000}).json()["hits"]["hits"]
    state = json.dumps(
        [
            sorted((i["index"], i["docs.count"]) for i in listing),
            sorted(json.dumps(d["_source"], sort_keys=True) for d in docs),
        ]
    )
    return hashlib.sha256(state.encode()).hexdigest()


def test_open_opensearch(lab: Lab, report_schema):
    server = lab.get("opensearch")
    base = f"http://127.0.0.1:{server.port}"
    httpx.put(f"{base}/patients", json={})
    lines = []
    for i in range(40):
        lines.append(json.dumps({"index": {"_index": "patients"}}))
        lines.append(
            json.dumps(
                {"name": "Maria Garcia", "email": CANARY if i == 0 else f"m{i}@example.es", "phone": "+34612345678"}
            )
        )
    httpx.post(
        f"{base}/_bulk?refresh=true", content="\n".join(lines) + "\n", headers={"content-type": "application/x-ndjson"}
    )
    before = snapshot(base)
    report = run_scan([f"http://127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access) == ("opensearch", "open", "admin")
    ds = {d.name: d for d in svc.datasets}["patients"]
    assert ds.records == 40 and {"contact.email", "contact.phone"} <= ds.categories
    assert snapshot(base) == before
    assert CANARY not in json.dumps(report.to_json_dict())
