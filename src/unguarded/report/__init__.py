"""Reporters: one module per output format, chosen from one explicit table.

Each reporter takes a finished :class:`~unguarded.models.Report` and returns text;
:func:`write_output` puts it in a file or on stdout. Reporters never see raw sampled
values: the report model holds none.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from ..models import Report
from . import csv as csv_reporter
from . import html as html_reporter
from . import json as json_reporter
from . import sarif as sarif_reporter
from . import terminal

Renderer = Callable[[Report], str]

#: format name -> renderer. Add a format by adding a module and one line here.
FORMATS: dict[str, Renderer] = {
    "json": json_reporter.render,
    "sarif": sarif_reporter.render,
    "html": html_reporter.render,
    "csv": csv_reporter.render,
    "terminal": terminal.render,
}

#: the destination that means standard output, as on every command line
STDOUT = "-"

#: where rendered text goes: a file path, or :data:`STDOUT`
Destination = str | Path


class OutputError(ValueError):
    """Outputs that cannot be written as asked; the message is one line naming the destination."""


def check_destinations(destinations: Iterable[Destination | None]) -> None:
    """Refuse two documents on stdout: nothing could read them apart."""
    if sum(1 for d in destinations if d is not None and str(d) == STDOUT) > 1:
        raise OutputError(f"only one output can go to stdout ({STDOUT!r})")


def write_output(text: str, destination: Destination) -> None:
    """Write rendered text to a file, or to stdout for ``-``; a failure is an :class:`OutputError`."""
    try:
        if str(destination) == STDOUT:
            sys.stdout.write(text)
            sys.stdout.flush()
        else:
            Path(destination).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {str(destination)!r}: {exc.strerror or exc}") from None


__all__ = ["FORMATS", "STDOUT", "Destination", "OutputError", "Renderer", "check_destinations", "write_output"]
