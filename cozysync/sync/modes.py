"""What each mode does to a two-way decision (pure).  The table is docs/sync-algorithm.md,
"Modes"; each branch says why.

- **backup**: this computer → server.  Creations, edits and moves here go up; nothing on
  the server is ever deleted or changed by a deletion here, and nothing comes down.  A
  file edited on both sides keeps both versions *on the server* (the executor moves the
  server's version to a conflict copy there, then uploads this computer's).
- **download-only**: server → this computer.  Nothing is written to the server; changes
  made here stay here; when the server changes a file edited here, both are kept here.
"""

from __future__ import annotations

from cozysync.models import Decision, JournalEntry, LocalState, RemoteState, SyncMode

__all__ = ["apply_mode"]


def apply_mode(
    mode: SyncMode,
    decision: Decision,
    journal: JournalEntry | None,
    local: LocalState | None,
    remote: RemoteState | None,
) -> Decision:
    if mode is SyncMode.BACKUP:
        return _backup(decision, journal, local, remote)
    if mode is SyncMode.DOWNLOAD_ONLY:
        return _download_only(decision, journal, local, remote)
    return decision


def _backup(
    decision: Decision,
    journal: JournalEntry | None,
    local: LocalState | None,
    remote: RemoteState | None,
) -> Decision:
    match decision:
        case Decision.DOWNLOAD | Decision.MKDIR_LOCAL:
            if journal is not None and local is None:
                return Decision.FORGET  # deleted here: the server copy stays, unlinked
            return Decision.NOTHING  # nothing comes down (a server edit waits there)
        case Decision.DELETE_REMOTE:
            return Decision.FORGET  # a deletion here never deletes the backup
        case Decision.TRASH_LOCAL:
            # Gone from the server but still here: the backup is made again.
            assert local is not None
            return Decision.MKDIR_REMOTE if local.is_dir else Decision.UPLOAD
    return decision


def _download_only(
    decision: Decision,
    journal: JournalEntry | None,
    local: LocalState | None,
    remote: RemoteState | None,
) -> Decision:
    del local
    match decision:
        case Decision.UPLOAD | Decision.MKDIR_REMOTE:
            if journal is not None and remote is None:
                return Decision.FORGET  # gone there, kept here: no longer synced
            return Decision.NOTHING  # a change here stays here (still detectable)
        case Decision.DELETE_REMOTE:
            return (
                Decision.NOTHING
            )  # deleted here: the server keeps it (it comes back if it changes)
    return decision
