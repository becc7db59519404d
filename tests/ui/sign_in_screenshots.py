"""Screenshots of "Sign in again" in English and French, for docs/screenshots/:

    xvfb-run -a -s "-screen 0 1600x1200x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.ui.sign_in_screenshots docs/screenshots       # as committed

The prompt runs for real against a WsgiDAV server started here whose password changed:
a wrong password is typed and checked, and the prompt is drawn as it says so
(sign-in-LANG.png); the status window with its banner and button is drawn as the
refused pass left it (sign-in-window-LANG.png)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.dialogs.sign_in import SignInDialog, service_sign_in, sign_in_request
from cozysync_ui.i18n import Translators
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer
from tests.ui.screenshots import save, wait


def refused_folder(tmp: Path, server: WsgiDavServer) -> SyncService:
    local = tmp / "Documents"
    (local / "Cours").mkdir(parents=True)
    (local / "Cours" / "plan.txt").write_text("1. Algèbre\n", encoding="utf-8")
    service = SyncService(Locations.from_env())
    service.link(
        local, server.url, user=server.user, password=server.password, name="Documents",
        allow_file_store=True,
    )  # fmt: skip
    assert service.sync_once("Documents").in_sync
    server.stop()
    server.password = server._server.password = "a new password"
    server.start()
    return service


def shoot(language: str, service: SyncService, out: Path) -> None:
    folder = service.folder("Documents")
    dialog = SignInDialog(sign_in_request(folder), service_sign_in(service, folder.name))
    dialog.resize(520, dialog.sizeHint().height())
    dialog.show()
    dialog.password.setText("the old password")
    dialog.submit.click()
    wait(dialog.error.isVisible)
    dialog.resize(520, dialog.sizeHint().height())
    save(dialog, out / f"sign-in-{language}.png")
    dialog.close()
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=False)
    gui.start()
    window = gui.window
    assert window is not None
    wait(window.sign_in.isVisible)
    save(window, out / f"sign-in-window-{language}.png")
    gui.quit()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.gettempdir()) / "cozysync-shots" / "camille"  # a short path to show
    shutil.rmtree(tmp.parent, ignore_errors=True)
    tmp.mkdir(parents=True)
    os.environ["COZYSYNC_HOME"] = str(tmp / "home")
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg-data")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setQuitOnLastWindowClosed(False)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    server = WsgiDavServer(tmp / "dav")
    server.start()
    try:
        service = refused_folder(tmp, server)
        for language in ("en", "fr"):
            translators = Translators(language)
            translators.install(app)
            QLocale.setDefault(QLocale("fr_FR" if language == "fr" else "en_GB"))
            shoot(language, service, out)
            translators.remove(app)
    finally:
        server.stop()
    print("\n".join(sorted(str(p) for p in out.glob("sign-in*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
