"""Serving several pairs at once: one watch loop thread per linked folder, all stopped by
one event.  A pair that cannot be served (its folder missing, another cozysync on it) is
reported and stops alone; the others go on."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cozysync.config import FolderConfig
from cozysync.errors import CozySyncError
from cozysync.logs import enter_pair

__all__ = ["PairRunner", "PairStopped"]

log = logging.getLogger(__name__)

JOIN_POLL_S = 0.5


@dataclass(frozen=True, slots=True)
class PairStopped:
    """A pair that stopped being served before the others, and why."""

    name: str
    error: CozySyncError


ServeFn = Callable[[FolderConfig, threading.Event], None]


class PairRunner:
    """Run ``serve(folder, stop)`` for every folder in its own thread until ``stop``."""

    def __init__(
        self,
        folders: Sequence[FolderConfig],
        serve: ServeFn,
        stop: threading.Event,
        on_stopped: Callable[[PairStopped], None] | None = None,
    ) -> None:
        self.folders, self.serve, self.stop = list(folders), serve, stop
        self.on_stopped = on_stopped
        self.stopped: list[PairStopped] = []
        self._crash: BaseException | None = None
        self._lock = threading.Lock()

    def run(self) -> list[PairStopped]:
        """Serve until ``stop`` is set (or every pair stopped); the pairs that stopped on
        an error.  A bug in one thread stops them all and is raised here."""
        threads = [
            threading.Thread(target=self._serve, args=(folder,), name=f"cozysync {folder.name}")
            for folder in self.folders
        ]
        for thread in threads:
            thread.start()
        try:
            while any(t.is_alive() for t in threads) and not self.stop.is_set():
                self.stop.wait(JOIN_POLL_S)
        finally:
            self.stop.set()
            for thread in threads:
                thread.join()
        if self._crash is not None:
            raise self._crash
        return self.stopped

    def _serve(self, folder: FolderConfig) -> None:
        enter_pair(folder.folder_id)  # this thread works on this pair only
        try:
            self.serve(folder, self.stop)
        except CozySyncError as exc:
            log.warning("%s: stopped: %s", folder.name, exc.one_line())
            stopped = PairStopped(folder.name, exc)
            with self._lock:
                self.stopped.append(stopped)
            if self.on_stopped is not None:
                self.on_stopped(stopped)
        except BaseException as exc:  # a bug: bring every pair down, raise it in run()
            log.exception("%s: unexpected error", folder.name)
            with self._lock:
                self._crash = self._crash or exc
            self.stop.set()
