"""A synced folder replaced by a link, seen in the window (issue 13, item 1): the folder
needs attention and the problem names it, in words for a person, with what to do; its
copy on the server is kept."""

from __future__ import annotations

import shutil
from pathlib import Path

from cozysync_ui.itemmodels.sync_state import State
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000


def test_a_folder_turned_into_a_link_is_a_problem_with_its_hint(
    qtbot, make_app, local_dir: Path, tmp_path: Path, wsgidav_server: WsgiDavServer
):
    app = make_app()
    qtbot.addWidget(app.window)
    state = app.controller.state
    qtbot.waitUntil(lambda: state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    shutil.move(local_dir / "Cours", tmp_path / "Cours")
    (local_dir / "Cours").symlink_to(tmp_path / "Cours")

    app.controller.sync_now()

    qtbot.waitUntil(lambda: state.overall() is State.ATTENTION, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(state.problems()) == 1, timeout=TIMEOUT_MS)
    [problem] = state.problems()
    assert (problem.folder, problem.path) == ("docs", "Cours")
    assert problem.title == "This is a shortcut (a link): it is not synced"
    assert "the copy on your cloud is kept" in problem.hint
    assert problem.detail.startswith("is now a link: cozysync does not follow links")
    problems = app.window.problem_list
    qtbot.waitUntil(lambda: problems.count() == 1 and "Cours" in problems.item(0).text())
    assert (wsgidav_server.root / "Cours" / "exercices.txt").exists()  # kept there
