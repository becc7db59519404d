"""The executable bit of a file, synced with a server that keeps it (a Cozy's
``executable`` attribute; issue 15 leftovers): a ``chmod +x`` (or ``-x``) alone on either
side is carried to the other without sending the content again, as cozy-desktop does
(core/remote/index.js ``updateFileMetadataAsync``: ``executable`` by a metadata update).
A server that keeps no bit (WebDAV, Nextcloud: ``RemoteState.executable`` None) leaves it
a local matter.  The journal keeps each side's bit at the last sync
(``JournalEntry.executable``, ``remote_executable``); this module says which side
changed.  Pure: the reconciler asks it, the executor carries the change
(``Operations.record``)."""

from __future__ import annotations

import enum

from cozysync.models import JournalEntry, LocalState, RemoteState

__all__ = ["Side", "executable_side"]


class Side(enum.Enum):
    """The side whose bit is set to the other's."""

    LOCAL = "local"
    REMOTE = "remote"


def executable_side(
    entry: JournalEntry | None, local: LocalState, remote: RemoteState
) -> Side | None:
    """Which side takes the other's x bit (None: they agree, the server keeps none, or
    nothing changed since the last sync: a bit kept apart on purpose, by a one-way mode,
    stays apart).  Changed here only: the server's is set; else this computer's (a
    journal that does not know the server's bit yet takes it: it is the one an upload
    sent, or another device set)."""
    if local.is_dir or remote.is_dir or remote.executable is None:
        return None
    if local.executable == remote.executable:
        return None
    known = entry is not None and entry.executable is not None
    local_changed = known and entry is not None and local.executable != entry.executable
    remote_changed = (
        entry is None or entry.remote_executable is None
        or remote.executable != entry.remote_executable
    )  # fmt: skip
    if local_changed and not remote_changed:
        return Side.REMOTE
    if remote_changed:
        return Side.LOCAL
    return None
