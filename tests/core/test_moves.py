"""Remote move detection when ETags collide: Apache's default ETag is mtime and size, so
two same-size files written in the same clock tick share one."""

from __future__ import annotations

from cozysync.models import JournalEntry, RemoteState
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES
from cozysync.sync.moves import detect_remote_moves
from cozysync.sync.views import ReconcileContext, TreeViews

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
