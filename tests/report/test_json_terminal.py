"""Snapshots of the JSON and terminal reporters over the fixed report (volatile fields masked),
so every format in FORMATS has one; the JSON also validates against the shared contract."""

from __future__ import annotations

import json

import jsonschema

from tests.conftest import shared_dir
from tests.fixed_report import fixed_report
from tests.report.helpers import check_snapshot
from unguarded.models import Acceptance
from unguarded.report import FORMATS
from unguarded.report.terminal import render as render_terminal

VOLATILE = "<masked>"


def _masked_json(text: str) -> str:
    data = json.loads(text)
    data["tool"]["version"] = VOLATILE
    data["started_at"] = data["finished_at"] = VOLATILE
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_json_snapshot_and_contract() -> None:
    text = FORMATS["json"](fixed_report())
    schema = json.loads((shared_dir() / "contracts" / "report.schema.json").read_text())
    jsonschema.validate(json.loads(text), schema, format_checker=jsonschema.FormatChecker())
    check_snapshot("report.json", _masked_json(text))


def test_json_masking_hides_only_volatile_fields() -> None:
    later = fixed_report(started_at=fixed_report().started_at.replace(year=2030))
    later = later.model_copy(update={"tool": later.tool.model_copy(update={"version": "9.9.9"})})
    assert _masked_json(FORMATS["json"](later)) == _masked_json(FORMATS["json"](fixed_report()))


def test_terminal_snapshot() -> None:
    check_snapshot("report.txt", render_terminal(fixed_report(), width=120))


def test_terminal_leaves_out_services_a_baseline_fully_accepts() -> None:
    report = fixed_report()
    accepted = tuple(
        f.model_copy(update={"accepted": Acceptance(reason="decoy")}) if f.host == "10.0.0.8" else f
        for f in report.findings
    )
    text = render_terminal(report.model_copy(update={"findings": accepted}), width=120)
    assert "10.0.0.8" not in text
    assert "1 findings accepted in the baseline are not shown (1 services with nothing new)" in text
    assert "10.0.0.5:27017" in text


def test_terminal_fix_puts_the_intrusion_first_and_keeps_the_breach_duty() -> None:
    text = render_terminal(fixed_report(), width=200)
    redis = text[text.index("CRITICAL  10.0.0.7:6379") :]
    redis = redis[: redis.index("\nCRITICAL  ", 1)]
    fixes = [line.strip() for line in redis.splitlines() if line.strip().startswith("fix:")]
    assert fixes[0].startswith("fix: Treat it as a host intrusion")
    assert len(fixes) == 2 and "72 hours" in redis
