"""Issue 15, item 7: what the stack's code does that its docs do not say, against the
double that now does it too (tests/cozy_server.py cites the stack's file:line): a PUT
resets ``executable``; a PUT's whole size is checked against the free space; a folder made
in a trashed parent lands in the trash (201); ``DirByPath`` may give an NFC/NFD twin; old
versions are bounded."""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.errors import QuotaExceededError, RemoteItemMissingError
from cozysync.models import RemoteState
from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.cozy_changes import TRASH_ID
from tests.cozy_server import CozyAccount, CozyStackServer, CozyUser
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import RecordingClock
from tests.remotes.test_cozy_engine import Sync, sync  # noqa: F401
from tests.remotes.test_cozy_remote import md5, upload


@pytest.fixture
def remote(cozy_account: CozyAccount) -> Iterator[CozyRemote]:
    r = cozy_account.remote(clock=RecordingClock(), timeout=20)
    r.check()
    yield r
    r.close()


def upload_file(
    remote: CozyRemote, path: str, local: Path, replace: RemoteState | None = None
) -> RemoteState:
    size = local.stat().st_size
    return remote.upload(
        path, lambda: local.open("rb"), size, replace=replace, mtime=None, content_hash=None,
        progress=None,
    )  # fmt: skip


def test_the_x_bit_goes_up_with_every_upload(
    remote: CozyRemote, cozy_server: CozyStackServer, tmp_path: Path
):
    """web/files/files.go:268 and :2317: a PUT without Executable=true is not executable."""
    script = tmp_path / "run.sh"
    script.write_text("#!/bin/sh\necho 1\n")
    script.chmod(0o755)
    first = upload_file(remote, "run.sh", script)
    assert cozy_server.by_path("/run.sh").executable  # type: ignore[union-attr]
    script.write_text("#!/bin/sh\necho 2\n")
    second = upload_file(remote, "run.sh", script, replace=first)
    assert cozy_server.by_path("/run.sh").executable  # type: ignore[union-attr]
    script.chmod(0o644)
    script.write_text("#!/bin/sh\necho 3\n")
    upload_file(remote, "run.sh", script, replace=second)
    assert not cozy_server.by_path("/run.sh").executable  # type: ignore[union-attr]
    upload(remote, "notes.txt", b"from memory")  # no file on disk: not executable
    assert not cozy_server.by_path("/notes.txt").executable  # type: ignore[union-attr]


def test_a_new_version_needs_its_whole_size_free(remote: CozyRemote, cozy_server: CozyStackServer):
    """model/vfs/vfs.go:937-959: 650 bytes replacing 600 need 650 free, not 50."""
    first = upload(remote, "a.txt", b"x" * 600)
    cozy_server.quota = cozy_server.used() + 300
    with pytest.raises(QuotaExceededError) as info:
        upload(remote, "a.txt", b"y" * 650, replace=first)
    title = info.value.title
    assert "the new version of 'a.txt' needs 650 bytes free there" in title
    assert "its whole size" in title and "300 bytes free of" in title
    assert cozy_server.tree()["a.txt"] == b"x" * 600
    assert upload(remote, "a.txt", b"z" * 290, replace=first).size == 290  # fits whole


def test_a_folder_made_while_its_parent_is_trashed_is_not_taken_as_made(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    """The stack makes it in the trash (201: web/files/files.go:194-197): the client must
    not record it as made where it asked."""
    cozy_user.mkdir("Work")
    cozy_user.write("Work/report.txt", b"report")
    work_id = cozy_user.doc("Work").id
    remote.list_tree()
    held = cozy_server.hold("POST", f"/files/{work_id}")
    failures: list[BaseException] = []

    def make() -> None:
        try:
            remote.mkdir("Work/Drafts")
        except BaseException as exc:  # handed to the test thread
            failures.append(exc)

    maker = threading.Thread(target=make)
    maker.start()
    assert held.arrived.wait(30)
    cozy_user.trash("Work")  # the user trashes the parent while the request is on its way
    held.released.set()
    maker.join(30)

    assert len(failures) == 1 and isinstance(failures[0], RemoteItemMissingError)
    assert "'Work' was moved to the trash on your Cozy" in failures[0].title
    assert cozy_server.docs[work_id].dir_id == TRASH_ID  # the user's trash as they left it
    assert [d.name for d in cozy_server.children(work_id)] == ["report.txt"]
    assert "Work/Drafts" not in cozy_server.tree()


@pytest.mark.parametrize("first", ["NFC", "NFD"])
def test_parents_are_found_by_id_not_by_an_nfc_nfd_twin(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser, first: str
):
    """model/vfs/couchdb_indexer.go:438-459: DirByPath does not check the name's bytes."""
    second = "NFD" if first == "NFC" else "NFC"
    names = {form: unicodedata.normalize(form, "Élèves") for form in (first, second)}  # type: ignore[call-overload]
    for form in (first, second):
        cozy_user.mkdir(names[form])
    remote.list_tree()
    for form, name in names.items():
        upload(remote, f"{name}/{form}.txt", form.encode())
        remote.mkdir(f"{name}/{form}-sub")
        upload(remote, f"{name}/{form}-sub/deep.txt", form.encode())
    for form, name in names.items():
        folder = cozy_user.doc(name)
        kids = sorted(d.name for d in cozy_server.children(folder.id))
        assert kids == sorted([f"{form}.txt", f"{form}-sub"]), (form, kids)
        assert cozy_server.tree()[f"{name}/{form}-sub/deep.txt"] == form.encode()


def test_old_versions_are_bounded_as_the_stack_keeps_them(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    """model/vfs/version.go:199-246 with the defaults of pkg/config/config/config.go:807-808:
    none kept within 15 minutes of the last one kept, at most 20 with the current one."""
    state = upload(remote, "a.txt", b"v1")
    for n in (2, 3):
        state = upload(remote, "a.txt", f"v{n}".encode(), replace=state)
    assert remote.known_versions("a.txt") == {md5(b"v1"), md5(b"v3")}  # v2 came too soon

    cozy_server.versions_min_delay_s, cozy_server.versions_max = 0, 3
    for n in (4, 5, 6):
        state = upload(remote, "a.txt", f"v{n}".encode(), replace=state)
    assert remote.known_versions("a.txt") == {md5(b"v4"), md5(b"v5"), md5(b"v6")}
    state = upload(remote, "a.txt", b"v6", replace=state)  # the same bytes: no version
    assert remote.known_versions("a.txt") == {md5(b"v4"), md5(b"v5"), md5(b"v6")}
    assert cozy_server.tree()["a.txt"] == b"v6"


def test_the_engine_sends_the_x_bit_of_a_local_script(sync: Sync):  # noqa: F811
    """Through the engine: its reader of the local file gives the descriptor the mode is
    read from; an edit keeps the script executable on the Cozy."""
    sync.write("run.sh", b"#!/bin/sh\necho 1\n")
    (sync.root / "run.sh").chmod(0o755)
    sync.once()
    assert sync.user.doc("run.sh").executable
    sync.write("run.sh", b"#!/bin/sh\necho 2, longer\n")
    sync.once()
    doc = sync.user.doc("run.sh")
    assert doc.executable and doc.content == b"#!/bin/sh\necho 2, longer\n"


def test_a_folder_made_here_while_its_parent_is_trashed_there_loses_nothing(
    sync: Sync,  # noqa: F811
):
    """The engine meets the 201-in-the-trash mid-pass: the folder is not recorded as made,
    the next pass sees the parent's deletion on the Cozy, and the new local files are
    kept (the engine's rule for a deletion there of a folder with new work here)."""
    sync.write("d/new/n.txt", b"new work")
    held = sync.server.hold("POST", f"/files/{sync.user.doc('d').id}")

    def trash_meanwhile() -> None:  # the user, while the pass's request is on its way
        held.arrived.wait(30)
        sync.user.trash("d")
        held.released.set()

    user = threading.Thread(target=trash_meanwhile)
    user.start()
    first = sync.engine.sync_once()  # the journal stays in this thread
    user.join(30)
    assert held.released.is_set()
    assert [type(e).__name__ for e in first.errors] == ["RemoteItemMissingError"]
    for _ in range(3):
        sync.engine.sync_once()
    local, cozy = sync.local(), sync.cozy()
    assert local.get("d/new/n.txt") == b"new work" or cozy.get("d/new/n.txt") == b"new work"
    assert not any(name.startswith("new") for name in sync.server.trash_names())
    last = sync.engine.sync_once()
    assert last.in_sync, [e.one_line() for e in last.errors]
    assert local == sync.local() and cozy == sync.cozy()
