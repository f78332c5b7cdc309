"""A tracking system in one sentence: who, how many positions, over how long, and where.

The worst case unguarded exists for is a service that records people's identities *and*
their movements, joined by a person key: the service pattern ``tracking_system`` with
its ``links``. Reports lead with it, in counts only:

    about 2,500,000 people identified by national ID, with 6,700,000 recorded positions
    over 24 hours; 4% of positions at places of worship

A service with location trails but no identity linked to them is summed up the same way
without the people. The numbers come from the report alone: ``people`` of the links (or
the identity datasets' ``people_estimate``), the trails' record counts, and the
movement facts each trail dataset carries from its sample (``time_span_days``,
``sensitive_places``, see :mod:`unguarded.classify.movements`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .models import Dataset, Service

#: how the reports say a place kind (classify.movements.SENSITIVE_PLACES): "4 % of positions at places of worship"
PLACE_WORDS: Mapping[str, str] = {"place_of_worship": "places of worship", "health": "hospitals or clinics"}

TRACKING_SYSTEM = "tracking_system"
LOCATION_TRAIL = "location_trail"
IDENTITY_RECORDS = "identity_records"

#: category prefix -> how the sentence says it, strongest identifier first
IDENTIFIED_BY: tuple[tuple[str, str], ...] = (
    ("national_id", "national ID"),
    ("passport", "passport number"),
    ("biometric.face_image", "face photo"),
    ("biometric.face_embedding", "face template"),
    ("contact.phone", "phone number"),
    ("contact.email", "e-mail address"),
    ("person.name", "name"),
)


@dataclass(frozen=True)
class Tracking:
    """The counts behind a service's tracking sentence; None where unknown."""

    linked: bool
    people: int | None
    identified_by: str | None
    positions: int | None
    days: float | None
    places: tuple[tuple[str, float], ...]
    identity_datasets: tuple[str, ...]
    trail_datasets: tuple[str, ...]

    def sentence(self) -> str:
        """The counts in one line, never a value."""
        positions = "an unknown number of" if self.positions is None else f"{self.positions:,}"
        moves = f"{positions} recorded positions" + ("" if self.linked else " of people or devices")
        if self.days is not None:
            moves += f" over {duration(self.days)}"
        if self.linked:
            who = "an unknown number of people" if self.people is None else f"about {self.people:,} people"
            if self.identified_by:
                who += f" identified by {self.identified_by}"
            text = f"{who}, with {moves}"
        else:
            text = f"{moves}, not linked to an identity dataset here"
        for i, (kind, share) in enumerate(self.places):
            text += f"; {percent(share)} of positions" if i == 0 else f", {percent(share)}"
            text += f" at {PLACE_WORDS.get(kind, kind.replace('_', ' '))}"
        return text


def duration(days: float) -> str:
    """``24 hours``, ``3 days``: hours under a day and a half, else whole days."""
    if days < 1.5:
        hours = max(round(days * 24), 1) if days > 0 else 0
        return f"{hours} hour{'s' if hours != 1 else ''}"
    whole = round(days)
    return f"{whole:,} days"


def percent(share: float) -> str:
    """``4%``; ``under 1%`` for a share that would round to nothing but is not nothing."""
    if 0 < share < 0.005:
        return "under 1%"
    return f"{round(share * 100)}%"


def _identified_by(datasets: list[Dataset]) -> str | None:
    categories = {c for d in datasets for c in d.categories}
    for prefix, words in IDENTIFIED_BY:
        if any(c == prefix or c.startswith(prefix + ".") for c in categories):
            return words
    return None


def _places(trails: list[Dataset]) -> tuple[tuple[str, float], ...]:
    """Each kind's share over all trails, weighted by their records (or sampled positions)."""
    weighted: dict[str, float] = defaultdict(float)
    total = 0.0
    for d in trails:
        if not d.sensitive_places:
            weight = float(d.records or 0)
            total += weight
            continue
        weight = float(d.records if d.records is not None else d.sensitive_places[0].positions)
        total += weight
        for place in d.sensitive_places:
            weighted[place.kind] += place.share * weight
    if total <= 0:
        return ()
    shares = [(kind, round(value / total, 4)) for kind, value in weighted.items() if value > 0]
    return tuple(sorted(shares, key=lambda ks: (-ks[1], ks[0])))


def tracking(service: Service) -> Tracking | None:
    """The tracking counts of one service; None when it holds no location trail."""
    by_name = {d.name: d for d in service.datasets}
    trails = [d for d in service.datasets if LOCATION_TRAIL in d.patterns]
    linked_links = [
        link
        for link in service.links
        if link.to in by_name
        and LOCATION_TRAIL in by_name[link.to].patterns
        and link.source in by_name
        and IDENTITY_RECORDS in by_name[link.source].patterns
    ]
    linked = TRACKING_SYSTEM in service.patterns or bool(linked_links)
    if not trails and not linked:
        return None
    identities: list[Dataset] = []
    if linked_links:
        trails = [by_name[name] for name in dict.fromkeys(link.to for link in linked_links)]
        identities = [by_name[name] for name in dict.fromkeys(link.source for link in linked_links)]
    elif linked:
        identities = [d for d in service.datasets if IDENTITY_RECORDS in d.patterns]
    people: int | None = None
    if linked:
        known = [link.people for link in linked_links if link.people is not None]
        known = known or [d.people_estimate for d in identities if d.people_estimate is not None]
        people = max(known) if known else service.people_exposed
    counts = [d.records for d in trails if d.records is not None]
    days = [d.time_span_days for d in trails if d.time_span_days is not None]
    return Tracking(
        linked=linked,
        people=people,
        identified_by=_identified_by(identities) if linked else None,
        positions=sum(counts) if counts else None,
        days=max(days) if days else None,
        places=_places(trails),
        identity_datasets=tuple(d.name for d in identities),
        trail_datasets=tuple(d.name for d in trails),
    )


def tracking_sentence(service: Service) -> str | None:
    """The one-line summary reports lead with, or None for a service without trails."""
    found = tracking(service)
    return found.sentence() if found is not None else None
