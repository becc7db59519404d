"""Small real parts for the remote tests: a clock that records sleeps, byte sources."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from cozysync.remotes.webdav import WebDavRemote
from tests.servers import DavServer


class RecordingClock:
    """Real wall time, but ``sleep`` only records (retries run instantly)."""

    def __init__(self) -> None:
        self.sleeps: list[float] = []
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def make_remote(server: DavServer, clock: RecordingClock | None = None, **kw: str) -> WebDavRemote:
    user = kw.get("user", server.user)
    password = kw.get("password", server.password)
    return WebDavRemote(server.url, user, password, clock=clock or RecordingClock(), timeout=20)


def source(data: bytes) -> Callable[[], BinaryIO]:
    return lambda: io.BytesIO(data)


class PatternFile(io.RawIOBase):
    """``size`` bytes of a repeating pattern, generated on read (no big buffer)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), self.size - self.pos)
        for i in range(0, n, 4096):
            step = min(4096, n - i)
            buffer[i : i + step] = bytes([(self.pos + i) // 4096 % 251]) * step
        self.pos += n
        return n


@contextmanager
def no_leftovers(server: DavServer) -> Iterator[None]:
    """Assert that no ``.cozysync-*`` temp is left on the server's disk afterwards."""
    yield
    left = [p for p in server.root.rglob(".cozysync-*")]
    assert left == [], f"temps left behind: {left}"
