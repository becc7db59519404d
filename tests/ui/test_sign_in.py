""" "Sign in again" (issue 16, item 3): the password changed on the server, the pass
stops on the refused login; the window's banner offers to sign in again, the prompt
says plainly when a password is wrong and stays, and the right one (checked against
the real WsgiDAV before it is saved) lets the folder go on where it stopped: a file
changed on the server meanwhile comes down, no conflict copy."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QLabel

from cozysync.api import SyncService
from cozysync.errors import AuthError
from cozysync.events import StatusChanged, StatusKind
from cozysync_ui.dialogs.sign_in import SignInDialog, SignInKind, sign_in_request
from cozysync_ui.itemmodels.refused_logins import RefusedLogins
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray import menu_texts
from tests.cozy_server import UserBrowser
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000
NEW_PASSWORD = "un nouveau mot de passe"


def change_password(server: WsgiDavServer, password: str) -> None:
    server.stop()
    server.password = server._server.password = password
    server.start()


def stored_password(service: SyncService) -> str:
    folder = service.folder("docs")
    secrets = json.loads((service.locations.config_dir / "secrets.json").read_text())
    return str(secrets[folder.folder_id])


def refused_app(qtbot, make_app, service: SyncService, server: WsgiDavServer):
    """Synced once, then the password changed on the server and a file edited there:
    the app starts and its first pass is refused."""
    assert service.sync_once("docs").in_sync
    change_password(server, NEW_PASSWORD)
    server.write("élève.txt", "changé sur le serveur\n".encode())
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.logins.folders() == ["docs"], timeout=TIMEOUT_MS)
    return app


def test_the_window_offers_to_sign_in_again_and_the_prompt_checks_the_password(
    qtbot, make_app, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    app = refused_app(qtbot, make_app, service, wsgidav_server)
    window = app.window
    assert app.controller.state.overall() is State.ATTENTION
    qtbot.waitUntil(window.sign_in.isVisible)
    assert window.sign_in.text() == "Sign in again to docs…"
    assert "docs: your cloud refused the login" in window.notice.text()  # the notification

    window.sign_in.click()
    qtbot.waitUntil(lambda: app.sign_in_dialog is not None and app.sign_in_dialog.isVisible())
    dialog = app.sign_in_dialog
    assert dialog is not None and dialog.request.kind is SignInKind.PASSWORD
    assert not dialog.submit.isEnabled()  # nothing typed yet
    dialog.password.setText("pas le bon")
    dialog.submit.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT_MS)
    assert dialog.error.text().startswith("Your cloud refused this password.")
    assert dialog.isVisible() and dialog.password.isEnabled()  # the prompt stays
    assert stored_password(service) == "s3cret pass"  # nothing saved

    dialog.password.setText(NEW_PASSWORD)
    dialog.submit.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)
    assert stored_password(service) == NEW_PASSWORD
    edited = local_dir / "élève.txt"
    qtbot.waitUntil(
        lambda: edited.read_text(encoding="utf-8") == "changé sur le serveur\n",
        timeout=TIMEOUT_MS,
    )
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert sorted(p.name for p in local_dir.iterdir() if not p.name.startswith(".")) == [
        "Cours", "élève.txt",
    ]  # fmt: skip  # no conflict copy
    assert app.controller.logins.folders() == []
    assert not window.sign_in.isVisible()


def test_the_prompt_speaks_french(qtbot, french, service: SyncService, local_dir: Path):
    dialog = SignInDialog(sign_in_request(service.folder("docs")), lambda *_: None)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Se reconnecter à « docs »" in texts
    assert dialog.submit.text() == "Se connecter"
    assert dialog.windowTitle() == "Se reconnecter"


def test_a_revoked_cozy_signs_in_again_through_the_browser_from_the_window(
    qtbot, make_app, service: SyncService, tmp_path: Path, cozy_server, cozy_user, opened
):
    """The Cozy no longer knows this computer (its user removed it): "Sign in again"
    opens the Cozy double's login page; once approved there, the folder goes on, a file
    changed on the Cozy meanwhile comes down, no conflict copy."""
    local = tmp_path / "Cozy"
    local.mkdir()
    (local / "a.txt").write_bytes(b"A")
    service.link(
        local, cozy_server.url, cozy=True, open_browser=False, print_url=UserBrowser(),
        name="docs", allow_file_store=True,
    )  # fmt: skip
    assert service.sync_once("docs").in_sync
    old_account = str(service.folder("docs").cozy_account)
    cozy_server.delete_client(old_account.rsplit(":", 1)[1])
    cozy_user.write("a.txt", b"A edited on the Cozy")
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.logins.folders() == ["docs"], timeout=TIMEOUT_MS)
    qtbot.waitUntil(app.window.sign_in.isVisible)

    app.window.sign_in.click()
    qtbot.waitUntil(lambda: app.sign_in_dialog is not None and app.sign_in_dialog.isVisible())
    dialog = app.sign_in_dialog
    assert dialog is not None and dialog.request.kind is SignInKind.COZY
    assert dialog.submit.text() == "Sign in with the browser"
    dialog.submit.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=TIMEOUT_MS)  # the Cozy's login page
    UserBrowser()(opened[-1].toString())  # the user approves this computer there
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=TIMEOUT_MS)

    assert service.folder("docs").cozy_account != old_account
    qtbot.waitUntil(lambda: (local / "a.txt").read_bytes() == b"A edited on the Cozy",
                    timeout=TIMEOUT_MS)  # fmt: skip
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert sorted(p.name for p in local.iterdir() if not p.name.startswith(".")) == ["a.txt"]
    assert not app.window.sign_in.isVisible()


def test_a_refused_login_is_told_once_until_a_pass_gets_through(qapp):
    """The watch loop retries a refused login at each poll: one notification, and the
    "Sign in again" entries stay until a pass gets through (offline or paused: they stay)."""
    logins = RefusedLogins()
    refused_error = AuthError("the server refused the user name or password (HTTP 401)")
    refused = StatusChanged(
        StatusKind.NEEDS_ATTENTION, refused_error.one_line(), stopped_by=refused_error.message
    )
    assert logins.on_status_changed("docs", refused) is True
    assert logins.on_status_changed("docs", StatusChanged(StatusKind.SYNCING)) is False
    assert logins.on_status_changed("docs", refused) is False  # the retry: not told again
    assert logins.on_status_changed("docs", StatusChanged(StatusKind.OFFLINE)) is False
    assert logins.folders() == ["docs"]
    assert logins.on_status_changed("docs", StatusChanged(StatusKind.UP_TO_DATE)) is False
    assert logins.folders() == []
    assert logins.on_status_changed("docs", refused) is True  # refused again later: told


def test_unlinking_a_refused_folder_takes_its_sign_in_away(
    qtbot, make_app, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    app = refused_app(qtbot, make_app, service, wsgidav_server)
    qtbot.waitUntil(app.window.sign_in.isVisible)
    unlinked: list[object] = []
    app.controller.unlinked.connect(unlinked.append)

    app.controller.unlink("docs", wipe_local=False)

    qtbot.waitUntil(lambda: bool(unlinked), timeout=TIMEOUT_MS)
    assert app.controller.logins.folders() == []
    assert not app.window.sign_in.isVisible()
    assert "Sign in again to docs…" not in menu_texts(app.window.menu)
