"""One cancellation token for pause, stop and quit.

Long work asks one ``CancelToken`` whether it must stop now: the executor before each
action, every transfer on each chunk it moves (through ``PassProgress``), the watch loop
between passes.  Two things make it say so:

- a **stop**: the ``threading.Event`` the caller sets (Ctrl-C or SIGTERM in the CLI, the
  tray's Quit): ``check`` raises ``StoppedError``;
- a **pause** of the pair (read from the saved pauses by ``is_paused``): ``check``
  raises ``PausedError``.

Either error unwinds the pass the same way: a transfer in flight is dropped like one cut
by a kill (a download's temp file removed, an upload's server temp deleted or kept for
the next pass to delete), nothing of it is journalled, no per-item error is recorded.

``StopEvent`` is the stop to use where one is made: setting it also wakes the sleepers
registered with ``on_set`` (a watch loop waiting for local changes), so a stop between
passes does not wait for their timeouts.  Pure bookkeeping: no I/O.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from cozysync.errors import PausedError, StoppedError

__all__ = ["CancelToken", "StopEvent"]


class StopEvent(threading.Event):
    """A ``threading.Event`` whose ``set`` also calls the callbacks added by ``on_set``."""

    def __init__(self) -> None:
        super().__init__()
        self._callbacks: list[Callable[[], None]] = []
        self._callbacks_lock = threading.Lock()

    def set(self) -> None:
        super().set()
        with self._callbacks_lock:
            callbacks = list(self._callbacks)
        for callback in callbacks:
            callback()

    def on_set(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` (from the setting thread) when set, at once if already set;
        returns the function that removes it."""
        with self._callbacks_lock:
            self._callbacks.append(callback)
        if self.is_set():
            callback()

        def remove() -> None:
            with self._callbacks_lock:
                if callback in self._callbacks:
                    self._callbacks.remove(callback)

        return remove


class CancelToken:
    """Whether long work must stop now: ``stop`` set, or the pair paused."""

    def __init__(
        self,
        stop: threading.Event | None = None,
        is_paused: Callable[[], bool] | None = None,
    ) -> None:
        self.stop = stop if stop is not None else threading.Event()
        self.is_paused = is_paused or (lambda: False)

    def check(self) -> None:
        """Raise ``StoppedError`` if stopped, else ``PausedError`` if paused."""
        if self.stop.is_set():
            raise StoppedError("syncing was stopped")
        if self.is_paused():
            raise PausedError("syncing is paused")
