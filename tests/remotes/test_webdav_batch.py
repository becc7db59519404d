"""Fewer requests, on both real servers: uploads confirmed in batches (one listing per
folder), and the capability probes saved and reused."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from cozysync.remotes.webdav import PROBE_MAX_AGE_S, WebDavRemote
from tests.remotes.helpers import RecordingClock, make_remote, source
from tests.servers import DavServer, WsgiDavServer


@pytest.fixture
def remote(dav_server: DavServer) -> Iterator[WebDavRemote]:
    r = make_remote(dav_server)
    r.check()
    yield r
    r.close()


def _send(remote: WebDavRemote, path: str, data: bytes) -> None:
    placeholder = remote.upload_unconfirmed(
        path, source(data), len(data), replace=None, mtime=None, content_hash=None, progress=None
    )
    assert placeholder.etag is None and placeholder.size == len(data)


def test_a_batch_is_confirmed_with_the_states_a_stat_gives(remote: WebDavRemote):
    remote.mkdir("d")
    files = {"d/a.txt": b"one", "d/b.txt": b"two!", "d/c.txt": b"three", "top.txt": b"4"}
    for path, data in files.items():
        _send(remote, path, data)
    confirmed = remote.confirm_uploads(files)
    assert set(confirmed) == set(files)
    for path, data in files.items():
        state = remote.stat(path)
        assert state is not None and state.etag
        assert confirmed[path] == state and confirmed[path].size == len(data)
    assert remote.confirm_uploads(files) == {}  # each upload is confirmed once


def test_a_file_changed_after_the_upload_is_not_confirmed(
    dav_server: DavServer, remote: WebDavRemote
):
    remote.mkdir("d")
    for name in ("a.txt", "b.txt", "c.txt"):
        _send(remote, f"d/{name}", b"sent")
    dav_server.write("d/a.txt", b"another size")  # another client, same second
    later = dav_server.write("d/b.txt", b"SENT")  # same size, but modified later
    os.utime(later, (later.stat().st_atime + 120, later.stat().st_mtime + 120))
    confirmed = remote.confirm_uploads(["d/a.txt", "d/b.txt", "d/c.txt"])
    assert set(confirmed) == {"d/c.txt"}


def test_a_file_gone_after_the_upload_is_not_confirmed(dav_server: DavServer, remote: WebDavRemote):
    _send(remote, "gone.txt", b"x")
    (dav_server.root / "gone.txt").unlink()
    assert remote.confirm_uploads(["gone.txt"]) == {}


# --- the capability probes, saved and reused ---------------------------------------------


def test_a_saved_probe_record_replaces_the_probes(wsgidav_server: WsgiDavServer):
    first = make_remote(wsgidav_server)
    first.check()
    record = first.probe_record()
    first.close()
    assert record is not None
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    second = make_remote(wsgidav_server)
    try:
        second.check(record)
        assert wsgidav_server.faults.seen == [("PROPFIND", "/")]
        assert second.capabilities == first.capabilities
        assert second.probe_record() == record
    finally:
        second.close()


@pytest.mark.parametrize("stale", ["expired", "other-url", "garbled"])
def test_a_stale_probe_record_probes_again(wsgidav_server: WsgiDavServer, stale: str):
    first = make_remote(wsgidav_server)
    first.check()
    record = first.probe_record()
    first.close()
    assert record is not None
    clock = RecordingClock()
    if stale == "expired":
        clock.offset = PROBE_MAX_AGE_S + 60
    elif stale == "other-url":
        record = record.replace(wsgidav_server.url.rstrip("/"), "http://example.invalid/dav")
    else:
        record = record[: len(record) // 2]
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    second = make_remote(wsgidav_server, clock)
    try:
        second.check(record)
        assert any(method == "MKCOL" for method, _ in wsgidav_server.faults.seen)
        assert second.capabilities == first.capabilities
    finally:
        second.close()


def test_a_record_wrongly_saying_depth_infinity_works_falls_back_to_walking(
    apache_server: DavServer,
):
    first = make_remote(apache_server)
    first.check()
    first.mkdir("d")
    first.upload("d/f.txt", source(b"x"), 1, replace=None, mtime=None, content_hash=None,
                 progress=None)  # fmt: skip
    record = first.probe_record()
    first.close()
    assert record is not None and '"depth_infinity": false' in record  # Apache refuses it
    second = make_remote(apache_server)
    try:
        second.check(record.replace('"depth_infinity": false', '"depth_infinity": true'))
        assert {i.path for i in second.list_tree()} == {"d", "d/f.txt"}
        assert not second.capabilities.depth_infinity
    finally:
        second.close()


def test_listings_without_owncloud_properties_read_the_same(dav_server: DavServer):
    """A server that showed no ownCloud property at the check is asked only DAV ones."""
    checked = make_remote(dav_server)
    checked.check()
    checked.mkdir("d")
    for path in ("d/a.txt", "b.txt"):
        checked.upload(path, source(b"x"), 1, replace=None, mtime=None, content_hash=None,
                       progress=None)  # fmt: skip
    unchecked = make_remote(dav_server)  # never checked: asks for every property
    try:
        assert checked.list_tree() == unchecked.list_tree()
        assert not checked.capabilities.stable_ids and not checked.capabilities.content_hashes
    finally:
        checked.close()
        unchecked.close()
