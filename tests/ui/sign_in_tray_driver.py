"""Runs the tray app in a real X session with a real tray host, for
``test_real_tray_sign_in``: the folder's password changed on the server, so its first
pass is refused; the tray menu's "Sign in again to docs…" entry is triggered, the new
password typed in the prompt, and what happened is written to REPORT (JSON).

    DISPLAY=:N QT_QPA_PLATFORM=xcb python -m tests.ui.sign_in_tray_driver LOCAL PASSWORD REPORT
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.settings import UiSettings
from cozysync_ui.tray import menu_texts
from tests.ui.tray_driver import StepFailed, entry, wait_until

SIGN_IN = "Sign in again to docs…"


def drive(app: QApplication, edited: Path, password: str, report: dict[str, Any]) -> None:
    wait_until(app, "the tray host", QSystemTrayIcon.isSystemTrayAvailable)
    service = SyncService(Locations.from_env())
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir))
    report["tray"] = gui.tray is not None
    if gui.tray is None:
        return
    tray = gui.tray
    notes: list[list[str]] = []
    gui.controller.notification.connect(lambda title, text: notes.append([title, text]))
    gui.start()
    wait_until(app, "the refused login", lambda: SIGN_IN in menu_texts(tray.menu))
    report["menu_refused"] = menu_texts(tray.menu)
    report["tooltip_refused"] = tray.icon.toolTip()
    report["notifications"] = notes

    tray.icon.messageClicked.emit()  # the user clicks the notification: the prompt
    wait_until(app, "the prompt from the notification", lambda: gui.sign_in_dialog is not None)
    first = gui.sign_in_dialog
    assert first is not None
    wait_until(app, "the prompt shown", first.isVisible)
    first.reject()  # not now
    report["prompt_from_notification"] = True

    entry(tray.menu, SIGN_IN).trigger()
    wait_until(app, "the prompt", lambda: gui.sign_in_dialog is not first)
    dialog = gui.sign_in_dialog
    assert dialog is not None
    wait_until(app, "the prompt shown", dialog.isVisible)
    dialog.password.setText(password)
    dialog.submit.click()
    wait_until(app, "the prompt closed", lambda: not dialog.isVisible())
    wait_until(app, "the server's edit downloaded", lambda: edited.read_bytes() == b"du serveur\n")
    wait_until(app, "up to date", lambda: gui.controller.state.overall() is State.UP_TO_DATE)
    wait_until(app, "the entry gone", lambda: SIGN_IN not in menu_texts(tray.menu))
    report["menu_after"] = menu_texts(tray.menu)
    report["files_after"] = sorted(p.name for p in edited.parent.iterdir())
    entry(tray.menu, "Quit").trigger()
    wait_until(app, "quit", lambda: gui.has_quit)


def main(argv: list[str]) -> int:
    edited, password, report_path = Path(argv[0]), argv[1], Path(argv[2])
    app = QApplication(["cozysync"])
    app.setQuitOnLastWindowClosed(False)
    report: dict[str, Any] = {"platform": app.platformName()}
    try:
        drive(app, edited, password, report)
    except StepFailed as exc:
        report["failed"] = str(exc)
    report_path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
