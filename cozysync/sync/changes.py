"""How one side changed one item since the last sync (pure).

A side's change is judged against the journal entry of the item:

- local files: unchanged when inode, size and mtime (ns) are those recorded; if not, the
  content hash decides (same hash = only metadata changed); a record whose two sizes
  differ (a damaged upload journalled before upload verification) counts as modified;
- remote files: unchanged when the ETag is the one recorded (or, without ETags, size and
  mtime within a second); if not, a server-side content hash decides when there is one;
- folders: only their presence and type matter.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence

from cozysync.models import JournalEntry, LocalState, RemoteState

__all__ = ["Change", "is_listing_as_journal", "local_change", "remote_change"]

MTIME_TOLERANCE_S = 1


class Change(enum.Enum):
    ABSENT = "absent"  # never synced and not there
    CREATED = "created"  # there, never synced
    UNCHANGED = "unchanged"
    MODIFIED = "modified"
    DELETED = "deleted"  # synced before, gone now
    TYPE_CHANGED = "type-changed"  # a file became a folder or the reverse

    @property
    def is_present(self) -> bool:
        return self not in (Change.ABSENT, Change.DELETED)

    @property
    def is_edit(self) -> bool:
        """A change that carries new content the other side must not lose."""
        return self in (Change.CREATED, Change.MODIFIED, Change.TYPE_CHANGED)


def _presence(entry: JournalEntry | None, is_present: bool) -> Change | None:
    if entry is None:
        return Change.CREATED if is_present else Change.ABSENT
    if not is_present:
        return Change.DELETED
    return None


def local_change(entry: JournalEntry | None, local: LocalState | None) -> Change:
    presence = _presence(entry, local is not None)
    if presence is not None:
        return presence
    assert entry is not None and local is not None
    if entry.is_dir != local.is_dir:
        return Change.TYPE_CHANGED
    if not local.is_dir and entry.etag is not None and entry.remote_size != entry.size:
        # Both sides agreed on one file, so one size: a server version recorded with
        # another is an upload the server cut short, journalled before *upload
        # verification*.  This side's copy is the whole one: it is sent again (If-Match
        # that version's ETag).
        return Change.MODIFIED
    if local.is_dir or is_local_unchanged(entry, local):
        return Change.UNCHANGED
    if local.content_hash is not None and local.content_hash == entry.content_hash:
        return Change.UNCHANGED  # touched, same bytes
    return Change.MODIFIED


def is_local_unchanged(entry: JournalEntry, local: LocalState) -> bool:
    """Stat-only test: the file is the one recorded, untouched (its x bit too, once the
    journal knows it: a ``chmod +x`` alone is a change to sync)."""
    return (
        local.inode == entry.inode
        and local.size == entry.size
        and local.mtime_ns == entry.mtime_ns
        and (entry.executable is None or local.is_dir or local.executable == entry.executable)
    )


def remote_change(entry: JournalEntry | None, remote: RemoteState | None) -> Change:
    presence = _presence(entry, remote is not None)
    if presence is not None:
        return presence
    assert entry is not None and remote is not None
    if entry.is_dir != remote.is_dir:
        return Change.TYPE_CHANGED
    if remote.is_dir or is_remote_unchanged(entry, remote):
        return Change.UNCHANGED
    if remote.content_hash is not None and remote.content_hash == entry.content_hash:
        return Change.UNCHANGED  # new ETag, same bytes (metadata update on the server)
    return Change.MODIFIED


def is_remote_unchanged(entry: JournalEntry, remote: RemoteState) -> bool:
    if entry.etag is not None and remote.etag is not None:
        return entry.etag == remote.etag
    if remote.size != entry.remote_size:
        return False
    if remote.mtime is None or entry.remote_mtime is None:
        return remote.mtime == entry.remote_mtime
    return abs(remote.mtime - entry.remote_mtime) <= MTIME_TOLERANCE_S


def is_listing_as_journal(
    journal: Mapping[str, JournalEntry], remote_items: Sequence[RemoteState]
) -> bool:
    """True if a listing shows exactly what the journal recorded: same paths, types and
    versions (a poll that found nothing new: there is nothing to reconcile)."""
    if len(remote_items) != len(journal):
        return False
    by_remote_path = {e.remote_path: e for e in journal.values()}
    for item in remote_items:
        entry = by_remote_path.get(item.path)
        if entry is None or entry.is_dir != item.is_dir:
            return False
        if not item.is_dir and not is_remote_unchanged(entry, item):
            return False
    return True
