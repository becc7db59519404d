"""The window (the tray's content without a tray) says one thing at a time, with a real
engine against WsgiDAV (issue 16, item 8): a state that needs attention comes with what
it counts, an offline folder trying again is not "Syncing… 0 files", and a conflict
resolved is no longer counted at once."""

from __future__ import annotations

from pathlib import Path

from cozysync.api import SyncService
from cozysync.events import StatusKind
from cozysync_ui.dialogs.resolution import Resolution
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray import menu_texts
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000


def problem_texts(app) -> list[str]:
    window = app.window
    return [window.problem_list.item(i).text() for i in range(window.problem_list.count())]


def test_a_login_refused_needs_attention_and_is_listed_as_a_problem(
    qtbot, make_app, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    assert service.sync_once("docs").kind is StatusKind.UP_TO_DATE
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.add("PROPFIND", "", 401, times=1000)  # a password changed there

    app = make_app()
    qtbot.addWidget(app.window)
    state = app.controller.state
    qtbot.waitUntil(lambda: state.overall() is State.ATTENTION, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: bool(state.problems()), timeout=TIMEOUT_MS)

    assert app.window.headline.text() == "Needs your attention"
    [problem] = state.problems()
    assert problem.folder == "docs" and problem.path is None and problem.hint
    assert "No problems" not in problem_texts(app)
    assert any(problem.title in t for t in problem_texts(app)), problem_texts(app)
    assert "Problems (1)" in menu_texts(app.window.menu)


def test_an_offline_folder_trying_again_stays_offline_never_syncing_zero_files(
    qtbot, make_app, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    assert service.sync_once("docs").kind is StatusKind.UP_TO_DATE
    wsgidav_server.stop()
    app = make_app()
    qtbot.addWidget(app.window)
    state = app.controller.state
    qtbot.waitUntil(lambda: state.overall() is State.OFFLINE, timeout=TIMEOUT_MS)
    said: list[tuple[State, str, str]] = []
    state.changed.connect(
        lambda: said.append((state.overall(), app.window.headline.text(), state.detail()))
    )
    offline_events = []
    app.controller.bridge.status_changed.connect(
        lambda folder, event: offline_events.append(event.kind)
    )

    # the loop tries the server again (back-off: within 5 s): a pass starts, fails
    qtbot.waitUntil(
        lambda: offline_events[-2:] == [StatusKind.SYNCING, StatusKind.OFFLINE],
        timeout=TIMEOUT_MS,
    )

    assert said, "the retry changed nothing the window shows"
    assert {s for s, _, _ in said} == {State.OFFLINE}, said
    assert all(
        "Syncing" not in headline and "0 files" not in detail for _, headline, detail in said
    )


def test_a_conflict_resolved_in_the_window_is_no_longer_counted_at_once(
    qtbot, make_app, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    assert service.sync_once("docs").kind is StatusKind.UP_TO_DATE
    (local_dir / "élève.txt").write_text("ma version\n", encoding="utf-8")
    wsgidav_server.write("élève.txt", b"la version du cloud\n")
    assert service.sync_once("docs").conflicts == 1

    app = make_app()
    qtbot.addWidget(app.window)
    state = app.controller.state
    qtbot.waitUntil(lambda: len(state.conflicts) == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: state.overall() is State.ATTENTION, timeout=TIMEOUT_MS)
    seen_when_resolved: list[tuple[int, int, bool]] = []

    def on_resolved(_info: object) -> None:  # the signal the dialog's flow follows
        seen_when_resolved.append(
            (
                len(state.conflicts),
                state.statuses["docs"].conflicts,
                state.overall() is State.ATTENTION,
            )
        )

    app.controller.resolved.connect(on_resolved)
    with qtbot.waitSignal(app.controller.resolved, timeout=TIMEOUT_MS):
        app.controller.resolve(state.conflicts[0], Resolution.KEEP_BOTH)

    assert seen_when_resolved == [(0, 0, False)]
    assert not app.window.conflicts.isVisible()
    assert not any(t.startswith("Choose between versions") for t in menu_texts(app.window.menu))
