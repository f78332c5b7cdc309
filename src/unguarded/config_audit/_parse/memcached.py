"""memcached options: Debian's memcached.conf (one option a line) or a command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .lines import Setting, logical_lines, split_args

_LONG = {"--listen": "-l", "--udp-port": "-U", "--port": "-p", "--enable-sasl": "-S"}
_NO_VALUE = frozenset({"-S", "-d", "-v", "-vv", "-vvv", "-M", "-r", "-k", "-L", "-C", "-h", "-i", "-V"})


@dataclass(frozen=True)
class MemcachedOptions:
    """Short options (``-l``, ``-U``, ``-S``) with their lines.

    ``in_container`` marks options taken from a compose or Kubernetes container, where
    listening on every interface of the container is normal; ``host_network`` says the
    container shares the host's interfaces, where it is not. ``complete`` is False when
    options come from ``$VARIABLES`` this file does not show.
    """

    path: Path
    options: dict[str, Setting]
    line: int
    in_container: bool = False
    host_network: bool = False
    complete: bool = True


def parse_memcached_conf(path: Path, text: str) -> MemcachedOptions:
    options: dict[str, Setting] = {}
    for number, line in logical_lines(text):
        _collect(split_args(line), options, path, number)
    return MemcachedOptions(path, options, 1)


def memcached_from_argv(
    path: Path, argv: list[str], line: int, *, in_container: bool = False, host_network: bool = False
) -> MemcachedOptions:
    options: dict[str, Setting] = {}
    _collect(argv[1:], options, path, line)
    return MemcachedOptions(path, options, line, in_container, host_network)


def _collect(words: list[str], options: dict[str, Setting], path: Path, line: int) -> None:
    words = list(words)
    while words:
        word = words.pop(0)
        if not word.startswith("-"):
            continue
        name, eq, value = word.partition("=")
        name = _LONG.get(name, name)
        if len(name) > 2 and not name.startswith("--"):  # "-l0.0.0.0", "-U0"
            name, value = name[:2], name[2:]
        elif not eq and name not in _NO_VALUE and words and not words[0].startswith("-"):
            value = words.pop(0)
        options[name] = Setting(value, line, path)
