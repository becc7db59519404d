"""The Share dialog (issue 17), with pytest-qt, through the real service against the
Cozy double (tests/cozy_permissions_double.py): a link is made, copied to the clipboard
and shown as the QR code of that very link; typing a name finds the pupil and the class
in the address book (no case, no accents); sharing with the ticked ones and stopping a
share are done on the Cozy, and the list says so."""

from __future__ import annotations

import os
from pathlib import Path

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage

from cozysync.api import SyncService
from cozysync_ui.dialogs.share_dialog import ShareDialog, qr_pixmap, share_ops
from tests.cozy_server import CozyStackServer
from tests.engine.cozy_world import link_with_browser
from tests.engine.inprocess_cli import InProcessCli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401


def _linked_folder(tmp_path: Path, cozy: CozyStackServer) -> Path:
    local = tmp_path / "Cozy"
    (local / "Exposé SVT").mkdir(parents=True)
    (local / "Exposé SVT" / "plan.txt").write_bytes(b"v1")
    cli = InProcessCli(tmp_path / "home", dict(os.environ))  # the app's COZYSYNC_HOME
    assert link_with_browser(cli, local, cozy.url).code == 0
    assert cli.sync().code == 0
    return local


def _idle(dialog: ShareDialog) -> bool:
    return dialog.busy == 0


def test_a_link_is_copied_and_shown_as_its_qr_code(
    qtbot, service: SyncService, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    local = _linked_folder(tmp_path, cozy_server)
    dialog = ShareDialog(share_ops(service, str(local / "Exposé SVT")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: _idle(dialog), timeout=30_000)
    assert dialog.share_list.count() == 0
    dialog.expires.setValue(7)
    qtbot.mouseClick(dialog.make_link, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _idle(dialog) and dialog.share_list.count() == 1, timeout=30_000)
    [link] = cozy_server.shares.links.values()
    url = dialog.link.text()
    assert url.endswith(f"/public?sharecode={link.shortcodes['code']}#/")
    assert link.expires_at and link.permissions["files"]["verbs"] == ["GET"]
    assert QGuiApplication.clipboard().text() == url
    shown = dialog.qr.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert shown == qr_pixmap(url).toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert shown.width() == (segno.make(url, error="m").symbol_size(scale=4, border=2)[0])
    assert "Exposé SVT: link (read-only, until " in dialog.share_list.item(0).text()


def test_people_are_found_as_one_types_then_shared_with_and_stopped(
    qtbot, service: SyncService, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    book = cozy_server.shares
    group = book.add_group("3e B")
    book.add_contact("Léa", "Martin", "lea@example.net")
    book.add_contact("Hugo", "Bernard", "hugo@example.net", groups=(group,))
    local = _linked_folder(tmp_path, cozy_server)
    dialog = ShareDialog(share_ops(service, str(local / "Exposé SVT")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: _idle(dialog), timeout=30_000)

    def shown() -> list[str]:
        return [dialog.people.item(row).text() for row in range(dialog.people.count())]

    qtbot.keyClicks(dialog.search, "lea")
    qtbot.waitUntil(lambda: shown() == ["Léa Martin (lea@example.net)"], timeout=30_000)
    dialog.search.selectAll()
    qtbot.keyClicks(dialog.search, "3E")  # replaces the selection: "3E"
    qtbot.waitUntil(lambda: shown() == ["3e B"] and _idle(dialog), timeout=30_000)
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.people_read_only.setChecked(True)
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _idle(dialog) and dialog.share_list.count() == 1, timeout=30_000)
    [sharing] = book.owned.values()
    assert sharing["groups"][0]["name"] == "3e B" and sharing["groups"][0]["read_only"]
    assert dialog.share_list.item(0).text().startswith("Exposé SVT: shared with 3e B (read-only")

    dialog.share_list.setCurrentRow(0)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _idle(dialog) and dialog.share_list.count() == 0, timeout=30_000)
    assert sharing["groups"][0]["revoked"] and not sharing["active"]


def test_a_server_that_cannot_share_says_so_in_the_dialog(
    qtbot, service: SyncService, tmp_path: Path, wsgidav_server,
):  # fmt: skip
    local = tmp_path / "Classe"
    local.mkdir()
    (local / "notes.txt").write_text("x", encoding="utf-8")
    cli = InProcessCli(tmp_path / "home", dict(os.environ))
    s = wsgidav_server
    linking = cli(
        "link", str(local), s.url, "--user", s.user, "--password-stdin", "--name", "classe",
        "--insecure-file-store", stdin=f"{s.password}\n",
    )  # fmt: skip
    assert linking.code == 0, linking.err
    assert not service.can_share("classe")
    dialog = ShareDialog(share_ops(service, str(local / "notes.txt")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: _idle(dialog), timeout=30_000)
    assert "this server cannot share" in dialog.problem.text()


def test_the_window_opens_the_share_dialog_of_a_folder(
    qtbot, make_app, service: SyncService, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    local = _linked_folder(tmp_path, cozy_server)
    service.share_link(str(local / "Exposé SVT"))
    app = make_app()
    window = app.window
    assert window is not None and window.share.text() == "Share…"
    dialog = window.share_item(str(local / "Exposé SVT"))
    qtbot.waitUntil(lambda: _idle(dialog) and dialog.share_list.count() == 1, timeout=30_000)
    assert dialog.isVisible() and dialog.windowTitle() == "Share Exposé SVT"
    assert dialog.share_list.item(0).text().startswith("Exposé SVT: link (read-only")
    dialog.close()


def test_the_dialog_speaks_french(
    qtbot, french, monkeypatch, service: SyncService, tmp_path: Path, wsgidav_server,
):  # fmt: skip
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # the engine's words follow the locale
    local = tmp_path / "Classe"
    local.mkdir()
    cli = InProcessCli(tmp_path / "home", dict(os.environ))
    s = wsgidav_server
    linking = cli(
        "link", str(local), s.url, "--user", s.user, "--password-stdin", "--name", "classe",
        "--insecure-file-store", stdin=f"{s.password}\n",
    )  # fmt: skip
    assert linking.code == 0, linking.err
    (local / "notes.txt").write_text("x", encoding="utf-8")
    dialog = ShareDialog(share_ops(service, str(local / "notes.txt")))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: _idle(dialog), timeout=30_000)
    assert dialog.windowTitle() == "Partager notes.txt"
    assert dialog.make_link.text() == "Créer un lien"
    assert dialog.problem.text().startswith("ce serveur ne sait pas partager")
