"""Selective sync (pure): top-level server folders the user chose not to keep here.

The excluded names enter as data (``ReconcileContext.excluded_folders``, NFC).  Before
reconciling, everything at or below an excluded top-level folder leaves all three views
(server, this computer, journal), like an ignored item: it is never downloaded, never
uploaded, and never deleted on either side by a pass.  A local folder of that name that
was never synced is left alone.

What happens to the copy here when a folder that *was* synced becomes excluded, as
mature clients do it (Nextcloud's "choose what to sync", Dropbox's selective sync): the
local copy is removed only if it is fully synced, and then to the OS trash
(``TRASH_LOCAL`` of the folder; the executor checks again that everything inside is
known and unchanged).  If it holds anything not synced (a new or edited file), it is
kept as it is and only forgotten by the journal (``FORGET``): it stays here, unsynced.
A backup never changes anything here: it only forgets.  Including the folder again
syncs it like a new folder: what is on both sides is compared by content (same bytes
recorded, different bytes both kept).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from cozysync.models import Action, ActionKind, JournalEntry, LocalState, RemoteState
from cozysync.paths import path_key
from cozysync.sync.changes import is_local_unchanged
from cozysync.sync.modes import ModePolicy

__all__ = [
    "SelectiveViews",
    "is_excluded",
    "leave_out_excluded",
    "top_level_key",
    "without_excluded",
]


def top_level_key(path: str) -> str:
    """The NFC key of the top-level folder holding ``path`` (or of ``path`` itself)."""
    return path_key(path.split("/", 1)[0])


def is_excluded(path: str, excluded: frozenset[str]) -> bool:
    return bool(excluded) and top_level_key(path) in excluded


@dataclass(frozen=True, slots=True)
class SelectiveViews:
    """The three views without the excluded folders, and what to do with their copies
    here (one action per excluded folder the journal still knows)."""

    journal: dict[str, JournalEntry]
    local: list[LocalState]
    remote: list[RemoteState]
    unselect: tuple[Action, ...] = ()


def leave_out_excluded(
    journal: Mapping[str, JournalEntry],
    local: Sequence[LocalState],
    remote: Iterable[RemoteState],
    excluded: frozenset[str],
    policy: ModePolicy,
) -> SelectiveViews:
    if not excluded:
        return SelectiveViews(dict(journal), list(local), list(remote))
    kept_journal = {k: e for k, e in journal.items() if not is_excluded(e.local_path, excluded)}
    kept_local = [s for s in local if not is_excluded(s.path, excluded)]
    kept_remote = [r for r in remote if not is_excluded(r.path, excluded)]
    unselect = tuple(
        _unselect(top, journal, local, policy)
        for top in sorted({top_level_key(e.local_path) for e in journal.values()} & excluded)
    )
    return SelectiveViews(kept_journal, kept_local, kept_remote, unselect)


def _unselect(
    top: str,
    journal: Mapping[str, JournalEntry],
    local: Sequence[LocalState],
    policy: ModePolicy,
) -> Action:
    """Trash the local copy of a newly excluded folder if fully synced, else forget it."""
    entry = journal.get(top)
    here = {s.path: s for s in local if top_level_key(s.path) == top}
    known = {e.local_path: e for e in journal.values() if top_level_key(e.local_path) == top}
    local_path = entry.local_path if entry is not None else top
    remote_path = entry.remote_path if entry is not None else top
    root = here.get(local_path)
    fully_synced = all(
        path in known and (state.is_dir or is_local_unchanged(known[path], state))
        for path, state in here.items()
    )
    if (
        entry is None
        or not entry.is_dir
        or root is None
        or not root.is_dir
        or not fully_synced
        or not policy.brings_remote_changes  # a backup never changes anything here
    ):
        # Kept here as it is (or already gone): the journal forgets it, nothing is lost.
        return Action(ActionKind.FORGET, top, local_path, remote_path, is_dir=True)
    return Action(
        ActionKind.TRASH_LOCAL, top, local_path, remote_path, is_dir=True, local=root,
        journal=entry, reason="excluded from sync: the copy here goes to the trash",
    )  # fmt: skip


def without_excluded(
    local: Sequence[LocalState], journal: Mapping[str, JournalEntry], excluded: frozenset[str]
) -> tuple[list[LocalState], dict[str, JournalEntry]]:
    """Both views without the excluded folders (for counting the changes waiting)."""
    return (
        [s for s in local if not is_excluded(s.path, excluded)],
        {k: e for k, e in journal.items() if not is_excluded(e.local_path, excluded)},
    )
