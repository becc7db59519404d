"""Issue 16, item 1: the tray menu opens, and Pause and Quit work, at every moment of a
big first sync (2,000 small files from a real WsgiDAV server through the real engine).

The menu was rebuilt (``clear()`` and refill) on each of the sync's thousands of state
changes, so it never stayed open under the pointer.  Here it is made once: through the
whole sync the menu keeps the same entries, Pause and Quit stay enabled, and the menu is
popped up (``QMenu.exec``, its click sent by a timer while the engine's events keep
coming) and its entries clicked while the files arrive."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

from cozysync.api import SyncService
from cozysync_ui.app import CozySyncApp
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.settings import UiSettings
from tests.servers import WsgiDavServer

FILES = 2000
TIMEOUT_MS = 120_000
CHANGES_WHILE_OPEN = 10  # state changes the open menu must live through before its click
GIVE_UP_S = 120.0


def click_while_open(
    menu: QMenu, action: QAction, changes: Callable[[], int], needed: int = CHANGES_WHILE_OPEN
) -> tuple[QAction | None, dict[str, object]]:
    """Pop ``menu`` up (``exec`` blocks, as on a right-click) and, once the engine has
    changed the state ``needed`` times while it is open, click ``action`` with the
    mouse.  Returns what ``exec`` returned and what was seen at the click."""
    seen: dict[str, object] = {}
    first = changes()
    timer = QTimer()
    timer.setInterval(20)
    started = time.monotonic()

    def click_when_ready() -> None:
        ready = changes() - first >= needed
        if not ready and time.monotonic() - started < GIVE_UP_S:
            return
        timer.stop()
        seen.update(open=menu.isVisible(), changes=changes() - first, text=action.text())
        seen["enabled"] = action.isEnabled()
        QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    timer.timeout.connect(click_when_ready)
    timer.start()
    chosen = menu.exec(QPoint(20, 20))
    timer.stop()
    return chosen, seen


def test_the_tray_menu_stays_usable_through_a_2000_file_first_sync(
    qtbot, service: SyncService, tmp_path: Path, wsgidav_server: WsgiDavServer
):
    for i in range(FILES):
        wsgidav_server.write(f"cours/{i // 100:02}/note-{i:04}.txt", f"note {i}\n".encode())
    local = tmp_path / "Documents"
    service.link(
        local, wsgidav_server.url, user=wsgidav_server.user, password=wsgidav_server.password,
        name="docs", allow_file_store=True,
    )  # fmt: skip
    app = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=True)
    try:
        assert app.tray is not None and app.window is None
        menu = app.tray.menu
        pause, quit_ = app.tray.tray_menu.pause, app.tray.tray_menu.quit
        state = app.controller.state
        app.start()
        qtbot.waitUntil(lambda: "docs" in state.statuses, timeout=TIMEOUT_MS)
        entries = menu.actions()
        changes: list[bool] = []  # per state change: the same menu, same entries, usable

        def check_menu() -> None:
            same = len(menu.actions()) == len(entries) and all(
                a is b for a, b in zip(menu.actions(), entries, strict=True)
            )
            changes.append(same and app.tray is not None and app.tray.menu is menu
                           and pause.isEnabled() and quit_.isEnabled())  # fmt: skip

        state.changed.connect(check_menu)

        def synced() -> int:
            return sum(1 for p in local.rglob("*.txt"))

        qtbot.waitUntil(lambda: synced() >= 50, timeout=TIMEOUT_MS)
        chosen, seen = click_while_open(menu, pause, lambda: len(changes))
        assert chosen is pause, seen
        assert seen == {"open": True, "changes": seen["changes"], "text": "Pause syncing",
                        "enabled": True}  # fmt: skip
        assert int(str(seen["changes"])) >= CHANGES_WHILE_OPEN
        qtbot.waitUntil(lambda: service.paused_until("docs") is not None, timeout=TIMEOUT_MS)
        assert synced() < FILES  # paused mid-way
        assert pause.text() == "Resume syncing"

        chosen, seen = click_while_open(
            menu, pause, lambda: len(changes), needed=0
        )  # paused: quiet
        assert chosen is pause and seen["text"] == "Resume syncing"
        qtbot.waitUntil(lambda: state.overall() is State.SYNCING, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: state.progress.get("docs") is not None, timeout=TIMEOUT_MS)
        chosen, seen = click_while_open(menu, quit_, lambda: len(changes))
        assert chosen is quit_ and seen["open"] and seen["enabled"]
        assert app.has_quit
        assert synced() < FILES  # quit mid-way
        # every state change met the same, usable menu (how many there were depends on
        # the machine's speed: two open menus lived through CHANGES_WHILE_OPEN each)
        assert len(changes) >= 2 * CHANGES_WHILE_OPEN and all(changes), changes.count(False)
    finally:
        app.quit()
