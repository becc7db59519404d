"""Linking to a Cozy and staying logged in (brief §1), against the strict double, with
the secrets in a real (private) gnome-keyring and a browser that follows redirects."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from cozysync.errors import AuthError, ConfigError, FatalError
from cozysync.remotes.cozy_auth import DISCONNECTED, CozyTokens, payment_required
from cozysync.remotes.cozy_link import detect_cozy, link_cozy, unlink_cozy
from cozysync.secrets import KeyringSecrets
from tests.cozy_server import CozyAccount, CozyStackServer, UserBrowser
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.remotes.helpers import RecordingClock
from tests.servers import WsgiDavServer, free_port


@pytest.fixture
def secrets(real_keyring: KeyringSession) -> KeyringSecrets:  # noqa: F811
    return KeyringSecrets(service="cozysync-test-auth")


def _query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def _requests(server: CozyStackServer, method: str, path: str) -> int:
    return sum(1 for m, p, _ in server.requests if (m, p) == (method, path))


def test_link_registers_a_desktop_client_and_logs_in_with_pkce(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    browser = UserBrowser()
    result = link_cozy(
        cozy_server.url + "/some/page", secrets=secrets, device_name="laptop-ana",
        open_browser=False, print_url=browser,
    )  # fmt: skip
    [client] = cozy_server.clients.values()
    assert client.meta["client_kind"] == "desktop"
    assert client.meta["software_id"] == "github.com/cozysync/cozysync"
    assert client.meta["client_name"] == result.client_name == "cozysync (laptop-ana)"
    [redirect] = client.meta["redirect_uris"]
    assert redirect.startswith("http://127.0.0.1:") and redirect.endswith("/callback")
    assert urlsplit(redirect).port != cozy_server.port
    [url] = browser.visited
    query = _query(url)
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert query["state"] and query["redirect_uri"] == redirect
    assert query["scope"] == (
        "io.cozy.files io.cozy.settings:GET:io.cozy.settings.disk-usage"
        " io.cozy.contacts:GET io.cozy.contacts.groups:GET"
    )  # the contacts to share with people of the address book (issue 17)
    assert browser.final is not None and "You can close this tab" in browser.final.text
    assert result.instance_url == cozy_server.url and result.client_id == client.client_id
    stored = json.loads(secrets.get(result.account) or "{}")
    assert stored["client_secret"] == client.secret
    assert stored["registration_access_token"] == client.reg_token
    assert stored["access_token"] in cozy_server.tokens and stored["refresh_token"]
    assert "secret" not in repr(CozyTokens(**stored)).replace("client_secret", "")
    secrets.delete(result.account)


def test_the_server_makes_the_client_name_unique(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    names = []
    for _ in range(2):
        result = link_cozy(
            cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
            print_url=UserBrowser(),
        )  # fmt: skip
        names.append(result.client_name)
        secrets.delete(result.account)
    assert names == ["cozysync (laptop)", "cozysync (laptop)-2"]


def test_a_wrong_state_is_refused_and_the_right_one_accepted(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    answers = []

    def browser(url: str) -> None:
        redirect = _query(url)["redirect_uri"]
        forged = f"{redirect}?state=forged&code=stolen&access_code=stolen"
        answers.append(httpx.get(forged).status_code)
        UserBrowser()(url)

    result = link_cozy(
        cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
        print_url=browser,
    )  # fmt: skip
    assert answers == [400]
    assert json.loads(secrets.get(result.account) or "{}")["access_token"]
    secrets.delete(result.account)


def test_the_stack_double_checks_the_pkce_verifier(cozy_server: CozyStackServer):
    reg = httpx.post(
        cozy_server.url + "/auth/register",
        json={"redirect_uris": ["http://127.0.0.1:1/cb"], "client_name": "x", "software_id": "y"},
    ).json()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(b"right" * 10).digest()).rstrip(b"=")
    authorize = {"client_id": reg["client_id"], "response_type": "code", "state": "s",
                 "redirect_uri": "http://127.0.0.1:1/cb", "scope": "io.cozy.files",
                 "code_challenge": challenge.decode(), "code_challenge_method": "S256"}  # fmt: skip
    for missing in ("state", "redirect_uri"):
        bad = {k: v for k, v in authorize.items() if k != missing}
        assert httpx.get(cozy_server.url + "/auth/authorize", params=bad).status_code == 400
    plain = {**authorize, "code_challenge_method": "plain"}
    assert httpx.get(cozy_server.url + "/auth/authorize", params=plain).status_code == 400
    location = httpx.get(cozy_server.url + "/auth/authorize", params=authorize).headers["Location"]
    assert location.endswith("#") and _query(location)["access_code"] == _query(location)["code"]
    form = {"grant_type": "authorization_code", "code": _query(location)["code"],
            "client_id": reg["client_id"], "client_secret": reg["client_secret"]}  # fmt: skip
    wrong = httpx.post(cozy_server.url + "/auth/access_token", data={**form, "code_verifier": "no"})
    assert wrong.status_code == 400 and wrong.json() == {"error": "invalid code_verifier"}


def test_no_browser_prints_the_url_to_open_elsewhere(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    printed = UserBrowser()
    opened: list[str] = []

    def no_browser(url: str) -> bool:
        opened.append(url)
        return False  # webbrowser found none

    result = link_cozy(
        cozy_server.url, secrets=secrets, device_name="laptop", open_browser=True,
        print_url=printed, browser=no_browser,
    )  # fmt: skip
    assert opened == printed.visited and len(opened) == 1
    secrets.delete(result.account)


def test_a_login_left_undone_cleans_up(cozy_server: CozyStackServer, secrets: KeyringSecrets):
    with pytest.raises(AuthError, match="not completed in time"):
        link_cozy(
            cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
            print_url=lambda url: None, timeout=0.5,
        )  # fmt: skip
    assert cozy_server.clients == {}  # unregistered again


def test_cancel_on_the_consent_page_ends_the_login_at_once(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    """The stack's Cancel link is redirect_uri?error=access_denied, no state and no code
    (web/auth/oauth.go authorizeForm): it ends the login now, not after the timeout."""
    cozy_server.consent = "cancel"
    browser = UserBrowser()
    started = time.monotonic()
    with pytest.raises(AuthError, match="you cancelled the login in the browser") as caught:
        link_cozy(
            cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
            print_url=browser, timeout=60,
        )  # fmt: skip
    assert time.monotonic() - started < 10
    assert "nothing was linked" in str(caught.value.title)
    assert "cozysync link again" in (caught.value.hint or "")
    assert len(browser.visited) == 1
    assert browser.final is not None and browser.final.status_code == 200
    assert _query(str(browser.final.url)) == {"error": "access_denied"}  # as the stack sends it
    assert cozy_server.clients == {}  # unregistered again


def test_an_error_answer_with_a_wrong_state_is_still_refused(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    answers = []

    def browser(url: str) -> None:
        redirect = _query(url)["redirect_uri"]
        answers.append(httpx.get(f"{redirect}?state=forged&error=access_denied").status_code)
        answers.append(httpx.get(f"{redirect}?error=access_denied&code=x").status_code)
        UserBrowser()(url)

    result = link_cozy(
        cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
        print_url=browser,
    )  # fmt: skip
    assert answers == [400, 400]
    secrets.delete(result.account)


def test_the_device_limit_page_says_what_to_do_and_the_login_goes_on_once_one_is_removed(
    cozy_server: CozyStackServer, secrets: KeyringSecrets
):
    """cozy.oauthclients.max: the stack renders an HTML page (200, no redirect) that
    reloads itself; nothing reaches this computer until a device is removed."""
    old = httpx.post(
        cozy_server.url + "/auth/register",
        json={"redirect_uris": ["http://127.0.0.1:1/cb"], "client_name": "phone",
              "software_id": "y", "client_kind": "mobile"},
    ).json()  # fmt: skip
    cozy_server.oauth_clients_max = 2  # the phone and this computer: the limit is reached
    pages: list[httpx.Response] = []

    def browser(url: str) -> None:
        first = UserBrowser()
        first(url)
        assert first.final is not None
        pages.append(first.final)
        cozy_server.delete_client(old["client_id"])  # Settings > Connected devices
        UserBrowser()(url)  # the page reloads itself

    result = link_cozy(
        cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
        print_url=browser,
    )  # fmt: skip
    [page] = pages
    assert page.status_code == 200 and not page.history and 'http-equiv="refresh"' in page.text
    assert json.loads(secrets.get(result.account) or "{}")["access_token"]
    secrets.delete(result.account)

    cozy_server.oauth_clients_max = 0
    with pytest.raises(AuthError, match="not completed in time") as caught:
        link_cozy(
            cozy_server.url, secrets=secrets, device_name="laptop", open_browser=False,
            print_url=UserBrowser(), timeout=0.5,
        )  # fmt: skip
    assert "most devices it allows" in (caught.value.hint or "")
    assert "Connected devices" in (caught.value.hint or "")


@pytest.mark.parametrize("status", [400, 401])  # 401: newer stacks (cozy-stack PR #3173)
def test_a_token_expiring_mid_sync_is_refreshed_and_the_sync_goes_on(
    cozy_account: CozyAccount, cozy_server: CozyStackServer, status: int
):
    cozy_server.bad_token_status = status
    remote = cozy_account.remote()
    try:
        remote.mkdir("d")
        before = json.loads(cozy_account.secrets.get(cozy_account.result.account))
        cozy_server.expire_tokens()
        threads = [threading.Thread(target=remote.stat, args=("d",)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert remote.list_tree()[0].path == "d"
        after = json.loads(cozy_account.secrets.get(cozy_account.result.account))
    finally:
        remote.close()
    assert _requests(cozy_server, "POST", "/auth/access_token") == 2  # the code, one refresh
    assert after["access_token"] != before["access_token"]
    assert after["refresh_token"] == before["refresh_token"]  # §1.4: kept


def test_the_token_is_refreshed_before_it_expires(
    cozy_account: CozyAccount, cozy_server: CozyStackServer
):
    clock = RecordingClock()
    clock.offset = 7 * 24 * 3600 - 60  # a minute before the 7 days
    remote = cozy_account.remote(clock=clock)
    try:
        remote.check()
    finally:
        remote.close()
    assert _requests(cozy_server, "POST", "/auth/access_token") == 2
    assert _requests(cozy_server, "GET", "/files/metadata") == 1  # no "Expired token" first


@pytest.mark.parametrize("status", [400, 401])  # 401: newer stacks (cozy-stack PR #3173)
def test_a_revoked_client_stops_with_a_clear_message(
    cozy_account: CozyAccount, cozy_server: CozyStackServer, status: int
):
    cozy_server.bad_token_status = status
    remote = cozy_account.remote()
    try:
        remote.check()
        cozy_server.delete_client(cozy_account.client_id())
        with pytest.raises(AuthError) as info:
            remote.list_tree()
    finally:
        remote.close()
    assert info.value.title == DISCONNECTED
    probe = f"/auth/register/{cozy_account.client_id()}"
    assert ("GET", probe) in [(m, p) for m, p, _ in cozy_server.requests]  # §1.5 confirmed


def test_terms_to_accept_and_a_moved_instance_are_fatal(
    cozy_account: CozyAccount, cozy_server: CozyStackServer
):
    """The 402 body is a bare JSON array (cozy-stack web/middlewares/instance.go:236-240,
    warnings.go): the user is sent to the terms page it names, not to the Cozy."""
    cozy_server.terms_deadline_passed = "https://manager.example/tos"
    remote = cozy_account.remote()
    try:
        with pytest.raises(FatalError) as info:
            remote.check()
        assert "terms" in info.value.title
        assert "Open https://manager.example/tos in a browser" in (info.value.hint or "")
        cozy_server.terms_deadline_passed = None
        cozy_server.fail("GET", "/files/metadata", 410)
        with pytest.raises(ConfigError, match="moved"):
            remote.check()
    finally:
        remote.close()


def test_a_blocked_instance_402_without_terms_says_so():
    """A blocked instance's 402 (instance.go:154-163, warningOrBlocked) has no terms."""
    blocked = [{"status": "402", "title": "Blocked", "code": "unknown", "detail": "unpaid"}]
    response = httpx.Response(402, json=blocked)
    error = payment_required(response, "https://alice.mycozy.cloud")
    assert error.title == "your Cozy is blocked (unpaid)"
    assert "https://alice.mycozy.cloud" in (error.hint or "")


def test_unlink_unregisters_the_client_and_forgets_its_secrets(
    cozy_account: CozyAccount, cozy_server: CozyStackServer
):
    account = cozy_account.result.account
    unlink_cozy(cozy_server.url, secrets=cozy_account.secrets, account=account)
    assert cozy_server.clients == {}
    assert cozy_account.secrets.get(account) is None
    unlink_cozy(cozy_server.url, secrets=cozy_account.secrets, account=account)  # no-op


def test_no_secret_lands_in_the_tree_cache(cozy_account: CozyAccount, tmp_path: Path):
    remote = cozy_account.remote()
    try:
        remote.mkdir("d")
        remote.list_tree()
    finally:
        remote.close()
    stored = json.loads(cozy_account.secrets.get(cozy_account.result.account))
    for path in (tmp_path / "cozy-cache").iterdir():
        data = path.read_bytes()
        for key in ("access_token", "refresh_token", "client_secret", "registration_access_token"):
            assert stored[key].encode() not in data


def test_detect_cozy(cozy_server: CozyStackServer, wsgidav_server: WsgiDavServer):
    assert detect_cozy(cozy_server.url + "/anything")
    assert not detect_cozy(wsgidav_server.url)
    assert not detect_cozy(f"http://127.0.0.1:{free_port()}/")
    assert not detect_cozy("not a url")


def test_detect_cozy_follows_the_stacks_version_shape(cozy_server: CozyStackServer):
    """cozy-stack web/version answers ``version``, ``build_mode``, ``build_time`` and
    ``runtime_version``; a site whose /version has only some of them is not a Cozy (its
    /status/ is checked next: here it is not the stack's either)."""
    for body in (b'{"version": "2.1"}', b'{"version": "2.1", "build_mode": "prod"}'):
        cozy_server.fail("GET", "/version", 200, body=body)
        cozy_server.fail("GET", "/status/", 404)
        assert not detect_cozy(cozy_server.url)
    cozy_server.fail("GET", "/version", 404)  # an old stack without /version: /status/
    assert detect_cozy(cozy_server.url)
