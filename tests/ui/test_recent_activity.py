"""Issue 16, item 10: the window's recent activity says when and in which folder, is
restored when the app starts again (a new service and a new app object on the same
state folder), shows a file in its folder when clicked, and goes with an unlinked
folder.  Real engine, real WsgiDAV, real Qt offscreen (no session bus here: the folder
is opened)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QListWidget

from cozysync.api import SyncService
from cozysync.config import Locations
from cozysync.events import StatusKind
from cozysync_ui.app import CozySyncApp
from cozysync_ui.background import pending_background_ops
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.recent_activity import WHEN_ROLE
from cozysync_ui.settings import UiSettings
from cozysync_ui.tray import menu_texts
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000
FIRST_PASS = [
    "Cours — folder created in the cloud",
    "exercices.txt — sent to the cloud",
    "élève.txt — sent to the cloud",
]


def texts(view: QListWidget) -> list[str]:
    return [view.item(i).text() for i in range(view.count())]


def item_named(view: QListWidget, start: str):  # type: ignore[no-untyped-def]
    return next(view.item(i) for i in range(view.count()) if view.item(i).text().startswith(start))


def test_restored_after_a_restart_with_time_and_folder_and_shown_in_its_folder(
    qtbot, make_app, local_dir: Path, wsgidav_server: WsgiDavServer, opened
):
    first = make_app()
    qtbot.waitUntil(
        lambda: first.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS
    )
    qtbot.waitUntil(lambda: first.window.recent_list.count() == 3)
    first.quit()

    service = SyncService(Locations.from_env())  # the app started again
    again = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=False)
    again.controller.open_url = opened
    view = again.window.recent_list
    assert sorted(texts(view)) == FIRST_PASS  # before any pass of this app
    in_menu = menu_texts(again.window.menu)  # the tray's menu, here in the window's bar
    assert {f"  {text}" for text in FIRST_PASS} <= set(in_menu)
    assert "  Nothing synced yet" not in in_menu
    for i in range(3):
        when = view.item(i).data(WHEN_ROLE)
        assert re.fullmatch(r"\d{1,2}:\d{2}( [AP]M)? · docs", when), when  # today: the time
        assert when in view.item(i).toolTip()

    # the file manager is asked without waiting: with a session bus (the keyring tests'
    # private one), its answer, then the folder opened, come through the event loop
    view.itemActivated.emit(item_named(view, "exercices.txt"))
    qtbot.waitUntil(lambda: len(opened) == 1)
    assert opened[-1].toLocalFile() == str(local_dir / "Cours")
    view.itemActivated.emit(item_named(view, "élève.txt"))
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened[-1].toLocalFile() == str(local_dir)

    again.start()
    (local_dir / "nouveau.txt").write_text("encore\n", encoding="utf-8")
    qtbot.waitUntil(lambda: view.count() == 4, timeout=TIMEOUT_MS)
    assert texts(view)[0] == "nouveau.txt — sent to the cloud"  # newest first, not twice
    assert sorted(texts(view)[1:]) == FIRST_PASS

    # the pass's own status read ends first (it probes the folder's lock, which an
    # unlink at that very moment would find taken: a race of the controller's, not here)
    state = again.controller.state
    qtbot.waitUntil(lambda: state.live["docs"].kind is StatusKind.UP_TO_DATE, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not pending_background_ops(), timeout=TIMEOUT_MS)
    with qtbot.waitSignal(again.controller.unlinked, timeout=TIMEOUT_MS):
        again.controller.unlink("docs", wipe_local=False)
    assert texts(view) == ["Nothing synced yet"]
    assert "  Nothing synced yet" in menu_texts(again.window.menu)
    again.quit()
    assert SyncService(Locations.from_env()).recent_activity() == []


def test_the_time_is_said_in_the_users_locale(qtbot, french, make_app, local_dir: Path):
    app = make_app()
    qtbot.addWidget(app.window)
    view = app.window.recent_list
    qtbot.waitUntil(lambda: view.count() == 3, timeout=TIMEOUT_MS)
    assert "exercices.txt — envoyé dans le cloud" in texts(view)
    when = view.item(0).data(WHEN_ROLE)
    assert re.fullmatch(r"\d{2}:\d{2} · docs", when), when  # French: 24-hour, two digits
    assert "Afficher dans son dossier" in view.item(0).toolTip()
