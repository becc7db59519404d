"""The app unlinks a Nextcloud folder: its app password is revoked on the server and the
user is told so (issue 16, item 5 leftover).  Real Qt, the real engine and service, the
strict Nextcloud double (tests/nextcloud_account_double.py)."""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.api import SyncService
from cozysync_ui.background import pending_background_ops
from cozysync_ui.itemmodels.sync_state import State
from tests.nextcloud_double import NextcloudDouble

TIMEOUT_MS = 30_000


@pytest.fixture
def double(tmp_path: Path) -> Iterator[NextcloudDouble]:
    found = NextcloudDouble(tmp_path / "nextcloud-files", prefix="/nc")
    found.start()
    yield found
    found.stop()


def test_unlink_in_the_app_revokes_the_app_password_and_says_so(
    qtbot, make_app, service: SyncService, double: NextcloudDouble, tmp_path: Path
):
    alphabet = string.ascii_letters + string.digits
    app_password = "".join(secrets.choice(alphabet) for _ in range(72))  # as Nextcloud makes
    double.app_passwords[app_password] = double.login_name  # granted by a browser login
    double.write("cours.txt", b"lundi")
    local = tmp_path / "Nextcloud"
    local.mkdir()
    service.link(
        local, double.webdav_url, user=double.login_name, password=app_password, name="nc",
        allow_file_store=True,
    )  # fmt: skip
    app = make_app()
    controller = app.controller
    qtbot.waitUntil(lambda: controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not pending_background_ops(), timeout=TIMEOUT_MS)
    told: list[tuple[str, str]] = []
    controller.notification.connect(lambda title, text: told.append((title, text)))

    with qtbot.waitSignal(controller.unlinked, timeout=TIMEOUT_MS):
        controller.unlink("nc", wipe_local=False)

    assert double.revoked == [app_password]
    with httpx.Client() as http:
        refused = http.request("PROPFIND", double.webdav_url, auth=(double.user, app_password))
    assert refused.status_code == 401
    assert (f"The app password made for this computer was revoked on {double.url}",
            "Nothing of it is left on this computer or on the server.") in told  # fmt: skip
    assert (local / "cours.txt").read_bytes() == b"lundi"  # the files stay
