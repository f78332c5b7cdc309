"""What both SARIF writers share: the log envelope, the rule descriptor, help from a fix.

``unguarded config`` (rules on file lines) and ``unguarded scan`` (findings on live
endpoints) both upload to GitHub code scanning, so their rules must look alike: the
same help layout, the same ``level`` / ``security-severity`` mapping from
:class:`~unguarded.models.Severity`, the same tool driver. Only locations and results
differ, and those stay in each writer. It sits outside ``unguarded.report`` so the
config auditor does not import every scan reporter to write its SARIF.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from .models import Remediation, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "unguarded"


def camel_case(text: str) -> str:
    """A SARIF rule ``name`` from a title: ``Bound to all interfaces`` -> ``BoundToAllInterfaces``."""
    return "".join(word.capitalize() for word in text.replace("/", " ").split() if word.isalnum())


def cwe_tags(cwe: int | None) -> tuple[str, ...]:
    """The rule tag GitHub code scanning (and semgrep, KICS) use for a CWE: ``external/cwe/cwe-306``."""
    return () if cwe is None else (f"external/cwe/cwe-{cwe}",)


def help_text(description: str, fix: Remediation, *, steps: Literal["code", "list"] = "code") -> dict[str, str]:
    """A rule's ``help``: what it means, the fix, its steps and references, as text and markdown.

    ``code`` shows the steps as a code block (config lines to paste); ``list`` as a bullet
    list (prose steps that hold for every engine).
    """
    refs = "\n".join(f"- {ref}" for ref in fix.references)
    if steps == "code":
        text_steps = "\n".join(f"    {line}" for step in fix.steps for line in step.splitlines())
        markdown_steps = f"```\n{chr(10).join(fix.steps)}\n```"
    else:
        text_steps = "\n".join(f"  - {step}" for step in fix.steps)
        markdown_steps = "\n".join(f"1. {step}" for step in fix.steps)
    return {
        "text": f"{description}\n\nFix: {fix.summary}\n{text_steps}\n\nReferences:\n{refs}",
        "markdown": f"{description}\n\n**Fix:** {fix.summary}\n\n{markdown_steps}\n\n{refs}",
    }


def rule_descriptor(
    *,
    rule_id: str,
    name: str,
    title: str,
    description: str,
    fix: Remediation,
    severity: Severity,
    tags: Sequence[str],
    help_uri: str,
    precision: str = "high",
    steps: Literal["code", "list"] = "code",
) -> dict[str, Any]:
    """One ``reportingDescriptor``: GitHub reads ``security-severity`` only here, never on results."""
    return {
        "id": rule_id,
        "name": name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": description},
        "help": help_text(description, fix, steps=steps),
        "helpUri": help_uri,
        "defaultConfiguration": {"level": severity.sarif_level},
        "properties": {
            "tags": list(tags),
            "precision": precision,
            "security-severity": severity.security_severity,
        },
    }


def tool(version: str, rules: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The ``tool`` object: one driver, named and versioned the same by both writers."""
    return {
        "driver": {
            "name": TOOL_NAME,
            "version": version,
            "semanticVersion": version,
            "rules": list(rules),
        }
    }


def invocation(notifications: Iterable[Mapping[str, Any]], **extra: Any) -> dict[str, Any]:
    """The single invocation: the run finished (errors are notifications, not a failed run)."""
    return {"executionSuccessful": True, **extra, "toolExecutionNotifications": list(notifications)}


def envelope(run: Mapping[str, Any]) -> dict[str, Any]:
    """The SARIF log around one run."""
    return {"$schema": SCHEMA, "version": SARIF_VERSION, "runs": [dict(run)]}


def dumps(log: Mapping[str, Any]) -> str:
    """Stable, readable text: two-space indent, UTF-8 kept, trailing newline."""
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


__all__ = [
    "SARIF_VERSION",
    "SCHEMA",
    "TOOL_NAME",
    "camel_case",
    "cwe_tags",
    "dumps",
    "envelope",
    "help_text",
    "invocation",
    "rule_descriptor",
    "tool",
]
