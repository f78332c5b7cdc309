"""Classify one field (column, JSON path, key pattern) from its sampled values.

Per field, the name is read once (:func:`.fieldnames.hints_for`) and decides which
detectors may run at all; a :class:`Router` built for that set (and cached by it) maps a
value's kind, character class and length to the two or three detectors worth trying.
Distinct values are tested once and weighted by their count; a detector that has failed
on most of the first distinct values is dropped for the rest of the field. The shares
are then judged by :mod:`.stats`, and one identifying category wins per field (with any
Article 9 categories beside it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import FieldFinding
from . import stats
from .detectors import DETECTORS, Detector, Kind, Shape, shape_of
from .fieldnames import FieldHints, hints_for
from .flatten import GeoPoint, Vector
from .mask import mask

MAX_EXAMPLES = 2
_LONG = 257


class Router:
    """Which detectors to try for a value, given the detectors a field allows."""

    def __init__(self, detectors: tuple[Detector, ...], hints: FieldHints) -> None:
        self.detectors = detectors
        # (hint level, strength): a detector can only win a field against lower ranks.
        self.rank = {d.id: (hints.level(d.hint), int(d.strength)) for d in detectors}
        self.exclusive = frozenset(d.id for d in detectors if not d.category.startswith("special."))
        # Rivals that would only repeat a sure detector's category (no finer scheme to add).
        self.same = {
            d.id: frozenset(o.id for o in detectors if o is not d and o.category == d.category and not o.refines)
            for d in detectors
        }
        # Below this share of its first distinct values a detector cannot pass (stats.drop_share).
        self.drop_share = {d.id: stats.drop_share(d.strength, self.rank[d.id][0] >= 1) for d in detectors}
        self._text: dict[tuple[int, int], tuple[Detector, ...]] = {}
        by_kind = {k: tuple(d for d in detectors if d.kinds & k) for k in Kind}
        self._text_capable = by_kind[Kind.TEXT]
        self.number = by_kind[Kind.NUMBER]
        self.date = by_kind[Kind.DATE]
        self.bytes = by_kind[Kind.BYTES]
        self.vector = by_kind[Kind.VECTOR]
        self.geo = by_kind[Kind.GEO]
        self._int_text: dict[int, tuple[Detector, ...]] = {}  # ints by length; bytes by -1e6 - length

    def text(self, shape: int, n: int) -> tuple[Detector, ...]:
        m = min(_LONG, n)  # every length from _LONG up shares one entry
        found = self._text.get((shape, m))
        if found is None:
            found = self._text[(shape, m)] = tuple(
                d for d in self._text_capable if int(d.shapes) & shape and d.min_len <= m <= d.max_len
            )
        return found

    def route(self, value: Any) -> tuple[tuple[Detector, ...], Any]:
        """Candidate detectors for one normalised value, and the value they should see."""
        t = type(value)
        if t is str:
            return self.text(shape_of(value), len(value)), value
        if t is int:
            text = str(value)
            n = len(text)
            found = self._int_text.get(n if value >= 0 else -n)
            if found is None:
                shape = int(Shape.DIGITS) if value >= 0 else int(Shape.TOKEN)
                # A detector that takes numbers and text sees an int once.
                text_only = tuple(d for d in self.text(shape, n) if d not in self.number)
                found = self._int_text[n if value >= 0 else -n] = self.number + text_only
            return found, text
        if t is float:
            return self.number, value
        if t is bytes:
            n = len(value)
            key = -1_000_000 - min(n, 1 << 20)
            found = self._int_text.get(key)
            if found is None:
                found = self._int_text[key] = tuple(d for d in self.bytes if d.min_len <= n <= d.max_len)
            return found, value
        if t is Vector:
            return self.vector, value
        if t is GeoPoint:
            return self.geo, value
        if isinstance(value, dt.date):
            return self.date, value
        return (), value


_ROUTERS: dict[tuple[tuple[str, int], ...], Router] = {}


def router_for(hints: FieldHints) -> Router:
    """The (cached) router for the detectors a field's hints allow."""
    key = tuple(sorted(hints.levels.items()))
    router = _ROUTERS.get(key)
    if router is None:
        allowed = tuple(d for d in DETECTORS if not d.needs_hint or hints.level(d.hint) >= d.needs_hint)
        router = _ROUTERS[key] = Router(allowed, hints)
    return router


@dataclass(slots=True)
class Tally:
    """Matches of one detector in one field."""

    tried: int = 0
    hits: int = 0
    sampled: int = 0  # non-null values the share is measured over (see stats.VALIDATE_AT_MOST)
    by_category: Counter[str] = field(default_factory=Counter)
    distinct: int = 0
    raw_examples: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class ColumnVerdict:
    """The outcome for one field: a finding (or None) plus the statistics behind it."""

    finding: FieldFinding | None
    non_null: int
    nulls: int
    distinct: int
    tallies: dict[str, Tally]


def tally_values(values: Iterable[Any], hints: FieldHints) -> tuple[Counter[Any], dict[str, Tally], int]:
    """Count values and run the routed detectors over each distinct one.

    A detector stops after failing most of its first distinct values (it cannot reach a
    threshold any more), and stops once it has validated ``VALIDATE_AT_MOST`` distinct
    values and already passes every threshold: its share is then measured over the values
    seen up to that point, and the detectors it outranks stop too (they could not win).
    """
    counts: Counter[Any] = Counter(values)
    nulls = counts.pop(None, 0)
    router = router_for(hints)
    route, text, rank, exclusive, late_share = (
        router.route,
        router.text,
        router.rank,
        router.exclusive,
        router.drop_share,
    )
    same = router.same
    text_cache = router._text
    tallies: dict[str, Tally] = {}
    done: set[str] = set()
    # Routed candidate tuples are cached objects; their still-live subsets are cached by
    # identity here, as (id, bound match, presence) triples so the inner loop looks up no
    # attribute, and recomputed whenever a detector stops.
    live: dict[int, tuple[tuple[str, Callable[[Any], str | None], bool], ...]] = {}
    drop_after, drop_share, at_most = stats.EARLY_DROP_AFTER, stats.EARLY_DROP_SHARE, stats.VALIDATE_AT_MOST
    late = stats.LATE_DROP_AFTER
    seen = 0
    for value, count in counts.items():
        seen += count
        if type(value) is str:  # the common case, inlined (Router.text's cache look-up too)
            n = len(value)
            candidates = text_cache.get((shape_of(value), n if n < _LONG else _LONG))
            if candidates is None:
                candidates = text(shape_of(value), n)
            arg = value
        else:
            candidates, arg = route(value)
        todo = live.get(id(candidates))
        if todo is None:
            todo = live[id(candidates)] = tuple((d.id, d.match, d.presence) for d in candidates if d.id not in done)
        for did, match, presence in todo:
            tally = tallies.get(did)
            if tally is None:
                tally = tallies[did] = Tally()
            tried = tally.tried = tally.tried + 1
            try:
                category = match(arg)
            except Exception:  # noqa: BLE001 - a scanned value must never crash the scan
                category = None
            if category is not None:
                tally.hits += count
                tally.distinct += 1
                tally.by_category[category] += count
                examples = tally.raw_examples.setdefault(category, [])
                if len(examples) < MAX_EXAMPLES:
                    examples.append(value)
            elif tried >= drop_after and not presence:
                if tally.distinct < drop_share * tried or (tried >= late and tally.distinct < late_share[did] * tried):
                    done.add(did)
                    live.clear()
            if tried >= at_most and not tried % 16 and not presence:
                if stats.wilson_lower(tally.hits, seen) >= stats.SURE:
                    tally.sampled = seen
                    done.add(did)
                    live.clear()
                    if did in exclusive:  # a sure winner: rivals that cannot beat it stop
                        share = tally.distinct / tried
                        for other in exclusive - done:
                            rival = tallies.get(other)
                            if (
                                rank[other] < rank[did]
                                or other in same[did]
                                or (rank[other] == rank[did] and rival and rival.distinct < share * rival.tried / 2)
                            ):
                                done.add(other)
    total = seen
    for tally in tallies.values():
        if not tally.sampled:
            tally.sampled = total
    return counts, tallies, nulls


def _common_prefix(categories: Iterable[str]) -> str:
    parts = [c.split(".") for c in categories]
    out: list[str] = []
    for group in zip(*parts, strict=False):
        if len(set(group)) != 1:
            break
        out.append(group[0])
    return ".".join(out)


def _reported(tally: Tally, fallback: str) -> str:
    top, n = tally.by_category.most_common(1)[0]
    if n >= 0.8 * tally.hits:
        return top
    return _common_prefix(tally.by_category) or fallback


_BY_ID = {d.id: d for d in DETECTORS}


def classify_column(path: str, values: Iterable[Any], *, context: str = "") -> ColumnVerdict:
    """Judge one field from its normalised values (see :mod:`.flatten`)."""
    hints = hints_for(path, context)
    counts, tallies, nulls = tally_values(values, hints)
    n = sum(counts.values())
    passing: list[tuple[tuple[int, int, float], str, Detector, Tally]] = []
    for did, tally in tallies.items():
        if not tally.hits:
            continue
        det = _BY_ID[did]
        level = hints.level(det.hint)
        if det.presence:
            ok = level >= 1
        else:
            ok = stats.supported(det.strength, level >= 1, tally.hits, tally.sampled)
        if ok and det.category.startswith("location") and stats.fixed_site(tally.distinct, tally.sampled):
            ok = False
        if (
            ok
            and det.needs_hint
            and det.hint is not None
            and det.hint.name == "gender"
            and tally.distinct > stats.VOCABULARY_MAX_DISTINCT
        ):
            ok = False
        if ok and det.max_distinct and tally.distinct > det.max_distinct:
            ok = False
        if ok:
            rank = (level, int(det.strength), stats.wilson_lower(tally.hits, tally.sampled))
            passing.append((rank, _reported(tally, det.category), det, tally))
    finding = _decide(path, passing, n) if passing else None
    return ColumnVerdict(finding, n, nulls, len(counts), tallies)


def _decide(path: str, passing: list[tuple[tuple[int, int, float], str, Detector, Tally]], n: int) -> FieldFinding:
    passing.sort(key=lambda p: p[0], reverse=True)
    identifying = [p for p in passing if not p[1].startswith("special.")]
    chosen = identifying[:1]
    special_seen: set[str] = set()
    for p in passing:
        top = ".".join(p[1].split(".")[:2])
        if p[1].startswith("special.") and top not in special_seen:
            special_seen.add(top)
            chosen.append(p)
    categories: list[str] = []
    examples: list[str] = []
    prevalence = 0.0
    for _, category, _det, tally in chosen:
        if category in categories:
            continue
        categories.append(category)
        prevalence = max(prevalence, tally.hits / tally.sampled)
        for cat, raws in tally.raw_examples.items():
            if cat.startswith(category):
                examples.extend(mask(v, category) for v in raws)
    return FieldFinding(
        path=path,
        categories=tuple(categories),
        prevalence=round(min(prevalence, 1.0), 3),
        examples=tuple(dict.fromkeys(examples))[: MAX_EXAMPLES * len(categories)],
    )
