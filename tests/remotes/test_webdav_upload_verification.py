"""*Upload verification* on a real WsgiDAV behind middleware that loses part of each PUT
(``tests.upload_faults``): an upload the server did not store whole fails with
``IntegrityError`` naming the file and both sizes, and leaves nothing damaged under the
file's name (through a temp: checked before the MOVE; one PUT in place: checked, then that
version deleted)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cozysync.errors import IntegrityError
from cozysync.remotes.webdav import WebDavRemote
from tests.engine.crash_helpers import wrap_wsgidav
from tests.remotes.helpers import make_remote, no_leftovers, source
from tests.servers import WsgiDavServer
from tests.upload_faults import PutTruncator

ESSAY = b"The essay, all thirty-one bytes"  # 31 bytes: the server keeps 15
assert len(ESSAY) == 31


@pytest.fixture
def remote(wsgidav_server: WsgiDavServer) -> Iterator[WebDavRemote]:
    r = make_remote(wsgidav_server)
    r.check()
    yield r
    r.close()


@pytest.fixture
def cutting(wsgidav_server: WsgiDavServer) -> Iterator[Callable[..., PutTruncator]]:
    undo: list[Callable[[], None]] = []

    def wrap(**options: Any) -> PutTruncator:
        truncator, unwrap = wrap_wsgidav(wsgidav_server, lambda app: PutTruncator(app, **options))
        undo.append(unwrap)
        return truncator

    yield wrap
    for unwrap in undo:
        unwrap()


def _upload(remote: WebDavRemote, path: str, data: bytes, **kw: Any) -> Any:
    kw.setdefault("replace", None)
    return remote.upload(
        path, source(data), len(data), mtime=None, content_hash=kw.pop("content_hash", None),
        progress=None, **kw,
    )  # fmt: skip


def test_a_new_file_cut_short_fails_and_never_reaches_its_name(
    remote: WebDavRemote, wsgidav_server: WsgiDavServer, cutting: Callable[..., PutTruncator]
):
    truncator = cutting()
    with no_leftovers(wsgidav_server), pytest.raises(IntegrityError) as info:
        _upload(remote, "essay.odt", ESSAY)
    assert info.value.title == (
        "the server stored 15 of 31 bytes of 'essay.odt'; it will be sent again"
    )
    assert info.value.path == "essay.odt"
    assert truncator.damaged  # the server really got (and kept) half of it
    assert not (wsgidav_server.root / "essay.odt").exists()

    truncator.active = False
    state = _upload(remote, "essay.odt", ESSAY)
    assert state.size == 31
    assert (wsgidav_server.root / "essay.odt").read_bytes() == ESSAY


def test_a_replacement_cut_short_keeps_the_version_it_was_to_replace(
    remote: WebDavRemote, wsgidav_server: WsgiDavServer, cutting: Callable[..., PutTruncator]
):
    old = _upload(remote, "essay.odt", b"draft")
    cutting()
    with no_leftovers(wsgidav_server), pytest.raises(IntegrityError, match="15 of 31 bytes"):
        _upload(remote, "essay.odt", ESSAY, replace=old)
    assert (wsgidav_server.root / "essay.odt").read_bytes() == b"draft"
    assert remote.stat("essay.odt") == old


def test_a_put_in_place_cut_short_is_deleted_from_the_server(
    remote: WebDavRemote, wsgidav_server: WsgiDavServer, cutting: Callable[..., PutTruncator]
):
    """WsgiDAV cuts a MOVE's Destination at '?': such a name is one PUT in place, checked
    once it landed; the damaged version is deleted so no other device downloads it."""
    cutting()
    with pytest.raises(IntegrityError, match=r"stored 15 of 31 bytes of 'why\?.odt'"):
        _upload(remote, "why?.odt", ESSAY)
    assert not (wsgidav_server.root / "why?.odt").exists()


@pytest.mark.parametrize("name", ["essay.odt", "why?.odt"], ids=["temp+move", "in-place"])
def test_a_put_answered_201_that_stored_nothing_says_so(
    remote: WebDavRemote,
    wsgidav_server: WsgiDavServer,
    cutting: Callable[..., PutTruncator],
    name: str,
):
    cutting(store_nothing=True)
    with no_leftovers(wsgidav_server), pytest.raises(IntegrityError) as info:
        _upload(remote, name, ESSAY)
    assert info.value.title == (
        f"the server did not store {name!r} (it answered 201 but the file is not there); "
        "it will be sent again"
    )
    assert "HTTP 404" not in info.value.one_line()


class ChecksumLiar:
    """Adds an ``oc:checksums`` of other bytes to the PROPFIND answers about our temps
    (the size is right: only the checksum tells the bytes apart)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        is_temp = ".cozysync-" in environ.get("PATH_INFO", "")
        if environ["REQUEST_METHOD"] != "PROPFIND" or not is_temp:
            return self.app(environ, start_response)
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        chunks = self.app(environ, capture)
        try:
            body = b"".join(chunks)
        finally:
            if hasattr(chunks, "close"):
                chunks.close()
        other = hashlib.md5(b"other bytes").hexdigest().encode()
        checksum = b'<oc:checksums xmlns:oc="http://owncloud.org/ns">MD5:' + other
        body = body.replace(b"</ns0:prop>", checksum + b"</oc:checksums></ns0:prop>", 1)
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]


def test_a_checksum_the_server_gives_must_be_the_one_sent(
    remote: WebDavRemote, wsgidav_server: WsgiDavServer
):
    _, unwrap = wrap_wsgidav(wsgidav_server, ChecksumLiar)
    try:
        with no_leftovers(wsgidav_server), pytest.raises(IntegrityError, match="MD5 mismatch"):
            _upload(remote, "essay.odt", ESSAY, content_hash=hashlib.md5(ESSAY).hexdigest())
    finally:
        unwrap()
    assert not (wsgidav_server.root / "essay.odt").exists()
