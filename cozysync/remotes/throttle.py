"""Bandwidth limits: a token bucket per direction, shared by every transfer of the app.

``TokenBucket.take(n)`` lets ``n`` bytes through at ``rate`` bytes per second on
average, after a burst of at most ``burst_s`` seconds' worth (so a short transfer after
a quiet moment is not slowed).  It keeps a debt: a caller that takes more than the
bucket holds sleeps (through the ``Clock``, so tests advance a fake one) until the debt
is paid; concurrent transfers queue their debts, so together they stay under the rate.

The streaming body helpers of ``remotes/http.py`` cut each chunk into ``slices``
(about a quarter second of transfer each when limited) and ``take`` every slice: the
progress callback (and the pause check it makes) runs per slice, so even a slow limit
never holds a pause for long.  ``BANDWIDTH`` holds the app's two buckets; the service
sets their rates from the app settings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

from cozysync.clock import SystemClock
from cozysync.ports import Clock

__all__ = ["BANDWIDTH", "MIN_RATE", "Bandwidth", "TokenBucket"]

MIN_RATE = 1024  # bytes per second: a lower limit would stall transfers for minutes
SLICE_S = 0.25  # the transfer time of one slice when limited
MIN_SLICE = 4096


class TokenBucket:
    """``rate`` bytes per second (None: unlimited), bursts up to ``burst_s`` seconds."""

    def __init__(self, clock: Clock, rate: float | None = None, *, burst_s: float = 0.5) -> None:
        self.clock = clock
        self.burst_s = burst_s
        self._lock = threading.Lock()
        self._rate: float | None = None
        self._tokens = 0.0
        self._stamp = clock.monotonic()
        self.set_rate(rate)

    @property
    def rate(self) -> float | None:
        return self._rate

    def set_rate(self, rate: float | None) -> None:
        """Change the limit (None or 0: unlimited); the bucket starts full."""
        if rate is not None and rate < 0:
            raise ValueError("a bandwidth limit cannot be negative")
        with self._lock:
            self._rate = float(rate) if rate else None
            self._tokens = self._capacity()
            self._stamp = self.clock.monotonic()

    def _capacity(self) -> float:
        return (self._rate or 0.0) * self.burst_s

    def take(self, count: int) -> None:
        """Let ``count`` bytes through: return at once while the bucket holds them, else
        sleep until the debt they make is paid."""
        with self._lock:
            if self._rate is None:
                return
            now = self.clock.monotonic()
            self._tokens = min(self._capacity(), self._tokens + (now - self._stamp) * self._rate)
            self._stamp = now
            self._tokens -= count
            wait = -self._tokens / self._rate if self._tokens < 0 else 0.0
        if wait > 0:
            self.clock.sleep(wait)

    def slices(self, data: bytes) -> Iterator[bytes]:
        """``data`` in pieces of about ``SLICE_S`` of transfer (whole when unlimited)."""
        rate = self._rate
        if rate is None:
            yield data
            return
        size = max(MIN_SLICE, int(rate * SLICE_S))
        for start in range(0, len(data), size):
            yield data[start : start + size]


class Bandwidth:
    """The app's limits: ``up`` (uploads) and ``down`` (downloads)."""

    def __init__(self, clock: Clock | None = None) -> None:
        clock = clock or SystemClock()
        self.up = TokenBucket(clock)
        self.down = TokenBucket(clock)

    def set_limits(self, up: float | None, down: float | None) -> None:
        """Bytes per second each way (None or 0: unlimited)."""
        self.up.set_rate(up)
        self.down.set_rate(down)


BANDWIDTH = Bandwidth()
