"""``unguarded scan``: flags into a :class:`~unguarded.pipeline.ScanRequest`, progress, the report, an exit code.

Everything after the scan itself (baseline, history, outputs, webhook) is
:func:`~unguarded.pipeline.run_pipeline`'s, so the library gives what this command gives.
"""

from __future__ import annotations

import asyncio
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..distributed.scope import DEFAULT_SHARD_SIZE
from ..engines.base import ScanOptions
from ..targets import DEFAULT_MAX_TARGETS, TargetError, TargetSet, build_target_set, parse_ports
from ._cluster import (
    DEFAULT_QUEUE,
    DEFAULT_VISIBILITY_TIMEOUT,
    BrokerFileOption,
    BrokerOption,
    QueueOption,
    StoreFileOption,
    VisibilityOption,
    resolve_broker,
    resolve_store,
    say_warning,
)
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

if TYPE_CHECKING:  # imported where used: a local scan never loads Celery or SQLAlchemy, --no-store never the store
    from ..distributed import Dispatch, ScanScope
    from ..history import Store
    from ..models import Severity
    from ..pipeline import ScanOutcome, ScanRequest
    from ..scanner import Counters

#: the defaults the limit flags show and start from
_LIMITS = ScanOptions()


async def _run_with_progress(
    request: ScanRequest, show: bool, counters: Counters | None = None, extra: Callable[[], str] | None = None
) -> ScanOutcome:
    """Run the pipeline; on a terminal, a transient progress bar fed by the scanner's (or the shards') counters."""
    from ..pipeline import run_pipeline
    from ..scanner import Counters

    counters = counters or Counters()
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
                f"{counters.services} services identified{extra() if extra else ''}",
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
    broker: BrokerOption = None,
    broker_file: BrokerFileOption = None,
    distributed: Annotated[
        bool,
        typer.Option("--distributed", help="Run the scan on workers, with the broker from $UNGUARDED_BROKER."),
    ] = False,
    queue: QueueOption = DEFAULT_QUEUE,
    route: Annotated[
        list[str] | None,
        typer.Option(
            "--route",
            metavar="NETWORK=QUEUE",
            help="Send the shards of hosts in NETWORK to QUEUE (repeatable; others go to --queue).",
            show_default=False,
        ),
    ] = None,
    routes_file: Annotated[
        Path | None,
        typer.Option(
            "--routes-file", metavar="FILE", help="More routes, one NETWORK=QUEUE a line.", show_default=False
        ),
    ] = None,
    store_file: StoreFileOption = None,
    shard_size: Annotated[
        int, typer.Option("--shard-size", min=1, max=65_536, help="Endpoints per shard (never splits a host or a /24).")
    ] = DEFAULT_SHARD_SIZE,
    visibility_timeout: VisibilityOption = DEFAULT_VISIBILITY_TIMEOUT,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume",
            metavar="SCAN_ID",
            help="Finish an interrupted sharded scan (distributed or --resumable) from its ledger in the store.",
            show_default=False,
        ),
    ] = None,
    resumable: Annotated[
        bool,
        typer.Option("--resumable", help="Run locally in shards recorded in the store, so --resume can finish it."),
    ] = False,
) -> None:
    """Scan targets for data services anyone can open; report what they hold. Read-only."""
    from ..pipeline import ScanRequest
    from ..scanner import Counters

    severity = parse_severity(fail_on)
    sharded = bool(broker or broker_file or distributed or resume or resumable)
    if resume is not None and (targets or target_file or nmap_xml or masscan):
        usage_error("--resume takes the targets from the scan's recorded scope: give no targets")
    if sharded and no_store:
        usage_error("a distributed or resumable scan keeps its shard ledger in the store: drop --no-store")
    routes = _routes(route or [], routes_file, distributed=bool(broker or broker_file or distributed), resume=resume)
    store = resolve_store(store, store_file)
    try:
        port_list = parse_ports(ports) if ports else None
        target_set = (
            TargetSet()
            if resume is not None
            else build_target_set(
                targets or [],
                target_files=target_file or [],
                nmap_files=nmap_xml or [],
                masscan_files=masscan or [],
                exclude=exclude or [],
                max_targets=max_targets,
            )
        )
    except TargetError as exc:
        usage_error(str(exc))
    outputs = {"json": json_out, "sarif": sarif_out, "html": html_out, "csv": csv_out}
    options = ScanOptions(
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
    )
    request = ScanRequest(
        targets=target_set,
        options=options,
        ports=port_list,
        baseline=baseline,
        store=store,
        no_store=no_store,
        outputs={name: destination for name, destination in outputs.items() if destination},
        webhook=webhook,
    )
    if sharded:
        from ..distributed import Dispatch, ScanScope, default_ports, make_app

        scope = None
        if resume is None:
            scope = ScanScope.record(
                target_set,
                ports=port_list or default_ports(),
                options=options,
                max_targets=max_targets,
                shard_size=shard_size,
                routes=routes,
            )
        want_broker = bool(broker or broker_file or distributed)
        broker_url = resolve_broker(broker, broker_file, required=want_broker)
        if not want_broker and resume is None:
            broker_url = None  # --resumable alone: shards run here
        dispatch = Dispatch()
        if broker_url is not None:
            app = make_app(broker_url, queue=queue, visibility_timeout=visibility_timeout)
            dispatch = Dispatch(app, queue, resend_after=visibility_timeout)
        _sharded_scan(request, scope, resume, dispatch, quiet=quiet, severity=severity, outputs=outputs)
    _finish_scan(request, Counters(), None, quiet=quiet, severity=severity, outputs=outputs)


def _routes(texts: list[str], file: Path | None, *, distributed: bool, resume: str | None) -> list[tuple[str, str]]:
    """``--route`` and ``--routes-file`` as (network, queue) pairs; they need workers, and a resumed scan keeps its own."""
    if not texts and file is None:
        return []
    if resume is not None:
        usage_error("--resume sends shards by the routes recorded with the scan: give no --route")
    if not distributed:
        usage_error("--route sends shards to workers' queues: add --distributed (or --broker-file)")
    from ..distributed.scope import conflicting_route, parse_route, read_routes

    try:
        routes = [*(read_routes(file) if file is not None else []), *(parse_route(text) for text in texts)]
    except ValueError as exc:
        usage_error(str(exc))
    conflict = conflicting_route(routes)
    if conflict is not None:
        usage_error(f"--route: {conflict}")
    return routes


def _open_ledger(store: str | None) -> Store:
    from ..history import StoreError, open_store

    try:
        return open_store(store)
    except StoreError as exc:
        usage_error(str(exc))


def _sharded_scan(
    request: ScanRequest,
    scope: ScanScope | None,
    resume: str | None,
    dispatch: Dispatch,
    *,
    quiet: bool,
    severity: Severity,
    outputs: dict[str, str | None],
) -> NoReturn:
    """Record (or reopen) the sharded scan, run it through the pipeline, mark it done in the ledger."""
    from ..distributed import Ledger, ResumeError, ShardedScan
    from ..history import StoreError
    from ..scanner import Counters

    history = _open_ledger(request.store)
    if history.url.get_backend_name() == "sqlite" and dispatch.app is not None:
        say_warning(f"the store is a SQLite file ({history.display}): only workers on this machine can reach it")
    ledger = Ledger(history)
    counters = Counters()
    try:
        try:
            source = ShardedScan(ledger, dispatch, scope=scope, resume=resume, counters=counters)
            scan_id = source.start()
        except (ResumeError, StoreError) as exc:
            usage_error(str(exc))
        sys.stderr.write(f"unguarded: scan {scan_id} (finish it if interrupted: unguarded scan --resume {scan_id})\n")
        request = dataclasses.replace(
            request,
            targets=source.target_set(),
            options=source.scope.scan_options(),
            ports=list(source.scope.ports),
            source=source,
        )

        def extra() -> str:
            finished, total = source.shards
            return f"; shards {finished}/{total}, {source.workers} workers"

        def done(outcome: ScanOutcome) -> None:
            try:
                ledger.complete(scan_id, outcome.scan_id)
            except StoreError as exc:
                say_error(str(exc))

        _finish_scan(request, counters, extra, quiet=quiet, severity=severity, outputs=outputs, done=done)
    finally:
        history.close()


def _finish_scan(
    request: ScanRequest,
    counters: Counters,
    extra: Callable[[], str] | None,
    *,
    quiet: bool,
    severity: Severity,
    outputs: dict[str, str | None],
    done: Callable[[ScanOutcome], None] | None = None,
) -> NoReturn:
    """Run the pipeline with progress (``done`` sees the outcome first), say what went wrong, print, exit."""
    from ..pipeline import ScanRequestError
    from ..report.terminal import print_report

    try:
        outcome = asyncio.run(_run_with_progress(request, not quiet and err.is_terminal, counters, extra))
    except ScanRequestError as exc:
        usage_error(str(exc))
    except KeyboardInterrupt:
        err.print("unguarded: interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # the scan machinery itself failed: say so, exit 3
        fail(EXIT_FAILED, f"the scan failed: {exc.__class__.__name__}: {str(exc)[:200]}")
    if done is not None:
        done(outcome)
    for warning in outcome.warnings:
        say_error(warning)
    if outcome.write_errors:
        for message in outcome.write_errors.values():
            say_error(message)
        raise typer.Exit(EXIT_USAGE)
    if not quiet:
        print_report(human_console(*outputs.values()), outcome.report)
    raise typer.Exit(EXIT_FINDINGS if outcome.fails(severity) else EXIT_OK)
