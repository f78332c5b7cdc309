"""``unguarded worker``: a Celery worker that runs shards of distributed scans from one queue.

Put one in each network segment with its own ``--queue``; it only connects outward, to
the broker and the store. The broker and store URLs come from ``--broker-file`` /
``$UNGUARDED_BROKER`` and ``--store-file`` / ``$UNGUARDED_STORE`` so no password shows in ``ps``.
"""

from __future__ import annotations

import logging
from typing import Annotated

import typer

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
)
from ._common import StoreOption, usage_error


def worker_command(
    broker: BrokerOption = None,
    broker_file: BrokerFileOption = None,
    store: StoreOption = None,
    store_file: StoreFileOption = None,
    queue: QueueOption = DEFAULT_QUEUE,
    concurrency: Annotated[
        int, typer.Option("--concurrency", "-c", min=1, max=256, help="Shards run at once (processes).")
    ] = 2,
    visibility_timeout: VisibilityOption = DEFAULT_VISIBILITY_TIMEOUT,
    loglevel: Annotated[str, typer.Option("--loglevel", help="DEBUG, INFO, WARNING or ERROR.")] = "INFO",
) -> None:
    """Run shards of distributed scans from a queue: same engines, limits and masking as a local scan."""
    # here, not at the top: Celery and SQLAlchemy are for this command (and a sharded scan) only
    from ..distributed import make_app, run_worker
    from ..history import StoreError, open_store

    broker_url = resolve_broker(broker, broker_file, required=True)
    assert broker_url is not None
    store_url = resolve_store(store, store_file)
    try:
        open_store(store_url).close()  # fail now, not on the first shard; also brings the schema up to date
    except StoreError as exc:
        usage_error(str(exc))
    level = loglevel.upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        usage_error(f"--loglevel must be DEBUG, INFO, WARNING or ERROR, not {loglevel!r}")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = make_app(broker_url, queue=queue, visibility_timeout=visibility_timeout, store=store_url)
    raise typer.Exit(run_worker(app, queue=queue, concurrency=concurrency, loglevel=level))
