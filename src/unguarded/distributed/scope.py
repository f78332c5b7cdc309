"""A scan's recorded scope, the shards it is cut into, and the check every worker runs on a shard.

The coordinator records the scope (targets, exclusions, ports, the address cap, the
limits) in the store before anything is enqueued. A worker trusts the store, not the
broker: it runs a shard only when every endpoint in it lies inside that recorded scope,
so a forged or stale message cannot make it touch anything the user did not name.

Shards hold whole hosts: every endpoint of one address is in the same shard, so the
per-host limits (connections in flight, connection rate) hold across any number of
workers, and the many-engines-on-one-address honeypot signal sees what a local scan sees.
Host names are resolved before sharding, so a host named once by name and once inside a
range is still one host in one shard.

Routes (``10.1.0.0/16=site-a``) send each shard to the queue of the network segment its
hosts lie in; a shard never spans two routes, and a worker refuses a shard that is not
routed to the queue it consumes.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import ipaddress
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from ..engines.base import ScanOptions
from ..models import Endpoint
from ..targets import TargetError, TargetSet, TargetSpec, iter_endpoints, resolve

#: endpoints in a shard unless the user picks another size (a /24 on one port)
DEFAULT_SHARD_SIZE = 256

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ScopeSpec(BaseModel):
    """One target as the user gave it (a :class:`~unguarded.targets.TargetSpec`), in a storable form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    network: str | None = None
    hostname: str | None = None
    port: int | None = None
    hint: str | None = None
    tls: bool = False
    path: str | None = None

    @classmethod
    def of(cls, spec: TargetSpec) -> ScopeSpec:
        return cls(
            text=spec.text,
            network=str(spec.network) if spec.network is not None else None,
            hostname=spec.hostname,
            port=spec.port,
            hint=spec.hint,
            tls=spec.tls,
            path=spec.path,
        )

    def target_spec(self) -> TargetSpec:
        network = ipaddress.ip_network(self.network) if self.network is not None else None
        return TargetSpec(
            text=self.text,
            network=network,
            hostname=self.hostname,
            port=self.port,
            hint=self.hint,
            tls=self.tls,
            path=self.path,
        )


class ScanScope(BaseModel):
    """Everything a scan may touch and every bound it runs under, as recorded in the store."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    specs: tuple[ScopeSpec, ...]
    excluded: tuple[str, ...] = ()
    #: the ports probed on every target without a port of its own
    ports: tuple[int, ...]
    max_targets: int
    shard_size: int = DEFAULT_SHARD_SIZE
    #: :class:`~unguarded.engines.base.ScanOptions` as a mapping: workers scan with these, not their own
    options: dict[str, Any]
    #: (network, queue): a shard of hosts in the network goes to that queue (the longest prefix wins)
    routes: tuple[tuple[str, str], ...] = ()

    @classmethod
    def record(
        cls,
        target_set: TargetSet,
        *,
        ports: Sequence[int],
        options: ScanOptions,
        max_targets: int,
        shard_size: int = DEFAULT_SHARD_SIZE,
        routes: Sequence[tuple[str, str]] = (),
    ) -> ScanScope:
        return cls(
            routes=tuple((str(ipaddress.ip_network(net, strict=False)), queue) for net, queue in routes),
            specs=tuple(ScopeSpec.of(spec) for spec in target_set.specs),
            excluded=tuple(str(net) for net in target_set.excluded),
            ports=tuple(sorted(set(ports))),
            max_targets=max_targets,
            shard_size=shard_size,
            options=dataclasses.asdict(options),
        )

    def target_set(self) -> TargetSet:
        return TargetSet(
            specs=[spec.target_spec() for spec in self.specs],
            excluded=[ipaddress.ip_network(net) for net in self.excluded],
        )

    def scan_options(self) -> ScanOptions:
        known = {f.name for f in dataclasses.fields(ScanOptions)}
        return ScanOptions(**{k: v for k, v in self.options.items() if k in known})


class ShardOrder(BaseModel):
    """One shard as it travels through the broker: which scan, which shard, which endpoints.

    Endpoints only (host, address, port, hint): no credentials, no values. The digest
    ties the message to the shard the coordinator wrote in the ledger.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    scan: str
    shard: int
    endpoints: tuple[Endpoint, ...]

    @property
    def digest(self) -> str:
        return shard_digest(self.endpoints)


def shard_digest(endpoints: Sequence[Endpoint]) -> str:
    text = "\n".join(ep.model_dump_json() for ep in endpoints)
    return hashlib.sha256(text.encode()).hexdigest()


def _prefix(address: str) -> int:
    """The /24 (or an IPv6 address's last-byte block) an address lies in: shards never span two."""
    return int(ipaddress.ip_address(address)) >> 8


#: what the coordinator resolves host names with: the scan's own resolver (see :func:`unguarded.targets.resolve`)
Resolver = Callable[[TargetSpec], list[tuple[str, str]]]
#: names resolved at once before sharding
RESOLVE_PARALLEL = 16


def parse_route(text: str) -> tuple[str, str]:
    """``NETWORK=QUEUE`` as (network, queue); ValueError with a one-line reason when it is not one."""
    net, sep, queue = text.partition("=")
    queue = queue.strip()
    if not sep or not queue or any(c.isspace() for c in queue):
        raise ValueError(f"route {text!r}: write NETWORK=QUEUE, e.g. 10.1.0.0/16=site-a")
    try:
        network = ipaddress.ip_network(net.strip(), strict=False)
    except ValueError:
        raise ValueError(f"route {text!r}: {net.strip()!r} is not an address or network") from None
    return str(network), queue


#: lines read from a routes file at most: an estate's segments, not its addresses
MAX_ROUTES = 10_000


def read_routes(path: Path) -> list[tuple[str, str]]:
    """A routes file: one ``NETWORK=QUEUE`` (or ``NETWORK QUEUE``) a line, ``#`` comments; ValueError with a line."""
    routes: list[tuple[str, str]] = []
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                text = line.split("#", 1)[0].strip()
                if not text:
                    continue
                if len(routes) >= MAX_ROUTES:
                    raise ValueError(f"{path}: more than {MAX_ROUTES:,} routes")
                if "=" not in text:
                    text = "=".join(text.split(None, 1))
                try:
                    routes.append(parse_route(text))
                except ValueError as exc:
                    raise ValueError(f"{path}:{number}: {exc}") from None
    except OSError as exc:
        raise ValueError(f"cannot read the routes file {path}: {exc.strerror}") from None
    return routes


def conflicting_route(routes: Sequence[tuple[str, str]]) -> str | None:
    """A network routed to two different queues (the user must pick one), or None."""
    seen: dict[str, str] = {}
    for net, queue in routes:
        if seen.setdefault(net, queue) != queue:
            return f"{net} is routed to both {seen[net]!r} and {queue!r}"
    return None


class QueueRoutes:
    """Which queue a host's shard goes to: the longest recorded route holding its address, else ``fallback``."""

    def __init__(self, routes: Sequence[tuple[str, str]], fallback: str | None) -> None:
        nets = sorted(((ipaddress.ip_network(net), queue) for net, queue in routes), key=lambda r: -r[0].prefixlen)
        self.routes = [
            (net.version, int(net.network_address), int(net.broadcast_address), queue) for net, queue in nets
        ]
        self.fallback = fallback

    def __bool__(self) -> bool:
        return bool(self.routes)

    def queue_of(self, address: str) -> str | None:
        ip = ipaddress.ip_address(address)
        value = int(ip)
        for version, lo, hi, queue in self.routes:
            if version == ip.version and lo <= value <= hi:
                return queue
        return self.fallback


def resolve_names(
    target_set: TargetSet, timeout: float, resolver: Resolver = resolve
) -> dict[str, list[tuple[str, str]] | TargetError]:
    """Every host name of the target set resolved once, in parallel and bounded in time.

    A name still unresolved after ``timeout`` seconds per round of :data:`RESOLVE_PARALLEL`
    names is reported as an error of the scan rather than waited for.
    """
    first: dict[str, TargetSpec] = {}
    for spec in target_set.specs:
        if spec.network is None and spec.hostname is not None:
            first.setdefault(spec.hostname, spec)
    if not first:
        return {}
    found: dict[str, list[tuple[str, str]] | TargetError] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(RESOLVE_PARALLEL, len(first)))
    try:
        futures = {pool.submit(resolver, spec): name for name, spec in first.items()}
        bound = timeout * math.ceil(len(first) / RESOLVE_PARALLEL)
        done, _ = concurrent.futures.wait(futures, timeout=bound)
        for future, name in futures.items():
            if future not in done:
                found[name] = TargetError(f"cannot resolve host name {name!r} within {timeout:g} s")
                continue
            try:
                found[name] = future.result()
            except TargetError as exc:
                found[name] = exc
    finally:
        # a resolver thread stuck in the system's getaddrinfo is left behind, not waited for
        pool.shutdown(wait=False, cancel_futures=True)
    return found


def _resolved(names: Mapping[str, list[tuple[str, str]] | TargetError]) -> Resolver:
    """A resolver that answers from names resolved beforehand (the walk then sees what was grouped)."""

    def answer(spec: TargetSpec) -> list[tuple[str, str]]:
        result = names.get(spec.hostname or "")
        if result is None:
            raise TargetError(f"cannot resolve host name {spec.hostname!r}")
        if isinstance(result, TargetError):
            raise result
        return result

    return answer


def plan_shards(
    target_set: TargetSet,
    ports: Sequence[int],
    shard_size: int = DEFAULT_SHARD_SIZE,
    *,
    routes: QueueRoutes | None = None,
    resolve_timeout: float = 5.0,
    resolver: Resolver = resolve,
) -> Iterator[list[Endpoint] | TargetError]:
    """Cut the target set into shards of whole hosts, lazily; a target error is yielded as it comes.

    Host names are resolved first (bounded, see :func:`resolve_names`), so every endpoint
    is grouped by the address it reaches: a host named by name and also inside a range is
    one host, in one shard, and an endpoint two targets name is planned once (the walk
    skips what an earlier target gave).
    Ranges stream: their endpoints arrive host by host, so a shard closes before a host
    would take it past ``shard_size`` endpoints, at the end of a /24, or where the route
    (the queue) changes; only the shard being filled is in memory.
    Endpoints of single-address or named targets (``host:port``, URIs, nmap results), and
    a range's endpoints on those same addresses, may name one host several times anywhere
    in the list, so they are gathered by address and packed into shards (one route each)
    after the ranges.
    """
    names = resolve_names(target_set, resolve_timeout, resolver)
    special = {
        str(spec.network.network_address)
        for spec in target_set.specs
        if spec.network is not None and spec.network.num_addresses == 1
    }
    special.update(address for result in names.values() if not isinstance(result, TargetError) for _, address in result)
    route = routes if routes else None
    gathered: dict[str, list[Endpoint]] = {}
    shard: list[Endpoint] = []
    shard_route: str | None = None
    per_host = len(set(ports)) or 1
    for item in iter_endpoints(target_set, ports, _resolved(names)):
        if isinstance(item, TargetError):
            yield item
            continue
        if item.address in special or item.address in gathered:
            gathered.setdefault(item.address, []).append(item)
            continue
        if shard and item.address != shard[-1].address:
            # a range's host brings one endpoint per port: close the shard before it would overflow
            queue = route.queue_of(item.address) if route is not None else None
            if (
                len(shard) + per_host > shard_size
                or _prefix(item.address) != _prefix(shard[-1].address)
                or queue != shard_route
            ):
                yield shard
                shard = []
            shard_route = queue
        elif not shard:
            shard_route = route.queue_of(item.address) if route is not None else None
        shard.append(item)
    if shard:
        yield shard
    packing: dict[str | None, list[Endpoint]] = {}
    for address, group in gathered.items():
        queue = route.queue_of(address) if route is not None else None
        shard = packing.setdefault(queue, [])
        if shard and len(shard) + len(group) > shard_size:
            yield shard
            shard = packing[queue] = []
        shard.extend(group)
    for shard in packing.values():
        if shard:
            yield shard


def route_refusal(scope: ScanScope, endpoints: Sequence[Endpoint], queue: str, fallback: str | None) -> str | None:
    """Why a worker consuming ``queue`` must not run these endpoints (routed elsewhere), or None (one line)."""
    routes = QueueRoutes(scope.routes, fallback)
    for ep in endpoints:
        try:
            wanted = routes.queue_of(ep.address)
        except ValueError:
            return "an endpoint's address is not an IP address"
        if wanted is None:
            return "the scan runs in its coordinator's process, not on workers"
        if wanted != queue:
            return f"{ep.label} is routed to queue {wanted!r}, not to this worker's queue {queue!r}"
    return None


class _ScopeIndex:
    """The recorded scope, indexed so a 256-endpoint shard is checked without walking every target."""

    def __init__(self, scope: ScanScope) -> None:
        self.scope = scope
        self.ports = set(scope.ports)
        self.excluded: list[_Network] = [ipaddress.ip_network(net) for net in scope.excluded]
        self.by_address: dict[str, list[ScopeSpec]] = {}
        self.by_name: dict[str, list[ScopeSpec]] = {}
        self.ranges: list[tuple[_Network, ScopeSpec]] = []
        for spec in scope.specs:
            if spec.network is None:
                self.by_name.setdefault((spec.hostname or "").lower(), []).append(spec)
                continue
            net = ipaddress.ip_network(spec.network)
            if net.num_addresses == 1:
                self.by_address.setdefault(str(net.network_address), []).append(spec)
            else:
                self.ranges.append((net, spec))

    def _candidates(self, ep: Endpoint) -> Iterator[ScopeSpec]:
        if ep.host != ep.address:
            yield from self.by_name.get(ep.host.lower(), [])
            return
        yield from self.by_address.get(ep.address, [])
        ip = ipaddress.ip_address(ep.address)
        yield from (spec for net, spec in self.ranges if ip.version == net.version and ip in net)

    def refusal(self, ep: Endpoint) -> str | None:
        """Why this endpoint lies outside the scope, or None when it is inside."""
        try:
            ip = ipaddress.ip_address(ep.address)
        except ValueError:
            return "an endpoint's address is not an IP address"
        if any(ip.version == net.version and ip in net for net in self.excluded):
            return f"{ep.label} is excluded from this scan"
        for spec in self._candidates(ep):
            port_ok = ep.port == spec.port if spec.port else ep.port in self.ports
            if port_ok and (ep.hint, ep.tls, ep.path) == (spec.hint, spec.tls, spec.path):
                return None
        return f"{ep.label} is outside the scan's recorded targets and ports"


def refusal(scope: ScanScope, endpoints: Sequence[Endpoint]) -> str | None:
    """Why a worker must not run a shard of this scope, or None when it may (one value-free line)."""
    if scope.target_set().address_count > scope.max_targets:
        return f"the recorded scope exceeds its own cap of {scope.max_targets:,} addresses"
    if len(endpoints) > max(scope.shard_size, 1) * 64:
        return f"the shard has {len(endpoints):,} endpoints, far over the scan's shard size of {scope.shard_size}"
    index = _ScopeIndex(scope)
    for ep in endpoints:
        reason = index.refusal(ep)
        if reason is not None:
            return reason
    return None


def shard_target_set(scope: ScanScope, endpoints: Sequence[Endpoint]) -> TargetSet:
    """A shard as a target set of its own, for the scanner: each endpoint one target, exclusions kept.

    A named host is resolved again where the shard runs (the worker's view of the name,
    as a local scan there would have it); exclusions apply to what it resolves to.
    """
    specs = []
    for ep in endpoints:
        named = ep.host != ep.address
        specs.append(
            TargetSpec(
                text=ep.host,
                network=None if named else ipaddress.ip_network(ep.address),
                hostname=ep.host if named else None,
                port=ep.port,
                hint=ep.hint,
                tls=ep.tls,
                path=ep.path,
            )
        )
    return TargetSet(specs=specs, excluded=[ipaddress.ip_network(net) for net in scope.excluded])


__all__ = [
    "DEFAULT_SHARD_SIZE",
    "MAX_ROUTES",
    "QueueRoutes",
    "ScanScope",
    "ScopeSpec",
    "ShardOrder",
    "conflicting_route",
    "parse_route",
    "plan_shards",
    "read_routes",
    "refusal",
    "resolve_names",
    "route_refusal",
    "shard_digest",
    "shard_target_set",
]
