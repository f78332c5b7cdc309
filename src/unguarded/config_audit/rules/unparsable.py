"""Fail closed: a database's configuration that cannot be read or parsed is a finding.

Before, such a file was a note beside the report and the build passed: a repository
whose ``mongod.conf`` had a tab in its YAML, or whose ``redis.conf`` was saved in an
encoding nothing reads, was "clean". The audit cannot say what that file allows, and the
engine itself may read it differently or refuse to start with a fallback to its
defaults (Redis and MongoDB refuse; a default MongoDB before 3.6 binds every interface).
So the file fails the default gate (high) until it parses or carries an
``unguarded:ignore UG-CONFIG-001`` with a reason.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._parse.files import UnparsableConfig
from .._rule import ConfigRule, Hit, RuleCategory

FAILING_OPEN = "https://cwe.mitre.org/data/definitions/636.html"
YAML = "https://yaml.org/spec/1.2.2/"


def _unparsable(doc: UnparsableConfig) -> Iterator[Hit]:
    yield Hit(
        doc.line,
        f"named and placed like a database's configuration ({doc.format}), but could not be read as one: "
        f"{doc.reason}; "
        "what it allows cannot be checked, so the audit fails closed",
    )


RULES = (
    ConfigRule(
        id="UG-CONFIG-001",
        title="Database configuration file cannot be parsed",
        severity=Severity.HIGH,
        category=RuleCategory.HARDENING,
        cwe=636,
        description="A file that looks like a database's configuration (by its name and folder) could not be "
        "read or parsed, so nothing can be said about its binding, authentication or encryption; the engine "
        "may read it differently or start with its defaults. The audit fails closed rather than passing it.",
        remediation=Remediation(
            summary="Make the file parse (the message names the line and what is wrong), or mark it as not a "
            "database config.",
            steps=(
                "fix the syntax at the line shown (YAML: spaces, not tabs; one key per line; quote values with ':')",
                "save the file as UTF-8 (a byte-order mark is fine)",
                "if the file is not the engine's configuration, rename it, or add "
                '"# unguarded:ignore UG-CONFIG-001 reason=..." on its first line',
            ),
            references=(YAML, FAILING_OPEN),
        ),
        reads=UnparsableConfig,
        check=_unparsable,
    ),
)
