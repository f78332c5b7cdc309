"""The one table of database ports and images every infrastructure rule shares.

Terraform, compose and Kubernetes rules all ask the same two questions: "is this port a
database's?" and "is this image a database?". Both are answered here, from two sources:
each scanning engine declares the products it is deployed as (``Engine.deployed_as`` in
its module under :mod:`unguarded.engines`), and :data:`SERVICES_WITHOUT_ENGINE` lists
the data services this audit knows before a scanning engine exists for them.
"""

from __future__ import annotations

from ..engines import all_engines
from ..engines.base import DataService

#: Services the config audit knows before a scanning engine exists; an engine module
#: replaces its row (the contract test fails while both declare the same service).
SERVICES_WITHOUT_ENGINE: tuple[DataService, ...] = (
    DataService("mssql", (1433,), ("mssql-server",)),
    DataService("risingwave", (4566,), ("risingwave",)),  # PostgreSQL protocol
    DataService("trino", (), ("trino",)),  # 8080 by default: every web app's port, so by image only
    DataService("cockroachdb", (26257,), ("cockroach",)),  # PostgreSQL protocol
    # StarRocks and Apache Doris (its parent): the frontend's MySQL-protocol port; starrocks/fe-ubuntu,
    # starrocks/allin1-ubuntu, apache/doris (backend images are told apart by _defaults._starrocks)
    DataService(
        "starrocks", (9030,), ("fe-ubuntu", "fe-centos7", "allin1-ubuntu", "allin1-centos", "starrocks", "doris")
    ),
)

#: every data service the audit recognises: the scanning engines' first, then the rest
DATA_SERVICES: tuple[DataService, ...] = (
    *(service for engine in all_engines() for service in engine.deployed_as),
    *SERVICES_WITHOUT_ENGINE,
)

#: port -> engine names that listen there by default
DB_PORTS: dict[int, tuple[str, ...]] = {}
for _service in DATA_SERVICES:
    for _port in _service.ports:
        DB_PORTS[_port] = (*DB_PORTS.get(_port, ()), _service.name)

_BY_IMAGE = {image: service.name for service in DATA_SERVICES for image in service.images}

#: ports whose service also answers on UDP (memcached's reflection attacks)
UDP_DB_PORTS = frozenset(port for service in DATA_SERVICES for port in service.udp_ports)


def engine_of_image(image: str) -> str | None:
    """``docker.io/bitnami/redis:7.2@sha256:...`` -> ``redis``; unknown images -> None."""
    repo = image.split("@", 1)[0]
    last = repo.rsplit("/", 1)[-1]
    name = last.split(":", 1)[0].lower()
    return _BY_IMAGE.get(name)


def image_tag(image: str) -> str:
    """The tag of an image reference ('' when none: Docker then uses ``latest``)."""
    repo = image.split("@", 1)[0]
    last = repo.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else ""


def db_ports_in(low: int, high: int) -> list[int]:
    """Database ports inside an inclusive range, sorted; empty when none."""
    return sorted(p for p in DB_PORTS if low <= p <= high)


def describe_ports(ports: list[int]) -> str:
    """``[6379, 5432]`` -> ``'5432 (postgresql), 6379 (redis)'``, shortened past five."""
    if len(ports) == len(DB_PORTS):
        return f"every port (all {len(DB_PORTS)} database ports in the table)"
    shown = [f"{p} ({'/'.join(DB_PORTS[p])})" for p in sorted(ports)[:5]]
    more = len(ports) - len(shown)
    return ", ".join(shown) + (f" and {more} more database ports" if more > 0 else "")
