"""Selective sync, pure: what leaves the views and what happens to the copy here of a
folder that becomes excluded (one named case per row)."""

from __future__ import annotations

import pytest

from cozysync.models import ActionKind, JournalEntry, LocalState, RemoteState, SyncMode
from cozysync.sync.modes import policy_of
from cozysync.sync.selective import is_excluded, leave_out_excluded


def _local(path: str, *, is_dir: bool = False, size: int = 1, mtime: int = 5) -> LocalState:
    return LocalState(path, is_dir, 0 if is_dir else size, mtime, hash(path) & 0xFFFF, 1, None)


def _remote(path: str, *, is_dir: bool = False) -> RemoteState:
    return RemoteState(path, is_dir, 0 if is_dir else 1, None, "e-" + path, None, None)


def _entry(state: LocalState) -> JournalEntry:
    return JournalEntry.from_states(state.path, state, _remote(state.path, is_dir=state.is_dir))


SYNCED = [_local("Photos", is_dir=True), _local("Photos/a.jpg"), _local("notes.txt")]
JOURNAL = {s.path: _entry(s) for s in SYNCED}
REMOTE = [_remote("Photos", is_dir=True), _remote("Photos/a.jpg"), _remote("notes.txt")]


def test_nothing_excluded_changes_nothing() -> None:
    views = leave_out_excluded(JOURNAL, SYNCED, REMOTE, frozenset(), policy_of(SyncMode.TWO_WAY))
    assert views.journal == JOURNAL and views.local == SYNCED and views.unselect == ()


def test_an_excluded_folder_leaves_every_view() -> None:
    views = leave_out_excluded(
        JOURNAL, SYNCED, REMOTE, frozenset({"Photos"}), policy_of(SyncMode.TWO_WAY)
    )
    assert [s.path for s in views.local] == ["notes.txt"]
    assert [r.path for r in views.remote] == ["notes.txt"]
    assert list(views.journal) == ["notes.txt"]


CASES = {
    # name: (local items, mode, expected action on "Photos")
    "fully synced: to the trash": (SYNCED, SyncMode.TWO_WAY, ActionKind.TRASH_LOCAL),
    "download-only, fully synced: to the trash": (
        SYNCED, SyncMode.DOWNLOAD_ONLY, ActionKind.TRASH_LOCAL),
    "an edited file inside: kept, forgotten": (
        [SYNCED[0], _local("Photos/a.jpg", size=2), SYNCED[2]], SyncMode.TWO_WAY,
        ActionKind.FORGET),
    "a new file inside: kept, forgotten": (
        [*SYNCED, _local("Photos/new.jpg")], SyncMode.TWO_WAY, ActionKind.FORGET),
    "backup never changes anything here": (SYNCED, SyncMode.BACKUP, ActionKind.FORGET),
    "already gone here: forgotten": ([SYNCED[2]], SyncMode.TWO_WAY, ActionKind.FORGET),
}  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_the_copy_here_of_a_newly_excluded_folder(case: str) -> None:
    local, mode, expected = CASES[case]
    views = leave_out_excluded(JOURNAL, local, REMOTE, frozenset({"Photos"}), policy_of(mode))
    (action,) = views.unselect
    assert (action.kind, action.key, action.is_dir) == (expected, "Photos", True)


def test_a_local_folder_never_synced_under_an_excluded_name_is_left_alone() -> None:
    local = [*SYNCED, _local("Music", is_dir=True), _local("Music/song.mp3")]
    views = leave_out_excluded(
        JOURNAL, local, REMOTE, frozenset({"Music"}), policy_of(SyncMode.TWO_WAY)
    )
    assert views.unselect == ()  # the journal never knew it: nothing to do
    assert "Music/song.mp3" not in [s.path for s in views.local]  # and nothing uploaded


def test_names_compare_in_nfc_at_the_top_level_only() -> None:
    nfc = frozenset({"\u00e9t\u00e9"})
    assert is_excluded("e\u0301te\u0301/a.txt", nfc)  # NFD on disk, NFC excluded
    assert not is_excluded("docs/\u00e9t\u00e9/a.txt", nfc)
    assert not is_excluded("\u00e9t\u00e9s/a.txt", nfc)
