"""The tray's content (here in its no-tray window) follows the real engine: up to date
after the first sync, offline with N changes waiting when the server stops, back, paused."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from cozysync.errors import LocalPermissionError
from cozysync.events import ErrorRaised
from cozysync.sync import progress
from cozysync_ui.icons import state_icon
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray import fill_menu, menu_texts, tray_is_available
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000
MiB = 1 << 20


def wait_state(qtbot, app, state: State, timeout: int = TIMEOUT_MS) -> None:
    qtbot.waitUntil(lambda: app.controller.state.overall() is state, timeout=timeout)


def test_without_a_tray_a_window_shows_the_same_content(qtbot, make_app, local_dir):
    assert not tray_is_available()  # the offscreen platform, like GNOME without extension
    app = make_app()
    assert app.window is not None and app.tray is None
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    texts = menu_texts(app.window.menu)
    for entry in ("Open docs — two-way sync", "Open my cloud in the browser", "Sync now",
                  "Pause syncing", "Pause for one hour", "Recent activity", "Preferences…",
                  "Quit"):  # fmt: skip
        assert entry in texts
    assert any(t.startswith("Problems") for t in texts)
    assert app.window.headline.text() == "Up to date"
    assert app.window.sync_now.isEnabled()


def test_after_the_first_sync_it_says_up_to_date_and_lists_the_files(
    qtbot, make_app, local_dir: Path, wsgidav_server, opened
):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    qtbot.waitUntil(lambda: app.window.recent_list.count() == 3)
    labels = [app.window.recent_list.item(i).text() for i in range(3)]
    assert sorted(labels) == [
        "Cours — folder created in the cloud",
        "exercices.txt — sent to the cloud",
        "élève.txt — sent to the cloud",
    ]
    qtbot.waitUntil(lambda: app.window.detail.text().startswith("Last sync at"))
    # each recent file opens its folder
    item = next(
        app.window.recent_list.item(i) for i in range(3)
        if app.window.recent_list.item(i).text().startswith("exercices")
    )  # fmt: skip
    shown_before = len(opened)
    app.window.recent_list.itemActivated.emit(item)
    # asked without waiting: with a session bus the folder opens from the event loop
    qtbot.waitUntil(lambda: len(opened) > shown_before)
    assert opened[-1].toLocalFile() == str(local_dir / "Cours")
    app.window.open_cloud.click()
    assert opened[-1].toString() == wsgidav_server.url


def test_offline_shows_the_changes_waiting_then_catches_up(
    qtbot, make_app, local_dir: Path, wsgidav_server
):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    wsgidav_server.stop()
    (local_dir / "devoir.txt").write_text("à rendre lundi\n", encoding="utf-8")
    (local_dir / "notes.txt").write_text("notes\n", encoding="utf-8")
    wait_state(qtbot, app, State.OFFLINE)
    qtbot.waitUntil(lambda: app.controller.state.pending_changes() == 2, timeout=TIMEOUT_MS)
    assert app.window.headline.text() == "Offline"
    assert app.window.detail.text().startswith("2 changes waiting")
    wsgidav_server.start()
    app.window.sync_now.click()
    qtbot.waitUntil(lambda: (wsgidav_server.root / "notes.txt").exists(), timeout=TIMEOUT_MS)
    wait_state(qtbot, app, State.UP_TO_DATE)
    assert (wsgidav_server.root / "devoir.txt").read_text(encoding="utf-8") == "à rendre lundi\n"


def test_pausing_stops_the_engine_and_resuming_sends_what_waited(
    qtbot, make_app, local_dir: Path, wsgidav_server
):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    app.window.pause.click()
    qtbot.waitUntil(
        lambda: app.controller.service.paused_until("docs") is not None, timeout=TIMEOUT_MS
    )
    assert app.controller.state.overall() is State.PAUSED
    qtbot.waitUntil(  # the engine says so too
        lambda: app.controller.state.folder_state("docs") is State.PAUSED, timeout=TIMEOUT_MS
    )
    assert app.window.pause.text() == "Resume syncing"
    (local_dir / "pendant la pause.txt").write_text("attend\n", encoding="utf-8")
    qtbot.wait(1500)
    assert not (wsgidav_server.root / "pendant la pause.txt").exists()
    app.window.pause.click()  # resume
    qtbot.waitUntil(
        lambda: (wsgidav_server.root / "pendant la pause.txt").exists(), timeout=TIMEOUT_MS
    )
    wait_state(qtbot, app, State.UP_TO_DATE)


def test_pause_for_one_hour_says_when_it_resumes(qtbot, make_app, local_dir):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    app.window.pause_hour.click()
    assert app.controller.state.overall() is State.PAUSED
    assert app.window.detail.text().startswith("Sync resumes at")
    assert app.controller._resume_timer.isActive()
    qtbot.waitUntil(
        lambda: app.controller.service.paused_until("docs") is not None, timeout=TIMEOUT_MS
    )
    left = app.controller.service.paused_until("docs") - time.time()
    assert 3500 < left <= 3600  # the engine ends the pause by itself in an hour
    app.controller.resume()
    qtbot.waitUntil(lambda: app.controller.service.paused_until("docs") is None)
    assert not app.controller._resume_timer.isActive()
    wait_state(qtbot, app, State.UP_TO_DATE)


def test_each_state_has_its_own_icon(qapp):
    images = {state: state_icon(state).pixmap(32, 32).toImage() for state in State}
    assert len({bytes(image.constBits()) for image in images.values()}) == len(State)


def test_quitting_stops_the_engine_thread(qtbot, make_app, local_dir):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    assert app.controller.runners.running() == ["docs"]
    app.quit()
    assert app.controller.runners.running() == []


def test_the_menu_lists_every_problem_with_its_hint(qtbot, make_app, local_dir: Path):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    error = LocalPermissionError("cannot read a.txt: Permission denied", path="a.txt")
    app.controller.bridge.emitter("docs")(ErrorRaised("a.txt", error.title, error.hint,
                                                       message=error.message))  # fmt: skip
    problems = app.window.problem_list
    hint = "Check that you may read and write it, or close the program using it."
    qtbot.waitUntil(lambda: problems.count() == 1 and problems.item(0).toolTip() == hint)
    fill_menu(app.window.menu, app)
    assert "  a.txt: cozysync may not read or change it" in menu_texts(app.window.menu)
    [problem] = app.controller.state.problems()
    assert problem.detail == "cannot read a.txt: Permission denied"  # the engine's words
    assert app.controller.state.overall() is State.ATTENTION
    assert app.window.notice.isVisible()  # no tray: the window says what a balloon would
    assert "cozysync may not read or change it" in app.window.notice.text()


def test_each_folder_shows_its_mode_and_a_backup_its_server_only_count(
    qtbot, make_app, service, local_dir: Path, tmp_path: Path
):
    second = WsgiDavServer(tmp_path / "dav2")
    second.start()
    try:
        backup = tmp_path / "Sauvegarde"
        backup.mkdir()
        (backup / "mine.txt").write_text("à garder\n", encoding="utf-8")
        service.link(
            backup, second.url, user=second.user, password=second.password,
            name="Sauvegarde", mode="backup", allow_file_store=True,
        )  # fmt: skip
        second.write("from elsewhere.txt", b"on the server only")
        app = make_app()
        qtbot.addWidget(app.window)
        folders = app.window.folder_list
        expected = "Sauvegarde — backup · 1 file on the server only"
        qtbot.waitUntil(
            lambda: any(
                folders.item(i).text().startswith(expected) for i in range(folders.count())
            ),
            timeout=TIMEOUT_MS,
        )
        wait_state(qtbot, app, State.UP_TO_DATE)
        texts = menu_texts(app.window.menu)
        assert "Open docs — two-way sync" in texts
        assert f"Open {expected}" in texts
        assert (second.root / "mine.txt").read_text(encoding="utf-8") == "à garder\n"
        assert not (backup / "from elsewhere.txt").exists()  # backup: nothing comes down
        app.quit()
    finally:
        second.stop()


def test_syncing_shows_the_files_and_bytes_left(
    qtbot, make_app, local_dir: Path, wsgidav_server, monkeypatch
):
    monkeypatch.setattr(progress, "PROGRESS_INTERVAL_S", 0.0)  # one event per chunk
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    seen: list[tuple[State, str]] = []
    app.controller.state.changed.connect(
        lambda: seen.append((app.controller.state.overall(), app.window.detail.text()))
    )
    for name in ("a.bin", "b.bin"):
        (local_dir / name).write_bytes(os.urandom(3 * MiB))
    qtbot.waitUntil(lambda: (wsgidav_server.root / "b.bin").exists(), timeout=TIMEOUT_MS)
    wait_state(qtbot, app, State.UP_TO_DATE)
    left = [detail for state, detail in seen if state is State.SYNCING and "left" in detail]
    assert left, seen
    assert re.fullmatch(r"[12] files? left · [0-9.]+ (MB|KB) left", left[0]), left[0]


def test_a_conflict_made_while_it_runs_needs_attention_and_is_announced(
    qtbot, make_app, local_dir: Path, wsgidav_server
):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    app.window.pause.click()  # both sides change while paused: a conflict on resume
    qtbot.waitUntil(  # the engine's loop is waiting in its pause
        lambda: app.controller.state.folder_state("docs") is State.PAUSED, timeout=TIMEOUT_MS
    )
    (local_dir / "élève.txt").write_text("ma version\n", encoding="utf-8")
    wsgidav_server.write("élève.txt", b"la version du cloud\n")
    with qtbot.waitSignal(app.controller.notification, timeout=TIMEOUT_MS) as announced:
        app.window.pause.click()  # resume: a full pass
    assert announced.args[0] == "A file changed on both sides"
    wait_state(qtbot, app, State.ATTENTION)
    qtbot.waitUntil(lambda: len(app.controller.state.conflicts) == 1, timeout=TIMEOUT_MS)
    assert app.window.detail.text() == "1 file changed on both sides"
    assert app.window.conflicts.isVisible()
    assert "Choose between versions (1)…" in menu_texts(app.window.menu)


def test_pausing_stops_a_transfer_under_way_and_resuming_makes_it_again(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    service.set_bandwidth_limits(up_kib=256, down_kib=None)  # a slow line: 8 s for 2 MiB
    try:
        data = os.urandom(2 * MiB)
        (local_dir / "film.bin").write_bytes(data)
        state = app.controller.state
        qtbot.waitUntil(
            lambda: any(p.bytes_done > 0 for p in state.progress.values()), timeout=TIMEOUT_MS
        )
        assert "left" in app.window.detail.text()
        app.window.pause.click()
        qtbot.waitUntil(lambda: state.folder_state("docs") is State.PAUSED, timeout=TIMEOUT_MS)
        assert app.window.headline.text() == "Paused"
        qtbot.wait(1000)
        assert not (wsgidav_server.root / "film.bin").exists()  # the upload was dropped
        leftovers = [p.name for p in wsgidav_server.root.rglob("*") if "film" in p.name]
        assert leftovers == []  # no half-written temp on the server either
        service.set_bandwidth_limits(up_kib=None, down_kib=None)
        app.window.pause.click()  # resume: made again, whole
        qtbot.waitUntil(
            lambda: (
                (wsgidav_server.root / "film.bin").exists()
                and (wsgidav_server.root / "film.bin").read_bytes() == data
            ),
            timeout=TIMEOUT_MS,
        )
        wait_state(qtbot, app, State.UP_TO_DATE)
    finally:
        service.set_bandwidth_limits(up_kib=None, down_kib=None)


def test_a_pause_and_a_resume_from_another_process_show_in_the_window(
    qtbot, make_app, local_dir: Path, wsgidav_server, service
):
    """`cozysync pause` in a terminal while the app runs: the engine stops, and the
    window's button says "Resume syncing"; `cozysync resume`: it says "Pause syncing"."""
    app = make_app()
    qtbot.addWidget(app.window)
    wait_state(qtbot, app, State.UP_TO_DATE)
    assert app.window.pause.text() == "Pause syncing"
    service.pause(None)  # another process: the app only sees the engine pause
    qtbot.waitUntil(lambda: app.controller.state.is_paused, timeout=TIMEOUT_MS)
    assert app.window.pause.text() == "Resume syncing"
    assert app.controller.state.paused_until is None
    service.resume(None)
    qtbot.waitUntil(lambda: not app.controller.state.is_paused, timeout=TIMEOUT_MS)
    assert app.window.pause.text() == "Pause syncing"
    (local_dir / "après.txt").write_text("after the resume\n", encoding="utf-8")
    qtbot.waitUntil(lambda: (wsgidav_server.root / "après.txt").exists(), timeout=TIMEOUT_MS)
    service.pause("docs", for_s=3600)  # one folder's own pause, from another process
    qtbot.waitUntil(lambda: app.controller.state.is_folder_paused("docs"), timeout=TIMEOUT_MS)


def test_a_saved_pause_of_every_folder_starts_the_app_paused(
    qtbot, make_app, local_dir: Path, wsgidav_server, service
):
    service.pause(None)  # as `cozysync pause` or an earlier run of the app left it
    service.pause("docs", for_s=3600)  # and one of the folder's own
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.is_paused, timeout=TIMEOUT_MS)
    assert app.window.pause.text() == "Resume syncing"
    assert app.controller.state.paused_until is None  # until resumed
    assert app.controller.state.is_folder_paused("docs")
    qtbot.waitUntil(  # the engine's loop honours it: nothing was sent
        lambda: app.controller.state.folder_state("docs") is State.PAUSED, timeout=TIMEOUT_MS
    )
    assert not (wsgidav_server.root / "élève.txt").exists()
    app.controller.resume()  # lifts every pause (also the folder's own): the first sync runs
    qtbot.waitUntil(lambda: (wsgidav_server.root / "élève.txt").exists(), timeout=TIMEOUT_MS)
    wait_state(qtbot, app, State.UP_TO_DATE)
    assert service.paused_until("docs") is None
