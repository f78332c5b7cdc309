"""The engines' capped HTTP reads: a cap holds for plain, chunked and compressed bodies alike."""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib

import httpx

from unguarded.engines._http import get_capped, post_capped

CAP = 64 * 1024


def _client(body: bytes, encoding: str | None = None) -> httpx.AsyncClient:
    headers = {"Content-Encoding": encoding} if encoding else {}
    return httpx.AsyncClient(
        # a byte stream, as from a socket (``content=`` would hand httpx an already-read body)
        transport=httpx.MockTransport(
            lambda _request: httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))
        ),
        base_url="http://target",
    )


def _get(body: bytes, encoding: str | None = None) -> tuple[int, dict[str, str], bytes, bool]:
    async def go() -> tuple[int, dict[str, str], bytes, bool]:
        async with _client(body, encoding) as client:
            return await get_capped(client, "/", CAP)

    return asyncio.run(go())


def test_a_small_body_is_read_whole() -> None:
    status, _headers, body, cut = _get(b'{"ok": true}')
    assert (status, body, cut) == (200, b'{"ok": true}', False)


def test_a_large_body_is_cut_at_the_cap() -> None:
    _status, _headers, body, cut = _get(b"x" * (CAP * 3))
    assert cut and body == b"x" * CAP


def test_a_gzip_body_is_inflated_and_a_gzip_bomb_stops_at_the_cap() -> None:
    assert _get(gzip.compress(b'{"ok": true}'), "gzip")[2:] == (b'{"ok": true}', False)
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))  # 64 MiB inflated from about 64 KiB
    tracemalloc.start()
    try:
        _status, _headers, body, cut = _get(bomb, "gzip")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert cut and body == b"\0" * CAP
    assert peak < 16 * 1024 * 1024, f"inflating the bomb took {peak:,} bytes"


def test_deflate_is_inflated_and_an_unknown_coding_is_not_read() -> None:
    assert _get(zlib.compress(b"[1, 2]"), "deflate")[2:] == (b"[1, 2]", False)
    assert _get(b"\x1b\x00compressed", "br")[2:] == (b"", True)


def test_post_reads_have_the_same_cap() -> None:
    async def go() -> tuple[int, dict[str, str], bytes, bool]:
        async with _client(b"y" * (CAP + 1)) as client:
            return await post_capped(client, "/get", {"limit": 1}, CAP)

    assert asyncio.run(go())[2:] == (b"y" * CAP, True)
