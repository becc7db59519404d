"""cozysync's own files are its user's alone: folders 0700, files 0600.

The journal, the logs and the settings name every synced file (and the journal holds
their MD5s): on a computer shared by several accounts (a school PC) another account must
not read them, whatever the umask. Folders are made with ``private_folder``, files that
other code creates (SQLite's) are made first with ``private_file``: SQLite gives its
``-wal``, ``-shm`` and ``-journal`` files the mode of the database file. ``tighten``
fixes, at start-up, what an older version left readable: cozysync's folders, their files
and the files of their subfolders (a few dozen entries, never a walk of a big tree).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

__all__ = ["FILE_MODE", "FOLDER_MODE", "private_file", "private_folder", "tighten"]

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> Path:
    """Make ``path`` a folder of mode 0700 (its missing parents as the umask says: they
    may be shared ones, ``~/.local/state``); returns it.  Raises ``OSError`` as is."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    _set_mode(path, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with mode 0600 if it is missing, else make it 0600 (before
    a library such as SQLite opens it); returns it.  Raises ``OSError`` as is."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    try:
        if os.name == "posix" and stat.S_IMODE(os.fstat(fd).st_mode) != FILE_MODE:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def tighten(folders: Iterable[Path]) -> None:
    """Make each existing folder of ``folders`` 0700, its files 0600, and the same one
    level down (``data/journals``, ``data/cozy``); a symlink is left alone. Best effort:
    an entry that cannot be changed (not ours, gone meanwhile) is skipped."""
    if os.name != "posix":
        return
    for folder in folders:
        if _tighten_entry(folder):
            for child in _entries(folder):
                if _tighten_entry(child):
                    for grandchild in _entries(child):
                        _tighten_entry(grandchild)


def _tighten_entry(path: Path) -> bool:
    """Tighten one entry; True when it is a folder (to look inside)."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    if stat.S_ISDIR(st.st_mode):
        _set_mode(path, FOLDER_MODE, st.st_mode)
        return True
    if stat.S_ISREG(st.st_mode):
        _set_mode(path, FILE_MODE, st.st_mode)
    return False


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _set_mode(path: Path, mode: int, current: int | None = None) -> None:
    if os.name != "posix":
        return
    try:
        if current is None:
            current = os.lstat(path).st_mode
        if stat.S_IMODE(current) != mode:
            os.chmod(path, mode, follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass  # not ours, or gone: nothing private to protect there
