"""Scan history: every scan saved to SQLite (default) or PostgreSQL, for ``history`` and ``diff``.

    from unguarded.history import open_store
    with open_store(None) as store:      # $UNGUARDED_STORE, else a SQLite file in the user data dir
        scan_id = store.save(report)
        previous = store.latest()

Only what a report holds is stored (counts, names, masked examples), never a raw value.
"""

from __future__ import annotations

from ._store import ENV_STORE, ScanSummary, Store, StoreError, default_store_url, open_store

__all__ = ["ENV_STORE", "ScanSummary", "Store", "StoreError", "default_store_url", "open_store"]
