"""What a container's own settings say, for the image-default judges.

Every judge (:mod:`._defaults` for the engines the scanner knows, :mod:`._catalogue` for
the long tail) asks the same few questions of a compose service or pod container: is a
variable set, is a flag given, does the command or environment mention a word, is one of
the engine's own config files mounted. The answers, and :class:`OpenDefault` (why a
container is open), live here so both modules share them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._parse.containers import Container

TRUE = frozenset({"yes", "true", "1", "on"})


@dataclass(frozen=True)
class OpenDefault:
    """Why the container is open, and the line that shows it."""

    reason: str
    line: int


def env_set(c: Container, *names: str) -> bool:
    """Set to anything (even unknown): a password may be there."""
    return any(n in c.env for n in names) or not c.env_complete


def env_filled(c: Container, *names: str) -> bool:
    """Set to something that may not be empty (unknown counts): ``PASSWORD=`` and ``PASSWORD=""``
    (compose keeps a list entry's quotes, and its author meant "empty") set nothing."""
    if not c.env_complete:
        return True
    return any(
        (entry := c.env.get(n)) is not None and (entry.value is None or entry.value.strip().strip("\"'") != "")
        for n in names
    )


def env_true(c: Container, name: str) -> int | None:
    entry = c.env.get(name)
    return entry.line if entry is not None and (entry.value or "").lower() in TRUE else None


def env_may_be_true(c: Container, name: str) -> bool:
    """A switch the operator may have turned on: true, or set from a value the file does not show."""
    entry = c.env.get(name)
    return not c.env_complete or (entry is not None and (entry.value is None or entry.value.lower() in TRUE))


def has_arg(c: Container, *flags: str) -> bool:
    """``--requirepass x``, ``--requirepass=x``, one list item ``"--requirepass x"`` and a
    shell's ``sh -c 'redis-server --requirepass $P'`` alike."""
    for word in c.argv:
        tokens = word.split()
        # every long option of a shell string; a short one (-f) only as the item's own first word,
        # so "tail -f /dev/null" after the server is not mongod's -f
        if any(t.split("=", 1)[0] in flags for i, t in enumerate(tokens) if i == 0 or t.startswith("--")):
            return True
    return False


def argv_mentions(c: Container, *words: str) -> bool:
    """Any word of the command mentions one of ``words`` (``--set redpanda.enable_sasl=true``)."""
    return any(any(w in word.lower() for w in words) for word in c.argv)


def env_mentions(c: Container, *words: str) -> bool:
    """Any variable whose name or value mentions one of ``words`` (a SASL listener, a TLS map); unknown counts."""
    if not c.env_complete:
        return True
    return any(
        any(w in name.upper() or w in (entry.value or "").upper() for w in words) for name, entry in c.env.items()
    )


def mounted(c: Container, *names: str) -> bool:
    """A config file or folder of the engine's own is mounted: judged where that file is audited."""
    return any(any(n in m.target or m.source.endswith(n) for n in names) for m in c.mounts)


def bitnami(c: Container) -> bool:
    """Bitnami's images, which configure authentication their own way."""
    return "bitnami/" in c.image.lower()
