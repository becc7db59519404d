"""``NextcloudTrash`` (issue 18, item 2) against the Nextcloud double's trash bin
(tests/nextcloud_trash_double.py cites nextcloud/server's files_trashbin): declared only
for a ``/remote.php/dav/files/USER/`` address, the synced folder's items only, and the
name Nextcloud gives a restore whose place is taken."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cozysync.errors import RemoteItemMissingError
from cozysync.remotes.nextcloud_trash import NextcloudTrash, trash_place
from cozysync.remotes.webdav import WebDavRemote
from tests.nextcloud_double import NextcloudDouble
from tests.remotes.helpers import RecordingClock


@pytest.fixture
def school(nextcloud: NextcloudDouble) -> Iterator[WebDavRemote]:
    """The user's folder ``School`` synced; ``Perso`` beside it is not."""
    nextcloud.write("School/keep.txt", b"k")
    nextcloud.write("Perso/journal.txt", b"j")
    remote = WebDavRemote(
        nextcloud.webdav_url + "School/", nextcloud.user, nextcloud.password,
        clock=RecordingClock(), timeout=20,
    )  # fmt: skip
    yield remote
    remote.close()


def _delete(nextcloud: NextcloudDouble, rel: str) -> None:
    auth = (nextcloud.user, nextcloud.password)
    assert httpx.delete(nextcloud.webdav_url + rel, auth=auth).status_code == 204


def _trash(remote: WebDavRemote) -> NextcloudTrash:
    found = remote.features.server_trash
    assert isinstance(found, NextcloudTrash)
    return found


def test_only_a_nextcloud_dav_address_has_a_trash_bin():
    assert trash_place("https://cloud.example.org/remote.php/dav/files/alice/École/") == (
        "https://cloud.example.org", "alice", "École",
    )  # fmt: skip
    assert trash_place("https://cloud.example.org/nc/remote.php/dav/files/bob%20b/")[:2] == (
        "https://cloud.example.org/nc", "bob%20b",
    )  # fmt: skip
    assert trash_place("https://cloud.example.org/remote.php/webdav/") is None
    assert trash_place("http://127.0.0.1:8080/dav/") is None


def test_the_synced_folders_items_only_with_who_and_when(
    school: WebDavRemote, nextcloud: NextcloudDouble
):
    nextcloud.write("School/Cours/essai.txt", b"mon essai")
    _delete(nextcloud, "School/Cours/essai.txt")
    _delete(nextcloud, "Perso/journal.txt")  # outside the synced folder
    [item] = _trash(school).trashed_items()
    assert (item.path, item.is_dir, item.size, item.deleted_by) == (
        "Cours/essai.txt", False, 9, "alice",
    )  # fmt: skip
    assert item.trash_id.startswith("essai.txt.d") and item.deleted_at is not None


def test_a_taken_place_gets_nextclouds_name_and_a_gone_entry_is_missing(
    school: WebDavRemote, nextcloud: NextcloudDouble
):
    nextcloud.write("School/essai.txt", b"old")
    _delete(nextcloud, "School/essai.txt")
    nextcloud.write("School/essai.txt", b"new")
    [item] = _trash(school).trashed_items()
    assert _trash(school).restore(item) == "essai (restored).txt"  # getUniqueFilename
    assert (nextcloud.root / "School" / "essai (restored).txt").read_bytes() == b"old"
    assert (nextcloud.root / "School" / "essai.txt").read_bytes() == b"new"
    with pytest.raises(RemoteItemMissingError):
        _trash(school).restore(item)  # no longer in the trash bin: 404
