"""redis.conf (with ``include``) and ``redis-server --flag value`` command lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .files import read_included
from .lines import (
    MAX_INCLUDE_DEPTH,
    Setting,
    logical_lines,
    resolve_include,
    split_args,
)


@dataclass(frozen=True)
class Directive:
    name: str
    args: tuple[str, ...]
    where: Setting  # value is the raw argument text


@dataclass(frozen=True)
class RedisConfig:
    """Directives in the order Redis applies them (includes inlined where they stand).

    ``complete`` is False when an ``include`` could not be found in the tree: a
    password may be set there, so rules about a *missing* password stay quiet.
    ``included`` lists the files read through ``include`` (audited here, not alone).
    """

    path: Path
    directives: tuple[Directive, ...]
    complete: bool = True
    included: tuple[Path, ...] = ()
    #: the config file a command line names (``redis-server /etc/redis/redis.conf``), if any
    config_file: str = ""

    def last(self, name: str) -> Directive | None:
        """Redis keeps the last value of a repeated directive (``bind`` included)."""
        for directive in reversed(self.directives):
            if directive.name == name:
                return directive
        return None

    def all(self, name: str) -> list[Directive]:
        return [d for d in self.directives if d.name == name]

    def value(self, name: str) -> str | None:
        directive = self.last(name)
        return " ".join(directive.args) if directive else None


def parse_redis_conf(path: Path, text: str, _depth: int = 0) -> RedisConfig:
    directives: list[Directive] = []
    complete = True
    included: list[Path] = []
    for number, line in logical_lines(text):
        words = split_args(line)
        if not words:
            continue
        name, args = words[0].lower(), tuple(words[1:])
        if name == "include" and args and _depth < MAX_INCLUDE_DEPTH:
            found = resolve_include(path, args[0])
            complete &= bool(found)
            for file in found:
                sub = parse_redis_conf(file, read_included(file, number), _depth + 1)
                directives.extend(sub.directives)
                complete &= sub.complete
                included += [file, *sub.included]
            continue
        directives.append(Directive(name, args, Setting(" ".join(args), number, path)))
    return RedisConfig(path, tuple(directives), complete, tuple(included))


def redis_from_argv(path: Path, argv: list[str], line: int) -> RedisConfig:
    """``redis-server [conf] --bind 0.0.0.0 --protected-mode no``: the same directives.

    A config-file argument makes the result incomplete (that file is elsewhere).
    """
    directives: list[Directive] = []
    complete = True
    config_file = ""
    current: list[str] = []
    for word in argv[1:]:
        if word.startswith("--"):
            if current:
                directives.append(Directive(current[0], tuple(current[1:]), Setting(" ".join(current[1:]), line, path)))
            current = [word[2:].lower()]
        elif current:
            current.append(word)
        else:
            complete = False  # a positional config file
            config_file = config_file or word
    if current:
        directives.append(Directive(current[0], tuple(current[1:]), Setting(" ".join(current[1:]), line, path)))
    return RedisConfig(path, tuple(directives), complete, config_file=config_file)
