"""Severity from exposure x access x what is inside, never from the port number.

The rule is a table read top to bottom; the first row that matches decides. The README
prints the same table, so keep the two in step (a test checks the README mentions every
row's id).

| id | when | severity |
|----|------|----------|
| R1 | credentials required (`protected`) | info |
| R2 | could not tell (`unknown`) | low |
| R3 | usable by anyone and signs of an earlier intrusion (ransom note, wiped, planted keys) | critical |
| R4 | usable, readable, and sensitive data: national IDs, passports, cards, bank accounts, credentials, biometrics, Article 9 data, or an identity-records / location-trail dataset | critical |
| R5 | usable, readable, and other personal data (names, e-mails, phones, addresses, IPs, ...) in >= 1,000 records | critical |
| R6 | usable, readable, and other personal data in fewer records | high |
| R7 | usable, readable, records but no personal data found in the sample | medium |
| R8 | usable with write or admin rights, but empty (a ransom or hijack target) | medium |
| R9 | usable, metadata only (names and counts visible, contents not) | medium if records, else low |
| R10 | usable, nothing readable, nothing inside | low |
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .classify.categories import resolve
from .models import Access, Dataset, Exposure, Severity

SENSITIVE_PATTERNS = {"identity_records", "location_trail", "biometric_store", "credential_store", "special_category"}
MANY_RECORDS = 1_000


def is_sensitive(categories: Iterable[str], patterns: Iterable[str]) -> bool:
    """SeverityRule R4's "sensitive": a sensitive category or dataset pattern (also used per dataset).

    Which categories are sensitive is the category table's ``sensitive`` column
    (:mod:`unguarded.classify.categories`), which also decides for categories it does not know.
    """
    return bool(set(patterns) & SENSITIVE_PATTERNS) or any(resolve(c).sensitive for c in categories)


@dataclass(frozen=True)
class Facts:
    """What the rule looks at, derived once from an engine's findings."""

    exposure: Exposure
    access: Access
    compromised: bool
    records: int
    personal_records: int
    categories: frozenset[str]
    patterns: frozenset[str]

    @property
    def readable(self) -> bool:
        return self.access.rank >= Access.READ.rank

    @property
    def sensitive(self) -> bool:
        return is_sensitive(self.categories, self.patterns)


@dataclass(frozen=True)
class SeverityRule:
    id: str
    when: Callable[[Facts], bool]
    severity: Callable[[Facts], Severity]
    reason: str


def _const(severity: Severity) -> Callable[[Facts], Severity]:
    return lambda _facts: severity


RULES: tuple[SeverityRule, ...] = (
    SeverityRule("R1", lambda f: f.exposure is Exposure.PROTECTED, _const(Severity.INFO), "credentials required"),
    SeverityRule(
        "R2",
        lambda f: f.exposure is Exposure.UNKNOWN,
        _const(Severity.LOW),
        "could not tell whether credentials are required",
    ),
    SeverityRule("R3", lambda f: f.compromised, _const(Severity.CRITICAL), "usable by anyone and already compromised"),
    SeverityRule(
        "R4", lambda f: f.readable and f.sensitive, _const(Severity.CRITICAL), "anyone can read sensitive personal data"
    ),
    SeverityRule(
        "R5",
        lambda f: f.readable and bool(f.categories) and f.personal_records >= MANY_RECORDS,
        _const(Severity.CRITICAL),
        f"anyone can read personal data in {MANY_RECORDS:,} or more records",
    ),
    SeverityRule(
        "R6", lambda f: f.readable and bool(f.categories), _const(Severity.HIGH), "anyone can read personal data"
    ),
    SeverityRule(
        "R7",
        lambda f: f.readable and f.records > 0,
        _const(Severity.MEDIUM),
        "anyone can read the data (no personal data found in the sample)",
    ),
    SeverityRule(
        "R8",
        lambda f: f.access.rank >= Access.WRITE.rank,
        _const(Severity.MEDIUM),
        "anyone can write or administer it (empty now: a ransom or hijack target)",
    ),
    SeverityRule(
        "R9",
        lambda f: f.access is Access.METADATA,
        lambda f: Severity.MEDIUM if f.records else Severity.LOW,
        "anyone can list what it holds",
    ),
    SeverityRule("R10", lambda f: True, _const(Severity.LOW), "usable by anyone, but nothing readable found"),
)


def facts(exposure: Exposure, access: Access, compromised: bool, datasets: Iterable[Dataset]) -> Facts:
    datasets = list(datasets)
    return Facts(
        exposure=exposure,
        access=access,
        compromised=compromised and exposure.usable,
        records=sum(d.records or 0 for d in datasets),
        personal_records=sum(d.records or 0 for d in datasets if d.fields),
        categories=frozenset(c for d in datasets for c in d.categories),
        patterns=frozenset(p for d in datasets for p in d.patterns if p != "ransom_note"),
    )


def assess(f: Facts) -> tuple[Severity, str]:
    """The first matching rule's severity and a one-line reason naming the rule."""
    for rule in RULES:
        if rule.when(f):
            return rule.severity(f), f"{rule.reason} [{rule.id}]"
    raise AssertionError("the last rule always matches")
