"""The download that restore and export share (``cozysync.service.fetch.download_fresh``)
against a real WsgiDAV, and the one hashing sink every download writes through."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.remotes.webdav import WebDavRemote
from cozysync.service.fetch import download_fresh
from cozysync.sync.hashing import HashingWriter
from tests.remotes.helpers import make_remote
from tests.servers import WsgiDavServer


@pytest.fixture
def remote(wsgidav_server: WsgiDavServer) -> Iterator[WebDavRemote]:
    r = make_remote(wsgidav_server)
    yield r
    r.close()


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def test_reset_starts_the_file_and_its_hash_again(tmp_path: Path):
    with open(tmp_path / "out", "w+b") as out:
        sink = HashingWriter(out)
        sink.write(b"half of an old version")
        sink.reset()
        sink.write(b"new")
        sink.flush()
        assert (sink.count, sink.hexdigest) == (3, md5(b"new"))
    assert (tmp_path / "out").read_bytes() == b"new"


def test_a_file_changed_since_the_listing_is_fetched_in_its_new_version(
    tmp_path: Path, wsgidav_server: WsgiDavServer, remote: WebDavRemote
):
    wsgidav_server.write("notes.txt", b"listed version")
    listed = remote.stat("notes.txt")
    assert listed is not None
    wsgidav_server.write("notes.txt", b"the version written after the listing")
    with open(tmp_path / "out", "w+b") as out:
        sink = HashingWriter(out)
        got = download_fresh(remote, listed, sink)
    assert got is not None and got.size == len(b"the version written after the listing")
    assert (tmp_path / "out").read_bytes() == b"the version written after the listing"
    assert sink.hexdigest == md5(b"the version written after the listing")
    assert sink.count == got.size


def test_a_file_gone_since_the_listing_is_none(
    tmp_path: Path, wsgidav_server: WsgiDavServer, remote: WebDavRemote
):
    wsgidav_server.write("gone.txt", b"soon gone")
    listed = remote.stat("gone.txt")
    assert listed is not None
    (wsgidav_server.root / "gone.txt").unlink()
    with open(tmp_path / "out", "w+b") as out:
        assert download_fresh(remote, listed, HashingWriter(out)) is None
