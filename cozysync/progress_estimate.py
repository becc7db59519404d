"""How far a pass has come and how long it has left, from its ``ProgressChanged`` counts
(shown by the CLI's progress line and the app's window alike).

The share done weighs each item by its bytes plus a fixed cost (a request, a rename,
a journal row): 2,000 small files are not done when their few bytes are.  Time left
is the work left at the pass's average rate so far, said only once the pass has run a
little (a first second's rate says nothing)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ITEM_COST_BYTES", "Progress", "ProgressEstimate"]

ITEM_COST_BYTES = 64 * 1024  # what one item costs beyond its bytes, as bytes moved
MIN_ELAPSED_S = 2.0  # before this, no time left is said


@dataclass(frozen=True, slots=True)
class Progress:
    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    percent: int  # 0..100, 100 only when everything is done
    seconds_left: float | None  # None: not known yet


def _work(files: int, size: int) -> int:
    return files * ITEM_COST_BYTES + size


class ProgressEstimate:
    """Feed it each pass's counts; a pass starting again (counts going back) starts the
    clock again.  ``clock`` gives seconds (``time.monotonic``)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._started_at: float | None = None
        self._work_at_start = 0
        self._last_work = -1

    def update(
        self, files_done: int, files_total: int, bytes_done: int, bytes_total: int
    ) -> Progress:
        now = self.clock()
        done, total = _work(files_done, bytes_done), _work(files_total, bytes_total)
        if self._started_at is None or done < self._last_work:
            self._started_at, self._work_at_start = now, done
        self._last_work = done
        percent = min(100, done * 100 // total) if total else 0
        elapsed = now - self._started_at
        moved = done - self._work_at_start
        seconds_left = None
        if elapsed >= MIN_ELAPSED_S and moved > 0 and done < total:
            seconds_left = max(0, total - done) * elapsed / moved
        return Progress(files_done, files_total, bytes_done, bytes_total, percent, seconds_left)

    def reset(self) -> None:
        self._started_at, self._last_work = None, -1
