"""pg_hba.conf (with ``include``/``include_dir``) and postgresql.conf / postgresql.auto.conf."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .files import read_included
from .lines import (
    MAX_INCLUDE_DEPTH,
    ParseError,
    Setting,
    logical_lines,
    resolve_include,
    split_args,
    unquote,
)

_CONNECTION_TYPES = frozenset({"local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"})
_INCLUDES = frozenset({"include", "include_if_exists", "include_dir"})
_LOCAL_ADDRESSES = frozenset({"samehost"})


@dataclass(frozen=True)
class HbaEntry:
    """One pg_hba record. ``address`` is None for ``local`` (Unix socket) lines."""

    type: str
    databases: str
    users: str
    address: str | None
    method: str
    line: int
    path: Path

    @property
    def network(self) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
        """The address as a network; None for names (``samenet``, host names)."""
        return None if self.address is None else _network(self.address)

    @property
    def remote(self) -> bool:
        """True for TCP lines that accept more than the server's own loopback."""
        if self.address is None or self.address in _LOCAL_ADDRESSES:
            return False
        net = self.network
        return net is None or not _is_loopback_net(net)

    def shadows(self, later: HbaEntry) -> bool:
        """PostgreSQL uses the *first* matching line: does this one catch everything ``later`` would?"""
        if self.databases != "all" or self.users != "all":
            return False
        if self.type not in {"host", later.type}:
            return False
        mine, theirs = self.network, later.network
        if mine is None or theirs is None or mine.version != theirs.version:
            return False
        return theirs.subnet_of(mine)  # type: ignore[arg-type]

    @property
    def describe_address(self) -> str:
        return "all addresses" if self.address in {"all", "0.0.0.0/0", "::/0"} else str(self.address)


@lru_cache(maxsize=4096)
def _network(address: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    if address == "all":
        return ipaddress.ip_network("0.0.0.0/0")
    try:
        return ipaddress.ip_network(address, strict=False)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _is_loopback_net(net: ipaddress.IPv4Network | ipaddress.IPv6Network) -> bool:
    return net.is_loopback


@dataclass(frozen=True)
class PgHba:
    path: Path
    entries: tuple[HbaEntry, ...]
    included: tuple[Path, ...] = ()

    @cached_property
    def effective(self) -> tuple[HbaEntry, ...]:
        """Entries not hidden behind an earlier line that matches everything they match."""
        live: list[HbaEntry] = []
        for entry in self.entries:
            if not any(earlier.shadows(entry) for earlier in live):
                live.append(entry)
        return tuple(live)


def parse_pg_hba(path: Path, text: str, _depth: int = 0) -> PgHba:
    entries: list[HbaEntry] = []
    included: list[Path] = []
    for number, line in logical_lines(text, continuation=True):
        fields = split_args(line)
        kind = fields[0].lower()
        if kind in _INCLUDES:
            if len(fields) >= 2 and _depth < MAX_INCLUDE_DEPTH:
                for file in resolve_include(path, fields[1]):
                    sub = parse_pg_hba(file, read_included(file, number), _depth + 1)
                    entries.extend(sub.entries)
                    included += [file, *sub.included]
            continue
        if kind not in _CONNECTION_TYPES:
            raise ParseError(f"unknown connection type {fields[0]!r} (expected local, host, hostssl, ...)", number)
        entries.append(_entry(path, number, kind, fields))
    return PgHba(path, tuple(entries), tuple(included))


def _entry(path: Path, number: int, kind: str, fields: list[str]) -> HbaEntry:
    need = 4 if kind == "local" else 5
    if len(fields) < need:
        raise ParseError(f"a {kind} line needs {need} fields, found {len(fields)}", number)
    if kind == "local":
        return HbaEntry(kind, fields[1], fields[2], None, fields[3].lower(), number, path)
    address, method_at = fields[3], 4
    if _is_ip(address) and "/" not in address and len(fields) >= 6 and _is_ip(fields[4]):
        address, method_at = _with_mask(address, fields[4]), 5  # "10.0.0.0  255.0.0.0  md5"
    return HbaEntry(kind, fields[1], fields[2], address.lower(), fields[method_at].lower(), number, path)


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _with_mask(address: str, mask: str) -> str:
    return str(ipaddress.ip_network(f"{address}/{mask}", strict=False))


# ------------------------------------------------------------------ postgresql.conf

_CONF_LINE = re.compile(r"^(?P<name>[A-Za-z_][\w.]*)\s*=?\s*(?P<value>.*)$")


@dataclass(frozen=True)
class PgConf:
    """postgresql.conf settings; the last occurrence wins, as in PostgreSQL."""

    path: Path
    settings: dict[str, Setting]

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)


def parse_postgresql_conf(path: Path, text: str) -> PgConf:
    """postgresql.conf with the ``postgresql.auto.conf`` beside it (ALTER SYSTEM), as the server
    reads them: the auto file last. Either file yields the same merged view."""
    main, auto = path.with_name("postgresql.conf"), path.with_name("postgresql.auto.conf")
    if path.name not in {main.name, auto.name} or not (main.is_file() and auto.is_file()):
        return PgConf(path, _settings(path, text))
    settings = _settings(main, text if path == main else read_included(main, 1))
    settings.update(_settings(auto, text if path == auto else read_included(auto, 1)))
    return PgConf(path, settings)


def _settings(path: Path, text: str) -> dict[str, Setting]:
    settings: dict[str, Setting] = {}
    for number, line in logical_lines(text):
        match = _CONF_LINE.match(line)
        if match is None:
            raise ParseError(f"expected 'name = value', found {line[:40]!r}", number)
        settings[match["name"].lower()] = Setting(unquote(match["value"]), number, path)
    return settings
