"""JSON report: the shared contract (report.schema.json), plus extra fields it allows."""

from __future__ import annotations

import json

from ..models import Report


def render(report: Report) -> str:
    return json.dumps(report.to_json_dict(), indent=2, ensure_ascii=False) + "\n"
