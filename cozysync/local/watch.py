"""Watch the local folder for changes (the only module importing watchdog).

"Watcher debounce" (docs/sync-algorithm.md): a path the OS reports is held back until it
is *stable*, its type, size and mtime unchanged for ``debounce`` seconds, so a file that
is still being written is never synced half-way.  A path that is gone is reported once
the window has passed too.  ``wait()`` returns ``{""}`` ("rescan everything") when the
watcher may have missed events: the kernel queue overflowed, the watcher failed or was
restarted (after a resume), or the root itself was moved or deleted.

Idle cost is nil: ``wait()`` blocks on a Condition; watchdog's threads block on inotify.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
import time
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cozysync.clock import SystemClock
from cozysync.errors import FatalError, RootGuardError
from cozysync.local.ignore import IGNORE_FILE_NAME
from cozysync.local.marker import is_own_temp_name
from cozysync.local.oserrors import translate_os_error
from cozysync.logs import current_pair, pair_logging
from cozysync.paths import name_of, parent_of
from cozysync.phrases import phrase
from cozysync.ports import RESCAN_ALL, Clock, IgnoreRules

if TYPE_CHECKING:  # watchdog itself is imported when watching starts (start-up time)
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers.api import BaseObserver

__all__ = ["RESCAN_ALL", "FolderWatcher"]

_WATCHDOG_LOGGER = "watchdog.observers"
_HEALTH_CHECK_EVERY = 2.0  # seconds; also how often a broken watcher retries
# watchdog's event types (``watchdog.events.EVENT_TYPE_*``)
_MOVED = "moved"
_UNSEEN_EVENTS = {"opened", "closed_no_write"}

Signature = tuple[int, int, int] | None  # (file type, size, mtime_ns); None: nothing there


def _signature(abs_path: str) -> Signature:
    try:
        st = os.lstat(abs_path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return (stat.S_IFDIR, 0, 0)  # a folder is stable once it exists
    return (stat.S_IFMT(st.st_mode), st.st_size, st.st_mtime_ns)


@dataclass(slots=True)
class _Pending:
    signature: Signature
    since: float  # clock.monotonic() of the last change seen


class _LostEventsHandler(logging.Handler):
    """watchdog reports a kernel queue overflow (and failed re-watches) only by logging."""

    def __init__(self, watcher: FolderWatcher) -> None:
        super().__init__(level=logging.WARNING)
        self._watcher = watcher

    def emit(self, record: logging.LogRecord) -> None:
        self._watcher.request_rescan()


class _Handler:
    """What watchdog's observer calls with each event (its ``dispatch``)."""

    def __init__(self, watcher: FolderWatcher) -> None:
        self._watcher = watcher
        self._pair = current_pair()  # watchdog's thread logs to the pair's log too

    def dispatch(self, event: FileSystemEvent) -> None:
        try:
            self._watcher._on_event(event)
        except Exception:  # never kill watchdog's thread: rescan instead
            with pair_logging(self._pair) if self._pair else nullcontext():
                logging.getLogger(__name__).exception("cannot handle %r", event)
            self._watcher.request_rescan()


class FolderWatcher:
    """Reports stable changed paths below ``root`` (relative, with ``/``)."""

    def __init__(
        self,
        root: Path,
        ignore: IgnoreRules,
        *,
        debounce: float = 0.5,
        clock: Clock | None = None,
    ) -> None:
        self.root = Path(root)
        self._root_str = os.fspath(self.root)
        self._ignore = ignore
        self._debounce = debounce
        self._clock: Clock = clock if clock is not None else SystemClock()
        self._cond = threading.Condition()
        self._pending: dict[str, _Pending] = {}
        self._rescan = False
        self._woken = False  # ``wake`` was called: the next ``wait`` returns at once
        self._observer: BaseObserver | None = None
        self._started_before = False
        self._broken = False  # watching failed; ``wait`` tries to start again
        self.last_error: str | None = None
        self._log_handler = _LostEventsHandler(self)

    # --- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start watching; a second start (after ``stop``) asks for a full rescan."""
        if self._observer is not None:
            return
        from watchdog.observers import Observer

        observer = Observer()
        try:
            handler = cast("FileSystemEventHandler", _Handler(self))  # only dispatch() is used
            observer.schedule(handler, self._root_str, recursive=True)
            observer.start()
        except OSError as exc:
            _stop_observer(observer)
            raise self._start_error(exc) from exc
        logging.getLogger(_WATCHDOG_LOGGER).addHandler(self._log_handler)
        self._observer = observer
        if self._started_before:
            self.request_rescan()
        self._started_before = True

    def _start_error(self, exc: OSError) -> FatalError:
        if not self.root.is_dir():
            return RootGuardError(f"the folder {self.root} is missing")
        error = translate_os_error(exc, "", "watch for changes in")
        return FatalError(error.title, hint=phrase("cozysync will look for changes by rescanning."))

    def stop(self) -> None:
        """Stop watching and join watchdog's threads."""
        self._broken = False
        observer, self._observer = self._observer, None
        logging.getLogger(_WATCHDOG_LOGGER).removeHandler(self._log_handler)
        if observer is not None:
            _stop_observer(observer)
        with self._cond:
            self._cond.notify_all()

    def restart(self) -> None:
        """Stop and start again (after a resume); the next ``wait`` asks for a rescan."""
        self.stop()
        self.start()

    def wake(self) -> None:
        """Make the ``wait`` under way (or the next one) return at once, with nothing
        changed: the loop has something else to do (it is being stopped)."""
        with self._cond:
            self._woken = True
            self._cond.notify_all()

    def request_rescan(self) -> None:
        with self._cond:
            self._rescan = True
            self._cond.notify_all()

    # --- events ---------------------------------------------------------------------------

    def _on_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _UNSEEN_EVENTS:
            return
        if event.is_directory and event.event_type == "modified":
            return  # a child changed: the child's own event says which
        paths = [os.fsdecode(event.src_path)]
        if event.event_type == _MOVED and event.dest_path:
            paths.append(os.fsdecode(event.dest_path))
        for abs_path in paths:
            self._note(abs_path, event.is_directory)

    def _note(self, abs_path: str, is_dir: bool) -> None:
        rel = self._relative(abs_path)
        if rel is None:
            return
        if rel in (RESCAN_ALL, IGNORE_FILE_NAME):  # the root moved or vanished; other rules
            self.request_rescan()  # (never synced itself): what they include or leave out
            return
        if self._is_ignored(rel, is_dir):
            return
        signature = _signature(abs_path)
        with self._cond:
            self._pending[rel] = _Pending(signature, self._clock.monotonic())
            self._cond.notify_all()

    def _relative(self, abs_path: str) -> str | None:
        if abs_path == self._root_str:
            return RESCAN_ALL
        prefix = self._root_str.rstrip(os.sep) + os.sep
        if not abs_path.startswith(prefix):
            return None
        return abs_path[len(prefix) :].replace(os.sep, "/")

    def _is_ignored(self, rel: str, is_dir: bool) -> bool:
        if is_own_temp_name(name_of(rel)) or self._ignore.is_ignored(rel, is_dir):
            return True
        folder = parent_of(rel)
        while folder:
            if self._ignore.is_ignored(folder, True):
                return True
            folder = parent_of(folder)
        return False

    # --- waiting --------------------------------------------------------------------------

    def wait(self, timeout: float) -> set[str]:
        """The changed paths that are now stable, ``{""}`` to rescan everything, or an
        empty set after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            self._heal()
            with self._cond:
                if self._rescan:
                    self._rescan = False
                    self._pending.clear()
                    return {RESCAN_ALL}
                ready, next_due = self._take_stable()
                if ready:
                    return ready
                if self._woken:
                    self._woken = False
                    return set()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return set()
                delay = min(remaining, _HEALTH_CHECK_EVERY)
                self._cond.wait(delay if next_due is None else min(delay, next_due))

    def _heal(self) -> None:
        """A watchdog thread died (the root vanished...): events were lost.  Ask for a
        rescan and start watching again as soon as that works."""
        observer = self._observer
        if observer is not None and not _is_running(observer):
            self.last_error = "the watcher stopped; looking for changes by rescanning"
            self.stop()
            self._broken = True
            self.request_rescan()
        if self._broken:
            try:
                self.start()
            except FatalError as exc:
                self.last_error = exc.title
            else:
                self._broken = False

    def _take_stable(self) -> tuple[set[str], float | None]:
        """Pop the paths stable for the whole window; and seconds until the next is due."""
        now = self._clock.monotonic()
        ready: set[str] = set()
        next_due: float | None = None
        for rel, pending in list(self._pending.items()):
            due = pending.since + self._debounce - now
            if due <= 0:
                signature = _signature(os.path.join(self._root_str, rel))
                if signature == pending.signature:
                    ready.add(rel)
                    del self._pending[rel]
                    continue
                pending.signature, pending.since, due = signature, now, self._debounce
            next_due = due if next_due is None else min(next_due, due)
        return ready, next_due


def _is_running(observer: BaseObserver) -> bool:
    return observer.is_alive() and all(emitter.is_alive() for emitter in observer.emitters)


def _stop_observer(observer: BaseObserver) -> None:
    observer.stop()
    if observer.is_alive():
        observer.join()
