"""HL7 version 2 messages (``MSH|^~\\&|...``) read into segments, fields and components.

Hospital interfaces store whole v2 messages in queues, caches and text columns. A message
is one string of segments (``PID|...``) separated by carriage returns; fields by ``|``,
repetitions by ``~``, components by ``^`` and subcomponents by ``&`` (the separators are
declared in MSH-1 and MSH-2 and read from there). :func:`parse` keeps the components so
:mod:`.standards` can judge a field by its type code (PID-3's identifier type ``SS``);
:func:`to_document` gives :mod:`.flatten` a plain document, ``{"PID": [{"5": ["..."]}]}``,
whose paths are ``<field>.PID[].5[]``. Field numbers follow the standard (``PID-5`` is
``5``; in MSH, ``MSH-3`` is ``3``).
"""

from __future__ import annotations

import re
from typing import Any

MAX_SEGMENTS = 200
MAX_FIELDS = 60
_HEADER = re.compile(r"^(?:MSH|BHS|FHS)(.)")
_SEGMENT = re.compile(r"^[A-Z][A-Z0-9]{2}$")

# segment name -> [field number -> repetitions -> components]
Parsed = list[tuple[str, dict[int, list[list[str]]]]]


def is_message(text: str) -> bool:
    """An HL7 v2 message or batch: starts with an MSH, BHS or FHS header."""
    return len(text) > 8 and text[:3] in ("MSH", "BHS", "FHS") and bool(_HEADER.match(text))


def parse(text: str) -> Parsed:
    """Segments of a message, each with its fields split into repetitions and components."""
    m = _HEADER.match(text)
    if m is None:
        return []
    field_sep = m.group(1)
    encoding = text[4:8]
    comp = encoding[0] if len(encoding) > 0 else "^"
    rep = encoding[1] if len(encoding) > 1 else "~"
    sub = encoding[3] if len(encoding) > 3 else "&"
    out: Parsed = []
    for line in re.split(r"\r\n|\r|\n", text)[:MAX_SEGMENTS]:
        parts = line.split(field_sep)
        name = parts[0].strip()
        if not _SEGMENT.match(name):
            continue
        fields: dict[int, list[list[str]]] = {}
        header = name in ("MSH", "BHS", "FHS")
        for i, raw in enumerate(parts[1:MAX_FIELDS], start=2 if header else 1):
            if not raw or (header and i == 2):
                continue
            reps = [[c.replace(sub, " ").strip() for c in r.split(comp)] for r in raw.split(rep)]
            reps = [r for r in reps if any(r)]
            if reps:
                fields[i] = reps
        out.append((name, fields))
    return out


def text_of(components: list[str]) -> str:
    """A field repetition as readable text: its non-empty components joined by spaces."""
    return " ".join(c for c in components if c)


def to_document(parsed: Parsed) -> dict[str, Any]:
    """``{"PID": [{"5": ["EVERYWOMAN EVE E L"]}], ...}``: what :mod:`.flatten` walks."""
    doc: dict[str, list[dict[str, list[str]]]] = {}
    for name, fields in parsed:
        doc.setdefault(name, []).append({str(n): [text_of(r) for r in reps] for n, reps in fields.items()})
    return doc
