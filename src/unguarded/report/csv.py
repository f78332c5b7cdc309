"""CSV of a scan's findings, one row each, for spreadsheets and ticket imports.

Service-wide findings (open service, default login, intrusion) have an empty
``dataset`` cell; data findings name their dataset. Dataset names and hosts come from
the servers scanned, which may be hostile, so every text cell that a spreadsheet would
run as a formula (leading ``=``, ``+``, ``-``, ``@``, tab, CR or LF, after any spaces)
is prefixed with ``'`` (OWASP "CSV injection"), and text cells are always quoted so a
semicolon-separated locale cannot split a cell into a fresh one that starts with ``=``.
No masked example is written: the row says which categories, not what values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ..findings import with_findings
from ..models import Finding, Report, Service

COLUMNS: tuple[str, ...] = (
    "severity",
    "rule_id",
    "type",
    "title",
    "host",
    "port",
    "engine",
    "dataset",
    "records",
    "people",
    "categories",
    "patterns",
    "exposure",
    "access",
    "compromised",
    "accepted",
    "accepted_until",
    "fingerprint",
    "remediation",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

Cell = str | int


def neutralize(text: str) -> str:
    """A text cell no spreadsheet will evaluate: ``'`` before a formula-looking start."""
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def render(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(report))
    return buffer.getvalue()


def rows(report: Report) -> Iterator[list[Cell]]:
    """One row per finding, in report order (worst first), every text cell neutralized."""
    report = with_findings(report)
    services = {(s.host, s.port, s.engine): s for s in report.services}
    for finding in report.findings:
        row = _row(finding, services.get((finding.host, finding.port, finding.engine)))
        yield [neutralize(cell) if isinstance(cell, str) else cell for cell in row]


def _row(finding: Finding, service: Service | None) -> list[Cell]:
    accepted = finding.accepted
    return [
        finding.severity.value,
        finding.rule_id,
        finding.type,
        finding.title,
        finding.host,
        finding.port,
        finding.engine,
        finding.dataset or "",
        "" if finding.records is None else finding.records,
        "" if finding.people is None else finding.people,
        ";".join(finding.categories),
        ";".join(finding.patterns),
        service.exposure.value if service else "",
        service.access.value if service else "",
        ("true" if service.compromised else "false") if service else "",
        accepted.reason if accepted else "",
        accepted.expires.isoformat() if accepted and accepted.expires else "",
        finding.fingerprint,
        finding.remediation.summary if finding.remediation else "",
    ]


__all__ = ["COLUMNS", "neutralize", "render", "rows"]
