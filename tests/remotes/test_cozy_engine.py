"""The engine itself (SyncEngine, LocalFolder, SqliteJournal, IgnoreMatcher) against
CozyRemote and the strict Cozy double: the Remote contract holds end to end.

The user's actions on the Cozy go through ``CozyUser`` (plain API calls); both trees are
read back from the local disk and from the double's VFS."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cozysync.clock import SystemClock
from cozysync.errors import AuthError
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.local.ignore import IgnoreMatcher
from cozysync.paths import LOCAL_NAME_RULES
from cozysync.remotes.cozy import COZY_NAME_RULES, CozyRemote
from cozysync.remotes.cozy_auth import DISCONNECTED
from cozysync.sync.engine import PassResult, SyncEngine
from cozysync.sync.views import ReconcileContext
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser, instant
from tests.engine.worlds import canonical, read_tree
from tests.keyring_session import real_keyring  # noqa: F401

BASE = {"a.txt": b"A", "d/x.txt": b"X", "d/e/y": b"Y"}


@dataclass
class Sync:
    engine: SyncEngine
    remote: CozyRemote
    server: CozyStackServer
    user: CozyUser
    root: Path
    sent: list[tuple[str, str, str]] = field(default_factory=list)

    def once(self) -> PassResult:
        """One pass; ``writes`` then lists what this pass sent (not the user's calls)."""
        self.server.requests.clear()
        result = self.engine.sync_once()
        self.sent = list(self.server.requests)
        assert not result.errors, [e.one_line() for e in result.errors]
        return result

    def write(self, rel: str, data: bytes) -> None:
        (self.root / rel).parent.mkdir(parents=True, exist_ok=True)
        (self.root / rel).write_bytes(data)

    def local(self) -> dict[str, bytes | None]:
        tree, _ = canonical(read_tree(self.root, skip_marker=True), "laptop")
        return tree

    def cozy(self) -> dict[str, bytes | None]:
        tree, _ = canonical(self.server.tree(), "laptop")
        return tree

    def writes(self) -> list[str]:
        return [
            f"{m} {p}"
            for m, p, _ in self.server.requests
            if m in ("POST", "PUT", "PATCH", "DELETE")
        ]


@pytest.fixture
def sync(
    tmp_path: Path, cozy_account: CozyAccount, cozy_user: CozyUser, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Sync]:
    # the OS trash of this test (send2trash reads XDG_DATA_HOME once, when imported)
    import send2trash.plat_other as trash

    data_home = tmp_path / "xdg"
    monkeypatch.setattr(trash, "XDG_DATA_HOME", os.fsencode(data_home))
    monkeypatch.setattr(trash, "HOMETRASH_B", os.fsencode(data_home / "Trash"))
    monkeypatch.setattr(trash, "HOMETRASH", str(data_home / "Trash"))
    root = tmp_path / "local"
    root.mkdir()
    remote = cozy_account.remote()
    remote.check()
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    ctx = ReconcileContext(
        local_rules=LOCAL_NAME_RULES, remote_rules=COZY_NAME_RULES, remote_has_stable_ids=True
    )
    engine = SyncEngine(
        LocalFolder(root), remote, journal, IgnoreMatcher(root), ctx, SystemClock(),
        device_name="laptop",
    )  # fmt: skip
    s = Sync(engine, remote, cozy_account.server, cozy_user, root)
    for rel, data in BASE.items():
        s.write(rel, data)
    assert s.once().in_sync
    assert s.cozy() == s.local() == {**BASE, "d": None, "d/e": None}
    s.server.requests.clear()
    try:
        yield s
    finally:
        remote.close()
        journal.close()


def both(s: Sync, expected: dict[str, bytes | None]) -> None:
    assert s.local() == expected
    assert s.cozy() == expected
    again = s.engine.sync_once()
    assert again.in_sync and again.actions_done == 0


START = {**BASE, "d": None, "d/e": None}


def test_create_and_edit_both_ways(sync: Sync):
    sync.write("new/local.txt", b"L")
    sync.user.write("new-remote/r.txt", b"R")
    sync.write("a.txt", b"A local edit")
    sync.user.write("d/x.txt", b"X remote edit")
    sync.once()
    expected = {
        **START,
        **{"a.txt": b"A local edit", "d/x.txt": b"X remote edit", "new": None},
        **{"new/local.txt": b"L", "new-remote": None, "new-remote/r.txt": b"R"},
    }
    both(sync, expected)
    puts = [w for w in sync.writes() if w.startswith("PUT")]
    assert len(puts) == 1  # the edit is an overwrite with If-Match, not a new file


def test_renames_and_moves_both_ways_are_moves(sync: Sync):
    local_inode = (sync.root / "d" / "e" / "y").stat().st_ino
    x_id = sync.user.doc("d/x.txt").id
    (sync.root / "a.txt").rename(sync.root / "renamed.txt")
    sync.user.move("d/e", "moved-e")
    sync.once()
    both(
        sync, {"renamed.txt": b"A", "d": None, "d/x.txt": b"X", "moved-e": None, "moved-e/y": b"Y"}
    )
    assert (sync.root / "moved-e" / "y").stat().st_ino == local_inode  # moved here, not fetched
    assert sync.user.doc("d/x.txt").id == x_id
    assert [w.split()[0] for w in sync.writes()] == ["PATCH"]  # one PATCH, no upload


def test_file_deletions_both_ways_go_to_the_trashes(sync: Sync, tmp_path: Path):
    (sync.root / "a.txt").unlink()
    sync.user.trash("d/x.txt")
    sync.once()
    both(sync, {"d": None, "d/e": None, "d/e/y": b"Y"})
    assert sync.server.trash_names() == ["a.txt", "x.txt"]
    assert os.listdir(tmp_path / "xdg" / "Trash" / "files") == ["x.txt"]


def test_a_folder_trashed_on_the_cozy_goes_to_the_os_trash(sync: Sync, tmp_path: Path):
    sync.user.trash("d")
    sync.once()
    both(sync, {"a.txt": b"A"})
    assert os.listdir(tmp_path / "xdg" / "Trash" / "files") == ["d"]


def test_a_folder_deleted_here_goes_to_the_cozy_trash(sync: Sync):
    import shutil

    shutil.rmtree(sync.root / "d")
    sync.once()
    both(sync, {"a.txt": b"A"})
    assert sync.server.trash_names() == ["d"]
    assert [w.split()[0] for w in sync.writes()] == ["DELETE"]


def test_changed_on_both_sides_keeps_both(sync: Sync):
    sync.write("a.txt", b"mine")
    sync.user.write("a.txt", b"theirs")
    result = sync.once()
    assert [c.path for c in result.conflicts] == ["a.txt"]
    expected = {**START, "a.txt": b"theirs", "a (conflict).txt": b"mine"}
    both(sync, expected)
    names = os.listdir(sync.root)
    assert any(re.match(r"a \(conflict laptop \d{4}-\d\d-\d\d \d{6}\)\.txt", n) for n in names)


def test_same_edit_on_both_sides_is_no_conflict(sync: Sync):
    sync.write("a.txt", b"same")
    sync.user.write("a.txt", b"same")
    assert sync.once().conflicts == []
    both(sync, {**START, "a.txt": b"same"})


def test_modify_beats_delete_both_ways(sync: Sync):
    sync.write("a.txt", b"edited here")
    sync.user.trash("a.txt")
    sync.user.write("d/x.txt", b"edited there")
    (sync.root / "d" / "x.txt").unlink()
    sync.once()
    both(sync, {**START, "a.txt": b"edited here", "d/x.txt": b"edited there"})


def test_a_token_expiring_between_passes_is_refreshed(sync: Sync):
    sync.server.expire_tokens()
    sync.write("n.txt", b"N")
    sync.once()
    both(sync, {**START, "n.txt": b"N"})


def test_a_revoked_client_stops_the_pass_and_touches_nothing(sync: Sync):
    sync.server.delete_client(next(iter(sync.server.clients)) if sync.server.clients else "")
    sync.user.trash("a.txt")
    with pytest.raises(AuthError) as info:
        sync.engine.sync_once()
    assert info.value.title == DISCONNECTED
    assert sync.local() == START


def test_an_outdated_local_copy_is_no_conflict(sync: Sync):
    """The local file holds a version the Cozy already had (its journal row lost, as
    after a reinstall): the newer version on the Cozy replaces it, no conflict copy."""
    sync.user.write("a.txt", b"A, newer on the Cozy")
    sync.engine.journal.remove_tree("a.txt")
    result = sync.once()
    assert result.conflicts == []
    both(sync, {**START, "a.txt": b"A, newer on the Cozy"})


def test_a_real_conflict_without_a_journal_row_still_keeps_both(sync: Sync):
    sync.user.write("a.txt", b"theirs")
    sync.write("a.txt", b"mine, never on the Cozy")
    sync.engine.journal.remove_tree("a.txt")
    result = sync.once()
    assert [c.path for c in result.conflicts] == ["a.txt"]
    both(sync, {**START, "a.txt": b"theirs", "a (conflict).txt": b"mine, never on the Cozy"})


def test_an_old_copy_over_a_synced_file_then_renamed_lands(sync: Sync):
    """Issue 15, item 1: a file copied over a synced one keeps its old mtime (file
    managers, unzip, backup restores); its PUT must not store an ``updated_at`` before the
    doc's ``created_at``, or every later rename is a 422 retried for ever (§3.2)."""
    sync.write("a.txt", b"A restored from the 2010 backup")
    os.utime(sync.root / "a.txt", (1_262_304_000, 1_262_304_000))  # 2010-01-01
    sync.once()
    doc = sync.user.doc("a.txt")
    assert instant(doc.updated_at) >= instant(doc.created_at)
    (sync.root / "a.txt").rename(sync.root / "restored.txt")
    sync.once()
    assert [w.split()[0] for w in sync.writes()] == ["PATCH"]
    assert all(status != 422 for *_, status in sync.server.answers)
    expected = {k: v for k, v in START.items() if k != "a.txt"}
    both(sync, {**expected, "restored.txt": b"A restored from the 2010 backup"})
