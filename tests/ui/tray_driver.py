"""Runs the tray app in a real X session with a real tray host (``test_real_tray``):

    DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.ui.tray_driver SERVER_ROOT REPORT

The app is built as ``cozysync gui`` builds it (the tray chosen by itself when the
desktop has one), on the folder linked under ``COZYSYNC_HOME``; then the tray menu's
own entries are triggered one after the other and what happened is written to REPORT
(JSON), for the test to check.  Every wait has a deadline: a stuck step is reported."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QSystemTrayIcon

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.settings import UiSettings
from cozysync_ui.tray import menu_texts

TIMEOUT_S = 30.0


class StepFailed(Exception):
    pass


def wait_until(app: QApplication, what: str, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise StepFailed(f"timed out waiting for: {what}")
        app.processEvents()
        time.sleep(0.02)


def entry(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text() == text:
            return action
    raise StepFailed(f"no entry {text!r} in the tray menu: {menu_texts(menu)}")


def drive(app: QApplication, server_root: Path, report: dict[str, Any]) -> None:
    wait_until(app, "the tray host", QSystemTrayIcon.isSystemTrayAvailable)
    report["tray_available"] = True
    service = SyncService(Locations.from_env())
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir))  # chooses by itself
    opened: list[str] = []
    gui.controller.open_url = lambda url: bool(opened.append(QUrl(url).toString()) or True)
    report["tray"], report["window"] = gui.tray is not None, gui.window is not None
    if gui.tray is None:
        return
    tray = gui.tray
    gui.start()
    # embedded in the host: shown, with a place on the screen
    wait_until(app, "the icon in the tray", lambda: tray.icon.geometry().isValid())
    report["visible"] = tray.icon.isVisible()
    geometry = tray.icon.geometry()
    report["geometry"] = [geometry.x(), geometry.y(), geometry.width(), geometry.height()]
    state = gui.controller.state
    wait_until(app, "up to date", lambda: state.overall() is State.UP_TO_DATE)
    report["tooltip"] = tray.icon.toolTip()
    report["menu"] = menu_texts(tray.menu)

    entry(tray.menu, "Pause syncing").trigger()
    wait_until(app, "the engine paused", lambda: service.paused_until("docs") is not None)
    wait_until(app, "the menu offers to resume", lambda: "Resume syncing" in menu_texts(tray.menu))
    report["tooltip_paused"] = tray.icon.toolTip()
    local = Path(service.folder("docs").local_root)
    (local / "tray.txt").write_text("sent after resuming\n", encoding="utf-8")
    pause_started = time.monotonic()
    while time.monotonic() - pause_started < 1.5:
        app.processEvents()
        time.sleep(0.02)
    report["sent_while_paused"] = (server_root / "tray.txt").exists()

    entry(tray.menu, "Resume syncing").trigger()
    wait_until(app, "the file sent", lambda: (server_root / "tray.txt").exists())
    report["sent_after_resume"] = True
    wait_until(app, "up to date again", lambda: state.overall() is State.UP_TO_DATE)

    entry(tray.menu, "Open my cloud in the browser").trigger()
    entry(tray.menu, "Open docs — two-way sync").trigger()
    report["opened"] = opened

    # "Versions of a file…" asks for a file in the synced folder (issue 18); the chooser
    # (a modal dialog) is answered "cancelled" here, the folder it opened in reported
    chooser: list[str] = []

    def cancelled(parent: object, caption: str, start: str, *rest: object) -> tuple[str, str]:
        chooser.append(start)
        return "", ""

    QFileDialog.getOpenFileName = cancelled  # type: ignore[method-assign,assignment]
    entry(tray.menu, "Versions of a file…").trigger()
    report["versions_chooser"] = chooser

    entry(tray.menu, "Quit").trigger()
    wait_until(app, "quit", lambda: gui.has_quit)
    report["quit"] = True


def main(argv: list[str]) -> int:
    server_root, report_path = Path(argv[0]), Path(argv[1])
    app = QApplication(["cozysync"])
    app.setQuitOnLastWindowClosed(False)
    report: dict[str, Any] = {"platform": app.platformName()}
    try:
        drive(app, server_root, report)
    except StepFailed as exc:
        report["failed"] = str(exc)
    report_path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
