"""The category table: all that the rest of unguarded needs to know about a data category.

A detector says what it found with a category name (``contact.email``,
``national_id.cn_ric``; the names are part of the report contract, see CATEGORIES.md).
Three places act on that name: the severity rule R4 asks whether it is *sensitive*,
the dataset patterns ask whether it *identifies* a person directly or only helps to,
and masking asks how much of a value may be shown. They all read :data:`CATEGORIES`,
one row per category prefix, so adding a category is one row here, and no module keeps
its own list of prefixes that could be forgotten.

A category resolves to the row of its longest prefix, on dot boundaries:
``national_id.cn_ric`` has its own row (its mask keeps the region and birth date),
``national_id.in_aadhaar`` falls back to ``national_id``, and ``national_idx`` matches
nothing.

An unknown category (a detector whose category has no row) fails the test suite
(``tests/classify/test_categories.py`` resolves every registered detector's category).
Should one still reach a scan, :func:`resolve` neither crashes the scan nor lowers a
severity: it returns :data:`UNKNOWN`, which counts as *sensitive*, identifies no one,
and masks a value down to its length, and it warns once per name (``RuntimeWarning``).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Identifier(Enum):
    """How a category identifies a person (the ``identity_records`` and ``location_trail`` patterns)."""

    DIRECT = "direct"  # names one person: a name, a national ID, an e-mail, a face
    QUASI = "quasi"  # singles a person out only with others: birth date, address, gender, position
    DEVICE = "device"  # names a device a person carries: ties positions into a trail, names no one
    NONE = "none"


class MaskStyle(Enum):
    """How much of a value an example may show; :mod:`.mask` maps each style to its function."""

    INITIALS = "first letter of each word"  # names, addresses, free text
    EMAIL = "first letter of the user and of the domain"
    PHONE = "country code and the last two digits"
    IP_ADDRESS = "first octet or group"
    ID_NUMBER = "first and last two characters"  # national IDs, passports
    CN_RIC = "region code and the last four characters"  # the prefix a Chinese ID shows on receipts
    ACCOUNT_NUMBER = "first and last four digits"  # cards, bank accounts, device IDs
    MAC_ADDRESS = "the first four characters (part of the vendor prefix)"
    LEADING = "the first two characters"  # birth dates (century), postcodes (area)
    SECRET = "algorithm or vendor prefix and the length"
    LENGTH = "the length only"  # plaintext passwords, and any unknown category
    SIZE = "the size only"  # biometrics
    COORDINATES = "one decimal of each coordinate"


#: dataset patterns a single category implies, in the order a dataset lists them
IMPLIED_PATTERNS: tuple[str, ...] = ("biometric_store", "credential_store", "special_category")


@dataclass(frozen=True)
class DataCategory:
    """One row of the table: a category prefix and the facts the rest of unguarded needs about it.

    ``sensitive``: severity rule R4 (national IDs, passports, cards, bank accounts,
    credentials, biometrics, Article 9 data) makes readable data critical however few
    records hold it. ``counts_people``: every person has their own value (an ID, an
    e-mail), so distinct values in a sample estimate the people in a dataset.
    ``pattern``: the dataset pattern any field of this category implies.
    """

    prefix: str
    sensitive: bool
    identifier: Identifier
    mask: MaskStyle
    pattern: str | None = None
    counts_people: bool = False

    def __post_init__(self) -> None:
        if self.pattern is not None and self.pattern not in IMPLIED_PATTERNS:
            raise ValueError(f"category {self.prefix!r}: {self.pattern!r} is not one of {IMPLIED_PATTERNS}")
        if self.counts_people and self.identifier is not Identifier.DIRECT:
            raise ValueError(f"category {self.prefix!r}: only a direct identifier can count people")


_I, _M = Identifier, MaskStyle

#: every category prefix, in the order of CATEGORIES.md; finer rows sit under their parent
CATEGORIES: tuple[DataCategory, ...] = (
    DataCategory("person.name", False, _I.DIRECT, _M.INITIALS),
    DataCategory("person.birth_date", False, _I.QUASI, _M.LEADING),
    DataCategory("person.gender", False, _I.QUASI, _M.INITIALS),
    DataCategory("person.employer", False, _I.NONE, _M.INITIALS),
    DataCategory("national_id", True, _I.DIRECT, _M.ID_NUMBER, counts_people=True),
    DataCategory("national_id.cn_ric", True, _I.DIRECT, _M.CN_RIC, counts_people=True),
    DataCategory("passport", True, _I.DIRECT, _M.ID_NUMBER, counts_people=True),
    DataCategory("contact.email", False, _I.DIRECT, _M.EMAIL, counts_people=True),
    DataCategory("contact.phone", False, _I.DIRECT, _M.PHONE, counts_people=True),
    DataCategory("contact.postal_address", False, _I.QUASI, _M.INITIALS),
    DataCategory("contact.postal_address.postcode", False, _I.QUASI, _M.LEADING),
    DataCategory("location.coordinates", False, _I.QUASI, _M.COORDINATES),
    DataCategory("network.ip_address", False, _I.NONE, _M.IP_ADDRESS),
    DataCategory("network.device_id", False, _I.DEVICE, _M.ACCOUNT_NUMBER),
    DataCategory("network.device_id.mac", False, _I.DEVICE, _M.MAC_ADDRESS),
    DataCategory("financial.payment_card", True, _I.NONE, _M.ACCOUNT_NUMBER),
    DataCategory("financial.bank_account", True, _I.NONE, _M.ACCOUNT_NUMBER),
    DataCategory("credential.password", True, _I.NONE, _M.SECRET, "credential_store"),
    DataCategory("credential.password.plaintext", True, _I.NONE, _M.LENGTH, "credential_store"),
    DataCategory("credential.secret", True, _I.NONE, _M.SECRET, "credential_store"),
    DataCategory("biometric.face_image", True, _I.DIRECT, _M.SIZE, "biometric_store"),
    DataCategory("biometric.face_embedding", True, _I.NONE, _M.SIZE, "biometric_store"),
    DataCategory("biometric.other", True, _I.NONE, _M.SIZE, "biometric_store"),
    DataCategory("special.ethnicity", True, _I.NONE, _M.INITIALS, "special_category"),
    DataCategory("special.religion", True, _I.NONE, _M.INITIALS, "special_category"),
    DataCategory("special.health", True, _I.NONE, _M.INITIALS, "special_category"),
    DataCategory("special.political", True, _I.NONE, _M.INITIALS, "special_category"),
    DataCategory("special.sexual_orientation", True, _I.NONE, _M.INITIALS, "special_category"),
)

#: what an unknown category resolves to: never less severe, never more revealing
UNKNOWN = DataCategory("", True, Identifier.NONE, MaskStyle.LENGTH)

_BY_PREFIX = {row.prefix: row for row in CATEGORIES}
if len(_BY_PREFIX) != len(CATEGORIES):
    raise RuntimeError("category prefixes must be unique")


def lookup(category: str) -> DataCategory | None:
    """The row of the longest prefix of ``category`` (on dot boundaries), or None."""
    name = category
    while name:
        row = _BY_PREFIX.get(name)
        if row is not None:
            return row
        name = name.rpartition(".")[0]
    return None


def root(category: str) -> str | None:
    """The shortest prefix of ``category`` with a row: the name CATEGORIES.md gives it, or None.

    Identifiers are counted per such name, so an address and its postcode are one quasi
    identifier, not two.
    """
    parts = category.split(".")
    return next((p for p in (".".join(parts[:n]) for n in range(1, len(parts) + 1)) if p in _BY_PREFIX), None)


@lru_cache(maxsize=1024)
def resolve(category: str) -> DataCategory:
    """The row for ``category``; :data:`UNKNOWN` (with a warning) when no prefix has one."""
    row = lookup(category)
    if row is None:
        warnings.warn(
            f"data category {category!r} is not in unguarded.classify.categories; treated as sensitive",
            RuntimeWarning,
            stacklevel=2,
        )
        return UNKNOWN
    return row


__all__ = [
    "CATEGORIES",
    "IMPLIED_PATTERNS",
    "UNKNOWN",
    "DataCategory",
    "Identifier",
    "MaskStyle",
    "lookup",
    "resolve",
    "root",
]
