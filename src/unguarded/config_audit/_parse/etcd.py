"""etcd's settings: the YAML config file (``--config-file``) or its command-line flags.

Both spell the same names (``listen-client-urls``, ``client-cert-auth``); the YAML file
nests TLS settings under ``client-transport-security``. Authentication by user and
password (``etcdctl auth enable``) is state inside etcd, not configuration, so a file can
only show client certificate authentication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting, logical_lines, unquote
from .yamlines import yaml_settings

#: YAML names (flattened) -> the flag name they mean
_YAML_NAMES = {
    "listen-client-urls": "listen-client-urls",
    "client-transport-security.client-cert-auth": "client-cert-auth",
    "client-transport-security.trusted-ca-file": "trusted-ca-file",
    "client-cert-auth": "client-cert-auth",
}
_ENV_LINE = re.compile(r"^\s*(?:export\s+)?ETCD_([A-Z0-9_]+)\s*=\s*(.*?)\s*$", re.MULTILINE)
_BOOLEAN_FLAGS = frozenset({"client-cert-auth", "peer-client-cert-auth", "auto-tls", "peer-auto-tls"})


@dataclass(frozen=True)
class EtcdConfig:
    """``listen-client-urls`` and ``client-cert-auth`` as written, with their lines.

    ``in_container`` marks flags from a compose or Kubernetes container (``host_network``:
    one on the host's network); ``complete`` is False when flags come from ``$VARIABLES`` or
    a ``--config-file`` this file does not show.
    """

    path: Path
    settings: dict[str, Setting]
    line: int
    in_container: bool = False
    complete: bool = True
    host_network: bool = False

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)

    def is_true(self, name: str) -> bool:
        setting = self.settings.get(name)
        return setting is not None and setting.value.strip().lower() in ("true", "1", "yes", "")


def parse_etcd_yaml(path: Path, text: str) -> EtcdConfig:
    """An etcd ``--config-file`` (``etcd.conf.yml``), or the ``ETCD_*=`` environment file some
    distributions install as ``/etc/etcd/etcd.conf``."""
    if _ENV_LINE.search(text):
        return _from_env_file(path, text)
    flat = yaml_settings(path, text)
    settings = {flag: flat[name] for name, flag in _YAML_NAMES.items() if name in flat}
    return EtcdConfig(path, settings, 1)


def _from_env_file(path: Path, text: str) -> EtcdConfig:
    """``ETCD_LISTEN_CLIENT_URLS="http://10.0.0.5:2379"`` -> ``listen-client-urls``."""
    settings: dict[str, Setting] = {}
    for number, line in logical_lines(text):
        match = _ENV_LINE.match(line)
        if match:
            name = match.group(1).lower().replace("_", "-")
            settings[name] = Setting(unquote(match.group(2)), number, path)
    return EtcdConfig(path, settings, 1)


def etcd_from_argv(
    path: Path, argv: list[str], line: int, *, in_container: bool = False, host_network: bool = False
) -> EtcdConfig:
    """``etcd --listen-client-urls=http://0.0.0.0:2379 ...`` (``-flag`` and ``--flag``, ``=`` or a separate value)."""
    settings: dict[str, Setting] = {}
    words = list(argv[1:])
    complete = True
    while words:
        word = words.pop(0)
        if not word.startswith("-"):
            continue
        name, eq, value = word.lstrip("-").partition("=")
        if not eq and name not in _BOOLEAN_FLAGS and words and not words[0].startswith("-"):
            value = words.pop(0)
        if name == "config-file":
            complete = False  # the settings that matter may be in that file
        settings[name] = Setting(value, line, path)
    return EtcdConfig(path, settings, line, in_container, complete, host_network)
