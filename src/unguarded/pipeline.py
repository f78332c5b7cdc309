"""The whole ``unguarded scan`` as a library call: scan, then baseline, history, outputs, webhook.

The command line only turns flags into a :class:`ScanRequest`, shows progress while
:func:`run_pipeline` works, prints the outcome and picks an exit code, so a Python caller
gets exactly what the command gives, with the same options and defaults::

    from unguarded import ScanRequest, Severity, run_pipeline
    outcome = asyncio.run(run_pipeline(ScanRequest(targets=["10.0.0.0/24"], outputs={"json": "scan.json"})))
    if outcome.fails(Severity.HIGH): ...

What the caller must fix (a bad baseline file, an explicit history URL that cannot be
opened, two outputs on stdout, a webhook that is not http(s)) raises
:class:`ScanRequestError` before anything is scanned. What goes wrong after the scan
never loses it: a history that cannot be written, an output that cannot be written and
a webhook that is not delivered are reported in the :class:`ScanOutcome`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .baseline import Baseline, BaselineError, apply_baseline, load_baseline
from .engines.base import ScanOptions
from .models import Finding, Report, Severity
from .report import FORMATS, Destination, OutputError, check_destinations, write_output
from .scanner import Counters, Scanner
from .targets import TargetError, TargetSet, build_target_set

if TYPE_CHECKING:  # the history (SQLAlchemy, Alembic) and the webhook (httpx) load only for a scan that uses them
    from .alerts import WebhookResult
    from .history import Store


class ReportSource(Protocol):
    """What turns a target set into a report: a local :class:`~unguarded.scanner.Scanner`, or a sharded scan."""

    async def run(self, target_set: TargetSet, ports: Sequence[int] | None = None) -> Report: ...


class ScanRequestError(ValueError):
    """A request that cannot run as given; the message is one value-free line for the user."""


@dataclass(frozen=True, kw_only=True)
class ScanRequest:
    """Everything one scan run needs; the fields and defaults are ``unguarded scan``'s options.

    ``targets`` is a built :class:`~unguarded.targets.TargetSet` or what the user typed
    (hosts, CIDR ranges, host:port, URIs). ``store`` is a history URL or path; None means
    the default history (``$UNGUARDED_STORE``, else SQLite in the user data directory),
    which, unlike an explicit one, may fail to open with only a warning. ``outputs`` maps a
    format of :data:`unguarded.report.FORMATS` to a file, or ``"-"`` for stdout.
    """

    targets: TargetSet | Sequence[str]
    options: ScanOptions = field(default_factory=ScanOptions)
    ports: Sequence[int] | None = None
    baseline: Path | Baseline | None = None
    store: str | None = None
    no_store: bool = False
    outputs: Mapping[str, Destination] = field(default_factory=dict)
    webhook: str | None = None
    #: what runs the scan (a distributed one, see unguarded.distributed); None is a local Scanner
    source: ReportSource | None = None


@dataclass(frozen=True)
class ScanOutcome:
    """What a run produced and what went wrong after the scan, for the caller to show."""

    #: the report as every output has it: findings derived, the baseline applied
    report: Report
    #: open findings the last saved scan of their endpoint lacked (all open findings without a history)
    new_findings: tuple[Finding, ...]
    #: the scan's id in the history, None when it was not saved
    scan_id: int | None = None
    #: one line each: the history disabled or not written, the webhook not delivered
    warnings: tuple[str, ...] = ()
    #: format -> why its output could not be written
    write_errors: Mapping[str, str] = field(default_factory=dict)
    #: what happened to the webhook post, None without a webhook
    webhook: WebhookResult | None = None

    def fails(self, threshold: Severity) -> bool:
        """True when an open finding (not accepted by the baseline) is at or above ``threshold``."""
        return any(f.severity.at_least(threshold) for f in self.report.open_findings)


@dataclass
class _Prepared:
    """What is checked and opened before scanning, so a user's mistake costs no scan."""

    target_set: TargetSet
    baseline: Baseline | None
    history: Store | None
    warnings: list[str]


async def run_pipeline(request: ScanRequest, *, counters: Counters | None = None) -> ScanOutcome:
    """Scan, apply the baseline, save to the history, write every output and post the webhook.

    ``counters`` receives the scanner's live counts, for a progress display. Blocking
    work (files, the history database, the webhook post) runs in a worker thread, so
    the caller's event loop keeps turning.
    """
    prepared = await asyncio.to_thread(_prepare, request)
    try:
        source = request.source or Scanner(request.options, counters=counters)
        report = await source.run(prepared.target_set, request.ports)
    except BaseException:
        if prepared.history is not None:
            prepared.history.close()
        raise
    return await asyncio.to_thread(_finish, request, prepared, report)


def _prepare(request: ScanRequest) -> _Prepared:
    target_set = _target_set(request.targets)
    unknown = sorted(set(request.outputs) - set(FORMATS))
    if unknown:
        raise ScanRequestError(f"unknown output format {unknown[0]!r}: choose from {', '.join(FORMATS)}")
    try:
        check_destinations(request.outputs.values())
    except OutputError as exc:
        raise ScanRequestError(str(exc)) from None
    if request.webhook is not None:
        from .alerts import redact_url, webhook_url_ok

        if not webhook_url_ok(request.webhook):
            raise ScanRequestError(
                f"the webhook must be an http:// or https:// URL with a host, not {redact_url(request.webhook)}"
            )
    baseline = _baseline(request.baseline)
    warnings: list[str] = []
    history = None if request.no_store else _open_history(request.store, warnings)
    return _Prepared(target_set, baseline, history, warnings)


def _target_set(targets: TargetSet | Sequence[str]) -> TargetSet:
    if isinstance(targets, TargetSet):
        return targets
    try:
        return build_target_set([targets] if isinstance(targets, str) else list(targets))
    except TargetError as exc:
        raise ScanRequestError(str(exc)) from None


def _baseline(baseline: Path | Baseline | None) -> Baseline | None:
    if baseline is None or isinstance(baseline, Baseline):
        return baseline
    try:
        return load_baseline(baseline)
    except BaselineError as exc:
        raise ScanRequestError(str(exc)) from None


def _open_history(url: str | None, warnings: list[str]) -> Store | None:
    """The history, opened before the scan so a bad explicit URL fails fast.

    When the default history cannot be opened the scan still runs, with a warning.
    """
    from .history import StoreError, open_store

    try:
        return open_store(url)
    except StoreError as exc:
        if url is not None:
            raise ScanRequestError(str(exc)) from None
        warnings.append(f"history disabled for this scan: {exc}")
        return None


def _finish(request: ScanRequest, prepared: _Prepared, report: Report) -> ScanOutcome:
    if prepared.baseline is not None:
        report = apply_baseline(report, prepared.baseline)
    warnings = prepared.warnings
    new, scan_id = _remember(prepared.history, report, warnings)
    write_errors: dict[str, str] = {}
    for name, destination in request.outputs.items():
        try:
            write_output(FORMATS[name](report), destination)
        except OutputError as exc:
            write_errors[name] = str(exc)
    posted = None
    if request.webhook:
        from .alerts import post_webhook

        posted = post_webhook(request.webhook, report, new)
        if not posted.ok:
            warnings.append(f"webhook not delivered: {posted.message}")
    return ScanOutcome(report, new, scan_id, tuple(warnings), write_errors, posted)


def _remember(history: Store | None, report: Report, warnings: list[str]) -> tuple[tuple[Finding, ...], int | None]:
    """Save the scan; return its open findings that the last saved scan of each endpoint lacked, and its id."""
    if history is None:
        return report.open_findings, None
    from .history import StoreError

    new, scan_id = report.open_findings, None
    try:
        new = history.unseen(report)
        scan_id = history.save(report)
    except StoreError as exc:
        warnings.append(f"the scan was not saved to the history: {exc}")
    finally:
        history.close()
    return new, scan_id


__all__ = ["ReportSource", "ScanOutcome", "ScanRequest", "ScanRequestError", "run_pipeline"]
