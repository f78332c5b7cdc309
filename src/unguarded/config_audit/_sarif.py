"""SARIF 2.1.0 for GitHub code scanning: one rule per rule id, results on file and line.

GitHub reads ``level`` (error for high and critical, warning for medium, note below),
the ``security-severity`` property (its 0-10 scale) and ``partialFingerprints`` to keep
alerts stable while lines move. Both mappings come from :class:`~unguarded.models.Severity`.
A rule's tags carry its engine, its category and its CWE (``external/cwe/cwe-306``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import _sarif_common as common
from ._model import ConfigFinding, ConfigReport, FileError
from ._rule import ConfigRule
from .rules import all_rules

SCHEMA = common.SCHEMA
SRCROOT = "%SRCROOT%"
FINGERPRINT = "unguarded/v1"


def render_sarif(report: ConfigReport, rules: Sequence[ConfigRule] | None = None) -> str:
    return common.dumps(sarif_log(report, rules))


def sarif_log(report: ConfigReport, rules: Sequence[ConfigRule] | None = None) -> dict[str, Any]:
    rules = tuple(rules or all_rules())
    index = {rule.id: i for i, rule in enumerate(rules)}
    return common.envelope(
        {
            "tool": common.tool(report.tool_version, (_rule(rule) for rule in rules)),
            "originalUriBaseIds": {SRCROOT: {"uri": Path(report.root).as_uri().rstrip("/") + "/"}},
            "invocations": [common.invocation(_notification(e) for e in report.errors)],
            "results": [_result(f, index) for f in report.findings],
        }
    )


def _rule(rule: ConfigRule) -> dict[str, Any]:
    return common.rule_descriptor(
        rule_id=rule.id,
        name=common.camel_case(rule.title),
        title=rule.title,
        description=rule.description,
        fix=rule.remediation,
        severity=rule.severity,
        tags=("security", "configuration", rule.engine, rule.category.value, *common.cwe_tags(rule.cwe)),
        help_uri=rule.remediation.references[0],
    )


def _location(path: str, line: int | None) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": path}
    if not Path(path).is_absolute():
        artifact["uriBaseId"] = SRCROOT
    else:
        artifact["uri"] = Path(path).as_uri()
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line is not None:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _result(finding: ConfigFinding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": finding.severity.sarif_level,
        "message": {"text": f"{finding.message}. Fix: {finding.remediation.summary}"},
        "locations": [_location(finding.path, finding.line)],
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {"severity": finding.severity.value, "security-severity": finding.severity.security_severity},
    }
    if finding.related:  # the other file of a deployed combination (the mounted pg_hba.conf line)
        result["relatedLocations"] = [
            {"id": i, **_location(r.path, r.line), "message": {"text": r.message}}
            for i, r in enumerate(finding.related, 1)
        ]
    if finding.remediation.steps and finding.remediation.steps != _rule_steps(finding.rule_id):
        result["message"]["text"] += " " + "; ".join(finding.remediation.steps)
    if finding.rule_id in index:
        result["ruleIndex"] = index[finding.rule_id]
    if finding.suppressed and finding.suppression is not None:
        suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
        if finding.suppression.reason:
            suppression["justification"] = finding.suppression.reason
        result["suppressions"] = [suppression]
    return result


def _rule_steps(rule_id: str) -> tuple[str, ...]:
    rule = next((r for r in all_rules() if r.id == rule_id), None)
    return rule.remediation.steps if rule else ()


def _notification(error: FileError) -> dict[str, Any]:
    return {"level": "error", "message": {"text": error.message}, "locations": [_location(error.path, error.line)]}
