"""The in-memory ports keep the contract of the real adapters.  The folder and journal
checks run on both the twin and the real adapter (``LocalFolder`` and ``SqliteJournal``
on ``tmp_path``), so that the twins cannot drift from them; the server's follow what
``WebDavRemote`` does on WsgiDAV and Apache (tests/remotes)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import pytest

from cozysync.errors import (
    ItemChangedError,
    PreconditionFailedError,
    RemoteItemMissingError,
    ServerError,
)
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.models import Conflict, ItemError, JournalEntry, SkipKind
from cozysync.ports import Journal, LocalFS
from tests.memory_ports import (
    MemoryFolder,
    MemoryJournal,
    MemoryServer,
    MemoryServerConfirming,
    NoIgnore,
    md5,
)

NFC, NFD = (unicodedata.normalize(form, "é") for form in ("NFC", "NFD"))


# -- the folder: the twin and LocalFolder, through one "user" who changes the tree -----------


class User(Protocol):
    @property
    def folder(self) -> LocalFS: ...

    def write(self, path: str, content: bytes) -> None: ...

    def mkdir(self, path: str) -> None: ...

    def link(self, path: str) -> None: ...


class DiskUser:
    def __init__(self, root: Path) -> None:
        self.folder = LocalFolder(root)
        self.root = root

    def write(self, path: str, content: bytes) -> None:
        with open(self.root / path, "r+b" if (self.root / path).exists() else "wb") as out:
            out.truncate(0)
            out.write(content)

    def mkdir(self, path: str) -> None:
        (self.root / path).mkdir()

    def link(self, path: str) -> None:
        os.symlink("/etc", self.root / path)


class MemoryUser:
    def __init__(self) -> None:
        self.folder = MemoryFolder()

    def write(self, path: str, content: bytes) -> None:
        self.folder.write(path, content)

    def mkdir(self, path: str) -> None:
        self.folder.make_dirs(path)

    def link(self, path: str) -> None:
        self.folder.hold(path, SkipKind.LINK)


@pytest.fixture(params=["memory", "disk"])
def user(request: pytest.FixtureRequest, tmp_path: Path) -> User:
    if request.param == "disk":
        return DiskUser(tmp_path)
    return MemoryUser()


def _write_temp(folder: LocalFS, path: str, content: bytes, **commit: object) -> str:
    with folder.temp_file(path) as (temp, sink):
        sink.write(content)
        sink.flush()
        folder.commit_temp(temp, path, **commit)  # type: ignore[arg-type]
    return temp


def test_scan_lists_parents_before_children_and_holds_links_back(user: User) -> None:
    user.mkdir("d")
    user.mkdir("d/e")
    user.write("d/e/f", b"F")
    user.write("a", b"A")
    user.link("d/link")
    items, held = user.folder.scan_held(NoIgnore())
    paths = [s.path for s in items]
    assert sorted(paths) == ["a", "d", "d/e", "d/e/f"]
    assert paths.index("d") < paths.index("d/e") < paths.index("d/e/f")
    assert [(h.path, h.kind) for h in held] == [("d/link", SkipKind.LINK)]
    assert user.folder.stat("d/link") is None
    found = user.folder.held_back_at("d/link")
    assert found is not None and found.reason == held[0].reason
    assert user.folder.held_back_at("a") is None
    under = user.folder.scan(NoIgnore(), under="d/e")
    assert [s.path for s in under] == ["d/e/f"]


def test_a_folder_read_as_a_file_is_an_item_changed(user: User) -> None:
    user.mkdir("d")
    with pytest.raises(ItemChangedError):
        user.folder.hash_file("d")
    with pytest.raises(ItemChangedError):
        user.folder.hash_file("gone")


def test_a_rewrite_in_place_keeps_the_inode(user: User) -> None:
    user.write("a", b"A")
    before = user.folder.stat("a")
    user.write("a", b"A2")
    after = user.folder.stat("a")
    assert before is not None and after is not None
    assert after.inode == before.inode and after.size == 2
    assert user.folder.hash_file("a") == md5(b"A2")
    with user.folder.open_read("a") as source:
        assert source.read() == b"A2"


def test_commit_temp_never_replaces_what_it_did_not_expect(user: User) -> None:
    folder = user.folder
    _write_temp(folder, "n", b"new", expected=None, mtime=1_700_000_000)
    state = folder.stat("n")
    assert state is not None and state.mtime_ns == 1_700_000_000 * 10**9 and state.size == 3
    with pytest.raises(ItemChangedError):
        _write_temp(folder, "n", b"other", expected=None, mtime=None)  # something is there
    user.write("n", b"edited")  # the planner saw ``state``
    with pytest.raises(ItemChangedError):
        _write_temp(folder, "n", b"other", expected=state, mtime=None)
    assert folder.hash_file("n") == md5(b"edited")
    current = folder.stat("n")
    temp = _write_temp(folder, "n", b"replaced", expected=current, mtime=None)
    assert folder.hash_file("n") == md5(b"replaced")
    assert folder.stat(temp) is None
    assert [s.path for s in folder.scan(NoIgnore())] == ["n"]  # no temp left, none listed


def test_a_temp_not_committed_is_removed_and_keeps_its_inode_when_committed(user: User) -> None:
    folder = user.folder
    with folder.temp_file("x") as (temp, sink):
        sink.write(b"abc")
        sink.flush()
        seen = folder.stat(temp)
        assert seen is not None and seen.size == 3
    assert folder.stat(temp) is None
    with folder.temp_file("y") as (temp, sink):
        sink.write(b"abc")
        sink.flush()
        inode = folder.stat(temp).inode  # type: ignore[union-attr]
        new = folder.commit_temp(temp, "y", expected=None, mtime=None)
    assert new.inode == inode and new.path == "y"


def test_a_new_name_is_refused_beside_its_other_spelling(user: User) -> None:
    folder = user.folder
    user.write(NFC, b"E")
    with pytest.raises(ItemChangedError):
        _write_temp(folder, NFD, b"E2", expected=None, mtime=None)
    with pytest.raises(ItemChangedError):
        folder.mkdir(NFD)
    user.write("b", b"B")
    with pytest.raises(ItemChangedError):
        folder.move("b", NFD)
    moved = folder.move(NFC, NFD)  # its own other spelling: a respelling, allowed
    assert moved.path == NFD and folder.stat(NFD) is not None


def test_mkdir_and_move_never_replace(user: User) -> None:
    folder = user.folder
    made = folder.mkdir("d")
    assert folder.mkdir("d").inode == made.inode  # already there: fine
    user.write("f", b"F")
    with pytest.raises(ItemChangedError):
        folder.mkdir("f")  # a file in the way
    user.write("g", b"G")
    inode = folder.stat("g").inode  # type: ignore[union-attr]
    with pytest.raises(ItemChangedError):
        folder.move("g", "f")
    assert folder.hash_file("f") == md5(b"F")
    moved = folder.move("g", "d/g")
    assert moved.inode == inode and folder.stat("g") is None
    with pytest.raises(ItemChangedError):
        folder.move("gone", "h")
    with pytest.raises(ItemChangedError):
        folder.trash("gone")


def test_the_memory_folder_trashes_whole_folders() -> None:
    folder = MemoryFolder()
    folder.make_dirs("d/e")
    folder.write("d/e/y", b"Y")
    folder.trash("d")
    assert folder.nodes == {}
    assert folder.trashed == [("d", None), ("d/e", None), ("d/e/y", b"Y")]


def test_a_case_insensitive_memory_folder_finds_a_name_in_another_case() -> None:
    folder = MemoryFolder(case_insensitive=True)
    folder.write("Doc.txt", b"D")
    assert folder.is_case_insensitive()
    assert folder.stat("doc.txt") is not None
    with pytest.raises(ItemChangedError):
        _write_temp(folder, "DOC.TXT", b"x", expected=None, mtime=None)
    assert folder.move("Doc.txt", "doc.txt").path == "doc.txt"  # a case-only rename
    assert list(folder.nodes) == ["doc.txt"]


def test_failures_on_demand() -> None:
    folder = MemoryFolder()
    folder.write("a", b"A")
    folder.fail_next("hash_file", "a", ItemChangedError("boom"), times=2)
    for _ in range(2):
        with pytest.raises(ItemChangedError, match="boom"):
            folder.hash_file("a")
    assert folder.hash_file("a") == md5(b"A")


# -- the server ----------------------------------------------------------------------------


def _upload(server: MemoryServer, path: str, content: bytes, replace: object = None) -> object:
    from io import BytesIO

    return server.upload(
        path,
        lambda: BytesIO(content),
        len(content),
        replace=replace,  # type: ignore[arg-type]
        mtime=None,
        content_hash=None,
        progress=None,
    )


def test_the_server_uploads_create_only_or_if_match() -> None:
    server = MemoryServer(stable_ids=True)
    created = _upload(server, "a", b"A")
    with pytest.raises(PreconditionFailedError):
        _upload(server, "a", b"B")  # create-only: something is there
    replaced = _upload(server, "a", b"B", replace=created)
    assert replaced.etag != created.etag and replaced.remote_id == created.remote_id  # type: ignore[attr-defined]
    with pytest.raises(PreconditionFailedError):
        _upload(server, "a", b"C", replace=created)  # If-Match an old version
    with pytest.raises(RemoteItemMissingError):
        _upload(server, "no/such/folder/a", b"A")  # 409
    from io import BytesIO

    with pytest.raises(ItemChangedError):
        server.upload("b", lambda: BytesIO(b"12"), 3, replace=None, mtime=None,
                      content_hash=None, progress=None)  # fmt: skip


def test_the_server_downloads_the_version_asked_for() -> None:
    from io import BytesIO

    server = MemoryServer(content_hashes=True)
    server.write("a", b"A")
    old = server.stat("a")
    server.write("a", b"A2")
    with pytest.raises(PreconditionFailedError):
        server.download("a", BytesIO(), expected=old, progress=None)
    sink = BytesIO()
    got = server.download("a", sink, expected=server.stat("a"), progress=None)
    assert sink.getvalue() == b"A2" and got.content_hash == md5(b"A2")
    with pytest.raises(RemoteItemMissingError):
        server.download("gone", BytesIO(), expected=None, progress=None)


def test_the_server_moves_without_replacing_and_deletes_to_its_trash() -> None:
    server = MemoryServer()
    server.make_dirs("d")
    server.write("d/x", b"X")
    server.write("y", b"Y")
    before = server.stat("d/x")
    with pytest.raises(PreconditionFailedError):
        server.move("y", "d/x", expected=server.stat("y"))
    moved = server.move("d", "e", expected=None)
    assert moved.is_dir and server.stat("e/x").etag == before.etag  # type: ignore[union-attr]
    stale = server.stat("y")
    server.write("y", b"Y2")
    with pytest.raises(PreconditionFailedError):
        server.delete("y", expected=stale)
    server.delete("e", expected=None)
    server.delete("e", expected=None)  # gone already: fine
    assert server.trashed == [("e", None), ("e/x", b"X")]
    assert [r.path for r in server.list_tree()] == ["y"]
    with pytest.raises(RemoteItemMissingError):
        server.list_below("e")


def test_apache_etags_collide_and_names_keep_their_spelling() -> None:
    server = MemoryServer(etags="apache", seconds_per_write=0)
    server.write("a", b"1")
    server.write("b", b"2")
    assert server.stat("a").etag == server.stat("b").etag  # type: ignore[union-attr]
    server.write(NFC, b"c")
    server.write(NFD, b"d")
    assert {r.path for r in server.list_tree()} == {"a", "b", NFC, NFD}


def test_the_server_fails_on_demand_and_lists_parents_first() -> None:
    server = MemoryServer()
    server.make_dirs("d/e")
    server.write("d/e/f", b"F")
    server.write("a", b"A")
    assert [r.path for r in server.list_tree()] == ["a", "d", "d/e", "d/e/f"]
    server.fail_next("list_tree", "", ServerError("HTTP 500"))
    with pytest.raises(ServerError):
        server.list_tree()
    assert len(server.list_tree()) == 4


# -- the journal: the twin and SqliteJournal -------------------------------------------------


@pytest.fixture(params=["memory", "sqlite"])
def journal(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Journal]:
    store: Journal = (
        MemoryJournal() if request.param == "memory" else SqliteJournal(tmp_path / "j.db")
    )
    yield store
    store.close()


def _entry(key: str, local_path: str | None = None, is_dir: bool = False) -> JournalEntry:
    path = local_path or key
    return JournalEntry(key, path, path, is_dir, 1, 1, 1, 1, "h", "e", None, 1, 5)


def test_relocate_keeps_each_sides_spelling_below_and_drops_stale_rows(journal: Journal) -> None:
    journal.put_many([_entry("d", is_dir=True), _entry(f"d/{NFC}", f"d/{NFD}"),
                      _entry("n", is_dir=True), _entry("n/old")])  # fmt: skip
    journal.relocate("d", "n", "N", "n")
    entries = journal.entries()
    assert set(entries) == {"n", f"n/{NFC}"}
    assert entries[f"n/{NFC}"].local_path == f"N/{NFD}"
    assert entries[f"n/{NFC}"].remote_path == f"n/{NFD}"
    with pytest.raises(ValueError):
        journal.relocate("n", f"n/{NFC}/x", "a", "a")


def test_a_transaction_is_all_or_nothing(journal: Journal) -> None:
    journal.put(_entry("a"))
    with pytest.raises(RuntimeError), journal.transaction():
        journal.put(_entry("b"))
        journal.remove_tree("a")
        raise RuntimeError("crash")
    assert set(journal.entries()) == {"a"}
    journal.put(_entry("a/b"))
    journal.remove_tree("")
    assert journal.entries() == {}


def test_errors_conflicts_and_meta(journal: Journal) -> None:
    for path in ("b", "a"):
        journal.record_error(ItemError(path, "t", "h", 1, 10.0))
    assert [e.path for e in journal.errors()] == ["a", "b"]
    assert journal.error("b") is not None and journal.error("c") is None
    journal.clear_error("a")
    assert [e.path for e in journal.errors()] == ["b"]
    journal.add_conflict(Conflict("x", "x (conflict)", 1.0))
    assert journal.conflicts() == [Conflict("x", "x (conflict)", 1.0)]
    journal.remove_conflict("x")
    journal.set_meta("k", "v")
    assert journal.get_meta("k") == "v"
    journal.set_meta("k", None)
    assert journal.get_meta("k") is None and journal.conflicts() == []


def test_batched_uploads_are_confirmed_unless_written_since() -> None:
    from io import BytesIO

    server = MemoryServerConfirming()
    for path in ("a", "b"):
        sent = server.upload_unconfirmed(path, lambda: BytesIO(b"1"), 1, replace=None,
                                         mtime=7, content_hash=None, progress=None)  # fmt: skip
        assert sent.etag is None and sent.size == 1
    server.write("b", b"2")  # another client, before the confirmation
    confirmed = server.confirm_uploads(["a", "b"])
    assert list(confirmed) == ["a"] and confirmed["a"].etag == server.stat("a").etag  # type: ignore[union-attr]
    assert server.confirm_uploads(["a"]) == {}  # confirmed once
