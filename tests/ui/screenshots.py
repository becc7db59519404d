"""Screenshots of the main surfaces in English and French, rendered offscreen against a
WsgiDAV server with a real conflict:

    QT_QPA_PLATFORM=offscreen python -m tests.ui.screenshots [OUTDIR]

Writes window-, menu-, conflict-, wizard-, wizard-folder- and preferences-{en,fr}.png."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from cozysync.api import ConflictInfo, SyncService
from cozysync.config import Locations
from cozysync.events import ErrorRaised
from cozysync_ui.app import CozySyncApp
from cozysync_ui.dialogs.conflict import ConflictDialog
from cozysync_ui.dialogs.preferences import PreferencesDialog
from cozysync_ui.dialogs.wizard import FirstRunWizard
from cozysync_ui.i18n import Translators
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer

MINE = "Mon exposé sur les volcans\nPartie 1 : le magma\n"
THEIRS = "Mon exposé sur les volcans (version du cloud)\nPartie 1 : le magma\nPartie 2 : ...\n"


def wait(condition: Callable[[], object], seconds: float = 30.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not condition():
        QApplication.processEvents()
        time.sleep(0.02)
    QApplication.processEvents()


def save(widget: QWidget, path: Path) -> None:
    wait(lambda: False, 0.3)
    widget.grab().save(str(path))


def make_world(tmp: Path, server: WsgiDavServer) -> tuple[SyncService, Path, ConflictInfo]:
    local = tmp / "Documents"
    (local / "Cours").mkdir(parents=True)
    (local / "Cours" / "exercices.txt").write_text("x² = 2\n", encoding="utf-8")
    image = QImage(120, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a90d9"))
    image.save(str(local / "photo.png"))
    service = SyncService(Locations.from_env())
    service.link(
        local, server.url, user=server.user, password=server.password, name="docs",
        allow_file_store=True,
    )  # fmt: skip
    service.sync_once("docs")
    (local / "exposé.txt").write_text(MINE, encoding="utf-8")
    server.write("exposé.txt", THEIRS.encode())
    service.sync_once("docs")
    [conflict] = service.conflicts()
    return service, local, conflict


def shoot(language: str, service: SyncService, local: Path, conflict: ConflictInfo, out: Path):
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=False)
    gui.controller.open_url = lambda url: True
    gui.start()
    state = gui.controller.state
    wait(lambda: state.conflicts and state.overall() is State.ATTENTION)
    problem = ErrorRaised("Cours/tableau.xlsx", "the file is open in another program", "Close it.")
    gui.controller.bridge.emitter("docs")(problem)
    wait(lambda: gui.window.problem_list.count() == 1)
    save(gui.window, out / f"window-{language}.png")
    gui.window.menu.adjustSize()
    save(gui.window.menu, out / f"menu-{language}.png")
    dialog = ConflictDialog(conflict, local)
    dialog.resize(720, 480)
    dialog.show()
    save(dialog, out / f"conflict-{language}.png")
    dialog.close()
    wizard = FirstRunWizard(lambda request: None)
    wizard.resize(640, 440)
    wizard.show()
    wizard.cloud_page.url.setText("https://cloud.college-exemple.fr/remote.php/dav/files/lea/")
    wizard.cloud_page.user.setText("lea")
    wizard.cloud_page.password.setText("app-password")
    save(wizard, out / f"wizard-{language}.png")
    wizard.next()
    wizard.folder_page.folder.setText(str(local))
    save(wizard, out / f"wizard-folder-{language}.png")
    wizard.close()
    values = {"start_at_login": True, "language": "auto", "check_interval_min": 5}
    preferences = PreferencesDialog(values, ["docs"])
    preferences.resize(520, 300)
    preferences.show()
    save(preferences, out / f"preferences-{language}.png")
    preferences.close()
    gui.quit()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cozysync-shots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="cozysync-shots-"))
    os.environ["COZYSYNC_HOME"] = str(tmp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "xdg-config")
    app = QApplication.instance() or QApplication([])
    server = WsgiDavServer(tmp / "dav")
    server.start()
    try:
        service, local, conflict = make_world(tmp, server)
        for language in ("en", "fr"):
            translators = Translators(language)
            translators.install(app)
            QLocale.setDefault(QLocale("fr_FR" if language == "fr" else "en_GB"))
            shoot(language, service, local, conflict, out)
            translators.remove(app)
    finally:
        server.stop()
    print("\n".join(sorted(str(p) for p in out.iterdir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
