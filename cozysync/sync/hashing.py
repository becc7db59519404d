"""Hashing while streaming (no I/O of its own: wraps file objects it is handed)."""

from __future__ import annotations

import hashlib
from typing import BinaryIO

__all__ = ["HashingReader", "HashingWriter"]


class HashingReader:
    """Reads through to a file, computing the MD5 and the byte count of what was read."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.md5.update(data)
        self.count += len(data)
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
    """Writes through to a file, computing the MD5 and the byte count of what was written."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self.md5 = hashlib.md5(usedforsecurity=False)
        self.count = 0

    def write(self, data: bytes) -> int:
        self.md5.update(data)
        self.count += len(data)
        return self._stream.write(data)

    def flush(self) -> None:
        self._stream.flush()

    @property
    def hexdigest(self) -> str:
        return self.md5.hexdigest()
