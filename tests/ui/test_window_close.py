"""Issue 16, item 7: without a tray (the offscreen platform, like GNOME without an
extension) closing the window hides it and syncing goes on, said once with how to get
it back; Quit quits.  A second start of the app (``python -m cozysync gui``, a real
process) tells the first to show its window and exits 0, a socket left by a crash
notwithstanding."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from cozysync_ui.app import CozySyncApp
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.settings import UiSettings
from cozysync_ui.single_instance import SingleInstance, socket_name
from tests.servers import WsgiDavServer

TIMEOUT_MS = 60_000


def test_closing_the_window_hides_it_and_syncing_goes_on_until_quit(
    qtbot, make_app, local_dir: Path, wsgidav_server: WsgiDavServer
):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)

    assert app.window.close() is False  # refused: hidden instead
    assert not app.window.isVisible() and not app.has_quit
    notice = app.close_notice
    assert isinstance(notice, QMessageBox) and notice.isVisible()
    qtbot.addWidget(notice)
    assert notice.text() == "cozysync keeps syncing in the background."
    assert "open cozysync again from your applications menu" in notice.informativeText()
    assert "cozysync gui" in notice.informativeText() and "Quit" in notice.informativeText()
    notice.accept()

    (local_dir / "après-fermeture.txt").write_text("envoyé quand même\n", encoding="utf-8")
    sent = wsgidav_server.root / "après-fermeture.txt"
    qtbot.waitUntil(sent.exists, timeout=TIMEOUT_MS)  # the hidden app still syncs
    assert app.controller.runners.running()

    app.show_window()
    assert app.window.isVisible()
    app.window.close()
    assert not app.window.isVisible() and app.close_notice is notice  # said only once
    assert not notice.isVisible()

    app.show_window()
    app.window.quit_button.click()
    assert app.has_quit
    assert app.controller.runners.running() == []


def test_the_window_menu_quits_too(qtbot, make_app, local_dir: Path):
    app = make_app()
    qtbot.addWidget(app.window)
    app.window.tray_menu.quit.trigger()
    assert app.has_quit


def _stale_socket(path: str) -> None:
    """What a crashed app leaves: a socket file nobody listens on."""
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(path)
    left.listen(1)
    left.close()  # the file stays


def test_a_second_start_shows_the_first_window_and_exits_0(
    qtbot, make_app, service, local_dir: Path
):
    name = socket_name(service.locations.state_dir)
    service.locations.state_dir.mkdir(parents=True, exist_ok=True)
    _stale_socket(name)
    first = SingleInstance(name)
    assert not first.ask_first_to_show()  # nobody behind the leftover
    assert first.listen()  # ... which does not block the start
    app = make_app()
    qtbot.addWidget(app.window)
    first.show_requested.connect(app.show_window)
    try:
        app.window.close()
        assert not app.window.isVisible()
        if app.close_notice is not None:
            qtbot.addWidget(app.close_notice)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        second = subprocess.Popen(
            [sys.executable, "-m", "cozysync", "gui"], env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            qtbot.waitUntil(lambda: second.poll() is not None, timeout=TIMEOUT_MS)
        finally:
            if second.poll() is None:
                second.kill()
            out, err = second.communicate()
        assert second.returncode == 0, err
        assert app.window.isVisible()  # brought forward by the second start
        assert "already" not in out + err  # no second app, no "already syncing"
        assert app.controller.runners.running()  # the first one goes on
    finally:
        first.close()


def test_with_a_tray_a_second_start_is_answered_by_the_tray_icon(qtbot, service, local_dir):
    app = CozySyncApp(service, UiSettings(service.locations.config_dir), use_tray=True)
    try:
        assert app.tray is not None and app.window is None
        said: list[tuple[str, str]] = []
        app.tray.notify = lambda title, text: said.append((title, text))  # type: ignore[method-assign]
        app.show_window()
        assert said == [
            ("cozysync is already running", "Its icon is in the tray: click it to open its menu.")
        ]
    finally:
        app.quit()
