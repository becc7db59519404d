"""The engine with real adapters (local folder, WsgiDAV on 127.0.0.1, SQLite journal):
full passes, and the narrowed passes of watch mode (targeted rescan, no listing between
two polls)."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.paths import path_key
from cozysync.sync.engine import SyncEngine
from tests.engine.api_helpers import private_home
from tests.engine.real_engine import real_engine
from tests.servers import WsgiDavServer


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    with real_engine(tmp_path, wsgidav_server) as engine:
        yield engine


def _listings(server: WsgiDavServer) -> int:
    assert server.faults is not None
    return sum(1 for method, path in server.faults.seen if method == "PROPFIND" and path == "/")


def _requests(server: WsgiDavServer, method: str) -> int:
    assert server.faults is not None
    return sum(1 for m, _ in server.faults.seen if m == method)


def test_a_targeted_pass_sends_an_edit_without_listing_the_server(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    (root / "docs").mkdir()
    (root / "docs" / "a.txt").write_text("one")
    (root / "b.txt").write_text("two")
    assert engine.sync_once().in_sync
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()

    (root / "docs" / "a.txt").write_text("one, edited")
    result = engine.sync_once(dirty={"docs/a.txt"}, list_remote=False)

    assert result.in_sync and result.actions_done == 1
    assert (wsgidav_server.root / "docs" / "a.txt").read_text() == "one, edited"
    assert _listings(wsgidav_server) == 0  # no listing of the whole tree
    assert _requests(wsgidav_server, "PUT") == 1


def test_a_targeted_pass_sends_a_rename_as_one_move(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    (root / "a.txt").write_text("content")
    assert engine.sync_once().in_sync
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    inode = (wsgidav_server.root / "a.txt").stat().st_ino

    (root / "a.txt").rename(root / "renamed.txt")
    result = engine.sync_once(dirty={"a.txt", "renamed.txt"}, list_remote=False)

    assert result.in_sync
    assert not (wsgidav_server.root / "a.txt").exists()
    assert (wsgidav_server.root / "renamed.txt").stat().st_ino == inode  # moved, not re-sent
    assert _requests(wsgidav_server, "MOVE") == 1 and _requests(wsgidav_server, "PUT") == 0


def test_a_new_folder_reported_by_the_watcher_comes_with_its_content(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    (root / "keep.txt").write_text("k")
    assert engine.sync_once().in_sync
    (root / "new" / "deeper").mkdir(parents=True)
    (root / "new" / "deeper" / "f.txt").write_text("f")

    assert engine.sync_once(dirty={"new"}, list_remote=False).in_sync
    assert (wsgidav_server.root / "new" / "deeper" / "f.txt").read_text() == "f"


def test_narrowing_is_ignored_until_a_full_pass_ended_in_sync(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    (engine.local.root / "a.txt").write_text("a")
    wsgidav_server.write("from-server.txt", b"s")
    # First pass ever: narrowed arguments must not hide what the journal does not know.
    result = engine.sync_once(dirty=set(), list_remote=False)
    assert result.in_sync
    assert (engine.local.root / "from-server.txt").read_bytes() == b"s"
    assert (wsgidav_server.root / "a.txt").read_text() == "a"


def test_a_deletion_seen_by_the_watcher_goes_to_the_server(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(name)
    assert engine.sync_once().in_sync
    (root / "a.txt").unlink()
    assert engine.sync_once(dirty={"a.txt"}, list_remote=False).in_sync
    assert not (wsgidav_server.root / "a.txt").exists()
    assert (wsgidav_server.root / "b.txt").exists()


def test_folders_deleted_together_are_checked_against_the_journal(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    """Regression: two folder deletions in one stage run on worker threads, which must
    not read the journal themselves (its SQLite connection belongs to the engine's
    thread)."""
    root = engine.local.root
    for folder in ("one", "two"):
        (root / folder).mkdir()
        (root / folder / "f.txt").write_text(folder)
    (root / "stays.txt").write_text("s")
    assert engine.sync_once().in_sync
    for folder in ("one", "two"):
        (root / folder / "f.txt").unlink()
        (root / folder).rmdir()

    result = engine.sync_once()

    assert result.in_sync and not result.errors
    assert not (wsgidav_server.root / "one").exists()
    assert not (wsgidav_server.root / "two").exists()
    assert (wsgidav_server.root / "stays.txt").exists()


@pytest.mark.parametrize("respelled_on", ["local", "server"])
def test_a_folder_respelled_on_one_side_follows_its_deletion_on_the_other(
    engine: SyncEngine,
    wsgidav_server: WsgiDavServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    respelled_on: str,
) -> None:
    """Found by the reconciler's property test: a folder renamed on one side only in its
    Unicode form (NFC to NFD) while the other side deleted it.  The deletion was refused
    at every pass, because the files inside were looked up in the journal by the spelling
    it recorded; they are matched on keys now, and the folder goes (to the trash here)."""
    private_home(tmp_path, monkeypatch)  # the OS trash under tmp_path
    nfc, nfd = (unicodedata.normalize(form, "é") for form in ("NFC", "NFD"))
    root, served = engine.local.root, wsgidav_server.root
    (root / nfc).mkdir()
    (root / nfc / "x.txt").write_text("X")
    (root / "stays.txt").write_text("S")  # the folder never looks emptied (root guard)
    assert engine.sync_once().in_sync
    if respelled_on == "local":
        (root / nfc).rename(root / nfd)
        (served / nfc / "x.txt").unlink()
        (served / nfc).rmdir()
    else:
        (served / nfc).rename(served / nfd)
        (root / nfc / "x.txt").unlink()
        (root / nfc).rmdir()

    first = engine.sync_once()

    assert first.in_sync and not first.errors
    assert not (root / nfc).exists() and not (root / nfd).exists()
    assert not (served / nfc).exists() and not (served / nfd).exists()
    assert (served / "stays.txt").read_text() == (root / "stays.txt").read_text() == "S"
    if respelled_on == "local":
        trashed = tmp_path / "xdg-data" / "Trash" / "files" / nfd / "x.txt"
        assert trashed.read_text() == "X"
    assert engine.sync_once().actions_done == 0


def _names(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if n != ".cozysync")


@pytest.mark.parametrize("kind", ["file", "folder", "move"])
def test_a_new_name_is_not_sent_beside_the_same_name_in_another_unicode_spelling(
    engine: SyncEngine, wsgidav_server: WsgiDavServer, kind: str
) -> None:
    """Soak 7 (seed 71154): between two polls (the server taken as the journal saw it),
    another device put été.txt in NFC on the server while the user made été.txt in NFD
    here.  Sent as it was, the server would hold two names that are one to the sync, and
    every later pass would only report them.  The new name is refused (one stat of the
    other spelling), and the next full pass compares the two as one item: nothing is lost
    and the server keeps one spelling."""
    nfc, nfd = (unicodedata.normalize(form, "été.txt") for form in ("NFC", "NFD"))
    root, served = engine.local.root, wsgidav_server.root
    (root / "stays.txt").write_text("S")
    if kind == "move":
        (root / "old.txt").write_text("made here")
    assert engine.sync_once().in_sync
    if kind == "folder":
        (served / nfc).mkdir()
        (served / nfc / "a.txt").write_text("from the other device")
        (root / nfd).mkdir()
        (root / nfd / "b.txt").write_text("made here")
        dirty = {nfd}
    else:
        (served / nfc).write_text("from the other device")
        if kind == "move":
            (root / "old.txt").rename(root / nfd)
            dirty = {"old.txt", nfd}
        else:
            (root / nfd).write_text("made here")
            dirty = {nfd}

    between_polls = engine.sync_once(dirty=dirty, list_remote=False)

    assert not between_polls.in_sync  # replanned: the next pass is a full one
    assert between_polls.errors == []  # not the user's problem
    assert _names(served) == sorted([nfc, "stays.txt"] + (["old.txt"] if kind == "move" else []))

    full = engine.sync_once()

    assert full.in_sync, full.errors
    on_server = _names(served)
    assert nfd not in on_server and nfc in on_server  # one spelling there
    assert engine.sync_once().actions_done == 0
    if kind == "folder":
        assert _names(served / nfc) == ["a.txt", "b.txt"]  # both folders' files, merged
        assert _names(root / nfd) == ["a.txt", "b.txt"]
    else:
        copies = [n for n in on_server if "conflict" in n]
        assert len(copies) == 1  # both versions kept, the user's as a conflict copy
        kept = {(served / n).read_text() for n in (nfc, copies[0])}
        assert kept == {"from the other device", "made here"}
        assert sorted(map(path_key, _names(root))) == sorted(map(path_key, on_server))


def test_the_files_of_a_folder_the_server_refused_wait_for_it(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    """A new folder the server refuses (HTTP 403 on MKCOL): its files are not sent one by
    one into a folder that is not there (an HTTP 409 and an error each); the folder's
    error is the one the user sees, and they go up once it can be made."""
    root = engine.local.root
    (root / "stays.txt").write_text("S")
    assert engine.sync_once().in_sync
    (root / "cours").mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / "cours" / name).write_text(name)
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    wsgidav_server.faults.add("MKCOL", "cours", 403, times=1)

    refused = engine.sync_once()

    assert not refused.in_sync
    assert [e.path for e in refused.errors] == ["cours"]
    assert _requests(wsgidav_server, "PUT") == 0  # no file sent into a missing folder
    assert not (wsgidav_server.root / "cours").exists()

    again = engine.sync_once()

    assert again.in_sync, again.errors
    assert _names(wsgidav_server.root / "cours") == ["a.txt", "b.txt", "c.txt"]


def test_a_poll_whose_listing_is_the_last_quiet_one_is_not_parsed_nor_reconciled(
    engine: SyncEngine, wsgidav_server: WsgiDavServer, multistatus_parses: list[int]
) -> None:
    """Idle CPU in watch mode: the whole-tree answer is fingerprinted; the same bytes as
    the listing of the last plan that found nothing give that plan again (its reports
    too), with no parse, no journal read and no reconcile.  Any change is seen."""
    root, served = engine.local.root, wsgidav_server.root
    (root / "cours").mkdir()
    (root / "cours" / "devoir.txt").write_text("homework")
    (root / "brouillon.part").write_text("a name the server refuses")  # a report
    assert engine.sync_once().in_sync

    before = len(multistatus_parses)
    quiet = [engine.sync_once(dirty=set(), list_remote=True) for _ in range(3)]

    assert len(multistatus_parses) == before  # three polls, no listing parsed
    for result in quiet:
        assert result.in_sync and result.actions_done == 0
        assert [r.split(":")[0] for r in result.reports] == ["brouillon.part"]

    (served / "cours" / "nouveau.txt").write_text("from the other device")
    seen = engine.sync_once(dirty=set(), list_remote=True)

    assert seen.in_sync and seen.actions_done == 1
    assert (root / "cours" / "nouveau.txt").read_text() == "from the other device"
    assert len(multistatus_parses) > before
    after_change = len(multistatus_parses)
    assert engine.sync_once(dirty=set(), list_remote=True).actions_done == 0
    assert len(multistatus_parses) == after_change  # quiet again on the new listing


def test_a_local_change_is_never_hidden_by_a_quiet_listing(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    (root / "a.txt").write_text("one")
    assert engine.sync_once().in_sync
    assert engine.sync_once(dirty=set(), list_remote=True).actions_done == 0

    (root / "a.txt").write_text("one, edited")
    edited = engine.sync_once(dirty={"a.txt"}, list_remote=True)

    assert edited.in_sync and edited.actions_done == 1
    assert (wsgidav_server.root / "a.txt").read_text() == "one, edited"
