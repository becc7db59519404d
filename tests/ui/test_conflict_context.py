"""Issue 16, item 10: the conflict dialog says which folder holds the file, gives its
dates in the user's locale, and starts on the safe choice (keep both): Enter keeps both.
A real conflict made by the real engine against WsgiDAV, real Qt offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import QLabel

from cozysync.api import SyncService
from cozysync_ui.dialogs.conflict import ConflictDialog, Resolution
from tests.servers import WsgiDavServer

NAME = "Cours/exercices.txt"


def conflict_in_a_subfolder(service: SyncService, local: Path, server: WsgiDavServer):  # type: ignore[no-untyped-def]
    assert service.sync_once("docs").in_sync
    (local / NAME).write_text("ma réponse\n", encoding="utf-8")
    server.write(NAME, "la réponse du professeur\n".encode())
    assert service.sync_once("docs").conflicts == 1
    [conflict] = service.conflicts()
    assert conflict.path == NAME
    return conflict


def texts(dialog: ConflictDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_it_names_the_folder_and_starts_on_keep_both(
    qtbot, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    conflict = conflict_in_a_subfolder(service, local_dir, wsgidav_server)
    dialog = ConflictDialog(conflict, local_dir)
    qtbot.addWidget(dialog)
    assert f"In the folder {local_dir / 'Cours'} (synced as docs)" in texts(dialog)

    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.focusWidget() is dialog.keep_both)
    assert dialog.keep_both.isDefault()
    assert not dialog.keep_mine.isDefault() and not dialog.keep_theirs.isDefault()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.resolution is Resolution.KEEP_BOTH


def test_in_french_the_folder_and_the_dates_follow_the_locale(
    qtbot, french, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    conflict = conflict_in_a_subfolder(service, local_dir, wsgidav_server)
    dialog = ConflictDialog(conflict, local_dir)
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert f"Dans le dossier {local_dir / 'Cours'} (synchronisé sous le nom docs)" in shown
    for version in (dialog.mine, dialog.theirs):
        moment = QDateTime.fromSecsSinceEpoch(int(version.modified_at))
        said = QLocale("fr_FR").toString(moment, QLocale.FormatType.ShortFormat)
        assert said[2] == "/" and said[5] == "/"  # 07/12/2026 22:14: day first
        assert f"Modifié le : {said}" in shown
    assert dialog.keep_both.text() == "Garder les deux" and dialog.keep_both.isDefault()
