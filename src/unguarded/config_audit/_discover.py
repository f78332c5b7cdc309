"""Which files to read and how: by name first, by content for generic YAML.

A directory is walked (skipping VCS, dependency and virtualenv folders); a file named
on the command line is read if its name or content says it is configuration we know.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ._net import is_loopback
from ._parse.brokers import parse_mosquitto_conf, parse_nats_conf, parse_rabbitmq_conf
from ._parse.cassandra import parse_cassandra_yaml
from ._parse.clickhouse import parse_clickhouse_xml
from ._parse.commands import container_documents, parse_systemd_unit
from ._parse.containers import (
    ComposeFile,
    ComposeService,
    KubeManifest,
    compose_from_docs,
    extended_service,
    included_service,
    kubernetes_from_docs,
    looks_like_compose,
    looks_like_kubernetes,
    merge_override,
    with_compose_defaults,
)
from ._parse.couchdb import parse_couch_ini
from ._parse.docker import parse_daemon_json
from ._parse.elasticsearch import parse_elastic_yml
from ._parse.etcd import parse_etcd_yaml
from ._parse.files import read_config_text
from ._parse.influxdb import parse_influxdb_conf
from ._parse.jupyter import parse_jupyter_config
from ._parse.kafka import parse_kafka_properties
from ._parse.kubelet import kubelet_from_docs
from ._parse.lines import ParseError
from ._parse.memcached import parse_memcached_conf
from ._parse.mongodb import parse_mongod_conf
from ._parse.mysql import parse_my_cnf
from ._parse.neo4j import parse_neo4j_conf
from ._parse.operators import operator_resources
from ._parse.postgresql import parse_pg_hba, parse_postgresql_conf
from ._parse.qdrant import looks_like_qdrant, parse_qdrant_config
from ._parse.redis import parse_redis_conf
from ._parse.runs import is_quadlet, parse_quadlet
from ._parse.shellvars import parse_shell_vars
from ._parse.sniff import braced_engine_file, key_value_engine_file, memcached_options_file, my_cnf_file
from ._parse.templates import cookiecutter_context, is_template, render_neutral
from ._parse.terraform import parse_terraform
from ._parse.yamlines import load_yaml
from ._parse.zookeeper import parse_zoo_cfg

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".terraform", ".tox", ".mypy_cache"}
)

Parser = Callable[[Path, str], Sequence[object]]


#: whether a file named like a format is really that engine's file (see :mod:`._parse.sniff`)
Sniffer = Callable[[Path, str], bool]


def _any_file(path: Path, text: str) -> bool:
    return True


@dataclass(frozen=True)
class Format:
    """A file format: the names it goes by, its parser, and how the audit treats it.

    ``ours`` tells the engine's file from another tool's file of the same name (an nginx
    snippet called ``memcached.conf``); a file it refuses is passed over. ``fails_closed``
    marks a database's own configuration: when such a file cannot be read or parsed the
    audit reports ``UG-CONFIG-001`` (a finding ``--fail-on`` counts) instead of an error,
    because nothing can then be said about what it allows. Deployment files (compose,
    Kubernetes, Terraform, units) stay errors: a broken one does not deploy at all.
    """

    name: str
    patterns: tuple[str, ...]
    parse: Parser

    def ours(self, path: Path, text: str) -> bool:
        return SNIFFERS.get(self.name, _any_file)(path, text)

    @property
    def fails_closed(self) -> bool:
        return self.name not in DEPLOYMENT_FORMATS

    @property
    def quiet(self) -> bool:
        return self.name in QUIET_FORMATS

    @cached_property
    def _names(self) -> re.Pattern[str]:
        return re.compile("|".join(fnmatch.translate(p) for p in self.patterns))

    def matches(self, name: str) -> bool:
        """Shell-style match of a lower-cased file name against any of the patterns."""
        return self._names.match(name) is not None


def _one(parse: Callable[[Path, str], object]) -> Parser:
    return lambda path, text: [parse(path, text)]


_SNIFF = re.compile(r"^(apiVersion|kind|services)\s*:", re.MULTILINE)


def _with_containers(found: ComposeFile | KubeManifest) -> list[object]:
    """The file itself plus the engine documents its containers' commands give (memcached flags)."""
    documents: list[object] = [found]
    if isinstance(found, ComposeFile):
        for service in found.services:
            c = service.container
            if (
                service.host_network_line is None
                and service.published
                and all(p.host_ip and is_loopback(p.host_ip) for p in service.published)
            ):
                continue  # its 0.0.0.0 is the container's: the host publishes it on loopback only
            documents += container_documents(
                found.path,
                c.configured_engine,
                c.argv,
                c.argv_line or c.line,
                host_network=service.host_network_line is not None,
            )
    else:
        for workload in found.workloads:
            for c in workload.containers:
                documents += container_documents(
                    found.path,
                    c.configured_engine,
                    c.argv,
                    c.argv_line or c.line,
                    host_network=workload.host_network_line is not None,
                )
    return documents


def _dotenv(folder: Path) -> dict[str, str]:
    """The ``.env`` beside a compose file: compose reads it for the file's variables."""
    try:
        text = read_config_text(folder / ".env")
    except (OSError, ParseError):
        return {}
    return {name: setting.value for name, setting in parse_shell_vars(folder / ".env", text).values.items()}


def _compose(path: Path, text: str, docs: list[Any] | None = None) -> list[object]:
    """A compose file read with its ``.env`` and its variables' defaults; ``docs`` is the text
    already loaded, reused when no variable changed it."""
    compose = _compose_file(path, text, docs)
    base = _override_base(path, compose.fragment)
    compose = compose if base is None else merge_override(compose, base)
    return _with_containers(_expanded(compose))


#: ``include:`` and ``extends:`` chains followed this deep (compose refuses cycles; a repository rarely nests more than twice)
_INCLUDE_DEPTH = 4


def _expanded(compose: ComposeFile, depth: int = 0) -> ComposeFile:
    """The services ``docker compose up`` starts for this file: its own, built on what they
    ``extends:``, and those of the files it ``include:``s."""
    return _with_included(_with_extended(compose, depth), depth)


def _with_extended(compose: ComposeFile, depth: int) -> ComposeFile:
    """Each service with ``extends:`` built on the service it names, in this file or another one
    (whose own ``extends:`` are followed first); a base that cannot be read or found adds nothing."""
    if depth >= _INCLUDE_DEPTH or all(service.extends is None for service in compose.services):
        return compose
    services: list[ComposeService] = []
    for service in compose.services:
        if service.extends is None:
            services.append(service)
            continue
        target, name, line = service.extends
        other, shift = compose, ""
        if target:
            found = _compose_beside(compose, target)
            if found is None:
                services.append(service)
                continue
            other, shift = _with_extended(found, depth + 1), os.path.dirname(target)
        base = next((s for s in other.services if s.container.name == name and s is not service), None)
        services.append(service if base is None else extended_service(service, base, line, shift))
    return replace(compose, services=tuple(services))


def _with_included(compose: ComposeFile, depth: int = 0) -> ComposeFile:
    """``docker compose up`` on a file with ``include:`` starts the included files' services too, so
    they are judged as part of it, at the ``include:`` line (a service the file defines itself
    wins). The included file is also audited on its own; one that is missing or unreadable
    adds nothing here."""
    if not compose.includes or depth >= _INCLUDE_DEPTH:
        return compose
    names = {service.container.name for service in compose.services}
    added: list[ComposeService] = []
    for target, line in compose.includes:
        found = _compose_beside(compose, target)
        if found is None:
            continue
        for service in _expanded(found, depth + 1).services:
            if service.container.name not in names:
                names.add(service.container.name)
                added.append(included_service(service, line, target))
    return replace(compose, services=compose.services + tuple(added))


def _compose_beside(compose: ComposeFile, target: str) -> ComposeFile | None:
    """The compose file ``target`` names, relative to ``compose`` (an include, an extends' file);
    None when it is missing or unreadable."""
    return _compose_at(Path(os.path.normpath(compose.path.parent / target)))


def _compose_at(path: Path) -> ComposeFile | None:
    try:
        return _compose_file(path, read_config_text(path))
    except (OSError, ParseError):
        return None


def _compose_file(path: Path, text: str, docs: list[Any] | None = None) -> ComposeFile:
    resolved = with_compose_defaults(text, _dotenv(path.parent) if "$" in text else None)
    if docs is None or resolved != text:
        try:
            docs = load_yaml(resolved)
        except ParseError:
            if not is_template(resolved):
                raise
            docs = _rendered_or_raise(path, resolved)
    return compose_from_docs(path, docs)


def _rendered_or_raise(path: Path, text: str) -> list[Any]:
    """A compose template read rendered the neutral way (see :mod:`._parse.templates`); when even
    that is not YAML, the original error stands."""
    try:
        return load_yaml(render_neutral(text, cookiecutter_context(path)))
    except ParseError:
        pass
    return load_yaml(text)  # raises the template's own error


_OVERRIDE = re.compile(r"(docker-)?compose\.override\.ya?ml")
#: the files ``docker compose`` looks for, in its order; it reads the override beside the one it finds
_BASE_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")


def _override_base(path: Path, fragment: bool = False) -> ComposeFile | None:
    """The compose file an override file is read over, when it is beside it and parses: a
    ``compose.override.yaml``, or a fragment under any name (no service has an image, a build or
    an ``extends:``, so it runs only given after the base, ``-f compose.yml -f compose.test.yml``)."""
    if not (_OVERRIDE.fullmatch(path.name.lower()) or (fragment and path.name.lower() not in _BASE_NAMES)):
        return None
    for name in _BASE_NAMES:
        base = path.parent / name
        if base.is_file():
            return _compose_at(base)
    return None


#: ``helm template`` writes this comment above each rendered object
_HELM_SOURCE = re.compile(r"^# Source: ", re.MULTILINE)


def _generic_yaml(path: Path, text: str) -> list[object]:
    """Kubernetes manifests (Helm output too) and compose files under any ``.yaml`` name.

    An unrendered Helm template (``{{ .Values.x }}`` outside any string) is not YAML yet
    and is skipped; rendered output keeps ``{{`` only inside strings (alert templates,
    ConfigMap data) and says so with its ``# Source:`` comments, so it is read.
    """
    if not _SNIFF.search(text):
        return []
    if "{{" in text and not _HELM_SOURCE.search(text):
        return _compose_template(path, text)
    docs = load_yaml(text)
    if docs and looks_like_compose(docs[0]):
        return _compose(path, text, docs)
    found: list[object] = list(kubelet_from_docs(path, docs))
    if any(looks_like_kubernetes(d) for d in docs):
        found += _with_containers(kubernetes_from_docs(path, docs))
        found += operator_resources(path, docs)
    return found


def _compose_template(path: Path, text: str) -> list[object]:
    """A compose file shipped as a template under any ``.yaml`` name; other templates (Helm's
    manifests) are not read until rendered."""
    try:
        docs = load_yaml(render_neutral(text, cookiecutter_context(path)))
    except ParseError:
        return []
    return _compose(path, text, docs) if docs and looks_like_compose(docs[0]) else []


def _kubernetes_json(path: Path, text: str) -> list[object]:
    """Kubernetes manifests written as JSON (``kubectl get -o json``, generated manifests).

    JSON is YAML, so the same line-keeping loader reads it; any other JSON file is passed
    over after a substring look, so a tree full of ``package.json`` costs little.
    """
    if '"apiVersion"' not in text or '"kind"' not in text:
        return []
    try:
        docs = load_yaml(text)
    except ParseError:
        return []  # not a manifest we can read; JSON of other tools is none of our business
    if any(looks_like_kubernetes(d) for d in docs):
        return _with_containers(kubernetes_from_docs(path, docs)) + operator_resources(path, docs)
    return []


def _qdrant_or_yaml(path: Path, text: str) -> list[object]:
    """Qdrant's config under its generic names, else whatever the generic YAML reader finds."""
    found = parse_qdrant_config(path, text) if looks_like_qdrant(text) else None
    return [found] if found is not None else _generic_yaml(path, text)


def _quadlet(path: Path, text: str) -> list[object]:
    """A Podman Quadlet ``.container`` unit: a container run, judged like a compose service."""
    found = parse_quadlet(path, text)
    return _with_containers(found) if found is not None else []


#: first match wins, so specific names come before the generic ``*.yaml``
FORMATS: tuple[Format, ...] = (
    Format("mongod.conf", ("mongod*.conf", "mongodb.conf"), _one(parse_mongod_conf)),
    Format("redis.conf", ("redis*.conf", "valkey*.conf"), _one(parse_redis_conf)),
    Format("pg_hba.conf", ("pg_hba*.conf",), _one(parse_pg_hba)),
    Format("postgresql.conf", ("postgresql*.conf",), _one(parse_postgresql_conf)),
    Format("my.cnf", ("*.cnf",), _one(parse_my_cnf)),
    Format("elasticsearch.yml", ("elasticsearch.y*ml", "opensearch.y*ml"), _one(parse_elastic_yml)),
    Format("memcached.conf", ("memcached*.conf",), _one(parse_memcached_conf)),
    Format("couchdb ini", ("local.ini", "couchdb*.ini", "docker.ini"), parse_couch_ini),
    Format("influxdb.conf", ("influxdb*.conf",), parse_influxdb_conf),
    Format("zoo.cfg", ("zoo*.cfg",), _one(parse_zoo_cfg)),
    Format("clickhouse xml", ("config*.xml", "users*.xml", "clickhouse*.xml"), parse_clickhouse_xml),
    Format("etcd.conf.yml", ("etcd*.conf.y*ml", "etcd.conf", "etcd-config.y*ml"), _one(parse_etcd_yaml)),
    Format("cassandra.yaml", ("cassandra.yaml", "cassandra.yml"), _one(parse_cassandra_yaml)),
    Format("solr.in.sh", ("solr.in.sh", "solr.in.cmd"), _one(parse_shell_vars)),
    Format("neo4j.conf", ("neo4j*.conf",), _one(parse_neo4j_conf)),
    Format(
        "jupyter config",
        (
            "jupyter_server_config.py",
            "jupyter_notebook_config.py",
            "jupyter_kernel_gateway_config.py",
            "jupyter_enterprise_gateway_config.py",
        ),
        _one(parse_jupyter_config),
    ),
    Format("daemon.json", ("daemon.json",), parse_daemon_json),
    Format("mosquitto.conf", ("mosquitto*.conf",), _one(parse_mosquitto_conf)),
    Format("rabbitmq.conf", ("rabbitmq*.conf", "rabbitmq*.config"), _one(parse_rabbitmq_conf)),
    Format("nats.conf", ("nats*.conf", "nats-server*.conf"), _one(parse_nats_conf)),
    Format(
        "kafka server.properties",
        ("server.properties", "broker.properties", "kafka*.properties"),
        parse_kafka_properties,
    ),
    Format("systemd unit", ("*.service",), parse_systemd_unit),
    Format("quadlet container", ("*.container",), _quadlet),
    Format("compose", ("docker-compose*.y*ml", "compose*.y*ml"), _compose),
    Format("terraform", ("*.tf",), _one(parse_terraform)),
    Format("qdrant config", ("qdrant*.y*ml", "config.y*ml", "production.y*ml"), _qdrant_or_yaml),
    Format("kubernetes json", ("*.json",), _kubernetes_json),
    Format("yaml", ("*.yaml", "*.yml"), _generic_yaml),
)

#: format -> whether a file of its names is that engine's own (:mod:`._parse.sniff`); others: any file
SNIFFERS: dict[str, Sniffer] = {
    "mongod.conf": key_value_engine_file,
    "redis.conf": key_value_engine_file,
    "pg_hba.conf": key_value_engine_file,
    "postgresql.conf": key_value_engine_file,
    "my.cnf": my_cnf_file,
    "elasticsearch.yml": key_value_engine_file,
    "memcached.conf": memcached_options_file,
    "couchdb ini": key_value_engine_file,
    "influxdb.conf": braced_engine_file,
    "zoo.cfg": key_value_engine_file,
    "etcd.conf.yml": key_value_engine_file,
    "cassandra.yaml": key_value_engine_file,
    "neo4j.conf": key_value_engine_file,
    "mosquitto.conf": key_value_engine_file,
    "rabbitmq.conf": braced_engine_file,
    "nats.conf": braced_engine_file,
    "quadlet container": is_quadlet,
}
#: deployment files and generic names: unreadable ones are errors, not UG-CONFIG-001 (they do not deploy)
DEPLOYMENT_FORMATS = frozenset(
    {"systemd unit", "compose", "terraform", "qdrant config", "yaml", "kubernetes json", "quadlet container"}
)
#: generic names rarely ours: an unreadable one (a huge package-lock.json) is passed over quietly
QUIET_FORMATS = frozenset({"kubernetes json", "quadlet container"})


def format_of(path: Path | str) -> Format | None:
    name = (path.name if isinstance(path, Path) else path).lower()
    return next((f for f in FORMATS if f.matches(name)), None)


#: engines' YAML files whose names compose files and manifests go by too (a compose file
#: that starts Elasticsearch, saved as ``elasticsearch.yml``); no engine setting is called these
_ENGINE_YAML = frozenset({"elasticsearch.yml", "cassandra.yaml", "etcd.conf.yml"})
_DEPLOYMENT_SHAPED = re.compile(r"^(services|apiVersion|kind)\s*:", re.MULTILINE)
_YAML = next(f for f in FORMATS if f.name == "yaml")


#: a YAML text whose first entry is a list item: a list (Ansible's tasks and handlers), where
#: every engine's YAML config is a mapping of settings
_LIST_SHAPED = re.compile(r"\A(?:[ \t]*(?:#[^\n]*)?\n|---[^\n]*\n)*-[ \t\n]")


def format_by_content(fmt: Format, text: str) -> Format:
    """The format the text is in, when its name says an engine's YAML but it deploys something,
    or is a list (``handlers/elasticsearch.yml`` of an Ansible role), which no engine reads."""
    if fmt.name in _ENGINE_YAML and (_DEPLOYMENT_SHAPED.search(text) or _LIST_SHAPED.match(text)):
        return _YAML
    return fmt


def walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` whose name is one we read, in a stable order."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        for name in sorted(files):
            if format_of(name) is not None:
                yield Path(folder, name)
