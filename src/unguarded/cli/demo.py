"""``unguarded demo``: start a lab of deliberately exposed servers on loopback, scan it, stop it.

The scan goes through the same pipeline as ``unguarded scan`` (without the history), so
the demo shows exactly the report a real scan gives. Exit 0 after a scan, whatever it
found; 3 when the lab could not start.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Annotated

import typer

from ._common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    HtmlOption,
    check_outputs,
    err,
    fail,
    human_console,
    say_error,
    usage_error,
)

if TYPE_CHECKING:
    from ..pipeline import ScanOutcome


def _scan(targets: list[str], outputs: dict[str, str]) -> ScanOutcome:
    from ..engines.base import ScanOptions
    from ..pipeline import ScanRequest, run_pipeline

    request = ScanRequest(targets=targets, options=ScanOptions(service_deadline=30), no_store=True, outputs=outputs)
    return asyncio.run(run_pipeline(request))


def _wait_for_ctrl_c() -> None:
    err.print("lab left running; press Ctrl-C to stop it")
    try:
        while True:
            asyncio.run(asyncio.sleep(3600))
    except KeyboardInterrupt:
        pass


def demo_command(
    keep: Annotated[
        bool, typer.Option("--keep", help="Leave the lab running after the scan (stop it with Ctrl-C).")
    ] = False,
    json_out: Annotated[
        str | None,
        typer.Option("--json", metavar="FILE", help="Also write the JSON report to FILE.", show_default=False),
    ] = None,
    html_out: HtmlOption = None,
) -> None:
    """Start a lab of deliberately exposed servers on loopback with synthetic people, scan it, stop it."""
    # here, not at the top: the lab's launchers and the scanner are for this command only
    from ..lab.demo import demo_lab
    from ..lab.servers import LabError
    from ..pipeline import ScanRequestError
    from ..report.terminal import print_report

    check_outputs({"json": json_out, "html": html_out})
    outputs = {name: destination for name, destination in (("json", json_out), ("html", html_out)) if destination}
    try:
        with demo_lab(say=err.print) as targets:
            err.print(f"scanning {', '.join(targets)} (read-only) ...\n")
            outcome = _scan(targets, outputs)
            print_report(human_console(json_out, html_out), outcome.report)
            for message in outcome.write_errors.values():
                say_error(message)
            if keep:
                _wait_for_ctrl_c()
    except ScanRequestError as exc:
        usage_error(str(exc))
    except LabError as exc:
        fail(EXIT_FAILED, str(exc))
    except KeyboardInterrupt:
        err.print("interrupted: stopping the lab")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise typer.Exit(EXIT_USAGE if outcome.write_errors else EXIT_OK)
