"""Inline suppressions: ``unguarded:ignore UG-REDIS-002 reason="..." until=2027-01-31``.

The comment may stand on the finding's line or in the comment lines right above it, in
whatever comment syntax the format has (``#``, ``//``, ``;``). Once ``until`` has passed
the finding is reported again, saying that its suppression expired.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from ._model import Suppression

_IGNORE = re.compile(
    r"unguarded:ignore\s+(?P<ids>UG-[A-Z0-9]+-\d{3}(?:\s*,\s*UG-[A-Z0-9]+-\d{3})*)"
    r"(?P<rest>.*)$"
)
_REASON = re.compile(r"""reason\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>\S+))""")
_UNTIL = re.compile(r"until\s*=\s*(?P<date>\S+)")
_COMMENT_ONLY = re.compile(r"^\s*(#|//|;|/\*|\*)")


def find_suppression(lines: Sequence[str], line: int, rule_id: str, today: dt.date) -> Suppression | None:
    """The suppression covering ``rule_id`` at 1-based ``line``, expired or not; else None."""
    for number in _candidate_lines(lines, line):
        match = _IGNORE.search(lines[number - 1])
        if match is None or rule_id not in re.split(r"\s*,\s*", match["ids"]):
            continue
        rest = match["rest"]
        reason = _REASON.search(rest)
        until_match = _UNTIL.search(rest)
        until = _parse_date(until_match["date"]) if until_match else None
        malformed = until_match is not None and until is None
        return Suppression(
            line=number,
            reason=(reason["dq"] or reason["sq"] or reason["bare"]) if reason else None,
            until=until,
            # an unreadable date cannot be honoured: treat it as expired so the finding shows
            expired=malformed or (until is not None and until < today),
        )
    return None


def _candidate_lines(lines: Sequence[str], line: int) -> list[int]:
    """The finding's own line, then the run of comment-only lines directly above it."""
    found = [line] if 1 <= line <= len(lines) else []
    number = line - 1
    while 1 <= number <= len(lines) and _COMMENT_ONLY.match(lines[number - 1]):
        found.append(number)
        number -= 1
    return found


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip("\"'"))
    except ValueError:
        return None
