"""Docker Compose files and Kubernetes manifests, reduced to what exposure rules need.

Both describe containers (image, environment, command) and the ways in from outside:
published ports in Compose; LoadBalancer/NodePort Services, ``hostPort`` and
``hostNetwork`` in Kubernetes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .._ports import image_tag
from .._recognise import Recognised, recognise
from .dockerfile import read_build
from .files import read_config_text
from .lines import ParseError, split_args, unquote
from .yamlines import YList, YMap


@dataclass(frozen=True)
class EnvValue:
    """An environment value; ``value`` is None when set but unknown (``${VAR}``, ``valueFrom``).
    ``from_file``: an ``env_file`` gave it, often one file for every service of the stack, so it
    sets the engine's switches but does not say which engine the container runs."""

    value: str | None
    line: int
    from_file: bool = False


@dataclass(frozen=True)
class ContainerPort:
    port: int
    line: int
    name: str = ""
    host_port: int | None = None


@dataclass(frozen=True)
class Mount:
    """A file or folder put into a container: a compose bind mount, a ConfigMap or hostPath volume.

    ``source`` is the host path as written (compose: relative to the compose file) for a
    bind or hostPath, or the ConfigMap's name; ``keys`` the ConfigMap keys it projects
    (empty: all of them).
    """

    kind: str  # "bind", "copy" (a Dockerfile COPY of a compose build), "configmap" or "hostpath"
    source: str
    target: str
    line: int
    keys: tuple[str, ...] = ()


@dataclass(frozen=True)
class Container:
    """One container: a Compose service or a container of a Kubernetes pod template."""

    name: str
    image: str
    line: int
    env: dict[str, EnvValue] = field(default_factory=dict)
    env_complete: bool = True
    argv: tuple[str, ...] = ()
    argv_line: int = 0
    ports: tuple[ContainerPort, ...] = ()
    mounts: tuple[Mount, ...] = ()
    #: for a compose ``build:``, the image its Dockerfile starts from
    base_image: str = ""
    #: the deployment replaces the image's entrypoint (compose ``entrypoint:``): its start script does not run
    entrypoint_replaced: bool = False

    @property
    def tag(self) -> str:
        """The engine's version as the image tag says it ('' when none): the image's own tag when
        the image says which engine runs, the base image's when the Dockerfile does, and none
        when only a command or variable does (``python:3.11-slim`` is no Elasticsearch 3.11)."""
        found = self.recognised
        if found is not None and found.evidence == "Dockerfile":
            return image_tag(self.base_image)
        if found is not None and found.evidence not in {"image", "image name"}:
            return ""
        tag = image_tag(self.image) if self.image else ""
        return tag or (image_tag(self.base_image) if self.base_image else "")

    @cached_property
    def recognised(self) -> Recognised | None:
        """The engine this container runs and the evidence for it (image, name, command, env, port)."""
        mounted = [name for m in self.mounts for name in (m.target, m.source, *m.keys)]
        ports = [p.port for p in self.ports]
        own = {name: entry for name, entry in self.env.items() if not entry.from_file}
        found = recognise(self.image, own, self.argv, ports, mounted)
        if self.base_image and (found is None or found.evidence not in {"image", "image name"}):
            base = recognise(self.base_image, {}, (), ())
            if base is not None:
                return Recognised(base.engine, "Dockerfile")
        return found

    @property
    def engine(self) -> str | None:
        return self.recognised.engine if self.recognised else None

    @property
    def configured_engine(self) -> str | None:
        """The engine when its image, command or variables say so: a port alone does not tell its defaults."""
        found = self.recognised
        return found.engine if found is not None and not found.by_port_only else None


# ------------------------------------------------------------------ compose


@dataclass(frozen=True)
class Published:
    """A ``ports:`` entry: ``host_ip`` '' means every interface of the host."""

    host_ip: str
    #: None when a variable the file does not resolve gives it (``${PORT}:${PORT}``): published all the same
    container_port: int | None
    line: int
    raw: str


@dataclass(frozen=True)
class ComposeService:
    container: Container
    published: tuple[Published, ...]
    host_network_line: int | None = None
    #: what puts it on the host's network, as the file says it
    host_network_how: str = "network_mode: host"
    #: the file that defines it, relative to this one, when another file's ``include:`` brought it in
    included_from: str = ""
    #: ``extends:``: the file ('' for this one), the service it builds on, and the line saying so
    extends: tuple[str, str, int] | None = None


@dataclass(frozen=True)
class ComposeFile:
    path: Path
    services: tuple[ComposeService, ...]
    #: the files its top-level ``include:`` starts with it (as written, relative to it) and the lines naming them
    includes: tuple[tuple[str, int], ...] = ()
    #: every service lacks an image, a build and an ``extends:``: a file given after another with ``-f``
    fragment: bool = False


def merge_override(override: ComposeFile, base: ComposeFile) -> ComposeFile:
    """``docker compose up`` reads ``compose.override.yaml`` over ``compose.yaml`` unasked: a service
    the override names is the base's service with the override's keys on top (its image, variables,
    command and mounts from the base unless the override gives its own). Only the override's own
    ``ports`` count here, at the override's lines; the base file is judged on its own. What comes
    from the base is placed at the override service's line, the only line of this file it has."""
    under = {service.container.name: service for service in base.services}
    return replace(
        override,
        services=tuple(
            _over(service, under[service.container.name]) if service.container.name in under else service
            for service in override.services
        ),
    )


def _over(top: ComposeService, under: ComposeService) -> ComposeService:
    t, u = top.container, under.container
    here = t.line
    own_image = bool(t.image or t.base_image)
    container = replace(
        t,
        image=t.image if own_image else u.image,
        base_image=t.base_image if own_image else u.base_image,
        env={**{k: replace(v, line=here) for k, v in u.env.items()}, **t.env},
        env_complete=t.env_complete and u.env_complete,
        argv=t.argv or u.argv,
        argv_line=t.argv_line if t.argv else here,
        ports=tuple(replace(p, line=here) for p in u.ports) + t.ports,
        mounts=tuple(replace(m, line=here) for m in u.mounts) + t.mounts,
        entrypoint_replaced=t.entrypoint_replaced or (not t.argv and u.entrypoint_replaced),
    )
    return replace(top, container=container)


def looks_like_compose(doc: Any) -> bool:
    return isinstance(doc, YMap) and isinstance(doc.get("services"), YMap) and "apiVersion" not in doc


#: keys only a service body has: a version-1 compose file is a mapping of such bodies
_SERVICE_KEYS = frozenset({"image", "build", "ports", "command", "environment", "links", "volumes", "expose"})


def is_version1_compose(doc: Any) -> bool:
    """The original compose format (``docker-compose`` 1.x, still run by its successors' converters):
    services at the top level, no ``services:`` key. Recognised only in a file named as a compose
    file, and only when every top-level value is a service body."""
    return (
        isinstance(doc, YMap)
        and bool(doc)
        and "services" not in doc
        and all(isinstance(body, YMap) and _SERVICE_KEYS.intersection(body) for body in doc.values())
    )


def compose_from_docs(path: Path, docs: list[Any]) -> ComposeFile:
    includes = _includes(docs[0]) if docs else ()
    if docs and is_version1_compose(docs[0]):
        services: YMap = docs[0]
    elif docs and includes and "services" not in docs[0]:
        services = docs[0].map("services")  # none: ``include:`` alone is a whole compose file
    elif not docs or not looks_like_compose(docs[0]):
        raise ParseError("a compose file needs a top-level 'services:' mapping", 1)
    else:
        services = docs[0].map("services")
    host_networks = _host_networks(docs[0].map("networks")) if isinstance(docs[0], YMap) else frozenset()
    bodies = [body for body in services.values() if isinstance(body, YMap)]
    fragment = bool(bodies) and not any({"image", "build", "extends"} & body.keys() for body in bodies)
    return ComposeFile(
        path,
        tuple(
            _service(path, str(name), services.line_of(name), body, host_networks)
            for name, body in services.items()
            if isinstance(body, YMap)
        ),
        includes,
        fragment,
    )


def _host_networks(networks: YMap) -> frozenset[str]:
    """Networks that are the host's own: Swarm's predefined ``host`` network, declared external
    (``hostnet: {external: true, name: host}``). A service on one listens on the host's interfaces,
    as with ``network_mode: host``."""
    return frozenset(
        str(key)
        for key, network in networks.items()
        if isinstance(network, YMap) and network.get("external") and str(network.get("name", key)) == "host"
    )


#: an include naming a registry or repository (``oci://``, ``git@``, a URL) is not read: only files beside it
_REMOTE = re.compile(r"^(\w+://|git@)")


def _beside(target: str) -> bool:
    """A file named relative to the compose file, so in the repository: not a registry, repository
    or URL, and not an absolute or home path (those are the deploy host's files)."""
    return not _REMOTE.match(target) and not target.startswith(("/", "~"))


def _includes(doc: Any) -> tuple[tuple[str, int], ...]:
    """The local files a top-level ``include:`` names (short form, or ``path:`` as a string or a
    list of a file and its overrides), each with the line of its entry."""
    if not isinstance(doc, YMap) or not isinstance(doc.get("include"), YList):
        return ()
    entries = doc.list("include")
    found: list[tuple[str, int]] = []
    for i, entry in enumerate(entries):
        paths = entry.get("path") if isinstance(entry, YMap) else entry
        for target in paths if isinstance(paths, list) else [paths]:
            if isinstance(target, str) and target and _beside(target):
                found.append((target, entries.line_at(i)))
    return tuple(found)


def included_service(service: ComposeService, line: int, target: str) -> ComposeService:
    """A service the file ``target`` defines (or includes in turn), as part of the file whose
    ``include:`` names it: everything it has sits at the ``include:`` entry's line (the only line
    of this file it has), and paths written relative to the included file are rebased."""
    shift = os.path.dirname(target)
    origin = os.path.normpath(os.path.join(shift, service.included_from)) if service.included_from else target
    return replace(_moved(service, line, shift), included_from=origin)


def extended_service(service: ComposeService, base: ComposeService, line: int, shift: str) -> ComposeService:
    """A service with ``extends:``, as compose builds it: the base service's image, variables,
    command and mounts unless it gives its own, and the base's published ports and host network
    too (they belong to the service it extends), all at the ``extends:`` line; ``shift`` is the
    base's file's folder, relative to this one, for its mounts' sources."""
    under = _moved(base, line, shift)
    merged = _over(service, under)
    on_host = service.host_network_line is not None or under.host_network_line is None
    return replace(
        merged,
        published=under.published + service.published,
        host_network_line=service.host_network_line if on_host else under.host_network_line,
        host_network_how=service.host_network_how if on_host else under.host_network_how,
    )


def _moved(service: ComposeService, line: int, shift: str) -> ComposeService:
    """``service`` with every line at ``line`` (the one line of another file it has there) and its
    bind mounts' sources ``shift`` ahead (they were written relative to their own file)."""
    c = service.container

    def rebased(mount: Mount) -> Mount:
        relative = mount.kind in {"bind", "copy"} and not mount.source.startswith(("/", "~"))
        source = os.path.normpath(os.path.join(shift, mount.source)) if relative and shift else mount.source
        return replace(mount, source=source, line=line)

    container = replace(
        c,
        line=line,
        env={k: replace(v, line=line) for k, v in c.env.items()},
        argv_line=line,
        ports=tuple(replace(p, line=line) for p in c.ports),
        mounts=tuple(rebased(m) for m in c.mounts),
    )
    return replace(
        service,
        container=container,
        published=tuple(replace(p, line=line) for p in service.published),
        host_network_line=line if service.host_network_line is not None else None,
    )


def _words(value: object) -> list[str]:
    """A compose ``command``/``entrypoint`` (a string, split like a shell, or a list) as words."""
    if isinstance(value, str):
        return split_args(value)
    return [str(v) for v in value] if isinstance(value, list) else []


def _service(
    compose: Path, name: str, line: int, body: YMap, host_networks: frozenset[str] = frozenset()
) -> ComposeService:
    build = read_build(compose, body.get("build")) if "build" in body else None
    entrypoint, command = _words(body.get("entrypoint")), _words(body.get("command"))
    if build is not None and "entrypoint" not in body:  # compose's entrypoint replaces the Dockerfile's, and its CMD
        entrypoint = list(build.entrypoint)
        command = command if "command" in body else list(build.cmd)
    argv = entrypoint + command
    # the key whose line shows the command: compose's own, else the build whose Dockerfile gives it
    argv_from = next((k for k in ("command", "entrypoint") if k in body), "build" if build is not None and argv else "")
    env = _compose_env(body.get("environment"), body.line_of("environment"))
    from_files = _env_files(compose, body.get("env_file"), body.line_of("env_file")) if "env_file" in body else {}
    env = {**(from_files or {}), **env}  # environment: wins over an env_file
    if build is not None and build.env:  # the Dockerfile's ENV, unless compose sets the same name
        env = {**{k: EnvValue(v, body.line_of("build")) for k, v in build.env}, **env}
    published = tuple(
        p for i, entry in enumerate(body.list("ports")) for p in _published(entry, body.list("ports").line_at(i))
    )
    listening = [ContainerPort(p.container_port, p.line) for p in published if p.container_port is not None]
    exposed = body.list("expose")
    listening += [
        ContainerPort(int(str(v).split("/")[0]), exposed.line_at(i))
        for i, v in enumerate(exposed)
        if str(v).split("/")[0].isdigit()
    ]
    mounts = list(_compose_mounts(body.list("volumes")))
    if build is not None:  # files the Dockerfile copies in are the image's own config
        mounts += [Mount("copy", c.source, c.target, body.line_of("build")) for c in build.copies]
    container = Container(
        name=name,
        image=str(body.get("image") or ""),
        line=line,
        env=env,
        env_complete=from_files is not None,
        argv=tuple(argv),
        argv_line=body.line_of(argv_from) if argv_from else body.line,
        ports=tuple(listening),
        mounts=tuple(mounts),
        base_image=build.base_image if build is not None else "",
        entrypoint_replaced="entrypoint" in body,
    )
    extends = _extends(body)
    host_line = body.line_of("network_mode") if str(body.get("network_mode", "")) == "host" else None
    joined = body.get("networks")
    if host_line is None and isinstance(joined, (YList, YMap)):
        names = [str(n) for n in joined]
        for i, network in enumerate(names):
            if network in host_networks:
                at = joined.line_at(i) if isinstance(joined, YList) else joined.line_of(network)
                return ComposeService(container, published, at, f"network '{network}', the host's own", extends=extends)
    return ComposeService(container, published, host_line, extends=extends)


def _extends(body: YMap) -> tuple[str, str, int] | None:
    """``extends: db`` or ``extends: {file: ../common.yml, service: db}``; a remote or absolute file is not read."""
    raw, line = body.get("extends"), body.line_of("extends")
    if isinstance(raw, str) and raw:
        return "", raw, line
    if isinstance(raw, YMap) and isinstance(raw.get("service"), str):
        target = raw.get("file") or ""
        if not isinstance(target, str) or not _beside(target) or "$" in target:
            return None
        return target, str(raw["service"]), line
    return None


def _compose_mounts(volumes: YList) -> Iterator[Mount]:
    """Bind mounts of host paths (``./redis.conf:/usr/local/etc/redis/redis.conf:ro``); named volumes skipped."""
    for i, entry in enumerate(volumes):
        line = volumes.line_at(i)
        if isinstance(entry, YMap):
            source, target = str(entry.get("source") or ""), str(entry.get("target") or "")
            if str(entry.get("type", "bind")) != "bind":
                continue
        else:
            source, _, rest = str(entry).partition(":")
            target = rest.split(":", 1)[0]
        if source.startswith((".", "/", "~")) and target:
            yield Mount("bind", source, target, line)


#: a line of a compose ``env_file``: ``NAME=value``, any name (``discovery.type=single-node``)
_ENV_FILE_LINE = re.compile(r"^(?:export\s+)?([^\s=#][^\s=]*)\s*=\s*(.*)$")


def _env_files(compose: Path, raw: Any, line: int) -> dict[str, EnvValue] | None:
    """The variables a service's ``env_file:`` files give it, read beside the compose file and
    placed at the ``env_file:`` line; None when a file compose requires cannot be read here (a
    ``.env`` each user writes may hold anything, a password included)."""
    env: dict[str, EnvValue] = {}
    for entry in raw if isinstance(raw, list) else [raw]:
        target, required = (
            (entry.get("path"), entry.get("required", True)) if isinstance(entry, YMap) else (entry, True)
        )
        if not isinstance(target, str) or not target or "$" in target or "{{" in target or not _beside(target):
            return None
        try:
            text = read_config_text(compose.parent / target)
        except (OSError, ParseError):
            if required is False or str(required).lower() == "false":
                continue  # required: false: compose goes on without it
            return None
        for written in text.splitlines():
            found = _ENV_FILE_LINE.match(written.strip())
            if found:
                value = found[2].strip()
                value = unquote(value) if value[:1] in "\"'" else value.split(" #", 1)[0].strip()
                env[found[1]] = EnvValue(None if "${" in value else value, line, from_file=True)
    return env


def _compose_env(raw: Any, line: int) -> dict[str, EnvValue]:
    env: dict[str, EnvValue] = {}
    if isinstance(raw, YMap):
        for key, value in raw.items():
            env[str(key)] = EnvValue(_env_text(value), raw.line_of(key))
    elif isinstance(raw, YList):
        for i, item in enumerate(raw):
            key, eq, value = str(item).partition("=")
            env[key.strip()] = EnvValue(_env_text(value) if eq else None, raw.line_at(i, line))
    return env


#: one innermost ``${NAME<op>word}`` (only bare ``${NAME}`` inside): compose's variable forms
_INTERPOLATION = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-+?])((?:[^${}]|\$\{[A-Za-z_][A-Za-z0-9_]*\})*)\}")


#: a value from ``.env`` that can stand in the YAML text as it is (no quotes, ``#``, ``: ``)
_PLAIN_VALUE = re.compile(r"^[\w.\-/@,+=]*$")
_BARE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}|(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)")


def with_compose_defaults(text: str, variables: Mapping[str, str] | None = None) -> str:
    """A compose file as it deploys with the variables the repository sets (its ``.env``)
    and, for the rest, none.

    Compose replaces ``${NAME:-default}`` with the default, ``${NAME:+word}`` with nothing
    while NAME is unset, and refuses to start on ``${NAME:?error}``. Reading the defaults
    is how a reviewer reads the file: ``"127.0.0.1:${PORT:-6379}:6379"`` is a loopback
    publication, ``image: ${IMAGE:-solr:10}`` is Solr, and ``${PASSWORD:+--requirepass
    ${PASSWORD}}`` leaves no password. ``variables`` are the ``.env`` file's, which compose
    reads from the project folder: a value set there is used wherever the name appears
    (when it is plain text; anything else stays unknown). A required variable (``:?``) and a
    bare ``${NAME}`` that ``.env`` does not set stay as they are: unknown, set by whoever
    deploys. Lines keep their numbers.
    """
    known = {k: v for k, v in (variables or {}).items() if _PLAIN_VALUE.match(v)}

    def resolve(match: re.Match[str]) -> str:
        name, operator, word = match.group(1), match.group(2), match.group(3)
        value = known.get(name)
        if value is not None and (value or not operator.startswith(":")):
            return word if operator.endswith("+") else value  # set (and non-empty for the ':' forms)
        if operator.endswith("-"):
            return word
        if operator.endswith("+"):
            return ""
        return "${" + name + "}"  # required: unknown here, left for the operator

    for _ in range(8):  # nested defaults resolve from the inside out
        resolved = _INTERPOLATION.sub(resolve, text)
        if resolved == text:
            break
        text = resolved
    if known:
        text = _BARE.sub(lambda m: known.get(m.group(1) or m.group(2), m.group(0)), text)
    return text


def _env_text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return None if "${" in text or text.startswith("$") else text


def _published(entry: Any, line: int) -> Iterator[Published]:
    """Short (``"127.0.0.1:6379:6379/tcp"``, ``"6379"``, ranges) and long syntax."""
    if isinstance(entry, YMap):
        if "target" in entry and str(entry.get("mode", "")) != "ingress-disabled":
            yield from _range(str(entry.get("host_ip") or ""), str(entry["target"]), line, str(dict(entry)))
        return
    raw = str(entry)
    spec = raw.split("/", 1)[0]
    host_ip = ""
    if spec.startswith("["):  # "[::1]:6379:6379"
        host_ip, _, spec = spec[1:].partition("]:")
    parts = spec.split(":")
    if len(parts) == 3:
        host_ip = parts[0]
    if len(parts) > 3 and not host_ip:  # "::1:6379:6379", IPv6 without brackets
        host_ip = ":".join(parts[:-2])
    yield from _range(host_ip, parts[-1], line, raw)


def _range(host_ip: str, container: str, line: int, raw: str) -> Iterator[Published]:
    low, _, high = container.partition("-")
    try:
        first, last = int(low), int(high or low)
    except ValueError:
        if "$" in container:  # "${PORT}": which port is not known here, that one is published is
            yield Published(host_ip, None, line, raw)
        return
    for port in range(first, min(last, first + 1000) + 1):
        yield Published(host_ip, port, line, raw)


# ------------------------------------------------------------------ kubernetes

#: where each workload kind keeps its pod template (metadata + spec); others: spec.template
_TEMPLATE_PATHS: dict[str, tuple[str, ...]] = {
    "Pod": (),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}
_WORKLOADS = frozenset(
    {"Pod", "CronJob", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController"}
)


@dataclass(frozen=True)
class Workload:
    kind: str
    name: str
    labels: dict[str, str]
    containers: tuple[Container, ...]
    host_network_line: int | None
    namespace: str = ""


@dataclass(frozen=True)
class ServicePort:
    port: int
    target: str  # a number or a container port name
    line: int
    name: str = ""


@dataclass(frozen=True)
class KubeService:
    name: str
    type: str
    type_line: int
    selector: dict[str, str]
    ports: tuple[ServicePort, ...]
    annotations: dict[str, str]
    source_ranges: tuple[str, ...]
    line: int
    namespace: str = ""

    def selects(self, workload: Workload) -> bool:
        """Whether the workload's pod labels carry every label of the selector (an empty one selects none)."""
        return bool(self.selector) and all(workload.labels.get(k) == v for k, v in self.selector.items())


@dataclass(frozen=True)
class ConfigMapFile:
    """One ``data:`` key of a ConfigMap: a file the pod sees, with the line its text starts on."""

    configmap: str
    key: str
    text: str
    line: int


@dataclass(frozen=True)
class IngressBackend:
    """Where an Ingress sends requests: a Service and its port (a number or a name, '' when not given)."""

    service: str
    port: str
    line: int
    #: "host/path" as written, or "every other request" for the default backend
    route: str


@dataclass(frozen=True)
class KubeIngress:
    """An Ingress (or an OpenShift Route): its controller class, annotations and every backend it routes to."""

    name: str
    namespace: str
    line: int
    class_name: str
    annotations: dict[str, str]
    backends: tuple[IngressBackend, ...]
    kind: str = "Ingress"


@dataclass(frozen=True)
class KubeManifest:
    path: Path
    workloads: tuple[Workload, ...]
    services: tuple[KubeService, ...]
    config_files: tuple[ConfigMapFile, ...] = ()
    ingresses: tuple[KubeIngress, ...] = ()

    def selected(self, service: KubeService) -> list[Workload]:
        """Workloads in this file whose pod labels the Service's selector matches."""
        return [w for w in self.workloads if service.selects(w)]


def looks_like_kubernetes(doc: Any) -> bool:
    return isinstance(doc, YMap) and "apiVersion" in doc and "kind" in doc


def kubernetes_from_docs(path: Path, docs: list[Any]) -> KubeManifest:
    workloads: list[Workload] = []
    services: list[KubeService] = []
    files: list[ConfigMapFile] = []
    ingresses: list[KubeIngress] = []
    for doc in kube_objects(docs):
        kind = str(doc.get("kind"))
        name = str(doc.map("metadata").get("name", ""))
        if kind == "Service":
            services.append(_kube_service(name, doc))
        elif kind in _WORKLOADS:
            workloads.append(_workload(kind, name, doc))
        elif kind == "Ingress":
            ingresses.append(_ingress(name, doc))
        elif kind == "Route" and str(doc.get("apiVersion", "")).startswith("route.openshift.io/"):
            ingresses.append(_route(name, doc))
        elif kind == "ConfigMap":
            data = doc.map("data")
            # a block scalar's text starts on the line after its key
            files += [
                ConfigMapFile(name, str(k), v, data.line_of(k) + 1) for k, v in data.items() if isinstance(v, str)
            ]
    return KubeManifest(path, tuple(workloads), tuple(services), tuple(files), tuple(ingresses))


def kube_objects(docs: list[Any]) -> Iterator[YMap]:
    """Every Kubernetes object among the documents, the items of a ``kind: List`` included."""
    for doc in docs:
        if looks_like_kubernetes(doc):
            if str(doc.get("kind")).endswith("List"):
                yield from kube_objects(list(doc.list("items")))
            else:
                yield doc


def _workload(kind: str, name: str, doc: YMap) -> Workload:
    template = doc
    for key in _TEMPLATE_PATHS.get(kind, ("spec", "template")):
        template = template.map(key)
    pod = template.map("spec")
    labels = {str(k): str(v) for k, v in template.map("metadata").map("labels").items()}
    volumes = _pod_volumes(pod.list("volumes"))
    containers = tuple(_kube_container(c, volumes) for c in pod.list("containers") if isinstance(c, YMap))
    host = pod.line_of("hostNetwork") if pod.get("hostNetwork") is True else None
    return Workload(kind, name, labels, containers, host, str(doc.map("metadata").get("namespace") or ""))


def _pod_volumes(volumes: YList) -> dict[str, Mount]:
    """Pod volumes by name: ConfigMaps (with projected keys) and hostPaths; others are not files of the repo."""
    found: dict[str, Mount] = {}
    for i, volume in enumerate(volumes):
        if not isinstance(volume, YMap):
            continue
        name, line = str(volume.get("name", "")), volumes.line_at(i)
        if "configMap" in volume:
            cm = volume.map("configMap")
            keys = tuple(str(item.get("key")) for item in cm.list("items") if isinstance(item, YMap))
            found[name] = Mount("configmap", str(cm.get("name", "")), "", line, keys)
        elif "hostPath" in volume:
            found[name] = Mount("hostpath", str(volume.map("hostPath").get("path", "")), "", line)
    return found


def _kube_mounts(body: YMap, volumes: dict[str, Mount]) -> Iterator[Mount]:
    listed = body.list("volumeMounts")
    for i, item in enumerate(listed):
        if isinstance(item, YMap) and str(item.get("name")) in volumes:
            volume = volumes[str(item["name"])]
            sub = str(item.get("subPath") or "")
            keys = (sub,) if sub and volume.kind == "configmap" else volume.keys
            yield Mount(volume.kind, volume.source, str(item.get("mountPath", "")), listed.line_at(i), keys)


def _kube_container(body: YMap, volumes: dict[str, Mount] | None = None) -> Container:
    env: dict[str, EnvValue] = {}
    env_list = body.list("env")
    for i, item in enumerate(env_list):
        if isinstance(item, YMap) and "name" in item:
            value = item.get("value")
            env[str(item["name"])] = EnvValue(_env_text(value) if "value" in item else None, env_list.line_at(i))
    argv = [str(v) for v in body.list("command")] + [str(v) for v in body.list("args")]
    argv_line = body.line_of("args") if "args" in body else body.line_of("command")
    ports = []
    port_list = body.list("ports")
    for i, item in enumerate(port_list):
        if isinstance(item, YMap) and isinstance(item.get("containerPort"), int):
            host = item.get("hostPort")
            line = item.line_of("hostPort") if isinstance(host, int) else port_list.line_at(i)
            ports.append(
                ContainerPort(
                    item["containerPort"], line, str(item.get("name", "")), host if isinstance(host, int) else None
                )
            )
    return Container(
        name=str(body.get("name", "")),
        image=str(body.get("image") or ""),
        line=body.line,
        env=env,
        env_complete="envFrom" not in body,
        argv=tuple(argv),
        argv_line=argv_line,
        ports=tuple(ports),
        mounts=tuple(_kube_mounts(body, volumes or {})),
    )


def _kube_service(name: str, doc: YMap) -> KubeService:
    spec = doc.map("spec")
    ports = []
    port_list = spec.list("ports")
    for i, item in enumerate(port_list):
        if isinstance(item, YMap) and isinstance(item.get("port"), int):
            target = str(item.get("targetPort", item["port"]))
            ports.append(ServicePort(item["port"], target, port_list.line_at(i), str(item.get("name") or "")))
    return KubeService(
        name=name,
        type=str(spec.get("type", "ClusterIP")),
        type_line=spec.line_of("type"),
        selector={str(k): str(v) for k, v in spec.map("selector").items()},
        ports=tuple(ports),
        annotations={str(k): str(v) for k, v in doc.map("metadata").map("annotations").items()},
        source_ranges=tuple(str(r) for r in spec.list("loadBalancerSourceRanges")),
        line=doc.line,
        namespace=str(doc.map("metadata").get("namespace") or ""),
    )


def _backend(body: YMap, line: int, route: str) -> IngressBackend | None:
    """``backend.service.name/port`` (networking.k8s.io/v1) or ``serviceName/servicePort`` (v1beta1)."""
    service = body.map("service")
    if service:
        port = service.map("port")
        return IngressBackend(str(service.get("name", "")), str(port.get("number", port.get("name", ""))), line, route)
    if "serviceName" in body:
        return IngressBackend(str(body["serviceName"]), str(body.get("servicePort", "")), line, route)
    return None  # a resource backend (a storage bucket) is not a Service


def _route(name: str, doc: YMap) -> KubeIngress:
    """An OpenShift Route: the router publishes ``spec.host`` and sends it to the Service in ``spec.to``."""
    spec, metadata = doc.map("spec"), doc.map("metadata")
    to = spec.map("to")
    backends = []
    if str(to.get("kind", "Service")) == "Service" and "name" in to:
        route = f"{spec.get('host') or '*'}{spec.get('path') or '/'}"
        port = str(spec.map("port").get("targetPort", ""))
        backends.append(IngressBackend(str(to["name"]), port, spec.line_of("to"), route))
    annotations = {str(k): str(v) for k, v in metadata.map("annotations").items()}
    namespace = str(metadata.get("namespace") or "")
    return KubeIngress(name, namespace, doc.line, "openshift-route", annotations, tuple(backends), kind="Route")


def _ingress(name: str, doc: YMap) -> KubeIngress:
    spec, metadata = doc.map("spec"), doc.map("metadata")
    annotations = {str(k): str(v) for k, v in metadata.map("annotations").items()}
    backends: list[IngressBackend] = []
    for key in ("defaultBackend", "backend"):  # "backend" before networking.k8s.io/v1
        if key in spec:
            found = _backend(spec.map(key), spec.line_of(key), "every other request (default backend)")
            backends += [found] if found else []
    for rule in spec.list("rules"):
        if not isinstance(rule, YMap):
            continue
        paths = rule.map("http").list("paths")
        for i, item in enumerate(paths):
            if isinstance(item, YMap):
                route = f"{rule.get('host') or '*'}{item.get('path') or '/'}"
                found = _backend(item.map("backend"), paths.line_at(i), route)
                backends += [found] if found else []
    class_name = str(spec.get("ingressClassName") or annotations.get("kubernetes.io/ingress.class", ""))
    namespace = str(metadata.get("namespace") or "")
    return KubeIngress(name, namespace, doc.line, class_name, annotations, tuple(backends))
