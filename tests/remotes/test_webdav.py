"""WebDavRemote against real servers: WsgiDAV in-process and Apache mod_dav_fs."""

from __future__ import annotations

import hashlib
import io
import tracemalloc
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.errors import (
    AuthError,
    ItemChangedError,
    NameNotAllowedError,
    OfflineError,
    PreconditionFailedError,
    RemoteItemMissingError,
)
from cozysync.models import RemoteState
from cozysync.remotes.webdav import WebDavRemote
from tests.remotes.helpers import PatternFile, make_remote, no_leftovers, source
from tests.servers import DavServer

ODD_NAMES = ["100% sure?.txt", "a+b #1.txt", "with space é.txt", "ça va", "Été #1.txt", "x;y=1"]


@pytest.fixture
def remote(dav_server: DavServer) -> Iterator[WebDavRemote]:
    r = make_remote(dav_server)
    yield r
    r.close()


def upload(
    remote: WebDavRemote,
    path: str,
    data: bytes,
    replace: RemoteState | None = None,
    mtime: int | None = None,
) -> RemoteState:
    return remote.upload(
        path,
        source(data),
        len(data),
        replace=replace,
        mtime=mtime,
        content_hash=None,
        progress=None,
    )


def download(remote: WebDavRemote, path: str, expected: RemoteState | None = None) -> bytes:
    sink = io.BytesIO()
    remote.download(path, sink, expected=expected, progress=None)
    return sink.getvalue()


def test_check_probes_what_the_server_supports(dav_server: DavServer, remote: WebDavRemote):
    with no_leftovers(dav_server):
        remote.check()
    caps = remote.capabilities
    assert caps.if_match
    assert not caps.stable_ids and not caps.content_hashes
    if dav_server.kind == "wsgidav":
        assert caps.depth_infinity and caps.set_mtime
        assert remote._cuts_destination  # its MOVE mishandles '?' and ';' in Destination
    else:
        assert not caps.depth_infinity and not caps.set_mtime
        assert remote._cuts_destination is False


def test_apache_really_refuses_depth_infinity(apache_server: DavServer):
    with httpx.Client(auth=(apache_server.user, apache_server.password)) as client:
        r = client.request("PROPFIND", apache_server.url, headers={"Depth": "infinity"})
    assert r.status_code == 403


def test_list_tree_is_complete_with_both_strategies(dav_server: DavServer, remote: WebDavRemote):
    dav_server.write("top.txt", b"12345")
    dav_server.write("a/b/c/deep.bin", b"x" * 3)
    dav_server.write("a/side.txt", b"")
    (dav_server.root / "empty").mkdir()
    items = {i.path: i for i in remote.list_tree()}
    assert set(items) == {"top.txt", "a", "a/b", "a/b/c", "a/b/c/deep.bin", "a/side.txt", "empty"}
    assert items["top.txt"].size == 5 and not items["top.txt"].is_dir
    assert items["top.txt"].etag and items["top.txt"].mtime
    assert items["a/b"].is_dir and items["a/b/c/deep.bin"].size == 3
    assert remote._depth_infinity is (dav_server.kind == "wsgidav")
    assert {i.path for i in remote.list_below("a")} == {
        "a/b",
        "a/b/c",
        "a/b/c/deep.bin",
        "a/side.txt",
    }


def test_odd_and_nfd_names_round_trip(dav_server: DavServer, remote: WebDavRemote):
    nfd = unicodedata.normalize("NFD", "décembre é.txt")
    remote.mkdir("dir #?%")
    names = [*ODD_NAMES, nfd]
    for name in names:
        upload(remote, f"dir #?%/{name}", name.encode())
    listed = {i.path for i in remote.list_tree()}
    assert listed == {"dir #?%"} | {f"dir #?%/{n}" for n in names}
    on_disk = {p.name for p in (dav_server.root / "dir #?%").iterdir()}
    assert on_disk == set(names)  # byte for byte: NFD stays NFD
    for name in names:
        assert download(remote, f"dir #?%/{name}") == name.encode()


def test_large_file_round_trip_in_constant_memory(
    dav_server: DavServer, remote: WebDavRemote, tmp_path: Path
):
    size = 50 * 1024 * 1024
    sent = []
    tracemalloc.start()
    try:
        state = remote.upload(
            "big.bin",
            lambda: io.BufferedReader(PatternFile(size)),
            size,
            replace=None,
            mtime=None,
            content_hash=None,
            progress=sent.append,
        )
        target = tmp_path / "big.bin"
        with target.open("wb") as sink:
            got = remote.download("big.bin", sink, expected=state, progress=None)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"peak {peak} bytes"
    assert sum(sent) == size and state.size == size and got.size == size
    expected = hashlib.md5(io.BufferedReader(PatternFile(size)).read()).hexdigest()
    assert hashlib.md5(target.read_bytes()).hexdigest() == expected
    assert hashlib.md5((dav_server.root / "big.bin").read_bytes()).hexdigest() == expected


def test_create_only_refuses_an_existing_target(dav_server: DavServer, remote: WebDavRemote):
    dav_server.write("taken.txt", b"theirs")
    with no_leftovers(dav_server), pytest.raises(PreconditionFailedError):
        upload(remote, "taken.txt", b"mine")
    assert (dav_server.root / "taken.txt").read_bytes() == b"theirs"


def test_replace_refuses_a_changed_etag(dav_server: DavServer, remote: WebDavRemote):
    first = upload(remote, "doc.txt", b"version 1")
    dav_server.write("doc.txt", b"changed by someone else")
    with no_leftovers(dav_server), pytest.raises(PreconditionFailedError):
        upload(remote, "doc.txt", b"version 2", replace=first)
    assert (dav_server.root / "doc.txt").read_bytes() == b"changed by someone else"
    current = remote.stat("doc.txt")
    assert current is not None
    final = upload(remote, "doc.txt", b"version 3", replace=current)
    assert final.size == 9 and (dav_server.root / "doc.txt").read_bytes() == b"version 3"


def test_replace_right_after_upload_works_on_weak_etags(
    dav_server: DavServer, remote: WebDavRemote
):
    # Apache gives a weak ETag for a file changed less than a second ago
    state = upload(remote, "quick.txt", b"one")
    state = upload(remote, "quick.txt", b"two!", replace=state)
    assert download(remote, "quick.txt", expected=state) == b"two!"
    remote.delete("quick.txt", expected=state)
    assert not (dav_server.root / "quick.txt").exists()


def test_upload_refuses_a_source_of_the_wrong_size(dav_server: DavServer, remote: WebDavRemote):
    with no_leftovers(dav_server):
        with pytest.raises(ItemChangedError):
            remote.upload(
                "short.txt",
                source(b""),
                10,
                replace=None,
                mtime=None,
                content_hash=None,
                progress=None,
            )
        with pytest.raises(ItemChangedError):
            remote.upload(
                "long.txt",
                source(b"x" * 11),
                10,
                replace=None,
                mtime=None,
                content_hash=None,
                progress=None,
            )
    assert not (dav_server.root / "short.txt").exists()
    assert not (dav_server.root / "long.txt").exists()


def test_upload_into_a_missing_folder(dav_server: DavServer, remote: WebDavRemote):
    with no_leftovers(dav_server), pytest.raises(RemoteItemMissingError) as info:
        upload(remote, "nowhere/x.txt", b"data")
    assert info.value.path == "nowhere/x.txt"


def test_upload_sets_mtime_where_supported(dav_server: DavServer, remote: WebDavRemote):
    remote.check()
    state = upload(remote, "old.txt", b"old", mtime=1_500_000_000)
    assert state.etag and state.size == 3
    if remote.capabilities.set_mtime:
        assert state.mtime == 1_500_000_000
        assert remote.stat("old.txt") == state  # the returned state is fresh


def test_mkdir_is_idempotent(dav_server: DavServer, remote: WebDavRemote):
    made = remote.mkdir("photos")
    again = remote.mkdir("photos")
    assert made.is_dir and again.is_dir and again.path == "photos"
    with pytest.raises(RemoteItemMissingError):
        remote.mkdir("missing/child")
    upload(remote, "afile", b"x")
    with pytest.raises(PreconditionFailedError):
        remote.mkdir("afile")


def test_move_never_overwrites(dav_server: DavServer, remote: WebDavRemote):
    a = upload(remote, "a.txt", b"aaa")
    upload(remote, "b.txt", b"bbb")
    with pytest.raises(PreconditionFailedError):
        remote.move("a.txt", "b.txt", expected=a)
    assert (dav_server.root / "b.txt").read_bytes() == b"bbb"
    moved = remote.move("a.txt", "c #1.txt", expected=a)
    assert moved.path == "c #1.txt" and moved.size == 3
    assert not (dav_server.root / "a.txt").exists()
    dav_server.write("d/inner.txt", b"in")
    folder = remote.move("d", "e", expected=None)
    assert folder.is_dir and (dav_server.root / "e/inner.txt").read_bytes() == b"in"


def test_move_refuses_a_changed_source(dav_server: DavServer, remote: WebDavRemote):
    a = upload(remote, "a.txt", b"aaa")
    dav_server.write("a.txt", b"changed!")
    with pytest.raises(PreconditionFailedError):
        remote.move("a.txt", "z.txt", expected=a)
    assert not (dav_server.root / "z.txt").exists()


def test_delete(dav_server: DavServer, remote: WebDavRemote):
    f = upload(remote, "gone.txt", b"bye")
    dav_server.write("tree/sub/x.txt", b"x")
    stale = upload(remote, "kept.txt", b"v1")
    dav_server.write("kept.txt", b"version two")
    remote.delete("gone.txt", expected=f)
    remote.delete("gone.txt", expected=None)  # already gone: fine
    remote.delete("tree", expected=remote.stat("tree"))
    with pytest.raises(PreconditionFailedError):
        remote.delete("kept.txt", expected=stale)
    assert sorted(p.name for p in dav_server.root.iterdir()) == ["kept.txt"]


def test_download_pinned_to_a_version(dav_server: DavServer, remote: WebDavRemote):
    v1 = upload(remote, "pin.txt", b"first")
    assert download(remote, "pin.txt", expected=v1) == b"first"
    dav_server.write("pin.txt", b"second version")
    with pytest.raises(PreconditionFailedError):
        download(remote, "pin.txt", expected=v1)
    with pytest.raises(RemoteItemMissingError):
        download(remote, "nope.txt")


def test_our_temps_are_never_listed_and_get_cleaned(dav_server: DavServer, remote: WebDavRemote):
    dav_server.write(".cozysync-0123.tmp", b"partial")
    dav_server.write("sub/.cozysync-abcd.tmp", b"partial")
    dav_server.write("sub/.cozysync-keep.tmp.txt", b"not ours")
    assert {i.path for i in remote.list_tree()} == {"sub", "sub/.cozysync-keep.tmp.txt"}
    assert remote.cleanup_temp_files(3600) == 0  # fresh temps may belong to a running upload
    remote._clock.offset = 7200  # type: ignore[attr-defined]
    assert remote.cleanup_temp_files(3600) == 2
    assert sorted(p.name for p in (dav_server.root / "sub").iterdir()) == [".cozysync-keep.tmp.txt"]
    assert not (dav_server.root / ".cozysync-0123.tmp").exists()


def test_wrong_password_is_an_auth_error(dav_server: DavServer):
    bad = make_remote(dav_server, password="wrong")
    with pytest.raises(AuthError) as info:
        bad.list_tree()
    assert "wrong" not in str(info.value) and dav_server.password not in str(info.value)
    bad.close()


def test_stopped_server_is_offline_then_back(dav_server: DavServer, remote: WebDavRemote):
    upload(remote, "here.txt", b"x")
    dav_server.stop()
    with pytest.raises(OfflineError) as info:
        remote.list_tree()
    assert "127.0.0.1" in info.value.title
    assert len(remote._clock.sleeps) == 3  # type: ignore[attr-defined]  # retried, then gave up
    dav_server.start()
    assert [i.path for i in remote.list_tree()] == ["here.txt"]


def test_move_to_a_name_with_a_question_mark(dav_server: DavServer, remote: WebDavRemote):
    a = upload(remote, "plain.txt", b"p")
    if dav_server.kind == "wsgidav":
        # WsgiDAV unquotes Destination before parsing it: "what?.txt" would land on "what"
        with pytest.raises(NameNotAllowedError):
            remote.move("plain.txt", "what?.txt", expected=a)
        assert sorted(p.name for p in dav_server.root.iterdir()) == ["plain.txt"]
    else:
        assert remote.move("plain.txt", "what?.txt", expected=a).path == "what?.txt"
        assert (dav_server.root / "what?.txt").read_bytes() == b"p"


def test_a_folder_below_a_non_ascii_folder_can_be_linked(wsgidav_server):
    """WsgiDAV answers OPTIONS with 404 there while PROPFIND works: check() must not
    refuse the folder."""
    from urllib.parse import quote

    from cozysync.remotes.webdav import WebDavRemote

    (wsgidav_server.root / "Élèves" / "docs").mkdir(parents=True)
    (wsgidav_server.root / "Élèves" / "docs" / "cours.txt").write_bytes(b"c")
    url = wsgidav_server.url.rstrip("/") + "/" + quote("Élèves") + "/docs/"
    remote = WebDavRemote(url, wsgidav_server.user, wsgidav_server.password)
    try:
        remote.check()
        assert [(s.path, s.size) for s in remote.list_tree()] == [("cours.txt", 1)]
    finally:
        remote.close()


def test_a_read_only_remote_never_writes_while_checking(wsgidav_server):
    from cozysync.remotes.webdav import WebDavRemote

    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    remote = WebDavRemote(
        wsgidav_server.url, wsgidav_server.user, wsgidav_server.password, read_only=True
    )
    try:
        remote.check()
        remote.list_tree()
    finally:
        remote.close()
    methods = {m for m, _ in wsgidav_server.faults.seen}
    assert methods <= {"OPTIONS", "PROPFIND"}, methods
