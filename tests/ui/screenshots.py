"""Screenshots of the tray app in English and French, for docs/screenshots/:

    xvfb-run -a -s "-screen 0 1600x1200x24" env QT_QPA_PLATFORM=xcb \
        python -m tests.ui.screenshots docs/screenshots       # as committed
    QT_QPA_PLATFORM=offscreen python -m tests.ui.screenshots [OUTDIR]   # no X server
    ... python -m tests.ui.screenshots docs/screenshots --only share,versions

``--only`` renders just the named groups (``app``: everything below but the
``get_back_screenshots`` ones; ``share``, ``versions``, ``deleted-files``: theirs).

The app runs for real against a WsgiDAV server started here, with a real conflict made
by both sides editing one file and a real problem (the server answers 423 Locked to one
upload: the window's banner, Problems and count say the engine's own error); each
surface is drawn by Qt itself (``QWidget.grab``).
The committed PNGs are rendered under Xvfb (Qt's X11 platform); the offscreen platform
draws the same widgets where no X server is at hand.  A tray host draws the icon, not
the menu, so the tray's menu is drawn
below a strip standing for the panel, with the tray's real state icon in it (the real
tray, under Xvfb with a tray host, is tested by ``test_real_tray.py``).

Writes, for LANG in en and fr: states-LANG.png (every tray icon), tray-LANG.png,
window-LANG.png, wizard-cloud-LANG.png, wizard-check-LANG.png (a wrong password said on
the first page), wizard-nextcloud-LANG.png (its browser sign-in offered),
wizard-folder-LANG.png, wizard-connect-LANG.png, wizard-ready-LANG.png, conflict-LANG.png,
deletions-LANG.png, preferences-general-LANG.png, preferences-network-LANG.png,
preferences-account-LANG.png, sign-in-LANG.png and sign-in-window-LANG.png
(``sign_in_screenshots.py``), share-LANG.png, versions-LANG.png and deleted-files-LANG.png
(``get_back_screenshots.py``)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from cozysync.api import ConflictInfo, SyncService
from cozysync.config import Locations
from cozysync.errors import FolderEmptiedError
from cozysync.remotes.nextcloud_login import NextcloudServer
from cozysync.service.server_check import ServerCheck, ServerProblem
from cozysync.sync.execute import RETRY_BASE_S
from cozysync_ui.app import CozySyncApp
from cozysync_ui.dialogs.conflict import ConflictDialog
from cozysync_ui.dialogs.deletion_question import deletion_question
from cozysync_ui.dialogs.deletions import DeletionDialog
from cozysync_ui.dialogs.preferences import PreferencesDialog
from cozysync_ui.dialogs.wizard import FirstRunWizard, LinkRequest
from cozysync_ui.dialogs.wizard_check import ServerChecker
from cozysync_ui.i18n import Translators
from cozysync_ui.icons import state_icon
from cozysync_ui.itemmodels.sync_state import State, state_name
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer
from tests.ui.get_back_screenshots import SHOTS
from tests.ui.sign_in_screenshots import refused_folder, shoot_sign_in

MINE = "Mon exposé sur les volcans\nPartie 1 : le magma\n"
THEIRS = "Mon exposé sur les volcans (version du cloud)\nPartie 1 : le magma\nPartie 2 : ...\n"
LOGIN_URL = (
    "https://camille.mycozy.cloud/auth/authorize?client_id=…&redirect_uri="
    "http%3A%2F%2F127.0.0.1%3A41234%2Fcallback&state=…"
)


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
        local, server.url, user=server.user, password=server.password, name="Documents",
        allow_file_store=True,
    )  # fmt: skip
    service.sync_once("Documents")
    (local / "exposé.txt").write_text(MINE, encoding="utf-8")
    server.write("exposé.txt", THEIRS.encode())
    service.sync_once("Documents")
    [conflict] = service.conflicts()
    return service, local, conflict


def tray_picture(gui: CozySyncApp, path: Path) -> None:
    """The menu as it opens below the panel's tray icon."""
    assert gui.window is not None
    menu = gui.window.menu
    menu.adjustSize()
    wait(lambda: False, 0.3)
    shot = menu.grab()
    strip, margin = 32, 40
    image = QImage(shot.width() + margin, shot.height() + strip, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.fillRect(0, 0, image.width(), strip, QColor("#2b2b2b"))
    icon = state_icon(gui.controller.state.overall()).pixmap(24, 24)
    painter.drawPixmap(image.width() - 34, 4, icon)
    painter.drawPixmap(QPoint(margin, strip), shot)
    painter.end()
    image.save(str(path))


def states_picture(path: Path) -> None:
    """Every state's tray icon with its name: each has its own shape, not only a colour."""
    cell, size = 150, 48
    font_height = QApplication.fontMetrics().height()
    image = QImage(cell * len(State), size + 3 * font_height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    for index, state in enumerate(State):
        left = index * cell
        painter.drawPixmap(left + (cell - size) // 2, 4, state_icon(state).pixmap(size, size))
        box = QRect(left + 2, size + 8, cell - 4, 2 * font_height + 4)
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(box, int(flags), state_name(state))
    painter.end()
    image.save(str(path))


LOCKED_AT: list[float] = []  # when the English picture's upload met the lock


def shoot_app(language: str, service: SyncService, server: WsgiDavServer, out: Path) -> None:
    gui = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=False)
    gui.controller.open_url = lambda url: True
    gui.start()
    state = gui.controller.state
    wait(lambda: state.conflicts and state.overall() is State.ATTENTION)
    local = Path(gui.controller.state.statuses["Documents"].local_root)
    (local / "Cours" / "résumé.txt").write_text("Le magma remonte…\n", encoding="utf-8")
    wait(lambda: any(a.rel_path == "Cours/résumé.txt" for a in state.recent))  # sent
    assert gui.window is not None
    window = gui.window
    if language == "en":  # a real problem, the engine's: the file is open on the server
        assert server.faults is not None
        server.faults.add("MOVE", "/Cours/.cozysync-", 423, times=10_000)
        (local / "Cours" / "tableau.xlsx").write_bytes(b"PK\x03\x04 notes de la classe")
        LOCKED_AT.append(time.monotonic())
    else:  # the engine tries it again once its back-off (RETRY_BASE_S) has passed
        wait(lambda: False, max(0.0, LOCKED_AT[0] + RETRY_BASE_S + 1 - time.monotonic()))
        gui.controller.sync_now()
    wait(window.notice.isVisible, 60)  # the engine's ErrorRaised, then its pass's end
    wait(lambda: len(state.statuses["Documents"].errors) == 1 and len(state.problems()) == 1)
    wait(lambda: False, 1.0)  # the snapshot read after the pass: nothing changes
    assert len(state.problems()) == 1 and window.problem_list.count() == 1, state.problems()
    save(window, out / f"window-{language}.png")
    tray_picture(gui, out / f"tray-{language}.png")
    gui.quit()


NEXTCLOUD = NextcloudServer("https://cloud.college.fr", "Nextcloud", "30.0.4.1", True, False)


def pictured_check(url: str, user: str | None, password: str | None, *, cozy: bool) -> ServerCheck:
    """What the first page's check answers in the pictures (no network): a wrong
    password, a Nextcloud asking for its browser sign-in, a Cozy that answers."""
    if password == "not the password":
        return ServerCheck(url, ServerProblem.LOGIN_REFUSED)
    if "college" in url:
        return ServerCheck(url, ServerProblem.LOGIN_NEEDED, NEXTCLOUD)
    return ServerCheck(url)


def shoot_first_page_problems(wizard: FirstRunWizard, language: str, out: Path) -> None:
    page = wizard.cloud_page
    page.webdav.setChecked(True)
    wait(lambda: False, 0.3)  # laid out for this kind, as a user sees it after the click
    page.url.setText("https://dav.college.fr/eleves/camille/")
    page.user.setText("camille")
    page.password.setText("not the password")
    wizard.next()
    wait(lambda: page.problem.text())
    save(wizard, out / f"wizard-check-{language}.png")
    page.user.clear()
    page.password.clear()
    page.url.setText("https://cloud.college.fr")
    wizard.next()
    wait(lambda: page.browser_login.isVisibleTo(page))
    save(wizard, out / f"wizard-nextcloud-{language}.png")
    page.problem.clear()
    page.browser_login.hide()
    page.cozy.setChecked(True)


def shoot_wizard(language: str, local: Path, out: Path) -> None:
    login_done = threading.Event()

    def link(request: LinkRequest, show_login_url: Callable[[str], None]) -> object:
        show_login_url(LOGIN_URL)  # as the engine does once it registered this computer
        login_done.wait(30)  # the user logs in and allows cozysync in the browser
        return request

    wizard = FirstRunWizard(
        link,
        list_folders=lambda linked: ["Cours", "Photos", "Vacances"],  # what the cloud has
        set_excluded=lambda linked, names: None,
        open_url=lambda url: True,
        checker=ServerChecker(check=pictured_check),
    )
    wizard.resize(640, 500)
    wizard.show()
    shoot_first_page_problems(wizard, language, out)
    wizard.cloud_page.url.setText("camille.mycozy.cloud")
    save(wizard, out / f"wizard-cloud-{language}.png")
    wizard.next()
    wait(lambda: wizard.currentPage() is wizard.folder_page)
    wizard.folder_page.folder.setText(str(local))  # not empty: the warning shows
    save(wizard, out / f"wizard-folder-{language}.png")
    wizard.next()
    wait(lambda: wizard.login_url)
    save(wizard, out / f"wizard-connect-{language}.png")
    login_done.set()
    wait(lambda: wizard.currentPage() is wizard.ready_page and not wizard.is_busy)
    wizard.ready_page.choice.set_kept("Vacances", False)
    save(wizard, out / f"wizard-ready-{language}.png")
    wizard.linked = None  # nothing was really linked: closing gives nothing back
    wizard.close()


def shoot_dialogs(
    language: str, service: SyncService, local: Path, conflict: ConflictInfo, out: Path
) -> None:
    dialog = ConflictDialog(conflict, local)
    dialog.resize(760, 500)
    dialog.show()
    save(dialog, out / f"conflict-{language}.png")
    dialog.close()
    shoot_deletions(language, out)
    values = {
        "start_at_login": True, "language": "auto", "check_interval_min": 5,
        "pause_on_metered": True, "upload_limit_kib": 500, "download_limit_kib": 0,
    }  # fmt: skip
    folder = service.folder("Documents")
    preferences = PreferencesDialog(
        values, ["Documents"], accounts={"Documents": (folder.remote_url, folder.user)}
    )
    preferences.show_account(service.account_info("Documents"))  # WsgiDAV's RFC 4331 quota
    preferences.resize(560, 420)
    preferences.show()
    tabs = preferences.findChild(QTabWidget)
    for index, name in enumerate(("general", "network", "account")):
        tabs.setCurrentIndex(index)
        save(preferences, out / f"preferences-{name}-{language}.png")
    preferences.close()


def shoot_deletions(language: str, out: Path) -> None:
    """The question a deletion guard asks: the cloud lists the folder Classe as empty."""
    paths = tuple(f"Classe/devoir-{i:02d}.odt" for i in range(5))
    stop = FolderEmptiedError(
        "the server now lists the folder Classe as empty, but it held 40 synced files: "
        "nothing was deleted here",
        side="local", count=40, total=101, paths=paths,
    )  # fmt: skip
    question = deletion_question("Documents", stop.message)
    assert question is not None
    dialog = DeletionDialog(question)
    dialog.resize(560, dialog.sizeHint().height())
    dialog.show()
    save(dialog, out / f"deletions-{language}.png")
    dialog.close()


def main() -> int:
    args = sys.argv[1:]
    only: set[str] | None = None
    if "--only" in args:
        at = args.index("--only")
        only = set(args[at + 1].split(","))
        del args[at : at + 2]
        unknown = only - {"app", *SHOTS}
        if unknown:
            print(f"unknown group(s): {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.gettempdir()) / "cozysync-shots" / "camille"  # a short path to show
    shutil.rmtree(tmp.parent, ignore_errors=True)
    tmp.mkdir(parents=True)
    os.environ["COZYSYNC_HOME"] = str(tmp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "xdg-config")
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg-data")
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setStyle("Fusion")
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    if only is not None and "app" not in only:
        for language in ("en", "fr"):
            translators = Translators(language)
            translators.install(app)
            QLocale.setDefault(QLocale("fr_FR" if language == "fr" else "en_GB"))
            for name, shoot in SHOTS.items():
                if name in only:
                    shoot(language, out)
            translators.remove(app)
        print("\n".join(sorted(str(p) for p in out.iterdir())))
        return 0
    server = WsgiDavServer(tmp / "dav")
    server.start()
    refusing = WsgiDavServer(tmp / "sign-in" / "dav")  # its password changes
    refusing.start()
    try:
        service, local, conflict = make_world(tmp, server)
        refused = refused_folder(tmp / "sign-in" / "home", refusing)
        for language in ("en", "fr"):
            translators = Translators(language)
            translators.install(app)
            QLocale.setDefault(QLocale("fr_FR" if language == "fr" else "en_GB"))
            states_picture(out / f"states-{language}.png")
            shoot_app(language, service, server, out)
            shoot_wizard(language, local, out)
            shoot_dialogs(language, service, local, conflict, out)
            shoot_sign_in(language, refused, out)
            for name, shoot in SHOTS.items():
                if only is None or name in only:
                    shoot(language, out)
            translators.remove(app)
    finally:
        server.stop()
        refusing.stop()
    print("\n".join(sorted(str(p) for p in out.iterdir())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
