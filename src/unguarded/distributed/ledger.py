"""The shard ledger in the store: what a scan may touch, its shards, and what each found.

Every write is idempotent, so a shard that runs twice (a worker died after its results
were saved but before the broker heard, or a resumed coordinator enqueued it again)
changes nothing the second time:

- a shard is claimed with a lease that its worker keeps extending; a second delivery
  of a shard that is done is dropped, and one whose lease is live is put off until the
  lease lapses (its holder died) or the shard is done;
- a shard's services are replaced in one transaction and keyed by (scan, host, port,
  engine), with the shard marked done in the same transaction.

Only value-free report models are written: endpoints, :class:`~unguarded.models.Service`
as the report has it (masked examples, counts), value-free errors.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic import TypeAdapter
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from ..history import Store, StoreError
from ..history._tables import ledger_scans, ledger_services, ledger_shards
from ..models import Endpoint, ScanError, ScanStats, Service
from .scope import ScanScope, ShardOrder, shard_digest

_ENDPOINTS = TypeAdapter(tuple[Endpoint, ...])
_ERRORS = TypeAdapter(tuple[ScanError, ...])
#: shards written per statement while the coordinator records a large scan
_BATCH = 200


class ShardStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    REFUSED = "refused"


class ClaimOutcome(StrEnum):
    """What a worker may do with a shard it was handed."""

    #: run it: this worker holds the lease
    CLAIMED = "claimed"
    #: drop it: it is done (or refused) already
    FINISHED = "finished"
    #: put it off: another worker holds a live lease
    BUSY = "busy"
    #: refuse it: no such scan or shard, or not the endpoints the coordinator recorded
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class LedgerScan:
    """One scan in the ledger, as the coordinator and ``--resume`` read it."""

    id: str
    created_at: dt.datetime
    status: str
    queue: str | None
    scope: ScanScope
    sharded: bool
    shards: int
    endpoints: int
    errors: tuple[ScanError, ...]
    history_id: int | None


@dataclass
class LedgerProgress:
    """Where a scan stands, summed over its shards, for the progress bar."""

    shards_total: int = 0
    shards_finished: int = 0
    endpoints_total: int = 0
    endpoints_finished: int = 0
    stats: ScanStats = field(default_factory=ScanStats)
    workers: set[str] = field(default_factory=set)

    @property
    def complete(self) -> bool:
        return self.shards_finished >= self.shards_total


@dataclass(frozen=True)
class LedgerResults:
    """What the shards found, in shard order, for the assembled report."""

    services: tuple[Service, ...]
    errors: tuple[ScanError, ...]
    stats: ScanStats


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sum(stats: Iterable[ScanStats]) -> ScanStats:
    totals = {"addresses": 0, "ports_probed": 0, "open_ports": 0, "services": 0}
    for item in stats:
        for key in totals:
            totals[key] += getattr(item, key)
    return ScanStats(**totals)


class Ledger:
    """The ledger tables of one open :class:`~unguarded.history.Store`; the store stays the caller's to close."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._engine = store.engine

    def _fail(self, doing: str, exc: SQLAlchemyError) -> StoreError:
        first = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        password = self.store.url.password
        if password:
            first = first.replace(str(password), "***")
        return StoreError(f"cannot {doing} the shard ledger at {self.store.display}: {first}")

    # ------------------------------------------------------------------ the coordinator's side

    def create_scan(self, scope: ScanScope, queue: str | None) -> str:
        scan_id = secrets.token_hex(6)
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    sa.insert(ledger_scans).values(
                        id=scan_id,
                        created_at=_now(),
                        status="running",
                        queue=queue,
                        scope=scope.model_dump_json(),
                        sharded=False,
                        shards=0,
                        endpoints=0,
                        errors="[]",
                        history_id=None,
                    )
                )
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None
        return scan_id

    def add_shards(self, scan_id: str, shards: Sequence[tuple[int, Sequence[Endpoint]]]) -> None:
        """Record shards (an existing shard number is left as it is: resuming re-plans the same shards)."""
        rows = [
            {
                "scan_id": scan_id,
                "shard": number,
                "status": ShardStatus.PENDING.value,
                "endpoints": len(endpoints),
                "digest": shard_digest(endpoints),
                "payload": _ENDPOINTS.dump_json(tuple(endpoints)).decode(),
                "attempts": 0,
            }
            for number, endpoints in shards
        ]
        if not rows:
            return
        try:
            with self._engine.begin() as conn:
                for start in range(0, len(rows), _BATCH):
                    conn.execute(
                        self._insert_ignoring(ledger_shards, ["scan_id", "shard"]), rows[start : start + _BATCH]
                    )
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None

    def mark_sharded(self, scan_id: str, shards: int, endpoints: int, errors: Sequence[ScanError]) -> None:
        self._update_scan(
            scan_id, sharded=True, shards=shards, endpoints=endpoints, errors=_ERRORS.dump_json(tuple(errors)).decode()
        )

    def complete(self, scan_id: str, history_id: int | None) -> None:
        self._update_scan(scan_id, status="done", history_id=history_id)

    def _update_scan(self, scan_id: str, **values: Any) -> None:
        try:
            with self._engine.begin() as conn:
                conn.execute(sa.update(ledger_scans).where(ledger_scans.c.id == scan_id).values(**values))
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None

    def scan(self, scan_id: str) -> LedgerScan | None:
        try:
            with self._engine.connect() as conn:
                row = conn.execute(sa.select(ledger_scans).where(ledger_scans.c.id == scan_id)).one_or_none()
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        if row is None:
            return None
        return LedgerScan(
            id=row.id,
            created_at=row.created_at,
            status=row.status,
            queue=row.queue,
            scope=ScanScope.model_validate_json(row.scope),
            sharded=bool(row.sharded),
            shards=int(row.shards),
            endpoints=int(row.endpoints),
            errors=_ERRORS.validate_json(row.errors),
            history_id=row.history_id,
        )

    def unfinished(self, scan_id: str, *, stalled_only: bool = False) -> Iterator[ShardOrder]:
        """Every shard not yet done or refused, in order, for (re-)enqueueing.

        ``stalled_only``: only those nobody holds a live claim on (pending, or the lease lapsed).
        """
        c = ledger_shards.c
        query = (
            sa.select(c.shard, c.payload)
            .where(c.scan_id == scan_id)
            .where(c.status.in_([ShardStatus.PENDING.value, ShardStatus.RUNNING.value]))
            .order_by(c.shard)
        )
        if stalled_only:
            query = query.where(sa.or_(c.status == ShardStatus.PENDING.value, c.lease_until < _now()))
        try:
            with self._engine.connect() as conn:
                rows = list(conn.execute(query))
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        for row in rows:
            yield ShardOrder(scan=scan_id, shard=int(row.shard), endpoints=_ENDPOINTS.validate_json(row.payload))

    def progress(self, scan_id: str) -> LedgerProgress:
        c = ledger_shards.c
        query = sa.select(c.status, c.endpoints, c.claimed_by, c.stats).where(c.scan_id == scan_id)
        progress = LedgerProgress()
        stats = []
        try:
            with self._engine.connect() as conn:
                for row in conn.execute(query):
                    progress.shards_total += 1
                    progress.endpoints_total += int(row.endpoints)
                    if row.claimed_by:
                        progress.workers.add(str(row.claimed_by))
                    if row.status in (ShardStatus.DONE.value, ShardStatus.REFUSED.value):
                        progress.shards_finished += 1
                        progress.endpoints_finished += int(row.endpoints)
                    if row.stats:
                        stats.append(ScanStats.model_validate_json(row.stats))
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        progress.stats = _sum(stats)
        return progress

    def results(self, scan_id: str) -> LedgerResults:
        """Services in shard order, then errors: refused shards first (they are the scan's own), then each shard's."""
        s, v = ledger_shards.c, ledger_services.c
        try:
            with self._engine.connect() as conn:
                shards = list(
                    conn.execute(
                        sa.select(s.shard, s.status, s.stats, s.errors, s.refusal, s.endpoints)
                        .where(s.scan_id == scan_id)
                        .order_by(s.shard)
                    )
                )
                services = [
                    Service.model_validate_json(text)
                    for text in conn.execute(
                        sa.select(v.service).where(v.scan_id == scan_id).order_by(v.shard, v.ordinal)
                    ).scalars()
                ]
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        errors: list[ScanError] = [
            ScanError(stage="scope", message=f"shard {row.shard} ({row.endpoints} endpoints) refused: {row.refusal}")
            for row in shards
            if row.status == ShardStatus.REFUSED.value
        ]
        for row in shards:
            if row.errors:
                errors.extend(_ERRORS.validate_json(row.errors))
        stats = _sum(ScanStats.model_validate_json(row.stats) for row in shards if row.stats)
        return LedgerResults(tuple(services), tuple(errors), stats)

    # ------------------------------------------------------------------ the worker's side

    def claim(self, order: ShardOrder, worker: str, lease: float) -> ClaimOutcome:
        """Take the shard for ``lease`` seconds if nobody else holds it and it is not finished."""
        c = ledger_shards.c
        now = _now()
        try:
            with self._engine.begin() as conn:
                row = conn.execute(
                    sa.select(c.status, c.digest, c.lease_until).where(c.scan_id == order.scan, c.shard == order.shard)
                ).one_or_none()
                if row is None or row.digest != order.digest:
                    return ClaimOutcome.UNKNOWN
                if row.status in (ShardStatus.DONE.value, ShardStatus.REFUSED.value):
                    return ClaimOutcome.FINISHED
                taken = conn.execute(
                    sa.update(ledger_shards)
                    .where(c.scan_id == order.scan, c.shard == order.shard)
                    .where(
                        sa.or_(
                            c.status == ShardStatus.PENDING.value,
                            sa.and_(c.status == ShardStatus.RUNNING.value, c.lease_until < now),
                        )
                    )
                    .values(
                        status=ShardStatus.RUNNING.value,
                        claimed_by=worker[:200],
                        lease_until=now + dt.timedelta(seconds=lease),
                        attempts=c.attempts + 1,
                    )
                )
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None
        return ClaimOutcome.CLAIMED if taken.rowcount == 1 else ClaimOutcome.BUSY

    def recorded(self, order: ShardOrder) -> bool:
        """True when this is the shard the coordinator recorded (same scan, number and endpoints)."""
        c = ledger_shards.c
        try:
            with self._engine.connect() as conn:
                digest = conn.execute(
                    sa.select(c.digest).where(c.scan_id == order.scan, c.shard == order.shard)
                ).scalar_one_or_none()
        except SQLAlchemyError as exc:
            raise self._fail("read", exc) from None
        return digest == order.digest

    def extend(self, scan_id: str, shard: int, worker: str, lease: float) -> None:
        c = ledger_shards.c
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    sa.update(ledger_shards)
                    .where(c.scan_id == scan_id, c.shard == shard, c.claimed_by == worker[:200])
                    .where(c.status == ShardStatus.RUNNING.value)
                    .values(lease_until=_now() + dt.timedelta(seconds=lease))
                )
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None

    def finish(
        self,
        order: ShardOrder,
        services: Sequence[Service],
        errors: Sequence[ScanError],
        stats: ScanStats,
    ) -> None:
        """Replace the shard's services and mark it done, in one transaction."""
        c, v = ledger_shards.c, ledger_services.c
        rows = [
            {
                "scan_id": order.scan,
                "host": service.host,
                "port": service.port,
                "engine": service.engine,
                "shard": order.shard,
                "ordinal": ordinal,
                "service": service.model_dump_json(),
            }
            for ordinal, service in enumerate(services)
        ]
        try:
            with self._engine.begin() as conn:
                conn.execute(sa.delete(ledger_services).where(v.scan_id == order.scan, v.shard == order.shard))
                for row in rows:
                    conn.execute(self._upsert_service(row))
                conn.execute(
                    sa.update(ledger_shards)
                    .where(c.scan_id == order.scan, c.shard == order.shard)
                    .values(
                        status=ShardStatus.DONE.value,
                        finished_at=_now(),
                        lease_until=None,
                        stats=stats.model_dump_json(),
                        errors=_ERRORS.dump_json(tuple(errors)).decode(),
                    )
                )
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None

    def refuse(self, scan_id: str, shard: int, reason: str) -> None:
        """Record why a worker would not run a shard the ledger knows (an unknown one has no row to mark)."""
        c = ledger_shards.c
        try:
            with self._engine.begin() as conn:
                conn.execute(
                    sa.update(ledger_shards)
                    .where(c.scan_id == scan_id, c.shard == shard)
                    .where(c.status != ShardStatus.DONE.value)
                    .values(status=ShardStatus.REFUSED.value, refusal=reason[:300], lease_until=None)
                )
        except SQLAlchemyError as exc:
            raise self._fail("write to", exc) from None

    # ------------------------------------------------------------------ dialects

    def _insert_ignoring(self, table: sa.Table, keys: list[str]) -> Any:
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing(index_elements=keys)
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=keys)

    def _upsert_service(self, row: dict[str, Any]) -> Any:
        keys = ["scan_id", "host", "port", "engine"]
        update = {k: row[k] for k in ("shard", "ordinal", "service")}
        if self._engine.dialect.name == "postgresql":
            return (
                postgresql.insert(ledger_services).values(**row).on_conflict_do_update(index_elements=keys, set_=update)
            )
        return sqlite.insert(ledger_services).values(**row).on_conflict_do_update(index_elements=keys, set_=update)


__all__ = [
    "ClaimOutcome",
    "Ledger",
    "LedgerProgress",
    "LedgerResults",
    "LedgerScan",
    "ShardStatus",
]
