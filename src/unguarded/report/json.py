"""JSON report: the shared contract (report.schema.json), plus extra fields it allows.

Also the way back: ``unguarded diff`` and ``unguarded baseline create --from-report``
read reports this module wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from ..findings import with_findings
from ..models import Report, validation_problem


class ReportFileError(ValueError):
    """A report file that cannot be read back; the message is one value-free line."""


def render(report: Report) -> str:
    return json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False) + "\n"


def load_report(path: Path) -> Report:
    """A report written by ``unguarded scan --json``, findings derived if it predates them."""
    name = f"report file {str(path)!r}"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportFileError(f"cannot read {name}: it does not exist") from None
    except UnicodeDecodeError:
        raise ReportFileError(f"{name} is not a JSON report: it is not UTF-8 text") from None
    except OSError as exc:
        raise ReportFileError(f"cannot read {name}: {exc.strerror or exc.__class__.__name__}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ReportFileError(f"{name} is not a JSON report: it is nested too deeply") from None
    try:
        return with_findings(Report.model_validate(data))
    except RecursionError:
        raise ReportFileError(f"{name} is not a JSON report: it is nested too deeply") from None
    except ValidationError as exc:
        raise ReportFileError(
            f"{name} is not an unguarded JSON report ('unguarded scan --json'): {validation_problem(exc)}"
        ) from None
