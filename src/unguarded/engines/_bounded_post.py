"""Bounded JSON ``POST`` reads for the vector databases whose read calls are POSTs.

Chroma's ``get``, Qdrant's ``scroll`` and Weaviate's GraphQL ``Aggregate`` are reads sent
as ``POST`` bodies; this sends one and stops at a byte cap, like ``get_capped`` does for
``GET``, so a hostile server's endless answer cannot exhaust memory; :func:`leading_items` keeps
what is usable of a listing cut at that cap.
"""

from __future__ import annotations

import json
import re
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
