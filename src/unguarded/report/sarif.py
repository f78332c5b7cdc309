"""SARIF 2.1.0 of a scan, for GitHub code scanning and DefectDojo.

One rule per finding type (:data:`unguarded.findings.FINDING_TYPES`), one result per
finding. A finding has no source file, so where it is needs care:

* GitHub rejects a whole upload if any result lacks a ``physicalLocation`` with a
  non-empty ``artifactLocation.uri`` (logical-only locations fail with "expected a
  physical location"), and rejects absolute URIs whose scheme is not the checkout's
  ``file:``. So each result gets a *relative* URI built from the endpoint,
  ``host/port[/dataset]`` with every segment percent-encoded (hostile dataset names
  cannot add ``..`` or ``/`` segments), much as image scanners name the image and DAST
  converters the URL path. The exact ``host:port/dataset`` is also a logical location.
* GitHub reads ``security-severity`` from the rule only, so a rule carries its finding
  type's usual severity (:attr:`~unguarded.findings.FindingType.severity`); each result keeps its own ``level`` and, in ``properties``,
  its own severity and score for tools that read them.
* ``automationDetails.id`` gives the scan its own code-scanning category, so uploading
  it does not close the alerts of an ``unguarded config`` upload (same tool name).

Rule help gives the fix that holds for every engine (the finding type's ``fix``), and
the tags its CWE (``external/cwe/cwe-306``, which GitHub links); the exact fix for the finding's
engine (summary in the message, steps and references in ``properties``) is per result.
Findings accepted by a baseline stay in, with an external suppression, so GitHub
closes their alerts rather than reopening them. Nothing here reads a sampled value:
messages are built from the value-free finding text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from .. import _sarif_common as common
from ..findings import FINDING_TYPES, FINGERPRINT_VERSION, FindingType, with_findings
from ..models import Acceptance, Finding, Report, ScanError, host_port

FINGERPRINT_KEY = f"unguarded/{FINGERPRINT_VERSION}"
#: the code-scanning category of scan results (``category/`` lets GitHub number the runs)
AUTOMATION_ID = "unguarded-scan/"


def render(report: Report) -> str:
    return common.dumps(sarif_log(report))


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log of a report, as a dict (tests validate it against the schema)."""
    report = with_findings(report)
    index = {kind.id: i for i, kind in enumerate(FINDING_TYPES)}
    notifications = [_notification(e, "error") for e in report.errors]
    notifications += [_notification(e, "warning") for s in report.services for e in s.errors]
    return common.envelope(
        {
            "tool": common.tool(report.tool.version, (_rule(kind) for kind in FINDING_TYPES)),
            "automationDetails": {"id": AUTOMATION_ID},
            "invocations": [
                common.invocation(
                    notifications,
                    startTimeUtc=_utc(report.started_at),
                    endTimeUtc=_utc(report.finished_at),
                )
            ],
            "results": [_result(f, index) for f in report.findings],
            "properties": {
                "schemaVersion": report.schema_version,
                "stats": report.stats.model_dump(mode="json"),
                "findings": len(report.findings),
                "openFindings": len(report.open_findings),
            },
        }
    )


def _utc(moment: dt.datetime) -> str:
    """SARIF wants UTC with a ``Z``; a naive time is taken to be UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment.isoformat() + "Z"


def _rule(kind: FindingType) -> dict[str, Any]:
    """A finding type's rule, from its metadata: usual severity, CWE, generic fix and references."""
    return common.rule_descriptor(
        rule_id=kind.id,
        name=common.camel_case(kind.name.replace("_", " ")),
        title=kind.title,
        description=kind.description,
        fix=kind.fix.model_copy(update={"references": kind.references}),
        severity=kind.severity,
        tags=("security", "database", "exposure", kind.name, *common.cwe_tags(kind.cwe)),
        help_uri=kind.references[0],
        precision="medium" if kind.name == "unknown_exposure" else "high",
        steps="list",
    )


def _text(message: str) -> str:
    """Plain SARIF message text in which a dataset name cannot forge an embedded ``[text](link)``.

    Viewers read ``[...](...)`` as a link (SARIF 3.11.6), so when a message holds ``](``
    every bracket is escaped; a plain ``[R4]`` stays readable.
    """
    if "](" not in message:
        return message
    return message.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _segment(part: str) -> str:
    """One percent-encoded URI path segment; ``.`` and ``..`` cannot climb out."""
    encoded = quote(part, safe="")
    return encoded.replace(".", "%2E") if encoded in (".", "..") else encoded


def _location(host: str, port: int | None, dataset: str | None) -> dict[str, Any]:
    parts = [host, *([str(port)] if port is not None else []), *([dataset] if dataset else [])]
    where = host_port(host, port) + (f"/{dataset}" if dataset else "")
    return {
        "physicalLocation": {"artifactLocation": {"uri": "/".join(_segment(p) for p in parts)}},
        "logicalLocations": [
            {
                "name": dataset or host_port(host, port),
                "fullyQualifiedName": where,
                "kind": "resource" if dataset else "module",
            }
        ],
    }


def _result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    fix = finding.remediation
    text = finding.message + (f". Fix: {fix.summary}" if fix is not None else "")
    result: dict[str, Any] = {"ruleId": finding.rule_id}
    if finding.rule_id in index:
        result["ruleIndex"] = index[finding.rule_id]
    result |= {
        "level": finding.severity.sarif_level,
        "message": {"text": _text(text)},
        "locations": [_location(finding.host, finding.port, finding.dataset)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "fingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": _properties(finding),
    }
    if finding.accepted is not None:
        result["suppressions"] = [_suppression(finding.accepted)]
    return result


def _properties(finding: Finding) -> dict[str, Any]:
    props: dict[str, Any] = {
        "severity": finding.severity.value,
        "security-severity": finding.severity.security_severity,
        "type": finding.type,
        "engine": finding.engine,
        "host": finding.host,
        "port": finding.port,
        "dataset": finding.dataset,
        "location": finding.location,
        "categories": list(finding.categories),
        "patterns": list(finding.patterns),
        "records": finding.records,
        "people": finding.people,
    }
    if finding.remediation is not None:
        props["remediation"] = finding.remediation.model_dump(mode="json")
    return props


def _suppression(accepted: Acceptance) -> dict[str, Any]:
    suppression: dict[str, Any] = {"kind": "external", "status": "accepted", "justification": accepted.reason}
    extra = {
        key: value
        for key, value in (
            ("expires", accepted.expires.isoformat() if accepted.expires else None),
            ("acceptedBy", accepted.accepted_by),
        )
        if value is not None
    }
    if extra:
        suppression["properties"] = extra
    return suppression


def _notification(error: ScanError, level: str) -> dict[str, Any]:
    prefix = " ".join(
        part
        for part in (host_port(error.host, error.port) if error.host else "", f"({error.stage})" if error.stage else "")
        if part
    )
    text = f"{prefix}: {error.message}" if prefix else error.message
    note: dict[str, Any] = {"level": level, "message": {"text": _text(text)}}
    if error.host:
        note["locations"] = [_location(error.host, error.port, None)]
    if error.stage:
        note["properties"] = {"stage": error.stage}
    return note


__all__ = ["AUTOMATION_ID", "FINGERPRINT_KEY", "render", "sarif_log"]
