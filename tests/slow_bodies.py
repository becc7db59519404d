"""A WebDAV server made slow on purpose, for the tests of stopping mid-transfer.

``SlowBodies`` is a WSGI middleware: for the requests whose path holds ``path_part``, a
GET's body is sent ``piece`` bytes every ``every_s`` seconds, and a PUT's body is read at
that pace (once the socket's buffers are full, the client's send waits for it), 320 KiB/s
by default.  ``release()`` makes it fast again (a sleep under way ends at once).
``slow_down(server)`` wraps a started ``WsgiDavServer`` (inside its ``FaultInjector``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tests.servers import WsgiDavServer

__all__ = ["SlowBodies", "slow_down"]


class SlowBodies:
    """WSGI middleware: slow GET and PUT bodies for paths holding ``path_part``."""

    def __init__(
        self,
        app: Callable[..., Any],
        *,
        path_part: str = "",
        piece: int = 64 << 10,
        every_s: float = 0.2,
    ) -> None:
        self.app = app
        self.path_part = path_part
        self.piece, self.every_s = piece, every_s
        self._released = threading.Event()

    def release(self) -> None:
        """Full speed from now on."""
        self._released.set()

    def pacer(self) -> Callable[[int], None]:
        """A request's pace: called with each count of bytes moved, it sleeps
        ``every_s`` for every ``piece`` bytes."""
        owed = 0

        def pace(count: int) -> None:
            nonlocal owed
            owed += count
            while owed >= self.piece:
                owed -= self.piece
                self._released.wait(self.every_s)

        return pace

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        method = environ["REQUEST_METHOD"]
        if self.path_part not in environ.get("PATH_INFO", "") or method not in ("GET", "PUT"):
            return self.app(environ, start_response)
        if method == "PUT":
            environ["wsgi.input"] = _SlowInput(environ["wsgi.input"], self.pacer())
            return self.app(environ, start_response)
        return self._slow(self.app(environ, start_response))

    def _slow(self, body: Iterable[bytes]) -> Iterator[bytes]:
        pace = self.pacer()
        try:
            for chunk in body:
                yield chunk
                pace(len(chunk))
        finally:
            close = getattr(body, "close", None)
            if close is not None:
                close()


class _SlowInput:
    """``wsgi.input`` read at its request's pace (64 KiB at most a call)."""

    def __init__(self, inner: Any, pace: Callable[[int], None]) -> None:
        self._inner, self._pace = inner, pace

    def read(self, size: int = -1) -> bytes:
        wanted = 64 << 10 if size is None or size < 0 else min(size, 64 << 10)
        data: bytes = self._inner.read(wanted)
        self._pace(len(data))
        return data

    def readline(self, size: int = -1) -> bytes:
        line: bytes = self._inner.readline(size)
        self._pace(len(line))
        return line


def slow_down(server: WsgiDavServer, path_part: str = "") -> SlowBodies:
    """Make ``server`` slow for the paths holding ``path_part`` (see ``SlowBodies``)."""
    faults = server.faults
    assert faults is not None, "the server is not started"
    slow = SlowBodies(faults.app, path_part=path_part)
    faults.app = slow
    return slow
