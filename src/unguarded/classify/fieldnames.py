"""Field names and JSON paths as evidence: tokens, multilingual hints, and a negative list.

A path such as ``billingAddress.zip_code`` or ``patient.身份证号`` is split into lower-case
tokens (snake case, camel case, dots, brackets, digits), and hints are looked up on whole
tokens and on joined runs of up to three tokens (``date_of_birth`` -> ``dateofbirth``), so
``recipient`` never reads as ``ip`` and ``FirstName``/``first_name``/``firstname`` agree.
Hanzi have no separators, so Chinese entries are looked up as substrings of CJK tokens.

Each *concept* (``phone``, ``national_id``, ``religion``...) has strong and weak words,
declared by the detector module that reads such fields (:class:`~.detectors.base.Concept`,
a detector's ``hint``); this module holds only what is common to all of them. A strong word alone is enough to call a field by its name when its values are merely
plausible (a ``religion`` column of short words); a weak word (``name``, ``company``,
``party``, ``id_number``) only lets a value detector that needs a hint run, and the values
must then validate. The negative dictionary cancels identifier-like (``negatable``)
concepts on fields such as ``contract_number`` or ``order_id``, whose values often have ID
length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .detectors import DETECTORS, Concept
from .detectors.base import words

_SPLIT = re.compile(r"[._\-\[\]\s/:$@#]+")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\x00-\x7f]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


# Tokens that make a field an identifier of a thing, not of a person: they cancel
# identifier-like concepts even when a hint word is present (``contract_number``).
NEGATIVE_WORDS: frozenset[str] = words(
    "contract order invoice product sku tracking serial part batch lot ticket transaction txn "
    "reference ref barcode ean upc isbn gtin sequence seq version build item shipment parcel "
    "receipt booking confirmation voucher coupon promo model checksum etag digest sha md5 crc "
    "hash filehash contenthash commit revision"
)


def _collect() -> dict[str, Concept]:
    """Every concept a registered detector names, by name; one object per name."""
    found: dict[str, Concept] = {}
    for detector in DETECTORS:
        if detector.hint is not None and found.setdefault(detector.hint.name, detector.hint) is not detector.hint:
            raise RuntimeError(f"two field-name concepts are called {detector.hint.name!r}")
    return found


#: the concepts hints are looked up for: those the detectors declare
CONCEPTS: dict[str, Concept] = _collect()


def tokens(path: str) -> tuple[str, ...]:
    """Lower-case word tokens of a field path: ``homeAddress.zip_code`` -> home, address, zip, code."""
    out: list[str] = []
    for part in _SPLIT.split(path):
        if part:
            out.extend(t.lower() for t in _CAMEL.findall(part))
    return tuple(out)


def _ngrams(toks: tuple[str, ...]) -> set[str]:
    grams = set(toks)
    for n in (2, 3, 4):
        for i in range(len(toks) - n + 1):
            grams.add("".join(toks[i : i + n]))
    return grams


@dataclass(frozen=True)
class FieldHints:
    """What a field's name says: concept name -> 2 (strong) or 1 (weak); whether it is negated."""

    levels: dict[str, int]
    negative: bool

    def level(self, concept: Concept | str | None) -> int:
        name = concept.name if isinstance(concept, Concept) else concept
        return self.levels.get(name, 0) if name else 0

    def __hash__(self) -> int:  # dict field: hash by content for caching
        return hash((tuple(sorted(self.levels.items())), self.negative))


# Last path components that describe their parent rather than hold its data: under
# ``name`` or ``address`` they carry no hint of their own parent (``name.use`` is
# "official", ``coding.system`` a URL, ``address.extension.url`` a profile).
METADATA_WORDS: frozenset[str] = words(
    "use system url uri type kind rank period extension version ref reference "
    "prefix suffix lang language format encoding mime mimetype contenttype"
)


@lru_cache(maxsize=4096)
def hints_for(path: str, context: str = "") -> FieldHints:
    """Concepts a field path names. ``context`` (the dataset name) can only promote weak hints."""
    if "." in path:
        last_part = path.rsplit(".", 1)[-1]
        if set(tokens(last_part)) <= METADATA_WORDS and tokens(last_part):
            path = last_part  # metadata of a field: its parent's hints do not spill onto it
    toks = tokens(path)
    grams = _ngrams(toks)
    cjk = [t for t in toks if _CJK.search(t)]
    levels: dict[str, int] = {}
    for concept in CONCEPTS.values():
        if grams & concept.strong or any(w in t for t in cjk for w in concept.cjk_strong):
            levels[concept.name] = 2
        elif grams & concept.weak or any(w in t for t in cjk for w in concept.cjk_weak):
            levels[concept.name] = 1
    # The last path component decides negation: "order.customer_phone" is still a phone.
    last = tokens(path.rsplit(".", 1)[-1]) if "." in path else toks
    negative = bool(_ngrams(last) & NEGATIVE_WORDS)
    if negative:
        for name in [n for n in levels if CONCEPTS[n].negatable]:
            del levels[name]
    context_words = set(toks) | set(tokens(context))
    for name in [n for n, level in levels.items() if level == 1]:
        concept = CONCEPTS[name]
        if set(last) & concept.weak_cancelled_by:
            del levels[name]
        elif context_words & concept.weak_promoted_by:
            levels[name] = 2
    return FieldHints(levels, negative)
