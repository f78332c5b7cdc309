"""Run one shard exactly as a local scan would: check its scope, claim it, scan it, save it.

The same code runs a shard on a Celery worker and in the coordinator's own process (a
resumable local scan, or ``--resume`` without a broker). Everything is judged on this
side: the shard's endpoints against the scope recorded in the store, the limits from that
scope, classification and masking by the ordinary :class:`~unguarded.scanner.Scanner`.
What leaves is the report's own value-free models, written to the store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from dataclasses import dataclass
from enum import StrEnum

from ..scanner import Scanner
from .ledger import ClaimOutcome, Ledger
from .scope import ShardOrder, refusal, route_refusal, shard_target_set

log = logging.getLogger("unguarded.worker")

#: seconds a claim lasts without renewal: a dead worker's shard is free again after this
DEFAULT_LEASE = 60.0


class ShardVerdict(StrEnum):
    """What became of one delivery of a shard."""

    DONE = "done"
    #: already done (or refused) by an earlier delivery: nothing run, nothing written
    SKIPPED = "skipped"
    #: another worker holds it now: try this delivery again after the lease
    BUSY = "busy"
    #: outside the recorded scope, or not a shard the coordinator recorded: nothing contacted
    REFUSED = "refused"


def worker_name() -> str:
    """This process as the ledger names a shard's holder: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class ShardRunner:
    """Runs shards against one ledger; ``lease`` is how long a claim lasts between renewals."""

    ledger: Ledger
    lease: float = DEFAULT_LEASE
    #: the queue this worker consumes (None: the coordinator's own process, which runs every shard)
    queue: str | None = None

    async def run(self, order: ShardOrder) -> ShardVerdict:
        scan = await asyncio.to_thread(self.ledger.scan, order.scan)
        if scan is None:
            log.warning("refused shard %s of scan %s: no such scan in the store", order.shard, order.scan)
            return ShardVerdict.REFUSED
        reason = refusal(scan.scope, order.endpoints)
        if reason is not None:
            log.warning("refused shard %s of scan %s: %s", order.shard, order.scan, reason)
            if await asyncio.to_thread(self.ledger.recorded, order):
                # the coordinator's own shard: say so in the ledger, so the scan ends with this error
                # instead of waiting for it (a forged shard leaves the real one alone)
                await asyncio.to_thread(self.ledger.refuse, order.scan, order.shard, reason)
            return ShardVerdict.REFUSED
        if self.queue is not None:
            reason = route_refusal(scan.scope, order.endpoints, self.queue, scan.queue)
            if reason is not None:
                # not marked in the ledger: the worker the shard is routed to may still run it
                log.warning("refused shard %s of scan %s: %s", order.shard, order.scan, reason)
                return ShardVerdict.REFUSED
        worker = worker_name()
        outcome = await asyncio.to_thread(self.ledger.claim, order, worker, self.lease)
        if outcome is ClaimOutcome.UNKNOWN:
            log.warning("refused shard %s of scan %s: not the shard the coordinator recorded", order.shard, order.scan)
            return ShardVerdict.REFUSED
        if outcome is ClaimOutcome.FINISHED:
            log.info("shard %s of scan %s is done already", order.shard, order.scan)
            return ShardVerdict.SKIPPED
        if outcome is ClaimOutcome.BUSY:
            return ShardVerdict.BUSY
        renewal = asyncio.create_task(self._renew(order, worker))
        try:
            scanner = Scanner(scan.scope.scan_options())
            report = await scanner.run(shard_target_set(scan.scope, order.endpoints), scan.scope.ports)
        finally:
            renewal.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewal
        await asyncio.to_thread(self.ledger.finish, order, report.services, report.errors, report.stats)
        log.info(
            "shard %s of scan %s: %d endpoints, %d services",
            order.shard,
            order.scan,
            len(order.endpoints),
            len(report.services),
        )
        return ShardVerdict.DONE

    async def _renew(self, order: ShardOrder, worker: str) -> None:
        """Keep the claim alive while the shard runs; a renewal that fails is tried again next time."""
        while True:
            await asyncio.sleep(self.lease / 3)
            try:
                await asyncio.to_thread(self.ledger.extend, order.scan, order.shard, worker, self.lease)
            except Exception as exc:  # the store blinked: the next renewal may get through
                log.warning("could not renew the claim on shard %s: %s", order.shard, exc.__class__.__name__)


__all__ = ["DEFAULT_LEASE", "ShardRunner", "ShardVerdict", "worker_name"]
