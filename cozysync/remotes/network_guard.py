"""The minimum transfer rate on the connection itself, so that it holds while the
status line and headers arrive too.

``AnswerGuard`` times an answer's body, and httpx calls it only once the head is in: a
server that dripped its status line and headers (a byte every 59 s) was bounded only by
the read timeout, which restarts at each byte, and by httpcore's 100 KiB limit on a head
(some 68 days).  ``guard_connections`` wraps the network backend of each connection pool
of an ``httpx.Client``, so that every connection's stream keeps the ``MinimumRate``:

- from the last ``write()`` (a request, or a piece of its body, just sent), the time spent
  blocked in ``read()`` waiting for the server is summed with the bytes it returned;
- once that time reaches ``window_s`` with fewer than ``bytes_per_s`` per second of it,
  ``AnswerTooSlow`` is raised (httpx lets it through as it is; ``raise_for_failure``
  makes it a ``SlowServerError``); a window that brought enough starts a new one.

The body's reads are counted too (the same rule ``AnswerGuard`` keeps above them), at
the cost of two clock reads and a few additions per read of up to 64 KiB.  The TLS
handshake, whose reads happen inside the ``ssl`` module, must end within one window (a
timer shuts the socket down past it).

httpx takes no network backend.  The pools it builds (proxies from the environment, TLS
verification, limits, retries) are kept as they are, and only the backend each one holds
is wrapped: four private names, read here and nowhere else (the client's ``_transport``
and ``_mounts``, an ``HTTPTransport``'s ``_pool``, and a pool's ``_network_backend``,
httpcore's ``network_backend`` parameter stored as given; read on httpx 0.29 and
httpcore 1.0.9).  Where a newer httpx has moved one, the client still works, with
bodies guarded (``answer_guard``) but not the wait for the status line and headers, and a
warning in the log; the tests check every pool of the installed httpx with
``is_guarded``, so CI says so before a release ships it.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import httpx

from cozysync.ports import Clock
from cozysync.remotes.answer_guard import AnswerTooSlow, MinimumRate
from cozysync.remotes.proxy_pac import PacTransport

if TYPE_CHECKING:  # httpcore is imported by httpx's transport, when a client is built
    import ssl

    import httpcore

__all__ = ["guard_connections", "is_guarded"]

log = logging.getLogger(__name__)

_BACKEND = "_network_backend"


def guard_connections(client: httpx.Client, rate: MinimumRate, clock: Clock) -> None:
    """Make every connection ``client`` opens keep ``rate`` (timed by ``clock``).  A PAC
    file's transport (``proxy_pac.PacTransport``) has its pools guarded as it makes them."""
    if isinstance(client._transport, PacTransport):
        client._transport.each_transport(lambda made: _guard_transport(made, rate, clock))
        return
    try:
        pools = _pools(client)
    except (TypeError, AttributeError) as exc:
        log.warning("the wait for an answer's headers is not timed: %s", exc)
        return
    for pool in pools:
        _guard_pool(pool, rate, clock)


def _guard_transport(transport: httpx.BaseTransport, rate: MinimumRate, clock: Clock) -> None:
    pool = getattr(transport, "_pool", None)
    if pool is None:
        log.warning("the wait for an answer's headers is not timed (%s)", type(transport).__name__)
    else:
        _guard_pool(pool, rate, clock)


def _guard_pool(pool: object, rate: MinimumRate, clock: Clock) -> None:
    inner = getattr(pool, _BACKEND, None)
    if inner is None:
        log.warning("the wait for an answer's headers is not timed (%s)", type(pool).__name__)
    elif not isinstance(inner, _TimedBackend):
        setattr(pool, _BACKEND, _TimedBackend(inner, rate, clock.monotonic))


def is_guarded(client: httpx.Client) -> bool:
    """Whether each connection pool of ``client`` keeps a minimum rate."""
    return all(isinstance(getattr(p, _BACKEND, None), _TimedBackend) for p in _pools(client))


def _pools(client: httpx.Client) -> list[object]:
    """The connection pools of ``client``'s transports: its own and one per proxy."""
    transports = [client._transport, *client._mounts.values()]
    if isinstance(client._transport, PacTransport):  # the entries' transports made so far
        transports = list(client._transport.transports())
    pools = []
    for transport in transports:
        if transport is None:  # a host the environment exempts from the proxy
            continue
        pool = getattr(transport, "_pool", None)
        if pool is None:
            raise TypeError(f"cannot time the connections of {type(transport).__name__}")
        pools.append(pool)
    return pools


class _TimedBackend:
    """An httpcore ``NetworkBackend`` whose streams keep the minimum rate."""

    def __init__(
        self, inner: httpcore.NetworkBackend, rate: MinimumRate, monotonic: Callable[[], float]
    ) -> None:
        self._inner, self._rate, self._monotonic = inner, rate, monotonic

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _TimedStream:
        stream = self._inner.connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )
        return _TimedStream(stream, self._rate, self._monotonic)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> _TimedStream:
        stream = self._inner.connect_unix_socket(
            path, timeout=timeout, socket_options=socket_options
        )
        return _TimedStream(stream, self._rate, self._monotonic)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _TimedStream:
    """An httpcore ``NetworkStream`` that raises ``AnswerTooSlow`` once a window of
    waiting for the server (since the last write) brought too few bytes."""

    __slots__ = ("_floor", "_got", "_inner", "_monotonic", "_rate", "_waited", "_window")

    def __init__(
        self, inner: httpcore.NetworkStream, rate: MinimumRate, monotonic: Callable[[], float]
    ) -> None:
        self._inner, self._rate, self._monotonic = inner, rate, monotonic
        self._window, self._floor = rate.window_s, rate.bytes_per_s
        self._waited, self._got = 0.0, 0

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        start = self._monotonic()
        data = self._inner.read(max_bytes, timeout)
        self._waited += self._monotonic() - start
        self._got += len(data)
        if self._waited >= self._window:
            if data and self._got < self._floor * self._waited:  # (at EOF: httpcore says)
                raise AnswerTooSlow(self._rate)
            self._waited, self._got = 0.0, 0
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._waited, self._got = 0.0, 0  # a request: its answer is waited for from now
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> _TimedStream:
        """The TLS handshake (its reads happen inside ``ssl``, unseen by ``read``) must
        end within one window: a few KiB that a real server sends at once.  Past it the
        socket is shut down, which fails the handshake, told as too slow an answer."""
        sock = self._inner.get_extra_info("socket")
        # ``ssl`` detaches the socket object it wraps: shut the connection down through a
        # duplicate of its descriptor
        twin = sock.dup() if isinstance(sock, socket.socket) else None
        expired = threading.Event()

        def cut() -> None:
            expired.set()
            if twin is not None:
                with suppress(OSError):
                    twin.shutdown(socket.SHUT_RDWR)

        timer = threading.Timer(self._window, cut)
        timer.daemon = True
        timer.start()
        try:
            stream = self._inner.start_tls(ssl_context, server_hostname, timeout)
        except Exception:
            if expired.is_set():
                raise AnswerTooSlow(self._rate) from None
            raise
        finally:
            timer.cancel()
            if twin is not None:
                twin.close()
        return _TimedStream(stream, self._rate, self._monotonic)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
