"""Crash points for the crash tests: a real SIGKILL of this process at a named point.

Off unless ``COZYSYNC_FAILPOINTS`` lists the point (comma-separated), which only the
tests set on a sync subprocess.  Points:

- ``mid-upload`` / ``mid-download``: once half of a file's bytes went through;
- ``before-journal-commit``: after an action succeeded, before its journal write.
"""

from __future__ import annotations

import os
import signal

__all__ = ["failpoint", "is_armed"]

_ARMED = frozenset(p for p in os.environ.get("COZYSYNC_FAILPOINTS", "").split(",") if p)


def is_armed(name: str) -> bool:
    return name in _ARMED


def failpoint(name: str) -> None:
    if name in _ARMED:
        os.kill(os.getpid(), signal.SIGKILL)
