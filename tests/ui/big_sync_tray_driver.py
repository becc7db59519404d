"""Right-clicks on the real tray icon during a big first sync (``test_real_tray_big_sync``):

    DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.ui.big_sync_tray_driver FILES REPORT

The app is built as ``cozysync gui`` builds it, on the folder linked under
``COZYSYNC_HOME`` whose server holds FILES files.  While they arrive, the tray icon's
own X11 widget (Qt's ``QSystemTrayIconSys``, embedded in the tray host) gets
right-clicks: each must open the menu and keep it open while the engine's state keeps
changing.  The first one clicks Pause in it, the next one Resume, seven more are only
opened while the files arrive, and the last one clicks Quit.  What
happened goes to REPORT (JSON)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon, QWidget

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.settings import UiSettings
from tests.ui.tray_driver import StepFailed, wait_until

RIGHT_CLICKS = 8
CHANGES_WHILE_OPEN = 5


def tray_widget() -> QWidget:
    """The tray icon's own window (what the tray host embeds and the pointer clicks)."""
    for widget in QApplication.topLevelWidgets():
        if widget.metaObject().className() == "QSystemTrayIconSys" and widget.isVisible():
            return widget
    raise StepFailed("no tray icon window")


def click(widget: QWidget, button: Qt.MouseButton, where: QPoint) -> None:
    QTest.mouseClick(widget, button, Qt.KeyboardModifier.NoModifier, where)


def right_click_and_wait(
    app: QApplication, menu: QMenu, changes: list[int], needed: int = CHANGES_WHILE_OPEN
) -> bool:
    """Right-click the icon; True when the menu opened and stayed open through
    ``needed`` state changes."""
    icon = tray_widget()
    click(icon, Qt.MouseButton.RightButton, icon.rect().center())
    seen = changes[0]
    deadline = time.monotonic() + 10
    app.processEvents()
    while changes[0] - seen < needed and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return menu.isVisible() and changes[0] - seen >= needed


def choose(app: QApplication, menu: QMenu, action: QAction) -> None:
    click(menu, Qt.MouseButton.LeftButton, menu.actionGeometry(action).center())
    wait_until(app, "the menu closed", lambda: not menu.isVisible())


def drive(app: QApplication, files: int, report: dict[str, Any]) -> None:
    wait_until(app, "the tray host", QSystemTrayIcon.isSystemTrayAvailable)
    service = SyncService(Locations.from_env())
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir))
    if gui.tray is None:
        raise StepFailed("the app chose the window, not the tray")
    tray, state = gui.tray, gui.controller.state
    changes = [0]
    state.changed.connect(lambda: changes.__setitem__(0, changes[0] + 1))
    gui.start()
    wait_until(app, "the icon in the tray", lambda: tray.icon.geometry().isValid())
    local = Path(service.folder("docs").local_root)

    def synced() -> int:
        return sum(1 for _ in local.rglob("*.txt"))

    wait_until(app, "the first files", lambda: synced() >= 20)
    opened = [right_click_and_wait(app, tray.menu, changes)]
    report["pause_text"] = tray.tray_menu.pause.text()
    choose(app, tray.menu, tray.tray_menu.pause)
    wait_until(app, "the engine paused", lambda: service.paused_until("docs") is not None)
    report["synced_when_paused"] = synced()
    report["files"] = files
    if not right_click_and_wait(app, tray.menu, changes, needed=0):  # paused: quiet
        raise StepFailed("the menu did not open while paused")
    report["resume_text"] = tray.tray_menu.pause.text()
    choose(app, tray.menu, tray.tray_menu.pause)
    wait_until(app, "syncing again", lambda: synced() > report["synced_when_paused"])
    for _ in range(RIGHT_CLICKS - 1):
        opened.append(right_click_and_wait(app, tray.menu, changes))
        tray.menu.hide()
    report["opened"] = opened
    report["synced_after_clicks"] = synced()
    if not right_click_and_wait(app, tray.menu, changes, needed=0):
        raise StepFailed("the menu did not open at the end")
    choose(app, tray.menu, tray.tray_menu.quit)
    wait_until(app, "quit", lambda: gui.has_quit)
    report["quit"] = True


def main(argv: list[str]) -> int:
    files, report_path = int(argv[0]), Path(argv[1])
    app = QApplication(["cozysync"])
    app.setQuitOnLastWindowClosed(False)
    report: dict[str, Any] = {"platform": app.platformName()}
    try:
        drive(app, files, report)
    except StepFailed as exc:
        report["failed"] = str(exc)
    report_path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
