"""``unguarded diff``: compare two scans, from the history or from JSON report files.

Exit 1 only with ``--fail-on-new`` when a finding at or above it is new, rose to it, or
lost its baseline acceptance; the JSON is :meth:`~unguarded.diff.ReportDiff.to_json_dict`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..diff import diff_reports
from ..models import Report
from ..report.diff_terminal import print_diff
from ._common import (
    EXIT_FINDINGS,
    EXIT_OK,
    JsonOption,
    StoreOption,
    human_console,
    open_history,
    parse_severity,
    read_report,
    usage_error,
    write_json,
)


def _is_scan_id(text: str) -> bool:
    return text.isdigit()


def _resolve(arguments: list[str], store_url: str | None) -> list[tuple[str, Report]]:
    from ..history import StoreError

    """Each side of the diff as (label, report): scan ids from the history, or report files."""
    needs_store = len(arguments) < 2 or any(_is_scan_id(a) for a in arguments)
    if not needs_store:
        return [(a, read_report(Path(a))) for a in arguments]
    with open_history(store_url) as history:
        try:
            if not arguments:
                pair = history.last_two()
                if pair is None:
                    n = len(history.scans(2))
                    usage_error(
                        f"the history at {history.display} has {n} saved scan{'s' if n != 1 else ''}: "
                        "diff needs two (or give OLD and NEW: scan ids or JSON report files)"
                    )
                return [(f"scan {scan_id}", report) for scan_id, report in pair]
            sides = [
                (f"scan {a}", history.load(int(a))) if _is_scan_id(a) else (a, read_report(Path(a))) for a in arguments
            ]
            if len(sides) == 1:
                newest = history.scans(1)
                if not newest:
                    usage_error(f"the history at {history.display} has no saved scan to compare {arguments[0]!r} with")
                sides.append((f"scan {newest[0].id}", history.load(newest[0].id)))
            return sides
        except StoreError as exc:
            usage_error(str(exc))


def diff_command(
    old: Annotated[
        str | None,
        typer.Argument(
            metavar="OLD",
            help="Older scan: a history id (see 'unguarded history') or a JSON report file (default: the "
            "second newest saved scan).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            help="Newer scan: a history id or a JSON report file (default: the newest saved scan).",
            show_default=False,
        ),
    ] = None,
    store: StoreOption = None,
    json_out: JsonOption = None,
    fail_on_new: Annotated[
        str | None,
        typer.Option(
            "--fail-on-new",
            metavar="SEVERITY",
            help="Exit 1 if a finding at or above SEVERITY is new, rose to it, or lost its baseline acceptance.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Compare two scans: new, closed and changed findings, and endpoints whose exposure moved."""
    threshold = None if fail_on_new is None else parse_severity(fail_on_new, "--fail-on-new")
    arguments = [a for a in (old, new) if a is not None]
    (old_label, old_report), (new_label, new_report) = _resolve(arguments, store)
    diff = diff_reports(old_report, new_report, old_label=old_label, new_label=new_label)
    if json_out:
        write_json(diff.to_json_dict(), json_out)
    print_diff(human_console(json_out), diff)
    if threshold is not None and diff.regressions(threshold):
        raise typer.Exit(EXIT_FINDINGS)
    raise typer.Exit(EXIT_OK)
