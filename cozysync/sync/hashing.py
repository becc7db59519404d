"""Hashing while streaming (no I/O of its own: wraps file objects it is handed)."""

from __future__ import annotations

import hashlib
from typing import BinaryIO, cast

from cozysync.failpoints import failpoint, is_armed

__all__ = ["HashingReader", "HashingWriter"]


class HashingReader:
    """Reads through to a file, computing the MD5 and the byte count of what was read."""

    def __init__(self, stream: BinaryIO, expected_size: int = 0) -> None:
        self._stream = stream
        self.md5 = hashlib.md5(usedforsecurity=False)
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
        self.md5 = hashlib.md5(usedforsecurity=False)
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
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.count = 0

    def as_binary_io(self) -> BinaryIO:
        return cast(BinaryIO, self)

    @property
    def hexdigest(self) -> str:
        return self.md5.hexdigest()
