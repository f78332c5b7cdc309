"""Message brokers' config files: ``mosquitto.conf``, RabbitMQ's ``rabbitmq.conf``/``rabbitmq.config``, ``nats.conf``.

Each parser keeps only what the broker rules ask, with the line it came from:

* Mosquitto: one ``key value`` a line, ``#`` comments. ``listener <port> [<address>]``
  opens a listener (no address: every interface), and so do the deprecated ``port`` and
  ``bind_address`` of the default listener; with ``per_listener_settings true``
  the ``allow_anonymous`` that follows a listener belongs to it, otherwise it is global.
* RabbitMQ: the sysctl-like ``key = value`` of ``rabbitmq.conf``, or the Erlang terms of
  the classic ``rabbitmq.config`` (``{loopback_users, []}``, ``{default_user, <<"x">>}``),
  read for those two settings and ``default_pass``.
* NATS: its own format (``key: value``, ``key = value`` or ``key value``, ``{}`` blocks,
  ``#`` and ``//`` comments); only top-level keys are kept, and which blocks exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .lines import Setting, strip_comment


@dataclass(frozen=True)
class MosquittoListener:
    """A ``listener`` line: its port, bind address (``None``: every interface) and anonymous setting."""

    port: str
    address: str | None
    line: int
    allow_anonymous: Setting | None = None


@dataclass
class MosquittoConfig:
    """The listeners and authentication settings of one ``mosquitto.conf``."""

    path: Path
    listeners: list[MosquittoListener] = field(default_factory=list)
    settings: dict[str, Setting] = field(default_factory=dict)


def parse_mosquitto_conf(path: Path, text: str) -> MosquittoConfig:
    config = MosquittoConfig(path)
    per_listener = False
    current: MosquittoListener | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition(" ")
        value = value.strip()
        if key == "per_listener_settings":
            per_listener = value.lower() == "true"
        if key == "listener":
            parts = value.split()
            current = MosquittoListener(parts[0] if parts else "", parts[1] if len(parts) > 1 else None, number)
            config.listeners.append(current)
            continue
        setting = Setting(value, number, path)
        if key == "allow_anonymous" and per_listener and current is not None:
            index = config.listeners.index(current)
            current = MosquittoListener(current.port, current.address, current.line, setting)
            config.listeners[index] = current
            continue
        config.settings[key] = setting
    port = config.settings.get("port")
    if port is not None:  # the deprecated default listener: `port` (and `bind_address`), still obeyed
        bind = config.settings.get("bind_address")
        config.listeners.insert(0, MosquittoListener(port.value, bind.value if bind else None, port.line))
    return config


@dataclass(frozen=True)
class RabbitConfig:
    """``loopback_users`` and the default user's name and password, as written."""

    path: Path
    settings: dict[str, Setting]


_ERLANG_LOOPBACK = re.compile(r"\{\s*loopback_users\s*,\s*\[\s*\]\s*\}")
_ERLANG_STRING = re.compile(r'\{\s*(default_user|default_pass)\s*,\s*<<\s*"([^"]*)"\s*>>\s*\}')


def parse_rabbitmq_conf(path: Path, text: str) -> RabbitConfig:
    settings: dict[str, Setting] = {}
    erlang = path.name.endswith(".config")
    for number, raw in enumerate(text.splitlines(), start=1):
        line = strip_comment(raw, "%" if erlang else "#").strip()
        if not line:
            continue
        if erlang:
            if _ERLANG_LOOPBACK.search(line):
                settings["loopback_users"] = Setting("none", number, path)
            for found in _ERLANG_STRING.finditer(line):
                settings[found.group(1)] = Setting(found.group(2), number, path)
            continue
        key, sep, value = line.partition("=")
        if sep:
            settings[key.strip()] = Setting(value.strip(), number, path)
    return RabbitConfig(path, settings)


@dataclass(frozen=True)
class NatsConfig:
    """Top-level keys of a ``nats.conf`` and the top-level blocks it opens (``authorization``, ``accounts``)."""

    path: Path
    settings: dict[str, Setting]
    blocks: dict[str, int]


_NATS_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*(?:[:=]\s*|\s+)?(.*)$")


def parse_nats_conf(path: Path, text: str) -> NatsConfig:
    settings: dict[str, Setting] = {}
    blocks: dict[str, int] = {}
    depth = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = strip_comment(raw, "#").split("//", 1)[0].strip()
        if not line:
            continue
        if depth == 0:
            found = _NATS_KEY.match(line)
            if found:
                key, value = found.group(1).lower(), found.group(2).strip()
                if value.startswith("{") or value.startswith("["):
                    blocks[key] = number
                else:
                    settings[key] = Setting(value.strip("'\""), number, path)
        depth += line.count("{") + line.count("[") - line.count("}") - line.count("]")
        depth = max(depth, 0)
    return NatsConfig(path, settings, blocks)
