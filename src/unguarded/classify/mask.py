"""Masking: keep the shape of a value so a reader recognises the kind, never the value.

Every example in a report goes through :func:`mask`. The rules reveal at most what
common practice shows on receipts and statements (a card's first and last four digits,
the region and birth-date prefix of a Chinese ID) and never a whole value: e-mails keep
one letter of the user and of the domain (``j***@e***.com``), identifiers keep their
separators with the middle starred (``110105********123X``, ``3201**********1234``),
coordinates keep one decimal (``39.9***, 116.3***``), names one letter a word, secrets
and hashes only their algorithm or vendor prefix, binary only its size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping

from .categories import MaskStyle, resolve

_WORD = re.compile(r"\S+")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_PREFIX = re.compile(r"^(?:\$[a-z0-9]+\$|\{[A-Z0-9\-]+\}|[a-z0-9_]+[$:]|\*|AKIA|ASIA|gh[pousr]_|github_pat_|glpat-|"
                     r"xox[abposr]-|sk_live_|rk_live_|sk-|AIza|SG\.|npm_|pypi-|hf_|eyJ|-----BEGIN [A-Z ]+-----|"
                     r"[a-z][a-z0-9+.\-]*://)")  # fmt: skip


def _mask_word(word: str, keep: int = 1) -> str:
    if len(word) <= keep:
        return "*" * len(word)
    return word[:keep] + "***"


def mask_email(value: str) -> str:
    """``john.doe@example.com`` -> ``j***@e***.com``."""
    local, _, domain = value.partition("@")
    host, dot, tld = domain.rpartition(".")
    if not dot:
        host, tld = domain, ""
    return f"{_mask_word(local)}@{_mask_word(host)}{'.' + tld if tld else ''}"


def mask_digits(value: str, head: int = 4, tail: int = 4) -> str:
    """Star every letter and digit but the first ``head`` and last ``tail``; keep separators.

    Never reveals more than half of the characters, whatever ``head`` and ``tail`` ask.
    """
    s = value.strip()
    positions = [i for i, c in enumerate(s) if c.isalnum()]
    n = len(positions)
    while head + tail > n // 2 + (1 if n >= 16 else 0) and (head or tail):
        if head >= tail and head:
            head -= 1
        else:
            tail -= 1
    hidden = set(positions[head : n - tail if tail else n])
    return "".join("*" if i in hidden else c for i, c in enumerate(s))


def mask_number(value: float) -> str:
    """Coordinates and other measurements: first decimal digit only."""
    text = f"{value:.6f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac[:1]}***"


def mask_text(value: str) -> str:
    """Free text and names: first character of each word (digits starred)."""
    words = value.split()
    out = []
    for w in words[:4]:
        out.append("*" * min(len(w), 3) if w[0].isdigit() else _mask_word(w))
    return " ".join(out) + (" ..." if len(words) > 4 else "")


def mask_phone(value: str) -> str:
    """Keep a leading ``+`` country code and the last two digits."""
    s = value.strip()
    m = re.match(r"^(\+\d{1,3})", s)
    head = len(m.group(1)) - 1 if m else 0
    return mask_digits(s, head=head, tail=2)


def mask_ip(value: str) -> str:
    """First octet (IPv4) or first group (IPv6) only."""
    if ":" in value:
        return value.split(":", 1)[0] + ":****:****"
    first = value.split(".", 1)[0]
    return f"{first}.***.***.***"


def mask_secret(value: str) -> str:
    """A secret or hash shows only its algorithm or vendor prefix and its length."""
    m = _PREFIX.match(value)
    prefix = m.group(0) if m and len(m.group(0)) < len(value) // 2 + 1 else ""
    if prefix.endswith("://"):
        return f"{prefix}***"
    return f"{prefix}*** ({len(value)} chars)"


def _mask_coordinates(text: str) -> str:
    numbers = _NUMBER.findall(text)
    if not numbers:
        return "***"
    return ", ".join(mask_number(float(x)) for x in numbers[:2])


#: the function behind each style of :class:`~.categories.MaskStyle`
_BY_STYLE: dict[MaskStyle, Callable[[str], str]] = {
    MaskStyle.INITIALS: mask_text,
    MaskStyle.EMAIL: mask_email,
    MaskStyle.PHONE: mask_phone,
    MaskStyle.IP_ADDRESS: mask_ip,
    MaskStyle.ID_NUMBER: lambda text: mask_digits(text, head=2, tail=2),
    MaskStyle.CN_RIC: lambda text: mask_digits(text, head=6, tail=4),
    MaskStyle.ACCOUNT_NUMBER: lambda text: mask_digits(text, head=4, tail=4),
    MaskStyle.MAC_ADDRESS: lambda text: mask_digits(text, head=4, tail=0),
    MaskStyle.LEADING: lambda text: mask_digits(text, head=2, tail=0),
    MaskStyle.SECRET: mask_secret,
    MaskStyle.LENGTH: lambda text: f"*** ({len(text)} chars)",
    MaskStyle.SIZE: lambda text: f"<{len(text)} chars>",
    MaskStyle.COORDINATES: _mask_coordinates,
}


def mask(value: object, category: str = "") -> str:
    """Mask any sampled value for display, in the style the category table gives its category.

    Without a category (``""``) a value is masked as an e-mail if it has an ``@``, else as text.
    """
    if isinstance(value, (bytes, bytearray, memoryview)):
        return f"<{len(value)} bytes>"
    if isinstance(value, bool) or value is None:
        return "***"
    if isinstance(value, Mapping):
        coords = value.get("coordinates")
        if isinstance(coords, (list, tuple)):
            return mask(list(coords), category)
        return f"<object with {len(value)} keys>"
    if isinstance(value, (list, tuple)):
        if len(value) > 4:
            return (
                f"<{len(value)} numbers>"
                if all(isinstance(v, (int, float)) for v in value)
                else f"<{len(value)} items>"
            )
        return "[" + ", ".join(mask(v, category) for v in value) + "]"
    style = resolve(category).mask if category else None
    if isinstance(value, float) and style not in (None, MaskStyle.COORDINATES):
        return "<number>"  # a measurement (HbA1c, a weight): even its whole part is the value
    if isinstance(value, float) or (isinstance(value, int) and style is MaskStyle.COORDINATES):
        return mask_number(float(value))
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()[:10]
    text = str(value)
    if style is None:
        return mask_email(text) if "@" in text else mask_text(text)
    return _BY_STYLE[style](text)


if set(_BY_STYLE) != set(MaskStyle):
    raise RuntimeError("every MaskStyle needs its masking function in _BY_STYLE")
