"""Group key-value keys into patterns (``user:1001`` -> ``user:*``) for Redis and memcached.

A key store has no tables; the pattern is the dataset. Two passes find it:

1. **Per key.** Segments that look like ids (numbers, hex, UUIDs, e-mail addresses, long
   tokens with digits) become ``*``.
2. **By siblings.** Many applications key records by short codes that look like nothing
   in particular (``customer:QX7TR``, ``customer:MB02K``, ``user:alice``). Keys that agree
   everywhere but in one segment after the first, under a shared prefix, are one dataset
   when that segment takes many values (:data:`MANY_SIBLINGS`), or a few values of one
   id-like shape (same length, letters and digits: :data:`FEW_SIBLINGS`). A handful of
   words under one prefix (``app:users``, ``app:orders``) stay apart: those are usually
   different datasets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

_DIGITS = re.compile(r"\d+")
_VARIABLE = re.compile(r"^([0-9a-fA-F\-]{16,}|\d+|.*@.*|(?=.*\d)[A-Za-z0-9_\-]{20,})$")
_SEPARATORS = re.compile(r"([:/|])")
_CODE = re.compile(r"^[A-Za-z0-9_\-.]{3,64}$")

MANY_SIBLINGS = 16
"""At least this many distinct values of one segment under a shared prefix make one dataset."""
FEW_SIBLINGS = 3
"""Fewer siblings make one dataset only when they all look like codes of one shape."""


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


def _alike(values: set[str]) -> bool:
    """A few sibling segments that are codes of one shape: one length, letters and digits."""
    if len(values) < FEW_SIBLINGS or len({len(v) for v in values}) != 1:
        return False
    if not all(_CODE.match(v) for v in values):
        return False
    return sum(any(c.isdigit() for c in v) for v in values) * 2 >= len(values)


def _merge_siblings(keys: list[str]) -> list[str]:
    """Each key's pattern, sibling segments starred, one segment position at a time, left to right.

    Siblings are compared by their raw text (``QX7TR``, not the per-key pattern ``QX*TR``)
    under the per-key pattern of the rest of the key. Linear in the keys per position: one
    bucket per (pattern with one segment starred), holding the distinct raw values seen there.
    """
    raw = [_SEPARATORS.split(k) for k in keys]
    shaped = [_SEPARATORS.split(key_pattern(k)) for k in keys]
    width = max((len(parts) for parts in raw), default=0)
    # parts alternate segment, separator, segment...: segment positions are the even ones;
    # the first segment is the namespace and is never starred by this pass.
    for pos in range(2, width, 2):
        buckets: dict[tuple[str, ...], set[str]] = defaultdict(set)
        candidates: list[tuple[int, tuple[str, ...]]] = []
        for i, parts in enumerate(shaped):
            if pos < len(parts) and parts[pos] not in ("*", ""):
                starred = (*parts[:pos], "*", *parts[pos + 1 :])
                buckets[starred].add(raw[i][pos])
                candidates.append((i, starred))
        merged = {k for k, values in buckets.items() if len(values) >= MANY_SIBLINGS or _alike(values)}
        for i, starred in candidates:
            if starred in merged:
                shaped[i][pos] = "*"
    return ["".join(parts) for parts in shaped]


def group_keys(keys: Iterable[str]) -> dict[str, list[str]]:
    """Pattern -> the keys seen for it, in first-seen order."""
    listed = list(keys)
    groups: dict[str, list[str]] = defaultdict(list)
    for key, pattern in zip(listed, _merge_siblings(listed), strict=True):
        groups[pattern].append(key)
    return dict(groups)
