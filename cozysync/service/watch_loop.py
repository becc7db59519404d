"""Watch mode: sync on local changes, poll the server, back off while offline."""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
from collections.abc import Callable

from cozysync.errors import AlreadyRunningError, FatalError, StoppedError
from cozysync.events import StatusKind
from cozysync.ports import RESCAN_ALL, ChangeWatcher
from cozysync.service.session import FolderSession

__all__ = ["BACKOFF_BASE_S", "BACKOFF_CAP_S", "FULL_RESCAN_S", "WatchLoop", "backoff_delay"]

log = logging.getLogger(__name__)

FULL_RESCAN_S = 600.0
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 300.0
PAUSE_CHECK_S = 0.5  # how soon a paused loop notices a resume (or the pause's end)


def backoff_delay(failures: int, rng: random.Random) -> float:
    """Exponential back-off with jitter, capped at 5 minutes."""
    delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2.0 ** max(failures - 1, 0))
    return delay * rng.uniform(0.5, 1.0)


class WatchLoop:
    """Watch mode: sync on local changes, poll the server, back off while offline."""

    def __init__(
        self,
        session: FolderSession,
        watcher: ChangeWatcher,
        stop: threading.Event,
        poll_s: float,
        *,
        on_tick: Callable[[], None] = lambda: None,
    ) -> None:
        self.session, self.watcher, self.stop = session, watcher, stop
        self.on_tick = on_tick  # each tick (at least once a second): settings saved elsewhere
        self.poll_s = poll_s
        self.failures = 0
        self.rng = random.Random()
        now = time.monotonic()
        self.next_poll = self.next_rescan = self.retry_at = now
        self.dirty: set[str] = set()
        self.announced_pause = False  # the last pass ended on the pause and said so
        self.remote_events = 0  # "the server changed" triggers (realtime) received so far
        self.deletion_answer: str | None = None  # "confirm"/"put-back": for the next pass
        self.full_pass_asked = False  # by ``sync_soon``, since the last full pass started
        self._calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()

    def set_poll_interval(self, seconds: float) -> None:
        """Poll the server every ``seconds`` from now on (the next poll moves closer)."""
        self.poll_s = seconds
        self.next_poll = min(self.next_poll, time.monotonic() + seconds)

    def remote_changed(self) -> None:
        """The server says something changed (a realtime event, already debounced): poll
        as soon as the loop wakes (within a second).  From any thread."""
        self.remote_events += 1
        self.next_poll = time.monotonic()

    def answer_deletions(self, answer: str) -> None:
        """The user's answer to a deletion guard ("confirm" or "put-back"), for the next
        full pass, which starts within a second.  From any thread."""
        self.deletion_answer = answer
        self.sync_soon()

    def call_soon(self, call: Callable[[], None]) -> None:
        """Run ``call`` on the loop's thread, between passes: before its next pass (a pass
        under way keeps the context it planned with).  From any thread; wake the watcher
        for it to run within the second."""
        self._calls.put(call)

    def _run_calls(self) -> None:
        while True:
            try:
                call = self._calls.get_nowait()
            except queue.Empty:
                return
            call()

    def sync_soon(self) -> None:
        """A full pass as soon as the loop wakes (within a second), also when asked
        while a full pass runs (it may have read the answer or settings before)."""
        self.full_pass_asked = True
        self.next_rescan = time.monotonic()

    def run(self) -> None:
        self._pass(full=True)
        while not self.stop.is_set():
            if self.session.paused_until() is not None:
                self._wait_while_paused()
                continue
            changed = self.watcher.wait(min(1.0, max(0.0, self._next_due() - time.monotonic())))
            if self.stop.is_set():
                break
            self._run_calls()
            self.on_tick()
            self.dirty |= changed
            now = time.monotonic()
            if self.failures:
                if now >= self.retry_at:
                    self._pass(full=True)  # on reconnection: a full reconcile
            elif now >= self.next_rescan or RESCAN_ALL in self.dirty:
                self._pass(full=True)  # a periodic full rescan catches what the watcher missed
            elif now >= self.next_poll:
                self._pass(full=False, list_remote=True)  # poll the server, no local rescan
            elif self.dirty:
                self._pass(full=False)  # a targeted rescan: no listing, no full scan

    def _wait_while_paused(self) -> None:
        """Paused: no pass, no poll; local changes are noted.  On resume: a full pass
        (a transfer the pause dropped is planned again)."""
        if not self.announced_pause:
            self.session.paused()  # says "paused" when no pass was running to say it
        self.announced_pause = True
        while not self.stop.is_set() and self.session.paused_until() is not None:
            self.dirty |= self.watcher.wait(PAUSE_CHECK_S)
            self._run_calls()
            self.on_tick()
        if not self.stop.is_set():
            self._pass(full=True)

    def _next_due(self) -> float:
        if self.failures:
            return self.retry_at
        return min(self.next_poll, self.next_rescan)

    def _pass(self, *, full: bool, list_remote: bool = False) -> None:
        """A full pass lists the server and scans the whole folder; a narrowed one only
        stats what the watcher saw change, against the journal's view of the rest."""
        self._run_calls()  # asked for before this pass: it plans with them
        dirty, self.dirty = self.dirty, set()
        events = self.remote_events
        offline = False
        try:
            if full:
                self.full_pass_asked = False  # first: an answer given from now on is seen
                answer, self.deletion_answer = self.deletion_answer, None
                outcome = self.session.sync(
                    respect_backoff=True,
                    confirm_deletes=answer == "confirm",
                    put_back=answer == "put-back",
                    seen=dirty,
                )
            else:
                outcome = self.session.sync(
                    respect_backoff=True, dirty=dirty, list_remote=list_remote
                )
            offline = outcome.kind is StatusKind.OFFLINE
            self.announced_pause = outcome.kind is StatusKind.PAUSED
        except AlreadyRunningError:
            raise
        except StoppedError:
            return  # ``stop`` is set: the loop ends
        except FatalError as exc:  # a guard, the login: said in the status, retried later
            log.warning("%s: %s", self.session.folder.name, exc.one_line())
        now = time.monotonic()
        self.failures = self.failures + 1 if offline else 0
        if offline:
            self.retry_at = now + backoff_delay(self.failures, self.rng)
            self.dirty |= dirty  # not sent yet: the reconnection pass is a full one anyway
        if full or list_remote:
            self.next_poll = now + self.poll_s
        if self.remote_events != events:  # the server changed during the pass: poll again
            self.next_poll = now
        if full and not self.full_pass_asked:
            self.next_rescan = now + FULL_RESCAN_S
