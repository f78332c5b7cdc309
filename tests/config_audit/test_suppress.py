"""Inline suppressions: on or above the line, per rule id, with an expiry date that is honoured."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from unguarded.config_audit import audit_paths

from .helpers import TODAY

OPEN_REDIS = "bind 0.0.0.0\nprotected-mode no\n"


def _audit(path: Path, today: dt.date = TODAY):  # type: ignore[no-untyped-def]
    return audit_paths([path], today=today, cwd=path.parent)


def test_comment_above_suppresses(write: Callable[[str, str], Path]) -> None:
    path = write(
        "redis.conf", '# unguarded:ignore UG-REDIS-001 reason="lab box, no data" until=2027-01-31\n' + OPEN_REDIS
    )
    report = _audit(path)
    (finding,) = report.findings
    assert finding.suppressed and finding.suppression is not None
    assert finding.suppression.reason == "lab box, no data"
    assert finding.suppression.until == dt.date(2027, 1, 31)
    assert report.active == ()


def test_comment_on_the_line_and_several_ids(write: Callable[[str, str], Path]) -> None:
    path = write(
        "redis.conf", "bind 0.0.0.0  # unguarded:ignore UG-REDIS-004, UG-REDIS-001 reason=ci\nprotected-mode no\n"
    )
    assert _audit(path).active == ()


def test_other_rule_id_does_not_suppress(write: Callable[[str, str], Path]) -> None:
    path = write("redis.conf", "# unguarded:ignore UG-REDIS-002\n" + OPEN_REDIS)
    assert [f.rule_id for f in _audit(path).active] == ["UG-REDIS-001"]


def test_comment_separated_by_code_does_not_suppress(write: Callable[[str, str], Path]) -> None:
    path = write("redis.conf", "# unguarded:ignore UG-REDIS-001\nport 6379\n" + OPEN_REDIS)
    assert [f.line for f in _audit(path).active] == [3]


def test_run_of_comment_lines_above_counts(write: Callable[[str, str], Path]) -> None:
    path = write("redis.conf", "# unguarded:ignore UG-REDIS-001 reason=x\n# the reason in long form\n" + OPEN_REDIS)
    assert _audit(path).active == ()


def test_expired_suppression_reports_again_and_says_so(write: Callable[[str, str], Path]) -> None:
    path = write("redis.conf", "# unguarded:ignore UG-REDIS-001 until=2027-01-31\n" + OPEN_REDIS)
    assert _audit(path, today=dt.date(2027, 1, 31)).active == ()  # the last valid day
    (finding,) = _audit(path, today=dt.date(2027, 2, 1)).active
    assert finding.suppression is not None and finding.suppression.expired
    assert "expired on 2027-01-31" in finding.message


def test_unreadable_date_does_not_suppress(write: Callable[[str, str], Path]) -> None:
    path = write("redis.conf", "# unguarded:ignore UG-REDIS-001 until=31/01/2027\n" + OPEN_REDIS)
    (finding,) = _audit(path).active
    assert "unreadable until= date" in finding.message


def test_other_comment_syntaxes(write: Callable[[str, str], Path]) -> None:
    tf = write(
        "main.tf",
        'resource "aws_db_instance" "x" {\n'
        '  // unguarded:ignore UG-TF-005 reason="demo account"\n'
        "  publicly_accessible = true\n}\n",
    )
    cnf = write("my.cnf", "[mysqld]\n; unguarded:ignore UG-MYSQL-004\nlocal_infile = 1\nbind-address = 127.0.0.1\n")
    assert _audit(tf).active == ()
    assert _audit(cnf).active == ()
