"""The file managers' "Versions…" (issue 18, item 3): the protocol's client
(``cozysync.desktop_requests.ask``, what the Nautilus extension and the Dolphin menu use)
against the real socket of a real app (pytest-qt), for a folder synced with the Cozy
double, which keeps old versions as the stack does (tests/cozy_versions_double.py); a
folder is offered no versions, nor is a plain WebDAV server's file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cozysync.api import SyncService
from cozysync.desktop_requests import VERSIONS
from cozysync_ui.app import CozySyncApp
from cozysync_ui.dialogs.versions_dialog import VersionsDialog
from tests.cozy_server import CozyStackServer
from tests.engine.cozy_world import link_with_browser
from tests.engine.inprocess_cli import InProcessCli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer
from tests.ui.test_desktop_requests import asked, serve_requests


def test_versions_opens_the_versions_dialog_of_a_file(
    qtbot, make_app: Callable[..., CozySyncApp], socket_file: Path, tmp_path: Path,
    cozy_server: CozyStackServer, real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    cozy_server.versions_min_delay_s = 0
    local = tmp_path / "Cozy"
    (local / "Cours").mkdir(parents=True)
    cli = InProcessCli(tmp_path / "home", dict(os.environ))  # the app's COZYSYNC_HOME
    assert link_with_browser(cli, local, cozy_server.url).code == 0
    essay = local / "Cours" / "essay.txt"
    for text in (b"first draft\n", b"final essay\n"):
        essay.write_bytes(text)
        assert cli.sync().code == 0
    app = make_app()
    qtbot.addWidget(app.window)
    server = serve_requests(app, socket_file)
    try:
        assert VERSIONS in asked(qtbot, socket_file, "menu", essay)["actions"]
        assert VERSIONS not in asked(qtbot, socket_file, "menu", local / "Cours")["actions"]
        assert VERSIONS not in asked(qtbot, socket_file, "menu", essay, local / "Cours")["actions"]
        assert app.versions is None  # nothing opened by the menu's questions
        assert asked(qtbot, socket_file, VERSIONS, essay) == {"ok": True}
        assert app.versions is not None
        qtbot.waitUntil(lambda: app.versions is not None and app.versions.dialog is not None,
                        timeout=30_000)  # fmt: skip
        dialog: VersionsDialog = app.versions.dialog  # type: ignore[union-attr,assignment]
        assert dialog.versions.count() == 1  # the first draft, the current one apart
        qtbot.waitUntil(
            lambda: dialog.preview_text.toPlainText() == "first draft\n", timeout=30_000
        )
        dialog.reject()
    finally:
        server.close()


def test_a_plain_webdav_file_is_offered_no_versions(
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
    service.sync_once("notes")
    app = make_app()
    server = serve_requests(app, socket_file)
    try:
        menu = asked(qtbot, socket_file, "menu", local / "a.txt")
        assert menu["ok"] is True and VERSIONS not in menu["actions"], menu
        refused = asked(qtbot, socket_file, VERSIONS, local / "a.txt")
        assert refused["ok"] is False and app.versions is None
    finally:
        server.close()
