"""Versions change defaults: what an engine does when its file says nothing.

Elasticsearch before 8.0 starts with security off; Redis before 3.2 has no protected
mode (no ``bind`` and no password means open on every interface); MongoDB before 3.6
binds every interface (``bindIp`` defaults to all). The version comes from an image tag
(``elasticsearch:7.17.9``, ``redis:3.0-alpine``, ``mongo:3.4``, ``bitnami/mongodb:3.4.10``)
or a version the file or package states; an unknown version (``latest``, no tag, a
digest) is judged with today's defaults.
"""

from __future__ import annotations

import re

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?![\w])|^v?(\d+)(?:\.(\d+))?(?=[-.+_])")


def version_of(tag: str) -> tuple[int, int] | None:
    """``7.17.9`` -> (7, 17); ``3.0-alpine`` -> (3, 0); ``latest``, ``alpine3.18`` -> None."""
    match = _VERSION.match(tag)
    if match is None:
        return None
    major, minor = (match[1], match[2]) if match[1] else (match[3], match[4])
    return int(major), int(minor or 0)


def before(tag: str, major: int, minor: int = 0) -> bool:
    """True when the tag names a version older than ``major.minor`` (unknown: False)."""
    version = version_of(tag)
    return version is not None and version < (major, minor)


#: engine -> (version the safer default arrived in, what older versions do)
OLD_DEFAULTS: dict[str, tuple[tuple[int, int], str]] = {
    "elasticsearch": ((8, 0), "Elasticsearch before 8.0 starts with security off (no authentication at all)"),
    "redis": ((3, 2), "Redis before 3.2 has no protected mode: no bind and no password means open on every interface"),
    "mongodb": ((3, 6), "MongoDB before 3.6 binds every interface and starts without authorization"),
}


def old_default(engine: str, tag: str) -> str | None:
    """Why this engine's version is open by default, or None for current defaults or unknown versions."""
    known = OLD_DEFAULTS.get(engine)
    if known is None or not tag:
        return None
    (major, minor), reason = known
    return f"{reason} (this is {tag})" if before(tag, major, minor) else None
