"""Login Flow v2 refused before it starts (issue 14): a Nextcloud in maintenance, and an
address that cannot be a Nextcloud's.  The Nextcloud double (tests/nextcloud_double.py)
answers ``status.php`` as the real one (nextcloud/server status.php:43-56: ``maintenance``
true while ``occ maintenance:mode --on``)."""

from __future__ import annotations

import threading

import pytest

from cozysync.errors import OfflineError
from cozysync.remotes.nextcloud_login import detect_nextcloud, login_with_browser
from tests.nextcloud_double import NextcloudDouble
from tests.remotes.test_nextcloud_login import nextcloud  # noqa: F401


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
