"""Location trails confirmed by following a subject, and links checked by looking keys up.

A random sample of 200 rows from a table of a million positions of 100,000 people
almost never holds the same person three times, so :func:`.patterns.location_trail`
alone would call a real tracking table a trail only by luck. This module is the core
routine engines run while their session is still open (at the end of ``assess``):

1. it classifies each sampled dataset (the scanner reuses the result);
2. for a dataset with coordinates and a time that the sample did not already show to be
   a trail, it picks candidate subject fields (person, user, device, IMEI, MAC, tracker,
   vehicle ids, declared foreign keys), indexed ones first, and a few sampled values of
   each (``subjects``, default 3), and asks the engine for the records of each value
   (up to ``records``, default 100) through the engine's :class:`Follower`: bounded,
   read-only filtered reads (MongoDB ``find`` with ``limit`` and ``maxTimeMS``, SQL
   ``WHERE key = $1 LIMIT n`` under a statement timeout, an Elasticsearch ``term`` query
   with ``size`` and ``timeout``);
3. a subject whose records sit at two or more positions at two or more times moves: most
   followed subjects moving makes the dataset a ``location_trail``. A weather station
   (one position, many times) or a shop (one position) never moves;
4. it finds the joins between identity datasets and trails (:mod:`.links`) and checks
   those not declared by looking a few sampled trail keys up in the identity dataset.

How each trail was confirmed, or why it could not be, is kept per dataset (the report's
``Dataset.trail``) in words and counts. Every read is counted against ``max_reads`` per
call; the followed records stay in this module and are dropped once judged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import FieldFinding, Link
from ._api import Classification, SampledDataset, classify_dataset, rows_of
from .fieldnames import tokens
from .links import (
    RECORD_KEYS,
    ForeignKey,
    LinkSide,
    confirm_by_lookup,
    enough,
    join_candidates,
    links_from_samples,
    to_link,
)
from .patterns import IDENTIFIER_WORDS, TRAIL_MIN_POINTS, coordinate_paths, time_paths

#: words that make a field the subject a trail follows (person, user, device, IMEI, MAC,
#: tracker, vehicle...): the identifier words without the generic ones, since ``city_id`` or
#: ``shop_id`` name places, not someone who moves
SUBJECT_WORDS = (IDENTIFIER_WORDS | {"imsi", "iccid"}) - {"id", "uid", "uuid"}
#: candidate subject fields followed per dataset
MAX_SUBJECT_FIELDS = 2
#: scalar values of one field kept per dataset for lookups (in-process only)
KEPT_VALUES = 20


class Follower:
    """What an engine offers the follow-up on its open session: bounded, read-only filtered reads.

    Subclasses implement :meth:`lookup`; :meth:`indexed` and :meth:`foreign_keys` read
    metadata where the engine has it (the defaults know nothing).
    """

    async def lookup(self, dataset: str, path: str, values: Sequence[Any], limit: int) -> list[list[Mapping[str, Any]]]:
        """The records whose ``path`` equals each value, at most ``limit`` per value (one list per value)."""
        raise NotImplementedError

    async def indexed(self, dataset: str) -> frozenset[str] | None:
        """Fields that lead an index of ``dataset``; None when the engine cannot tell."""
        return None

    async def foreign_keys(self) -> Sequence[ForeignKey]:
        """Declared foreign keys between the datasets being followed."""
        return ()


@dataclass
class FollowUp:
    """What following subjects and checking links found on one service; no value inside."""

    classifications: dict[str, Classification] = field(default_factory=dict)
    #: dataset -> how its location trail was confirmed, or why it could not be
    notes: dict[str, str] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    #: filtered reads sent (each bounded in records and time)
    reads: int = 0
    #: whether an engine's follower ran (else links come from the samples alone)
    ran: bool = False


@dataclass
class _Budget:
    reads: int

    def take(self, n: int) -> bool:
        if self.reads < n:
            return False
        self.reads -= n
        return True


def scalar_values(records: Sequence[Mapping[str, Any]], depth: int = 2) -> dict[str, list[Any]]:
    """Raw scalar values per field path (``a.b``), as the server holds them, for lookups."""
    out: dict[str, list[Any]] = {}

    def walk(prefix: str, record: Mapping[str, Any], level: int) -> None:
        for key, value in record.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, Mapping):
                if level < depth:
                    walk(path, value, level + 1)
            elif value is not None and not isinstance(value, (list, tuple, bytes, float, bool)):
                kept = out.setdefault(path, [])
                if len(kept) < KEPT_VALUES and value not in kept:
                    kept.append(value)

    for record in records:
        if isinstance(record, Mapping):
            walk("", record, 1)
    return out


def _subject_fields(
    fields: Sequence[FieldFinding],
    rows: Sequence[Mapping[str, list[Any]]],
    values: Mapping[str, Sequence[Any]],
    indexed: frozenset[str] | None,
    declared: set[str],
) -> list[str]:
    """Candidate subject fields, best first: indexed, declared keys and subject words first."""
    loc = coordinate_paths(fields)
    times = time_paths(rows, loc)
    direct = {f.path for f in fields if any(c.startswith(("person.national_id", "contact.")) for c in f.categories)}
    found = []
    for path in values:
        if path in RECORD_KEYS or path in times or path in loc or any(path.startswith(p + ".") for p in loc):
            continue
        if path in declared or set(tokens(path)) & SUBJECT_WORDS or path in direct:
            found.append(path)

    def rank(path: str) -> tuple[int, int, int, str]:
        return (
            0 if indexed is not None and path in indexed else 1,
            0 if path in declared else 1,
            0 if set(tokens(path)) & SUBJECT_WORDS else 1,
            path,
        )

    return sorted(found, key=rank)[:MAX_SUBJECT_FIELDS]


def _moves(records: Sequence[Mapping[str, Any]], loc: Sequence[str], times: set[str]) -> bool:
    """One subject's records: at two or more positions, at two or more times, three or more records."""
    _columns, rows = rows_of(records)
    positions = set()
    moments = set()
    for row in rows:
        where = tuple(repr(row[p][0]) for p in loc if row.get(p))
        if where:
            positions.add(where)
        for t in times:
            if row.get(t):
                moments.add(repr(row[t][0]))
    return len(rows) >= TRAIL_MIN_POINTS and len(positions) >= 2 and len(moments) >= 2


def trail_candidate(classification: Classification, sample: Sequence[Mapping[str, Any]]) -> bool:
    """Coordinates and a time in the sample, and not a trail by the sample alone."""
    if "location_trail" in classification.patterns:
        return False
    loc = coordinate_paths(classification.fields)
    if not loc:
        return False
    _columns, rows = rows_of(sample)
    return bool(time_paths(rows, loc))


async def _follow_dataset(
    ds: SampledDataset,
    classification: Classification,
    follower: Follower,
    budget: _Budget,
    *,
    subjects: int,
    records: int,
    declared: set[str],
) -> tuple[bool, str, int]:
    """Follow a few subjects of one dataset: (is a trail, how it was judged, reads sent)."""
    _columns, rows = rows_of(ds.sample)
    loc = sorted(coordinate_paths(classification.fields))
    values = scalar_values(ds.sample)
    try:
        indexed = await follower.indexed(ds.name)
    except Exception:  # metadata is a preference, never a reason to stop
        indexed = None
    candidates = _subject_fields(classification.fields, rows, values, indexed, declared)
    if not candidates:
        return False, "not confirmed: no field names the subject of the positions (person, device, vehicle...)", 0
    reads = 0
    said: list[str] = []
    for path in candidates:
        picked = values[path][:subjects]
        if not budget.take(len(picked)):
            said.append("the follow-up read budget is spent")
            break
        how = "indexed" if indexed is not None and path in indexed else "not indexed; server-side limits held"
        try:
            groups = await follower.lookup(ds.name, path, picked, records)
        except Exception as exc:  # a timeout or a refusal: say so, keep the sample's verdict, try no more
            reads += len(picked)
            said.append(f"following {path} ({how}) failed ({exc.__class__.__name__})")
            break
        reads += len(picked)
        followed = [g for g in groups if g]
        times: set[str] = set()
        for group in followed:
            times |= time_paths(rows_of(group)[1], set(loc))
        moving = sum(1 for g in followed if _moves(g, loc, times))
        detail = (
            f"{len(picked)} subject(s) followed by {path} ({how}; up to {records} records each): "
            f"{moving} moved between positions over time"
        )
        if followed and moving * 2 >= len(followed) and moving >= 1:
            return True, f"trail confirmed: {detail}", reads
        said.append(detail)
    return False, "not a trail: " + "; ".join(said), reads


def _side(ds: SampledDataset, classification: Classification) -> LinkSide:
    return LinkSide(
        name=ds.name,
        patterns=classification.patterns,
        values=scalar_values(ds.sample),
        people=classification.people_estimate if classification.people_estimate is not None else ds.records,
    )


def classify_all(datasets: Sequence[SampledDataset]) -> dict[str, Classification]:
    return {ds.name: classify_dataset(ds.sample, dataset=ds.name, total=ds.records) for ds in datasets if ds.sample}


async def follow_up(
    datasets: Sequence[SampledDataset],
    follower: Follower,
    *,
    subjects: int = 3,
    records: int = 100,
    max_reads: int = 60,
    into: FollowUp | None = None,
) -> FollowUp:
    """Classify ``datasets``, follow subjects of possible trails, check links; add to ``into``.

    ``subjects`` 0 turns following off (links are then judged from the samples alone).
    """
    found = into if into is not None else FollowUp()
    classified = classify_all(datasets)
    found.classifications.update(classified)
    sampled = [ds for ds in datasets if ds.name in classified]
    if subjects <= 0:
        return found
    found.ran = True
    if not any(
        "location_trail" in classified[ds.name].patterns or trail_candidate(classified[ds.name], ds.sample)
        for ds in sampled
    ):
        return found  # no positions with times: nothing to follow, nothing to link, not one read
    budget = _Budget(max_reads)
    try:
        foreign_keys = list(await follower.foreign_keys())
    except Exception:
        foreign_keys = []
    for ds in sampled:
        c = classified[ds.name]
        if "location_trail" in c.patterns:
            found.notes[ds.name] = "trail seen in the sample: one subject recurs at several positions over time"
            continue
        if not trail_candidate(c, ds.sample):
            continue
        # a declared key counts when it points at people (an identity dataset), not at a city table
        declared = {
            fk.field
            for fk in foreign_keys
            if fk.dataset == ds.name and "identity_records" in getattr(classified.get(fk.target), "patterns", ())
        }
        moving, note, reads = await _follow_dataset(
            ds, c, follower, budget, subjects=subjects, records=records, declared=declared
        )
        found.reads += reads
        found.notes[ds.name] = note
        if moving:
            c = dataclasses.replace(c, patterns=_with_trail(c.patterns))
            classified[ds.name] = found.classifications[ds.name] = c
    sides = {ds.name: _side(ds, classified[ds.name]) for ds in sampled}
    identities = [s for s in sides.values() if "identity_records" in s.patterns]
    trails = [s for s in sides.values() if "location_trail" in s.patterns]
    done: set[tuple[str, str]] = set()
    for candidate in join_candidates(identities, trails, foreign_keys):
        if (candidate.identity, candidate.trail) in done:
            continue
        identity, trail = sides[candidate.identity], sides[candidate.trail]
        if candidate.declared:
            found.links.append(to_link(candidate, identity.people, candidate.how))
            done.add((candidate.identity, candidate.trail))
            continue
        wanted = min(3, len(trail.values.get(candidate.trail_field, ())))
        if not wanted or not budget.take(wanted):
            continue
        try:
            hit, tried = await confirm_by_lookup(candidate, identity, trail, follower.lookup)
        except Exception:
            found.reads += wanted
            continue
        found.reads += tried
        if enough(candidate, hit, tried):
            found.links.append(to_link(candidate, identity.people, f"{candidate.how}; {hit} of {tried} keys found"))
            done.add((candidate.identity, candidate.trail))
    return found


def sample_links(datasets: Sequence[SampledDataset], classified: Mapping[str, Classification]) -> list[Link]:
    """Links for a service whose engine offers no lookups: judged from the samples."""
    sides = [_side(ds, classified[ds.name]) for ds in datasets if ds.name in classified]
    identities = [s for s in sides if "identity_records" in s.patterns]
    trails = [s for s in sides if "location_trail" in s.patterns]
    return links_from_samples(identities, trails)


def _with_trail(patterns: tuple[str, ...]) -> tuple[str, ...]:
    out = list(patterns)
    at = 1 if out[:1] == ["identity_records"] else 0
    out.insert(at, "location_trail")
    return tuple(out)
