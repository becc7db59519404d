"""``relink``: point a pair at another account or server, keeping every local file.

The journal forgets what was synced (its items, errors and last outcome; the conflicts
waiting for the user stay), so the first pass meets two unknown trees and compares them
by content (docs/sync-algorithm.md, "Decisions", journal none): what the new server
lacks is uploaded, the same bytes on both sides are only recorded, different bytes under
one name keep both, and nothing is deleted on either side.  The old password leaves the
secret store; the new one takes its place.
"""

from __future__ import annotations

from cozysync.config import FolderConfig
from cozysync.journal.store import SqliteJournal
from cozysync.ports import Secrets
from cozysync.service.status import META_OUTCOME, META_PASS_STARTED

__all__ = ["forget_synced_state", "replace_secret"]


def forget_synced_state(journal: SqliteJournal) -> None:
    """Empty the journal's items, errors and saved outcome; keep the conflicts."""
    with journal.transaction():
        journal.remove_tree("")
        for error in journal.errors():
            journal.clear_error(error.path)
        journal.set_meta(META_OUTCOME, None)
        journal.set_meta(META_PASS_STARTED, None)


def replace_secret(
    secrets: Secrets, old: FolderConfig, new: FolderConfig, password: str | None
) -> None:
    """The new account's password replaces the old one's (same entry, the folder's id);
    without a new password, the old one is removed."""
    if new.user is not None and password is not None:
        secrets.set(new.folder_id, password)
    elif old.user is not None:
        secrets.delete(old.folder_id)
