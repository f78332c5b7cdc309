"""``unguarded scan``: flags into a :class:`~unguarded.pipeline.ScanRequest`, progress, the report, an exit code.

Everything after the scan itself (baseline, history, outputs, webhook) is
:func:`~unguarded.pipeline.run_pipeline`'s, so the library gives what this command gives.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..engines.base import ScanOptions
from ..pipeline import ScanOutcome, ScanRequest, ScanRequestError, run_pipeline
from ..report.terminal import print_report
from ..scanner import Counters
from ..targets import DEFAULT_MAX_TARGETS, TargetError, build_target_set, parse_ports
from ._common import (
    EXIT_FAILED,
    EXIT_FINDINGS,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CsvOption,
    FailOnOption,
    HtmlOption,
    JsonOption,
    QuietOption,
    SarifOption,
    StoreOption,
    err,
    fail,
    human_console,
    parse_severity,
    say_error,
    usage_error,
)

#: the defaults the limit flags show and start from
_LIMITS = ScanOptions()


async def _run_with_progress(request: ScanRequest, show: bool) -> ScanOutcome:
    """Run the pipeline; on a terminal, a transient progress bar fed by the scanner's counters."""
    counters = Counters()
    if not show:
        return await run_pipeline(request, counters=counters)
    columns = (
        TextColumn("[bold]scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("scan", total=None, detail="")
        job = asyncio.create_task(run_pipeline(request, counters=counters))
        while not job.done():
            progress.update(
                task,
                total=counters.endpoints_total or None,
                completed=counters.ports_probed,
                detail=f"{counters.addresses} addresses, {counters.open_ports} open ports, "
                f"{counters.services} services identified",
            )
            await asyncio.wait({job}, timeout=0.2)
        return job.result()


def scan_command(
    targets: Annotated[
        list[str] | None,
        typer.Argument(
            help="Hosts, addresses, CIDR ranges, host:port or URIs (mongodb://, redis://, postgresql://, mysql://, http://).",
            show_default=False,
        ),
    ] = None,
    target_file: Annotated[
        list[Path] | None, typer.Option("-iL", "--input-list", help="File with one target a line (# comments allowed).")
    ] = None,
    nmap_xml: Annotated[
        list[Path] | None, typer.Option("--nmap-xml", help="Open ports from an nmap -oX (or masscan -oX) file.")
    ] = None,
    masscan: Annotated[
        list[Path] | None, typer.Option("--masscan-list", help="Open ports from a masscan -oL file.")
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option("--exclude", help="Addresses or CIDR ranges never to contact (repeatable, comma-separated)."),
    ] = None,
    ports: Annotated[
        str | None,
        typer.Option(
            "--ports", "-p", help="Ports to probe, e.g. 6379,27017,8000-8010 (default: each engine's well-known ports)."
        ),
    ] = None,
    max_targets: Annotated[
        int, typer.Option("--max-targets", help="Refuse target sets with more addresses than this.")
    ] = DEFAULT_MAX_TARGETS,
    json_out: JsonOption = None,
    sarif_out: SarifOption = None,
    html_out: HtmlOption = None,
    csv_out: CsvOption = None,
    store: StoreOption = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not save this scan to the history.")] = False,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Report only findings not accepted in this baseline file (see 'unguarded baseline create').",
        ),
    ] = None,
    webhook: Annotated[
        str | None,
        typer.Option("--webhook", help="POST a JSON summary of new findings to this http(s) URL after the scan."),
    ] = None,
    fail_on: FailOnOption = "high",
    sample: Annotated[int, typer.Option("--sample", min=0, max=10_000, help="Records sampled per dataset.")] = 200,
    concurrency: Annotated[
        int, typer.Option("--concurrency", min=1, max=4096, help="Connections in flight in total.")
    ] = 256,
    per_host: Annotated[int, typer.Option("--per-host", min=1, max=64, help="Connections in flight per host.")] = 4,
    rate: Annotated[float, typer.Option("--rate", min=0.1, help="New connections per second per host.")] = 20.0,
    connect_timeout: Annotated[
        float, typer.Option("--connect-timeout", min=0.1, help="Seconds to wait for a TCP connect.")
    ] = 3.0,
    io_timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for any single answer.")
    ] = 5.0,
    deadline: Annotated[
        float, typer.Option("--deadline", min=1.0, help="Seconds allowed per service, identification included.")
    ] = 60.0,
    max_datasets: Annotated[int, typer.Option("--max-datasets", min=1, help="Datasets inventoried per service.")] = 500,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=4096, help="Bytes one service may send in all before it is cut.")
    ] = _LIMITS.service_byte_cap,
    max_message_bytes: Annotated[
        int, typer.Option("--max-message-bytes", min=4096, help="Bytes one reply may have before the service is cut.")
    ] = _LIMITS.message_byte_cap,
    max_listed: Annotated[
        int, typer.Option("--max-listed", min=1, help="Items taken from any one listing (databases, indices, ...).")
    ] = _LIMITS.max_listed,
    max_round_trips: Annotated[
        int, typer.Option("--max-round-trips", min=1, help="Round trips spent walking one cursor.")
    ] = _LIMITS.max_round_trips,
    quiet: QuietOption = False,
) -> None:
    """Scan targets for data services anyone can open; report what they hold. Read-only."""
    severity = parse_severity(fail_on)
    try:
        port_list = parse_ports(ports) if ports else None
        target_set = build_target_set(
            targets or [],
            target_files=target_file or [],
            nmap_files=nmap_xml or [],
            masscan_files=masscan or [],
            exclude=exclude or [],
            max_targets=max_targets,
        )
    except TargetError as exc:
        usage_error(str(exc))
    outputs = {"json": json_out, "sarif": sarif_out, "html": html_out, "csv": csv_out}
    request = ScanRequest(
        targets=target_set,
        options=ScanOptions(
            sample_size=sample,
            concurrency=concurrency,
            per_host=per_host,
            per_host_rate=rate,
            connect_timeout=connect_timeout,
            io_timeout=io_timeout,
            service_deadline=deadline,
            max_datasets=max_datasets,
            service_byte_cap=max_bytes,
            message_byte_cap=max_message_bytes,
            max_listed=max_listed,
            max_round_trips=max_round_trips,
        ),
        ports=port_list,
        baseline=baseline,
        store=store,
        no_store=no_store,
        outputs={name: destination for name, destination in outputs.items() if destination},
        webhook=webhook,
    )
    try:
        outcome = asyncio.run(_run_with_progress(request, show=not quiet and err.is_terminal))
    except ScanRequestError as exc:
        usage_error(str(exc))
    except KeyboardInterrupt:
        err.print("unguarded: interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # the scan machinery itself failed: say so, exit 3
        fail(EXIT_FAILED, f"the scan failed: {exc.__class__.__name__}: {str(exc)[:200]}")
    for warning in outcome.warnings:
        say_error(warning)
    if outcome.write_errors:
        for message in outcome.write_errors.values():
            say_error(message)
        raise typer.Exit(EXIT_USAGE)
    if not quiet:
        print_report(human_console(*outputs.values()), outcome.report)
    raise typer.Exit(EXIT_FINDINGS if outcome.fails(severity) else EXIT_OK)
