"""InfluxDB 1.x over its ``/query`` API, and InfluxDB 2.x recognised by ``/api/v2/setup``.

Recognised only by what it answers: every InfluxDB response carries an
``X-Influxdb-Version`` header (1.x even on the 404 its ``GET /`` gives). ``/ping`` gives
the version without credentials.

1.x: ``SHOW DATABASES`` decides exposure. 401 means ``auth-enabled = true`` and a user
exists; 403 "create admin user first" means auth is on but nobody has an account yet,
so the first client to ``CREATE USER ... WITH ALL PRIVILEGES`` owns the server; 200 means
auth is off and every client is an admin. Then ``SHOW MEASUREMENTS`` per database,
``SELECT COUNT(*)`` per measurement and ``SELECT * ... LIMIT n`` for the sample. Only
``SHOW`` and ``SELECT`` statements are ever sent, as ``GET`` (InfluxDB 1.x would still
run a write statement sent by ``GET``, with a warning: the guarantee is that we build
every statement ourselves, with every identifier quoted, never from server input).

2.x: ``GET /api/v2/setup`` answering ``allowed: true`` means the onboarding was never
done: anyone can create the first user, organisation and all-access token. That is
reported, and the setup is never called.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none, parse_http
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme, leading_database

#: the share of the service deadline the inventory may use (see couchdb.INVENTORY_SHARE)
INVENTORY_SHARE = 0.7
SMALL = 256 * 1024
NO_ADMIN_YET = "create admin user first"
#: statements this module may send; checked before every query as a last guard
READ_STATEMENTS = ("SHOW DATABASES", "SHOW MEASUREMENTS", "SELECT COUNT(*) FROM ", "SELECT * FROM ")


def quote_ident(name: str) -> str:
    """An InfluxQL double-quoted identifier: a hostile name cannot end the quote."""
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _series(answer: Any) -> list[dict[str, Any]]:
    """The series of the first statement's result; empty on an error or no data."""
    if not isinstance(answer, dict):
        return []
    results = answer.get("results")
    if not isinstance(results, list) or not results or not isinstance(results[0], dict):
        return []
    series = results[0].get("series", [])
    return [s for s in series if isinstance(s, dict)] if isinstance(series, list) else []


def _first_column(answer: Any) -> list[str]:
    return [
        str(row[0])
        for s in _series(answer)
        for row in s.get("values") or []
        if isinstance(row, list) and row and isinstance(row[0], str)
    ]


def _major(version: str | None) -> int:
    digits = (version or "").lstrip("vV").split(".", 1)[0]
    return int(digits) if digits.isdigit() else 1


class InfluxDBEngine(Engine):
    """SHOW DATABASES for exposure (auth off, or no admin yet), measurements with COUNT(*), SELECT LIMIT samples; 2.x setup state.

    Datasets are ``database.measurement`` (in each database's default retention policy)
    and group by database; the monitoring database ``_internal`` is the server's own and
    never inventoried.
    """

    name = "influxdb"
    title = "InfluxDB"
    default_ports = (8086,)
    uri_schemes = (UriScheme("influxdb", 8086),)
    nmap_services = ("influxdb",)
    deployed_as = (DataService("influxdb", (8086, 8088), ("influxdb",)),)
    system_databases = frozenset({"_internal"})
    tested_against = (
        "real InfluxDB 1.6 (Debian `influxdb`), `auth-enabled` with an admin for the protected one, its HTTP "
        "access log and `/debug/vars` counters for the read-only proof; 2.x setup state against a stand-in "
        "answering `/ping` and `/api/v2/setup` as the documented API does"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="Turn on authentication with an admin user and keep 8086 off the internet.",
        steps=(
            "influxdb.conf: [http] auth-enabled = true   (first: CREATE USER admin WITH PASSWORD '<long>' WITH ALL PRIVILEGES)",
            'influxdb.conf: [http] bind-address = "127.0.0.1:8086" (or a private address); firewall 8086 and 8088',
            "InfluxDB 2.x: finish the setup yourself (influx setup) before the port is reachable; /api/v2/setup must say allowed: false",
            "Restart influxd and rotate any credentials the measurements hold",
        ),
        references=(
            "https://docs.influxdata.com/influxdb/v1/administration/authentication_and_authorization/",
            "https://docs.influxdata.com/influxdb/v2/get-started/setup/",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: preserve evidence, close the server, restore from a backup.",
            steps=(
                INTRUSION_STEP,
                "SHOW USERS and SHOW DATABASES as an admin  -- drop users and ransom databases you did not create",
                'influxdb.conf: [http] auth-enabled = true; bind-address = "127.0.0.1:8086"; restart influxd',
                "influxd restore -portable <backup dir>  -- restore the databases from a backup taken before the intrusion",
            ),
            references=(
                "https://docs.influxdata.com/influxdb/v1/administration/backup_and_restore/",
                "https://docs.influxdata.com/influxdb/v1/administration/authentication_and_authorization/",
            ),
        ),
    }

    def dataset_group(self, dataset: str) -> str:
        """``database.measurement`` -> ``database``."""
        return leading_database(dataset)

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        _status, headers, _body = parsed
        version = headers.get("x-influxdb-version")
        if version is None:
            return None
        return Identity(self.name, version or None, detail=headers.get("x-influxdb-build"))

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx) as client:
            status, headers, _body, _cut = await get_capped(client, "/ping", SMALL)
            version = headers.get("x-influxdb-version") or None
            if _major(version) >= 2:
                return await self._assess_v2(client, ep, version)
            return await self._assess_v1(client, ep, ctx, version)

    @staticmethod
    async def _assess_v2(client: httpx.AsyncClient, ep: Endpoint, version: str | None) -> Assessment:
        """2.x: only the setup state and whether buckets list without a token."""
        status, _headers, body, _cut = await get_capped(client, "/api/v2/setup", SMALL)
        setup = json_or_none(body) if status == 200 else None
        if isinstance(setup, dict) and setup.get("allowed") is True:
            return Assessment(
                Exposure.OPEN,
                Access.ADMIN,
                version=version,
                tls=ep.tls,
                auth_detail="setup not done: /api/v2/setup says allowed: true, so anyone can create the first "
                "user, organisation and all-access token (not attempted)",
            )
        status, _headers, body, _cut = await get_capped(client, "/api/v2/buckets", SMALL, params={"limit": "100"})
        if status != 200:
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /api/v2/buckets: a token is required (setup done)",
            )
        result = Assessment(
            Exposure.OPEN, Access.METADATA, version=version, tls=ep.tls, auth_detail="buckets listed without a token"
        )
        listing = json_or_none(body)
        buckets = listing.get("buckets", []) if isinstance(listing, dict) else []
        for bucket in buckets if isinstance(buckets, list) else []:
            if isinstance(bucket, dict) and isinstance(bucket.get("name"), str) and not bucket["name"].startswith("_"):
                result.add_dataset(bucket["name"], None, kind="bucket", exact=False)
        return result

    async def _assess_v1(
        self, client: httpx.AsyncClient, ep: Endpoint, ctx: ScanContext, version: str | None
    ) -> Assessment:
        opts = ctx.options
        started = time.monotonic()
        status, answer = await _query(client, "SHOW DATABASES", SMALL * 4)
        if status == 401:
            detail = "HTTP 401 on SHOW DATABASES: auth-enabled, credentials required"
            leak, _h, _b, _c = await get_capped(client, "/debug/vars", 0)
            if leak == 200:
                detail += "; /debug/vars still answers without credentials (database names, series counts)"
            return Assessment(Exposure.PROTECTED, Access.NONE, version=version, tls=ep.tls, auth_detail=detail)
        if status == 403 and isinstance(answer, dict) and NO_ADMIN_YET in str(answer.get("error", "")):
            return Assessment(
                Exposure.OPEN,
                Access.ADMIN,
                version=version,
                tls=ep.tls,
                auth_detail="auth-enabled but no admin user yet: anyone can create the first one "
                "(CREATE USER ... WITH ALL PRIVILEGES; not attempted)",
            )
        result = Assessment(
            Exposure.OPEN,
            Access.ADMIN,
            version=version,
            tls=ep.tls,
            auth_detail="auth-enabled = false: every client is an admin",
        )
        if status != 200:
            result.exposure, result.access = Exposure.UNKNOWN, Access.NONE
            result.auth_detail = f"SHOW DATABASES answered HTTP {status}"
            return result
        if answer is None:
            result.error(ep, "inventory", "SHOW DATABASES answer was cut at the byte cap or was not JSON")
        databases = [d for d in _first_column(answer) if d.lower() not in self.system_databases]
        for database in databases:
            left = opts.max_datasets - len(result.datasets)
            if left <= 0:
                result.error(ep, "inventory", f"stopped at {opts.max_datasets} measurements (--max-datasets)")
                break
            status, answer = await _query(
                client, f"SHOW MEASUREMENTS LIMIT {left + 1}", opts.dataset_byte_cap, database
            )
            measurements = _first_column(answer) if status == 200 else []
            if status != 200:
                result.error(ep, "inventory", f"{database[:64]}: SHOW MEASUREMENTS answered HTTP {status}")
            for measurement in measurements:
                if len(result.datasets) >= opts.max_datasets:
                    result.error(ep, "inventory", f"stopped at {opts.max_datasets} measurements (--max-datasets)")
                    return result
                if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                    result.error(ep, "inventory", "measurements left uninventoried: service deadline near")
                    return result
                await _inventory(ep, ctx, client, database, measurement, result)
        return result


async def _query(client: httpx.AsyncClient, statement: str, cap: int, database: str | None = None) -> tuple[int, Any]:
    """One read statement as ``GET /query``: status and decoded answer (``None`` when cut or not JSON)."""
    if not statement.startswith(READ_STATEMENTS):
        raise ValueError("refusing to send a statement that is not a SHOW or SELECT")
    params = {"q": statement, "epoch": "s"}
    if database is not None:
        params["db"] = database
    status, _headers, body, cut = await get_capped(client, "/query", cap, params=params)
    return status, None if cut else json_or_none(body)


async def _inventory(
    ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, database: str, measurement: str, result: Assessment
) -> None:
    opts = ctx.options
    name = f"{database}.{measurement}"
    source = quote_ident(measurement)
    count: int | None = None
    try:
        status, answer = await _query(client, f"SELECT COUNT(*) FROM {source}", SMALL, database)
    except httpx.TimeoutException:
        status, answer = 0, None
        result.error(ep, "inventory", f"{name[:64]}: COUNT(*) took longer than {opts.io_timeout:g}s, count unknown")
    if status == 200:
        counts = [v for s in _series(answer) for row in s.get("values") or [] for v in row[1:] if isinstance(v, int)]
        count = max(counts, default=0)
    sample = await _sample(ep, ctx, client, database, measurement, result) if count != 0 else []
    result.add_dataset(name, count, sample, kind="measurement", exact=count is not None)


async def _sample(
    ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, database: str, measurement: str, result: Assessment
) -> list[dict[str, Any]]:
    """The first points of a measurement (tags and fields by column name; the timestamp left out)."""
    opts = ctx.options
    name = f"{database}.{measurement}"
    try:
        status, answer = await _query(
            client,
            f"SELECT * FROM {quote_ident(measurement)} LIMIT {opts.sample_size}",
            opts.dataset_byte_cap,
            database,
        )
    except httpx.TimeoutException:
        result.error(ep, "sample", f"{name[:64]}: sample took longer than {opts.io_timeout:g}s, skipped")
        return []
    if status != 200 or answer is None:
        result.error(ep, "sample", f"{name[:64]}: sample answered HTTP {status} or exceeded the byte cap, skipped")
        return []
    records: list[dict[str, Any]] = []
    for series in _series(answer):
        columns = series.get("columns") or []
        for row in series.get("values") or []:
            if not isinstance(row, list):
                continue
            record = {str(c): v for c, v in zip(columns, row, strict=False) if c != "time" and v is not None}
            if len(json.dumps(record)) <= opts.record_byte_cap:
                records.append(record)
    return records


ENGINE = InfluxDBEngine()
