"""The pure decisions that settle a pending transfer (``cozysync.sync.transfers``)."""

from __future__ import annotations

import dataclasses

from cozysync.models import JournalEntry, LocalState, RemoteState
from cozysync.sync.transfers import (
    DOWNLOAD,
    MKDIR_LOCAL,
    MKDIR_REMOTE,
    UPLOAD,
    download_intent,
    folder_intent,
    proven_entry,
    upload_intent,
    upload_may_have_landed,
)

MD5 = "0123456789abcdef0123456789abcdef"
OTHER = "ffffffffffffffffffffffffffffffff"

SENT = LocalState("docs/a.txt", False, 10, 1_700_000_000_000_000_001, 77, 3, MD5)
OLD_REMOTE = RemoteState("docs/a.txt", False, 4, 1_600_000_000, "e-old", "id-1")
TEMP = LocalState("docs/.cozysync-1.tmp", False, 10, 5, 88, 3)
FETCHED = RemoteState("docs/A.txt", False, 10, 1_650_000_000, "e-fetched", "id-2")


def test_an_upload_intent_holds_the_sent_file_and_the_version_it_replaces() -> None:
    t = upload_intent("docs/a.txt", SENT, "docs/a.txt", MD5, OLD_REMOTE)
    assert t.direction == UPLOAD
    assert (t.inode, t.device, t.size, t.mtime_ns, t.content_hash) == (
        77,
        3,
        10,
        SENT.mtime_ns,
        MD5,
    )
    assert (t.etag, t.remote_id, t.remote_mtime) == ("e-old", "id-1", 1_600_000_000)
    created = upload_intent("docs/a.txt", SENT, "docs/a.txt", MD5, None)
    assert (created.etag, created.remote_id, created.remote_mtime) == (None, None, None)


def test_a_download_intent_holds_the_temp_file_at_the_target_name_and_the_version() -> None:
    t = download_intent("docs/a.txt", "docs/a.txt", TEMP, FETCHED, MD5)
    assert t.direction == DOWNLOAD
    assert (t.local_path, t.remote_path) == ("docs/a.txt", "docs/A.txt")
    assert (t.inode, t.device, t.size, t.content_hash) == (88, 3, 10, MD5)
    assert (t.etag, t.remote_id, t.remote_mtime) == ("e-fetched", "id-2", 1_650_000_000)


# --- downloads --------------------------------------------------------------------------

DOWN = download_intent("docs/a.txt", "docs/a.txt", TEMP, FETCHED, MD5)
LANDED = LocalState("docs/a.txt", False, 10, 1_650_000_000 * 10**9, 88, 3, MD5)


def test_a_download_intent_expects_the_mtime_the_rename_gives_the_file() -> None:
    assert DOWN.mtime_ns == 1_650_000_000 * 10**9  # the server's mtime, set on the temp
    no_mtime = download_intent("a", "a", TEMP, dataclasses.replace(FETCHED, mtime=None), MD5)
    assert no_mtime.mtime_ns == TEMP.mtime_ns


def test_a_download_that_landed_records_the_fetched_version_as_the_synced_base() -> None:
    entry = proven_entry(DOWN, LANDED, None)
    assert entry == JournalEntry(
        "docs/a.txt", "docs/a.txt", "docs/A.txt", False, 88, 3, 10, 1_650_000_000 * 10**9,
        MD5, "e-fetched", "id-2", 10, 1_650_000_000,
    )  # fmt: skip


def test_a_download_moved_since_still_records_what_was_fetched_at_its_old_name() -> None:
    """The temp's inode is in the folder with its bytes: the rename put it there.  The
    move made since is a change against that base (found by inode, as moves are)."""
    moved = LocalState("other/b.txt", False, 10, 7, 88, 3, MD5)
    entry = proven_entry(DOWN, moved, None)
    assert entry is not None and entry == proven_entry(DOWN, LANDED, None)
    assert (entry.local_path, entry.inode, entry.content_hash) == ("docs/a.txt", 88, MD5)


def test_a_download_edited_since_is_not_proven() -> None:
    """An inode number is reused once its file is gone: a file with the temp's inode but
    other bytes may be an unrelated file, and taking the fetched version as its base
    could then overwrite that version on the server.  Left to the usual rules."""
    rewritten = dataclasses.replace(LANDED, content_hash=OTHER)
    resized = dataclasses.replace(LANDED, size=11)
    unhashed = dataclasses.replace(LANDED, content_hash=None)
    for local in (rewritten, resized, unhashed):
        assert proven_entry(DOWN, local, None) is None


def test_a_download_is_not_proven_without_the_temp_files_inode() -> None:
    other_inode = dataclasses.replace(LANDED, inode=89)
    other_device = dataclasses.replace(LANDED, device=4)
    folder = dataclasses.replace(LANDED, is_dir=True)
    for local in (None, other_inode, other_device, folder):
        assert proven_entry(DOWN, local, None) is None


# --- uploads ----------------------------------------------------------------------------

UP = upload_intent("docs/a.txt", SENT, "docs/a.txt", MD5, OLD_REMOTE)
ON_SERVER = RemoteState("docs/a.txt", False, 10, 1_700_000_100, "e-new", "id-1")


def test_an_upload_that_landed_records_the_sent_file_as_the_synced_base() -> None:
    assert upload_may_have_landed(UP, ON_SERVER)  # no server MD5: it must be hashed
    hashed = dataclasses.replace(ON_SERVER, content_hash=MD5)
    assert upload_may_have_landed(UP, hashed)
    assert proven_entry(UP, None, hashed) == JournalEntry(
        "docs/a.txt", "docs/a.txt", "docs/a.txt", False, 77, 3, 10, SENT.mtime_ns, MD5,
        "e-new", "id-1", 10, 1_700_000_100,
    )  # fmt: skip


def test_an_upload_is_not_proven_by_other_bytes_or_the_replaced_version() -> None:
    still_old = dataclasses.replace(ON_SERVER, etag="e-old", content_hash=MD5)
    other_size = dataclasses.replace(ON_SERVER, size=9, content_hash=MD5)
    other_bytes = dataclasses.replace(ON_SERVER, content_hash=OTHER)
    folder = dataclasses.replace(ON_SERVER, is_dir=True, content_hash=MD5)
    for remote in (None, still_old, other_size, other_bytes, folder):
        assert not upload_may_have_landed(UP, remote)
        assert proven_entry(UP, None, remote) is None
    unhashed = ON_SERVER  # may have landed, but nothing is proven before it is hashed
    assert proven_entry(UP, None, unhashed) is None


def test_a_created_file_is_proven_by_any_server_version_with_its_bytes() -> None:
    created = upload_intent("docs/a.txt", SENT, "docs/a.txt", MD5, None)
    hashed = dataclasses.replace(ON_SERVER, etag="e-old", content_hash=MD5)
    assert proven_entry(created, None, hashed) is not None


# --- folders ----------------------------------------------------------------------------

LOCAL_DIR = LocalState("Photos", True, 0, 5, 41, 3)
REMOTE_DIR = RemoteState("Photos", True, 0, None, "e-dir", "id-9")


def test_a_folder_made_on_the_server_is_proven_by_a_folder_there() -> None:
    t = folder_intent("photos", MKDIR_REMOTE, "Photos", "Photos", LOCAL_DIR)
    assert (t.inode, t.device) == (41, 3)
    entry = proven_entry(t, None, REMOTE_DIR)
    assert entry == JournalEntry.from_states("photos", LOCAL_DIR, REMOTE_DIR)
    assert proven_entry(t, None, None) is None
    assert proven_entry(t, None, dataclasses.replace(REMOTE_DIR, is_dir=False)) is None


def test_a_folder_made_here_is_proven_by_a_folder_here() -> None:
    t = folder_intent("photos", MKDIR_LOCAL, "Photos", "Photos", None)
    assert proven_entry(t, LOCAL_DIR, REMOTE_DIR) == JournalEntry.from_states(
        "photos", LOCAL_DIR, REMOTE_DIR
    )
    assert proven_entry(t, None, REMOTE_DIR) is None
    assert proven_entry(t, dataclasses.replace(LOCAL_DIR, is_dir=False), REMOTE_DIR) is None


def test_a_folder_made_here_is_proven_when_the_server_folder_went_since() -> None:
    """Seed 60038: the server's folder was deleted or replaced by a file after it was made
    here; the base is a folder on both sides, so that change is one-sided."""
    t = folder_intent("photos", MKDIR_LOCAL, "Photos", "Photos", None)
    made = RemoteState("Photos", True, 0, None, None)
    expected = JournalEntry.from_states("photos", LOCAL_DIR, made)
    assert proven_entry(t, LOCAL_DIR, None) == expected
    replaced = RemoteState("Photos", False, 12, 1_700_000_000, "e-file", "id-10")
    entry = proven_entry(t, LOCAL_DIR, replaced)
    assert entry == expected and entry.is_dir and entry.etag is None


def test_an_unknown_direction_proves_nothing() -> None:
    odd = dataclasses.replace(UP, direction="sideways")
    assert proven_entry(odd, LANDED, dataclasses.replace(ON_SERVER, content_hash=MD5)) is None
