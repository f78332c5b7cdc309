"""Containers started outside compose: ``docker run``/``podman run`` in a systemd unit, Podman Quadlet files.

A unit whose ``ExecStart=`` runs ``docker run -p 6379:6379 redis:7`` deploys exactly what
a compose service with ``ports: ["6379:6379"]`` deploys, and a Quadlet ``.container``
file (``[Container]`` with ``Image=`` and ``PublishPort=``) is the same run in systemd's
syntax. Both become a :class:`~.containers.ComposeFile` of one service per run, so the
compose rules, the deployed-combination rules and the image-default judges read them
unchanged.

What the file does not say stays unknown, never guessed: an image named by a
placeholder (``__QDRANT_IMAGE__``, an unset ``${IMAGE}``) is no image at all, and a
value passed in from outside (``-e NAME``, ``--env-file``) may hold a password. An
unknown *host* port (``-p __PORT__:6333``) still publishes on every interface: the
host address, not the port, says who can reach it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .._ports import DATA_SERVICES
from .containers import ComposeFile, ComposeService, Container, ContainerPort, EnvValue, Mount, Published
from .containers import _published as published_ports
from .lines import logical_lines, split_args

#: ``docker``/``podman`` options before the subcommand that take a value (``docker -H tcp://x run``)
_GLOBAL_VALUE = frozenset(
    {
        "-H", "--host", "-c", "--context", "--config", "-l", "--log-level", "--tlscacert", "--tlscert",
        "--tlskey", "--url", "--connection", "--identity", "--root", "--runroot", "--storage-driver",
        "--storage-opt", "--cgroup-manager", "--events-backend", "--network-cmd-path", "--runtime",
        "--tmpdir", "--module", "--conmon", "--hooks-dir", "--imagestore", "--network-config-dir",
        "--runtime-flag", "--ssh", "--volumepath", "--cni-config-dir", "--db-backend",
    }
)  # fmt: skip

#: ``run`` options written as one letter: those taking a value, and the switches
_SHORT_VALUE = {
    "a": "attach", "c": "cpu-shares", "e": "env", "h": "hostname", "l": "label", "m": "memory",
    "p": "publish", "u": "user", "v": "volume", "w": "workdir",
}  # fmt: skip
_SHORT_SWITCH = {"d": "detach", "i": "interactive", "t": "tty", "P": "publish-all", "q": "quiet"}

#: ``docker run`` and ``podman run`` long options that take a value (docs of both); any other
#: long option is a switch, so the word after it is the image
_LONG_VALUE = frozenset(
    {
        "add-host", "annotation", "arch", "attach", "authfile", "blkio-weight", "blkio-weight-device",
        "cap-add", "cap-drop", "cgroup-conf", "cgroup-parent", "cgroupns", "cgroups", "chrootdirs", "cidfile",
        "conmon-pidfile", "cpu-count", "cpu-percent", "cpu-period", "cpu-quota", "cpu-rt-period",
        "cpu-rt-runtime", "cpu-shares", "cpus", "cpuset-cpus", "cpuset-mems", "creds", "decryption-key",
        "detach-keys", "device", "device-cgroup-rule", "device-read-bps", "device-read-iops",
        "device-write-bps", "device-write-iops", "dns", "dns-opt", "dns-option", "dns-search", "domainname",
        "entrypoint", "env", "env-file", "env-merge", "expose", "gidmap", "gpus", "group-add", "group-entry",
        "health-cmd", "health-interval", "health-log-destination", "health-max-log-count",
        "health-max-log-size", "health-on-failure", "health-retries", "health-start-interval",
        "health-start-period", "health-startup-cmd", "health-startup-interval", "health-startup-retries",
        "health-startup-success", "health-startup-timeout", "health-timeout", "hostname", "hosts-file",
        "hostuser", "image-volume", "init-path", "io-maxbandwidth", "io-maxiops", "ip", "ip6", "ipc",
        "isolation", "kernel-memory", "label", "label-file", "link", "link-local-ip", "log-driver", "log-opt",
        "mac-address", "memory", "memory-reservation", "memory-swap", "memory-swappiness", "mount", "name",
        "net", "net-alias", "network", "network-alias", "oom-score-adj", "os", "passwd-entry", "personality",
        "pid", "pidfile", "pids-limit", "platform", "pod", "pod-id-file", "preserve-fd", "preserve-fds",
        "publish", "pull", "rdt-class", "requires", "restart", "retry", "retry-delay", "runtime", "sdnotify",
        "seccomp-policy", "secret", "security-opt", "shm-size", "shm-size-systemd", "stop-signal",
        "stop-timeout", "storage-opt", "subgidname", "subuidname", "sysctl", "systemd", "timeout", "tmpfs",
        "tz", "uidmap", "ulimit", "umask", "unsetenv", "user", "userns", "uts", "variant", "volume",
        "volume-driver", "volumes-from", "workdir",
    }
)  # fmt: skip

#: a name the file does not fill in: ``$VAR``, ``%i``, ``__IMAGE__``, ``@IMAGE@``, ``{{ image }}``, ``<image>``
_PLACEHOLDER = re.compile(r"\$|%[A-Za-z%]|__\w+__|@\w+@|\{\{|<\w+>")


@dataclass
class RunSpec:
    """One container run, whichever syntax wrote it; ``line`` is where findings point."""

    line: int
    name: str
    image: str = ""
    argv: list[str] = field(default_factory=list)
    entrypoint: list[str] = field(default_factory=list)
    publish: list[tuple[str, int]] = field(default_factory=list)
    publish_all: bool = False
    expose: list[tuple[str, int]] = field(default_factory=list)
    env: dict[str, EnvValue] = field(default_factory=dict)
    env_complete: bool = True
    mounts: list[Mount] = field(default_factory=list)
    host_network_line: int | None = None

    def option(self, name: str, value: str | None, line: int, variables: Mapping[str, str]) -> None:
        """Apply one ``run`` option (long name, value or None for a switch)."""
        if name == "publish" and value:
            self.publish.append((value, line))
        elif name == "publish-all":
            self.publish_all = value is None or value.lower() == "true"
        elif name == "expose" and value:
            self.expose.append((value, line))
        elif name == "env" and value:
            key, eq, assigned = value.partition("=")
            # ``-e NAME`` passes the CLI's own variable on: the unit's Environment= may set it
            known = assigned if eq else variables.get(key)
            self.env[key] = EnvValue(_known(known), line)
        elif name in {"env-file", "env-host"}:
            self.env_complete = False
        elif name == "secret" and value:
            self.secret(value, line)
        elif name in {"volume", "mount"} and value:
            mount = _volume(value, line) if name == "volume" else _mount(value, line)
            if mount is not None:
                self.mounts.append(mount)
        elif name in {"network", "net"} and value == "host":
            self.host_network_line = line
        elif name == "name" and value:
            self.name = value
        elif name == "entrypoint" and value is not None:
            self.entrypoint = _entrypoint(value)

    def secret(self, value: str, line: int) -> None:
        """``--secret pw,type=env,target=POSTGRES_PASSWORD`` (Podman): the variable holds the secret."""
        parts = dict(p.partition("=")[::2] for p in value.split(",")[1:])
        if parts.get("type") == "env":
            self.env[parts.get("target") or value.split(",")[0]] = EnvValue(None, line)

    def service(self) -> ComposeService:
        """The run as the compose model: one service, published ports, host network."""
        published = [p for raw, line in self.publish for p in published_ports(raw, line)]
        exposed = [ContainerPort(int(raw.split("/")[0]), line) for raw, line in self.expose if _port(raw)]
        container = self._container(published, exposed)
        if self.publish_all:  # -P: every exposed port on a random port of every interface
            ports = [p.port for p in exposed] + _default_ports(container.configured_engine)
            published += [Published("", port, self.line, str(port)) for port in dict.fromkeys(ports)]
            container = self._container(published, exposed)
        return ComposeService(container, tuple(published), self.host_network_line)

    def _container(self, published: list[Published], exposed: list[ContainerPort]) -> Container:
        return Container(
            name=self.name,
            image=self.image if not _PLACEHOLDER.search(_repository(self.image)) else "",
            line=self.line,
            env=dict(self.env),
            env_complete=self.env_complete,
            argv=tuple(self.entrypoint + self.argv),
            argv_line=self.line,
            ports=tuple(
                [ContainerPort(p.container_port, p.line) for p in published if p.container_port is not None] + exposed
            ),
            mounts=tuple(self.mounts),
        )


def _entrypoint(value: str) -> list[str]:
    """``--entrypoint /bin/sh`` is one program; Quadlet's ``Entrypoint=["a", "b"]`` a JSON list."""
    if not value.startswith("["):
        return [value] if value else []
    try:
        words = json.loads(value)
    except ValueError:
        return []
    return [str(w) for w in words] if isinstance(words, list) else []


def _known(value: str | None) -> str | None:
    return None if value is None or _PLACEHOLDER.search(value) else value


def _port(raw: str) -> bool:
    return raw.split("/")[0].isdigit()


def _repository(image: str) -> str:
    """The image without its tag or digest: a placeholder in the tag still names the image."""
    repo = re.sub(r"@[\w+.-]+:[0-9a-fA-F]+$", "", image)  # a digest, not an @PLACEHOLDER@
    head, _, last = repo.rpartition("/")
    return (head + "/" if head else "") + last.split(":", 1)[0]


def _default_ports(engine: str | None) -> list[int]:
    return [s.ports[0] for s in DATA_SERVICES if s.name == engine and s.ports][:1]


def _host_mount(source: str, target: str, line: int) -> Mount | None:
    """A host path put into the container: absolute paths are found by name in the tree, ``./x``
    beside the file (Quadlet reads relative paths from the unit's folder); named volumes skipped."""
    if not target or _PLACEHOLDER.search(source):
        return None
    if source.startswith("/"):
        return Mount("hostpath", source, target, line)
    if source.startswith("."):
        return Mount("bind", source, target, line)
    return None


def _volume(value: str, line: int) -> Mount | None:
    """``-v /etc/redis/redis.conf:/usr/local/etc/redis/redis.conf:ro``."""
    source, _, rest = value.partition(":")
    return _host_mount(source, rest.split(":", 1)[0], line)


def _mount(value: str, line: int) -> Mount | None:
    """``--mount type=bind,source=/etc/x,target=/x,readonly``."""
    parts = {k.strip(): v for k, _, v in (p.partition("=") for p in value.split(","))}
    if parts.get("type", "volume") != "bind":
        return None
    source = parts.get("source") or parts.get("src") or ""
    target = parts.get("target") or parts.get("destination") or parts.get("dst") or ""
    return _host_mount(source, target, line)


# ------------------------------------------------------------------ docker run / podman run


def run_of(words: list[str], line: int, default_name: str, variables: Mapping[str, str]) -> RunSpec | None:
    """The container a ``docker run``/``podman run`` command line starts; None for any other command.

    ``/bin/sh -c "docker rm -f db; exec docker run ..."`` is looked into: the first run in it.
    """
    if len(words) > 2 and PurePosixPath(words[0].lstrip("-@+!:")).name in _SHELLS and words[1] == "-c":
        return next((r for part in _commands(words[2]) if (r := run_of(part, line, default_name, variables))), None)
    if not words or PurePosixPath(words[0].lstrip("-@+!:")).name not in {"docker", "podman"}:
        return None
    if "@" in words[0][: len(words[0]) - len(words[0].lstrip("-@+!:"))]:
        words = [words[0], *words[2:]]  # ExecStart=@/usr/bin/docker NAME run ...: NAME is only argv[0]
    i = 1
    while i < len(words) and words[i].startswith("-"):  # global options: docker -H tcp://x run ...
        i += 2 if words[i] in _GLOBAL_VALUE else 1
    if i < len(words) and words[i] == "container":
        i += 1
    if i >= len(words) or words[i] != "run":
        return None
    spec = RunSpec(line, default_name)
    rest = _apply_options(spec, words[i + 1 :], line, variables)
    if rest:
        spec.image, spec.argv = rest[0], rest[1:]
    return spec


_SHELLS = frozenset({"sh", "bash", "dash", "ash"})
_OPERATORS = frozenset({"&&", "||", ";", "|", "&"})


def _commands(script: str) -> list[list[str]]:
    """A shell line's simple commands (split at ``;``, ``&&``, ``||``, ``|``), ``exec`` dropped."""
    words: list[str] = []
    for word in split_args(script):
        if word.endswith(";") and word != ";":
            words += [word[:-1], ";"]
        else:
            words.append(word)
    found: list[list[str]] = [[]]
    for word in words:
        if word in _OPERATORS:
            found.append([])
        elif not (word == "exec" and not found[-1]):
            found[-1].append(word)
    return [c for c in found if c]


def _apply_options(spec: RunSpec, words: list[str], line: int, variables: Mapping[str, str]) -> list[str]:
    """Apply the options at the front of ``words``; the words after them (image and command)."""
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return words[i + 1 :]
        if word.startswith("--"):
            name, eq, value = word[2:].partition("=")
            if not eq and name in _LONG_VALUE:
                i += 1
                value = words[i] if i < len(words) else ""
            spec.option(name, value if eq or name in _LONG_VALUE else None, line, variables)
        elif word.startswith("-") and len(word) > 1:
            for j, letter in enumerate(word[1:], start=1):
                if letter in _SHORT_VALUE:  # -p6379:6379, -dp 6379:6379, -e=X=1
                    value = word[j + 1 :].removeprefix("=")
                    if not value:
                        i += 1
                        value = words[i] if i < len(words) else ""
                    spec.option(_SHORT_VALUE[letter], value, line, variables)
                    break
                spec.option(_SHORT_SWITCH.get(letter, letter), None, line, variables)
        else:
            return words[i:]
        i += 1
    return []


# ------------------------------------------------------------------ Podman Quadlet


_CONTAINER_SECTION = re.compile(r"^\s*\[Container\]\s*$", re.MULTILINE)


def is_quadlet(path: Path, text: str) -> bool:
    """A ``.container`` file is ours only when it is a Quadlet unit: it has a ``[Container]`` section."""
    return _CONTAINER_SECTION.search(text) is not None


def parse_quadlet(path: Path, text: str) -> ComposeFile | None:
    """A Quadlet ``.container`` file (podman-systemd.unit(5)) as the compose model: one service.

    ``Image=``, ``PublishPort=``, ``ExposeHostPort=``, ``Environment=``,
    ``EnvironmentFile=``, ``EnvironmentHost=``, ``Secret=``, ``Volume=``, ``Mount=``,
    ``Network=``, ``ContainerName=``, ``Entrypoint=``, ``Exec=`` and the raw
    ``PodmanArgs=`` are read; findings point at the key's own line.
    """
    section = ""
    spec = RunSpec(0, path.stem)
    for number, line in logical_lines(text, markers="#;", continuation=True):
        if line.startswith("["):
            section = line.strip("[]").strip()
            continue
        key, eq, value = (part.strip() for part in line.partition("="))
        if section != "Container" or not eq:
            continue
        _quadlet_key(spec, key, value, number)
    if not spec.line:
        return None  # no Image= (a Rootfs= container): nothing to judge
    return ComposeFile(path, (spec.service(),))


_QUADLET_OPTIONS = {
    "PublishPort": "publish",
    "ExposeHostPort": "expose",
    "EnvironmentFile": "env-file",
    "Secret": "secret",
    "Volume": "volume",
    "Mount": "mount",
    "Network": "network",
    "ContainerName": "name",
    "Entrypoint": "entrypoint",
}


def _quadlet_key(spec: RunSpec, key: str, value: str, line: int) -> None:
    if key == "Image":
        # ``Image=db.image`` / ``db.build`` names another Quadlet unit: not an image we can read
        spec.image = "" if value.endswith((".image", ".build")) else value
        spec.line = line
    elif key == "Exec":
        spec.argv = split_args(value)
    elif key == "Environment":
        for word in split_args(value):
            spec.option("env", word, line, {})
    elif key == "EnvironmentHost" and value.lower() in {"true", "yes", "1", "on"}:
        spec.option("env-host", None, line, {})
    elif key == "PodmanArgs":
        _apply_options(spec, split_args(value), line, {})
    elif key in _QUADLET_OPTIONS:
        spec.option(_QUADLET_OPTIONS[key], value, line, {})
