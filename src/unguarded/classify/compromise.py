"""Signs that someone got in before us: ransom notes, wiped data, planted Redis keys.

Names arrive engine-native (``db.collection``, ``db.schema.table``, ``db.table``, an index
name, a Redis key or key pattern such as ``user:*``), so a name is split on ``.``, ``:``
and ``/`` and every component is compared with the known note names. A note's content
is read from one sampled record: bitcoin amounts and addresses and the stock phrases
(``backed up``, ``to recover``) confirm it. Evidence details never quote a note: they say
what it contains, with any address or e-mail masked.

A database whose every dataset is a note, or a service with nothing but notes, was
wiped: the data was taken and deleted, and the report says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
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
SYSTEM_DATABASES = frozenset(
    {"admin", "local", "config", "information_schema", "mysql", "performance_schema", "sys", "postgres",
     "template0", "template1"}
)  # fmt: skip
_BTC_ADDRESS = re.compile(r"\b(?:bc1[a-z0-9]{25,62}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})\b")
_BTC_AMOUNT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:btc|bitcoins?)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
NOTE_PHRASES = ("backed up", "backup", "to recover", "recover your", "restore", "bitcoin", "btc", "your data",
                "your database", "downloaded", "deleted", "pay", "contact us", "ransom")  # fmt: skip
_CRON = re.compile(
    r"(?m)^\s*(?:@reboot|(?:\*/\d+|\*|\d+[\d,\-/]*)(?:\s+(?:\*/\d+|\*|\d+[\d,\-/]*)){4})\s+.*"
    r"\b(?:curl|wget|sh|bash|python\d?|perl|nc|busybox|base64)\b"
)
_SSH_KEY = re.compile(r"\b(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+) AAAA[0-9A-Za-z+/]{20,}")
_REDIS_DIR = re.compile(r"(?:/var/spool/cron|/etc/cron|/\.ssh|/etc/(?:crontab|ssh|profile)|/var/www)", re.IGNORECASE)
_REDIS_FILE = re.compile(r"^(?:root|authorized_keys\d?|crontab|cron|.*\.php|.*\.sh|backup\.db|x|zzh)$", re.IGNORECASE)


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


def _texts(sample: Sequence[Mapping[str, Any]], limit: int = 1) -> list[str]:
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
    text = "\n".join(_texts(sample))
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


def _group(name: str, engine: str) -> str:
    """The database a dataset belongs to (the whole service for ES, Redis, memcached)."""
    parts = name_parts(name)
    if engine in ("mongodb", "postgresql", "postgres", "mysql", "mariadb", "couchdb") and len(parts) > 1:
        return parts[0]
    return ""


def _redis_evidence(datasets: Sequence[DatasetLike], server_config: Mapping[str, str] | None) -> list[Evidence]:
    out: list[Evidence] = []
    for ds in datasets:
        texts = _texts(ds.sample, limit=20)
        if any(_CRON.search(t) for t in texts):
            out.append(
                Evidence(
                    kind="redis_cron_job",
                    detail=f"key {_safe_name(ds.name)} holds a cron line that downloads and runs a script "
                    "(the Redis 'CONFIG SET dir' cron attack)",
                    dataset=ds.name,
                )
            )
        if any(_SSH_KEY.search(t) for t in texts):
            out.append(
                Evidence(
                    kind="redis_ssh_key",
                    detail=f"key {_safe_name(ds.name)} holds an SSH public key (planted login)",
                    dataset=ds.name,
                )
            )
    if server_config:
        directory = str(server_config.get("dir", ""))
        filename = str(server_config.get("dbfilename", ""))
        if _REDIS_DIR.search(directory) or (filename and _REDIS_FILE.match(filename) and filename != "dump.rdb"):
            where = "cron" if "cron" in (directory + filename).lower() else (
                ".ssh" if "ssh" in (directory + filename).lower() else "a system path")  # fmt: skip
            out.append(
                Evidence(
                    kind="redis_config_tampered",
                    detail=f"CONFIG dir/dbfilename point at {where} ({directory}/{filename}), "
                    "not a data directory: someone used Redis to write a file",
                )
            )
    return out


def _safe_name(name: str) -> str:
    """Dataset names are shown as given but capped; key names like backup1 are not personal."""
    return name if len(name) <= 64 else name[:61] + "..."


def detect_compromise(
    engine: str, datasets: Sequence[DatasetLike], *, server_config: Mapping[str, str] | None = None
) -> list[Evidence]:
    """Evidence of an earlier intrusion across one service's datasets."""
    evidence: list[Evidence] = []
    notes: set[str] = set()
    for ds in datasets:
        named = note_named(ds.name)
        small = ds.records is None or ds.records <= 5
        demand, summary = describe_note(ds.sample) if (named or small) and ds.sample else (False, "")
        if named or (small and demand and "BTC" in summary):
            notes.add(ds.name)
            how = "named like a ransom note" if named else "holding a ransom demand"
            detail = f"{_safe_name(ds.name)}: {how}"
            if summary:
                detail += f" ({summary})"
            evidence.append(Evidence(kind="ransom_note", detail=detail, dataset=ds.name))
    if notes:
        evidence.extend(_wiped(engine, datasets, notes))
    if engine == "redis" or server_config:
        evidence.extend(_redis_evidence(datasets, server_config))
    return evidence


def _wiped(engine: str, datasets: Iterable[DatasetLike], notes: set[str]) -> list[Evidence]:
    groups: dict[str, list[str]] = defaultdict(list)
    for ds in datasets:
        group = _group(ds.name, engine)
        if group.lower() not in SYSTEM_DATABASES:
            groups[group].append(ds.name)
    wiped = [g for g, names in groups.items() if names and all(n in notes for n in names)]
    if wiped and len(wiped) == len(groups):
        wiped = [""]  # nothing but notes anywhere: say it of the service
    return [
        Evidence(
            kind="wiped",
            detail=f"only the ransom note remains in {f'database {g}' if g else 'the service'}: "
            "the data was copied and deleted",
        )
        for g in wiped
    ]
