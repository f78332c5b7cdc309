"""Database command lines wherever they appear: systemd ``ExecStart=``, compose, Kubernetes.

A command line is configuration too (``mongod --noauth``, ``memcached -U 11211``); each
is turned into the same document its engine's configuration file gives.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path, PurePosixPath

from .containers import ComposeFile
from .docker import DockerDaemonConfig, dockerd_from_argv
from .etcd import EtcdConfig, etcd_from_argv
from .kubelet import KubeletConfig, kubelet_from_argv
from .lines import logical_lines, split_args
from .memcached import MemcachedOptions, memcached_from_argv
from .mongodb import MongoConfig, mongod_from_argv
from .prometheus import PrometheusFlags, prometheus_from_argv
from .redis import RedisConfig, redis_from_argv
from .runs import RunSpec, run_of

Document = (
    MongoConfig | RedisConfig | MemcachedOptions | EtcdConfig | DockerDaemonConfig | PrometheusFlags | KubeletConfig
)


def program(argv: list[str]) -> str:
    """``/usr/bin/redis-server`` -> ``redis-server``; systemd's ``-@+!:`` prefixes dropped."""
    return PurePosixPath(argv[0].lstrip("-@+!:")).name if argv else ""


def engine_documents(
    path: Path, argv: list[str], line: int, *, in_container: bool = False, host_network: bool = False
) -> list[Document]:
    """The engine document for a database command line; empty for other programs.

    Arguments holding ``$VARIABLES`` are not known here, so the result is marked
    incomplete and rules about what is *missing* stay quiet.
    """
    name = program(argv)
    unknown = any("$" in word for word in argv)
    if name == "memcached":
        options = memcached_from_argv(path, argv, line, in_container=in_container, host_network=host_network)
        return [replace(options, complete=False)] if unknown else [options]
    if name == "etcd":
        etcd = etcd_from_argv(path, argv, line, in_container=in_container, host_network=host_network)
        return [replace(etcd, complete=etcd.complete and not unknown)]
    if name == "dockerd":
        return [dockerd_from_argv(path, argv, line, in_container=in_container)]
    if name == "kubelet":
        return [kubelet_from_argv(path, argv, line)]
    if in_container:
        return []  # mongod, redis and prometheus in images: judged with the image defaults instead
    if name == "mongod":
        mongo = mongod_from_argv(path, argv, line)
        return [replace(mongo, complete=mongo.complete and not unknown)]
    if name in {"redis-server", "valkey-server"}:
        redis = redis_from_argv(path, argv, line)
        return [replace(redis, complete=redis.complete and not unknown)]
    if name == "prometheus":
        return [prometheus_from_argv(path, argv, line)]
    return []


def parse_systemd_unit(
    path: Path, text: str, environment: Mapping[str, str] | None = None
) -> list[Document | ComposeFile]:
    """Every ``ExecStart=`` of the ``[Service]`` section that starts a database.

    An ``ExecStart=`` that runs ``docker run``/``podman run`` gives a container instead,
    as a compose file of one service per run (see :mod:`.runs`).

    ``$VAR`` and ``${VAR}`` are expanded as systemd does from the unit's ``Environment=``
    lines and ``environment`` (the ``EnvironmentFile=`` values, when the audit found those
    files in the tree; see :func:`environment_files`); ``environment`` given means every
    named file was found, so a variable none of them sets expands to nothing. Without it
    a variable stays unknown and the document is marked incomplete.
    """
    section = ""
    documents: list[Document | ComposeFile] = []
    runs: list[RunSpec] = []
    starts: list[tuple[int, str]] = []
    variables: dict[str, str] = dict(environment or {})
    for number, line in logical_lines(text, markers="#;", continuation=True):
        if line.startswith("["):
            section = line.strip("[]").strip()
            continue
        key, _, value = line.partition("=")
        if section != "Service":
            continue
        if key.strip() == "Environment":
            for word in split_args(value.strip()):
                name, eq, assigned = word.partition("=")
                if eq:
                    variables[name] = assigned
        elif key.strip() == "ExecStart" and value.strip():
            starts.append((number, value.strip()))
    for number, value in starts:  # Environment= applies wherever it stands in the section
        words = _expand(split_args(value), variables, complete=environment is not None)
        documents.extend(engine_documents(path, words, number))
        run = run_of(words, number, path.stem, variables)
        if run is not None:
            runs.append(run)
    if runs:
        compose = ComposeFile(path, tuple(run.service() for run in runs))
        documents.append(compose)
        for service in compose.services:  # memcached's flags after the image, as in compose
            c = service.container
            documents += container_documents(
                path, c.configured_engine, c.argv, c.line, host_network=service.host_network_line is not None
            )
    return documents


def environment_files(text: str) -> list[str]:
    """The ``EnvironmentFile=`` paths of a unit (a leading ``-`` marks an optional one)."""
    found = []
    for _, line in logical_lines(text, markers="#;", continuation=True):
        key, _, value = line.partition("=")
        if key.strip() == "EnvironmentFile" and value.strip():
            found.append(value.strip().lstrip("-"))
    return found


_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


def _expand(words: list[str], variables: Mapping[str, str], *, complete: bool) -> list[str]:
    """systemd's expansion: a lone ``$VAR`` splits into words, ``${VAR}`` stays one word."""
    out: list[str] = []
    for word in words:
        lone = _VARIABLE.fullmatch(word)
        if lone and lone[2] and (lone[2] in variables or complete):
            out.extend(split_args(variables.get(lone[2], "")))
            continue

        def value(match: re.Match[str]) -> str:
            name = match[1] or match[2]
            return variables[name] if name in variables else ("" if complete else match[0])

        out.append(_VARIABLE.sub(value, word))
    return [w for w in out if w != ""] if complete else out


def container_documents(
    path: Path, image_engine: str | None, argv: tuple[str, ...], line: int, *, host_network: bool
) -> list[Document]:
    """Engine documents for a container's command (memcached's flags, so far).

    Images run their server when the command is only flags (``command: ["-U", "0"]``).
    """
    words = list(argv)
    if image_engine == "memcached" and (not words or words[0].startswith("-")):
        words = ["memcached", *words]
    return engine_documents(path, words, line, in_container=True, host_network=host_network) if words else []
