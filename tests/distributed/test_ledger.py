"""The shard ledger on SQLite, without a broker: claims, leases, idempotent results, refusals."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from tests.fixed_report import fixed_report
from unguarded.distributed.ledger import ClaimOutcome, Ledger
from unguarded.distributed.runner import ShardRunner, ShardVerdict
from unguarded.distributed.scope import ScanScope, ShardOrder
from unguarded.engines.base import ScanOptions
from unguarded.history import open_store
from unguarded.models import Endpoint, ScanStats
from unguarded.targets import build_target_set

INSIDE = Endpoint(host="10.0.0.1", address="10.0.0.1", port=6379)
OUTSIDE = Endpoint(host="10.9.9.9", address="10.9.9.9", port=6379)


def _ledger(tmp_path: Path) -> tuple[Ledger, str]:
    store = open_store(str(tmp_path / "h.sqlite"))
    ledger = Ledger(store)
    scope = ScanScope.record(build_target_set(["10.0.0.0/30"]), ports=[6379], options=ScanOptions(), max_targets=4)
    return ledger, ledger.create_scan(scope, "q")


def test_a_shard_is_claimed_once_and_its_results_replace_rather_than_add(tmp_path: Path) -> None:
    ledger, scan = _ledger(tmp_path)
    order = ShardOrder(scan=scan, shard=0, endpoints=(INSIDE,))
    ledger.add_shards(scan, [(0, order.endpoints)])
    ledger.add_shards(scan, [(0, order.endpoints)])  # recorded again by a resumed coordinator: still one shard
    assert ledger.claim(order, "a", lease=30) is ClaimOutcome.CLAIMED
    assert ledger.claim(order, "b", lease=30) is ClaimOutcome.BUSY  # a live lease
    forged = ShardOrder(scan=scan, shard=0, endpoints=(OUTSIDE,))
    assert ledger.claim(forged, "b", lease=30) is ClaimOutcome.UNKNOWN
    services = fixed_report().services[:2]
    for _ in range(2):  # the same shard saved twice (run again after a lost acknowledgement)
        ledger.finish(order, services, (), ScanStats(addresses=1, ports_probed=1, open_ports=1, services=2))
    assert ledger.claim(order, "b", lease=30) is ClaimOutcome.FINISHED
    ledger.mark_sharded(scan, 1, 1, [])
    results = ledger.results(scan)
    assert results.services == tuple(services)
    assert results.stats.services == 2
    assert ledger.progress(scan).complete
    ledger.store.close()


def test_a_lapsed_lease_frees_the_shard(tmp_path: Path) -> None:
    ledger, scan = _ledger(tmp_path)
    order = ShardOrder(scan=scan, shard=0, endpoints=(INSIDE,))
    ledger.add_shards(scan, [(0, order.endpoints)])
    assert ledger.claim(order, "dead", lease=0.2) is ClaimOutcome.CLAIMED
    time.sleep(0.3)
    assert [o.shard for o in ledger.unfinished(scan, stalled_only=True)] == [0]
    assert ledger.claim(order, "alive", lease=30) is ClaimOutcome.CLAIMED
    assert list(ledger.unfinished(scan, stalled_only=True)) == []
    ledger.store.close()


def test_the_coordinators_own_shard_outside_the_scope_is_refused_in_the_ledger(tmp_path: Path) -> None:
    ledger, scan = _ledger(tmp_path)
    recorded = ShardOrder(scan=scan, shard=0, endpoints=(OUTSIDE,))  # say, a coordinator bug
    ledger.add_shards(scan, [(0, recorded.endpoints)])
    ledger.mark_sharded(scan, 1, 1, [])
    runner = ShardRunner(ledger)
    assert asyncio.run(runner.run(recorded)) is ShardVerdict.REFUSED
    assert ledger.progress(scan).complete  # the scan ends instead of waiting for it
    (error,) = ledger.results(scan).errors
    assert error.stage == "scope" and "10.9.9.9:6379 is outside the scan's recorded targets" in error.message
    ledger.store.close()
