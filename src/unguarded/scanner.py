"""Run a scan: a bounded pool of workers walks the endpoints and builds the report.

Limits live here, not in the engines: a global concurrency cap, a per-host cap and
connection rate, and a deadline per service that covers identification and assessment.
A worker that hits a hostile peer records a clear error and moves on.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime as dt
import re
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._version import __version__
from .discovery import IdentifyError, Stream, identify, open_port
from .engines import all_engines
from .engines._threads import AbandonableExecutor
from .engines.base import Assessment, Connector, Engine, ScanContext, ScanOptions, tcp_connect
from .findings import with_findings
from .honeypot import crowded_addresses, judge
from .models import (
    Access,
    Dataset,
    Endpoint,
    Evidence,
    Exposure,
    Report,
    ScanError,
    ScanStats,
    Service,
    Severity,
    ToolInfo,
)
from .relay import ServiceRelay
from .risk import assess as assess_risk
from .risk import facts
from .sweep import Sweep
from .targets import Planned, TargetError, TargetSet, walk

if TYPE_CHECKING:  # the classifier is imported when a service is built: a sweep that finds none never loads it
    from .classify import Classification, SampledDataset


@dataclass
class Counters:
    """Live counts for the progress bar; the scanner only ever increments them."""

    endpoints_total: int = 0
    addresses: int = 0
    ports_probed: int = 0
    open_ports: int = 0
    services: int = 0
    _addresses_seen: set[str] = field(default_factory=set)

    def saw_address(self, address: str) -> None:
        if address not in self._addresses_seen:
            self._addresses_seen.add(address)
            self.addresses += 1


class HostLimiter:
    """Per-host concurrency cap and a minimum interval between connection starts.

    For :meth:`Scanner.scan_endpoint` (a scan's own sweep keeps its per-host state in
    :class:`~unguarded.sweep.Sweep`). A host's entries go when nothing holds or waits for
    it and its next start is due, so calls for many hosts leave nothing behind.
    """

    def __init__(self, per_host: int, rate: float) -> None:
        self._per_host = per_host
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._sems: dict[str, asyncio.Semaphore] = {}
        self._users: dict[str, int] = {}
        self._next: dict[str, float] = {}
        self._prune_at = 1024

    @contextlib.asynccontextmanager
    async def hold(self, address: str) -> AsyncIterator[None]:
        """A connection slot on ``address``, started no sooner than the host's rate allows."""
        sem = self._sems.get(address)
        if sem is None:
            sem = self._sems[address] = asyncio.Semaphore(self._per_host)
        self._users[address] = self._users.get(address, 0) + 1
        try:
            async with sem:
                await self.pace(address)
                yield
        finally:
            self._users[address] -= 1
            if not self._users[address]:
                del self._users[address], self._sems[address]

    async def pace(self, address: str) -> None:
        now = time.monotonic()
        start = max(now, self._next.get(address, 0.0))
        self._next[address] = start + self._interval
        if len(self._next) > self._prune_at:
            # a start time already past constrains nothing: forget it
            self._next = {a: t for a, t in self._next.items() if t > now or a in self._users}
            self._prune_at = max(1024, 2 * len(self._next))
        if start > now:
            await asyncio.sleep(start - now)


_QUOTED = re.compile(r"(\"[^\"]*\"|'[^']*')")


def safe_message(exc: BaseException) -> str:
    """One line about an exception, with quoted fragments removed: servers echo values."""
    if isinstance(exc, TimeoutError):
        return "TimeoutError: the server did not answer within --timeout"
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = _QUOTED.sub("'…'", text)[:200]
    return f"{exc.__class__.__name__}: {text}" if text else exc.__class__.__name__


#: seconds a cancelled assessment gets to unwind before it is left behind
GRACE = 2.0


def _at(error: ScanError, ep: Endpoint, relayed: Endpoint) -> ScanError:
    """An engine's error names the relay's port: give it the target's back."""
    if error.port == relayed.port and error.host == relayed.host:
        return error.model_copy(update={"host": ep.host, "port": ep.port})
    return error


def intrusion_evidence(engine: Engine, result: Assessment) -> list[Evidence]:
    """Every sign of an earlier intrusion on one service, in report order.

    What ``assess`` recorded, then the signs every engine shares (ransom notes, wiped
    databases), judged with this engine's grouping and system databases, then the signs
    only this engine shows (:meth:`~unguarded.engines.base.Engine.intrusion_signs`).
    """
    from .classify import detect_compromise

    return [
        *result.evidence,
        *detect_compromise(result.datasets, group=engine.dataset_group, system_databases=engine.system_databases),
        *engine.intrusion_signs(result),
    ]


def build_service(ep: Endpoint, engine: Engine, result: Assessment, *, classify: bool = True) -> Service:
    """Classify the samples, drop them, find the links between datasets, and judge severity from what is inside.

    A dataset the engine's follow-up already classified (:meth:`Assessment.follow`, with
    trails confirmed by following subjects) keeps that classification; links come from
    the follow-up's lookups, or from the samples alone when the engine has none.
    """
    from .classify import classify_dataset, estimate_people, people_from_statistics, sample_links, service_patterns

    follow = result.follow_up
    classified: list[tuple[SampledDataset, Classification | None]] = [
        (
            ds,
            (follow.classifications.get(ds.name) or classify_dataset(ds.sample, dataset=ds.name, total=ds.records))
            if classify and ds.sample
            else None,
        )
        for ds in result.datasets
    ]
    people_sources: dict[str, str] = {}
    for i, (ds, c) in enumerate(classified):
        if c is None:
            continue
        if c.people_estimate is not None:
            people_sources[ds.name] = "sample"
        stats = result.distinct_by_dataset.get(ds.name, {})
        server = people_from_statistics(c, stats, ds.records, result.distinct_source)
        if server is not None:
            classified[i] = (ds, dataclasses.replace(c, people_estimate=server[0]))
            people_sources[ds.name] = server[1]
    by_name = {ds.name: c for ds, c in classified if c is not None}
    links = (follow.links if follow.ran else sample_links(result.datasets, by_name)) if classify else []
    evidence = intrusion_evidence(engine, result)
    marked = {e.dataset for e in evidence if e.kind == "ransom_note"}
    datasets = [
        Dataset(
            name=ds.name,
            kind=ds.kind,
            records=ds.records,
            records_exact=result.exact_by_dataset.get(ds.name, True),
            bytes=result.bytes_by_dataset.get(ds.name),
            sampled=len(ds.sample),
            fields=c.fields if c else (),
            patterns=tuple(
                dict.fromkeys((*(c.patterns if c else ()), *(("ransom_note",) if ds.name in marked else ())))
            ),
            people_estimate=c.people_estimate if c else None,
            people_source=people_sources.get(ds.name),
            time_span_days=c.time_span_days if c else None,
            sensitive_places=c.sensitive_places if c else (),
            trail=follow.notes.get(ds.name) if c else None,
        )
        for ds, c in classified
    ]
    compromised = bool(evidence)
    severity, reason = assess_risk(facts(result.exposure, result.access, compromised, datasets))
    service = Service(
        host=ep.host,
        port=ep.port,
        engine=result.engine or engine.name,
        version=result.version,
        tls=result.tls,
        exposure=result.exposure,
        access=result.access,
        severity=severity,
        severity_reason=reason,
        auth_detail=result.auth_detail,
        compromised=compromised,
        evidence=tuple(evidence),
        datasets=tuple(datasets),
        errors=tuple(result.errors),
        remediation=engine.remediation if result.exposure.usable or compromised else None,
        people_exposed=estimate_people((ds, c) for ds, c in classified if c is not None),
        honeypot=judge(result.honeypot_signals),
        links=tuple(links),
        patterns=service_patterns(links, {d.name: d.patterns for d in datasets}),
    )
    return as_imitation(service) if service.honeypot and service.honeypot.likely else service


def as_imitation(service: Service) -> Service:
    """A likely honeypot: never an open database holding data, whatever it claimed.

    Exposure and access become unknown/none, its datasets, evidence and remediation are
    dropped (they describe data that does not exist), and severity is ``info``.
    """
    return service.model_copy(
        update={
            "exposure": Exposure.UNKNOWN,
            "access": Access.NONE,
            "severity": Severity.INFO,
            "severity_reason": "likely a honeypot (an imitation of this engine): not judged as a real database",
            "compromised": False,
            "evidence": (),
            "datasets": (),
            "remediation": None,
            "people_exposed": None,
            "links": (),
            "patterns": (),
        }
    )


def with_crowd_signal(services: Sequence[Service], addresses: Sequence[str]) -> list[Service]:
    """Add the many-engines-on-one-address signal to services already under suspicion.

    Real hosts run several databases, so the crowd alone never marks a service: it only
    counts for one that showed a signal of its own.
    """
    crowded = crowded_addresses(zip(addresses, (s.engine for s in services), strict=True))
    out = []
    for service, address in zip(services, addresses, strict=True):
        if address in crowded and service.honeypot is not None:
            names = sorted({s.engine for s, a in zip(services, addresses, strict=True) if a == address})
            verdict = judge([*service.honeypot.signals, f"{len(names)} unrelated engines answer on this address"])
            service = service.model_copy(update={"honeypot": verdict})
            if verdict is not None and verdict.likely:
                service = as_imitation(service)
        out.append(service)
    return out


class Scanner:
    """One scan's state: options, engines, limits, counters and collected results."""

    def __init__(
        self,
        options: ScanOptions | None = None,
        *,
        engines: Sequence[Engine] | None = None,
        connect: Connector = tcp_connect,
        counters: Counters | None = None,
    ) -> None:
        self.options = options or ScanOptions()
        self._engines = list(engines) if engines is not None else None
        self.ctx = ScanContext(options=self.options, connect=connect)
        self.counters = counters or Counters()
        self.services: list[Service] = []
        self._addresses: list[str] = []
        self.errors: list[ScanError] = []
        self._hosts = HostLimiter(self.options.per_host, self.options.per_host_rate)

    @property
    def engines(self) -> list[Engine]:
        """The engines, imported on first use: a sweep that finds no open port never loads one (nor its client)."""
        if self._engines is None:
            self._engines = all_engines()
        return self._engines

    def default_ports(self) -> list[int]:
        return sorted({p for e in self.engines for p in e.default_ports})

    async def run(self, target_set: TargetSet, ports: Sequence[int] | None = None) -> Report:
        started = dt.datetime.now(dt.UTC)
        # Libraries that block run in daemon threads nobody joins: a stuck one cannot hold the scan.
        asyncio.get_running_loop().set_default_executor(AbandonableExecutor())
        self.counters.endpoints_total = target_set.address_count * (len(ports or self.default_ports()))
        await Sweep(
            walk(target_set, ports or self.default_ports()),
            self.options,
            opened=self._opened,
            decided=self._decided,
            failed=self._failed,
            connect=None if self.ctx.connect is tcp_connect else self.ctx.connect,
        ).run()
        c = self.counters
        report = Report(
            tool=ToolInfo(version=__version__),
            started_at=started,
            finished_at=dt.datetime.now(dt.UTC),
            services=tuple(with_crowd_signal(self.services, self._addresses)),
            errors=tuple(self.errors),
            stats=ScanStats(
                addresses=c.addresses, ports_probed=c.ports_probed, open_ports=c.open_ports, services=c.services
            ),
        )
        return with_findings(report)

    def _decided(self, item: Planned, is_open: bool) -> None:
        self.counters.addresses += item.new_address
        self.counters.ports_probed += 1
        self.counters.open_ports += is_open

    def _failed(self, item: Planned | TargetError, message: str) -> None:
        if isinstance(item, TargetError):
            self.errors.append(ScanError(stage="targets", message=message))
        else:
            self.counters.addresses += item.new_address
            self.errors.append(ScanError(host=item.label, port=item.port, stage="connect", message=message))

    async def _opened(self, item: Planned, stream: Stream) -> None:
        ep = item.endpoint()
        service = await self._service(ep, stream)
        if service is not None:
            self.counters.services += 1
            self.services.append(service)
            self._addresses.append(ep.address)

    async def scan_endpoint(self, ep: Endpoint) -> None:
        """One endpoint on its own, outside :meth:`run`'s sweep (the per-host limits still hold)."""
        self.counters.saw_address(ep.address)
        async with self._hosts.hold(ep.address):
            stream = await open_port(ep, self.ctx)
            self.counters.ports_probed += 1
            if stream is None:
                return
            self.counters.open_ports += 1
            service = await self._service(ep, stream)
            if service is not None:
                self.counters.services += 1
                self.services.append(service)
                self._addresses.append(ep.address)

    async def _service(self, ep: Endpoint, stream: Stream) -> Service | None:
        """Identify, then assess within what is left of the service deadline."""
        deadline = time.monotonic() + self.options.service_deadline
        try:
            identity = await asyncio.wait_for(
                identify(ep, self.ctx, self.engines, stream), self.options.service_deadline
            )
        except TimeoutError:
            self._error(
                ep, "identify", f"not identified within the {self.options.service_deadline:g}s service deadline"
            )
            return None
        except IdentifyError as exc:
            self._error(ep, "identify", str(exc))
            return None
        engine = next(e for e in self.engines if identity.engine in (e.name, *e.aliases))
        if identity.tls:
            ep = ep.model_copy(update={"tls": True})
        result = await self._assess(ep, engine, max(0.1, deadline - time.monotonic()))
        result.version = result.version or identity.version
        result.tls = result.tls or identity.tls
        result.engine = result.engine or identity.engine
        return build_service(ep, engine, result)

    async def _assess(self, ep: Endpoint, engine: Engine, seconds: float) -> Assessment:
        """Assess through the service's relay, which holds the deadline and the byte budgets.

        The engine gets the relay's loopback address, so whatever its client library does,
        every reply is counted and the sockets close when the time is up. A result the
        engine still returned after a cut is kept (it is partial, and says so).
        """
        async with ServiceRelay(ep, self.ctx, engine.reply_frame) as relay:
            task, stopped = await relay.run(engine.assess(relay.endpoint, relay.context), seconds, GRACE)
        if task.done() and not task.cancelled() and task.exception() is None:
            result = task.result()
        else:
            result = Assessment(exposure=Exposure.UNKNOWN, access=Access.NONE)
            if task.done() and not task.cancelled() and stopped is None:
                result.error(ep, "assess", safe_message(task.exception() or Exception()))
        result.errors = [_at(e, ep, relay.endpoint) for e in result.errors]
        if stopped == "deadline":
            result.error(
                ep,
                "deadline",
                f"assessment did not finish within the {self.options.service_deadline:g}s service deadline",
            )
        elif stopped is not None:
            result.error(ep, "budget", f"assessment cut: {stopped}")
        return result

    def _error(self, ep: Endpoint, stage: str, message: str) -> None:
        self.errors.append(ScanError(host=ep.host, port=ep.port, stage=stage, message=message))


async def scan(
    target_set: TargetSet, *, ports: Sequence[int] | None = None, options: ScanOptions | None = None
) -> Report:
    """Library entry point: scan a target set and return the report."""
    return await Scanner(options).run(target_set, ports)
