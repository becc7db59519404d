"""The Versions dialog (issue 18, item 1): a file's old versions with date, size and who
made them, a preview (text or image) read off the GUI thread, Restore / Restore as a copy;
and the flow behind it through the real service against the Cozy double (versions kept
and reverted as the stack does: tests/cozy_versions_double.py)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog

from cozysync.api import FileVersions, SyncService, VersionRestore
from cozysync.file_versions import FileVersion
from cozysync_ui.dialogs.versions_dialog import VersionsDialog
from cozysync_ui.tray_menu import TrayMenu, menu_texts
from cozysync_ui.versions_flow import VersionsFlow
from tests.cozy_server import CozyStackServer
from tests.engine.cozy_world import link_with_browser
from tests.engine.inprocess_cli import InProcessCli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

FOUND = FileVersions(
    "docs",
    "Cours/essay.txt",
    (
        FileVersion("3-bbb", 1_765_000_060.0, 2048, None, "drive"),
        FileVersion("2-aaa", 1_765_000_000.0, 12, None, None),
    ),
)


def _png() -> bytes:
    image = QImage(4, 3, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def test_the_versions_are_listed_and_each_preview_asked_once(qtbot):
    asked: list[str] = []
    dialog = VersionsDialog(FOUND)
    qtbot.addWidget(dialog)
    dialog.preview_wanted.connect(asked.append)
    dialog.show()  # the newest is selected, its preview asked
    assert asked == ["3-bbb"]
    rows = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    assert len(rows) == 2 and rows[0].endswith(" — by drive") and "— by" not in rows[1]
    assert "— 2.0 KB —" in rows[0] and rows[1].endswith("— 12 bytes"), rows  # as the CLI
    assert dialog.windowTitle() == "Versions of essay.txt"
    assert dialog.preview_note.text() == "Loading the preview…"

    dialog.show_preview("3-bbb", b"the second draft\n")
    assert dialog.preview_text.isVisibleTo(dialog)
    assert dialog.preview_text.toPlainText() == "the second draft\n"
    with qtbot.waitSignal(dialog.preview_wanted) as wanted:
        dialog.versions.setCurrentRow(1)
    assert wanted.args == ["2-aaa"]
    dialog.show_preview("2-aaa", _png())
    assert dialog.preview_image.isVisibleTo(dialog)
    assert not dialog.preview_image.pixmap().isNull()
    dialog.versions.setCurrentRow(0)  # read once: shown again without asking
    assert asked == ["3-bbb", "2-aaa"]
    assert dialog.preview_text.toPlainText() == "the second draft\n"
    dialog.show_preview("2-aaa", b"\0\1binary")  # a late answer for another row: kept
    assert dialog.preview_text.isVisibleTo(dialog)


def test_a_binary_version_has_no_preview_and_restore_as_copy_is_the_choice(qtbot):
    dialog = VersionsDialog(FOUND)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_preview("3-bbb", b"\0\1\2 not text")
    assert dialog.preview_note.text() == "No preview for this kind of file."
    with qtbot.waitSignal(dialog.accepted):
        dialog.restore_copy.click()
    assert dialog.choice is not None
    assert (dialog.choice.version_id, dialog.choice.as_copy) == ("3-bbb", True)


def test_no_version_kept_says_so_and_restores_nothing(qtbot):
    dialog = VersionsDialog(FileVersions("docs", "a.txt", ()))
    qtbot.addWidget(dialog)
    assert dialog.empty.isVisibleTo(dialog) and not dialog.versions.isVisibleTo(dialog)
    assert not dialog.restore.isEnabled() and not dialog.restore_copy.isEnabled()
    dialog.close_button.click()
    assert dialog.choice is None


def test_the_dialog_in_french(qtbot, french):
    dialog = VersionsDialog(FOUND)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Versions de essay.txt"
    assert dialog.restore.text() == "Restaurer"
    assert dialog.restore_copy.text() == "Restaurer en copie"
    assert "par drive" in dialog.versions.item(0).text()
    rows = [dialog.versions.item(i).text() for i in range(dialog.versions.count())]
    assert "— 2,0 ko —" in rows[0] and rows[1].endswith("— 12 octets"), rows  # not "Kio"


def test_the_flow_restores_through_the_service_and_the_pass_brings_it(
    qtbot, tmp_path: Path, service: SyncService, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    cozy_server.versions_min_delay_s = 0
    local = tmp_path / "Cozy"
    local.mkdir()
    cli = InProcessCli(tmp_path / "home", dict(os.environ))  # the app's COZYSYNC_HOME
    assert link_with_browser(cli, local, cozy_server.url).code == 0
    essay = local / "essay.txt"
    for text in (b"first draft\n", b"final essay\n"):
        essay.write_bytes(text)
        assert cli.sync().code == 0
    flow = VersionsFlow(service)
    with qtbot.waitSignal(flow.dialog_shown, timeout=30_000) as shown:
        flow.show_for(str(essay), "docs")
    dialog: VersionsDialog = shown.args[0]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.preview_text.toPlainText() == "first draft\n", timeout=30_000)
    with qtbot.waitSignal(flow.restored, timeout=60_000) as restored:
        dialog.restore.click()
    done: VersionRestore = restored.args[0]
    assert (done.state, done.as_copy) == ("synced", False)
    assert essay.read_bytes() == b"first draft\n"
    assert cozy_server.tree()["essay.txt"] == b"first draft\n"


def test_the_window_reaches_the_versions_and_the_running_engine_brings_the_restore(
    qtbot, make_app, monkeypatch, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    cozy_server.versions_min_delay_s = 0
    local = tmp_path / "Cozy"
    local.mkdir()
    cli = InProcessCli(tmp_path / "home", dict(os.environ))  # the app's COZYSYNC_HOME
    assert link_with_browser(cli, local, cozy_server.url).code == 0
    essay = local / "essay.txt"
    for text in (b"first draft\n", b"final essay\n"):
        essay.write_bytes(text)
        assert cli.sync().code == 0
    app = make_app()
    window = app.window
    qtbot.addWidget(window)
    assert window.versions.text() == "Versions of a file…"
    qtbot.waitUntil(lambda: "docs" in app.controller.state.statuses, timeout=30_000)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(essay), ""))
    with qtbot.waitSignal(window.versions_flow.dialog_shown, timeout=30_000) as shown:
        window.versions.click()
    dialog: VersionsDialog = shown.args[0]
    qtbot.waitUntil(lambda: dialog.preview_text.toPlainText() == "first draft\n", timeout=30_000)
    with qtbot.waitSignal(window.versions_flow.restored, timeout=60_000) as restored:
        dialog.restore.click()
    assert restored.args[0].state == "on-server"  # the app's engine serves the folder
    qtbot.waitUntil(lambda: essay.read_bytes() == b"first draft\n", timeout=60_000)
    assert "is the current one in your cloud again" in window.notice.text()


def test_the_tray_menu_asks_for_a_file_then_shows_its_versions(
    qtbot, make_app, monkeypatch, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
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
    qtbot.waitUntil(lambda: "docs" in app.controller.state.statuses, timeout=30_000)
    texts = menu_texts(app.window.menu)
    assert texts.index("Versions of a file…") == texts.index("Deleted files…") + 1
    entries = TrayMenu.of(app.window.menu)  # the tray's entries (the window's menu here)
    assert entries is not None
    asked: list[str] = []

    def choose(parent: object, caption: str, start: str, *rest: object) -> tuple[str, str]:
        asked.append(start)
        return str(essay), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    entries.versions.trigger()
    assert asked == [str(local)]  # the chooser opens in the synced folder
    assert app.versions is not None
    with qtbot.waitSignal(app.versions.dialog_shown, timeout=30_000) as shown:
        pass
    dialog: VersionsDialog = shown.args[0]
    assert dialog.versions.count() == 1  # the first draft, the current one apart
    qtbot.waitUntil(lambda: dialog.preview_text.toPlainText() == "first draft\n", timeout=30_000)
    dialog.reject()  # closed: the flow lets it go
    assert app.versions.dialog is None
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    entries.versions.trigger()  # the chooser cancelled: nothing is asked, nothing opens
    assert app.versions.dialog is None
