"""A whole-tree listing's token (``TellsUnchangedListing``): the MD5 of the server's
answer, so that a watch-mode poll whose answer is the one the last in-sync pass read is
not parsed again.  Against real servers: WsgiDAV, and Apache with Depth: infinity (where
Apache refuses it, the tree is walked folder by folder and no token is offered)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import cozysync.remotes.webdav_base as webdav_base
from cozysync.remotes.webdav import WebDavRemote
from tests.conftest import _require_apache
from tests.remotes.helpers import make_remote, source
from tests.servers import ApacheServer, DavServer, started_apache


@pytest.fixture(params=["wsgidav", pytest.param("apache", marks=pytest.mark.apache)])
def tree_server(request: pytest.FixtureRequest) -> Iterator[DavServer]:
    """A server that answers a whole-tree PROPFIND (Depth: infinity)."""
    if request.param == "wsgidav":
        yield request.getfixturevalue("wsgidav_server")
        return
    _require_apache()
    with started_apache("DavDepthInfinity On\n") as server:
        yield server


@pytest.fixture
def remote(tree_server: DavServer) -> Iterator[WebDavRemote]:
    r = make_remote(tree_server)
    r.check()
    yield r
    r.close()


def put(remote: WebDavRemote, path: str, data: bytes) -> None:
    remote.upload(path, source(data), len(data), replace=None, mtime=None, content_hash=None,
                  progress=None)  # fmt: skip


def paths(items: object) -> list[str]:
    assert isinstance(items, list)
    return sorted(i.path for i in items)


def test_the_same_answer_again_is_told_unchanged_and_not_parsed(
    remote: WebDavRemote, multistatus_parses: list[int]
) -> None:
    remote.mkdir("cours")
    put(remote, "cours/devoir.txt", b"homework")
    first = remote.list_tree()
    token = remote.listing_token
    assert token is not None and len(token) == 32
    assert paths(first) == ["cours", "cours/devoir.txt"]
    parsed = len(multistatus_parses)

    assert remote.list_tree_unless(token) is None
    assert len(multistatus_parses) == parsed  # read and fingerprinted, not parsed
    assert remote.listing_token == token


def test_any_change_on_the_server_gives_the_new_listing_and_token(
    remote: WebDavRemote, tree_server: DavServer
) -> None:
    put(remote, "a.txt", b"one")
    remote.list_tree()
    token = remote.listing_token
    assert token is not None

    put(remote, "b.txt", b"two")  # a new file
    assert paths(remote.list_tree_unless(token)) == ["a.txt", "b.txt"]
    second = remote.listing_token
    assert second not in (None, token)

    (tree_server.root / "a.txt").write_bytes(b"one, edited elsewhere")  # an edit
    changed = remote.list_tree_unless(second)
    assert changed is not None and {i.path: i.size for i in changed}["a.txt"] == 21
    assert remote.listing_token not in (None, second)


def test_no_token_is_no_promise(remote: WebDavRemote) -> None:
    put(remote, "a.txt", b"one")
    assert paths(remote.list_tree_unless(None)) == ["a.txt"]


def test_an_answer_too_large_to_hold_is_parsed_as_it_streams_without_a_token(
    remote: WebDavRemote, monkeypatch: pytest.MonkeyPatch
) -> None:
    for index in range(20):
        put(remote, f"f{index:02d}.txt", b"x")
    remote.list_tree()
    token = remote.listing_token
    assert token is not None
    monkeypatch.setattr(webdav_base, "LISTING_TOKEN_MAX", 512)  # a few items' worth

    listed = remote.list_tree_unless(token)  # the same answer, but not held: parsed

    assert paths(listed) == [f"f{index:02d}.txt" for index in range(20)]
    assert remote.listing_token is None


@pytest.mark.apache
def test_a_tree_walked_folder_by_folder_offers_no_token(apache_server: ApacheServer) -> None:
    remote = make_remote(apache_server)  # Apache's default: Depth: infinity refused (403)
    try:
        remote.check()
        remote.mkdir("cours")
        put(remote, "cours/a.txt", b"one")
        assert paths(remote.list_tree_unless(None)) == ["cours", "cours/a.txt"]
        assert remote.listing_token is None
    finally:
        remote.close()
