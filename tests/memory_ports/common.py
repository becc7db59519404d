"""What the in-memory ports share: a still clock, the built-in ignore rules, failures
on demand."""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime

from cozysync.errors import CozySyncError
from cozysync.local.ignore import is_ignored_name

__all__ = ["CHUNK", "CONFLICT_TIME", "Failures", "FakeClock", "NoIgnore", "md5"]

# 2026-11-28 12:00:00 local time: conflict copies made at it are named "… 2026-11-28 120000"
CONFLICT_TIME = datetime(2026, 11, 28, 12, 0, 0).timestamp()
CHUNK = 4


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


class FakeClock:
    """The ``Clock`` port: time stands still unless a test advances it (``sleep``)."""

    def __init__(self, start: float = CONFLICT_TIME) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


class NoIgnore:
    """``IgnoreRules`` with only the built-in names (no ``.cozyignore``)."""

    def is_ignored(self, path: str, is_dir: bool) -> bool:
        return bool(path) and any(is_ignored_name(name) for name in path.split("/"))


class Failures:
    """Errors a test asked for: the next calls of a method on a path raise them."""

    def __init__(self) -> None:
        self._planned: dict[tuple[str, str], list[CozySyncError]] = {}
        self.calls: list[tuple[str, str]] = []  # every call, in order (method, path)

    def add(self, method: str, path: str, error: CozySyncError, times: int) -> None:
        self._planned.setdefault((method, path), []).extend([error] * times)

    def check(self, method: str, path: str) -> None:
        self.calls.append((method, path))
        planned = self._planned.get((method, path))
        if planned:
            error = planned.pop(0)
            raise copy.copy(error)
