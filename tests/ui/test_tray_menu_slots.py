"""The tray menu's kept slots (issue 16, item 1): problems beyond ``PROBLEMS_SHOWN`` are
counted, not listed; fewer problems later hide the slots they left, and a problem's
entry shows it — against the real engine and WsgiDAV, errors told by the engine's own
event (``ErrorRaised``)."""

from __future__ import annotations

from pathlib import Path

from cozysync.errors import LocalPermissionError
from cozysync.events import ErrorRaised
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray_menu import PROBLEMS_SHOWN, menu_texts

TIMEOUT_MS = 30_000
MORE = 5


def test_problems_past_the_slots_are_counted_and_each_entry_shows_its_problem(
    qtbot, make_app, local_dir: Path, monkeypatch
):
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    entries = app.window.menu.actions()
    emit = app.controller.bridge.emitter("docs")
    for i in range(PROBLEMS_SHOWN + MORE):
        error = LocalPermissionError(f"cannot read f{i:02}.txt", path=f"f{i:02}.txt")
        emit(ErrorRaised(f"f{i:02}.txt", error.title, error.hint, message=error.message))
    state = app.controller.state
    qtbot.waitUntil(lambda: len(state.problems()) == PROBLEMS_SHOWN + MORE, timeout=TIMEOUT_MS)
    texts = menu_texts(app.window.menu)
    listed = [t for t in texts if t.endswith(": cozysync may not read or change it")]
    assert len(listed) == PROBLEMS_SHOWN
    assert f"  … and {MORE} more" in texts
    assert f"Problems ({PROBLEMS_SHOWN + MORE})" in texts
    assert app.window.menu.actions() == entries  # the same menu, its entries kept

    shown: list[object] = []
    monkeypatch.setattr(app, "show_problem", shown.append)
    problems_menu = app.window.tray_menu.problems
    first = next(a for a in problems_menu.actions() if a.text().startswith("f00.txt"))
    first.trigger()
    assert [p.path for p in shown] == ["f00.txt"]  # type: ignore[attr-defined]

    state.live_problems.clear()  # what the next snapshot does once they are solved
    state.changed.emit()
    texts = menu_texts(app.window.menu)
    assert "  No problems" in texts and not any("more" in t for t in texts)
    assert "Problems (0)" in texts
