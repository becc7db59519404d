"""The tray (here its no-tray window) never says "Up to date" while changes wait: its
state comes from the engine's one rule (``decide_state``), as the CLI's does."""

from __future__ import annotations

from pathlib import Path

from cozysync.events import StatusChanged, StatusKind
from cozysync_ui.itemmodels.sync_state import State, SyncState

TIMEOUT_MS = 30_000
FILES = [f"fichier-{i:02d}.txt" for i in range(60)]


def test_a_pass_stopped_by_the_guard_shows_the_changes_waiting(
    qtbot, make_app, service, local_dir: Path, wsgidav_server
):
    for name in FILES:
        (local_dir / name).write_text(f"contenu {name}\n", encoding="utf-8")
    assert service.sync_once("docs").status == "up to date"
    for name in FILES:  # all at once before the app's first pass: one guard stop
        (local_dir / name).unlink()

    app = make_app()
    qtbot.addWidget(app.window)
    state = app.controller.state

    # stopped by the mass-deletion guard: nothing deleted there, the deletions wait here
    # (while its pass runs, "syncing" says the same count: wait for the pass's end)
    qtbot.waitUntil(
        lambda: (
            state.overall() is State.ATTENTION
            and "changes waiting to be sent" in app.window.detail.text()
        ),
        timeout=TIMEOUT_MS,
    )
    assert state.pending_changes() == len(FILES)
    assert (wsgidav_server.root / FILES[-1]).exists()
    assert app.window.headline.text() == "Needs your attention"
    assert app.window.detail.text().endswith(f"{len(FILES)} changes waiting to be sent")
    assert "Up to date" not in app.window.folder_list.item(0).text()


def test_a_change_waiting_after_a_pass_in_sync_is_not_up_to_date(qtbot, service, local_dir: Path):
    assert service.sync_once("docs").status == "up to date"
    (local_dir / "élève.txt").write_text("changé depuis\n", encoding="utf-8")
    state = SyncState()
    with qtbot.waitSignal(state.changed):
        state.set_folders(service.status(), service.conflicts())
    state.on_status_changed(
        "docs", StatusChanged(StatusKind.UP_TO_DATE, "in sync")
    )  # its last pass

    # the app's watcher sends it within a second: syncing, not an alarm (never up to date)
    assert state.folder_state("docs") is State.SYNCING
    assert state.overall() is State.SYNCING
    assert state.headline() == "Syncing…"
    assert state.detail() == "1 change waiting to be sent"
