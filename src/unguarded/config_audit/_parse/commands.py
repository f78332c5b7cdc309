"""Database command lines wherever they appear: systemd ``ExecStart=``, compose, Kubernetes.

A command line is configuration too (``mongod --noauth``, ``memcached -U 11211``); each
is turned into the same document its engine's configuration file gives.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from .docker import DockerDaemonConfig, dockerd_from_argv
from .etcd import EtcdConfig, etcd_from_argv
from .kubelet import KubeletConfig, kubelet_from_argv
from .lines import logical_lines, split_args
from .memcached import MemcachedOptions, memcached_from_argv
from .mongodb import MongoConfig, mongod_from_argv
from .prometheus import PrometheusFlags, prometheus_from_argv
from .redis import RedisConfig, redis_from_argv

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
        etcd = etcd_from_argv(path, argv, line, in_container=in_container)
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


def parse_systemd_unit(path: Path, text: str) -> list[Document]:
    """Every ``ExecStart=`` of the ``[Service]`` section that starts a database."""
    section = ""
    documents: list[Document] = []
    for number, line in logical_lines(text, markers="#;", continuation=True):
        if line.startswith("["):
            section = line.strip("[]").strip()
            continue
        key, _, value = line.partition("=")
        if section == "Service" and key.strip() == "ExecStart" and value.strip():
            documents.extend(engine_documents(path, split_args(value.strip()), number))
    return documents


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
