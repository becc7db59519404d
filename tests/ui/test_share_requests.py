"""The file managers' "Share…" and "Copy share link" (issue 17): the protocol's client
(``cozysync.desktop_requests.ask``, what the Nautilus extension and the Dolphin menu
use) against the real socket of a real app (pytest-qt), for a folder synced with the
Nextcloud double, whose OCS share API makes the link (tests/nextcloud_shares_double.py);
a plain WebDAV server's items are offered neither."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from cozysync.api import SyncService
from cozysync.desktop_requests import COPY_SHARE_LINK, SHARE
from cozysync_ui.app import CozySyncApp
from tests.nextcloud_double import NextcloudDouble
from tests.servers import WsgiDavServer
from tests.ui.test_desktop_requests import asked, serve_requests


@pytest.fixture
def synced(tmp_path: Path, service: SyncService, nextcloud: NextcloudDouble) -> Path:
    nextcloud.write("Exposé SVT/plan.txt", b"v1")
    local = tmp_path / "Classe"
    local.mkdir()
    service.link(
        local, nextcloud.webdav_url, user=nextcloud.user, password=nextcloud.password,
        name="classe", allow_file_store=True,
    )  # fmt: skip
    service.sync_once("classe")
    return local


def test_copy_share_link_makes_a_read_only_link_and_copies_it(
    qtbot, make_app: Callable[..., CozySyncApp], socket_file: Path, synced: Path,
    nextcloud: NextcloudDouble,
):  # fmt: skip
    app = make_app()
    server = serve_requests(app, socket_file)
    try:
        item = synced / "Exposé SVT" / "plan.txt"
        menu = asked(qtbot, socket_file, "menu", item)
        assert SHARE in menu["actions"] and COPY_SHARE_LINK in menu["actions"], menu
        answer = asked(qtbot, socket_file, COPY_SHARE_LINK, item)
        [share] = nextcloud.shares.shares.values()
        url = f"{nextcloud.url}/index.php/s/{share['token']}"
        assert answer == {"ok": True, "url": url}
        assert (share["share_type"], share["path"], share["permissions"]) == (
            3, "/Exposé SVT/plan.txt", 1,
        )  # fmt: skip
        assert QGuiApplication.clipboard().text() == url
        several = asked(qtbot, socket_file, "menu", item, synced / "Exposé SVT")
        assert SHARE not in several["actions"]  # one item at a time
    finally:
        server.close()


def test_share_opens_the_share_dialog_of_the_item(
    qtbot, make_app: Callable[..., CozySyncApp], socket_file: Path, synced: Path,
):  # fmt: skip
    app = make_app()
    server = serve_requests(app, socket_file)
    try:
        assert asked(qtbot, socket_file, SHARE, synced / "Exposé SVT") == {"ok": True}
        [dialog] = app.share_dialogs()
        assert dialog.isVisible() and dialog.windowTitle() == "Share Exposé SVT"
        qtbot.waitUntil(lambda: dialog.busy == 0, timeout=20_000)
        dialog.close()
    finally:
        server.close()


def test_a_plain_webdav_folder_is_offered_no_sharing(
    qtbot, make_app: Callable[..., CozySyncApp], socket_file: Path, tmp_path: Path,
    service: SyncService, wsgidav_server: WsgiDavServer,
):  # fmt: skip
    local = tmp_path / "Notes"
    local.mkdir()
    (local / "a.txt").write_text("x", encoding="utf-8")
    s = wsgidav_server
    service.link(
        local, s.url, user=s.user, password=s.password, name="notes", allow_file_store=True
    )
    app = make_app()
    server = serve_requests(app, socket_file)
    try:
        menu = asked(qtbot, socket_file, "menu", local / "a.txt")
        assert SHARE not in menu["actions"] and COPY_SHARE_LINK not in menu["actions"]
        refused = asked(qtbot, socket_file, COPY_SHARE_LINK, local / "a.txt")
        assert refused["ok"] is False and refused["error"] == "not-available"
    finally:
        server.close()
