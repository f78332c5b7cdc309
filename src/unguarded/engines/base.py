"""What an engine module provides, and the context the scanner hands it.

One module per engine (``engines/redis.py``, ...) defines a subclass of :class:`Engine`
and declares, next to its logic, everything the rest of unguarded needs to know about
it (checkov and prowler style: a check carries its own metadata):

* how targets name it: default ports, URI schemes (``rediss://`` and its TLS), the
  service names nmap and masscan give its ports;
* how deploy files show it, for the config auditor: products, their ports and images;
* how to recognise its protocol from raw bytes, and how to assess an endpoint *without
  writing anything*;
* which databases the server keeps for itself, how its datasets group into databases,
  and the intrusion signs only it has;
* its remediation for every finding type, and what the test suite runs it against.

The registry (:mod:`unguarded.engines`) lists the modules; the scanner, target parsing,
compromise detection, the config auditor and the lab read all of this from there, and
``tests/engines/test_contract.py`` fails when an engine lacks a piece.
"""

from __future__ import annotations

import asyncio
import json
import re
import ssl
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

from ..models import Access, Endpoint, Evidence, Exposure, Remediation, ScanError

if TYPE_CHECKING:  # the classifier loads when a dataset is first sampled, not with the engine contract
    from ..classify import Follower, FollowUp, SampledDataset


def _no_follow_up_yet() -> FollowUp:
    """An empty follow-up record, made without loading the classifier at import time."""
    from ..classify import FollowUp

    return FollowUp()


BREACH_STEP = (
    "Presume the data was read: check the server logs for outside clients, and if people's data was exposed "
    "notify your data-protection officer (GDPR Art. 33: the authority within 72 hours)"
)
BREACH_REFERENCE = "https://gdpr-info.eu/art-33-gdpr/"
INTRUSION_STEP = "Take a forensic copy (data dir and logs) before changing anything, then restore from a backup taken before the intrusion; do not pay"
#: what replaces :data:`INTRUSION_STEP` when the data is still there (no wipe was seen)
COPIED_STEP = (
    "Take a forensic copy (data dir and logs) before changing anything. The data is still there, so presume it "
    "was copied, not destroyed: there is nothing to restore and nothing to pay for"
)
ROTATE_STEP = "Rotate every password, key and token the data or the host held: whoever copied it has them"
COPIED_SUMMARY = (
    "Treat it as an intrusion in which the data was probably copied: preserve evidence, close the server, "
    "rotate secrets and notify."
)
_RESTORE = re.compile(r"\brestor|\bbackups?\b|snapshot", re.IGNORECASE)
_CLAIMS_LOSS = re.compile(r"\brestor|\bbackups?\b|snapshot|delet|wiped|\bgone\b", re.IGNORECASE)


@dataclass(frozen=True)
class ScanOptions:
    """Every bound a scan respects; flags on ``unguarded scan`` map onto these."""

    sample_size: int = 200
    record_byte_cap: int = 64 * 1024
    dataset_byte_cap: int = 4 * 1024 * 1024
    max_datasets: int = 500
    connect_timeout: float = 3.0
    io_timeout: float = 5.0
    service_deadline: float = 60.0
    concurrency: int = 256
    per_host: int = 4
    per_host_rate: float = 20.0
    #: keys listed per key-value database (Redis SCAN, memcached metadump) before they are
    #: grouped into patterns; past it, counts are scaled up and marked as estimates
    max_keys_listed: int = 10_000
    exact_count_limit: int = 1_000_000
    #: items taken from any one listing (databases, indices, collections) before it is cut
    max_listed: int = 10_000
    #: round trips spent walking one cursor (Redis SCAN, getMore, scroll) before it is cut
    max_round_trips: int = 1_000
    #: bytes one reply (a message, a packet, an HTTP body) may have; the scanner's relay
    #: cuts a service whose reply advertises more, before anything is buffered
    message_byte_cap: int = 16 * 1024 * 1024
    #: bytes one service may send in all, across every connection the engine opens
    service_byte_cap: int = 64 * 1024 * 1024
    #: bytes a compressed HTTP body may inflate to, and the ratio past which it is a bomb
    inflated_byte_cap: int = 16 * 1024 * 1024
    max_inflate_ratio: int = 200
    #: subjects followed per candidate field of a possible location trail (0: never follow)
    follow_subjects: int = 3
    #: records read per followed subject (one bounded, read-only filtered read each)
    follow_records: int = 100
    #: filtered reads (following subjects, checking links) per group of datasets followed
    follow_reads: int = 40


@dataclass(frozen=True)
class Probe:
    """One more identification probe for an engine that serves two protocols (Neo4j: HTTP and Bolt).

    Discovery plans it like an engine's main :attr:`Engine.probe`: probes with the same
    ``group`` are the same bytes and share one connection, and the answer goes to the
    engine's one :meth:`Engine.match`, which tells the protocols apart by their grammar.
    """

    payload: bytes
    #: the attempt this probe shares with other engines' probes; unique when it shares none
    group: str


@dataclass(frozen=True)
class Identity:
    """A protocol recognised from raw bytes: which engine, and the version if it said."""

    engine: str
    version: str | None = None
    detail: str | None = None
    tls: bool = False


@dataclass
class Assessment:
    """What an engine found on one endpoint. Samples stay in-process (classified next)."""

    exposure: Exposure
    access: Access
    version: str | None = None
    tls: bool = False
    engine: str | None = None
    auth_detail: str | None = None
    datasets: list[SampledDataset] = field(default_factory=list)
    bytes_by_dataset: dict[str, int] = field(default_factory=dict)
    exact_by_dataset: dict[str, bool] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)
    #: server settings that can reveal an intrusion (Redis ``dir``/``dbfilename``), for the
    #: engine's own :meth:`Engine.intrusion_signs`
    server_config: dict[str, str] = field(default_factory=dict)
    errors: list[ScanError] = field(default_factory=list)
    #: read-only observations that the service imitates this engine (see unguarded.honeypot)
    honeypot_signals: list[str] = field(default_factory=list)
    #: distinct values per column from the server's own statistics (dataset -> column ->
    #: count), for people estimates better than a sample's; ``distinct_source`` names them
    distinct_by_dataset: dict[str, dict[str, int]] = field(default_factory=dict)
    distinct_source: str = ""
    #: trails confirmed by following subjects, links checked by lookups (:meth:`follow`)
    follow_up: FollowUp = field(default_factory=_no_follow_up_yet)

    async def follow(
        self, follower: Follower, options: ScanOptions, datasets: Sequence[SampledDataset] | None = None
    ) -> None:
        """Run the follow-up (:mod:`unguarded.classify.trails`) on ``datasets`` while the session is open.

        Engines call this at the end of ``assess`` with a :class:`Follower` over their open
        session; an engine with databases calls it once per database it has open (the
        datasets of that database). Nothing it reads leaves the process.
        """
        from ..classify import follow_up as run_follow_up

        await run_follow_up(
            self.datasets if datasets is None else datasets,
            follower,
            subjects=options.follow_subjects,
            records=options.follow_records,
            max_reads=options.follow_reads,
            into=self.follow_up,
        )

    def add_dataset(
        self,
        name: str,
        records: int | None,
        sample: Sequence[Mapping[str, Any]] = (),
        *,
        kind: str = "table",
        size: int | None = None,
        exact: bool = True,
    ) -> None:
        from ..classify import SampledDataset

        self.datasets.append(SampledDataset(name=name, records=records, sample=list(sample), kind=kind))
        if size is not None:
            self.bytes_by_dataset[name] = size
        self.exact_by_dataset[name] = exact

    def error(self, ep: Endpoint, stage: str, message: str) -> None:
        self.errors.append(ScanError(host=ep.host, port=ep.port, stage=stage, message=message))

    def within_record_cap(
        self, ep: Endpoint, name: str, records: Sequence[dict[str, Any]], cap: int, noun: str = "records"
    ) -> list[dict[str, Any]]:
        """The records whose JSON fits ``cap`` bytes; the others are skipped and counted in one sample error.

        One record over the cap (a huge document, a wide vector) must not cost the rest of
        the sample, and the report says how many were left out, never what they held.
        """
        kept = [record for record in records if len(json.dumps(record)) <= cap]
        if skipped := len(records) - len(kept):
            self.error(ep, "sample", f"{name[:64]}: {skipped} {noun} over the {cap:,}-byte cap skipped")
        return kept


Connector = Callable[..., Awaitable[tuple[asyncio.StreamReader, asyncio.StreamWriter]]]


def insecure_tls() -> ssl.SSLContext:
    """TLS that does not verify the peer: we measure exposure, we do not trust the server."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def tcp_connect(
    address: str, port: int, timeout: float, *, tls: bool = False
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """Default transport: asyncio TCP (optionally TLS) with a connect timeout."""
    return await asyncio.wait_for(
        asyncio.open_connection(address, port, limit=1 << 20, ssl=insecure_tls() if tls else None), timeout
    )


@dataclass
class ScanContext:
    """Passed to every engine call: the options and the transport seam. No globals.

    ``stopped`` is set by the scanner when the service's deadline or byte budget is spent:
    an engine that works in a thread checks it between round trips, since a thread
    cannot be cancelled (its sockets are closed under it as well).
    """

    options: ScanOptions = field(default_factory=ScanOptions)
    connect: Connector = tcp_connect
    stopped: threading.Event = field(default_factory=threading.Event)
    #: the endpoint as scanned; the ``ep`` an engine gets may be the relay's loopback address
    target: Endpoint | None = None
    #: set by the scanner's relay: a relayed endpoint for another port of the same host
    open_sibling: Callable[[int], Awaitable[Endpoint]] | None = None

    def target_port(self, ep: Endpoint) -> int:
        """The port the user's target listens on (``ep.port`` may be the relay's)."""
        return self.target.port if self.target is not None else ep.port

    async def sibling(self, ep: Endpoint, port: int) -> Endpoint:
        """Another port of the host behind ``ep`` (a monitor or management API), relayed when scanning.

        Engines must reach a second port through this, never by ``ep.port + offset``:
        under the scanner ``ep`` is the relay's own loopback port.
        """
        if self.open_sibling is None:
            return ep.model_copy(update={"port": port})
        return await self.open_sibling(port)


@dataclass(frozen=True)
class ReplyFrame:
    """How a length-prefixed protocol frames its replies, for the scanner's relay.

    The relay reads the length each reply header advertises and cuts the service when
    it exceeds ``message_byte_cap``, before a client library allocates a buffer that
    size (pymongo allocates what a MongoDB header claims). ``includes_header``: the
    length counts the header itself (MongoDB) or only the body.
    """

    header: int
    length_offset: int
    length_size: int
    includes_header: bool = True

    def length(self, header: bytes) -> int:
        raw = int.from_bytes(header[self.length_offset : self.length_offset + self.length_size], "little")
        return raw if self.includes_header else raw + self.header


@dataclass(frozen=True)
class UriScheme:
    """A URI scheme that names an engine in a target (``rediss://cache``): its default port and TLS."""

    name: str
    port: int
    tls: bool = False


@dataclass(frozen=True)
class DataService:
    """A data-service product as deploy files show it, for the config auditor.

    Compose files, Kubernetes manifests and Terraform name images and ports, not
    engines: ``mariadb`` and ``mysql`` images are one engine here but two products
    there. ``ports`` are every port the product listens on in a deployment (client,
    cluster and admin ports such as Elasticsearch's 9300), not only the ones scanned.
    """

    name: str
    ports: tuple[int, ...]
    #: the last component of an image repository, e.g. ``redis`` for ``bitnami/redis:7``
    images: tuple[str, ...] = ()
    #: ports that also answer on UDP (memcached's reflection attacks)
    udp_ports: tuple[int, ...] = ()


def _as_declared(fix: Remediation) -> Remediation:
    return fix


def with_breach_duty(fix: Remediation) -> Remediation:
    """The engine's fix plus the breach duty: data anyone could read must be presumed read."""
    return fix.model_copy(
        update={"steps": (*fix.steps, BREACH_STEP), "references": (*fix.references, BREACH_REFERENCE)}
    )


def presumed_copied(fix: Remediation) -> Remediation:
    """An engine's intrusion fix for a service whose data is still there (a note, planted keys, no wipe).

    Restoring is advice for a wipe only: with the data in place it would roll back the
    owner's own changes and say nothing about the copy an intruder took. Steps and
    references about restoring (backups, snapshots) are dropped, a summary that claims
    the data was deleted is replaced, the forensic step says the data was presumably
    copied, and rotating secrets and the breach duty are added.
    """
    steps = [COPIED_STEP]
    steps += [s for s in fix.steps if s != INTRUSION_STEP and not _RESTORE.search(s)]
    steps += [ROTATE_STEP, BREACH_STEP]
    references = [r for r in fix.references if not _RESTORE.search(r.replace("-", " "))]
    return Remediation(
        summary=COPIED_SUMMARY if _CLAIMS_LOSS.search(fix.summary) else fix.summary,
        steps=tuple(dict.fromkeys(steps)),
        references=tuple(dict.fromkeys((*references, BREACH_REFERENCE))),
    )


#: How a finding type gets its remediation when an engine declares none for it in
#: :attr:`Engine.remediations`: the engine's main fix as it is, or with the breach duty
#: for exposed data. Keyed by finding type name (``unguarded.findings.FINDING_TYPES``).
#: ``compromised`` is deliberately absent: closing an intrusion differs per engine, so
#: each declares its own. The contract test checks every finding type is covered.
DEFAULT_REMEDIATIONS: Mapping[str, Callable[[Remediation], Remediation]] = {
    "open_service": _as_declared,
    "default_credentials": _as_declared,
    "unknown_exposure": _as_declared,
    "exposed_sensitive_data": with_breach_duty,
    "exposed_personal_data": with_breach_duty,
    "tracking_system": with_breach_duty,
}


class EngineDescription(TypedDict):
    """What ``unguarded engines`` shows for one engine."""

    name: str
    title: str
    ports: list[int]
    schemes: list[str]
    summary: str
    #: the real server or named stand-in the test suite runs the engine against
    tested_against: str


class Engine:
    """Base class for engine modules: declarations below, then ``match`` and ``assess``.

    A subclass's docstring is shown by ``unguarded engines``: its first line says what
    the engine checks, in one sentence.
    """

    #: the engine name reports carry (``redis``); also the registry key
    name: ClassVar[str]
    #: other engine names this module reports (OpenSearch is handled by elasticsearch.py)
    aliases: ClassVar[tuple[str, ...]] = ()
    title: ClassVar[str]
    #: ports probed when a target names none
    default_ports: ClassVar[tuple[int, ...]]
    #: URI schemes that name this engine in a target; ``http``/``https`` stay generic
    uri_schemes: ClassVar[tuple[UriScheme, ...]]
    #: service names nmap gives this engine's ports in ``-oX`` output (masscan writes
    #: the same format, with its own banner names such as ``memcached``)
    nmap_services: ClassVar[tuple[str, ...]]
    #: the products deploy files run this engine as (the config auditor's view)
    deployed_as: ClassVar[tuple[DataService, ...]]
    #: databases the server keeps for itself (``admin``, ``information_schema``, ...):
    #: not the owner's data, so never counted when judging whether data was wiped
    system_databases: ClassVar[frozenset[str]] = frozenset()
    #: what the test suite runs this engine against (the README's engine table row)
    tested_against: ClassVar[str]
    #: how to close an open or default-login service; the base of most finding types' fixes
    remediation: ClassVar[Remediation]
    #: remediation for particular finding types (``compromised``, ...); the others follow
    #: :data:`DEFAULT_REMEDIATIONS`
    remediations: ClassVar[Mapping[str, Remediation]] = {}
    #: bytes sent to recognise the protocol; ``None`` for server-speaks-first protocols
    probe: ClassVar[bytes | None] = None
    #: engines whose probe is the same HTTP request share one connection
    probe_group: ClassVar[str | None] = None
    #: length-prefixed reply framing, checked by the scanner's relay (None: not checked)
    reply_frame: ClassVar[ReplyFrame | None] = None
    #: probes for the engine's other protocols, tried after ``probe`` in this order (Neo4j's
    #: Bolt handshake next to its HTTP ``GET /``); each answer goes to the same ``match``
    extra_probes: ClassVar[tuple[Probe, ...]] = ()

    def probes(self) -> list[Probe]:
        """Every identification probe: the main ``probe`` (if any), then :attr:`extra_probes`."""
        main = [Probe(self.probe, self.probe_group or self.name)] if self.probe is not None else []
        return [*main, *self.extra_probes]

    def match(self, answer: bytes) -> Identity | None:
        """Recognise this protocol in the first bytes the server sent (after ``probe``)."""
        raise NotImplementedError

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        """Decide exposure and access, inventory datasets and draw bounded samples.

        Connect to ``ep.address:ep.port`` (the scanner's relay, which holds the byte budgets
        and closes the sockets at the deadline) and let cancellation through: a task that
        swallows ``CancelledError`` keeps the event loop from closing.
        """
        raise NotImplementedError

    def dataset_group(self, dataset: str) -> str:
        """The database a dataset belongs to; ``''`` means the whole service.

        A key-value store or a search cluster has no databases (the default); engines
        with databases override this, so that a database holding nothing but a ransom
        note is reported as wiped on its own.
        """
        return ""

    def intrusion_signs(self, result: Assessment) -> list[Evidence]:
        """Signs of an earlier intrusion only this engine shows (planted Redis keys, ...).

        Ransom notes and wiped databases are judged for every engine by
        :func:`unguarded.classify.detect_compromise`; this adds what is particular to the
        engine, from the datasets and server settings ``assess`` gathered. None by default.
        """
        return []

    def remediation_for(self, finding_type: str) -> Remediation | None:
        """How to close one kind of finding on this engine (see :mod:`unguarded.findings`).

        The engine's own entry in :attr:`remediations` first, else the default for the
        type; ``None`` for a type neither covers (the contract test fails on that).
        """
        specific = self.remediations.get(finding_type)
        if specific is not None:
            return specific
        default = DEFAULT_REMEDIATIONS.get(finding_type)
        return default(self.remediation) if default is not None else None

    def describe(self) -> EngineDescription:
        """Name, title, ports, URI schemes, the one-line summary from the class docstring, and what it is tested against."""
        doc = type(self).__doc__ or ""
        return {
            "name": self.name,
            "title": self.title,
            "ports": list(self.default_ports),
            "schemes": [scheme.name for scheme in self.uri_schemes],
            "summary": doc.strip().splitlines()[0] if doc.strip() else "",
            "tested_against": self.tested_against,
        }


def leading_database(dataset: str) -> str:
    """``db.collection`` or ``db.schema.table`` -> ``db``; ``''`` for a name without one."""
    database, dot, _rest = dataset.partition(".")
    return database if dot else ""
