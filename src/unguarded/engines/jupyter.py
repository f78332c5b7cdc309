"""Jupyter Server / Notebook, over its REST API (8888).

Recognised by what ``GET /`` answers: Jupyter's ``Content-Security-Policy`` (its
``report-uri /api/security/csp-report``), the ``Jupyter`` page title, or the redirect to
``/login`` a protected server sends. ``GET /api`` names the version without
authentication on every server; ``GET /api/status`` needs it, so its answer decides
exposure: 200 means no token and no password, and then the same API starts kernels and
terminals for anyone, which is code execution as the server's user. That makes an open
server ``admin`` by what its API allows; the scan never tries it.

Every request is a ``GET``: ``/api/kernels``, ``/api/sessions`` and ``/api/terminals``
say what is running (reported, not judged: a kernel someone else started is normal on a
shared server), ``/api/contents`` is walked breadth-first within bounds (entries,
depth, bytes per listing) and data files are read through ``/files/`` in a byte-capped
stream, then classified by their content (CSV or JSON), whatever their name says.
Parquet files are classified from their footer (:mod:`._parquet`): column names, the row
count, and each row group's column minima and maxima as sample values, no data page
decoded; a file over the cap is read from its end where the server serves byte ranges.
Nothing is started, run or written.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections import deque
from typing import Any
from urllib.parse import quote

import httpx

from ..models import Access, Endpoint, Exposure, Remediation
from ._http import HTTP_PROBE, get_capped, http_client, json_or_none, parse_http
from ._parquet import ParquetError, read_footer, sample_records
from .base import INTRUSION_STEP, Assessment, DataService, Engine, Identity, ScanContext, UriScheme

#: directories below the root the walk descends into
MAX_DEPTH = 4
#: bytes read of one data file: enough for a sample, never the whole of a large file
FILE_CAP = 256 * 1024
#: the share of the service deadline the walk may use
INVENTORY_SHARE = 0.7
#: names whose content is worth reading (the content decides what it is)
PARQUET_SUFFIXES = (".parquet", ".parq", ".pq")
DATA_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl", ".ndjson", ".txt", ".dat", *PARQUET_SUFFIXES)
#: bytes read of one Parquet file (its footer is at the end) and of its footer at most
PARQUET_CAP = 4 * 1024 * 1024
FOOTER_CAP = 1024 * 1024
CSP_MARK = "/api/security/csp-report"


def _records_from(raw: bytes, cut: bool, limit: int) -> tuple[str, list[dict[str, Any]], int | None] | None:
    """(kind, records, total rows when the whole file was read) by content: JSON, JSON lines or CSV."""
    text = raw.decode("utf-8", "replace")
    stripped = text.lstrip()
    if stripped[:1] in "[{":
        data = json_or_none(raw) if not cut else None
        if isinstance(data, list):
            rows = [row for row in data if isinstance(row, dict)]
            return "json", rows[:limit], len(data)
        if isinstance(data, dict):
            return "json", [data], 1
        lines = [json_or_none(line.encode()) for line in stripped.splitlines()[: limit + 1]]
        objects = [line for line in lines if isinstance(line, dict)]
        if objects and len(objects) >= len(lines) - 1:  # the last line may be cut
            total = len(stripped.splitlines()) if not cut else None
            return "jsonl", objects[:limit], total
        return None
    lines = text.splitlines()
    if cut and lines:
        lines = lines[:-1]  # the last line may be cut short
    if len(lines) < 2:
        return None
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",;\t|")
    except csv.Error:
        return None
    reader = csv.DictReader(io.StringIO("\n".join(lines)), dialect=dialect)
    header = reader.fieldnames or []
    if len(header) < 2:
        return None
    rows = []
    for index, row in enumerate(reader):
        if index >= limit:
            break
        rows.append({str(k): v for k, v in row.items() if k is not None})
    return "csv", rows, (len(lines) - 1 if not cut else None)


class JupyterEngine(Engine):
    """/api/status for exposure (open = code execution for anyone), kernels and terminals, a bounded walk of data files.

    Each data file the walk reads is one dataset, named by its path; the whole server
    is one group.
    """

    name = "jupyter"
    title = "Jupyter Server / Notebook"
    default_ports = (8888,)
    uri_schemes = (UriScheme("jupyter", 8888), UriScheme("jupyters", 8888, tls=True))
    nmap_services = ("jupyter",)
    deployed_as = (
        DataService(
            "jupyter",
            (8888,),
            ("jupyter", "base-notebook", "minimal-notebook", "scipy-notebook", "datascience-notebook"),
        ),
    )
    tested_against = (
        "real `jupyter_server` from PyPI (token and password disabled for the open one, a token for the "
        "protected one), a temp root dir with a CSV and a notebook; its file list, mtimes, kernel list and "
        "request log for the read-only proof"
    )
    probe = HTTP_PROBE
    probe_group = "http"
    remediation = Remediation(
        summary="Require a token or password and keep the server on localhost: an open Jupyter runs code for anyone.",
        steps=(
            "jupyter_server_config.py: remove c.ServerApp.token = '' and c.ServerApp.password = '' "
            "(the default generates a token), or set c.PasswordIdentityProvider.hashed_password",
            "jupyter_server_config.py: c.ServerApp.ip = '127.0.0.1'; reach it over SSH (ssh -L 8888:localhost:8888)",
            "Put JupyterHub or an authenticating proxy in front of shared servers; firewall 8888 from the internet",
            "Rotate every credential the files and notebooks held (the API served them to anyone)",
        ),
        references=(
            "https://jupyter-server.readthedocs.io/en/latest/operators/security.html",
            "https://jupyter-server.readthedocs.io/en/latest/other/full-config.html",
        ),
    )
    remediations = {
        "compromised": Remediation(
            summary="Treat it as an intrusion: anyone could run code as the server's user.",
            steps=(
                INTRUSION_STEP,
                "List /api/kernels and /api/terminals with the owner's token; stop the ones nobody started",
                "Check crontabs, ~/.ssh/authorized_keys and running processes of the server's user for miners and backdoors",
                "Enable a token or password, bind to 127.0.0.1, rotate every secret the user's files held",
            ),
            references=(
                "https://jupyter-server.readthedocs.io/en/latest/operators/security.html",
                "https://jupyter-server.readthedocs.io/en/latest/developers/rest-api.html",
            ),
        ),
    }

    def match(self, answer: bytes) -> Identity | None:
        parsed = parse_http(answer)
        if parsed is None:
            return None
        status, headers, body = parsed
        jupyter_csp = CSP_MARK in headers.get("content-security-policy", "")
        if status in (301, 302, 303, 307) and "/login" in headers.get("location", "") and jupyter_csp:
            return Identity(self.name, detail="protected")
        if jupyter_csp or (status == 200 and b"<title>Jupyter" in body[:4096]):
            return Identity(self.name)
        return None

    async def assess(self, ep: Endpoint, ctx: ScanContext) -> Assessment:
        async with http_client(ep, ctx, trust_env=False) as client:
            return await self._assess(ep, ctx, client)

    async def _assess(self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient) -> Assessment:
        started = time.monotonic()
        status, _headers, body, _cut = await get_capped(client, "/api", 64 * 1024)
        banner = json_or_none(body) if status == 200 else None
        version = banner.get("version") if isinstance(banner, dict) else None
        version = version if isinstance(version, str) else None
        status, _headers, body, _cut = await get_capped(client, "/api/status", 64 * 1024)
        if status in (401, 403):
            return Assessment(
                Exposure.PROTECTED,
                Access.NONE,
                version=version,
                tls=ep.tls,
                auth_detail=f"HTTP {status} on /api/status: a token or password is required",
            )
        result = Assessment(Exposure.OPEN, Access.ADMIN, version=version, tls=ep.tls)
        if status != 200:
            result.error(ep, "inventory", f"/api/status answered HTTP {status}")
        running = [await self._listing(client, path) for path in ("/api/kernels", "/api/sessions", "/api/terminals")]
        kernels, sessions, terminals = running
        kinds = sorted({str(k.get("name", "?"))[:32] for k in kernels or [] if isinstance(k, dict)})
        said = [
            f"{len(kernels)} kernel(s) running" + (f" ({', '.join(kinds)})" if kinds else "")
            if kernels is not None
            else "kernel list refused",
            f"{len(sessions)} session(s)" if sessions is not None else "session list refused",
            f"{len(terminals)} terminal(s) open" if terminals is not None else "terminals disabled",
        ]
        notebooks = await self._walk(ep, ctx, client, result, started)
        result.auth_detail = (
            "no token or password: the API starts kernels and terminals for anyone (code execution as the "
            f"server's user, not tried); {'; '.join(said)}; {notebooks} notebook(s) in the walked tree"
        )
        return result

    @staticmethod
    async def _listing(client: httpx.AsyncClient, path: str) -> list[Any] | None:
        status, _headers, body, _cut = await get_capped(client, path, 1024 * 1024)
        data = json_or_none(body) if status == 200 else None
        return data if isinstance(data, list) else None

    async def _walk(
        self, ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, result: Assessment, started: float
    ) -> int:
        """Breadth-first over ``/api/contents``: at most ``max_datasets`` files read, listings byte-capped."""
        opts = ctx.options
        queue: deque[tuple[str, int]] = deque([("", 0)])
        seen_entries = read = notebooks = 0
        notes: dict[str, str] = {}
        while queue:
            if time.monotonic() - started > opts.service_deadline * INVENTORY_SHARE:
                notes["deadline"] = f"{len(queue)} directories left unwalked: service deadline near"
                break
            path, depth = queue.popleft()
            status, _headers, body, cut = await get_capped(
                client, "/api/contents/" + quote(path), opts.dataset_byte_cap, params={"content": "1"}
            )
            if cut:
                result.error(
                    ep, "inventory", f"a directory listing larger than the {opts.dataset_byte_cap:,}-byte cap skipped"
                )
                continue
            listing = json_or_none(body) if status == 200 else None
            entries = listing.get("content") if isinstance(listing, dict) else None
            if not isinstance(entries, list):
                result.error(ep, "inventory", f"/api/contents answered HTTP {status} for a directory")
                continue
            for entry in entries:
                if not isinstance(entry, dict):
                    continue
                seen_entries += 1
                if seen_entries > opts.max_keys_listed:
                    notes["entries"] = f"walk stopped at {opts.max_keys_listed:,} entries (its listing bound)"
                    queue.clear()
                    break
                kind, child = entry.get("type"), str(entry.get("path", ""))
                if kind == "directory" and depth + 1 <= MAX_DEPTH:
                    queue.append((child, depth + 1))
                elif kind == "notebook":
                    notebooks += 1
                elif kind == "file" and child.lower().endswith(DATA_SUFFIXES):
                    if read >= opts.max_datasets:
                        notes["files"] = f"stopped at {opts.max_datasets} data files (--max-datasets)"
                        continue
                    read += 1
                    await self._read_file(ep, ctx, client, result, child, entry.get("size"))
        for note in notes.values():
            result.error(ep, "inventory", note)
        return notebooks

    @staticmethod
    async def _read_file(
        ep: Endpoint, ctx: ScanContext, client: httpx.AsyncClient, result: Assessment, path: str, size: Any
    ) -> None:
        opts = ctx.options
        cap = min(FILE_CAP, opts.dataset_byte_cap)
        # without a token, /files/ refuses requests that carry no same-origin Referer (its CSRF check)
        headers = {"Referer": f"{client.base_url.scheme}://{client.headers.get('Host', '')}/tree"}
        if path.lower().endswith(PARQUET_SUFFIXES):
            await JupyterEngine._read_parquet(ep, ctx, client, result, path, size, headers)
            return
        status, _headers, raw, cut = await get_capped(client, "/files/" + quote(path), cap, headers=headers)
        if status != 200:
            result.error(ep, "sample", f"a data file answered HTTP {status}")
            return
        found = _records_from(raw, cut, opts.sample_size)
        if found is None:
            return  # not tabular data: counted in the walk, not a dataset
        kind, records, total = found
        records = [r for r in records if len(json.dumps(r, default=str)) <= opts.record_byte_cap]
        byte_size = size if isinstance(size, int) else None
        if total is None and byte_size and raw:
            estimate = round(len(records) * byte_size / len(raw))
            result.add_dataset(path, estimate, records, kind=f"{kind} file", size=byte_size, exact=False)
        else:
            result.add_dataset(path, total, records, kind=f"{kind} file", size=byte_size)

    @staticmethod
    async def _read_parquet(
        ep: Endpoint,
        ctx: ScanContext,
        client: httpx.AsyncClient,
        result: Assessment,
        path: str,
        size: Any,
        headers: dict[str, str],
    ) -> None:
        """A Parquet file as a dataset: its row count from the footer, its statistics as the sample."""
        opts = ctx.options
        cap = min(opts.dataset_byte_cap, PARQUET_CAP)
        byte_size = size if isinstance(size, int) else None
        if byte_size is not None and byte_size > cap:
            headers = {**headers, "Range": f"bytes=-{cap}"}  # the footer is at the end
        status, _headers, raw, cut = await get_capped(client, "/files/" + quote(path), cap, headers=headers)
        if status not in (200, 206):
            result.error(ep, "sample", f"a Parquet file answered HTTP {status}")
            return
        try:
            if cut:
                raise ParquetError(f"larger than the {cap:,}-byte cap and no byte range served: footer not reached")
            footer = read_footer(raw, FOOTER_CAP)
        except ParquetError as exc:
            result.error(ep, "sample", f"a Parquet file's schema not read: {exc}")
            result.add_dataset(path, None, kind="parquet file", size=byte_size, exact=False)
            return
        records = [r for r in sample_records(footer, opts.sample_size) if len(repr(r)) <= opts.record_byte_cap]
        result.add_dataset(path, footer.rows, records, kind="parquet file", size=byte_size)


ENGINE = JupyterEngine()
