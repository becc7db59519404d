"""Login Flow v2 refused before it starts (issue 14): a Nextcloud in maintenance, and an
address that cannot be a Nextcloud's.  The Nextcloud double (tests/nextcloud_double.py)
answers ``status.php`` as the real one (nextcloud/server status.php:43-56: ``maintenance``
true while ``occ maintenance:mode --on``)."""

from __future__ import annotations

import threading

import pytest

from cozysync.errors import OfflineError, ProtocolError
from cozysync.remotes.http import build_client
from cozysync.remotes.nextcloud_login import (
    ask_user_id,
    detect_nextcloud,
    login_with_browser,
    user_webdav_url,
    webdav_url_for,
)
from tests.nextcloud_double import NextcloudDouble
from tests.remotes.test_nextcloud_login import nextcloud  # noqa: F401
from tests.servers import WsgiDavServer


def test_a_nextcloud_in_maintenance_is_said_and_no_login_starts(
    nextcloud: NextcloudDouble,  # noqa: F811
) -> None:
    nextcloud.maintenance = True
    opened: list[str] = []
    with pytest.raises(OfflineError, match=r"is in maintenance or not set up") as caught:
        login_with_browser(nextcloud.url, opened.append, threading.Event())
    assert caught.value.hint == "Try again later."
    assert opened == [] and nextcloud.flows == {}  # no browser page, no flow left behind
    nextcloud.maintenance = False
    found = detect_nextcloud(nextcloud.url)
    assert found is not None and not found.maintenance


@pytest.mark.parametrize(
    "typed", ["", "cloud.lycee.example", "ftp://cloud.lycee.example", "http://"]
)
def test_an_address_that_cannot_be_a_nextcloud_is_not_asked(typed: str) -> None:
    assert detect_nextcloud(typed) is None  # no request: nothing to connect to


def test_a_server_without_the_user_route_names_the_files_by_the_login(
    wsgidav_server: WsgiDavServer,
) -> None:
    """A server with no ``/ocs/v1.php/cloud/user`` (404: here a plain WsgiDAV; on a
    Nextcloud, the provisioning_api app turned off) cannot say the user id: the login
    name is used, as Login Flow v2 documents for the common case."""
    user, password = wsgidav_server.user, wsgidav_server.password
    with build_client(timeout=10.0, url=wsgidav_server.url) as http:
        assert ask_user_id(wsgidav_server.url, user, password, http) is None
    assert user_webdav_url(wsgidav_server.url, user, password) == webdav_url_for(
        wsgidav_server.url, user
    )


def test_a_portal_page_instead_of_the_user_answer_is_a_clear_error(
    wsgidav_server: WsgiDavServer,
) -> None:
    """A school's sign-in portal in front of the server answers its HTML page (200) where
    the OCS JSON was expected: a protocol error saying so, not a crash or a wrong id."""
    page = wsgidav_server.root / "ocs" / "v1.php" / "cloud" / "user"
    page.parent.mkdir(parents=True)
    page.write_text("<html><body>Connexion ENT</body></html>", encoding="utf-8")
    user, password = wsgidav_server.user, wsgidav_server.password
    with (
        build_client(timeout=10.0, url=wsgidav_server.url) as http,
        pytest.raises(ProtocolError, match="did not answer JSON"),
    ):
        ask_user_id(wsgidav_server.url, user, password, http)
    # the wizard's check then falls back on the login name (the probe that follows tells
    # a refused login), nothing is guessed
    assert user_webdav_url(wsgidav_server.url, user, password) == webdav_url_for(
        wsgidav_server.url, user
    )
