"""How a Wi-Fi sign-in page is told from the server (issue 19, item 3), by the answer's
head alone, and when the password is sent (only to a server that asked for it; real
WsgiDAV)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from cozysync.remotes.captive_portal import (
    ChallengedBasicAuth,
    forget_challenges,
    portal_reason,
)
from cozysync.remotes.http import build_client
from tests.servers import FaultInjector, WsgiDavServer

SERVER = "https://cloud.lycee.test/dav/"
PAGE = {"Content-Type": "text/html; charset=utf-8"}


def head(method: str, status: int, headers: dict[str, str], accept: str | None = None):
    request = httpx.Request(method, SERVER + "a.txt", headers={"Accept": accept} if accept else {})
    return request, httpx.Response(status, headers=headers, request=request)


@pytest.mark.parametrize(
    ("method", "status", "headers", "accept", "is_portal"),
    [
        ("PROPFIND", 302, {"Location": "http://portail.gare.test/login"}, None, True),
        ("GET", 307, {"Location": "https://10.0.0.1/"}, None, True),
        ("GET", 303, {"Location": "/login"}, None, False),  # the server's own page
        ("PROPFIND", 301, {"Location": "https://new.lycee.test/dav/"}, None, False),  # moved
        ("GET", 511, {}, None, True),  # RFC 6585: network sign-in required
        ("PROPFIND", 200, PAGE, None, True),  # a page where a listing was asked for
        ("GET", 200, PAGE, "application/json", True),  # a page where JSON was asked for
        ("GET", 200, PAGE, None, False),  # a download: the user's own .html file
        ("PROPFIND", 207, {"Content-Type": "application/xml"}, None, False),
        ("GET", 200, {"Content-Type": "application/json"}, "application/json", False),
    ],
)
def test_a_portal_is_told_by_the_answers_head(method, status, headers, accept, is_portal):
    request, response = head(method, status, headers, accept)
    assert (portal_reason(request, response) is not None) is is_portal


@pytest.fixture
def seen(wsgidav_server: WsgiDavServer) -> Iterator[FaultInjector]:
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    forget_challenges()  # a port an earlier test's server had is asked for again
    yield wsgidav_server.faults


def test_the_password_goes_once_the_server_asked_for_it(
    wsgidav_server: WsgiDavServer, seen: FaultInjector
) -> None:
    wsgidav_server.write("a.txt", b"abc")
    auth = ChallengedBasicAuth(wsgidav_server.user, wsgidav_server.password)
    with build_client(url=wsgidav_server.url) as client:
        first = client.get(wsgidav_server.url + "a.txt", auth=auth)
        assert (first.status_code, first.content) == (200, b"abc")
        assert len(seen.seen) == 2  # without the password (401), then with it
        assert client.get(wsgidav_server.url + "a.txt", auth=auth).status_code == 200
        assert len(seen.seen) == 3  # asked once: sent from the start now


def test_a_wrong_password_is_refused_after_one_challenge(wsgidav_server: WsgiDavServer) -> None:
    auth = ChallengedBasicAuth(wsgidav_server.user, "pas le bon")
    with build_client(url=wsgidav_server.url) as client:
        assert client.request("PROPFIND", wsgidav_server.url, auth=auth).status_code == 401


def test_a_body_that_cannot_be_sent_twice_carries_the_password_at_once(
    wsgidav_server: WsgiDavServer, seen: FaultInjector
) -> None:
    auth = ChallengedBasicAuth(wsgidav_server.user, wsgidav_server.password)
    with build_client(url=wsgidav_server.url) as client:
        body = iter([b"streamed ", b"upload"])
        answer = client.put(wsgidav_server.url + "up.txt", content=body, auth=auth)
    assert answer.status_code in (201, 204)
    assert [method for method, _ in seen.seen] == ["PUT"]
    assert (wsgidav_server.root / "up.txt").read_bytes() == b"streamed upload"


def test_after_a_portal_the_password_waits_for_the_server_to_ask_again(
    wsgidav_server: WsgiDavServer, seen: FaultInjector
) -> None:
    wsgidav_server.write("a.txt", b"abc")
    auth = ChallengedBasicAuth(wsgidav_server.user, wsgidav_server.password)
    url = wsgidav_server.url + "a.txt"
    with build_client(url=wsgidav_server.url) as client:
        assert client.get(url, auth=auth).status_code == 200  # asked, then sent
        seen.add("GET", "/a.txt", 302, headers=[("Location", "http://portail.gare.test/")])
        with pytest.raises(httpx.TransportError, match="Wi-Fi sign-in page"):
            client.get(url, auth=auth)
        seen.clear()
        assert client.get(url, auth=auth).status_code == 200
    assert len(seen.seen) == 2  # without the password first (401), then with it
