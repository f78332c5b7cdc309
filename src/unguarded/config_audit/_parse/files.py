"""Reading a configuration file the way a careful engine would: bounded and never blocking.

A repository under audit is input like any other: a FIFO named ``redis.conf`` would block
a plain ``read_text()`` for ever, a link to ``/dev/zero`` would fill memory, and a
multi-gigabyte "config" would do the same. Every file the auditor reads (named, walked or
included) goes through :func:`read_config_text`, which accepts only regular files up to
:data:`MAX_CONFIG_BYTES` and decodes them as their byte-order mark says (editors on
Windows write UTF-8 with a BOM or UTF-16).
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .lines import ParseError

#: no database or deployment config comes near this; a larger file is refused, not read
MAX_CONFIG_BYTES = 4 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_config_text(path: Path, max_bytes: int = MAX_CONFIG_BYTES) -> str:
    """The text of a regular file of at most ``max_bytes``; :class:`ParseError` otherwise.

    The type is checked on the file a link points to, before opening, and the file is
    opened non-blocking, so neither a FIFO nor a device is ever read. ``OSError`` (missing,
    no permission) is left to the caller, which reports it as "cannot read".
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise ParseError(f"not a regular file ({_kind(info.st_mode)}): not read")
    if info.st_size > max_bytes:
        raise ParseError(f"{info.st_size:,} bytes is over the {max_bytes:,}-byte limit for a config file: not read")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):  # swapped after the first look
            raise ParseError("not a regular file: not read")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ParseError(f"over the {max_bytes:,}-byte limit for a config file: not read")
    return decode_config(data)


def decode_config(data: bytes) -> str:
    """Bytes as text by their byte-order mark, else UTF-16 told by its zero bytes, else UTF-8.

    Undecodable bytes become U+FFFD. A file with NUL bytes that is not UTF-16 is binary:
    :class:`ParseError`, in words, rather than a parser's complaint about ``#x0000``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    if b"\x00" in data[:4096]:
        head = data[:4096]
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2 or 1
        if odd > half * 0.6 and even < half * 0.1:
            return data.decode("utf-16-le", errors="replace")  # Windows editors without a BOM
        if even > half * 0.6 and odd < half * 0.1:
            return data.decode("utf-16-be", errors="replace")
        raise ParseError("binary content (NUL bytes), not a text configuration file: not read")
    return data.decode("utf-8", errors="replace")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "a special file"


def read_included(path: Path, line: int) -> str:
    """An included file's text; a refusal names that file and the including line."""
    try:
        return read_config_text(path)
    except ParseError as exc:
        raise ParseError(f"included file {path}: {exc}", line) from exc
    except OSError as exc:
        raise ParseError(f"included file {path}: cannot read: {exc.strerror or exc}", line) from exc


@dataclass(frozen=True)
class UnparsableConfig:
    """A file named and placed like a database's configuration that could not be read or parsed.

    The audit cannot say what such a file allows, so it fails closed: this document is a
    finding of its own (``UG-CONFIG-001``), counted by ``--fail-on`` like any other, instead
    of a silent pass. ``reason`` says in words what is wrong, ``line`` where, when known.
    """

    path: Path
    format: str
    reason: str
    line: int = 1
