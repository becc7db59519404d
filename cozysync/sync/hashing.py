"""Hashing while streaming (no I/O of its own: wraps file objects it is handed)."""

from __future__ import annotations

import hashlib
import queue
import threading
from typing import BinaryIO, Protocol, cast

from cozysync.failpoints import failpoint, is_armed

__all__ = ["BACKGROUND_HASH_FROM", "BackgroundMd5", "HashingReader", "HashingWriter", "new_md5"]

# A transfer at least this large is hashed on a thread of its own (hashlib lets go of the
# GIL on large buffers), beside the thread that moves its bytes; a smaller one inline
# (a thread per small file would cost more than it saves).
BACKGROUND_HASH_FROM = 8 * 1024 * 1024


class Md5(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


class BackgroundMd5:
    """An MD5 computed on a thread of its own, fed in order through a bounded queue (at
    most ``depth`` chunks wait: memory stays constant).  ``hexdigest`` waits for every
    chunk given so far.  The thread leaves once idle for ``idle_s`` and is started again
    by the next chunk, so an abandoned transfer leaves no thread behind for long."""

    def __init__(self, depth: int = 32, idle_s: float = 2.0) -> None:
        self._md5 = hashlib.md5(usedforsecurity=False)
        self._chunks: queue.Queue[bytes] = queue.Queue(maxsize=depth)
        self._idle_s = idle_s
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def update(self, data: bytes, /) -> None:
        if not data:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="cozysync-md5", daemon=True)
                self._thread.start()
        self._chunks.put(bytes(data))  # blocks while ``depth`` chunks wait

    def _run(self) -> None:
        while True:
            try:
                chunk = self._chunks.get(timeout=self._idle_s)
            except queue.Empty:
                with self._lock:
                    if self._chunks.empty():  # else a chunk came in just now: go on
                        self._thread = None
                        return
                continue
            try:
                self._md5.update(chunk)
            finally:
                self._chunks.task_done()

    def hexdigest(self) -> str:
        self._chunks.join()
        return self._md5.hexdigest()


def new_md5(expected_size: int) -> Md5:
    """The MD5 for a transfer of about ``expected_size`` bytes (see ``BACKGROUND_HASH_FROM``)."""
    if expected_size >= BACKGROUND_HASH_FROM:
        return BackgroundMd5()
    return hashlib.md5(usedforsecurity=False)


class HashingReader:
    """Reads through to a file, computing the MD5 and the byte count of what was read."""

    def __init__(self, stream: BinaryIO, expected_size: int = 0) -> None:
        self._stream = stream
        self.md5 = new_md5(expected_size)
        self.count = 0
        self._crash_at = expected_size // 2 if is_armed("mid-upload") and expected_size else -1

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.md5.update(data)
        self.count += len(data)
        if 0 <= self._crash_at <= self.count:
            failpoint("mid-upload")
        return data

    def close(self) -> None:
        self._stream.close()

    def fileno(self) -> int:
        """The file's descriptor (a remote reads its mode: a Cozy keeps the x bit)."""
        return self._stream.fileno()

    def __enter__(self) -> HashingReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def hexdigest(self) -> str:
        return self.md5.hexdigest()


class HashingWriter:
    """Writes through to a file, computing the MD5 and the byte count of what was written.

    The one sink every download writes through (sync, conflict copies, restore, export):
    ``copy_body`` trusts its MD5 rather than hashing each byte twice."""

    def __init__(self, stream: BinaryIO, expected_size: int = 0) -> None:
        self._stream = stream
        self._expected_size = expected_size
        self.md5 = new_md5(expected_size)
        self.count = 0
        self._crash_at = expected_size // 2 if is_armed("mid-download") and expected_size else -1

    def write(self, data: bytes) -> int:
        self.md5.update(data)
        self.count += len(data)
        written = self._stream.write(data)
        if 0 <= self._crash_at <= self.count:
            self._stream.flush()
            failpoint("mid-download")
        return written

    def flush(self) -> None:
        self._stream.flush()

    def reset(self) -> None:
        """Start again from an empty file (the server's version changed meanwhile)."""
        self._stream.seek(0)
        self._stream.truncate()
        self.md5.hexdigest()  # a background hash has taken in what it was given
        self.md5 = new_md5(self._expected_size)
        self.count = 0

    def as_binary_io(self) -> BinaryIO:
        return cast(BinaryIO, self)

    @property
    def hexdigest(self) -> str:
        return self.md5.hexdigest()
