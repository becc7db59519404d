"""The window's lists fit its default size in French (issue 16, item 6: no cut labels):
the recent activity shortens a long file name in its middle and keeps its action and
its time whole, with no sideways scrolling; a problem's long hint wraps.  Real engine,
real WsgiDAV, real Qt offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QListWidget

from cozysync.errors import LocalPermissionError
from cozysync.events import ErrorRaised
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.recent_activity import WHEN_ROLE, fitted_label
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000
LONG_NAME = "Exposé sur les volcans d’Auvergne — version finale corrigée par Mme Martin.odt"


def assert_no_sideways_scrolling(view: QListWidget) -> None:
    assert view.horizontalScrollBar().maximum() == 0
    for i in range(view.count()):
        rect = view.visualItemRect(view.item(i))
        assert rect.left() >= 0 and rect.right() < view.viewport().width(), (i, rect)


def test_the_lists_fit_the_default_window_in_french(
    qtbot, make_app, service, local_dir: Path, wsgidav_server: WsgiDavServer, french
):
    (local_dir / LONG_NAME).write_text("Le magma remonte…\n", encoding="utf-8")
    app = make_app()
    window = app.window
    qtbot.addWidget(window)
    state = app.controller.state
    qtbot.waitUntil(lambda: state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    view = window.recent_list
    qtbot.waitUntil(lambda: view.count() == 4, timeout=TIMEOUT_MS)
    assert window.size().width() == 500  # as the window opens

    assert_no_sideways_scrolling(view)
    [row] = [view.item(i) for i in range(view.count()) if view.item(i).text().startswith("Exposé")]
    assert row.text() == f"{LONG_NAME} — envoyé dans le cloud"
    metrics = view.fontMetrics()
    when = row.data(WHEN_ROLE)
    assert when.endswith(" · docs")
    room = view.visualItemRect(row).width() - metrics.horizontalAdvance(when) - 24
    shown = fitted_label(row.text(), metrics, room)
    assert shown != row.text() and "…" in shown  # the name shortened, in its middle
    assert shown.startswith("Exposé") and shown.endswith(".odt — envoyé dans le cloud")
    assert metrics.horizontalAdvance(shown) <= room  # beside its time, whole
    both = "exposé.txt — modifié des deux côtés : les deux gardés"  # a short name keeps
    narrow = metrics.horizontalAdvance("exposé.txt — modifié des deux")  # all of it
    fitted = fitted_label(both, metrics, narrow)
    assert fitted.startswith("exposé.txt — modifié") and fitted.endswith("…"), fitted
    assert metrics.horizontalAdvance(fitted) <= narrow

    error = LocalPermissionError("cannot read Cours/exercices.txt", path="Cours/exercices.txt")
    told = ErrorRaised(error.path, error.title, error.hint, message=error.message)
    app.controller.bridge.emitter("docs")(told)  # a hint longer than the window is wide
    problems = window.problem_list
    qtbot.waitUntil(lambda: problems.count() == 1 and "exercices" in problems.item(0).text())
    assert_no_sideways_scrolling(problems)
    lines = problems.visualItemRect(problems.item(0)).height() // problems.fontMetrics().height()
    assert lines >= 3  # its title, then its hint on two lines
