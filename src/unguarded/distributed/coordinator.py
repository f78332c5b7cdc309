"""The coordinator: record the scope, cut it into shards, hand them out, and assemble one report.

:class:`ShardedScan` is the scan step of :func:`~unguarded.pipeline.run_pipeline` for a
sharded scan, so a distributed scan gets every output format, the history, the baseline
and the webhook exactly as a local one does. Shards go to Celery workers through a
broker, or run here in this process (a resumable local scan, or ``--resume`` of one):
the ledger in the store is the same either way, which is what lets ``--resume`` finish
any of them.

The assembled report is the local scan's report: the same services (each judged on the
worker that scanned its host, which saw every engine on that host), the same errors and
counts, findings derived from them here. Only the times differ.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass

from celery import Celery

from .._version import __version__
from ..engines import all_engines
from ..findings import with_findings
from ..models import Report, ScanError, ToolInfo
from ..scanner import Counters
from ..targets import TargetError, TargetSet
from .app import DEFAULT_VISIBILITY_TIMEOUT, send_shard
from .ledger import Ledger, LedgerScan
from .runner import ShardRunner, ShardVerdict
from .scope import QueueRoutes, ScanScope, ShardOrder, plan_shards

#: seconds between looks at the ledger while workers run shards
POLL = 0.25
#: seconds a shard run in this process stays claimed without renewal (an interrupted run's shard waits this long)
LOCAL_LEASE = 3.0


class ResumeError(ValueError):
    """``--resume`` cannot go on: no such scan, finished already, or it needs a broker; one line."""


@dataclass
class Dispatch:
    """Where shards run: Celery workers on ``queue`` of ``app``, or (``app`` None) this process."""

    app: Celery | None = None
    queue: str | None = None
    #: seconds after which shards nobody holds are sent again (a broker that lost its queue, say)
    resend_after: float = DEFAULT_VISIBILITY_TIMEOUT


def default_ports() -> list[int]:
    """Every engine's well-known ports: what a local scan probes when ``--ports`` is not given."""
    return sorted({p for e in all_engines() for p in e.default_ports})


class ShardedScan:
    """One sharded scan, new (``scope`` given) or resumed (``resume`` given); ``run`` returns its report."""

    def __init__(
        self,
        ledger: Ledger,
        dispatch: Dispatch,
        *,
        scope: ScanScope | None = None,
        resume: str | None = None,
        counters: Counters | None = None,
        poll: float = POLL,
    ) -> None:
        if (scope is None) == (resume is None):
            raise ValueError("give a new scan's scope or the id of one to resume, not both")
        self.ledger = ledger
        self.dispatch = dispatch
        self.counters = counters or Counters()
        self.poll = poll
        self._scope = scope
        self.scan_id: str | None = resume
        self._record: LedgerScan | None = None
        #: workers seen holding a shard, and (finished, total) shards: for the progress display
        self.workers = 0
        self.shards = (0, 0)
        if resume is not None:
            record = ledger.scan(resume)
            if record is None:
                raise ResumeError(f"no scan {resume!r} in the shard ledger at {ledger.store.display}")
            if record.status == "done":
                raise ResumeError(
                    f"scan {resume} is finished already (saved to the history as scan {record.history_id})"
                )
            if record.queue is not None and dispatch.app is None:
                raise ResumeError(
                    f"scan {resume} was distributed on queue {record.queue!r}: give the broker "
                    "(--broker-file, $UNGUARDED_BROKER or --broker) to resume it"
                )
            # the recorded queue, not today's flag: its workers are the ones that can reach its targets;
            # a scan that ran here runs here again
            self.dispatch = (
                Dispatch(dispatch.app, record.queue, dispatch.resend_after) if record.queue is not None else Dispatch()
            )
            self._record = record
            self._scope = record.scope

    @property
    def scope(self) -> ScanScope:
        assert self._scope is not None
        return self._scope

    def target_set(self) -> TargetSet:
        return self.scope.target_set()

    def start(self) -> str:
        """Record a new scan in the ledger (before anything is sharded); its id, for ``--resume``."""
        if self.scan_id is None:
            queue = self.dispatch.queue if self.dispatch.app is not None else None
            self.scan_id = self.ledger.create_scan(self.scope, queue)
        return self.scan_id

    async def run(self, target_set: TargetSet, ports: Sequence[int] | None = None) -> Report:
        """Shard, dispatch, wait, assemble; ``target_set`` and ``ports`` are the recorded scope's."""
        scan_id = await asyncio.to_thread(self.start)
        record = await asyncio.to_thread(self.ledger.scan, scan_id)
        assert record is not None
        if not record.sharded:
            await asyncio.to_thread(self._shard, scan_id)
        else:
            await asyncio.to_thread(lambda: self._send(list(self.ledger.unfinished(scan_id))))
        if self.dispatch.app is None:
            await self._run_here(scan_id)
        last_sent = time.monotonic()
        while not (await self._show(scan_id)).complete:
            # reading thousands of ledger rows four times a second is no use to anyone
            await asyncio.sleep(self.poll if self.shards[1] < 500 else max(self.poll, 2.0))
            if self.dispatch.app is not None and time.monotonic() - last_sent > self.dispatch.resend_after:
                # a delivery can be lost for good (a broker restarted without persistence): send what
                # nobody holds again; a shard delivered twice runs once
                stalled = await asyncio.to_thread(lambda: list(self.ledger.unfinished(scan_id, stalled_only=True)))
                await asyncio.to_thread(self._send, stalled)
                last_sent = time.monotonic()
        return await asyncio.to_thread(self._assemble, scan_id)

    async def _run_here(self, scan_id: str) -> None:
        """Run every unfinished shard in this process, one after another.

        A shard an interrupted run of this scan still holds is free once its lease lapses
        (:data:`LOCAL_LEASE`, short: nobody else is expected to hold it), so it is tried again.
        """
        runner = ShardRunner(self.ledger, lease=LOCAL_LEASE)
        while True:
            orders = await asyncio.to_thread(lambda: list(self.ledger.unfinished(scan_id)))
            if not orders:
                return
            held = False
            for order in orders:
                held = await runner.run(order) is ShardVerdict.BUSY or held
                await self._show(scan_id)
            if held:
                await asyncio.sleep(LOCAL_LEASE / 3)

    def _shard(self, scan_id: str) -> None:
        """Cut the scope into shards, record them, and enqueue each batch as soon as it is recorded."""
        errors: list[ScanError] = []
        number = endpoints = 0
        pending: list[ShardOrder] = []
        plan = plan_shards(
            self.target_set(),
            self.scope.ports,
            self.scope.shard_size,
            routes=self._routes(),
            resolve_timeout=self.scope.scan_options().connect_timeout,
        )
        for item in plan:
            if isinstance(item, TargetError):
                errors.append(ScanError(stage="targets", message=str(item)))
                continue
            pending.append(ShardOrder(scan=scan_id, shard=number, endpoints=tuple(item)))
            number += 1
            endpoints += len(item)
            if len(pending) >= 100:
                self._record_and_send(scan_id, pending)
                pending = []
        self._record_and_send(scan_id, pending)
        self.ledger.mark_sharded(scan_id, number, endpoints, errors)

    def _record_and_send(self, scan_id: str, orders: list[ShardOrder]) -> None:
        self.ledger.add_shards(scan_id, [(o.shard, o.endpoints) for o in orders])
        self._send(orders)

    def _routes(self) -> QueueRoutes:
        """The scope's routes, falling back to the dispatch queue (None: shards run here)."""
        return QueueRoutes(self.scope.routes, self.dispatch.queue if self.dispatch.app is not None else None)

    def _send(self, orders: list[ShardOrder]) -> None:
        app = self.dispatch.app
        if app is None or not orders:
            return
        routes = self._routes()
        with app.producer_or_acquire() as producer:
            for order in orders:
                # a shard never spans two routes: its first host names its queue
                queue = routes.queue_of(order.endpoints[0].address) if order.endpoints else routes.fallback
                assert queue is not None
                send_shard(app, order, queue, producer)

    async def _show(self, scan_id: str) -> _Shown:
        progress = await asyncio.to_thread(self.ledger.progress, scan_id)
        record = await asyncio.to_thread(self.ledger.scan, scan_id)
        c = self.counters
        c.endpoints_total = progress.endpoints_total
        c.ports_probed = progress.endpoints_finished
        c.addresses = progress.stats.addresses
        c.open_ports = progress.stats.open_ports
        c.services = progress.stats.services
        self.workers = len(progress.workers)
        self.shards = (progress.shards_finished, progress.shards_total)
        sharded = record is not None and record.sharded
        return _Shown(complete=sharded and progress.complete)

    def _assemble(self, scan_id: str) -> Report:
        record = self.ledger.scan(scan_id)
        assert record is not None
        results = self.ledger.results(scan_id)
        report = Report(
            tool=ToolInfo(version=__version__),
            started_at=record.created_at,
            finished_at=dt.datetime.now(dt.UTC),
            services=results.services,
            errors=(*record.errors, *results.errors),
            stats=results.stats,
        )
        return with_findings(report)


@dataclass(frozen=True)
class _Shown:
    complete: bool


__all__ = ["POLL", "Dispatch", "ResumeError", "ShardedScan", "default_ports"]
