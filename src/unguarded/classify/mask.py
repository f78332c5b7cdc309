"""Masking: keep the shape of a value so a reader recognises the kind, never the value."""

from __future__ import annotations

import re

_KEEP_DIGITS = re.compile(r"\d")


def _mask_word(word: str, keep: int = 1) -> str:
    if len(word) <= keep:
        return "*" * len(word)
    return word[:keep] + "***"


def mask_email(value: str) -> str:
    local, _, domain = value.partition("@")
    host, dot, tld = domain.rpartition(".")
    if not dot:
        host, tld = domain, ""
    return f"{_mask_word(local)}@{_mask_word(host)}{'.' + tld if tld else ''}"


def mask_digits(value: str, head: int = 4, tail: int = 4) -> str:
    """Keep the first ``head`` and last ``tail`` characters of an identifier, star the rest."""
    s = value.strip()
    if len(s) <= head + tail:
        return s[:1] + "*" * (len(s) - 1) if s else s
    return s[:head] + "*" * (len(s) - head - tail) + s[-tail:]


def mask_number(value: float) -> str:
    """Coordinates and other measurements: first decimal digit only."""
    text = f"{value:.6f}"
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac[:1]}***"


def mask_text(value: str) -> str:
    """Free text and names: first letter of each word."""
    words = value.split()
    return " ".join(_mask_word(w) for w in words[:4]) + (" ..." if len(words) > 4 else "")


def mask(value: object, category: str = "") -> str:
    """Mask any sampled value for display, choosing the style by category."""
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    if isinstance(value, bool) or value is None:
        return "***"
    if isinstance(value, dict) and isinstance(value.get("coordinates"), (list, tuple)):
        value = value["coordinates"]
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(mask(v, category) for v in value[:4]) + "]"
    if isinstance(value, (int, float)) and category.startswith("location"):
        return mask_number(float(value))
    text = str(value)
    if category.startswith("contact.email") or ("@" in text and category == ""):
        return mask_email(text)
    if category.startswith(("national_id", "financial", "passport", "contact.phone", "network")):
        return mask_digits(text)
    if category.startswith("credential"):
        return f"<{len(text)} chars>"
    if category.startswith("location"):
        return ", ".join(
            mask_number(float(p)) if _is_float(p) else "***" for p in re.split(r"[,\s]+", text.strip("[]() ")) if p
        )
    return mask_text(text)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
