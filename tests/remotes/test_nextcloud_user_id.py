"""Nextcloud's browser login when the user logs in with an e-mail address (issue 16,
item 5 leftover): Login Flow v2's ``loginName`` is then not the user id that names the
files' WebDAV folder (nextcloud/documentation LoginFlow/index.rst:52); the id comes from
``/ocs/v1.php/cloud/user``.  Against the strict double (tests/nextcloud_account_double.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.accounts import check_server
from cozysync.remotes.nextcloud_login import login_with_browser
from cozysync.remotes.webdav import WebDavRemote
from cozysync.service.server_check import ServerProblem
from tests.nextcloud_double import NextcloudDouble
from tests.remotes.test_nextcloud_login import FAST, GrantingBrowser

EMAIL = "alice.martin@ecole.example"


@pytest.fixture
def nextcloud(tmp_path: Path) -> Iterator[NextcloudDouble]:
    double = NextcloudDouble(tmp_path / "files", prefix="/nc", login_name=EMAIL)
    double.start()
    yield double
    double.stop()


def test_an_email_login_syncs_the_files_of_the_user_id(nextcloud: NextcloudDouble):
    nextcloud.write("Cours/lundi.txt", b"maths")
    browser = GrantingBrowser(nextcloud)
    credentials = login_with_browser(nextcloud.url, browser, threading.Event(), poll_every=FAST)
    browser.join()
    assert credentials.login_name == EMAIL  # what Basic auth sends
    assert credentials.user_id == "alice"
    assert credentials.webdav_url == nextcloud.webdav_url  # /remote.php/dav/files/alice/
    remote = WebDavRemote(credentials.webdav_url, credentials.login_name, credentials.app_password)
    try:
        remote.check()
        assert {item.path for item in remote.list_tree()} >= {"Cours", "Cours/lundi.txt"}
    finally:
        remote.close()


def test_the_double_is_strict_about_the_user_id(nextcloud: NextcloudDouble):
    """What a real Nextcloud does, so a client that builds the address from the login
    name fails here too: no files under the e-mail address, no OCS answer without its
    header, none for a wrong password."""
    password = "a wrong one"
    with httpx.Client() as http:
        auth = (EMAIL, nextcloud.password)
        by_login = f"{nextcloud.url}/remote.php/dav/files/{EMAIL}/"
        assert http.request("PROPFIND", by_login, auth=auth).status_code == 404
        assert http.request("PROPFIND", nextcloud.webdav_url, auth=auth).status_code == 207
        me = f"{nextcloud.url}/ocs/v1.php/cloud/user?format=json"
        assert http.get(me, auth=auth).status_code == 412  # no OCS-APIRequest header
        headers = {"OCS-APIRequest": "true"}
        assert http.get(me, auth=(EMAIL, password), headers=headers).status_code == 401
        answer = http.get(me, auth=auth, headers=headers).json()["ocs"]
        assert answer["meta"]["statuscode"] == 100 and answer["data"]["id"] == "alice"


def test_a_typed_email_login_is_checked_against_the_user_ids_files(nextcloud: NextcloudDouble):
    """The wizard's check with a typed login (no browser): the files' address is named by
    the id the server gives, so the e-mail address works as the login."""
    typed = check_server(nextcloud.url, EMAIL, nextcloud.password, cozy=False)
    assert typed.is_ok, typed
    assert typed.url == nextcloud.webdav_url
    wrong = check_server(nextcloud.url, EMAIL, "not the password", cozy=False)
    assert wrong.problem is ServerProblem.LOGIN_REFUSED
