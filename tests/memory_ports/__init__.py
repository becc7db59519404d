"""In-memory twins of the ports, so that tests run the shipped engine and executor
without a disk or a server (issue 14).

- ``MemoryFolder``: the ``LocalFS`` port as ``cozysync.local.fs.LocalFolder`` behaves on
  Linux: inodes kept by a rename and by a rewrite in place, a new inode per new file, a
  temp file + atomic replace that checks the target first, renames that never replace,
  an OS trash, held-back items (links, pipes, unreadable folders), an optional
  case-insensitive disk; names are kept byte for byte (NFC and NFD are two names).
- ``MemoryServer``: the ``Remote`` port as a WebDAV server behaves: a complete listing or
  an error, If-Match on downloads, uploads, moves and deletions, create-only uploads,
  MOVE with ``Overwrite: F``, a server trash, ETags unique per version (``"unique"``) or
  Apache's size + mtime (``"apache"``: two files of one size written in the same second
  share one), names kept in the spelling sent, optional content hashes, stable ids and
  case-insensitivity.  ``MemoryServerWithHistory`` adds ``VersionHistory`` (a Cozy).
- ``MemoryJournal``: the ``Journal`` port as ``SqliteJournal`` behaves, in dicts.
- ``FakeClock``: the ``Clock`` port, still unless advanced.

Failures on demand: ``port.fail_next("upload", "a.txt", ServerError("boom"), times=2)``
makes the next two calls of that method on that path raise that error (a fresh copy
each time).  ``tests/core/test_memory_ports.py`` runs one set of contract checks on these
and on the real adapters, so that they cannot drift apart.
"""

from typing import TYPE_CHECKING

from tests.memory_ports.common import CONFLICT_TIME, FakeClock, NoIgnore, md5
from tests.memory_ports.folder import LocalNode, MemoryFolder
from tests.memory_ports.journal import MemoryJournal
from tests.memory_ports.server import (
    MemoryServer,
    MemoryServerConfirming,
    MemoryServerWithHistory,
    RemoteNode,
)

if TYPE_CHECKING:
    from cozysync.ports import Clock, Journal, LocalFS, Remote, VersionHistory

__all__ = [
    "CONFLICT_TIME",
    "FakeClock",
    "LocalNode",
    "MemoryFolder",
    "MemoryJournal",
    "MemoryServer",
    "MemoryServerConfirming",
    "MemoryServerWithHistory",
    "NoIgnore",
    "RemoteNode",
    "md5",
]

if TYPE_CHECKING:  # mypy checks that each twin implements its port exactly

    def _folder(folder: MemoryFolder) -> LocalFS:
        return folder

    def _server(server: MemoryServer) -> Remote:
        return server

    def _history(server: MemoryServerWithHistory) -> VersionHistory:
        return server

    def _journal(journal: MemoryJournal) -> Journal:
        return journal

    def _clock(clock: FakeClock) -> Clock:
        return clock
