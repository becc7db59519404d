"""A pass's progress (files and bytes done / planned) and the cancellation check of its
transfers.  Pure bookkeeping: it reads a ``Clock`` and calls ``emit``, nothing else.

Transfers report their bytes through the ``Progress`` callback the remotes already call
once per chunk; the callback made here also asks the pass's ``CancelToken``
(``cozysync.sync.cancel``) and raises ``PausedError`` when the user paused,
``StoppedError`` when syncing was stopped (Ctrl-C, quit): the remote drops the transfer
(a download's temp file is removed, an upload's server temp deleted or kept for the next
pass to delete), nothing is journalled, and the item is transferred again by the next
pass.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from cozysync.events import Event, ProgressChanged
from cozysync.models import Action, ActionKind, Plan
from cozysync.ports import Clock, Progress
from cozysync.sync.cancel import CancelToken

__all__ = ["PROGRESS_INTERVAL_S", "PassProgress"]

PROGRESS_INTERVAL_S = 0.25  # at most one ProgressChanged per interval while bytes flow

_NOT_COUNTED = frozenset({ActionKind.RECORD, ActionKind.FORGET, ActionKind.REPORT})
_UPLOADS = frozenset({ActionKind.UPLOAD})
_DOWNLOADS = frozenset({ActionKind.DOWNLOAD, ActionKind.COMPARE_CONTENT})


def planned_bytes(action: Action) -> int:
    """The bytes ``action`` is expected to move (0 for a folder, move or deletion)."""
    if action.is_dir:
        return 0
    if action.kind in _UPLOADS and action.local is not None:
        return action.local.size
    if action.kind in _DOWNLOADS and action.remote is not None:
        return action.remote.size
    return 0


class PassProgress:
    """Files and bytes of the current pass; thread-safe (transfers run in workers)."""

    def __init__(
        self,
        clock: Clock,
        emit: Callable[[Event], None],
        cancel: CancelToken | None = None,
        interval_s: float | None = None,
    ) -> None:
        self.clock = clock
        self.emit = emit
        self.cancel = cancel or CancelToken()
        self.interval_s = PROGRESS_INTERVAL_S if interval_s is None else interval_s
        self._lock = threading.Lock()
        self.start_pass()

    def start_pass(self) -> None:
        with self._lock:
            self.files_done = self.files_total = 0
            self.bytes_done = self.bytes_total = 0
            self._moving: dict[str, int] = {}  # bytes moved by each unfinished transfer
            self._last_emit: float | None = None
            self._current: str | None = None

    def add_plan(self, plan: Plan) -> None:
        """A round's actions join the pass's totals (one ProgressChanged says so)."""
        counted = [a for a in plan.actions if a.kind not in _NOT_COUNTED]
        with self._lock:
            self.files_total += len(counted)
            self.bytes_total += sum(planned_bytes(a) for a in counted)
        self._emit(force=True)

    def check_cancelled(self) -> None:
        """Raise ``StoppedError`` if syncing was stopped, ``PausedError`` if paused."""
        self.cancel.check()

    def for_item(self, action: Action) -> Progress:
        """The ``progress`` callback of ``action``'s transfer: counts its bytes, emits a
        throttled ``ProgressChanged``, and stops the transfer when stopped or paused."""
        path = action.local_path

        def on_bytes(count: int) -> None:
            with self._lock:
                self._moving[path] = self._moving.get(path, 0) + count
                self.bytes_done += count
                self._current = path
            self.check_cancelled()
            self._emit()

        return on_bytes

    def finished(self, action: Action, ok: bool) -> None:
        """``action`` is over: done (its planned bytes count, whatever a retry resent)
        or failed (the bytes it moved no longer count)."""
        if action.kind in _NOT_COUNTED:
            return
        with self._lock:
            moved = self._moving.pop(action.local_path, 0)
            self.bytes_done -= moved
            if ok:
                self.files_done += 1
                self.bytes_done += planned_bytes(action)
            else:
                self.files_total -= 1
                self.bytes_total -= planned_bytes(action)
            last = self.files_done >= self.files_total
        self._emit(force=last)

    def snapshot(self) -> ProgressChanged:
        with self._lock:
            return self._snapshot()

    def _snapshot(self) -> ProgressChanged:
        return ProgressChanged(
            files_done=self.files_done,
            files_total=self.files_total,
            bytes_done=min(self.bytes_done, self.bytes_total),
            bytes_total=self.bytes_total,
            current_path=self._current,
        )

    def _emit(self, *, force: bool = False) -> None:
        now = self.clock.monotonic()
        with self._lock:
            due = self._last_emit is None or now - self._last_emit >= self.interval_s
            if not (force or due):
                return
            self._last_emit = now
            event = self._snapshot()
        self.emit(event)
