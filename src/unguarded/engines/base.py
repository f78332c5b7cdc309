"""What an engine module provides, and the context the scanner hands it.

One module per engine (``engines/redis.py``, ...) defines a subclass of :class:`Engine`
with declarative metadata next to its logic: ports, how to recognise the protocol from
raw bytes, and how to assess an endpoint *without writing anything*. The scanner does
the rest (timeouts, limits, classification, severity).
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..classify import SampledDataset
from ..models import Access, Endpoint, Evidence, Exposure, Remediation, ScanError

DATA_FINDINGS = frozenset({"exposed_sensitive_data", "exposed_personal_data"})
BREACH_STEP = (
    "Presume the data was read: check the server logs for outside clients, and if people's data was exposed "
    "notify your data-protection officer (GDPR Art. 33: the authority within 72 hours)"
)
BREACH_REFERENCE = "https://gdpr-info.eu/art-33-gdpr/"
INTRUSION_STEP = "Take a forensic copy (data dir and logs) before changing anything, then restore from a backup taken before the intrusion; do not pay"


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
    redis_scan_budget: int = 10_000
    exact_count_limit: int = 1_000_000


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
    #: server settings that reveal an intrusion (Redis ``dir``/``dbfilename``)
    server_config: dict[str, str] = field(default_factory=dict)
    errors: list[ScanError] = field(default_factory=list)

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
        self.datasets.append(SampledDataset(name=name, records=records, sample=list(sample), kind=kind))
        if size is not None:
            self.bytes_by_dataset[name] = size
        self.exact_by_dataset[name] = exact

    def error(self, ep: Endpoint, stage: str, message: str) -> None:
        self.errors.append(ScanError(host=ep.host, port=ep.port, stage=stage, message=message))


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
    """Passed to every engine call: the options and the transport seam. No globals."""

    options: ScanOptions = field(default_factory=ScanOptions)
    connect: Connector = tcp_connect


class Engine:
    """Base class for engine modules. Subclasses fill in the metadata and two methods."""

    name: ClassVar[str]
    #: other engine names this module reports (OpenSearch is handled by elasticsearch.py)
    aliases: ClassVar[tuple[str, ...]] = ()
    title: ClassVar[str]
    default_ports: ClassVar[tuple[int, ...]]
    checks: ClassVar[str]
    remediation: ClassVar[Remediation]
    #: remediation for particular finding types (``compromised``, ...), else :attr:`remediation`
    remediations: ClassVar[Mapping[str, Remediation]] = {}
    #: bytes sent to recognise the protocol; ``None`` for server-speaks-first protocols
    probe: ClassVar[bytes | None] = None
    #: engines whose probe is the same HTTP request share one connection
    probe_group: ClassVar[str | None] = None

    def match(self, answer: bytes) -> Identity | None:
        """Recognise this protocol in the first bytes the server sent (after ``probe``)."""
        raise NotImplementedError

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        """Decide exposure and access, inventory datasets and draw bounded samples."""
        raise NotImplementedError

    def remediation_for(self, finding_type: str) -> Remediation:
        """How to close one kind of finding on this engine (see :mod:`unguarded.findings`).

        Exposed-data findings get the engine's fix plus the breach duty: data anyone could
        read must be presumed read.
        """
        specific = self.remediations.get(finding_type)
        if specific is not None:
            return specific
        if finding_type in DATA_FINDINGS:
            return self.remediation.model_copy(
                update={
                    "steps": (*self.remediation.steps, BREACH_STEP),
                    "references": (*self.remediation.references, BREACH_REFERENCE),
                }
            )
        return self.remediation

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "ports": list(self.default_ports),
            "checks": self.checks,
        }


def best_access(*levels: Access) -> Access:
    return max(levels, key=lambda a: a.rank, default=Access.NONE)
