""" "Sign in again" in the screenshots (``tests/ui/screenshots.py`` calls these): the
prompt runs for real against a WsgiDAV server whose password changed, a wrong password
is typed and checked, and the prompt is drawn as it says so (sign-in-LANG.png); the
status window is drawn as the refused pass left it, with its banner and button
(sign-in-window-LANG.png).  The folder lives in a home of its own, so the other
screenshots show one folder."""

from __future__ import annotations

from pathlib import Path

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync_ui.app import CozySyncApp
from cozysync_ui.dialogs.sign_in import SignInDialog, service_sign_in, sign_in_request
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer

__all__ = ["refused_folder", "shoot_sign_in"]

NAME = "Documents"


def refused_folder(home: Path, server: WsgiDavServer) -> SyncService:
    """A folder synced once, then its password changed on ``server``."""
    local = home.parent / "Documents"
    (local / "Cours").mkdir(parents=True)
    (local / "Cours" / "plan.txt").write_text("1. Algèbre\n", encoding="utf-8")
    service = SyncService(Locations.from_env({"COZYSYNC_HOME": str(home)}))
    service.link(
        local, server.url, user=server.user, password=server.password, name=NAME,
        allow_file_store=True,
    )  # fmt: skip
    assert service.sync_once(NAME).in_sync
    server.stop()
    server.password = server._server.password = "a new password"
    server.start()
    return service


def shoot_sign_in(language: str, service: SyncService, out: Path) -> None:
    from tests.ui.screenshots import save, wait  # (it imports this module)

    folder = service.folder(NAME)
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
