"""mongod.conf in both forms (YAML since 2.6, the legacy ``key = value``) and mongod flags.

All three become one flat view with dotted YAML names (``net.bindIp``), so a rule is
written once whichever way the server was configured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting, logical_lines, unquote
from .yamlines import yaml_settings

#: legacy option / command-line flag -> (YAML name, value to store or None to keep the given one)
_LEGACY: dict[str, tuple[str, str | None]] = {
    "bind_ip": ("net.bindIp", None),
    "bind_ip_all": ("net.bindIpAll", "true"),
    "auth": ("security.authorization", "enabled"),
    "noauth": ("security.authorization", "disabled"),
    "keyfile": ("security.keyFile", None),
    "tlsmode": ("net.tls.mode", None),
    "sslmode": ("net.ssl.mode", None),
    "port": ("net.port", None),
    "config": ("config", None),
    "f": ("config", None),
}
_FLAGS_WITHOUT_VALUE = frozenset({"bind_ip_all", "auth", "noauth"})
_INI_LINE = re.compile(r"^\s*[A-Za-z_][\w.]*\s*=")


@dataclass(frozen=True)
class MongoConfig:
    """mongod settings by dotted YAML name. ``complete`` is False for ``--config`` elsewhere."""

    path: Path
    settings: dict[str, Setting]
    complete: bool = True
    #: the ``key = value`` format of MongoDB before 2.6: a server that old binds every interface
    legacy: bool = False

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)

    def parameter(self, name: str) -> Setting | None:
        """A ``setParameter`` value, from YAML or ``--setParameter name=value``."""
        return self.settings.get(f"setParameter.{name}")


def parse_mongod_conf(path: Path, text: str) -> MongoConfig:
    if any(_INI_LINE.match(line) for _, line in logical_lines(text)):
        return _legacy(path, text)
    return MongoConfig(path, yaml_settings(path, text))


def _legacy(path: Path, text: str) -> MongoConfig:
    settings: dict[str, Setting] = {}
    for number, line in logical_lines(text):
        name, _, value = line.partition("=")
        _store(settings, name.strip(), unquote(value), Setting("", number, path))
    return MongoConfig(path, settings, legacy=True)


def mongod_from_argv(path: Path, argv: list[str], line: int) -> MongoConfig:
    """``mongod --bind_ip_all --auth --setParameter enableLocalhostAuthBypass=0``."""
    settings: dict[str, Setting] = {}
    words = list(argv[1:])
    while words:
        word = words.pop(0)
        if not word.startswith("-"):
            continue
        name, eq, value = word.lstrip("-").partition("=")
        if not eq and name.lower() not in _FLAGS_WITHOUT_VALUE and words and not words[0].startswith("-"):
            value = words.pop(0)
        _store(settings, name, value, Setting("", line, path))
    complete = "config" not in settings
    return MongoConfig(path, settings, complete)


def _store(settings: dict[str, Setting], name: str, value: str, where: Setting) -> None:
    if name == "setParameter" and "=" in value:
        param, _, param_value = value.partition("=")
        settings[f"setParameter.{param.strip()}"] = Setting(param_value.strip(), where.line, where.path)
        return
    yaml_name, fixed = _LEGACY.get(name.lower(), (name, None))
    if fixed is not None and value.strip().lower() in {"false", "0", "no"}:
        return  # "auth = false" in the legacy form means the flag is off
    settings[yaml_name] = Setting(fixed if fixed is not None else value, where.line, where.path)
