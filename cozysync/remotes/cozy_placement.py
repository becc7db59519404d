"""Where a write lands on a Cozy, as the stack's code decides it (issue 15, item 7).

- ``cached_folder_id``: a parent folder by the id the tree cache holds, walked by exact
  names.  ``GET /files/metadata?Path=`` resolves folders with ``DirByPath``, a CouchDB
  ``$eq`` on the path that does not check the bytes of the names afterwards (cozy-stack
  model/vfs/couchdb_indexer.go:438-459): with an NFC and an NFD spelling of one folder
  side by side, the path may give the twin.
- ``landed_in_trash``: a folder made in a parent the user trashed meanwhile is made in
  the trash, 201 (web/files/files.go:194-197, model/vfs/directory.go:177-192 check only
  that the parent exists), not refused as a file is (404).
- ``is_executable``: the local file's x bit.  A content PUT builds a new doc from the
  query (web/files/files.go:268, ``FileDocFromReq`` :2317): without ``Executable=true``
  the file is no longer executable.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from typing import Any, BinaryIO

from cozysync.remotes.cozy_changes import TreeCache, is_trashed

__all__ = ["cached_folder_id", "is_executable", "landed_in_trash"]


def cached_folder_id(cache: TreeCache, root_id: str, path: str) -> str | None:
    """The id of the folder at ``path`` (relative to the folder ``root_id``) as the tree
    cache knows it, each name matched byte for byte; None when the cache does not have
    it (the caller then asks the server by path)."""
    folder_id = root_id
    for name in path.split("/"):
        doc = cache.child(folder_id, name)
        if doc is None or not doc.is_dir:
            return None
        folder_id = doc.id
    return folder_id


def landed_in_trash(attrs: dict[str, Any]) -> bool:
    """A folder the stack made under a trashed parent: its path is in the trash."""
    return is_trashed(attrs)


def is_executable(open_source: Callable[[], BinaryIO]) -> bool:
    """Whether the file ``open_source`` reads has its owner's x bit (False for a source
    that is no file on disk)."""
    try:
        with open_source() as source:
            return bool(os.fstat(source.fileno()).st_mode & stat.S_IXUSR)
    except (OSError, ValueError, io.UnsupportedOperation):
        return False
