"""Noticing that a settings file changed, from this process or another one.

Settings are written by atomic replace (``cozysync.atomic``), so a change gives the
file a new inode and modification time: one ``stat`` per file tells.  The watch loop
and the pause check ask ``changed()`` on their own rhythm; no timer runs here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["SettingsStamp"]

_Stamp = tuple[tuple[int, int, int] | None, ...]


class SettingsStamp:
    """The (inode, size, mtime) of some files, to compare with the last look."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        self._last: _Stamp | None = None  # never looked: the first look is a change

    def _look(self) -> _Stamp:
        stamps: list[tuple[int, int, int] | None] = []
        for path in self.paths:
            try:
                st = os.stat(path)
            except OSError:
                stamps.append(None)  # missing (or unreadable): the defaults apply
            else:
                stamps.append((st.st_ino, st.st_size, st.st_mtime_ns))
        return tuple(stamps)

    def changed(self) -> bool:
        """Whether any file changed since the last call (True on the first)."""
        now = self._look()
        if now == self._last:
            return False
        self._last = now
        return True
