"""Move detection: remote moves when ETags collide (Apache's default ETag is mtime and
size, so two same-size files written in the same clock tick share one), and local moves
when an inode number is reused."""

from __future__ import annotations

import pytest

from cozysync.models import ActionKind, JournalEntry, RemoteState, SyncMode
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES
from cozysync.sync.moves import detect_remote_moves
from cozysync.sync.views import ReconcileContext, TreeViews
from tests.core.world import World, synced

CTX = ReconcileContext(local_rules=LOCAL_NAME_RULES, remote_rules=WEBDAV_NAME_RULES)


def entry(key: str, etag: str | None, is_dir: bool = False) -> JournalEntry:
    return JournalEntry(key, key, key, is_dir, 1, 1, 1, 1, "h", etag, None, 0 if is_dir else 1, 5)


def remote(path: str, etag: str | None, is_dir: bool = False) -> RemoteState:
    return RemoteState(path, is_dir, 0 if is_dir else 1, 5, etag)


def views(journal: list[JournalEntry], listing: list[RemoteState]) -> TreeViews:
    return TreeViews.build({e.key: e for e in journal}, [], listing, CTX)


def test_a_folder_of_files_with_one_shared_etag_is_still_seen_moved() -> None:
    journal = [entry("d", None, True), entry("d/x.txt", "1-100"), entry("d/e", None, True),
               entry("d/e/y", "1-100")]  # fmt: skip
    listing = [remote("m", None, True), remote("m/d2", None, True),
               remote("m/d2/x.txt", "1-100"), remote("m/d2/e", None, True),
               remote("m/d2/e/y", "1-100")]  # fmt: skip
    moves = detect_remote_moves(views(journal, listing), CTX)
    assert [(m.old_key, m.new_key) for m in moves] == [("d", "m/d2")]


def test_colliding_etags_with_colliding_names_are_not_guessed() -> None:
    journal = [entry("a/f", "1-100"), entry("b/f", "1-100")]
    listing = [remote("c/f", "1-100"), remote("e/f", "1-100")]
    assert detect_remote_moves(views(journal, listing), CTX) == []


# -- local moves and inode reuse ---------------------------------------------------------
# A file system hands a freed inode number to the next new item: a file deleted and a new
# one created elsewhere can share one.  Only an item that is still the recorded one (a
# file's size and mtime, a folder's children) is taken as moved.


def _reused(world: World, gone: str, new: str) -> None:
    """``new`` (just created) is given the inode of ``gone`` (just deleted)."""
    world.local[new].inode = world.journal[gone].inode


def _moves(world: World) -> list[tuple[str, str, str]]:
    moving = {ActionKind.MOVE_REMOTE, ActionKind.MOVE_LOCAL}
    return [(a.kind.value, a.source_key or "", a.key) for p in world.plans for a in p.actions
            if a.kind in moving]  # fmt: skip


@pytest.mark.parametrize("mode", [SyncMode.TWO_WAY, SyncMode.BACKUP])
def test_a_new_file_given_a_deleted_files_inode_is_not_a_move(mode: SyncMode) -> None:
    world = synced({"a.txt": b"A", "b.txt": b"B"}, mode=mode)
    world.local_delete("a.txt")
    world.local_write("reste.txt", b"something else entirely")
    _reused(world, "a.txt", "reste.txt")
    world.sync()
    assert _moves(world) == []
    remote = world.tree("remote")
    assert remote["reste.txt"] == b"something else entirely"
    if mode is SyncMode.BACKUP:
        assert remote["a.txt"] == b"A"  # the backup keeps what was deleted here
    else:
        assert "a.txt" not in remote and ("a.txt", b"A") in world.remote_trash


def test_a_renamed_file_is_still_one_move() -> None:
    world = synced({"a.txt": b"A"})
    world.local_move("a.txt", "b.txt")
    world.sync()
    assert _moves(world) == [("move-remote", "a.txt", "b.txt")]
    assert world.tree("remote") == {"b.txt": b"A"}


def test_a_file_moved_and_edited_is_a_deletion_and_a_new_file() -> None:
    world = synced({"a.txt": b"A"})
    world.local_move("a.txt", "b.txt")
    world.local_write("b.txt", b"A, edited after the move")
    world.sync()
    assert _moves(world) == []
    assert world.tree("remote") == {"b.txt": b"A, edited after the move"}
    assert ("a.txt", b"A") in world.remote_trash


def test_a_new_folder_given_a_deleted_folders_inode_is_not_a_move() -> None:
    world = synced({"d": None, "d/x.txt": b"X", "k.txt": b"K"}, mode=SyncMode.BACKUP)
    world.local_delete("d")
    world.local_mkdir("e")
    world.local_write("e/new.txt", b"N")
    _reused(world, "d", "e")
    world.sync()
    assert _moves(world) == []
    remote = world.tree("remote")
    assert remote["d/x.txt"] == b"X" and remote["e/new.txt"] == b"N"


def test_a_moved_folder_with_its_files_is_still_one_move() -> None:
    world = synced({"d": None, "d/x.txt": b"X", "d/y.txt": b"Y"})
    world.local_move("d", "e")
    world.local_write("e/y.txt", b"Y2")  # one file edited, the other still recorded
    world.sync()
    assert _moves(world) == [("move-remote", "d", "e")]
    assert world.tree("remote") == {"e": None, "e/x.txt": b"X", "e/y.txt": b"Y2"}


def test_a_file_moved_and_touched_here_while_edited_there_is_no_conflict() -> None:
    """Seed 70191: B moved into another folder here and one of its files touched (same
    bytes, new mtime) while the server edited it: the file is hashed even though it is not
    at its recorded place, so the move is seen, the touch is no edit, and the server's
    edit follows the move without a conflict copy."""
    world = synced({"B": None, "B/c.txt": b"C"})
    world.remote_write("B/c.txt", b"C, edited on the server")
    world.local_move("B", "b/d")
    world.local_write("b/d/c.txt", b"C")  # touched: same bytes, same inode, new mtime
    world.sync()
    assert world.conflicts == []
    expected = {"b": None, "b/d": None, "b/d/c.txt": b"C, edited on the server"}
    assert world.tree("local") == expected
    assert world.tree("remote") == expected
