"""SARIF of a scan: schema-valid, one rule per finding type, GitHub's mappings, stable fingerprints."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.fixed_report import fixed_report
from unguarded import _sarif_common as common
from unguarded.config_audit import audit_paths
from unguarded.config_audit import render_sarif as render_config_sarif
from unguarded.findings import FINDING_TYPES
from unguarded.models import Acceptance, Dataset, Report, Service, Severity
from unguarded.report import FORMATS
from unguarded.report.sarif import FINGERPRINT_KEY, render

from .helpers import check_snapshot, validate_sarif

ACCEPTED = Acceptance(
    reason="honeypot run by the security team", expires=dt.date(2027, 1, 31), accepted_by="sec@example.org"
)


def _run(report: Report) -> dict[str, Any]:
    run: dict[str, Any] = validate_sarif(render(report))["runs"][0]
    return run


def _accepted_report() -> Report:
    report = fixed_report()
    first, *rest = report.findings
    return report.model_copy(update={"findings": (first.model_copy(update={"accepted": ACCEPTED}), *rest)})


def _empty_report() -> Report:
    return fixed_report(services=(), errors=())


def _hostile_report() -> Report:
    """Dataset names a hostile server could pick, on an IPv6 host."""
    base = fixed_report().services[0]
    names = ("../../etc/passwd", "..", ".", "[click](https://evil.example)", '=HYPERLINK("http://x")', "a/b c%2F")
    datasets = tuple(
        ds.model_copy(update={"name": name}) for ds, name in zip(base.datasets[:2] * 3, names, strict=True)
    )
    return fixed_report(services=(base.model_copy(update={"host": "::1", "datasets": datasets}),), errors=())


def _strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.parametrize(
    "make",
    [fixed_report, _accepted_report, _empty_report, _hostile_report],
    ids=["fixed", "accepted", "empty", "hostile"],
)
def test_every_report_gives_schema_valid_sarif(make: Any) -> None:
    report = make()
    run = _run(report)
    assert len(run["results"]) == len(report.findings)
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [t.id for t in FINDING_TYPES]


def test_the_registered_format_and_the_config_writer_both_validate(tmp_path: Path) -> None:
    validate_sarif(FORMATS["sarif"](fixed_report()))
    (tmp_path / "redis.conf").write_text("bind 0.0.0.0\n")
    config = validate_sarif(render_config_sarif(audit_paths([tmp_path], today=dt.date(2026, 11, 22), cwd=tmp_path)))
    assert config["runs"][0]["results"]


def _masked(text: str) -> str:
    log = json.loads(text)
    driver = log["runs"][0]["tool"]["driver"]
    driver["version"] = driver["semanticVersion"] = "<version>"
    for invocation in log["runs"][0]["invocations"]:
        invocation["startTimeUtc"] = invocation["endTimeUtc"] = "<time>"
    return common.dumps(log)


def test_snapshot() -> None:
    text = render(fixed_report())
    assert _masked(text) != text  # the volatile fields exist and were masked
    check_snapshot("report.sarif.json", _masked(text))


def test_one_rule_per_finding_type_with_generic_fix_and_github_properties() -> None:
    rules = _run(fixed_report())["tool"]["driver"]["rules"]
    for rule, kind in zip(rules, FINDING_TYPES, strict=True):
        severity = kind.severity
        assert rule["id"] == kind.id and rule["shortDescription"]["text"] == kind.title
        assert rule["fullDescription"]["text"] == kind.description
        assert rule["name"].isalnum() and rule["name"][0].isupper()
        assert rule["defaultConfiguration"]["level"] == severity.sarif_level
        assert rule["properties"]["security-severity"] == severity.security_severity
        assert "security" in rule["properties"]["tags"]
        assert (f"external/cwe/cwe-{kind.cwe}" in rule["properties"]["tags"]) == (kind.cwe is not None)
        assert kind.fix.summary in rule["help"]["text"]
        assert kind.fix.summary in rule["help"]["markdown"]
        assert all(step in rule["help"]["text"] for step in kind.fix.steps)
        assert rule["helpUri"] == kind.references[0] and rule["helpUri"].startswith("https://")
        assert all(ref in rule["help"]["text"] for ref in kind.references)


def test_one_result_per_finding_with_the_engine_fix() -> None:
    report = fixed_report()
    run = _run(report)
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(report.findings) == 13
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] == finding.rule_id == rules[result["ruleIndex"]]["id"]
        assert finding.remediation is not None
        assert result["message"]["text"].endswith(f"Fix: {finding.remediation.summary}")
        props = result["properties"]
        assert props["remediation"]["steps"] == list(finding.remediation.steps)
        assert props["remediation"]["references"] == list(finding.remediation.references)
        assert (props["engine"], props["categories"], props["patterns"]) == (
            finding.engine,
            list(finding.categories),
            list(finding.patterns),
        )
        assert (props["records"], props["people"]) == (finding.records, finding.people)
        assert "suppressions" not in result


def test_levels_and_security_severity_follow_each_severity() -> None:
    report = fixed_report()
    template = report.findings[0]
    findings = tuple(
        template.model_copy(update={"severity": s, "fingerprint": f"{i:032x}"}) for i, s in enumerate(Severity)
    )
    results = _run(report.model_copy(update={"findings": findings}))["results"]
    levels = {r["properties"]["severity"]: r["level"] for r in results}
    assert levels == {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
    scores = {r["properties"]["severity"]: float(r["properties"]["security-severity"]) for r in results}
    assert scores["critical"] >= 9.0 and 7.0 <= scores["high"] < 9.0 and 4.0 <= scores["medium"] < 7.0
    assert scores["low"] < 4.0 and scores["info"] < scores["low"]


def _recounted(service: Service, factor: int) -> Service:
    def recount(ds: Dataset) -> Dataset:
        return ds.model_copy(update={"records": None if ds.records is None else ds.records * factor + 7})

    people = None if service.people_exposed is None else service.people_exposed * factor
    return service.model_copy(update={"datasets": tuple(map(recount, service.datasets)), "people_exposed": people})


def test_fingerprints_are_stable_and_ignore_counts() -> None:
    assert render(fixed_report()) == render(fixed_report())
    before = _run(fixed_report())["results"]
    recounted = fixed_report(services=tuple(_recounted(s, 3) for s in fixed_report().services))
    after = _run(recounted)["results"]
    assert [r["properties"]["records"] for r in before] != [r["properties"]["records"] for r in after]
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["fingerprints"] for r in before] == [r["fingerprints"] for r in after]
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in before]
    assert prints == [f.fingerprint for f in fixed_report().findings] and len(set(prints)) == len(prints)


def test_a_baseline_accepted_finding_stays_with_an_external_suppression() -> None:
    results = _run(_accepted_report())["results"]
    assert results[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": ACCEPTED.reason,
            "properties": {"expires": "2027-01-31", "acceptedBy": "sec@example.org"},
        }
    ]
    assert not any("suppressions" in r for r in results[1:])
    assert len(results) == len(fixed_report().findings)


def test_scan_errors_become_notifications_and_the_run_still_succeeds() -> None:
    report = fixed_report()
    (invocation,) = _run(report)["invocations"]
    notes = invocation["toolExecutionNotifications"]
    assert invocation["executionSuccessful"] is True
    service_errors = [e for s in report.services for e in s.errors]
    assert len(notes) == len(report.errors) + len(service_errors) == 2
    assert [n["level"] for n in notes] == ["error", "warning"]
    assert notes[0]["message"]["text"] == "10.0.0.11:6379 (identify): accepted the connection but never answered"
    assert notes[1]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "10.0.0.10:9200"
    assert _run(_empty_report())["invocations"][0]["toolExecutionNotifications"] == []


@pytest.mark.parametrize("make", [fixed_report, _hostile_report], ids=["fixed", "hostile"])
def test_locations_are_relative_uris_github_accepts_plus_the_logical_endpoint(make: Any) -> None:
    report = make()
    for result, finding in zip(_run(report)["results"], report.findings, strict=True):
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        parts = urlsplit(uri)
        # relative (no scheme, no host): GitHub rejects absolute URIs not on the checkout's file: scheme
        assert uri and not parts.scheme and not parts.netloc and not uri.startswith("/")
        segments = uri.split("/")
        assert ".." not in segments and "." not in segments
        expected = [finding.host, str(finding.port), *([finding.dataset] if finding.dataset else [])]
        assert [unquote(s) for s in segments] == expected
        (logical,) = location["logicalLocations"]
        assert logical["fullyQualifiedName"] == finding.location
        assert logical["kind"] == ("resource" if finding.dataset else "module")


def test_a_dataset_name_cannot_forge_an_embedded_link() -> None:
    results = _run(_hostile_report())["results"]
    texts = [r["message"]["text"] for r in results]
    forged = [t for t in texts if "click" in t]
    assert forged and all(re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", t) is None for t in forged)
    assert all("\\[click\\](https://evil.example)" in t for t in forged)
    plain = next(r for r in _run(fixed_report())["results"] if r["ruleId"] == "UG-SCAN-001")["message"]["text"]
    assert "[R4]" in plain  # brackets that form no link are left readable


def test_only_the_reports_masked_examples_could_appear() -> None:
    """No raw value: any example-shaped string must be one of the report's masked examples."""
    report = fixed_report()
    examples = {e for s in report.services for d in s.datasets for f in d.fields for e in f.examples}
    assert examples
    shaped = re.compile(r"\w\*+\w|\*{3,}")
    for text in (render(report), render(_accepted_report())):
        for leaf in _strings(json.loads(text)):
            for match in shaped.finditer(leaf):
                assert any(match.group() in example for example in examples), leaf


def test_the_validator_itself_rejects_broken_logs() -> None:
    """validate_sarif must be able to fail: a result without a message, a URI with a space, a bad time."""
    good = json.loads(render(fixed_report()))
    breakers: tuple[Callable[[dict[str, Any]], object], ...] = (
        lambda run: run["results"][0].pop("message"),
        lambda run: run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(uri="a b"),
        lambda run: run["invocations"][0].update(startTimeUtc="yesterday"),
    )
    for breaking in breakers:
        broken = json.loads(json.dumps(good))
        breaking(broken["runs"][0])
        with pytest.raises(AssertionError):
            validate_sarif(broken)


CANARY = {"email": "orla.sarifcanary@example.org", "name": "Orla Sarifcanary", "phone": "+4915712345678"}


@pytest.mark.servers
def test_a_real_scan_through_the_cli_writes_valid_sarif_and_csv_without_raw_values(lab: Any, tmp_path: Path) -> None:
    import csv
    import subprocess
    import sys

    import redis

    server = lab.get("redis")
    client = redis.Redis(port=server.port)
    keys = [f"sarifcanary:{i}" for i in range(30)]
    for key in keys:
        for field, value in CANARY.items():
            client.hset(key, field, value)
    try:
        sarif_path, csv_path = tmp_path / "scan.sarif", tmp_path / "scan.csv"
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "unguarded.cli",
                "scan",
                f"redis://127.0.0.1:{server.port}",
                "-q",
                "--no-store",
                "--sarif",
                str(sarif_path),
                "--csv",
                str(csv_path),
            ],
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode in (0, 1), done.stderr
        sarif_text, csv_text = sarif_path.read_text(), csv_path.read_text()
        results = validate_sarif(sarif_text)["runs"][0]["results"]
        rows = list(csv.DictReader(io.StringIO(csv_text, newline="")))
        assert results and len(rows) == len(results)
        assert [r["fingerprint"] for r in rows] == [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
        assert any(r["properties"]["dataset"] == "sarifcanary:*" for r in results)
        for value in (*CANARY.values(), "sarifcanary@", "Sarifcanary", "12345678"):
            assert value not in sarif_text and value not in csv_text, value
    finally:
        client.delete(*keys)
