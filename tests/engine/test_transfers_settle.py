"""Pending transfers with real adapters (local folder, WsgiDAV on 127.0.0.1, SQLite):
written on the engine's thread before the bytes can land, cleared with the journal
write, and settled at the next pass (``cozysync.sync.transfers``).

The two whole-process cases (an upload whose answer was lost, a download killed before
its journal write) are in ``tests/chaos/test_chaos_regressions.py``."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.errors import DiskFullError
from cozysync.journal.store import SqliteJournal
from cozysync.models import PendingTransfer
from cozysync.sync.engine import SyncEngine
from cozysync.sync.transfers import MKDIR_REMOTE, download_intent, folder_intent, upload_intent
from tests.engine.real_engine import real_engine
from tests.servers import WsgiDavServer


class RecordingJournal(SqliteJournal):
    """The real journal, noting which thread wrote each pending transfer."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.remembered: list[tuple[int, PendingTransfer]] = []
        self.refuse: Exception | None = None  # raised by put_transfer when set

    def put_transfer(self, transfer: PendingTransfer) -> None:
        if self.refuse is not None:
            raise self.refuse
        self.remembered.append((threading.get_ident(), transfer))
        super().put_transfer(transfer)


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    with real_engine(tmp_path, wsgidav_server, journal=RecordingJournal, workers=4) as engine:
        yield engine


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def settle(engine: SyncEngine) -> int:
    return engine.settler.settle(engine.local.scan(engine.ignore), engine.remote.list_tree())


def conflict_copies(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if "(conflict " in p.name)


def test_transfers_run_in_parallel_are_remembered_on_the_engines_thread_then_cleared(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    for i in range(6):
        (root / f"up{i}.txt").write_bytes(f"upload {i}\n".encode() * (i + 1))
        wsgidav_server.write(f"down{i}.txt", f"download {i}\n".encode() * (i + 1))
    (root / "empty.txt").write_bytes(b"")
    journal = engine.journal
    assert isinstance(journal, RecordingJournal)

    assert engine.sync_once().in_sync

    threads = {thread for thread, _ in journal.remembered}
    assert threads == {threading.get_ident()}  # SQLite's connection belongs to this thread
    by_key = {t.key: t for _, t in journal.remembered}
    expected = {f"up{i}.txt" for i in range(6)} | {f"down{i}.txt" for i in range(6)}
    assert set(by_key) == expected | {"empty.txt"}
    assert by_key["up3.txt"].direction == "upload"
    assert by_key["up3.txt"].content_hash == md5((root / "up3.txt").read_bytes())
    assert by_key["down2.txt"].direction == "download"
    assert by_key["down2.txt"].content_hash == md5((root / "down2.txt").read_bytes())
    assert journal.transfers() == []  # each cleared with its journal entry


def test_a_pending_upload_that_landed_makes_a_later_local_edit_a_plain_upload(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    (root / "report.txt").write_bytes(b"first draft\n")
    sent = engine.local.stat("report.txt")
    assert sent is not None
    # the upload landed (its answer was lost): the server has the bytes, the journal not
    wsgidav_server.write("report.txt", b"first draft\n")
    engine.journal.put_transfer(
        upload_intent("report.txt", sent, "report.txt", md5(b"first draft\n"), None)
    )
    (root / "report.txt").write_bytes(b"second draft, edited here only\n")

    result = engine.sync_once()

    assert result.in_sync and result.conflicts == []
    assert conflict_copies(root) == []
    assert (wsgidav_server.root / "report.txt").read_bytes() == b"second draft, edited here only\n"
    assert engine.journal.transfers() == []


def test_a_pending_upload_whose_bytes_are_not_on_the_server_is_dropped(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    (root / "report.txt").write_bytes(b"first draft\n")
    sent = engine.local.stat("report.txt")
    assert sent is not None
    wsgidav_server.write("report.txt", b"other device\n")  # same size, other bytes
    intent = upload_intent("report.txt", sent, "report.txt", md5(b"first draft\n"), None)
    engine.journal.put_transfer(intent)

    assert settle(engine) == 0
    assert engine.journal.transfers() == []
    assert engine.journal.entries() == {}  # nothing proven: the usual rules decide
    result = engine.sync_once()
    assert result.in_sync and len(result.conflicts) == 1  # two unrelated versions: both kept
    assert (root / "report.txt").read_bytes() == b"other device\n"
    assert [(root / c).read_bytes() for c in conflict_copies(root)] == [b"first draft\n"]


def test_a_pending_download_that_landed_makes_a_later_server_edit_a_plain_download(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    wsgidav_server.write("notes.txt", b"from the server\n")
    fetched = engine.remote.stat("notes.txt")
    # the download landed (killed before its journal write): the temp file is in place
    (root / "notes.txt").write_bytes(b"from the server\n")
    landed = engine.local.stat("notes.txt")
    assert fetched is not None and landed is not None
    engine.journal.put_transfer(
        download_intent("notes.txt", "notes.txt", landed, fetched, md5(b"from the server\n"))
    )
    wsgidav_server.write("notes.txt", b"edited by another device\n")

    result = engine.sync_once()

    assert result.in_sync and result.conflicts == []
    assert conflict_copies(root) == []
    assert (root / "notes.txt").read_bytes() == b"edited by another device\n"
    assert engine.journal.transfers() == []


def test_a_pending_download_rewritten_in_place_is_dropped_and_both_versions_kept(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    wsgidav_server.write("notes.txt", b"from the server\n")
    fetched = engine.remote.stat("notes.txt")
    (root / "notes.txt").write_bytes(b"from the server\n")
    landed = engine.local.stat("notes.txt")
    assert fetched is not None and landed is not None
    engine.journal.put_transfer(
        download_intent("notes.txt", "notes.txt", landed, fetched, md5(b"from the server\n"))
    )
    with (root / "notes.txt").open("r+b") as edit:  # same inode, same size, other bytes
        edit.write(b"FROM")
    wsgidav_server.write("notes.txt", b"edited by another device\n")

    assert settle(engine) == 0  # not proven: the usual rules decide
    assert engine.journal.transfers() == []
    result = engine.sync_once()
    assert result.in_sync and len(result.conflicts) == 1  # both kept
    assert (root / "notes.txt").read_bytes() == b"edited by another device\n"
    assert [(root / c).read_bytes() for c in conflict_copies(root)] == [b"FROM the server\n"]


def test_a_pending_download_that_never_reached_the_name_is_dropped(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root = engine.local.root
    wsgidav_server.write("notes.txt", b"from the server\n")
    fetched = engine.remote.stat("notes.txt")
    (root / "temp").write_bytes(b"from the server\n")  # the temp, removed unrenamed
    temp = engine.local.stat("temp")
    assert fetched is not None and temp is not None
    engine.journal.put_transfer(
        download_intent("notes.txt", "notes.txt", temp, fetched, md5(b"from the server\n"))
    )
    (root / "temp").unlink()
    (root / "notes.txt").write_bytes(b"made here meanwhile\n")  # may reuse the inode

    assert settle(engine) == 0  # the inode alone proves nothing
    assert engine.journal.transfers() == [] and engine.journal.entries() == {}
    result = engine.sync_once()
    assert result.in_sync and len(result.conflicts) == 1  # two unrelated files: both kept
    assert (wsgidav_server.root / "notes.txt").read_bytes() == b"from the server\n"


def test_a_folder_made_on_the_server_before_a_crash_is_no_conflict_with_a_file_here(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    """Seed 20019: the folder was made on the server but never journalled; the user then
    replaced it here by a file.  Expected: the file replaces the (empty) folder there."""
    root = engine.local.root
    (root / "keep.txt").write_bytes(b"k")
    assert engine.sync_once().in_sync
    (root / "c.txt").mkdir()
    folder = engine.local.stat("c.txt")
    assert folder is not None
    (wsgidav_server.root / "c.txt").mkdir()  # the MKCOL landed, its journal write did not
    engine.journal.put_transfer(folder_intent("c.txt", MKDIR_REMOTE, "c.txt", "c.txt", folder))
    (root / "c.txt").rmdir()
    (root / "c.txt").write_bytes(b"now a file\n")

    result = engine.sync_once()

    assert result.in_sync and result.conflicts == []
    assert conflict_copies(root) == []
    assert (wsgidav_server.root / "c.txt").read_bytes() == b"now a file\n"


def test_an_upload_that_cannot_be_remembered_does_not_land(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    """Seed 40072: the journal's disk was full, so the upload of a new file (its MD5 known
    only once read) could not be remembered; it landed all the same, its journal write
    failed too, and the next edit here met the server's copy as an unrelated file (a
    false conflict copy).  Expected: no intent, no upload; the pass stops on the full
    disk, and the file goes once there is room."""
    root = engine.local.root
    (root / "keep.txt").write_bytes(b"k")
    assert engine.sync_once().in_sync
    (root / "new.txt").write_bytes(b"a new file, never hashed before its upload\n" * 100)
    journal = engine.journal
    assert isinstance(journal, RecordingJournal)
    journal.refuse = DiskFullError("No space left to write the sync journal")

    with pytest.raises(DiskFullError):
        engine.sync_once()

    assert sorted(p.name for p in wsgidav_server.root.iterdir()) == ["keep.txt"]  # no temp
    journal.refuse = None
    assert engine.sync_once().in_sync
    assert (wsgidav_server.root / "new.txt").read_bytes() == (root / "new.txt").read_bytes()
