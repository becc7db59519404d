"""The names cozysync keeps in a sync folder: the root marker ``.cozysync`` (binding the
folder to its journal) and the hidden temp files ``.cozysync-<uuid>.tmp``."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

from cozysync.errors import SyncError
from cozysync.local.oserrors import translate_os_error, translated_os_errors
from cozysync.local.rename import fsync_dir

__all__ = [
    "MARKER_NAME",
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "is_own_temp_name",
    "new_temp_name",
    "read_marker",
    "write_marker",
]

MARKER_NAME = ".cozysync"
TEMP_PREFIX = ".cozysync-"
TEMP_SUFFIX = ".tmp"


def is_own_temp_name(name: str) -> bool:
    """True for our temp files and the folder marker: never synced, never reported."""
    return name == MARKER_NAME or (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX))


def new_temp_name() -> str:
    """A fresh ``.cozysync-<uuid>.tmp`` file name."""
    return f"{TEMP_PREFIX}{uuid.uuid4().hex}{TEMP_SUFFIX}"


def read_marker(root: Path) -> str | None:
    """The folder id written in ``<root>/.cozysync``, or None if there is no marker."""
    try:
        text = (root / MARKER_NAME).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        if isinstance(exc, OSError):
            raise translate_os_error(exc, MARKER_NAME, "read the folder marker") from exc
        raise SyncError("the folder marker .cozysync is damaged", path=MARKER_NAME) from exc
    return text.strip() or None


def write_marker(root: Path, folder_id: str) -> None:
    """Bind ``root`` to its journal: write ``.cozysync`` atomically (temp + replace)."""
    if not folder_id or "\n" in folder_id:
        raise ValueError(f"bad folder id {folder_id!r}")
    temp = root / new_temp_name()
    with translated_os_errors(MARKER_NAME, "write the folder marker"):
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
            with os.fdopen(fd, "wb") as out:
                out.write(f"{folder_id}\n".encode())
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, root / MARKER_NAME)
            fsync_dir(root)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
