"""Turn what the user typed into an explicit, bounded list of endpoints.

Scope is explicit: only the hosts, ranges and ports given are ever contacted, exclusions
are honoured, and a target set larger than ``max_targets`` addresses is refused rather
than silently truncated. Host names are resolved once, here.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import urlsplit

from defusedxml import ElementTree

from .engines import all_engines
from .engines.base import UriScheme
from .models import Endpoint

DEFAULT_MAX_TARGETS = 65_536

#: schemes that name no engine: what answers decides (Elasticsearch, OpenSearch, ...)
GENERIC_SCHEMES = (UriScheme("http", 80), UriScheme("https", 443, tls=True))


@cache
def uri_schemes() -> Mapping[str, tuple[UriScheme, str | None]]:
    """URI scheme -> (the scheme, the engine it hints at): every engine's, plus http/https."""
    table: dict[str, tuple[UriScheme, str | None]] = {scheme.name: (scheme, None) for scheme in GENERIC_SCHEMES}
    for engine in all_engines():
        table.update({scheme.name: (scheme, engine.name) for scheme in engine.uri_schemes})
    return table


@cache
def nmap_services() -> Mapping[str, str]:
    """nmap (and masscan) service name -> the engine it hints at."""
    return {service: engine.name for engine in all_engines() for service in engine.nmap_services}


class TargetError(ValueError):
    """Bad user input: an invalid target, an unreadable file, a set over the cap."""


@dataclass(frozen=True)
class TargetSpec:
    """One parsed target before expansion: a network, and maybe a fixed port and hint."""

    text: str
    network: ipaddress.IPv4Network | ipaddress.IPv6Network | None
    hostname: str | None = None
    port: int | None = None
    hint: str | None = None
    tls: bool = False
    #: the URI's path without its slashes (``s3://host/bucket`` -> ``bucket``), for engines that read it
    path: str | None = None

    @property
    def size(self) -> int:
        """Addresses this spec expands to (a network's usable hosts)."""
        if self.network is None:
            return 1
        net = self.network
        small = net.num_addresses <= 2 or net.prefixlen >= net.max_prefixlen - 1
        return net.num_addresses if small else net.num_addresses - (2 if net.version == 4 else 1)


@dataclass
class TargetSet:
    """Everything to scan: specs, fixed endpoints (from nmap output) and exclusions."""

    specs: list[TargetSpec] = field(default_factory=list)
    excluded: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = field(default_factory=list)

    def is_excluded(self, address: str) -> bool:
        ip = ipaddress.ip_address(address)
        return any(ip.version == net.version and ip in net for net in self.excluded)

    @property
    def address_count(self) -> int:
        return sum(spec.size for spec in self.specs)


_HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_\-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9_]([A-Za-z0-9_\-]{0,61}[A-Za-z0-9])?)*\.?$"
)


#: a "host name" whose last label is all digits (or that carries a prefix length) is an
#: address: no top-level domain is numeric, so it is never looked up
_LOOKS_NUMERIC = re.compile(r"^(?:[0-9A-Za-z\-]+\.)*[0-9]+\.?$|^[0-9.]+/\d*$|/")


def parse_port(text: str, where: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise TargetError(f"invalid port {text!r} in {where!r}") from None
    if not 1 <= port <= 65535:
        raise TargetError(f"port {port} out of range 1-65535 in {where!r}")
    return port


def parse_ports(text: str) -> list[int]:
    """``--ports 6379,8000-8010``: a sorted, de-duplicated list."""
    ports: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo_text, _, hi_text = part.partition("-")
            lo, hi = parse_port(lo_text, text), parse_port(hi_text, text)
            if lo > hi:
                raise TargetError(f"empty port range {part!r}")
            ports.update(range(lo, hi + 1))
        else:
            ports.add(parse_port(part, text))
    if not ports:
        raise TargetError(f"no ports in {text!r}")
    return sorted(ports)


def _network(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def parse_target(text: str) -> TargetSpec:
    """One target: address, CIDR, host name, ``host:port``, ``[v6]:port`` or a URI."""
    raw = text.strip()
    if not raw:
        raise TargetError("empty target")
    if "://" in raw:
        return _parse_uri(raw)
    net = _network(raw)
    if net is not None:
        return TargetSpec(text=raw, network=net)
    host, port = raw, None
    bracketed = re.match(r"^\[([0-9A-Fa-f:.]+)\](?::(\d+))?$", raw)
    if bracketed:
        host, port_text = bracketed.group(1), bracketed.group(2)
        port = parse_port(port_text, raw) if port_text else None
    elif raw.count(":") == 1:
        host, _, port_text = raw.partition(":")
        port = parse_port(port_text, raw)
    net = _network(host)
    if net is not None:
        return TargetSpec(text=raw, network=net, port=port)
    if _LOOKS_NUMERIC.match(host) or ":" in host:
        # 999.1.1.1 or 10.0.0/33 is a mistyped address, not a host name to look up
        raise TargetError(f"invalid address {raw!r}: not a valid IPv4/IPv6 address or CIDR range")
    if not _HOSTNAME.match(host):
        raise TargetError(f"invalid target {raw!r}: not an address, CIDR range, host name or URI")
    return TargetSpec(text=raw, network=None, hostname=host.rstrip("."), port=port)


def _parse_uri(raw: str) -> TargetSpec:
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise TargetError(f"invalid URI {raw!r}: {exc}") from None
    scheme = parts.scheme.lower()
    schemes = uri_schemes()
    if scheme not in schemes:
        raise TargetError(f"unsupported URI scheme {scheme!r} in target (supported: {', '.join(sorted(schemes))})")
    host = parts.hostname
    if not host:
        raise TargetError(f"invalid URI {raw!r}: no host")
    if "," in (parts.netloc or ""):
        raise TargetError(f"URI {raw!r} lists several hosts: give each as its own target")
    known, hint = schemes[scheme]
    spec = parse_target(f"[{host}]" if ":" in host else host)
    return TargetSpec(
        text=raw,
        network=spec.network,
        hostname=spec.hostname,
        port=port or known.port,
        hint=hint,
        tls=known.tls,
        path=parts.path.strip("/") or None,
    )


def read_target_file(path: Path, max_targets: int = DEFAULT_MAX_TARGETS) -> list[str]:
    """``-iL FILE``: one target a line; ``#`` starts a comment; blank lines ignored.

    Read a line at a time, each target checked as it comes: a file with more targets
    than ``max_targets`` is refused there, and an overlong line is refused at its first
    ``MAX_LINE`` characters, so a huge or hostile file never sits in memory whole.
    """
    words: list[str] = []
    try:
        with path.open(encoding="utf-8", newline=None) as handle:
            for number, line in enumerate(iter(lambda: handle.readline(MAX_LINE + 1), ""), start=1):
                if len(line) > MAX_LINE and not line.endswith("\n"):
                    raise TargetError(f"line {number} of {str(path)!r} is longer than {MAX_LINE:,} characters")
                for word in line.split("#", 1)[0].split():
                    parse_target(word)
                    words.append(word)
                    if len(words) > max_targets:
                        raise TargetError(
                            f"{str(path)!r} lists more than {max_targets:,} targets; split it or raise --max-targets"
                        )
    except (OSError, UnicodeDecodeError) as exc:
        raise TargetError(
            f"cannot read target list {str(path)!r}: {exc.__class__.__name__}: {getattr(exc, 'strerror', None) or 'not UTF-8 text'}"
        ) from None
    except TargetError as exc:
        raise TargetError(f"{str(path)!r}: {exc}") from None
    return words


#: longest line read from a target list, masscan list or similar file
MAX_LINE = 4096


#: largest nmap XML read: a /16 with service detection stays well below it
MAX_NMAP_XML_BYTES = 256 * 1024 * 1024


class _NmapXmlReader:
    """A file handle for the XML parser that refuses to hand over more than ``limit`` bytes.

    The size of a regular file is checked before parsing; this also bounds what a FIFO,
    a device or a file still growing yields, and one endless token (a text node or an
    attribute the parser would buffer whole) with it.
    """

    def __init__(self, handle: BinaryIO, path: Path, limit: int) -> None:
        self.handle, self.path, self.limit, self.read_so_far = handle, path, limit, 0

    def read(self, size: int = 65536) -> bytes:
        chunk = self.handle.read(min(size if size >= 0 else 65536, 65536))
        self.read_so_far += len(chunk)
        if self.read_so_far > self.limit:
            raise TargetError(f"nmap XML {str(self.path)!r} is larger than {self.limit:,} bytes")
        return chunk


def read_nmap_xml(
    path: Path, max_targets: int = DEFAULT_MAX_TARGETS, max_bytes: int = MAX_NMAP_XML_BYTES
) -> list[TargetSpec]:
    """Open ports from an nmap ``-oX`` (or masscan ``-oX``) file, with service hints.

    Streamed: each ``<host>`` is read, turned into targets and dropped, the file is cut
    at ``max_bytes`` and the open ports at ``max_targets``, so a huge or hostile file
    ends in one clear error before memory grows with it.
    """
    specs: list[TargetSpec] = []
    try:
        with path.open("rb") as handle:
            if path.is_file() and path.stat().st_size > max_bytes:
                raise TargetError(f"nmap XML {str(path)!r} is larger than {max_bytes:,} bytes")
            root = None
            events = ElementTree.iterparse(_NmapXmlReader(handle, path, max_bytes), events=("start", "end"))
            for event, element in events:
                if root is None:
                    root = element
                if event != "end" or element.tag != "host":
                    continue
                specs.extend(_nmap_host(element, path))
                if len(specs) > max_targets:
                    raise TargetError(
                        f"{str(path)!r} lists more than {max_targets:,} open ports; split it or raise --max-targets"
                    )
                root.clear()  # the hosts read so far are not kept
    except TargetError:
        raise
    except OSError as exc:
        raise TargetError(f"cannot read nmap XML {str(path)!r}: {exc.strerror or exc}") from None
    except Exception as exc:  # defusedxml raises several parse/security error types
        raise TargetError(f"invalid nmap XML {str(path)!r}: {exc.__class__.__name__}") from None
    if root is None:
        raise TargetError(f"invalid nmap XML {str(path)!r}: no document")
    return specs


def _nmap_host(host: Any, path: Path) -> Iterator[TargetSpec]:
    """The open TCP ports of one ``<host>`` element."""
    addr_el = next((a for a in host.iter("address") if a.get("addrtype") in ("ipv4", "ipv6")), None)
    if addr_el is None or not addr_el.get("addr"):
        return
    net = _network(addr_el.get("addr", ""))
    if net is None:
        return
    for port_el in host.iter("port"):
        state = port_el.find("state")
        if port_el.get("protocol", "tcp") != "tcp" or state is None or state.get("state") != "open":
            continue
        service = port_el.find("service")
        hint = nmap_services().get(service.get("name", "")) if service is not None else None
        port = parse_port(port_el.get("portid", ""), str(path))
        yield TargetSpec(text=f"{net.network_address}:{port}", network=net, port=port, hint=hint)


def read_masscan_list(path: Path, max_targets: int = DEFAULT_MAX_TARGETS) -> list[TargetSpec]:
    """masscan ``-oL`` lines: ``open tcp 6379 10.0.0.5 1700000000``, streamed with the cap."""
    specs = []
    for word in _lines(path, max_targets):
        fields = word.split()
        if len(fields) >= 4 and fields[0] == "open" and fields[1] == "tcp":
            net = _network(fields[3])
            if net is None:
                raise TargetError(f"invalid address {fields[3]!r} in {str(path)!r}")
            specs.append(
                TargetSpec(text=f"{fields[3]}:{fields[2]}", network=net, port=parse_port(fields[2], str(path)))
            )
    return specs


def _lines(path: Path, limit: int = DEFAULT_MAX_TARGETS) -> Iterator[str]:
    """A file's lines, one at a time, each at most ``MAX_LINE`` characters; at most ``limit`` non-blank ones."""
    try:
        with path.open(encoding="utf-8") as handle:
            kept = 0
            for number, line in enumerate(iter(lambda: handle.readline(MAX_LINE + 1), ""), start=1):
                if len(line) > MAX_LINE and not line.endswith("\n"):
                    raise TargetError(f"line {number} of {str(path)!r} is longer than {MAX_LINE:,} characters")
                if line.strip() and not line.startswith("#"):
                    kept += 1
                    if kept > limit:
                        raise TargetError(
                            f"{str(path)!r} lists more than {limit:,} targets; split it or raise --max-targets"
                        )
                yield line.rstrip("\r\n")
    except (OSError, UnicodeDecodeError) as exc:
        raise TargetError(f"cannot read {str(path)!r}: {getattr(exc, 'strerror', None) or 'not UTF-8 text'}") from None


def build_target_set(
    targets: Sequence[str],
    *,
    target_files: Sequence[Path] = (),
    nmap_files: Sequence[Path] = (),
    masscan_files: Sequence[Path] = (),
    exclude: Sequence[str] = (),
    max_targets: int = DEFAULT_MAX_TARGETS,
) -> TargetSet:
    """Parse everything the user gave and refuse a set over ``max_targets`` addresses."""
    texts = list(targets)
    for path in target_files:
        texts.extend(read_target_file(path, max_targets))
        if len(texts) > max_targets:
            raise TargetError(f"more than {max_targets:,} targets given; split the list or raise --max-targets")
    specs = [parse_target(t) for t in texts]
    for path in nmap_files:
        specs.extend(read_nmap_xml(path, max_targets))
    for path in masscan_files:
        specs.extend(read_masscan_list(path, max_targets))
    excluded = []
    for item in exclude:
        for word in item.split(","):
            word = word.strip()
            if not word:
                continue
            net = _network(word)
            if net is None:
                raise TargetError(f"invalid --exclude {word!r}: give an address or CIDR range")
            excluded.append(net)
    target_set = TargetSet(specs=specs, excluded=excluded)
    if not specs:
        raise TargetError("no targets given")
    if target_set.address_count > max_targets:
        raise TargetError(
            f"{target_set.address_count:,} addresses exceed the cap of {max_targets:,}; "
            "narrow the ranges or raise --max-targets"
        )
    return target_set


def _addresses(spec: TargetSpec) -> Iterator[str]:
    assert spec.network is not None
    net = spec.network
    if net.num_addresses <= 2 or net.prefixlen >= net.max_prefixlen - 1:
        yield from (str(ip) for ip in net)
    else:
        yield from (str(ip) for ip in net.hosts())


def resolve(spec: TargetSpec) -> list[tuple[str, str]]:
    """``(label, address)`` pairs for a spec; host names resolve to their first address."""
    if spec.network is not None:
        return [(a, a) for a in _addresses(spec)]
    assert spec.hostname is not None
    try:
        infos = socket.getaddrinfo(spec.hostname, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise TargetError(f"cannot resolve host name {spec.hostname!r}: {exc}") from None
    return [(spec.hostname, str(infos[0][4][0]))]


class Planned(NamedTuple):
    """One endpoint to probe, before it is an :class:`~unguarded.models.Endpoint`.

    A tuple, not the model: validating a pydantic model for each of a million closed
    ports would cost more than connecting to them. Only open ports become endpoints.
    """

    label: str
    address: str
    port: int
    spec: TargetSpec
    #: the first endpoint of this address in the whole walk, for the address count
    new_address: bool

    def endpoint(self) -> Endpoint:
        spec = self.spec
        return Endpoint(
            host=self.label, address=self.address, port=self.port, hint=spec.hint, tls=spec.tls, path=spec.path
        )


class _Ranges:
    """Sorted, disjoint, merged ranges of integers (addresses): a /12 walked so far is one pair.

    What a walk has yielded is remembered as ranges, not as a set of endpoints, so
    de-duplication across overlapping targets costs memory per target, not per address.
    """

    __slots__ = ("ends", "starts")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, lo: int, hi: int) -> None:
        first = bisect_left(self.ends, lo - 1)
        last = bisect_right(self.starts, hi + 1)
        if first < last:
            lo, hi = min(lo, self.starts[first]), max(hi, self.ends[last - 1])
        self.starts[first:last] = [lo]
        self.ends[first:last] = [hi]

    def covers(self, value: int) -> bool:
        index = bisect_right(self.starts, value) - 1
        return index >= 0 and self.ends[index] >= value

    def cuts(self, lo: int, hi: int) -> Iterator[int]:
        """Points in ``(lo, hi]`` where coverage changes."""
        for index in range(bisect_left(self.ends, lo), bisect_right(self.starts, hi)):
            if lo < self.starts[index] <= hi:
                yield self.starts[index]
            if lo < self.ends[index] + 1 <= hi:
                yield self.ends[index] + 1

    def gaps(self, lo: int, hi: int) -> Iterator[tuple[int, int]]:
        """The parts of ``[lo, hi]`` not covered."""
        for index in range(bisect_left(self.ends, lo), bisect_right(self.starts, hi)):
            if self.starts[index] > lo:
                yield lo, self.starts[index] - 1
            lo = max(lo, self.ends[index] + 1)
        if lo <= hi:
            yield lo, hi


def _span(spec: TargetSpec) -> tuple[int, int]:
    """First and last address a network spec yields, as integers (see :attr:`TargetSpec.size`)."""
    assert spec.network is not None
    net = spec.network
    lo, hi = int(net.network_address), int(net.broadcast_address)
    if net.num_addresses <= 2 or net.prefixlen >= net.max_prefixlen - 1:
        return lo, hi
    return lo + 1, hi - 1 if net.version == 4 else hi


def _text(value: int, version: int) -> str:
    """An address as ``str(ipaddress.ip_address(...))`` writes it, faster for IPv4."""
    if version == 4:
        return socket.inet_ntoa(value.to_bytes(4, "big"))
    return str(ipaddress.IPv6Address(value))


#: the coverage key of a spec without its own port: every default port
_DEFAULT = -1


def walk(
    target_set: TargetSet,
    default_ports: Iterable[int],
    resolver: Callable[[TargetSpec], list[tuple[str, str]]] = resolve,
) -> Iterator[Planned | TargetError]:
    """Every endpoint to probe, streamed: spec by spec, address by address, port by port.

    ``resolver`` turns a named spec into its ``(label, address)`` (a sharded scan passes
    the names it resolved beforehand, so the walk sees the addresses it grouped by).

    Exclusions are cut out as ranges and an endpoint an earlier target already gave is
    skipped, both with a few ranges per target, so a /8 costs the same memory as a /24.
    Resolution failures are yielded as :class:`TargetError` so one bad name does not
    stop the scan of the others.
    """
    ports = sorted(set(default_ports))
    in_defaults = set(ports)
    excluded: dict[int, _Ranges] = {4: _Ranges(), 6: _Ranges()}
    for net in target_set.excluded:
        excluded[net.version].add(int(net.network_address), int(net.broadcast_address))
    #: (ip version, port or _DEFAULT, path) -> addresses already walked with that port
    walked: dict[tuple[int, int, str | None], _Ranges] = {}
    seen: dict[int, _Ranges] = {4: _Ranges(), 6: _Ranges()}
    for spec in target_set.specs:
        if spec.network is not None:
            version, (lo, hi), label = spec.network.version, _span(spec), None
        else:
            try:
                ((label, text),) = resolver(spec)
            except TargetError as exc:
                yield exc
                continue
            ip = ipaddress.ip_address(text)
            version, lo, hi = ip.version, int(ip), int(ip)
        spec_ports = [spec.port] if spec.port else ports
        # every port's earlier coverage: its own key, and the defaults' if it is one of them
        before = [
            [
                r
                for r in (
                    walked.get((version, p, spec.path)),
                    walked.get((version, _DEFAULT, spec.path)) if p in in_defaults else None,
                )
                if r is not None
            ]
            for p in spec_ports
        ]
        for start, end in excluded[version].gaps(lo, hi):
            cuts = {start, end + 1}
            cuts.update(seen[version].cuts(start, end))
            for ranges in before:
                for r in ranges:
                    cuts.update(r.cuts(start, end))
            edges = sorted(cuts)
            for a, b in zip(edges, edges[1:], strict=False):
                todo = [p for p, ranges in zip(spec_ports, before, strict=True) if not any(r.covers(a) for r in ranges)]
                if not todo:
                    continue
                new = not seen[version].covers(a)
                for value in range(a, b):
                    address = _text(value, version) if label is None else text
                    first = new
                    for port in todo:
                        yield Planned(label or address, address, port, spec, first)
                        first = False
        walked.setdefault((version, spec.port or _DEFAULT, spec.path), _Ranges()).add(lo, hi)
        seen[version].add(lo, hi)


def iter_endpoints(
    target_set: TargetSet,
    default_ports: Iterable[int],
    resolver: Callable[[TargetSpec], list[tuple[str, str]]] = resolve,
) -> Iterator[Endpoint | TargetError]:
    """Every endpoint to probe as a model, lazily (see :func:`walk`)."""
    for item in walk(target_set, default_ports, resolver):
        yield item if isinstance(item, TargetError) else item.endpoint()
