"""Bounded HTTP reads for the engines that speak JSON over HTTP (CouchDB, InfluxDB).

A hostile server may answer with an endless body; every read here stops at a byte cap
and says so, instead of buffering whatever arrives. No module-global client: each
assessment opens its own :class:`httpx.AsyncClient` through :func:`http_client`.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ..models import Endpoint
from .base import ScanContext


def base_url(ep: Endpoint) -> str:
    """``http://host:port`` for an endpoint (IPv6 literals bracketed, ``https`` when TLS)."""
    host = f"[{ep.address}]" if ":" in ep.address else ep.address
    return f"{'https' if ep.tls else 'http'}://{host}:{ep.port}"


def http_client(ep: Endpoint, ctx: ScanContext, **kwargs: Any) -> httpx.AsyncClient:
    """A client for one endpoint: the scan's timeouts, no certificate checks, no redirects.

    Redirects are not followed: a server that sends us elsewhere is judged by what it
    said itself, and we never leave the endpoint the user put in scope.
    """
    opts = ctx.options
    return httpx.AsyncClient(
        base_url=base_url(ep),
        timeout=httpx.Timeout(opts.io_timeout, connect=opts.connect_timeout),
        verify=False,
        headers={"Host": ep.host, "User-Agent": "unguarded", "Accept": "application/json"},
        follow_redirects=False,
        **kwargs,
    )


async def get_capped(
    client: httpx.AsyncClient,
    path: str,
    cap: int,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes, bool]:
    """Status, lower-cased headers, at most ``cap`` body bytes, and whether the body was cut."""
    body = b""
    async with client.stream("GET", path, params=params, headers=headers) as answer:
        headers = {k.lower(): v for k, v in answer.headers.items()}
        async for chunk in answer.aiter_bytes():
            body += chunk
            if len(body) > cap:
                return answer.status_code, headers, body[:cap], True
        return answer.status_code, headers, body, False


def json_or_none(body: bytes) -> Any:
    """The decoded JSON body, or ``None`` when it is not JSON (hostile or cut short)."""
    try:
        return json.loads(body)
    except ValueError:
        return None
