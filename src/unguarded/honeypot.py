"""Is this service an imitation? Read-only signals that a database is a honeypot.

Open-source honeypots (redispot, elasticpot, mongopot, mempot, qeeqbox's honeypots, ...)
imitate a database well enough to collect attackers' commands, and a scanner that takes
them at their word reports an open database full of data that does not exist. Engines
record *signals* while assessing, each a plain observation that no real server of that
engine produces:

* identity values a known honeypot hard-codes (:data:`KNOWN_IDENTITIES`), or identity
  values that contradict each other (a build hash of one release, a version of another);
* a command every real server answers in one documented way, answered otherwise (an
  unknown command gets ``unknown command`` from Redis and code 59 from MongoDB, before
  any authentication check; an unknown index is a 404 in Elasticsearch);
* inconsistent answers (a process id that changes between two ``stats``; databases with
  sizes but no collections; the same reply to different requests);
* protocol details a real server always sends that are missing.

One odd answer happens on real servers (forks, proxies, old versions), so a service is
*likely* a honeypot only with :data:`LIKELY_AT` signals or more. A likely honeypot is
reported with its signals, never as an open database holding data: its exposure becomes
``unknown``, its datasets are dropped unread and its severity is ``info``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from .models import Honeypot

#: signals needed before a service is called a likely honeypot
LIKELY_AT = 2
#: distinct engines answering on one address before that counts as a signal for each
MANY_ENGINES = 5

#: (engine, field, value) -> the honeypot that hard-codes it, read from each project's
#: source. Only combinations no real release carries: elasticpot's banner pairs the build
#: hash of Elasticsearch 1.7.1 with the version number 1.4.1; qeeqbox's MySQL imitation
#: greets every connection with the same scramble of ascending digits, where a real server
#: draws 20 random bytes per connection.
KNOWN_IDENTITIES: Mapping[tuple[str, str, str], str] = {
    ("elasticsearch", "version+build_hash", "1.4.1/b88f43fc40b0bcd7f173a1f9ee2e97816de80b19"): "elasticpot",
    ("mysql", "scramble", "12345678123456789012"): "qeeqbox QMysqlServer",
}


def known_identity(engine: str, values: Mapping[str, object]) -> list[str]:
    """Signals for identity values a known honeypot hard-codes."""
    found = []
    for field, value in values.items():
        source = KNOWN_IDENTITIES.get((engine, field, str(value)))
        if source:
            found.append(f"{field} {str(value)[:60]} is hard-coded by the {source} honeypot")
    return found


def judge(signals: Sequence[str]) -> Honeypot | None:
    """The verdict on one service's signals; None when there are none."""
    unique = tuple(dict.fromkeys(signals))
    if not unique:
        return None
    return Honeypot(likely=len(unique) >= LIKELY_AT, signals=unique)


def crowded_addresses(found: Iterable[tuple[str, str]]) -> set[str]:
    """Addresses where :data:`MANY_ENGINES` or more unrelated engines answered (``(address, engine)`` pairs)."""
    engines: dict[str, set[str]] = {}
    for address, engine in found:
        engines.setdefault(address, set()).add(engine)
    return {address for address, names in engines.items() if len(names) >= MANY_ENGINES}
