"""Small shared pieces for the line-oriented formats (redis.conf, pg_hba, my.cnf, units).

These formats have no library: each parser is a few lines over :func:`logical_lines`,
:func:`split_args` and :func:`resolve_include`.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_INCLUDE_DEPTH = 8


class ParseError(ValueError):
    """A file that is not what its name says; carries the line when known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Setting:
    """One value as written: where it came from, so findings point at the right line."""

    value: str
    line: int
    path: Path


def strip_comment(line: str, markers: str = "#") -> str:
    """Cut a trailing comment that starts outside quotes."""
    if not any(m in line for m in markers):
        return line
    if "'" not in line and '"' not in line:
        return min((line.split(m, 1)[0] for m in markers), key=len)
    quote = ""
    for i, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch in markers:
            return line[:i]
    return line


def logical_lines(text: str, *, markers: str = "#", continuation: bool = False) -> Iterator[tuple[int, str]]:
    """Numbered (1-based), comment-free, non-blank lines; ``\\`` continuations joined."""
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not pending and (not stripped or stripped[0] in markers):
            continue
        body = strip_comment(raw, markers).rstrip()
        if continuation and body.endswith("\\"):
            if not pending:
                start = number
            pending.append(body[:-1])
            continue
        if pending:
            pending.append(body)
            yield start, " ".join(pending).strip()
            pending = []
        elif body.strip():
            yield number, body.strip()
    if pending:
        yield start, " ".join(pending).strip()


def split_args(text: str) -> list[str]:
    """Shell-like words (quotes honoured); falls back to plain splitting on a stray quote."""
    if not any(ch in text for ch in "\"'\\"):
        return text.split()  # the common case, and shlex is slow
    try:
        return shlex.split(text, posix=True)
    except ValueError:
        return text.split()


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def resolve_include(including: Path, target: str) -> list[Path]:
    """Files an include directive names, found *in the scanned tree*, never on this machine.

    Relative paths are taken from the including file's folder. Absolute ones
    (``/etc/mysql/conf.d/``) are tried as ever longer tails under that folder
    (``conf.d``, ``mysql/conf.d``), the way repositories lay out ``/etc``. A folder
    yields its files, sorted, as MySQL and PostgreSQL read them.
    """
    base = including.parent
    pure = PurePosixPath(target.strip().strip("'\""))
    if pure.is_absolute():
        parts = pure.parts[1:]
        candidates = [base.joinpath(*parts[-n:]) for n in range(1, len(parts) + 1)]
    else:
        candidates = [base / pure]
    for candidate in candidates:
        if candidate.is_file():
            return [candidate]
        if candidate.is_dir():
            return sorted(p for p in candidate.iterdir() if p.is_file() and not p.name.startswith("."))
    return []
