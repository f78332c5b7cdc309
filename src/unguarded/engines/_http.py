"""Reading an HTTP body from a scanned server within a byte budget.

httpx inflates gzip/deflate/brotli bodies as they arrive, a whole network chunk at a
time, so a few kilobytes of a gzip bomb become gigabytes inside one call. Engines ask for
``Accept-Encoding: identity`` and read raw bytes here: what the server sends is counted
before it is kept, and a body that is compressed anyway is inflated in bounded steps,
stopped at a size cap and at a compression ratio no real answer reaches. A chunked
body that never ends stops at the cap too (and the service deadline stops a slow one).
"""

from __future__ import annotations

import zlib
from typing import Any

import httpx

from .base import ScanOptions

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
