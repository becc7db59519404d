"""``OSError`` → ``cozysync.errors``: the one translation for the local folder's seam.

Every ``OSError`` raised by the local adapters is turned into a ``CozySyncError`` here,
with ``raise ... from`` so the cause stays in the log."""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator

from cozysync.errors import (
    CozySyncError,
    DiskFullError,
    ItemChangedError,
    LocalPermissionError,
    SyncError,
)

__all__ = ["translate_os_error", "translated_os_errors"]

_EDQUOT = getattr(errno, "EDQUOT", errno.ENOSPC)


def translate_os_error(exc: OSError, path: str, action: str) -> CozySyncError:
    """The cozysync error for an ``OSError`` raised while doing ``action`` on ``path``."""
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        return LocalPermissionError(f"cozysync may not {action} {path or 'the folder'}", path=path)
    if code in (errno.ENOSPC, _EDQUOT):
        return DiskFullError(f"the disk is full, could not {action} {path}", path=path)
    if code == errno.ENOENT:
        return ItemChangedError(f"{path or 'the folder'} is not there any more", path=path)
    if code == errno.EISDIR:  # a file replaced by a folder since it was seen
        title = f"{path!r} changed from a file to a folder while it was synced"
        return ItemChangedError(title, path=path)
    reason = exc.strerror or str(exc)
    return SyncError(f"could not {action} {path or 'the folder'}: {reason}", path=path)


@contextlib.contextmanager
def translated_os_errors(path: str, action: str) -> Iterator[None]:
    """Inside the block, an ``OSError`` is raised again as ``translate_os_error(...)``."""
    try:
        yield
    except OSError as exc:
        raise translate_os_error(exc, path, action) from exc
