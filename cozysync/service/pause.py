"""Pausing: which pairs are paused, and until when.

One ``PauseBoard`` per ``SyncService``, shared by the threads that serve its pairs.  A
pair syncs when neither it nor "all pairs" is paused.  A pause has an end (``for_s``) or
lasts until ``resume``.  It is saved, so it outlives the process and reaches every other
one: a pair's own pause in its settings (``folders.json``), a pause of every pair in
the app's settings (``settings.json``), each as ``paused`` plus an absolute
``paused_until`` (unix time; None: until resumed).  The engine asks ``is_paused`` before
each action and on every chunk a transfer moves (see ``cozysync.sync.progress``); at
most every ``RECHECK_S`` that asks the files whether another process paused or resumed
(one ``stat`` each), so a pause from another process stops transfers promptly too.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from dataclasses import replace

from cozysync.config import AppSettingsStore, FolderStore
from cozysync.errors import ConfigError
from cozysync.phrases import phrase
from cozysync.ports import Clock
from cozysync.service.settings_stamp import SettingsStamp

__all__ = ["RECHECK_S", "PauseBoard", "describe_pause"]

log = logging.getLogger(__name__)

RECHECK_S = 0.25  # how stale the saved pauses may be when a transfer asks
_ALL = ""  # the key of a pause of every pair (no pair has an empty name)


def _end(paused: bool, until: float | None) -> float | None:
    if not paused:
        return None
    return math.inf if until is None else until


def describe_pause(until: float | None) -> str:
    """ "paused until 14:05" (local time; the date too when not today), or "paused until
    resumed" (``until`` None or math.inf)."""
    if until is None or until == math.inf:
        return "paused until resumed (cozysync resume)"
    same_day = time.localtime(until)[:3] == time.localtime()[:3]
    shown = time.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M:%S", time.localtime(until))
    return f"paused until {shown}"


class PauseBoard:
    """Pauses by pair name (None: all pairs), each with its end as unix time."""

    def __init__(self, clock: Clock, store: FolderStore, app_store: AppSettingsStore) -> None:
        self.clock = clock
        self.store, self.app_store = store, app_store
        self._stamp = SettingsStamp([store.path, app_store.path])
        self._until: dict[str, float] = {}  # name → end (math.inf: until resumed)
        self._checked_at = -math.inf
        self._changed = threading.Condition()

    def pause(self, name: str | None = None, *, for_s: float | None = None) -> None:
        """Pause ``name`` (None: every pair) until ``resume``, or for ``for_s`` seconds."""
        if for_s is not None and (not math.isfinite(for_s) or for_s <= 0):
            raise ConfigError(
                phrase(
                    "a pause must last a positive number of seconds, not {for_s!r}", for_s=for_s
                ),
                phrase("Give the duration in seconds, e.g. 3600 for one hour."),
            )
        until = None if for_s is None else self.clock.now() + for_s
        with self._changed:
            if name is None:
                self.app_store.save(replace(self.app_store.load(), paused=True, paused_until=until))
            else:
                folders = self.store.load()
                self.store.save(
                    [replace(f, paused=True, paused_until=until) if f.name == name else f
                     for f in folders]
                )  # fmt: skip
            self._reload()

    def resume(self, name: str | None = None) -> None:
        """Lift ``name``'s own pause; None lifts every pause (of all pairs and of each)."""
        with self._changed:
            folders = self.store.load()
            if name is None:
                settings = self.app_store.load()
                if settings.paused:
                    self.app_store.save(replace(settings, paused=False, paused_until=None))
            if any(f.paused and name in (None, f.name) for f in folders):
                self.store.save(
                    [replace(f, paused=False, paused_until=None) if name in (None, f.name) else f
                     for f in folders]
                )  # fmt: skip
            self._reload()

    def paused_until(self, name: str) -> float | None:
        """None if ``name`` may sync; else when its pause ends (math.inf: until resumed)."""
        now = self.clock.now()
        with self._changed:
            self._refresh()
            ends = [self._until.get(key) for key in (name, _ALL)]
        live = [end for end in ends if end is not None and end > now]
        return max(live) if live else None

    def is_paused(self, name: str) -> bool:
        return self.paused_until(name) is not None

    def wait(self, timeout: float) -> None:
        """Block until a pause or resume happens here, or ``timeout`` seconds pass."""
        with self._changed:
            self._changed.wait(timeout)

    def _refresh(self) -> None:
        """Read the saved pauses again if a file changed (looked at every RECHECK_S)."""
        now = self.clock.monotonic()
        if now - self._checked_at < RECHECK_S:
            return
        self._checked_at = now
        if self._stamp.changed():
            try:
                self._reload(looked=True)
            except ConfigError as exc:  # keep the last pauses read; the user is told elsewhere
                log.warning("cannot read the pauses: %s", exc.one_line())

    def _reload(self, *, looked: bool = False) -> None:
        if not looked:
            self._stamp.changed()  # look before reading: a later change is seen later
        until: dict[str, float] = {}
        settings = self.app_store.load()
        end = _end(settings.paused, settings.paused_until)
        if end is not None:
            until[_ALL] = end
        for folder in self.store.load():
            end = _end(folder.paused, folder.paused_until)
            if end is not None:
                until[folder.name] = end
        self._until = until
        self._checked_at = self.clock.monotonic()
        self._changed.notify_all()
