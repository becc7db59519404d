"""Nextcloud's browser login (Login Flow v2) and the first check of a server, against the
strict Nextcloud double (tests/nextcloud_double.py: status.php, the flow, a real WsgiDAV
for the files) and a real WsgiDAV server."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.accounts import check_server
from cozysync.errors import AuthError, ConfigError, OfflineError
from cozysync.remotes.http import build_client
from cozysync.remotes.nextcloud_login import (
    LoginCancelledError,
    detect_nextcloud,
    login_with_browser,
    nextcloud_base,
    poll_login_flow,
    start_login_flow,
)
from cozysync.remotes.webdav import WebDavRemote
from cozysync.service.server_check import ServerProblem
from tests.nextcloud_double import NextcloudDouble
from tests.servers import WsgiDavServer, free_port

FAST = 0.02  # seconds between polls in these tests (the real client waits 2 s)


@pytest.fixture
def nextcloud(tmp_path: Path) -> Iterator[NextcloudDouble]:
    double = NextcloudDouble(tmp_path / "nextcloud-files", prefix="/nextcloud")
    double.start()
    yield double
    double.stop()


class GrantingBrowser:
    """Opens the login page as a browser would, then grants once the client has polled
    ``after_polls`` times (the access is not there at first)."""

    def __init__(self, double: NextcloudDouble, after_polls: int = 2) -> None:
        self.double, self.after_polls = double, after_polls
        self.opened: list[str] = []
        self.thread: threading.Thread | None = None

    def __call__(self, url: str) -> None:
        self.opened.append(url)
        assert self.double.visit(url) == 303  # the landing page starts the flow
        self.thread = threading.Thread(target=self._grant_later, args=(url,))
        self.thread.start()

    def _grant_later(self, url: str) -> None:
        while len(self.double.polls) < self.after_polls:
            threading.Event().wait(FAST)
        self.double.grant(url)

    def join(self) -> None:
        if self.thread is not None:
            self.thread.join(10)


def test_a_nextcloud_is_recognised_by_its_status_page(nextcloud, wsgidav_server: WsgiDavServer):
    for pasted in (
        nextcloud.url, nextcloud.url + "/", nextcloud.webdav_url,
        nextcloud.url + "/index.php/apps/files/?dir=/Photos",
        nextcloud.url + "/apps/files/#top",
    ):  # fmt: skip
        found = detect_nextcloud(pasted)
        assert found is not None, pasted
        assert found.base_url == nextcloud.url
        assert (found.product_name, found.installed, found.maintenance) == (
            "Nextcloud", True, False,
        )  # fmt: skip
    assert detect_nextcloud(wsgidav_server.url) is None  # a plain WebDAV server
    with pytest.raises(OfflineError):
        detect_nextcloud(f"http://127.0.0.1:{free_port()}/")  # nothing listens there


def test_the_server_address_is_found_in_what_the_user_pastes():
    assert nextcloud_base("https://c.example.org/remote.php/dav/files/me/") == (
        "https://c.example.org"
    )
    assert nextcloud_base("https://c.example.org/nc/index.php/apps/files/") == (
        "https://c.example.org/nc"
    )
    assert nextcloud_base(" https://c.example.org:8443/ ") == "https://c.example.org:8443"
    assert nextcloud_base("ftp://c.example.org/") == nextcloud_base("not an address") == ""


def test_the_browser_login_gives_an_app_password_that_webdav_accepts(nextcloud):
    nextcloud.write("Cours/lundi.txt", b"maths")
    browser = GrantingBrowser(nextcloud)
    credentials = login_with_browser(
        nextcloud.url + "/", browser, threading.Event(), poll_every=FAST
    )
    browser.join()
    assert browser.opened and browser.opened[0].startswith(
        nextcloud.url + "/index.php/login/v2/flow/"
    )
    assert nextcloud.polls[:2] == [404, 404] and nextcloud.polls[-1] == 200  # 404 until granted
    assert credentials.server == nextcloud.url
    assert credentials.login_name == nextcloud.user
    assert credentials.app_password in nextcloud.app_passwords
    assert credentials.app_password not in repr(credentials)
    assert credentials.webdav_url == nextcloud.webdav_url
    assert nextcloud.user_agents[0].startswith("cozysync/")  # the name the grant page shows
    remote = WebDavRemote(credentials.webdav_url, credentials.login_name, credentials.app_password)
    try:
        remote.check()
        assert {item.path for item in remote.list_tree()} >= {"Cours", "Cours/lundi.txt"}
    finally:
        remote.close()


def test_the_poll_gives_the_password_once(nextcloud):
    with build_client(url=nextcloud.url) as http:
        server = detect_nextcloud(nextcloud.url, client=http)
        assert server is not None
        flow = start_login_flow(server, http)
        assert poll_login_flow(flow, http) is None  # not granted yet
        assert nextcloud.visit(flow.login_url) == 303
        nextcloud.grant(flow.login_url)
        first = poll_login_flow(flow, http)
        assert first is not None and first.login_name == nextcloud.user
        assert poll_login_flow(flow, http) is None  # the token is single use
    assert nextcloud.polls == [404, 200, 404]


def test_a_flow_older_than_twenty_minutes_is_gone(nextcloud):
    with build_client(url=nextcloud.url) as http:
        server = detect_nextcloud(nextcloud.url, client=http)
        assert server is not None
        flow = start_login_flow(server, http)
        nextcloud.age_flows(20 * 60 + 1)
        assert nextcloud.visit(flow.login_url) == 403  # the page says it has expired
        assert poll_login_flow(flow, http) is None


class JumpingClock:
    """Each look at the time is a minute later."""

    def __init__(self) -> None:
        self.now_s = 0.0

    def now(self) -> float:
        return self.now_s

    def monotonic(self) -> float:
        self.now_s += 60.0
        return self.now_s

    def sleep(self, seconds: float) -> None:
        self.now_s += seconds


def test_the_login_gives_up_after_twenty_minutes(nextcloud):
    opened: list[str] = []
    with pytest.raises(AuthError, match="not completed in 20 minutes"):
        login_with_browser(
            nextcloud.url, opened.append, threading.Event(), poll_every=FAST,
            clock=JumpingClock(),
        )  # fmt: skip
    assert len(opened) == 1
    assert 15 <= len(nextcloud.polls) <= 21 and set(nextcloud.polls) == {404}


def test_cancel_ends_the_login_at_once(nextcloud):
    cancel = threading.Event()
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            login_with_browser(nextcloud.url, lambda _url: None, cancel, poll_every=3600)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    while not nextcloud.polls:  # it polled once, and now waits an hour before the next
        threading.Event().wait(FAST)
    cancel.set()
    worker.join(10)
    assert not worker.is_alive()
    assert [type(exc) for exc in outcome] == [LoginCancelledError]
    assert nextcloud.polls == [404]


def test_an_owncloud_without_the_flow_and_a_plain_webdav_server_are_said(
    nextcloud, wsgidav_server: WsgiDavServer
):
    nextcloud.flow_v2, nextcloud.product_name = False, "ownCloud"
    with pytest.raises(ConfigError, match=r"ownCloud at .* offers no browser login"):
        login_with_browser(nextcloud.url, lambda _url: None, threading.Event())
    with pytest.raises(ConfigError, match="does not answer like a Nextcloud"):
        login_with_browser(wsgidav_server.url, lambda _url: None, threading.Event())


def test_the_first_check_says_what_is_wrong(nextcloud, wsgidav_server: WsgiDavServer):
    user, password = wsgidav_server.user, wsgidav_server.password

    def problem(url: str, user: str | None, password: str | None, cozy: bool = False):
        return check_server(url, user, password, cozy=cozy).problem

    assert problem(wsgidav_server.url, user, password) is None
    assert problem(wsgidav_server.url, user, "wrong") is ServerProblem.LOGIN_REFUSED
    assert problem(wsgidav_server.url, None, None) is ServerProblem.LOGIN_NEEDED
    assert problem(f"http://127.0.0.1:{free_port()}/", user, password) is (
        ServerProblem.UNREACHABLE
    )
    assert problem(wsgidav_server.url, None, None, cozy=True) is ServerProblem.NOT_A_COZY
    found = check_server(nextcloud.url, None, None, cozy=False)
    assert found.problem is ServerProblem.LOGIN_NEEDED and found.nextcloud is not None
    typed = check_server(nextcloud.url, nextcloud.user, nextcloud.password, cozy=False)
    assert typed.is_ok and typed.url == nextcloud.webdav_url  # its files' address
    assert problem(nextcloud.url, nextcloud.user, "wrong") is ServerProblem.LOGIN_REFUSED
    nextcloud.maintenance = True
    assert problem(nextcloud.url, None, None) is ServerProblem.MAINTENANCE


def test_a_certificate_that_is_not_trusted_is_said(tmp_path: Path):
    """An https server with a self-signed certificate (made by the test)."""
    server = SelfSignedHttps(tmp_path)
    server.start()
    try:
        found = check_server(server.url, "alice", "pw", cozy=False)
    finally:
        server.stop()
    assert found.problem is ServerProblem.CERTIFICATE, found.detail


class SelfSignedHttps:
    """cheroot on 127.0.0.1 with a certificate nobody trusts (openssl makes it)."""

    def __init__(self, work: Path) -> None:
        self.work, self.port = work, free_port()
        self._server: object = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/"

    def start(self) -> None:
        import subprocess

        from cheroot import wsgi
        from cheroot.ssl.builtin import BuiltinSSLAdapter

        cert, key = self.work / "cert.pem", self.work / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
            check=True, capture_output=True,
        )  # fmt: skip

        def app(_environ, start):
            start("200 OK", [("Content-Length", "2")])
            return [b"ok"]

        server = wsgi.Server(("127.0.0.1", self.port), app, numthreads=2)
        server.ssl_adapter = BuiltinSSLAdapter(str(cert), str(key))
        server.prepare()
        self._server = server
        self._thread = threading.Thread(target=server.serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        server = self._server
        if server is not None:
            server.stop()  # type: ignore[attr-defined]
        if self._thread is not None:
            self._thread.join(10)


def test_the_double_refuses_what_nextcloud_refuses(nextcloud):
    """The double's own rules: a wrong app password, or one for another login, is a 401."""
    with httpx.Client() as http:
        assert http.request("PROPFIND", nextcloud.webdav_url).status_code == 401
        wrong = http.request("PROPFIND", nextcloud.webdav_url, auth=("alice", "nope"))
        assert wrong.status_code == 401
        assert wrong.headers["WWW-Authenticate"].startswith('Basic realm="Nextcloud"')
        right = http.request(
            "PROPFIND", nextcloud.webdav_url, auth=(nextcloud.user, nextcloud.password),
            headers={"Depth": "0"},
        )  # fmt: skip
        assert right.status_code == 207
