"""The Celery app that carries shards from the coordinator to workers over a Redis broker.

Built by :func:`make_app` for each coordinator or worker (no module-global app or
client). Delivery is at least once, and the ledger makes a second delivery harmless:

- ``acks_late``: a shard is acknowledged when it is done, not when it is received;
- ``reject_on_worker_lost``: a pool process that dies puts its shard back at once;
- the broker's visibility timeout: a worker that dies whole (power, SIGKILL) leaves its
  shard unacknowledged, and the broker hands it to another worker after the timeout;
- prefetch of one: a worker holds only the shard it runs, so a dead one strands little.

Only :class:`~unguarded.distributed.scope.ShardOrder` (scan id, shard number, endpoints)
travels through the broker: no result backend, no values, no credentials.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from dataclasses import dataclass, field
from typing import Any

from celery import Celery

from ..history import Store, open_store
from .ledger import Ledger
from .runner import DEFAULT_LEASE, ShardRunner, ShardVerdict
from .scope import ShardOrder
from .urls import DEFAULT_QUEUE, DEFAULT_VISIBILITY_TIMEOUT

log = logging.getLogger("unguarded.worker")

TASK_NAME = "unguarded.run_shard"
#: attempts at a shard that keeps failing before it is given up (and reported as an error of the scan)
MAX_FAILURES = 5


def transport_options(visibility_timeout: float) -> dict[str, Any]:
    """Kombu's Redis options: re-deliver after the timeout, and look for stranded shards often enough to notice."""
    sweep = max(1, min(10, int(visibility_timeout // 4)))
    return {
        "visibility_timeout": int(max(1, visibility_timeout)),
        "unacked_restore_interval": sweep,
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 10,
        "socket_timeout": 30,
    }


@dataclass
class WorkerState:
    """What a worker process opens on its first shard (after the pool forks, never before)."""

    store_url: str | None
    lease: float
    #: the queue the worker consumes: it refuses shards routed to another
    queue: str | None = None
    _store: Store | None = field(default=None, repr=False)
    _pid: int = 0

    def runner(self) -> ShardRunner:
        if self._store is None or self._pid != os.getpid():
            self._store = open_store(self.store_url)
            self._pid = os.getpid()
        return ShardRunner(Ledger(self._store), lease=self.lease, queue=self.queue)


def make_app(
    broker: str,
    *,
    queue: str = DEFAULT_QUEUE,
    visibility_timeout: float = DEFAULT_VISIBILITY_TIMEOUT,
    store: str | None = None,
) -> Celery:
    """A Celery app on ``broker`` whose shard task runs against the history store at ``store``.

    The coordinator needs no store here (it only sends); a worker does. The claim lease
    follows the visibility timeout (at most :data:`DEFAULT_LEASE`), so a shard held by a
    dead worker is free by the time the broker hands it out again.
    """
    app = Celery("unguarded", broker=broker, set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,
        result_backend=None,
        task_default_queue=queue,
        task_create_missing_queues=True,
        broker_transport_options=transport_options(visibility_timeout),
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=10,
        worker_enable_remote_control=False,
        worker_send_task_events=False,
        worker_hijack_root_logger=False,
        worker_redirect_stdouts=False,
    )
    state = WorkerState(store_url=store, lease=max(2.0, min(DEFAULT_LEASE, visibility_timeout)), queue=queue)

    def run_shard(self: Any, order: dict[str, Any]) -> str:
        shard = ShardOrder.model_validate(order)
        try:
            verdict = asyncio.run(state.runner().run(shard))
        except Exception as exc:  # the store or the scan machinery failed: try again, then give the shard up
            failures = int(self.request.retries) + 1
            reason = f"{exc.__class__.__name__} on {failures} attempts"
            log.warning("shard %s of scan %s failed: %s", shard.shard, shard.scan, reason)
            if failures < MAX_FAILURES:
                raise self.retry(countdown=state.lease) from None
            state.runner().ledger.refuse(shard.scan, shard.shard, f"the shard failed on the workers ({reason})")
            return ShardVerdict.REFUSED.value
        if verdict is ShardVerdict.BUSY:
            # another worker holds a live claim: ask again once it has lapsed (its holder died) or finished
            raise self.retry(countdown=state.lease)
        return verdict.value

    app.task(name=TASK_NAME, bind=True, max_retries=None)(run_shard)
    return app


def send_shard(app: Celery, order: ShardOrder, queue: str, producer: Any = None) -> None:
    """Enqueue one shard on ``queue``."""
    app.send_task(
        TASK_NAME,
        args=[order.model_dump(mode="json")],
        queue=queue,
        producer=producer,
        retry=True,
        retry_policy={"max_retries": 3, "interval_start": 0.5, "interval_step": 1.0, "interval_max": 3.0},
    )


def run_worker(app: Celery, *, queue: str, concurrency: int, loglevel: str = "INFO") -> int:
    """Consume ``queue`` until stopped (SIGTERM finishes the running shards first); the worker's exit code."""
    worker = app.Worker(
        queues=[queue],
        concurrency=concurrency,
        loglevel=loglevel,
        without_mingle=True,
        without_gossip=True,
        without_heartbeat=True,
        hostname=f"unguarded-{os.getpid()}@{socket.gethostname()}",
    )
    worker.start()
    return int(worker.exitcode or 0)


__all__ = [
    "DEFAULT_QUEUE",
    "DEFAULT_VISIBILITY_TIMEOUT",
    "TASK_NAME",
    "WorkerState",
    "make_app",
    "run_worker",
    "send_shard",
    "transport_options",
]
