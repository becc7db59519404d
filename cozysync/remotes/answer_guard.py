"""Every answer's body, guarded as it arrives: a minimum transfer rate, compression
cozysync did not ask for inflated in bounded pieces, and a size cap.

``build_client`` asks every server for ``Accept-Encoding: identity`` and installs an
``AnswerGuard`` as the client's response hook, so each response of every request
(WebDAV, Cozy, the login) streams through ``_GuardedStream``:

- **minimum rate**: the time spent waiting for the server's bytes (not the time the
  caller spends writing them or the bandwidth limit holds them) is summed; once it
  reaches ``MinimumRate.window_s``, fewer than ``bytes_per_s`` per second of it raises
  ``AnswerTooSlow``.  A server that drips a byte now and then cannot keep a pass alive
  (the read timeout restarts at each byte).  The wait for the status line and headers,
  before this hook runs, is timed on the connection (``network_guard``).
- **compression**: an answer sent ``gzip``/``deflate`` anyway is inflated here, at most
  ``PIECE`` bytes at a time, and its ``Content-Encoding`` removed so httpx does not
  inflate it again (httpx would turn one 64 KiB read of a gzip bomb into 64 MiB).  Any
  other encoding is refused.
- **size cap**: an answer read whole (JSON, a MOVE's multistatus, an error body) may not
  inflate past ``ANSWER_MAX``; a request whose answer is streamed (a download, a
  listing) says so with ``STREAMED`` in its extensions and its reader caps it (the
  announced size, the listing's per-item limit).

Everything here is per chunk (two clock reads and a few additions), never per byte.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import httpx

from cozysync.clock import SystemClock
from cozysync.ports import Clock

__all__ = [
    "ANSWER_LIMIT",
    "ANSWER_MAX",
    "PIECE",
    "STREAMED",
    "AnswerGuard",
    "AnswerRefused",
    "AnswerTooLarge",
    "AnswerTooSlow",
    "MinimumRate",
]

ANSWER_LIMIT = "cozysync.answer_limit"  # request extension: max inflated bytes, or None
ANSWER_MAX = 32 << 20  # an answer read whole: a Cozy changes page is a few MiB
STREAMED = {ANSWER_LIMIT: None}  # the extensions of a request whose reader caps it
PIECE = 256 << 10  # the most one inflate step gives at once
_INFLATE = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


@dataclass(frozen=True, slots=True)
class MinimumRate:
    """The slowest a server may send: ``bytes_per_s`` averaged over ``window_s``
    seconds of waiting for it."""

    bytes_per_s: float = 1024.0
    window_s: float = 60.0

    def describe(self) -> str:
        rate = self.bytes_per_s
        amount = f"{rate / 1024:g} KiB/s" if rate >= 1024 else f"{rate:g} bytes/s"
        return f"under {amount} for {self.window_s:g} s"


class AnswerRefused(httpx.TransportError):
    """An answer cozysync stopped reading on purpose (never retried at once)."""


class AnswerTooSlow(AnswerRefused):
    # ``request``: None when raised below httpx (``network_guard``), which then sets it
    def __init__(self, rate: MinimumRate, request: httpx.Request | None = None) -> None:
        super().__init__(f"the server sends {rate.describe()}", request=request)
        self.rate = rate


class AnswerTooLarge(AnswerRefused):
    def __init__(self, limit: int, request: httpx.Request) -> None:
        super().__init__(f"the answer is larger than {limit} bytes", request=request)
        self.limit = limit


class AnswerGuard:
    """The response hook of ``build_client``: wraps each response's body stream."""

    def __init__(self, rate: MinimumRate | None = None, clock: Clock | None = None) -> None:
        self.rate = rate or MinimumRate()
        self.clock: Clock = clock or SystemClock()

    def __call__(self, response: httpx.Response) -> None:
        request = response.request
        encoding = response.headers.get("Content-Encoding", "").strip().lower()
        wbits = None
        if encoding not in ("", "identity"):
            wbits = _INFLATE.get(encoding)
            if wbits is None:
                response.close()
                raise AnswerRefused(f"an answer encoded {encoding!r}", request=request)
            response.headers.pop("Content-Encoding", None)
            response.headers.pop("Content-Length", None)  # the encoded size: says nothing now
        limit = request.extensions.get(ANSWER_LIMIT, ANSWER_MAX)
        assert isinstance(response.stream, httpx.SyncByteStream)  # httpx.Client's
        response.stream = _GuardedStream(
            response.stream, request, self.rate, self.clock, wbits, limit
        )


class _GuardedStream(httpx.SyncByteStream):
    def __init__(
        self,
        inner: httpx.SyncByteStream,
        request: httpx.Request,
        rate: MinimumRate,
        clock: Clock,
        wbits: int | None,
        limit: int | None,
    ) -> None:
        self._inner, self._request, self._rate, self._clock = inner, request, rate, clock
        self._wbits, self._limit = wbits, limit

    def __iter__(self) -> Iterator[bytes]:
        chunks = self._timed()
        if self._wbits is not None:
            chunks = _inflated(chunks, zlib.decompressobj(self._wbits), self._request)
        if self._limit is None:
            yield from chunks
            return
        total, limit = 0, self._limit
        for chunk in chunks:
            total += len(chunk)
            if total > limit:
                raise AnswerTooLarge(limit, self._request)
            yield chunk

    def _timed(self) -> Iterator[bytes]:
        """The raw chunks; raises ``AnswerTooSlow`` once a window of waiting brought
        too few bytes.  The window starts again after each one that brought enough."""
        monotonic = self._clock.monotonic
        window, floor = self._rate.window_s, self._rate.bytes_per_s
        waited, got = 0.0, 0
        chunks = iter(self._inner)
        while True:
            start = monotonic()
            chunk = next(chunks, None)
            if chunk is None:
                return
            waited += monotonic() - start
            got += len(chunk)
            if waited >= window:
                if got < floor * waited:
                    raise AnswerTooSlow(self._rate, self._request)
                waited, got = 0.0, 0
            yield chunk

    def close(self) -> None:
        self._inner.close()


def _inflated(
    chunks: Iterator[bytes], inflater: zlib._Decompress, request: httpx.Request
) -> Iterator[bytes]:
    """The inflated body, at most ``PIECE`` bytes at a time (a bomb never sits whole in
    memory: its reader stops it at its cap)."""
    try:
        for chunk in chunks:
            data = chunk
            while data:
                piece = inflater.decompress(data, PIECE)
                data = inflater.unconsumed_tail
                if piece:
                    yield piece
            while piece := inflater.decompress(b"", PIECE):  # output still held back
                yield piece
    except zlib.error as exc:
        raise AnswerRefused("a damaged compressed answer", request=request) from exc
