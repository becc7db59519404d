"""Named regression tests for the bugs the chaos checker found, each reduced to a few
steps on the same real parts (CLI subprocess, WsgiDAV, our proxy, real file system).

Each test names the seed that found it; ``python -m tests.chaos --replay SEED`` replays
the whole history.  A test marked ``xfail(strict=True)`` is a bug still open in the
product: when the product is fixed it passes, strict xfail turns that into a failure, and
the mark must go.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chaos.history import SENTINEL, ChaosOptions, RemoteUser, World
from tests.chaos.proxy import ProxyFault


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    world = World(0, tmp_path / "world", ChaosOptions())
    world.start()
    (world.local / SENTINEL).write_bytes(b"sentinel\n")
    world.link()
    try:
        yield world
    finally:
        world.close()
        shutil.rmtree(tmp_path / "world", ignore_errors=True)


def synced_folders(world: World, *names: str) -> None:
    for name in names:
        (world.local / name).mkdir()
        (world.local / name / "f.txt").write_bytes(f"in {name}\n".encode())
    run = world.sync()
    assert run.code == 0, run.err
    assert run.outcome is not None and run.outcome["in_sync"]


def test_two_folders_deleted_on_the_server_are_trashed_here(world: World) -> None:
    """Seed 1.  Two synced folders deleted on the server: the pass plans two TRASH_LOCAL
    folder actions in one stage, run on the pool; each checks the folder against the
    journal from its worker thread and fails with "The sync journal ... failed: Error,
    database connection not opened" (a FatalError): every later pass stopped the same way.
    Fixed in 822ca81 (the workers check against a journal snapshot read on the engine's
    thread)."""
    synced_folders(world, "x", "y")
    user = RemoteUser(world)
    user.act("delete", "x", "")
    user.act("delete", "y", "")
    run = world.sync()
    assert "database connection not opened" not in run.err
    assert run.code == 0, run.err
    assert not (world.local / "x").exists() and not (world.local / "y").exists()


def test_two_folders_deleted_here_are_deleted_on_the_server(world: World) -> None:
    """The same bug the other way: two DELETE_REMOTE folder actions in one stage."""
    synced_folders(world, "x", "y")
    shutil.rmtree(world.local / "x")
    shutil.rmtree(world.local / "y")
    run = world.sync()
    assert "database connection not opened" not in run.err
    assert run.code == 0, run.err
    assert not (world.server_root / "x").exists() and not (world.server_root / "y").exists()


def test_local_edit_after_an_upload_whose_answer_was_lost_is_no_conflict(world: World) -> None:
    """Seed 2007.  A new local file is uploaded; the server performs the MOVE of the
    upload's temp onto the name, but the connection is reset before the answer (the proxy's
    ``reset-after``), so the pass stops offline and writes no journal entry.  The user
    edits the file; the next pass finds the file on both sides with no journal entry,
    compares the bytes, and keeps both: a conflict copy although only this computer
    changed the file.  Expected: the edit is uploaded, no conflict copy.  Fixed by pending
    transfers (``cozysync.sync.transfers``): the upload, remembered before its body was
    sent, is found on the server with its bytes and becomes the synced base."""
    assert world.sync().code == 0  # the sentinel: now the only upload is the report
    (world.local / "report.txt").write_bytes(b"first draft\n")
    # the MOVE of the upload's temp (not of the server probe's folder) is answered by a
    # reset; since dbbedf5 the client then asks the server whether the temp is still there:
    # those questions are reset too, so the pass cannot know and stops offline
    temp = r"/\.cozysync-(\d+-)?[0-9a-f]{32}\.tmp$"
    world.schedule.forced.append(("MOVE", temp, ProxyFault("reset-after")))
    # (the temp's upload verification, before the MOVE, goes through: a delay of 0)
    world.schedule.forced.append(("PROPFIND", temp, ProxyFault("delay")))
    world.schedule.forced.extend(("PROPFIND", temp, ProxyFault("reset-before")) for _ in range(8))
    run = world.sync()
    assert (world.server_root / "report.txt").read_bytes() == b"first draft\n"  # it landed
    assert run.code == 3, run.err  # ... but the client saw the connection lost
    world.schedule.forced.clear()  # the resets not used up (they were for that pass)
    (world.local / "report.txt").write_bytes(b"second draft, only edited here\n")
    run = world.sync()
    copies = [p.name for p in world.local.iterdir() if "(conflict " in p.name]
    assert copies == [], run.outcome
    assert (world.server_root / "report.txt").read_bytes() == b"second draft, only edited here\n"


def test_server_edit_after_a_download_killed_before_its_journal_write_is_no_conflict(
    world: World,
) -> None:
    """Seed 2138 (there the server then replaced the file by a folder: KEEP_BOTH).  A file
    new on the server is downloaded; the sync is killed at ``before-journal-commit``, so
    the local copy exists but the journal does not know it.  Another device edits the file
    on the server; the next pass sees a local and a server file with no journal entry,
    compares them, and keeps both: a conflict copy although nobody edited it here.
    Expected (docs: "no false conflict" after a crash between a transfer and its journal
    write): the server's edit is downloaded, no conflict copy.  Fixed by pending transfers:
    the download, remembered before its temp file was renamed into place, is found here
    (the temp's inode, size and MD5) and becomes the synced base."""
    assert world.sync().code == 0
    user = RemoteUser(world)
    user.act("write", "notes.txt", "")
    env = world.env()
    env["COZYSYNC_FAILPOINTS"] = "before-journal-commit"
    run = world._run_sync(env, world.root / "outcome.json", None, None)
    assert run.code == -9 and (world.local / "notes.txt").exists()  # downloaded, unrecorded
    user.act("write", "notes.txt", "")
    edited = (world.server_root / "notes.txt").read_bytes()
    run = world.sync()
    copies = [p.name for p in world.local.iterdir() if "(conflict " in p.name]
    assert copies == [], run.outcome
    assert (world.local / "notes.txt").read_bytes() == edited


def test_an_item_below_a_folder_respelled_on_the_server_is_sent_to_the_new_spelling(
    world: World,
) -> None:
    """Seed 20024.  A synced folder ``été.txt`` (NFC) is deleted on the server and made
    again as ``été.txt`` in NFD (same key), while a file below it is edited here: the pass
    records the folder's new spelling, but its journal children keep the old one, so the
    edit (modify beats delete: its folders are made again on the server) is
    sent to the old spelling, under a parent the server does not have: HTTP 409 at every
    pass, never in sync.  Expected: the children are respelled with the folder,
    and the edit lands below the NFD folder."""
    nfc, nfd = unicodedata.normalize("NFC", "été"), unicodedata.normalize("NFD", "été")
    (world.local / nfc / "sub").mkdir(parents=True)
    (world.local / nfc / "sub" / "f.txt").write_bytes(b"synced\n")
    assert world.sync().code == 0
    user = RemoteUser(world)
    user.act("delete", nfc, "")
    user.act("mkdir", nfd, "")
    (world.local / nfc / "sub" / "f.txt").write_bytes(b"edited here\n")
    run = world.sync()
    for _ in range(3):
        run = world.sync()
        if run.outcome is not None and run.outcome["in_sync"]:
            break
    assert run.code == 0, (run.outcome, run.err[-500:])
    assert (world.server_root / nfd / "sub" / "f.txt").read_bytes() == b"edited here\n"


def test_a_server_folder_replaced_by_a_file_after_an_unrecorded_mkdir_is_no_conflict(
    world: World,
) -> None:
    """Seed 60038.  A folder new on the server (``d.bin``, a file inside) is made here;
    the sync is killed at ``before-journal-commit``, so the local folder exists and only
    its pending ``mkdir-local`` says so.  Another device then replaces the server's folder
    by a file of the same name.  Settling required the server to still hold a folder
    (the side the folder was *not* made on): the intent was dropped, the next pass met a
    local folder and a server file with no journal entry, and kept both: a conflict copy
    ``d (conflict ...).bin`` although only the server changed.  Expected: the folder made
    here is the synced base, so the server's change is one-sided: the (empty, known)
    folder goes to the trash and the server's file is downloaded, no conflict copy."""
    assert world.sync().code == 0
    user = RemoteUser(world)
    user.act("write", "d.bin/f.txt", "")
    env = world.env()
    env["COZYSYNC_FAILPOINTS"] = "before-journal-commit"
    run = world._run_sync(env, world.root / "outcome.json", None, None)
    assert run.code == -9 and (world.local / "d.bin").is_dir()  # made here, unrecorded
    user.act("write", "d.bin", "")
    written = (world.server_root / "d.bin").read_bytes()
    run = world.sync()
    copies = [p.name for p in world.local.iterdir() if "(conflict " in p.name]
    assert copies == [], run.outcome
    assert (world.local / "d.bin").read_bytes() == written
    assert (world.server_root / "d.bin").read_bytes() == written  # the folder came not back
