"""Signs that someone got in before us that look alike on every engine: ransom notes, wiped data.

Names arrive engine-native (``db.collection``, ``db.schema.table``, ``db.table``, an index
name, a Redis key or key pattern such as ``user:*``), so a name is split on ``.``, ``:``
and ``/`` and every component is compared with the known note names. A note's content
is read from one sampled record: bitcoin amounts and addresses and the stock phrases
(``backed up``, ``to recover``) confirm it. Evidence details never quote a note: they say
what it contains, with any address or e-mail masked.

A service is called wiped only when no user data remains: every dataset outside the
server's own databases is a note or empty. A note beside data that is still there (the
bots' usual ``READ__ME_TO_RECOVER_YOUR_DATA`` database next to the owner's) says the data
was probably copied, not that it is gone, and the report says that instead: the
worst case is not claimed, and "restore from a backup" is only advised for a wipe
(:mod:`unguarded.findings`). A dataset whose count is unknown counts as data remaining.
Which database a dataset belongs to, and which databases the server keeps for itself, is
the engine's knowledge: the scanner passes both in, so nothing here names an engine. Signs only one engine
shows (planted Redis keys) live in that engine's module and may use :func:`sample_texts`
and :func:`dataset_label` from here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, Protocol

from ..models import Evidence
from .flatten import flatten
from .mask import mask_email

NOTE_NAME = re.compile(
    r"^(?:read_{1,2}me_to_recover_your_data|read_?me(?:_to_recover.*)?|warning|please_read_me.*|.*-meow|meow"
    r"|contact_for_data|recovery10btc|your_data_is_safe|read_note_for_details|recover_your_.*|how_to_recover.*"
    r"|we_have_your_data|pwned_by_.*|db_has_been_backed_up.*|readme_to_recover.*)$",
    re.IGNORECASE,
)
_BTC_ADDRESS = re.compile(r"\b(?:bc1[a-z0-9]{25,62}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})\b")
# Bounded repeats: a sampled value of 64 KiB of word characters made the unbounded forms
# backtrack quadratically (16 s of CPU, blocking the event loop, for one hostile record).
_BTC_AMOUNT = re.compile(r"(?<!\d)(\d{1,12}(?:[.,]\d{1,12})?)\s{0,8}(?:btc|bitcoins?)\b", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){1,8}")
NOTE_PHRASES = ("backed up", "backup", "to recover", "recover your", "restore", "bitcoin", "btc", "your data",
                "your database", "downloaded", "deleted", "pay", "contact us", "ransom")  # fmt: skip


class DatasetLike(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def records(self) -> int | None: ...

    @property
    def sample(self) -> Sequence[Mapping[str, Any]]: ...


def name_parts(name: str) -> list[str]:
    """Components of an engine-native dataset name: ``db.schema.table`` -> db, schema, table."""
    return [p for p in re.split(r"[.:/]", name) if p and p != "*"]


def note_named(name: str) -> bool:
    """True when any component of the name is a known ransom-note name."""
    return any(NOTE_NAME.match(p) for p in name_parts(name))


def sample_texts(sample: Sequence[Mapping[str, Any]], limit: int = 1) -> list[str]:
    """The text leaves of the first ``limit`` sampled records (JSON in strings parsed, as classified)."""
    out = []
    for record in list(sample)[:limit]:
        for _path, value in flatten(record if isinstance(record, Mapping) else {"value": record}):
            if isinstance(value, str):
                out.append(value)
    return out


def _mask_btc(address: str) -> str:
    return f"{address[:4]}***{address[-3:]}"


def describe_note(sample: Sequence[Mapping[str, Any]]) -> tuple[bool, str]:
    """Read one sampled note: (looks like a ransom demand, masked summary)."""
    text = "\n".join(sample_texts(sample))
    low = text.lower()
    parts = []
    amounts = _BTC_AMOUNT.findall(text)
    if amounts:
        parts.append(f"demands {amounts[0]} BTC")
    addresses = _BTC_ADDRESS.findall(text)
    if addresses:
        parts.append(f"to bitcoin address {_mask_btc(addresses[0])}")
    emails = _EMAIL.findall(text)
    if emails:
        parts.append(f"contact {mask_email(emails[0])}")
    phrases = [p for p in NOTE_PHRASES if p in low]
    if phrases:
        parts.append("mentions " + ", ".join(f"'{p}'" for p in phrases[:4]))
    demand = bool(amounts or addresses) or sum(p in low for p in ("backed up", "to recover", "recover your")) >= 1
    return demand, "; ".join(parts)


def dataset_label(name: str) -> str:
    """Dataset names are shown as given but capped; key names like backup1 are not personal."""
    return name if len(name) <= 64 else name[:61] + "..."


def whole_service(dataset: str) -> str:
    """The grouping of an engine without databases: every dataset belongs to the service."""
    return ""


def detect_compromise(
    datasets: Sequence[DatasetLike],
    *,
    group: Callable[[str], str] = whole_service,
    system_databases: Collection[str] = frozenset(),
) -> list[Evidence]:
    """Ransom notes and wiped databases across one service's datasets.

    ``group`` names the database a dataset belongs to (``''``: the whole service) and
    ``system_databases`` those the server keeps for itself, which never count as wiped
    data; both are the engine's (``Engine.dataset_group``, ``Engine.system_databases``).
    """
    evidence: list[Evidence] = []
    notes: set[str] = set()
    for ds in datasets:
        named = note_named(ds.name)
        small = ds.records is None or ds.records <= 5
        demand, summary = describe_note(ds.sample) if (named or small) and ds.sample else (False, "")
        if named or (small and demand and "BTC" in summary):
            notes.add(ds.name)
            how = "named like a ransom note" if named else "holding a ransom demand"
            detail = f"{dataset_label(ds.name)}: {how}"
            if summary:
                detail += f" ({summary})"
            evidence.append(Evidence(kind="ransom_note", detail=detail, dataset=ds.name))
    if notes:
        evidence.extend(_wiped(datasets, notes, group, system_databases))
    return evidence


def _wiped(
    datasets: Iterable[DatasetLike], notes: set[str], group: Callable[[str], str], system_databases: Collection[str]
) -> list[Evidence]:
    """``wiped`` when nothing but notes and empty datasets is left outside the system databases."""
    emptied: dict[str, int] = defaultdict(int)
    for ds in datasets:
        database = group(ds.name)
        if database.lower() in system_databases or ds.name in notes:
            continue
        if ds.records != 0:
            return []  # user data remains (or may: an unknown count): copied, not wiped
        emptied[database] += 1
    where = ", ".join(f"database {g}" for g in sorted(emptied) if g)
    left = f"; {sum(emptied.values())} emptied dataset(s){f' in {where}' if where else ''}" if emptied else ""
    return [
        Evidence(
            kind="wiped",
            detail=f"only the ransom note remains, no user data is left{left}: the data was deleted "
            "(and probably copied first)",
        )
    ]


def data_remains(evidence: Iterable[Evidence]) -> bool:
    """A ransom note without a wipe: the data is still there, so it was probably copied, not destroyed."""
    kinds = {e.kind for e in evidence}
    return "ransom_note" in kinds and "wiped" not in kinds
