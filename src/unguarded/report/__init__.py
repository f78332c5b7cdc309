"""Reporters: one module per output format, chosen from one explicit table.

Each reporter takes a finished :class:`~unguarded.models.Report` and returns text; the
CLI writes it to a file or stdout. Reporters never see raw sampled values: the report
model holds none.
"""

from __future__ import annotations

from collections.abc import Callable

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

__all__ = ["FORMATS", "Renderer"]
