"""Group key-value keys into patterns (``user:1001`` -> ``user:*``) for Redis and memcached.

A key store has no tables; the pattern is the dataset. Segments that look like ids
(numbers, hex, UUIDs, e-mail addresses, long tokens with digits) become ``*``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_DIGITS = re.compile(r"\d+")
_VARIABLE = re.compile(r"^([0-9a-fA-F\-]{16,}|\d+|.*@.*|(?=.*\d)[A-Za-z0-9_\-]{20,})$")
_SEPARATORS = re.compile(r"([:/|])")


def key_pattern(key: str) -> str:
    """``user:1001`` -> ``user:*``; ``session:9f8e...`` -> ``session:*``; ``backup3`` -> ``backup*``."""
    out = []
    for part in _SEPARATORS.split(key):
        if not part or _SEPARATORS.fullmatch(part):
            out.append(part)
        elif _VARIABLE.match(part):
            out.append("*")
        else:
            out.append(_DIGITS.sub("*", part))
    return "".join(out)


def group_keys(keys: Iterable[str]) -> dict[str, list[str]]:
    """Pattern -> the keys seen for it, in first-seen order."""
    groups: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        groups[key_pattern(key)].append(key)
    return dict(groups)
