"""Pausing: which pairs are paused, and until when.

One ``PauseBoard`` per ``SyncService``, shared by the threads that serve its pairs.  A
pair syncs when neither it nor "all pairs" is paused.  A pause has an end (``for_s``) or
lasts until ``resume``; it lives in memory (the tray's process): a new process starts
unpaused.  The engine asks ``is_paused`` before each action and on every chunk a
transfer moves, so a pause stops transfers promptly (see ``cozysync.sync.progress``).
"""

from __future__ import annotations

import math
import threading

from cozysync.errors import ConfigError
from cozysync.ports import Clock

__all__ = ["PauseBoard"]

_ALL = ""  # the key of a pause of every pair (no pair has an empty name)


class PauseBoard:
    """Pauses by pair name (None: all pairs), each with its end as unix time."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._until: dict[str, float] = {}  # name → end (math.inf: until resumed)
        self._changed = threading.Condition()

    def pause(self, name: str | None = None, *, for_s: float | None = None) -> None:
        """Pause ``name`` (None: every pair) until ``resume``, or for ``for_s`` seconds."""
        if for_s is not None and (not math.isfinite(for_s) or for_s <= 0):
            raise ConfigError(
                f"a pause must last a positive number of seconds, not {for_s!r}",
                "Give the duration in seconds, e.g. 3600 for one hour.",
            )
        end = math.inf if for_s is None else self.clock.now() + for_s
        with self._changed:
            self._until[name or _ALL] = end
            self._changed.notify_all()

    def resume(self, name: str | None = None) -> None:
        """Lift ``name``'s own pause; None lifts every pause (of all pairs and of each)."""
        with self._changed:
            if name is None:
                self._until.clear()
            else:
                self._until.pop(name, None)
            self._changed.notify_all()

    def paused_until(self, name: str) -> float | None:
        """None if ``name`` may sync; else when its pause ends (math.inf: until resumed)."""
        now = self.clock.now()
        with self._changed:
            ends = [self._until.get(key) for key in (name, _ALL)]
            live = [end for end in ends if end is not None and end > now]
        return max(live) if live else None

    def is_paused(self, name: str) -> bool:
        return self.paused_until(name) is not None

    def wait(self, timeout: float) -> None:
        """Block until a pause or resume happens, or ``timeout`` seconds pass."""
        with self._changed:
            self._changed.wait(timeout)
