"""``CozyTrash`` (issue 18, item 2) against the Cozy double's trash
(tests/cozy_trash_double.py cites the stack's code): the listing's pages, the items of
the synced folder only, the trash's name suffix, and the stack's restore rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from cozysync.errors import ItemChangedError, RemoteItemMissingError
from cozysync.remotes import cozy_trash
from cozysync.remotes.cozy import CozyRemote
from tests.cozy_server import CozyAccount, CozyUser
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import RecordingClock


@pytest.fixture
def school(cozy_account: CozyAccount, cozy_user: CozyUser) -> Iterator[CozyRemote]:
    """The Cozy's folder ``School`` synced; ``Perso`` beside it is not."""
    cozy_user.write("School/keep.txt", b"k")
    cozy_user.write("Perso/journal.txt", b"j")
    remote = cozy_account.remote(remote_root="School", clock=RecordingClock(), timeout=20)
    remote.check()
    yield remote
    remote.close()


def _trash(remote: CozyRemote) -> cozy_trash.CozyTrash:
    found = remote.features.server_trash
    assert isinstance(found, cozy_trash.CozyTrash)
    return found


def test_every_page_is_read_and_only_the_synced_folder_is_listed(
    school: CozyRemote, cozy_user: CozyUser, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(cozy_trash, "PAGE_LIMIT", 2)  # 5 items: three pages
    for n in range(4):
        cozy_user.write(f"School/d{n}.txt", b"x" * n)
        cozy_user.trash(f"School/d{n}.txt")
    cozy_user.trash("Perso/journal.txt")  # outside the synced folder
    items = _trash(school).trashed_items()
    assert sorted(i.path for i in items) == ["d0.txt", "d1.txt", "d2.txt", "d3.txt"]
    assert {i.path: i.size for i in items}["d3.txt"] == 3
    assert all(i.deleted_at is not None and not i.is_dir for i in items)
    pages = [q for m, p, q in school_requests(cozy_user) if (m, p) == ("GET", "/files/trash")]
    assert len(pages) == 3 and "cursor" in pages[-1]


def school_requests(user: CozyUser) -> list[tuple[str, str, str]]:
    with user.server.lock:
        return list(user.server.requests)


def test_a_name_suffixed_in_the_trash_keeps_its_place(school: CozyRemote, cozy_user: CozyUser):
    cozy_user.write("School/a/note.txt", b"1")
    cozy_user.write("School/b/note.txt", b"2")
    cozy_user.trash("School/a/note.txt")
    cozy_user.trash("School/b/note.txt")  # "note.txt (NNN)" in the trash (§8.4)
    assert any(re.fullmatch(r"note\.txt \(\d+\)", n) for n in cozy_user.server.trash_names())
    assert sorted(i.path for i in _trash(school).trashed_items()) == ["a/note.txt", "b/note.txt"]


def test_a_restore_never_overwrites_and_remakes_a_deleted_parent(
    school: CozyRemote, cozy_user: CozyUser
):
    cozy_user.write("School/Projet/plan.txt", b"old")
    cozy_user.trash("School/Projet/plan.txt")
    cozy_user.trash("School/Projet")
    cozy_user.write("School/Projet/plan.txt", b"new")  # a new Projet, a new plan.txt
    [item] = [i for i in _trash(school).trashed_items() if i.path == "Projet/plan.txt"]
    restored = _trash(school).restore(item)
    assert re.fullmatch(r"Projet/plan\.txt \(\d{9}\)", restored), restored  # tryOrUseSuffix
    tree = cozy_user.server.tree()
    assert tree["School/Projet/plan.txt"] == b"new" and tree[f"School/{restored}"] == b"old"


def test_a_restore_into_another_folder_and_its_refusals(school: CozyRemote, cozy_user: CozyUser):
    cozy_user.write("School/essai.txt", b"old")
    cozy_user.trash("School/essai.txt")
    cozy_user.write("School/Archives/essai.txt", b"taken")
    [item] = _trash(school).trashed_items()
    with pytest.raises(ItemChangedError, match="already exists on your Cozy"):
        _trash(school).restore(item, "Archives")  # 409 there: restored at its place instead
    assert cozy_user.server.tree()["School/essai.txt"] == b"old"
    assert cozy_user.server.tree()["School/Archives/essai.txt"] == b"taken"
    cozy_user.trash("School/essai.txt")
    cozy_user.mkdir("School/Vieux")
    [item] = _trash(school).trashed_items()
    assert _trash(school).restore(item, "Vieux") == "Vieux/essai.txt"
    assert cozy_user.server.tree()["School/Vieux/essai.txt"] == b"old"
    with pytest.raises(RemoteItemMissingError):
        _trash(school).restore(item)  # no longer in the trash: the stack's 500 is not it
