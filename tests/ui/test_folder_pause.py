"""Pausing one folder from the menu: the engine pauses that pair only (the other keeps
syncing), the menu offers to resume it, and resuming sends what waited."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray import menu_texts
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000


def find_action(menu: QMenu, text: str) -> QAction:
    """The entry called ``text`` in ``menu`` or one of its submenus."""
    for action in menu.actions():
        if action.text() == text:
            return action
    for sub in menu.findChildren(QMenu):
        for action in sub.actions():
            if action.text() == text:
                return action
    raise AssertionError(f"no entry {text!r} in {menu_texts(menu)}")


def test_one_folder_paused_from_the_menu_waits_while_the_other_syncs(
    qtbot, make_app, service, local_dir: Path, wsgidav_server, tmp_path: Path
):
    second = WsgiDavServer(tmp_path / "dav2")
    second.start()
    try:
        notes = tmp_path / "Notes"
        notes.mkdir()
        service.link(
            notes, second.url, user=second.user, password=second.password,
            name="notes", allow_file_store=True,
        )  # fmt: skip
        app = make_app()
        qtbot.addWidget(app.window)
        state = app.controller.state
        qtbot.waitUntil(lambda: state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
        assert "  Pause notes" in menu_texts(app.window.menu)  # the submenu "Pause one folder"

        find_action(app.window.menu, "Pause notes").trigger()

        qtbot.waitUntil(lambda: service.paused_until("notes") is not None, timeout=TIMEOUT_MS)
        assert service.paused_until("docs") is None  # the engine paused that pair only
        assert state.folder_state("notes") is State.PAUSED
        assert state.overall() is State.PAUSED
        assert app.window.detail.text() == "Paused: notes"
        assert "  Resume notes" in menu_texts(app.window.menu)
        (notes / "idée.txt").write_text("en attente\n", encoding="utf-8")
        (local_dir / "devoir.txt").write_text("envoyé\n", encoding="utf-8")
        qtbot.waitUntil(lambda: (wsgidav_server.root / "devoir.txt").exists(), timeout=TIMEOUT_MS)
        qtbot.wait(1500)  # docs synced meanwhile: notes had every chance to
        assert not (second.root / "idée.txt").exists()

        find_action(app.window.menu, "Resume notes").trigger()

        qtbot.waitUntil(lambda: (second.root / "idée.txt").exists(), timeout=TIMEOUT_MS)
        assert service.paused_until("notes") is None
        qtbot.waitUntil(lambda: state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)

        find_action(app.window.menu, "Pause notes for one hour").trigger()

        qtbot.waitUntil(lambda: service.paused_until("notes") is not None, timeout=TIMEOUT_MS)
        left = service.paused_until("notes") - time.time()
        assert 3500 < left <= 3600  # the engine ends it by itself
        assert service.paused_until("docs") is None
        app.controller.resume()  # resuming everything lifts each folder's pause too
        qtbot.waitUntil(lambda: service.paused_until("notes") is None, timeout=TIMEOUT_MS)
        assert not state.is_folder_paused("notes")
        app.quit()
    finally:
        second.stop()


def test_with_one_folder_the_menu_has_no_per_folder_pause(qtbot, make_app, local_dir):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    texts = menu_texts(app.window.menu)
    assert "Pause syncing" in texts
    assert "Pause one folder" not in texts and "  Pause docs" not in texts
    # a folder paused alone (its sibling since unlinked) can still be resumed alone
    app.controller.pause_folder("docs")
    qtbot.waitUntil(lambda: app.controller.service.paused_until("docs") is not None)
    assert "  Resume docs" in menu_texts(app.window.menu)
    find_action(app.window.menu, "Resume docs").trigger()
    qtbot.waitUntil(lambda: app.controller.service.paused_until("docs") is None)
    assert "Pause one folder" not in menu_texts(app.window.menu)
