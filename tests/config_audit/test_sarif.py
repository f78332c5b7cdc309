"""SARIF 2.1.0 for GitHub: schema-valid, levels and security-severity from Severity, stable fingerprints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from unguarded.config_audit import all_rules, audit_paths, sarif_log
from unguarded.models import Severity

from .helpers import FIXTURES, TODAY, validate_sarif


def _sarif(*paths: Path, cwd: Path) -> dict[str, Any]:
    log = sarif_log(audit_paths(list(paths), today=TODAY, cwd=cwd))
    validate_sarif(log)
    return log


def test_every_fixture_tree_gives_valid_sarif() -> None:
    log = _sarif(FIXTURES, cwd=FIXTURES)
    run = log["runs"][0]
    assert len(run["results"]) > 40
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/fixtures/")


def test_one_rule_per_id_with_help_and_github_properties() -> None:
    rules = _sarif(FIXTURES / "UG-PG-001", cwd=FIXTURES)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in all_rules()]
    for sarif_rule, rule in zip(rules, all_rules(), strict=True):
        assert sarif_rule["defaultConfiguration"]["level"] == rule.severity.sarif_level
        assert sarif_rule["properties"]["security-severity"] == rule.severity.security_severity
        assert rule.remediation.summary in sarif_rule["help"]["text"]
        assert sarif_rule["helpUri"].startswith("https://")
        tags = sarif_rule["properties"]["tags"]
        assert {"security", rule.engine, rule.category.value, f"external/cwe/cwe-{rule.cwe}"} <= set(tags)


def test_levels_follow_severity() -> None:
    results = _sarif(FIXTURES, cwd=FIXTURES)["runs"][0]["results"]
    levels = {r["properties"]["severity"]: r["level"] for r in results}
    assert levels == {s.value: s.sarif_level for s in Severity if s.value in levels}
    assert levels["critical"] == levels["high"] == "error" and levels["medium"] == "warning" and levels["low"] == "note"
    scores = {r["properties"]["severity"]: float(r["properties"]["security-severity"]) for r in results}
    assert scores["critical"] >= 9.0 and 7.0 <= scores["high"] < 9.0


def test_locations_are_relative_with_lines(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    write("deploy/redis.conf", "port 6379\nbind 0.0.0.0\nprotected-mode no\n")
    (result,) = _sarif(tmp_path, cwd=tmp_path)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "deploy/redis.conf", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 2}


def test_fingerprint_survives_moved_lines(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    path = write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    before = _sarif(tmp_path, cwd=tmp_path)["runs"][0]["results"][0]["partialFingerprints"]
    path.write_text("# a comment added above\nport 6379\nbind   0.0.0.0\nprotected-mode no\n")
    after = _sarif(tmp_path, cwd=tmp_path)["runs"][0]["results"][0]
    assert (
        after["partialFingerprints"] == before and after["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    )


def test_identical_lines_get_distinct_fingerprints(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    write("pg_hba.conf", "local all all md5\nlocal all all md5\n")
    results = _sarif(tmp_path, cwd=tmp_path)["runs"][0]["results"]
    prints = [r["partialFingerprints"]["unguarded/v1"] for r in results]
    assert len(prints) == 2 and len(set(prints)) == 2


def test_suppressed_results_carry_the_justification(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    write(
        "redis.conf",
        '# unguarded:ignore UG-REDIS-001 reason="throwaway CI container"\nbind 0.0.0.0\nprotected-mode no\n',
    )
    (result,) = _sarif(tmp_path, cwd=tmp_path)["runs"][0]["results"]
    assert result["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "throwaway CI container"}
    ]


def test_parse_errors_become_notifications(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    write("docker-compose.yml", "services:\n  db:\n    image: [unclosed\n")
    run = _sarif(tmp_path, cwd=tmp_path)["runs"][0]
    (note,) = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error" and "not valid YAML" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["region"]["startLine"] == 4


def test_an_unparsable_database_config_is_a_result(write: Callable[[str, str], Path], tmp_path: Path) -> None:
    write("pg_hba.conf", "host all all 10.0.0.0/8 trust\nhots all all 10.0.0.0/8 md5\n")
    (result,) = _sarif(tmp_path, cwd=tmp_path)["runs"][0]["results"]
    assert result["ruleId"] == "UG-CONFIG-001" and "unknown connection type 'hots'" in result["message"]["text"]
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
