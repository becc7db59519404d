"""Bad answers from a real WsgiDAV, injected by ``FaultInjector``: retries and error mapping."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from cozysync.errors import (
    AuthError,
    ConfigError,
    CozySyncError,
    FatalError,
    IntegrityError,
    ProtocolError,
    QuotaExceededError,
    RemoteLockedError,
    ServerError,
)
from cozysync.remotes.webdav import WebDavRemote
from tests.remotes.helpers import RecordingClock, make_remote, no_leftovers, source
from tests.remotes.test_webdav_xml import BILLION_LAUGHS
from tests.servers import GARBLED, FaultInjector, WsgiDavServer


@pytest.fixture
def clock() -> RecordingClock:
    return RecordingClock()


@pytest.fixture
def remote(wsgidav_server: WsgiDavServer, clock: RecordingClock) -> Iterator[WebDavRemote]:
    wsgidav_server.write("a/one.txt", b"one")
    r = make_remote(wsgidav_server, clock)
    yield r
    r.close()


@pytest.fixture
def faults(wsgidav_server: WsgiDavServer) -> FaultInjector:
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    return wsgidav_server.faults


def multistatus(*hrefs: str, status: str = "HTTP/1.1 200 OK") -> bytes:
    def kind(href: str) -> str:
        return "<d:collection/>" if href.endswith("/") else ""

    responses = "".join(
        f"<d:response><d:href>{h}</d:href><d:propstat><d:prop>"
        f"<d:resourcetype>{kind(h)}</d:resourcetype>"
        f"<d:getcontentlength>1</d:getcontentlength></d:prop>"
        f"<d:status>{status}</d:status></d:propstat></d:response>"
        for h in hrefs
    )
    return (
        f'<?xml version="1.0"?><d:multistatus xmlns:d="DAV:">{responses}</d:multistatus>'.encode()
    )


def put(remote: WebDavRemote, path: str, data: bytes) -> None:
    remote.upload(
        path, source(data), len(data), replace=None, mtime=None, content_hash=None, progress=None
    )


def test_503_is_retried_honouring_retry_after(remote, faults, clock):
    faults.add("PROPFIND", "/", 503, times=2, headers=[("Retry-After", "7")])
    assert {i.path for i in remote.list_tree()} == {"a", "a/one.txt"}
    assert clock.sleeps == [7.0, 7.0]


def test_500_is_retried_then_a_server_error(remote, faults, clock):
    faults.add("PROPFIND", "/", 500, times=10)
    with pytest.raises(ServerError) as info:
        remote.list_tree()
    assert "HTTP 500" in info.value.title
    assert len(clock.sleeps) == 3 and clock.sleeps[0] < clock.sleeps[2]  # backing off
    assert [m for m, _ in faults.seen] == ["PROPFIND"] * 4


def test_401_is_not_retried(remote, faults, clock):
    # the first 401 a remote meets is the server asking for the password, sent then
    # (captive_portal.ChallengedBasicAuth); this one refuses the password it was sent
    remote.list_tree()
    faults.clear()
    faults.add("PROPFIND", "/", 401)
    with pytest.raises(AuthError):
        remote.list_tree()
    assert clock.sleeps == [] and len(faults.seen) == 1


def test_507_on_upload_is_quota_and_leaves_nothing(wsgidav_server, remote, faults):
    faults.add("PUT", "/.cozysync-", 507)
    with no_leftovers(wsgidav_server), pytest.raises(QuotaExceededError):
        put(remote, "a/new.txt", b"data")
    assert not (wsgidav_server.root / "a/new.txt").exists()


@pytest.mark.parametrize("status", [401, 403, 405, 409, 412, 413, 415, 423])
def test_a_put_refused_before_storing_deletes_no_temp(wsgidav_server, remote, faults, status):
    """One request per refused upload, not two (200,000 refused by a read-only share)."""
    faults.add("PUT", "/.cozysync-", status)
    with no_leftovers(wsgidav_server), pytest.raises(CozySyncError) as info:
        put(remote, "a/new.txt", b"data")
    assert info.value.http_status == status
    assert [m for m, _ in faults.seen] == ["PUT"]
    assert remote.take_abandoned_temps() == set()


@pytest.mark.parametrize("status", [500, 507])
def test_a_put_failing_on_the_server_still_deletes_its_temp(wsgidav_server, remote, faults, status):
    """A 5xx (or a disk full midway) may have stored part of the body."""
    faults.add("PUT", "/.cozysync-", status, times=10, headers=[("Retry-After", "0")])
    with no_leftovers(wsgidav_server), pytest.raises(CozySyncError):
        put(remote, "a/new.txt", b"data")
    assert [m for m, _ in faults.seen][-1] == "DELETE"


def test_locked_target_on_move_is_reported_and_the_temp_removed(wsgidav_server, remote, faults):
    faults.add("MOVE", "/.cozysync-", 423)
    with no_leftovers(wsgidav_server), pytest.raises(RemoteLockedError):
        put(remote, "a/new.txt", b"data")
    assert not (wsgidav_server.root / "a/new.txt").exists()


def test_503_on_move_is_retried(wsgidav_server, remote, faults, clock):
    faults.add("MOVE", "/.cozysync-", 503)
    with no_leftovers(wsgidav_server):
        put(remote, "a/new.txt", b"data")
    assert (wsgidav_server.root / "a/new.txt").read_bytes() == b"data" and len(clock.sleeps) == 1


def test_502_on_download_is_retried(remote, faults, clock):
    faults.add("GET", "/a/one.txt", 502)
    sink = io.BytesIO()
    state = remote.download("a/one.txt", sink, expected=None, progress=None)
    assert sink.getvalue() == b"one" and state.size == 3 and state.etag


def test_garbled_listing_is_a_protocol_error_and_returns_nothing(remote, faults):
    remote.list_tree()
    faults.add("PROPFIND", "/", 207, body=GARBLED)
    with pytest.raises(ProtocolError) as info:
        remote.list_tree()
    assert info.value.title == "the server sent a listing cozysync cannot read"


def test_href_outside_the_base_is_a_protocol_error(wsgidav_server, remote, faults):
    faults.add("PROPFIND", "/", 207, body=multistatus("/", "/../etc/passwd"))
    with pytest.raises(ProtocolError):
        remote.list_tree()
    below_a = WebDavRemote(
        wsgidav_server.url + "a/",
        wsgidav_server.user,
        wsgidav_server.password,
        clock=RecordingClock(),
    )
    assert [i.path for i in below_a.list_tree()] == ["one.txt"]
    faults.add("PROPFIND", "/a", 207, body=multistatus("/a/", "http://h/b/one.txt"))
    with pytest.raises(ProtocolError):
        below_a.list_tree()
    below_a.close()


def test_billion_laughs_is_refused(remote, faults):
    faults.add("PROPFIND", "/", 207, body=BILLION_LAUGHS)
    with pytest.raises(ProtocolError):
        remote.list_tree()


def test_unrepresentable_names_are_skipped_and_recorded(remote, faults):
    faults.add("PROPFIND", "/", 207, body=multistatus("/", "/ok.txt", "/a%2Fb.txt", "/n%00.txt"))
    items = remote.list_tree()
    assert [i.path for i in items] == ["ok.txt"]
    assert [p for p, _ in remote.skipped] == ["/a/b.txt", "/n\x00.txt"]
    assert all("'/' or a NUL" in reason for _, reason in remote.skipped)


def test_a_failed_item_inside_a_listing_fails_the_listing(remote, faults):
    body = multistatus("/").replace(
        b"</d:multistatus>",
        b"<d:response><d:href>/private/</d:href>"
        b"<d:status>HTTP/1.1 403 Forbidden</d:status></d:response>"
        b"</d:multistatus>",
    )
    faults.add("PROPFIND", "/", 207, body=body)
    with pytest.raises(ServerError) as info:
        remote.list_tree()
    assert "private" in info.value.title


def test_partial_delete_names_the_item(remote, faults):
    body = multistatus().replace(
        b"</d:multistatus>",
        b"<d:response><d:href>/a/one.txt</d:href>"
        b"<d:status>HTTP/1.1 423 Locked</d:status></d:response>"
        b"</d:multistatus>",
    )
    faults.add("DELETE", "/a", 207, body=body)
    with pytest.raises(ServerError) as info:
        remote.delete("a", expected=None)
    assert "'a/one.txt'" in info.value.title and "423" in info.value.title


def test_checksum_mismatch_is_an_integrity_error(remote, faults):
    faults.add(
        "GET",
        "/a/one.txt",
        200,
        body=b"one",
        headers=[("OC-Checksum", "MD5:" + "0" * 32), ("ETag", '"x"')],
    )
    with pytest.raises(IntegrityError):
        remote.download("a/one.txt", io.BytesIO(), expected=None, progress=None)


def test_size_mismatch_of_a_pinned_download_is_an_integrity_error(remote, faults):
    state = remote.stat("a/one.txt")
    assert state is not None
    faults.add("GET", "/a/one.txt", 200, body=b"on")  # server ignored If-Match, wrong bytes
    with pytest.raises(IntegrityError):
        remote.download("a/one.txt", io.BytesIO(), expected=state, progress=None)


def test_tls_failure_is_fatal_with_a_hint(wsgidav_server):
    remote = WebDavRemote(
        wsgidav_server.url.replace("http://", "https://"), "u", "p", clock=RecordingClock()
    )
    with pytest.raises(FatalError) as info:
        remote.check()
    assert "secure connection" in info.value.title and info.value.hint
    remote.close()


def test_upload_retry_reads_the_source_again(wsgidav_server, remote, faults, clock):
    opened = []

    def open_source():
        opened.append(1)
        return io.BytesIO(b"payload")

    faults.add("PUT", "/.cozysync-", 503)
    with no_leftovers(wsgidav_server):
        state = remote.upload(
            "a/p.txt", open_source, 7, replace=None, mtime=None, content_hash=None, progress=None
        )
    assert len(opened) == 2 and state.size == 7 and len(clock.sleeps) == 1
    assert (wsgidav_server.root / "a/p.txt").read_bytes() == b"payload"


def test_check_on_a_read_only_folder_keeps_defaults(remote, faults):
    faults.add("MKCOL", "/.cozysync-probe-", 403)
    remote.check()
    assert remote.capabilities.if_match and not remote.capabilities.set_mtime
    assert {i.path for i in remote.list_tree()} == {"a", "a/one.txt"}  # Depth probed lazily


def test_check_refuses_what_is_not_a_webdav_folder(wsgidav_server, remote, faults):
    faults.add("OPTIONS", "/", 200)  # a plain web server: no DAV header
    with pytest.raises(ConfigError):
        remote.check()
    missing = WebDavRemote(
        wsgidav_server.url + "nope/",
        wsgidav_server.user,
        wsgidav_server.password,
        clock=RecordingClock(),
    )
    with pytest.raises(ConfigError) as info:
        missing.check()
    assert "nope" in info.value.title
    missing.close()
    faults.add("OPTIONS", "/", 301, headers=[("Location", "https://elsewhere/dav/")])
    with pytest.raises(ConfigError) as info:
        remote.check()
    assert "https://elsewhere/dav/" in info.value.title


def test_credentials_in_the_url_are_used_but_never_shown(wsgidav_server, faults, caplog):
    host = wsgidav_server.url.removeprefix("http://")
    url = f"http://{wsgidav_server.user}:{wsgidav_server.password.replace(' ', '%20')}@{host}"
    remote = WebDavRemote(url + "nope/", None, None, clock=RecordingClock())
    faults.add("PROPFIND", "/", 503)
    caplog.set_level("INFO", logger="cozysync.remotes.http")
    with pytest.raises(ConfigError) as info:
        remote.check()  # authenticated (no 401), the folder is missing
    assert wsgidav_server.password not in str(info.value) and "alice" not in str(info.value)
    assert "retrying PROPFIND /nope/" in caplog.text and "alice" not in caplog.text
    remote.close()
