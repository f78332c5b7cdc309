"""``unguarded config`` on the real app: exit codes, output flags, errors in one line as for ``scan``."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from unguarded.cli import app
from unguarded.config_audit import RuleLoadError

from .helpers import FIXTURES, validate_sarif

runner = CliRunner()


def invoke(*args: str) -> Result:
    return runner.invoke(app, ["config", *args, "--today", "2026-11-22"])


def one_error_line(result: Result) -> str:
    """The one line every command gives for a usage error, exactly as ``scan`` does."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("unguarded: error: "), result.stderr
    assert "Traceback" not in result.output and not result.stdout
    return lines[0]


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def test_findings_at_threshold_exit_1(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    result = invoke(".")
    assert result.exit_code == 1, result.output
    assert "UG-REDIS-001" in result.output and "redis.conf:1" in result.output
    assert "bind 127.0.0.1 -::1" in result.output  # the exact fix is shown


def test_below_threshold_exit_0(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("postgresql.conf", "listen_addresses = '*'\nssl = on\n")  # low only
    assert invoke(".").exit_code == 0
    assert invoke(".", "--fail-on", "low").exit_code == 1


def test_clean_tree_exit_0(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("redis.conf", "bind 127.0.0.1 -::1\n")
    result = invoke(".")
    assert result.exit_code == 0
    assert "1 files audited, 0 findings" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("does-not-exist",), "no such file or directory: does-not-exist"),
        ((".", "--fail-on", "severe"), "--fail-on must be one of critical, high, medium, low, info"),
    ],
    ids=["missing-path", "bad-fail-on"],
)
def test_usage_errors_exit_2_with_one_line(in_tmp: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in one_error_line(result)


def test_unreadable_file_exit_2(
    write: Callable[[str, str], Path], in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    real_open = Path.open

    def _open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "redis.conf":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", _open)  # as root, chmod 0 would not stop a read
    result = invoke("redis.conf")
    assert result.exit_code == 2
    assert one_error_line(result) == "unguarded: error: cannot read redis.conf: Permission denied"


def test_run_failure_exit_3(monkeypatch: pytest.MonkeyPatch, in_tmp: Path) -> None:
    def _boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("unguarded.config_audit.audit_paths", _boom)
    result = invoke(".")
    assert result.exit_code == 3
    assert result.stderr.strip() == "unguarded: error: config audit failed: RuntimeError('disk on fire')"


def test_bad_today_exit_2(in_tmp: Path) -> None:
    result = runner.invoke(app, ["config", ".", "--today", "22/11/2026"])
    assert result.exit_code == 2 and "--today must be a date like 2027-01-31" in one_error_line(result)


def test_rules_that_fail_to_load_exit_3(monkeypatch: pytest.MonkeyPatch, in_tmp: Path) -> None:
    def _broken(*args: object, **kwargs: object) -> None:
        raise RuleLoadError("unguarded.config_audit.rules.redis: invalid rule (title: too short)")

    monkeypatch.setattr("unguarded.config_audit.audit_paths", _broken)
    result = invoke(".")
    assert result.exit_code == 3
    assert result.stderr.startswith("unguarded: error: rules failed to load: unguarded.config_audit.rules.redis")


def test_parse_error_is_reported_and_others_still_checked(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("docker-compose.yml", "services:\n  db:\n    image: [unclosed\n")
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    result = invoke(".", "--json", "-")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [f["rule_id"] for f in report["findings"]] == ["UG-REDIS-001"]
    (error,) = report["errors"]
    assert error["path"] == "docker-compose.yml" and error["line"] == 4
    assert error["message"].startswith("compose: not valid YAML")


def test_json_and_sarif_to_files(in_tmp: Path) -> None:
    fixtures = FIXTURES / "UG-COMPOSE-001" / "positive"
    result = invoke(str(fixtures), "--json", "out.json", "--sarif", "out.sarif")
    assert result.exit_code == 1
    assert "UG-COMPOSE-001" in result.output  # terminal output still shown
    report = json.loads((in_tmp / "out.json").read_text())
    assert report["summary"]["by_severity"]["critical"] == 12  # one per positive line in expected.json
    sarif = json.loads((in_tmp / "out.sarif").read_text())
    validate_sarif(sarif)


def test_sarif_to_stdout_is_only_sarif(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    result = invoke(".", "--sarif", "-")
    sarif = json.loads(result.stdout)
    validate_sarif(sarif)
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "redis.conf"
    assert "UG-REDIS-001" in result.stderr  # the readable view moves to stderr, as with scan
    quiet = invoke(".", "--sarif", "-", "-q")
    assert json.loads(quiet.stdout) == sarif and not quiet.stderr


def test_two_outputs_to_stdout_are_refused_as_by_scan(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    config = invoke(".", "--json", "-", "--sarif", "-")
    assert config.exit_code == 2
    scan = runner.invoke(app, ["scan", "127.0.0.1:1", "--no-store", "-q", "--json", "-", "--sarif", "-"])
    assert scan.exit_code == 2
    assert one_error_line(config) == one_error_line(scan) == "unguarded: error: only one output can go to stdout ('-')"


def test_errors_read_as_scan_errors(in_tmp: Path) -> None:
    config = invoke(".", "--fail-on", "severe")
    scan = runner.invoke(app, ["scan", "127.0.0.1:1", "--no-store", "-q", "--fail-on", "severe"])
    assert config.exit_code == scan.exit_code == 2
    assert one_error_line(config) == one_error_line(scan)
    assert one_error_line(config).startswith("unguarded: error: --fail-on must be one of critical, high")


def test_unwritable_output_exit_2(write: Callable[[str, str], Path], in_tmp: Path) -> None:
    write("redis.conf", "bind 127.0.0.1\n")
    result = invoke(".", "--json", "missing-dir/out.json")
    assert result.exit_code == 2
    assert one_error_line(result).startswith("unguarded: error: cannot write 'missing-dir/out.json': ")
