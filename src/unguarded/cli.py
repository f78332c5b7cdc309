"""The ``unguarded`` command line.

Exit codes (documented in the README): 0 nothing at or above ``--fail-on``; 1 findings
at or above it; 2 usage error (bad target, unreadable file, range over the cap); 3 the
scan itself failed. Bad input gets one clear line on stderr, never a traceback.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ._version import __version__
from .engines import all_engines
from .engines.base import ScanOptions
from .models import Finding, Report, Severity
from .report import FORMATS
from .report.terminal import print_report
from .scanner import Counters, Scanner
from .targets import DEFAULT_MAX_TARGETS, TargetError, build_target_set, parse_ports

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3

app = typer.Typer(
    name="unguarded",
    help="Find the databases anyone can open, measure what they would give away, and say how to close them. Read-only.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unguarded {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    version: Annotated[
        bool | None, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = None,
) -> None:
    """unguarded: read-only exposure scanner for databases."""


def report_console(stderr: bool = False) -> Console:
    """A console for reports: at least 120 columns when output is not a terminal."""
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, highlight=False, width=None if probe.is_terminal else 120)


def say_error(message: str) -> None:
    """One unwrapped line on stderr: scripts grep it, people read it."""
    sys.stderr.write(f"unguarded: error: {message}\n")


def usage_error(message: str) -> typer.Exit:
    say_error(message)
    return typer.Exit(EXIT_USAGE)


def write_output(text: str, destination: str) -> None:
    """Write a rendered report to a file, or to stdout for ``-``."""
    if destination == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        Path(destination).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise usage_error(f"cannot write {destination!r}: {exc.strerror or exc}") from None


def parse_severity(text: str, option: str = "--fail-on") -> Severity:
    """A severity flag's value, or a usage error naming the flag and the choices."""
    try:
        return Severity(text.strip().lower())
    except ValueError:
        raise usage_error(f"{option} must be one of {', '.join(s.value for s in Severity)}, not {text!r}") from None


def exit_code(report: Report, fail_on: Severity) -> int:
    """1 when a finding not accepted by a baseline is at or above ``fail_on``."""
    return EXIT_FINDINGS if any(f.severity.at_least(fail_on) for f in report.open_findings) else EXIT_OK


async def _run_with_progress(scanner: Scanner, target_set, ports, show: bool) -> Report:  # type: ignore[no-untyped-def]
    if not show:
        return await scanner.run(target_set, ports)
    c = scanner.counters
    columns = (
        TextColumn("[bold]scanning"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("scan", total=None, detail="")
        job = asyncio.create_task(scanner.run(target_set, ports))
        while not job.done():
            progress.update(
                task,
                total=c.endpoints_total or None,
                completed=c.ports_probed,
                detail=f"{c.addresses} addresses, {c.open_ports} open ports, {c.services} services identified",
            )
            await asyncio.wait({job}, timeout=0.2)
        return job.result()


@app.command()
def scan(
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
    json_out: Annotated[
        str | None, typer.Option("--json", help="Write the JSON report to FILE ('-' for stdout).")
    ] = None,
    sarif_out: Annotated[
        str | None, typer.Option("--sarif", help="Write SARIF 2.1.0 (GitHub code scanning, DefectDojo) to FILE.")
    ] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="Write a self-contained HTML report to FILE.")] = None,
    csv_out: Annotated[str | None, typer.Option("--csv", help="Write one CSV row per finding to FILE.")] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            help="Save the scan to this history: a SQLite path or sqlite:///, postgresql:// URL (default: SQLite in the user data directory, or $UNGUARDED_STORE).",
            show_default=False,
        ),
    ] = None,
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
    fail_on: Annotated[
        str, typer.Option("--fail-on", help="Exit 1 if any finding is at or above this severity.")
    ] = "high",
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
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no terminal report.")] = False,
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
        raise usage_error(str(exc)) from None
    options = ScanOptions(
        sample_size=sample,
        concurrency=concurrency,
        per_host=per_host,
        per_host_rate=rate,
        connect_timeout=connect_timeout,
        io_timeout=io_timeout,
        service_deadline=deadline,
        max_datasets=max_datasets,
    )
    outputs = {"json": json_out, "sarif": sarif_out, "html": html_out, "csv": csv_out}
    if sum(1 for dest in outputs.values() if dest == "-") > 1:
        raise usage_error("only one output can go to stdout ('-')")
    if webhook is not None and not webhook.startswith(("http://", "https://")):
        raise usage_error(f"--webhook must be an http:// or https:// URL, not {webhook!r}")
    accepted = _load_baseline(baseline) if baseline is not None else None
    history = None if no_store else _open_history(store)
    scanner = Scanner(options, counters=Counters())
    show_progress = not quiet and err.is_terminal
    try:
        report = asyncio.run(_run_with_progress(scanner, target_set, port_list, show_progress))
    except KeyboardInterrupt:
        err.print("unguarded: interrupted")
        raise typer.Exit(130) from None
    except Exception as exc:  # the scan machinery itself failed: say so, exit 3
        say_error(f"the scan failed: {exc.__class__.__name__}: {str(exc)[:200]}")
        raise typer.Exit(EXIT_FAILED) from None
    if accepted is not None:
        from .baseline import apply_baseline

        report = apply_baseline(report, accepted)
    new = _remember(history, report)
    for name, destination in outputs.items():
        if destination:
            write_output(FORMATS[name](report), destination)
    if webhook:
        _alert(webhook, report, new)
    if not quiet:
        print_report(err if "-" in outputs.values() else report_console(), report)
    raise typer.Exit(exit_code(report, severity))


def _load_baseline(path: Path):  # type: ignore[no-untyped-def]
    """The baseline to apply, or a usage error before anything is scanned."""
    from .baseline import BaselineError, load_baseline

    try:
        return load_baseline(path)
    except BaselineError as exc:
        raise usage_error(str(exc)) from None


def _open_history(url: str | None):  # type: ignore[no-untyped-def]
    """The scan history, opened before the scan so a bad --store URL fails fast (exit 2).

    Only an explicit ``--store`` is fatal: when the default store cannot be opened the
    scan still runs, with a warning.
    """
    from .history import StoreError, open_store

    try:
        return open_store(url)
    except StoreError as exc:
        if url is not None:
            raise usage_error(str(exc)) from None
        say_error(f"history disabled for this scan: {exc}")
        return None


def _remember(history, report: Report) -> tuple[Finding, ...]:  # type: ignore[no-untyped-def]
    """Save the scan; return its open findings that the last saved scan of each endpoint lacked."""
    new = report.open_findings
    if history is None:
        return new
    from .history import StoreError

    try:
        new = history.unseen(report)
        history.save(report)
    except StoreError as exc:
        say_error(f"the scan was not saved to the history: {exc}")
    finally:
        history.close()
    return new


def _alert(url: str, report: Report, new: tuple[Finding, ...]) -> None:
    """Post new findings to a webhook; a failed post is reported and never loses the scan."""
    from .alerts import post_webhook

    result = post_webhook(url, report, new)
    if not result.ok:
        say_error(f"webhook not delivered: {result.message}")


@app.command()
def engines() -> None:
    """List supported engines, their default ports and what each checks."""
    table = Table(title="supported engines")
    for col in ("engine", "default ports", "what it checks"):
        table.add_column(col)
    for engine in all_engines():
        table.add_row(engine.title, ", ".join(map(str, engine.default_ports)), engine.checks)
    Console().print(table)


@app.command()
def demo(
    keep: Annotated[
        bool, typer.Option("--keep", help="Leave the lab running after the scan (stop it with Ctrl-C).")
    ] = False,
    json_out: Annotated[str | None, typer.Option("--json", help="Also write the JSON report to FILE.")] = None,
    html_out: Annotated[str | None, typer.Option("--html", help="Also write the HTML report to FILE.")] = None,
) -> None:
    """Start a lab of deliberately exposed servers on loopback with synthetic people, scan it, stop it."""
    from .lab.demo import run_demo

    raise typer.Exit(run_demo(keep=keep, outputs={"json": json_out, "html": html_out}))


def _mount_subcommands() -> None:
    """Commands that live beside their own packages (config audit, ...)."""
    from .config_audit.cli import config_command

    app.command(
        "config",
        help="Audit configuration files (mongod.conf, redis.conf, pg_hba.conf, compose, Kubernetes, Terraform) before deploy.",
    )(config_command)
    from .history.cli import diff_command, history_command

    app.command("history", help="List past scans saved to the history (newest first).")(history_command)
    app.command("diff", help="Compare two scans: new, closed and changed findings (default: the last two saved).")(
        diff_command
    )
    from .baseline.cli import baseline_app

    app.add_typer(
        baseline_app,
        name="baseline",
        help="Accept known risks (with a reason and an expiry) so scans report only what is new.",
    )


_mount_subcommands()


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
