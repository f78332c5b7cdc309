"""Bounded JSON ``POST`` reads for the vector databases whose read calls are POSTs.

Chroma's ``get``, Qdrant's ``scroll`` and Weaviate's GraphQL ``Aggregate`` are reads sent
as ``POST`` bodies; this sends one and stops at a byte cap, like ``get_capped`` does for
``GET``, so a hostile server's endless answer cannot exhaust memory.
"""

from __future__ import annotations

from typing import Any

import httpx


async def post_capped(
    client: httpx.AsyncClient, path: str, payload: dict[str, Any], cap: int
) -> tuple[int, dict[str, str], bytes, bool]:
    """Status, lower-cased headers, at most ``cap`` body bytes, and whether the body was cut."""
    body = b""
    async with client.stream("POST", path, json=payload) as answer:
        headers = {k.lower(): v for k, v in answer.headers.items()}
        async for chunk in answer.aiter_bytes():
            body += chunk
            if len(body) > cap:
                return answer.status_code, headers, body[:cap], True
        return answer.status_code, headers, body, False
