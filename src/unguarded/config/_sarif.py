"""SARIF 2.1.0 for GitHub code scanning: one rule per rule id, results on file and line.

GitHub reads ``level`` (error for high and critical, warning for medium, note below),
the ``security-severity`` property (its 0-10 scale) and ``partialFingerprints`` to keep
alerts stable while lines move. Both mappings come from :class:`~unguarded.models.Severity`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ._model import ConfigReport, FileError, Finding
from ._rule import Rule
from .rules import all_rules

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "unguarded/v1"


def render_sarif(report: ConfigReport, rules: Sequence[Rule] | None = None) -> str:
    return json.dumps(sarif_log(report, rules), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: ConfigReport, rules: Sequence[Rule] | None = None) -> dict[str, Any]:
    rules = tuple(rules or all_rules())
    index = {rule.id: i for i, rule in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "unguarded",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "rules": [_rule(rule) for rule in rules],
                    }
                },
                "originalUriBaseIds": {SRCROOT: {"uri": Path(report.root).as_uri().rstrip("/") + "/"}},
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": [_notification(e) for e in report.errors],
                    }
                ],
                "results": [_result(f, index) for f in report.findings],
            }
        ],
    }


def _rule(rule: Rule) -> dict[str, Any]:
    fix = rule.remediation
    steps = "\n".join(f"    {line}" for step in fix.steps for line in step.splitlines())
    refs = "\n".join(f"- {ref}" for ref in fix.references)
    return {
        "id": rule.id,
        "name": "".join(word.capitalize() for word in rule.title.replace("/", " ").split() if word.isalnum()),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "help": {
            "text": f"{rule.description}\n\nFix: {fix.summary}\n{steps}\n\nReferences:\n{refs}",
            "markdown": f"{rule.description}\n\n**Fix:** {fix.summary}\n\n```\n{chr(10).join(fix.steps)}\n```\n\n{refs}",
        },
        "helpUri": fix.references[0],
        "defaultConfiguration": {"level": rule.severity.sarif_level},
        "properties": {
            "tags": ["security", "configuration", rule.engine],
            "precision": "high",
            "security-severity": rule.severity.security_severity,
        },
    }


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


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "level": finding.severity.sarif_level,
        "message": {"text": f"{finding.message}. Fix: {finding.remediation.summary}"},
        "locations": [_location(finding.path, finding.line)],
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
        "properties": {"severity": finding.severity.value, "security-severity": finding.severity.security_severity},
    }
    if finding.rule_id in index:
        result["ruleIndex"] = index[finding.rule_id]
    if finding.suppressed and finding.suppression is not None:
        suppression: dict[str, Any] = {"kind": "inSource", "status": "accepted"}
        if finding.suppression.reason:
            suppression["justification"] = finding.suppression.reason
        result["suppressions"] = [suppression]
    return result


def _notification(error: FileError) -> dict[str, Any]:
    return {"level": "error", "message": {"text": error.message}, "locations": [_location(error.path, error.line)]}
