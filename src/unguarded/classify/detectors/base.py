"""The detector contract: declarative metadata next to one cheap value test.

A detector says *what* it finds (``category``, a row of :mod:`..categories`), *how sure*
a validated match is (``strength``: checksum-backed and distinctive formats are STRONG,
parse-validated shapes MEDIUM, shapes that many unrelated values share WEAK), *which
field-name concept* supports it (``hint``, a :class:`Concept` its module declares:
the words that name such a field) and whether that hint is required, and *which values are worth
testing at all* (``kinds``, ``shapes``, ``min_len``/``max_len``). The column classifier
reads the metadata once per field to build a dispatch table, so most values reach no
more than two or three ``match`` calls: that, not clever regexes, is what makes the
classifier fast. ``match`` returns the (sub)category for a hit, or None.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum, IntFlag
from importlib.resources import files
from typing import Any, ClassVar


class Kind(IntFlag):
    """Python-level kind of a normalised leaf value."""

    TEXT = 1  # str (ints arrive here too, as their decimal string)
    NUMBER = 2  # int or float
    DATE = 4  # datetime.date / datetime.datetime
    BYTES = 8  # binary that is not UTF-8 text
    VECTOR = 16  # list of numbers (length >= 3)
    GEO = 32  # GeoJSON point or [lon, lat] pair, as a (lon, lat) tuple


class Shape(IntFlag):
    """Character class of a stripped string, computed with a few C-level str methods."""

    DIGITS = 1  # ASCII digits only
    ALNUM = 2  # ASCII letters and digits, at least one letter
    TOKEN = 4  # ASCII, no space, with punctuation: e-mails, dates, IPs, hashes, UUIDs
    TEXT = 8  # ASCII with spaces: names, addresses, formatted numbers
    UNICODE = 16  # anything with non-ASCII characters: hanzi, accents
    ANY = 31


_DIGITS, _ALNUM, _TOKEN, _TEXT, _UNICODE = (int(s) for s in (Shape.DIGITS, Shape.ALNUM, Shape.TOKEN, Shape.TEXT,
                                                          Shape.UNICODE))  # fmt: skip


def shape_of(text: str) -> int:
    """The :class:`Shape` bit of an already stripped, non-empty string (a plain int: hot path)."""
    if text.isascii():
        if text.isdigit():
            return _DIGITS
        if text.isalnum():
            return _ALNUM
        return _TEXT if " " in text else _TOKEN
    return _UNICODE


class Strength(IntEnum):
    """How much one validated match says; :mod:`..stats` maps it to a support threshold."""

    WEAK = 1
    MEDIUM = 2
    STRONG = 3


def words(text: str) -> frozenset[str]:
    """The words of a space-separated list; hint words are joined and lower case (``dateofbirth``)."""
    return frozenset(text.split())


def word_list(name: str) -> frozenset[str]:
    """The entries of ``data/<name>``, a package data file: one per line, ``#`` comments and blanks skipped.

    Long literal lists live in such files (with their source and licence in the header),
    not in code; a detector module loads each once, at import.
    """
    text = files("unguarded.classify.detectors").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Concept:
    """The words that name one kind of field, declared by the detector module that reads such fields.

    :mod:`..fieldnames` matches them against a field's path: a *strong* word alone lets a
    field be called by its name when its values are merely plausible (a ``religion``
    column of short words); a *weak* word (``name``, ``company``, ``party``) only lets a
    detector that needs a hint run, and the values must then validate. ``cjk_*`` entries
    match as substrings of CJK tokens, since hanzi have no separators.

    ``negatable``: a negative word on the last path component (``contract_number``,
    ``order_id``) cancels the concept; for identifiers whose length many things share.
    ``weak_cancelled_by``: last-component words that cancel a weak hint (``product.name``).
    ``weak_promoted_by``: path or dataset words that make a weak hint strong (``customers.name``).
    """

    name: str
    strong: frozenset[str]
    weak: frozenset[str] = frozenset()
    cjk_strong: tuple[str, ...] = ()
    cjk_weak: tuple[str, ...] = ()
    negatable: bool = False
    weak_cancelled_by: frozenset[str] = frozenset()
    weak_promoted_by: frozenset[str] = frozenset()


class Detector:
    """Base class: subclasses set the metadata and implement :meth:`match`."""

    id: ClassVar[str]
    category: ClassVar[str]
    description: ClassVar[str]
    checksum: ClassVar[bool] = False
    strength: ClassVar[Strength] = Strength.MEDIUM
    hint: ClassVar[Concept | None] = None  # the field-name concept that supports it
    needs_hint: ClassVar[int] = 0  # 0: never, 1: weak or strong hint, 2: strong hint only
    kinds: ClassVar[Kind] = Kind.TEXT
    shapes: ClassVar[Shape] = Shape.ANY
    min_len: ClassVar[int] = 1
    max_len: ClassVar[int] = 256
    presence: ClassVar[bool] = False  # a single hit in a hinted field is enough
    max_distinct: ClassVar[int] = 0  # a code set: more distinct values than this and it is not one (0: no limit)
    refines: ClassVar[bool] = False  # reports subcategories (a scheme) that a rival cannot

    def match(self, value: Any) -> str | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.category}>"


def fold(text: str) -> str:
    """Case- and accent-insensitive form for vocabulary look-ups (``Católico`` -> ``catolico``)."""
    text = text.casefold()
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def phrase_key(text: str) -> str:
    """Vocabulary key: folded, with '-' and '_' read as spaces (``Type-2 Diabetes`` == ``type 2 diabetes``)."""
    return " ".join(fold(text).replace("-", " ").replace("_", " ").split())


class VocabularyDetector(Detector):
    """A value equal to a phrase from a closed vocabulary, or a short list of such phrases.

    Subclasses list phrases in any spelling; they are keyed with :func:`phrase_key` once.
    """

    vocabulary: ClassVar[frozenset[str]]
    kinds = Kind.TEXT
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN | Shape.UNICODE
    max_len = 48

    prefixes: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "vocabulary" in cls.__dict__:
            cls.vocabulary = frozenset(phrase_key(v) for v in cls.vocabulary)
            # First two characters of every phrase: a cheap gate before folding the value.
            cls.prefixes = frozenset(v[:2] for v in cls.vocabulary)

    def match(self, value: str) -> str | None:
        head = value[:2].lower()
        if head not in self.prefixes and "," not in value and "/" not in value and ";" not in value:
            if value.isascii() or phrase_key(value[:3])[:2] not in self.prefixes:
                return None
        key = phrase_key(value)
        if key in self.vocabulary:
            return self.category
        for sep in (",", ";", "/", "|"):
            if sep in key:
                if any(p.strip() in self.vocabulary for p in key.split(sep)):
                    return self.category
        return None


class NamedFieldDetector(Detector):
    """Field-name evidence: a field *called* ``religion`` holding short plausible text.

    Used only for categories whose values cannot be validated from a closed list, and
    only with a strong hint; WEAK, so most of the column must be plausible.
    """

    strength = Strength.WEAK
    needs_hint = 2
    shapes = Shape.ALNUM | Shape.TEXT | Shape.TOKEN | Shape.UNICODE
    max_len = 80

    def __init__(self, concept: Concept, category: str, description: str) -> None:
        self.hint = concept  # type: ignore[misc]
        self.category = category  # type: ignore[misc]
        self.id = f"named.{concept.name}"  # type: ignore[misc]
        self.description = description  # type: ignore[misc]

    def match(self, value: str) -> str | None:
        return self.category if any(c.isalpha() for c in value[:16]) else None
