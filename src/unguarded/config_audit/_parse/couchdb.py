"""CouchDB's ini files (``local.ini``, ``local.d/*.ini``): sections of ``key = value``, ``;`` comments.

CouchDB reads them with its own ini reader, not Python's: keys are case-sensitive, the
last value of a key wins, and a line starting with ``;`` is a comment. ``configparser``
would lower-case keys and lose line numbers, so this is a few lines over
:func:`~.lines.logical_lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .lines import ParseError, Setting, logical_lines

_SECTION = re.compile(r"^\[([^\]]+)\]$")
#: sections only CouchDB's configuration has; a file with none of them is not CouchDB's
COUCH_SECTIONS = frozenset(
    {"couchdb", "chttpd", "httpd", "admins", "chttpd_auth", "couch_httpd_auth", "cluster", "ssl", "cors"}
)


@dataclass(frozen=True)
class CouchIni:
    """Settings by (section, key), last one wins; ``admins`` lists the admin entries."""

    path: Path
    settings: dict[tuple[str, str], Setting]
    admins: tuple[tuple[str, Setting], ...]

    def get(self, section: str, key: str) -> Setting | None:
        return self.settings.get((section, key))


def parse_couch_ini(path: Path, text: str) -> list[CouchIni]:
    """One document, or none when the file has no CouchDB section (another program's ini)."""
    settings: dict[tuple[str, str], Setting] = {}
    admins: dict[str, Setting] = {}
    sections: set[str] = set()
    section = ""
    for number, line in logical_lines(text, markers=";"):
        header = _SECTION.match(line)
        if header:
            section = header.group(1).strip()
            sections.add(section)
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ParseError(f"expected 'key = value' or '[section]', got {line[:40]!r}", number)
        setting = Setting(value.strip(), number, path)
        settings[(section, key.strip())] = setting
        if section == "admins":
            admins[key.strip()] = setting
    if not sections & COUCH_SECTIONS:
        return []
    return [CouchIni(path, settings, tuple(admins.items()))]
