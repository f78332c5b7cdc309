"""HTTP for engines: one client factory and reads bounded in bytes.

Every HTTP engine talks to its endpoint through :func:`http_client` (the scan's
timeouts, no certificate checks, no redirects: we never leave the endpoint in scope) and
reads bodies with a cap: :func:`get_capped` and :func:`post_capped` stop at ``cap``
bytes, :func:`read_body` also inflates a compressed body in bounded steps.

httpx inflates gzip/deflate/brotli bodies as they arrive, a whole network chunk at a
time, so a few kilobytes of a gzip bomb become gigabytes inside one call. Engines that
may meet compressed answers ask for ``Accept-Encoding: identity`` and read raw bytes with
:func:`read_body`: what the server sends is counted before it is kept, and a body that is
compressed anyway is stopped at a size cap and at a compression ratio no real answer
reaches. Some reads are ``POST`` bodies (Chroma's ``get``, Qdrant's ``scroll``, Weaviate's
GraphQL ``Aggregate``); :func:`leading_items` keeps what is usable of a listing cut at its cap.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Mapping
from typing import Any

import httpx

from ..models import Endpoint
from .base import ScanContext, ScanOptions

#: the identification probe every HTTP engine shares (one connection answers them all)
HTTP_PROBE = (
    b"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: unguarded\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
)

#: headers engines send so that the server has no reason to compress
IDENTITY = {"Accept-Encoding": "identity"}


class BodyTooLarge(Exception):
    """A body passed its cap; the message says which cap, with no server content."""


def _inflater(encoding: str) -> Any:
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    return None


async def read_body(response: httpx.Response, options: ScanOptions, cap: int | None = None) -> bytes:
    """The body of a streamed response, raw bytes counted against ``cap`` before they are kept.

    ``cap`` defaults to ``message_byte_cap``. A gzip or deflate body is inflated at most
    ``inflated_byte_cap`` bytes and ``max_inflate_ratio`` times what was received;
    another content coding is refused rather than guessed at.
    """
    limit = options.message_byte_cap if cap is None else cap
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater = None if encoding in ("", "identity") else _inflater(encoding)
    if encoding not in ("", "identity") and inflater is None:
        raise BodyTooLarge(f"body in an unsupported content coding ({encoding[:20]})")
    raw = 0
    out = bytearray()
    async for chunk in response.aiter_raw():
        raw += len(chunk)
        if raw > limit:
            raise BodyTooLarge(f"body larger than the {limit:,}-byte cap")
        if inflater is None:
            out += chunk
            continue
        data = chunk
        while data:
            room = min(options.inflated_byte_cap, limit) - len(out)
            piece = inflater.decompress(data, room + 1)
            out += piece
            if len(out) > min(options.inflated_byte_cap, limit):
                raise BodyTooLarge(
                    f"compressed body inflates past the {min(options.inflated_byte_cap, limit):,}-byte cap"
                )
            if len(out) > options.max_inflate_ratio * max(raw, 1) and len(out) > 1 << 20:
                raise BodyTooLarge(
                    f"compressed body inflates more than {options.max_inflate_ratio}:1 (a decompression bomb)"
                )
            data = inflater.unconsumed_tail
    return bytes(out)


def parse_http(answer: bytes) -> tuple[int, dict[str, str], bytes] | None:
    """Status, lower-cased headers and (de-chunked) body of a raw HTTP/1.x response."""
    head, sep, body = answer.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"HTTP/1."):
        return None
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        return None
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    if "chunked" in headers.get("transfer-encoding", ""):
        body = _dechunk(body)
    return status, headers, body


def _dechunk(data: bytes) -> bytes:
    out = b""
    while data:
        size_line, _, rest = data.partition(b"\r\n")
        try:
            size = int(size_line.split(b";")[0], 16)
        except ValueError:
            break
        if size == 0:
            break
        out += rest[:size]
        data = rest[size + 2 :]
    return out


def base_url(ep: Endpoint) -> str:
    """``http://host:port`` for an endpoint (IPv6 literals bracketed, ``https`` when TLS)."""
    host = f"[{ep.address}]" if ":" in ep.address else ep.address
    return f"{'https' if ep.tls else 'http'}://{host}:{ep.port}"


def http_client(
    ep: Endpoint,
    ctx: ScanContext,
    *,
    headers: Mapping[str, str] | None = None,
    timeout: httpx.Timeout | None = None,
    **kwargs: Any,
) -> httpx.AsyncClient:
    """A client for one endpoint: the scan's timeouts, no certificate checks, no redirects.

    Redirects are not followed: a server that sends us elsewhere is judged by what it
    said itself, and we never leave the endpoint the user put in scope. ``headers``
    replace the defaults (``Host`` of the target, ``User-Agent``, ``Accept: application/json``,
    ``Accept-Encoding: identity``: a server has no reason to compress).
    """
    opts = ctx.options
    return httpx.AsyncClient(
        base_url=base_url(ep),
        timeout=timeout or httpx.Timeout(opts.io_timeout, connect=opts.connect_timeout),
        verify=False,
        headers=dict(headers) if headers is not None else default_headers(ep),
        follow_redirects=False,
        **kwargs,
    )


def default_headers(ep: Endpoint) -> dict[str, str]:
    """What every engine's HTTP request says about itself: the target's Host, who asks, JSON wanted."""
    return {"Host": ep.host, "User-Agent": "unguarded", "Accept": "application/json", **IDENTITY}


async def get_capped(
    client: httpx.AsyncClient,
    path: str,
    cap: int,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes, bool]:
    """Status, lower-cased headers, at most ``cap`` body bytes, and whether the body was cut."""
    async with client.stream("GET", path, params=params, headers=headers) as answer:
        body, cut = await _read_capped(answer, cap)
        return answer.status_code, {k.lower(): v for k, v in answer.headers.items()}, body, cut


async def _read_capped(answer: httpx.Response, cap: int) -> tuple[bytes, bool]:
    """At most ``cap`` body bytes and whether the body was cut.

    Raw bytes are read and a gzip or deflate body is inflated in steps that never pass
    ``cap`` (httpx's own decoding inflates a whole network chunk at once: a gzip bomb). A
    body in a coding this cannot inflate stepwise counts as cut with nothing read.
    """
    encoding = answer.headers.get("content-encoding", "identity").strip().lower()
    inflater = None if encoding in ("", "identity") else _inflater(encoding)
    if encoding not in ("", "identity") and inflater is None:
        return b"", True
    out = bytearray()
    raw = 0
    async for chunk in answer.aiter_raw():
        raw += len(chunk)
        if inflater is None:
            out += chunk
        else:
            data = chunk
            while data and len(out) <= cap:
                out += inflater.decompress(data, cap + 1 - len(out))
                data = inflater.unconsumed_tail
        if len(out) > cap or raw > cap:
            return bytes(out[:cap]), True
    return bytes(out), False


def json_or_none(body: bytes) -> Any:
    """The decoded JSON body, or ``None`` when it is not JSON (hostile or cut short)."""
    try:
        return json.loads(body)
    except ValueError:
        return None


async def post_capped(
    client: httpx.AsyncClient, path: str, payload: dict[str, Any], cap: int
) -> tuple[int, dict[str, str], bytes, bool]:
    """Like :func:`get_capped`, for the reads that are ``POST`` bodies."""
    async with client.stream("POST", path, json=payload) as answer:
        body, cut = await _read_capped(answer, cap)
        return answer.status_code, {k.lower(): v for k, v in answer.headers.items()}, body, cut


def leading_items(body: bytes, key: str | None = None) -> list[Any]:
    """The complete items at the start of a JSON array cut short (a listing over the byte cap).

    The array is the whole body, or the value of the first ``"key":`` in it (Weaviate's
    ``{"classes": [...``).
    """
    text = body.decode("utf-8", "replace")
    if key is not None:
        found = re.search('"' + re.escape(key) + r'"\s*:\s*\[', text)
        if found is None:
            return []
        text = text[found.end() - 1 :]
    text = text.lstrip()
    if not text.startswith("["):
        return []
    decoder = json.JSONDecoder()
    items: list[Any] = []
    position = 1
    while True:
        while position < len(text) and text[position] in " \t\r\n,":
            position += 1
        try:
            item, position = decoder.raw_decode(text, position)
        except ValueError:
            return items
        items.append(item)
