"""Screenshots of issue 16, items 7 and 9, in English and French, for docs/screenshots/:

    xvfb-run -a -s "-screen 0 1600x1200x24" env QT_QPA_PLATFORM=xcb \\
        python -m tests.ui.progress_screenshots docs/screenshots     # as committed

The status window while a first sync downloads from a WsgiDAV server started here (one
big file sent slowly, so the pass is caught mid-way: files and bytes done of the total,
the share, the time left and the bar): window-syncing-LANG.png; the notice said the
first time the window is closed: close-notice-LANG.png.  Drawn by Qt itself
(``QWidget.grab``), as ``tests/ui/screenshots.py`` draws the others."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.i18n import Translators
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer
from tests.slow_bodies import slow_down
from tests.ui.screenshots import save, wait

MiB = 1 << 20


def linked_home(tmp: Path, language: str, server: WsgiDavServer) -> SyncService:
    """A fresh home whose folder has everything to download from ``server``."""
    home = tmp / f"home-{language}"
    local = tmp / language / "Documents"
    local.mkdir(parents=True)
    service = SyncService(Locations.from_env({"COZYSYNC_HOME": str(home)}))
    service.link(
        local, server.url, user=server.user, password=server.password, name="Documents",
        allow_file_store=True,
    )  # fmt: skip
    return service


def shoot(language: str, service: SyncService, out: Path) -> None:
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=False)
    gui.start()
    window = gui.window
    assert window is not None
    wait(lambda: "left" in window.progress.text.text() or "restant" in window.progress.text.text())
    save(window, out / f"window-syncing-{language}.png")
    window.close()
    notice = gui.close_notice
    assert notice is not None
    save(notice, out / f"close-notice-{language}.png")
    notice.close()
    gui.quit()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.gettempdir()) / "cozysync-shots-progress" / "camille"
    shutil.rmtree(tmp.parent, ignore_errors=True)
    tmp.mkdir(parents=True)
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "xdg-config")
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg-data")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    server = WsgiDavServer(tmp / "dav")
    server.start()
    for i in range(120):
        server.write(f"Cours/chapitre-{i:03}.txt", f"Chapitre {i}\n".encode())
    server.write("Vidéos/volcans.mp4", os.urandom(6 * MiB))
    slow = slow_down(server, "volcans")
    try:
        for language in ("en", "fr"):
            os.environ["XDG_CONFIG_HOME"] = str(tmp / f"xdg-config-{language}")  # its notice
            translators = Translators(language)
            translators.install(app)
            QLocale.setDefault(QLocale("fr_FR" if language == "fr" else "en_GB"))
            shoot(language, linked_home(tmp, language, server), out)
            translators.remove(app)
    finally:
        slow.release()
        server.stop()
    print("\n".join(sorted(str(p) for p in out.glob("*syncing*"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
