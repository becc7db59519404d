"""CozyRemote against the strict Cozy Stack double (tests/cozy_server.py) on 127.0.0.1:
every Remote method, the error map (brief §6) and the transfer contracts."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.errors import (
    AntivirusBlockedError,
    ConfigError,
    IntegrityError,
    ItemChangedError,
    NameNotAllowedError,
    OfflineError,
    PreconditionFailedError,
    QuotaExceededError,
    RemoteItemMissingError,
    ServerError,
    SyncError,
)
from cozysync.models import RemoteState
from cozysync.remotes.cozy import COZY_NAME_RULES, CozyRemote
from tests.cozy_server import Answer, CozyAccount, CozyStackServer, CozyUser, instant
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.helpers import RecordingClock, source


@pytest.fixture
def clock() -> RecordingClock:
    return RecordingClock()


@pytest.fixture
def remote(cozy_account: CozyAccount, clock: RecordingClock) -> Iterator[CozyRemote]:
    r = cozy_account.remote(clock=clock, timeout=20)
    r.check()
    yield r
    r.close()


def upload(
    remote: CozyRemote, path: str, data: bytes, replace: RemoteState | None = None, **kw: object
) -> RemoteState:
    args: dict[str, object] = {"mtime": None, "content_hash": None, "progress": None, **kw}
    return remote.upload(path, source(data), len(data), replace=replace, **args)  # type: ignore[arg-type]


def download(remote: CozyRemote, path: str, expected: RemoteState | None = None) -> bytes:
    sink = io.BytesIO()
    remote.download(path, sink, expected=expected, progress=None)
    return sink.getvalue()


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def test_capabilities_ids_hashes_trash(remote: CozyRemote):
    caps = remote.capabilities
    assert caps.stable_ids and caps.content_hashes and caps.trash and caps.if_match


def test_mkdir_upload_stat_download_roundtrip(remote: CozyRemote, cozy_server: CozyStackServer):
    folder = remote.mkdir("Work")
    assert folder.is_dir and folder.remote_id and folder.etag
    state = upload(remote, "Work/budget 2025.ods", b"numbers", mtime=1_700_000_000)
    doc = cozy_server.by_path("/Work/budget 2025.ods")
    assert doc is not None
    assert state.remote_id == doc.id and state.etag == doc.rev  # the id, the rev
    assert state.content_hash == md5(b"numbers") and state.size == 7  # hex of base64 md5sum
    assert state.mtime == 1_700_000_000
    assert remote.stat("Work/budget 2025.ods") == state
    assert remote.stat("nothing here") is None
    assert download(remote, "Work/budget 2025.ods", state) == b"numbers"
    assert download(remote, "Work/budget 2025.ods") == b"numbers"


def test_mkdir_on_an_existing_folder_returns_it(remote: CozyRemote, cozy_user: CozyUser):
    cozy_user.mkdir("a")
    assert remote.mkdir("a").remote_id == cozy_user.doc("a").id
    cozy_user.write("f", b"x")
    with pytest.raises(PreconditionFailedError):
        remote.mkdir("f")  # a file holds the name: 409


def test_create_never_replaces_an_existing_file(remote: CozyRemote, cozy_user: CozyUser):
    cozy_user.write("a.txt", b"theirs")
    with pytest.raises(PreconditionFailedError):
        upload(remote, "a.txt", b"mine")  # 409 on the name
    assert download(remote, "a.txt") == b"theirs"


def test_overwrite_needs_the_known_rev(
    remote: CozyRemote, cozy_user: CozyUser, cozy_server: CozyStackServer
):
    cozy_server.versions_min_delay_s = 0  # a context keeping every version (version.go:181)
    first = upload(remote, "a.txt", b"v1")
    second = upload(remote, "a.txt", b"v2", replace=first)
    assert second.etag != first.etag and second.remote_id == first.remote_id
    cozy_user.write("a.txt", b"theirs")
    with pytest.raises(PreconditionFailedError):
        upload(remote, "a.txt", b"mine", replace=second)  # 412 If-Match: never overwritten
    assert download(remote, "a.txt") == b"theirs"
    assert remote.known_versions("a.txt") == {md5(b"v1"), md5(b"v2"), md5(b"theirs")}


def test_a_stale_content_hash_is_refused_by_the_server(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    with pytest.raises(ItemChangedError):  # 412 Content-MD5: the local file changed
        upload(remote, "a.txt", b"new bytes", content_hash=md5(b"old bytes"))
    assert cozy_server.by_path("/a.txt") is None


def test_a_source_of_the_wrong_size_never_completes(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    with pytest.raises(ItemChangedError):
        remote.upload(
            "a.txt", source(b"12345"), 4, replace=None, mtime=None, content_hash=None, progress=None
        )
    assert cozy_server.by_path("/a.txt") is None


UPLOADER = r"""
import io, resource, sys
from pathlib import Path
from cozysync.remotes.cozy import CozyRemote
from cozysync.secrets import KeyringSecrets
from tests.remotes.helpers import PatternFile

url, service, account, cache, size = sys.argv[1:6]
remote = CozyRemote(url, secrets=KeyringSecrets(service), account=account, cache_path=Path(cache))
remote.check()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
remote.upload("big.bin", lambda: io.BufferedReader(PatternFile(int(size))), int(size),
              replace=None, mtime=None, content_hash=None, progress=None)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_upload_streams_in_constant_memory(cozy_account: CozyAccount, tmp_path: Path):
    size = 64 << 20
    args = [cozy_account.server.url, cozy_account.secrets._service, cozy_account.result.account]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", UPLOADER, *args, str(tmp_path / "c.sqlite"), str(size)],
        capture_output=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    grown_kib = int(done.stdout)
    assert grown_kib < 16 << 10, f"the uploader grew by {grown_kib} KiB"
    doc = cozy_account.server.by_path("/big.bin")
    assert doc is not None and len(doc.content) == size


def test_download_checks_md5_and_length(remote: CozyRemote, cozy_server: CozyStackServer):
    state = upload(remote, "a.txt", b"the real bytes")
    cozy_server.fail("GET", "/files/download/", 200, body=b"the fake bytes")
    with pytest.raises(IntegrityError):
        download(remote, "a.txt", state)
    cozy_server.fail("GET", "/files/download/", 200, body=b"short")
    with pytest.raises(IntegrityError):
        download(remote, "a.txt", state)
    assert download(remote, "a.txt", state) == b"the real bytes"


def test_download_refuses_a_newer_version_than_expected(remote: CozyRemote, cozy_user: CozyUser):
    state = upload(remote, "a.txt", b"v1")
    cozy_user.write("a.txt", b"v2")
    with pytest.raises(PreconditionFailedError):
        download(remote, "a.txt", state)


def test_move_renames_and_moves_in_one_patch(remote: CozyRemote, cozy_server: CozyStackServer):
    remote.mkdir("src")
    remote.mkdir("dst")
    state = upload(remote, "src/a.txt", b"A")
    cozy_server.requests.clear()
    moved = remote.move("src/a.txt", "dst/b.txt", expected=state)
    assert moved.remote_id == state.remote_id and moved.path == "dst/b.txt"
    assert [m for m, *_ in cozy_server.requests if m != "GET"] == ["PATCH"]
    assert cozy_server.tree()["dst/b.txt"] == b"A"
    folder = remote.move("src", "dst/src2", expected=None)
    assert folder.is_dir and "dst/src2" in cozy_server.tree()


def test_move_never_replaces_and_checks_the_rev(remote: CozyRemote, cozy_user: CozyUser):
    a = upload(remote, "a.txt", b"A")
    upload(remote, "b.txt", b"B")
    with pytest.raises(PreconditionFailedError):
        remote.move("a.txt", "b.txt", expected=a)  # 409
    cozy_user.write("a.txt", b"A2")
    with pytest.raises(PreconditionFailedError):
        remote.move("a.txt", "c.txt", expected=a)  # 412 If-Match
    remote.mkdir("d")
    remote.mkdir("d/e")
    with pytest.raises(SyncError, match="inside itself"):  # 412 dir-id
        remote.move("d", "d/e/d", expected=None)


def test_delete_moves_to_the_cozy_trash(remote: CozyRemote, cozy_server: CozyStackServer):
    state = upload(remote, "a.txt", b"A")
    remote.mkdir("d")
    upload(remote, "d/x", b"X")
    remote.delete("a.txt", expected=state)
    remote.delete("d", expected=None)
    remote.delete("never there", expected=None)
    assert cozy_server.tree() == {}
    assert sorted(cozy_server.trash_names()) == ["a.txt", "d"]
    remote.delete("a.txt", expected=state)  # already in the trash: done


def test_delete_checks_the_rev(remote: CozyRemote, cozy_user: CozyUser):
    state = upload(remote, "a.txt", b"A")
    cozy_user.write("a.txt", b"changed")
    with pytest.raises(PreconditionFailedError):
        remote.delete("a.txt", expected=state)


def test_list_below_walks_the_folder(remote: CozyRemote, cozy_user: CozyUser):
    for i in range(35):  # more than one page of 30... and of our own page size
        cozy_user.write(f"d/f{i:02}", b"x")
    cozy_user.write("d/e/y", b"y")
    cozy_user.write("other", b"o")
    below = remote.list_below("d")
    assert len(below) == 37 and all(s.path.startswith("d/") for s in below)
    with pytest.raises(RemoteItemMissingError):
        remote.list_below("missing")


@pytest.mark.parametrize("name", ["a\nb", "a\rb", ".", "..", ".cozy_trash"])
def test_names_the_stack_refuses_are_reported_clearly(remote: CozyRemote, name: str):
    assert COZY_NAME_RULES.problem(name)
    with pytest.raises(NameNotAllowedError) as info:
        upload(remote, name, b"x")
    assert "your Cozy" in info.value.title


def test_a_422_on_the_name_is_a_name_error(remote: CozyRemote, cozy_server: CozyStackServer):
    body = b'{"errors":[{"status":"422","detail":"bad","source":{"parameter":"name"}}]}'
    cozy_server.fail("POST", "/files/", 422, body=body)
    with pytest.raises(NameNotAllowedError):
        upload(remote, "fine.txt", b"x")


def test_a_full_cozy_says_so_with_the_sizes(remote: CozyRemote, cozy_server: CozyStackServer):
    upload(remote, "a.txt", b"x" * 900)
    cozy_server.quota = 1000
    with pytest.raises(QuotaExceededError) as info:
        upload(remote, "b.txt", b"y" * 500)
    assert "your Cozy is full" in info.value.title
    assert "500 bytes" in info.value.title and "100 bytes free of 1.0 KB" in info.value.title
    assert "b.txt" not in cozy_server.tree()


def test_429_and_503_are_retried_honouring_retry_after(
    remote: CozyRemote, cozy_server: CozyStackServer, clock: RecordingClock
):
    cozy_server.fail("POST", "/files/", 429, headers=[("Retry-After", "7")])
    cozy_server.fail("POST", "/files/", 503, headers=[("Retry-After", "3")])
    assert upload(remote, "a.txt", b"A").size == 1
    assert clock.sleeps == [7.0, 3.0]


def test_a_503_storm_ends_offline(
    remote: CozyRemote, cozy_server: CozyStackServer, clock: RecordingClock
):
    """The instance down or in maintenance: the pass stops as offline (changes kept)."""
    cozy_server.fail("GET", "/files/metadata", 503, times=100)
    with pytest.raises(OfflineError, match=r"your Cozy .* is not answering \(HTTP 503"):
        remote.stat("a.txt")
    assert len(clock.sleeps) == 3  # four tries in all


def test_a_500_stays_an_error_of_that_request(
    remote: CozyRemote, cozy_server: CozyStackServer, clock: RecordingClock
):
    cozy_server.fail("GET", "/files/metadata", 500, times=100)
    with pytest.raises(ServerError):
        remote.stat("a.txt")


def test_check_refuses_a_missing_root(cozy_account: CozyAccount):
    remote = cozy_account.remote(remote_root="/Nope")
    try:
        with pytest.raises(ConfigError):
            remote.check()
    finally:
        remote.close()


def test_a_sub_folder_as_root(cozy_account: CozyAccount, cozy_user: CozyUser):
    cozy_user.write("Sync/in.txt", b"in")
    cozy_user.write("out.txt", b"out")
    remote = cozy_account.remote(remote_root="/Sync")
    try:
        remote.check()
        assert [s.path for s in remote.list_tree()] == ["in.txt"]
        upload(remote, "new.txt", b"n")
        assert cozy_user.doc("Sync/new.txt").content == b"n"
    finally:
        remote.close()


STALLING_UPLOADER = r"""
import io, sys, time
from pathlib import Path
from cozysync.remotes.cozy import CozyRemote
from cozysync.secrets import KeyringSecrets

class Stalling(io.RawIOBase):
    def __init__(self):
        self.chunks = 0
    def readable(self):
        return True
    def readinto(self, buffer):
        self.chunks += 1
        if self.chunks == 3:
            print("halfway", flush=True)
            time.sleep(60)  # killed here
        buffer[: len(buffer)] = b"n" * len(buffer)
        return len(buffer)

url, service, account, cache = sys.argv[1:5]
remote = CozyRemote(url, secrets=KeyringSecrets(service), account=account, cache_path=Path(cache))
for path, replace in (("new.bin", None), ("doc.bin", remote.stat("doc.bin"))):
    if path == sys.argv[5]:
        remote.upload(path, lambda: io.BufferedReader(Stalling()), 8 << 20, replace=replace,
                      mtime=None, content_hash="0" * 32, progress=None)
"""


@pytest.mark.parametrize("target", ["new.bin", "doc.bin"])
def test_a_killed_upload_never_shows_a_partial_file(
    cozy_account: CozyAccount, cozy_server: CozyStackServer, tmp_path: Path, target: str
):
    remote = cozy_account.remote()
    old = upload(remote, "doc.bin", b"old version")
    args = [cozy_server.url, cozy_account.secrets._service, cozy_account.result.account]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, "-c", STALLING_UPLOADER, *args, str(tmp_path / "k.sqlite"), target],
        stdout=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"halfway\n"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    try:
        assert cozy_server.tree() == {"doc.bin": b"old version"}
        assert [s.etag for s in remote.list_tree()] == [old.etag]
    finally:
        remote.close()


OLD_MTIME = 1_262_304_000  # 2010-01-01: a copy that kept its mtime (unzip, a backup restore)


def test_an_old_mtime_put_over_a_synced_file_can_still_be_renamed(
    remote: CozyRemote, cozy_server: CozyStackServer
):
    """Issue 15, item 1: the stack stores a PUT's UpdatedAt as given, then refuses every
    PATCH of a doc whose updated_at is before its created_at (422 UpdatedAt, §3.2)."""
    synced = upload(remote, "report.odt", b"v1", mtime=int(time.time()))
    copied = upload(remote, "report.odt", b"v2, copied back", replace=synced, mtime=OLD_MTIME)
    doc = cozy_server.by_path("/report.odt")
    assert doc is not None and instant(doc.updated_at) >= instant(doc.created_at)
    moved = remote.move("report.odt", "report final.odt", expected=copied)
    assert moved.remote_id == synced.remote_id
    assert cozy_server.tree()["report final.odt"] == b"v2, copied back"
    assert all(status != 422 for *_, status in cozy_server.answers)


def test_a_doc_stored_with_updated_at_before_created_at_is_renamed_and_repaired(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    """Another client (or an older cozysync) PUT an old UpdatedAt: the rename sends the
    latest of created_at and updated_at (cozy-desktop's mostRecentUpdatedAt)."""
    cozy_user.write("notes.txt", b"v1")
    doc = cozy_user.doc("notes.txt")
    md5 = base64.b64encode(hashlib.md5(b"v2").digest()).decode()
    headers = {"If-Match": doc.rev, "Content-MD5": md5}
    params = {"UpdatedAt": "2010-01-01T00:00:00Z"}
    cozy_user._call("PUT", f"/files/{doc.id}", 200, content=b"v2", headers=headers, params=params)
    assert instant(doc.updated_at) < instant(doc.created_at)  # as the stack stores it
    remote.list_tree()  # the dates come from the tree cache
    remote.move("notes.txt", "notes-2010.txt", expected=remote.stat("notes.txt"))
    assert cozy_server.tree()["notes-2010.txt"] == b"v2"
    assert instant(doc.updated_at) >= instant(doc.created_at)


def test_a_stale_created_at_in_the_cache_is_read_again_once(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    """The stack may move created_at on a PUT (a photo's EXIF date,
    model/vfs/couchdb_indexer.go:138-146): the rename's 422 UpdatedAt reads the dates
    again and sends the PATCH once more."""
    cozy_user.write("IMG_0001.jpg", b"photo")
    remote.list_tree()  # the cache has the dates of now
    doc = cozy_user.doc("IMG_0001.jpg")
    doc.created_at = doc.updated_at = "2099-01-01T00:00:00.5Z"  # what the stack then holds
    remote.move("IMG_0001.jpg", "plage.jpg", expected=remote.stat("IMG_0001.jpg"))
    assert cozy_server.tree()["plage.jpg"] == b"photo"
    patches = [status for m, _, _, status in cozy_server.answers if m == "PATCH"]
    assert patches == [422, 200]


def test_a_new_rev_with_the_same_bytes_is_downloaded_as_listed(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    """A Cozy's antivirus writes each uploaded doc twice more, content untouched
    (cozy-stack model/job/trigger_antivirus.go): the rev listed a moment ago is stale, the
    bytes are not.  The download goes on; other bytes are still refused."""
    cozy_user.write("scan.txt", b"same bytes")
    listed = remote.stat("scan.txt")
    assert listed is not None
    cozy_server.antivirus = True
    cozy_server.scanned(Answer(200, {"data": {"id": listed.remote_id}}))  # two writes
    doc = cozy_server.docs[str(listed.remote_id)]
    assert int(doc.rev.split("-")[0]) == int(str(listed.etag).split("-")[0]) + 2

    start = len(cozy_server.requests)
    assert download(remote, "scan.txt", listed) == b"same bytes"
    assert len(cozy_server.requests) - start == 2  # the doc, then its content: once each

    cozy_user.write("scan.txt", b"other bytes")
    with pytest.raises(PreconditionFailedError):
        download(remote, "scan.txt", listed)


def test_a_file_the_antivirus_blocks_is_its_own_problem(
    remote: CozyRemote, cozy_server: CozyStackServer, cozy_user: CozyUser
):
    """451 ``antivirus_blocked`` (cozy-stack web/files/antivirus.go) on a download and on
    a move to the trash: an AntivirusBlockedError for that file, sent once."""
    cozy_user.write("virus.exe", b"X5O")
    state = remote.stat("virus.exe")
    assert state is not None
    cozy_server.antivirus_blocked.add(str(state.remote_id))
    for attempt in (lambda: download(remote, "virus.exe", state),
                    lambda: remote.delete("virus.exe", expected=state)):  # fmt: skip
        start = len(cozy_server.answers)
        with pytest.raises(AntivirusBlockedError, match="antivirus") as caught:
            attempt()
        assert caught.value.path == "virus.exe" and caught.value.http_status == 451
        assert caught.value.message_id == "error.antivirus_blocked"
        assert [a[3] for a in cozy_server.answers[start:]].count(451) == 1
    assert cozy_server.tree()["virus.exe"] == b"X5O"
