"""One cozysync per folder: an exclusive ``flock`` on a lock file.

The kernel drops a flock when its holder's file is closed, including when the process
dies, so a crash never leaves a stale lock behind.  The lock file itself is never
deleted (deleting it would let two processes lock two different files).
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from cozysync.errors import AlreadyRunningError
from cozysync.local.oserrors import translate_os_error

__all__ = ["PROBE_GRACE_S", "InstanceLock"]

# ``status`` (``is_running``) takes a folder's lock for a few microseconds to see whether
# a sync runs: whoever means to hold the folder waits that long before giving up
PROBE_GRACE_S = 1.0


class InstanceLock:
    """``with InstanceLock(path, folder=...):`` hold the folder for this process.

    Raises ``AlreadyRunningError`` if another process (or another ``InstanceLock`` on the
    same file) holds it."""

    def __init__(self, lock_path: Path, *, folder: str | Path | None = None) -> None:
        self.lock_path = Path(lock_path)
        self.folder = str(folder) if folder is not None else str(self.lock_path.parent)
        self._fd: int | None = None

    @property
    def is_held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, wait_s: float = 0.0) -> None:
        """Take the lock; ``wait_s``: how long a holder may keep it before we give up.
        A session waits a little: ``status`` (``is_running``) takes the lock for a few
        microseconds to see whether a sync runs, and a pair starting at that instant
        must not take it for another cozysync (the tray's folder thread then ended)."""
        if self._fd is not None:
            raise RuntimeError("InstanceLock is not reentrant")
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise translate_os_error(exc, str(self.lock_path), "create the lock file") from exc
        deadline = time.monotonic() + wait_s
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise
                    time.sleep(0.02)
        except OSError as exc:
            os.close(fd)
            if isinstance(exc, BlockingIOError):
                title = f"another cozysync is already syncing {self.folder}"
                raise AlreadyRunningError(title, path=self.folder) from exc
            raise translate_os_error(exc, str(self.lock_path), "lock") from exc
        self._fd = fd
        self._write_pid(fd)

    @staticmethod
    def _write_pid(fd: int) -> None:
        """Note who holds the lock, for a person looking at the file (best effort)."""
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        except OSError:
            pass  # the lock is held all the same

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor drops the flock

    def __enter__(self) -> InstanceLock:
        self.acquire(wait_s=PROBE_GRACE_S)  # unlink, relink: not refused for a probe
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
