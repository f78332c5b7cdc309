"""Links: the field pairs that join an identity dataset to a location trail in one service.

A service that holds people (``identity_records``) *and* their movements
(``location_trail``) joined by a key is a tracking system, the case unguarded exists
for. Candidate joins come from three places, strongest first:

* a **declared foreign key** (``information_schema`` in PostgreSQL and MySQL): the trail's
  column references the identity table's;
* the **same key name**: ``tracks.person_id`` beside ``people._id`` (the trail's field
  is the identity dataset's singular name plus ``id``), ``positions.user_id`` beside
  ``users.id``, or one identifier name on both sides (``national_id``, ``imei``);
* a **person key**: ``positions.person_id`` or ``citizen_id`` beside the ``id`` of an
  identity table called something else (``residents``); every key looked up must be found;
* **value overlap** between an identifier of the trail and a key of the identity dataset
  whose names do not match, for text keys only (small integers overlap by chance).

A candidate that is not declared is a link only when its values meet: a few sampled
keys of the trail are looked up in the identity dataset through the engine's bounded
lookups (:mod:`.trails`), or, for an engine without lookups, seen on both sides of the
samples. Nothing here keeps or returns a value: a link names datasets and fields.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Link
from .fieldnames import tokens
from .patterns import IDENTIFIER_WORDS

#: the whole-record keys an identity dataset is joined by
RECORD_KEYS = ("_id", "id", "uuid", "uid")
#: sampled trail keys looked up per candidate join
OVERLAP_VALUES = 3
#: candidate joins checked by value overlap alone (no name, no declaration) per dataset pair
MAX_OVERLAP_ONLY = 4
#: words that make a key a person's: ``person_id`` or ``citizen_id`` in a trail points at people
#: whatever the people table is called (``residents``), so it is tried on identity record keys
PERSON_WORDS = frozenset(
    "person people user citizen resident member customer patient employee passenger subscriber owner driver "
    "rider courier client guest visitor account student worker individual subject".split()
)
_IRREGULAR = {"people": "person", "persons": "person", "children": "child", "staff": "staff", "men": "man"}

#: ``(dataset, field path, values, limit) -> one list of records per value``
LookupFn = Callable[[str, str, Sequence[Any], int], Awaitable[list[list[Mapping[str, Any]]]]]


@dataclass(frozen=True)
class ForeignKey:
    """A declared foreign key: ``dataset.field`` references ``target.target_field``."""

    dataset: str
    field: str
    target: str
    target_field: str


@dataclass(frozen=True)
class JoinCandidate:
    """A field pair that may join an identity dataset (``identity``) to a trail (``trail``)."""

    identity: str
    trail: str
    identity_field: str
    trail_field: str
    declared: bool = False
    by_name: bool = False
    #: a person's key (``person_id``) beside an identity table's own key, whatever the table is called
    person_key: bool = False

    @property
    def how(self) -> str:
        if self.declared:
            return "declared foreign key"
        if self.by_name:
            return "same key name"
        return "person key name" if self.person_key else "value overlap"


@dataclass(frozen=True)
class LinkSide:
    """What links need to know about one classified dataset: name, patterns, fields, sampled values."""

    name: str
    patterns: tuple[str, ...]
    #: field path -> the first sampled scalar values (in-process only, never reported)
    values: Mapping[str, Sequence[Any]]
    people: int | None = None


def singular(word: str) -> str:
    """``people`` -> ``person``, ``users`` -> ``user``, ``addresses`` -> ``address``."""
    word = word.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def table_stem(dataset: str) -> str:
    """The last component of an engine-native name: ``app.public.people`` -> ``people``."""
    last = dataset.replace(":", ".").replace("/", ".").rstrip(".*").split(".")[-1]
    return last.lower()


def _identifierish(path: str) -> bool:
    return bool(set(tokens(path)) & IDENTIFIER_WORDS) and path not in RECORD_KEYS


def _kind(values: Sequence[Any]) -> str | None:
    kinds = {"int" if isinstance(v, int) else "text" if isinstance(v, str) else type(v).__name__ for v in values}
    return kinds.pop() if len(kinds) == 1 else None


def _names_join(identity: LinkSide, trail: LinkSide, i_field: str, t_field: str) -> bool:
    """``people._id``/``tracks.person_id``, ``users.id``/``positions.user_id``, or one identifier name on both."""
    t_tokens = tokens(t_field)
    if i_field in RECORD_KEYS:
        stem = table_stem(identity.name)
        names = {stem, singular(stem)}
        return _key_tokens(t_tokens) and "".join(t_tokens[:-1]) in names
    return i_field == t_field and _identifierish(t_field)


def _key_tokens(t_tokens: Sequence[str]) -> bool:
    return len(t_tokens) >= 2 and t_tokens[-1] in ("id", "uuid", "uid", "key", "no", "number")


def _person_key(i_field: str, t_field: str) -> bool:
    """``residents.id``/``positions.person_id``: a person's key beside an identity table's own key."""
    t_tokens = tokens(t_field)
    return i_field in RECORD_KEYS and _key_tokens(t_tokens) and set(t_tokens[:-1]) <= PERSON_WORDS


def join_candidates(
    identities: Sequence[LinkSide], trails: Sequence[LinkSide], foreign_keys: Sequence[ForeignKey] = ()
) -> list[JoinCandidate]:
    """Every field pair worth checking between identity datasets and trails, declared ones first."""
    out: list[JoinCandidate] = []
    for trail in trails:
        for identity in identities:
            if identity.name == trail.name:
                continue
            seen: set[tuple[str, str]] = set()
            for fk in foreign_keys:
                if fk.dataset == trail.name and fk.target == identity.name:
                    seen.add((fk.target_field, fk.field))
                    out.append(JoinCandidate(identity.name, trail.name, fk.target_field, fk.field, declared=True))
            subjects = [p for p in trail.values if _identifierish(p)]
            keys = [p for p in identity.values if p in RECORD_KEYS or _identifierish(p)]
            overlap_only = 0
            for t_field in subjects:
                for i_field in keys:
                    if (i_field, t_field) in seen:
                        continue
                    if _names_join(identity, trail, i_field, t_field):
                        seen.add((i_field, t_field))
                        out.append(JoinCandidate(identity.name, trail.name, i_field, t_field, by_name=True))
                    elif _person_key(i_field, t_field):
                        seen.add((i_field, t_field))
                        out.append(JoinCandidate(identity.name, trail.name, i_field, t_field, person_key=True))
                    elif (
                        overlap_only < MAX_OVERLAP_ONLY
                        and _kind(trail.values[t_field]) == _kind(identity.values[i_field])
                        and _kind(trail.values[t_field]) not in (None, "int", "float")
                    ):
                        overlap_only += 1
                        seen.add((i_field, t_field))
                        out.append(JoinCandidate(identity.name, trail.name, i_field, t_field))
    return out


def to_link(candidate: JoinCandidate, people: int | None, how: str) -> Link:
    return Link.model_validate(
        {
            "from": candidate.identity,
            "to": candidate.trail,
            "via": (candidate.identity_field, candidate.trail_field),
            "people": people,
            "how": how,
        }
    )


def _distinct(values: Sequence[Any], n: int) -> list[Any]:
    out: list[Any] = []
    for value in values:
        if value not in out:
            out.append(value)
        if len(out) >= n:
            break
    return out


async def confirm_by_lookup(
    candidate: JoinCandidate, identity: LinkSide, trail: LinkSide, lookup: LookupFn
) -> tuple[int, int]:
    """Look a few sampled trail keys up in the identity dataset: (keys found, keys tried).

    One bounded read per key (limit 1); the values stay in this function.
    """
    keys = _distinct(trail.values.get(candidate.trail_field, ()), OVERLAP_VALUES)
    if not keys:
        return 0, 0
    found = await lookup(identity.name, candidate.identity_field, keys, 1)
    return sum(1 for records in found if records), len(keys)


def enough(candidate: JoinCandidate, found: int, tried: int) -> bool:
    """A declared or same-name join needs one key found; a person key every key; values alone two of three."""
    if candidate.declared or candidate.by_name:
        return found >= 1
    if candidate.person_key:
        return tried >= 1 and found == tried
    return found >= 2 or (tried == 1 and found == 1)


def links_from_samples(identities: Sequence[LinkSide], trails: Sequence[LinkSide]) -> list[Link]:
    """Links for an engine without lookups: a same-name join whose values meet in the two samples."""
    out: list[Link] = []
    for candidate in join_candidates(identities, trails):
        if not candidate.by_name:
            continue
        identity = next(i for i in identities if i.name == candidate.identity)
        trail = next(t for t in trails if t.name == candidate.trail)
        shared = set(map(repr, identity.values.get(candidate.identity_field, ()))) & set(
            map(repr, trail.values.get(candidate.trail_field, ()))
        )
        if shared:
            out.append(to_link(candidate, identity.people, "same key name; values meet in the samples"))
    return out


def service_patterns(links: Sequence[Link], patterns: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    """``tracking_system`` when people who can be identified are linked to a location trail."""
    for link in links:
        if "identity_records" in patterns.get(link.source, ()) and "location_trail" in patterns.get(link.to, ()):
            return ("tracking_system",)
    return ()
