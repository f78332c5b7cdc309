"""Deployed combinations: a compose service or Kubernetes pod together with the config it mounts.

``ports: ["5432:5432"]`` is medium on its own (the image has a password) and a
``pg_hba.conf`` with ``host all all all trust`` may be somebody's local-only file; the
compose service that mounts that very ``pg_hba.conf`` into a published PostgreSQL is
one open database. After every file is parsed, the audit links each container's bind
mounts (relative to the compose file), ConfigMap volumes (``data:`` keys in any manifest
of the run, or a file of the key's name, as ``configMapGenerator`` and
``kubectl create configmap --from-file`` take it) and hostPath volumes (a file of that
name in the tree) to the parsed configuration, and hands the pairs to the rules in
:mod:`unguarded.config_audit.rules.deployed`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ._parse.containers import ComposeFile, ConfigMapFile, Container, KubeManifest, Mount
from ._parse.lines import ParseError
from ._parse.mongodb import MongoConfig
from ._parse.redis import RedisConfig

Parsed = Mapping[Path, tuple[Path, Sequence[object]]]


@dataclass(frozen=True)
class MountedConfig:
    """A configuration the container runs with: its documents and the file and line they come from.

    ``offset`` is added to the documents' own line numbers (a ConfigMap's ``data:`` text
    starts inside the manifest).
    """

    container: Container
    mount: Mount
    path: Path
    documents: tuple[object, ...]
    offset: int = 0


@dataclass(frozen=True)
class Deployment:
    """A compose file or manifest, with every configuration its containers mount."""

    path: Path
    found: ComposeFile | KubeManifest
    mounted: tuple[MountedConfig, ...]


#: (file name, text, path) -> documents, for a ConfigMap key; supplied by the discovery table
InlineParser = Callable[[str, str, Path], Sequence[object]]
#: (the name a file is mounted as, the repository's file) -> documents, for a config kept under another name
MountedParser = Callable[[str, Path], Sequence[object]]


def deployments(parsed: Parsed, parse_inline: InlineParser, parse_mounted: MountedParser) -> Iterator[Deployment]:
    """Every compose file or manifest of the run whose containers mount a configuration we parsed."""
    by_name: dict[str, list[Path]] = {}
    by_folder: dict[Path, list[Path]] = {}  # a folder mount's files, found without a walk over every file
    for key in parsed:
        by_name.setdefault(key.name, []).append(key)
        by_folder.setdefault(key.parent, []).append(key)
    config_maps: dict[str, list[tuple[Path, ConfigMapFile]]] = {}
    for path, documents in parsed.values():
        for doc in documents:
            if isinstance(doc, KubeManifest):
                for cm in doc.config_files:
                    config_maps.setdefault(cm.configmap, []).append((path, cm))
    linker = _Linker(parsed, by_name, by_folder, config_maps, parse_inline, parse_mounted)
    for key, (path, documents) in parsed.items():
        for doc in documents:
            if isinstance(doc, ComposeFile):
                containers = [s.container for s in doc.services]
            elif isinstance(doc, KubeManifest):
                containers = [c for w in doc.workloads for c in w.containers]
            else:
                continue
            mounted = tuple(m for c in containers for mount in c.mounts for m in linker.link(key, c, mount))
            if mounted:
                yield Deployment(path, doc, mounted)


@dataclass
class _Linker:
    parsed: Parsed
    by_name: dict[str, list[Path]]
    by_folder: dict[Path, list[Path]]
    config_maps: dict[str, list[tuple[Path, ConfigMapFile]]]
    parse_inline: InlineParser
    parse_mounted: MountedParser

    def link(self, owner: Path, container: Container, mount: Mount) -> Iterator[MountedConfig]:
        if mount.kind in {"bind", "copy"}:
            yield from self._bind(owner, container, mount)
        elif mount.kind == "configmap":
            yield from self._config_map(container, mount)
        else:
            yield from self._by_name(container, mount, PurePosixPath(mount.source).name)

    def _bind(self, owner: Path, container: Container, mount: Mount) -> Iterator[MountedConfig]:
        if mount.source.startswith("~"):
            return
        source = Path(os.path.normpath(owner.parent / mount.source))
        if source in self.parsed and self.parsed[source][1]:
            yield self._mounted(container, mount, source)
            return
        # a config kept under another name (./conf/mqtt.conf -> /mosquitto/config/mosquitto.conf) is
        # read as the name it is mounted as; an absolute source is the deploy host's file, not ours
        if not mount.source.startswith("/"):
            documents = tuple(self.parse_mounted(PurePosixPath(mount.target).name, source))
            if documents:
                yield MountedConfig(container, mount, source, documents)
                return
        for key in self.by_folder.get(source, ()):  # a folder of configs (./redis:/usr/local/etc/redis)
            yield self._mounted(container, mount, key)

    def _config_map(self, container: Container, mount: Mount) -> Iterator[MountedConfig]:
        inline = [
            (path, cm) for path, cm in self.config_maps.get(mount.source, ()) if not mount.keys or cm.key in mount.keys
        ]
        for path, cm in inline:
            try:
                documents = tuple(self.parse_inline(cm.key, cm.text, path))
            except ParseError:
                continue
            if documents:
                yield MountedConfig(container, mount, path, documents, cm.line - 1)
        if not inline:  # generated from files of the repository: configMapGenerator, --from-file
            for key in mount.keys:
                yield from self._by_name(container, mount, key)

    def _by_name(self, container: Container, mount: Mount, name: str) -> Iterator[MountedConfig]:
        found = self.by_name.get(name, [])
        if len(found) == 1:  # only an unambiguous name: two redis.conf in the tree say nothing
            yield self._mounted(container, mount, found[0])

    def _mounted(self, container: Container, mount: Mount, key: Path) -> MountedConfig:
        path, documents = self.parsed[key]
        return MountedConfig(container, mount, path, tuple(documents))


def unit_combinations(parsed: Parsed) -> Iterator[tuple[Path, RedisConfig | MongoConfig]]:
    """A systemd unit's command line applied on top of the config file it names, when the tree has it.

    ``ExecStart=/usr/bin/redis-server /etc/redis/redis.conf --bind 0.0.0.0``: neither the
    unit (which does not show the file) nor the file (which does not show the flag) says
    the server is open; together they do. The file is found by name, when the tree holds
    exactly one of that name; its settings come first and the command line's override them,
    as both servers apply them.
    """
    by_name: dict[str, list[Path]] = {}
    for key in parsed:
        by_name.setdefault(key.name, []).append(key)
    for path, documents in parsed.values():
        if path.suffix != ".service":
            continue
        for doc in documents:
            if isinstance(doc, RedisConfig) and doc.config_file:
                found = _config_of(parsed, by_name, doc.config_file, RedisConfig)
                if isinstance(found, RedisConfig):
                    yield (
                        path,
                        RedisConfig(found.path, found.directives + doc.directives, found.complete, found.included),
                    )
            elif isinstance(doc, MongoConfig) and doc.get("config") is not None:
                named = doc.settings["config"].value
                found = _config_of(parsed, by_name, named, MongoConfig)
                if isinstance(found, MongoConfig):
                    settings = {k: v for k, v in doc.settings.items() if k != "config"}
                    yield path, MongoConfig(found.path, {**found.settings, **settings}, found.complete)


def _config_of(parsed: Parsed, by_name: dict[str, list[Path]], named: str, kind: type) -> object | None:
    found = by_name.get(PurePosixPath(named).name, [])
    if len(found) != 1:
        return None
    return next((d for d in parsed[found[0]][1] if isinstance(d, kind)), None)
