"""The only way work leaves the GUI thread.

``run_in_background(op, on_success, on_failure)`` runs ``op()`` in a worker thread and
calls ``on_success(result)`` or ``on_failure(exc)`` back on the GUI thread.

**Never touch a widget inside the op**: read what it needs from the widgets first, pass
plain values in, and update the widgets in ``on_success``/``on_failure``.

``FolderRunners`` keeps one engine thread per linked folder (``SyncService.run`` in watch
mode) and stops each through its ``StopEvent``: a pass under way stops at once (its
transfers dropped), a waiting loop wakes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from cozysync.api import StopEvent
from cozysync.logs import pair_logging, pair_of

__all__ = ["FolderRunners", "pending_background_ops", "run_in_background", "wait_for_background"]

log = logging.getLogger(__name__)

_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


class _Courier(QObject):
    """Created on the GUI thread; its signal, emitted by the worker, is queued back."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_success: Callable[[Any], None], on_failure: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._on_success, self._on_failure = on_success, on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, value: object) -> None:
        _couriers.discard(self)
        self._on_success(value)

    @Slot(object)
    def _deliver_failure(self, exc: BaseException) -> None:
        _couriers.discard(self)
        self._on_failure(exc)


_couriers: set[_Courier] = set()  # keep each alive until its answer is delivered


def run_in_background(
    op: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
) -> threading.Thread:
    """Run ``op`` off the GUI thread; the callbacks run on the GUI thread.
    Never touch a widget inside the op."""
    courier = _Courier(on_success, on_failure)
    _couriers.add(courier)

    def work() -> None:
        try:
            result = op()
        except Exception as exc:
            log.debug("background operation failed: %r", exc)
            courier.failed.emit(exc)
        else:
            courier.succeeded.emit(result)
        finally:
            with _threads_lock:
                _threads.discard(threading.current_thread())

    thread = threading.Thread(target=work, name="cozysync-ui-op", daemon=True)
    with _threads_lock:
        _threads.add(thread)
    thread.start()
    return thread


def pending_background_ops() -> int:
    with _threads_lock:
        return len(_threads)


def wait_for_background(timeout: float = 30.0) -> None:
    """Join every running op (used on quit; their answers are then dropped)."""
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)


class FolderRunners(QObject):
    """One engine thread per folder, each running ``run(name, stop)`` until stopped.

    ``stopped(name, error)`` is emitted on the GUI thread when a folder's thread ends
    (``error`` is None after a clean stop, else the exception that ended it).
    """

    stopped = Signal(str, object)
    _ended = Signal(str, object, object)  # name, thread, error

    def __init__(
        self, run: Callable[[str, threading.Event], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._run = run
        self._threads: dict[str, tuple[threading.Thread, threading.Event]] = {}
        self._ended.connect(self._on_ended)

    def is_running(self, name: str) -> bool:
        return name in self._threads

    def running(self) -> list[str]:
        return sorted(self._threads)

    def start(self, name: str) -> None:
        if name in self._threads:
            return
        stop = StopEvent()

        def work() -> None:
            error: BaseException | None = None
            try:
                self._run(name, stop)
            except Exception as exc:
                with pair_logging(pair_of(exc)):  # it may name the pair's files
                    log.warning("the engine thread of %s ended: %r", name, exc)
                error = exc
            self._ended.emit(name, threading.current_thread(), error)

        thread = threading.Thread(target=work, name=f"cozysync-engine-{name}", daemon=True)
        self._threads[name] = (thread, stop)
        thread.start()

    def stop(self, name: str) -> None:
        """Ask the folder's thread to stop (its pass under way too; returns at once)."""
        if name in self._threads:
            self._threads[name][1].set()

    def stop_all(self, timeout: float = 30.0) -> bool:
        """Stop every thread and wait for them, ``timeout`` seconds in all (on quit).
        True when all ended."""
        threads = list(self._threads.values())
        for _thread, stop in threads:
            stop.set()
        deadline = time.monotonic() + timeout
        for thread, _stop in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        alive = any(thread.is_alive() for thread, _stop in threads)
        if not alive:
            self._threads.clear()
        return not alive

    @Slot(str, object, object)
    def _on_ended(self, name: str, thread: object, error: object) -> None:
        entry = self._threads.get(name)
        if entry is None or entry[0] is not thread:
            return  # already cleared by stop_all
        entry[0].join()
        del self._threads[name]
        self.stopped.emit(name, error)
