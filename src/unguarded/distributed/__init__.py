"""One scan across many machines: shards of the target set run on Celery workers over a Redis broker.

The coordinator (:class:`ShardedScan`) records the scan's scope and a shard ledger in
the history store, enqueues the shards, and assembles the same report a local scan of
the same targets gives. Workers (:func:`make_app`, :func:`run_worker`) check each shard
against the recorded scope, scan it with the ordinary scanner and its limits, and write
the value-free services to the store. See docs/distributed.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_names

if TYPE_CHECKING:
    from .app import make_app, run_worker
    from .coordinator import Dispatch, ResumeError, ShardedScan, default_ports
    from .ledger import Ledger
    from .scope import DEFAULT_SHARD_SIZE, ScanScope, ShardOrder
    from .urls import (
        DEFAULT_QUEUE,
        DEFAULT_VISIBILITY_TIMEOUT,
        ENV_BROKER,
        UrlError,
        broker_url,
        check_broker,
        redact_url,
        store_warning,
    )

#: public name -> its module, imported on first use (PEP 562): the command line reads the
#: defaults and URL helpers on every start, Celery and the SQL ledger only for a sharded scan
_LAZY = {
    **dict.fromkeys(("make_app", "run_worker"), ".app"),
    **dict.fromkeys(("Dispatch", "ResumeError", "ShardedScan", "default_ports"), ".coordinator"),
    "Ledger": ".ledger",
    **dict.fromkeys(("DEFAULT_SHARD_SIZE", "ScanScope", "ShardOrder"), ".scope"),
    **dict.fromkeys(
        (
            "DEFAULT_QUEUE",
            "DEFAULT_VISIBILITY_TIMEOUT",
            "ENV_BROKER",
            "UrlError",
            "broker_url",
            "check_broker",
            "redact_url",
            "store_warning",
        ),
        ".urls",
    ),
}

__getattr__, __dir__ = lazy_names(__name__, _LAZY)


__all__ = [
    "DEFAULT_QUEUE",
    "DEFAULT_SHARD_SIZE",
    "DEFAULT_VISIBILITY_TIMEOUT",
    "ENV_BROKER",
    "Dispatch",
    "Ledger",
    "ResumeError",
    "ScanScope",
    "ShardOrder",
    "ShardedScan",
    "UrlError",
    "broker_url",
    "check_broker",
    "default_ports",
    "make_app",
    "redact_url",
    "run_worker",
    "store_warning",
]
