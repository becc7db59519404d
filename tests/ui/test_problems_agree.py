"""The window's banner, its Problems list and its count say the same thing (issue 16,
item 8: one source of truth), in French, with a real engine: a Cozy's word about the
account (told as ``ErrorRaised`` just before its pass's ``StatusChanged``, never in the
journal) stays listed after the snapshot read that follows; an item's error is listed
and counted while its banner shows, and the banner goes with it."""

from __future__ import annotations

from pathlib import Path

from cozysync.api import SyncService
from cozysync.messages import MessageId
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray import menu_texts
from tests.cozy_server import CozyStackServer, UserBrowser
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000


def problem_texts(window) -> list[str]:
    return [window.problem_list.item(i).text() for i in range(window.problem_list.count())]


def assert_banner_list_and_count_agree(window, state, count: int) -> None:
    texts = problem_texts(window)
    if count:
        assert window.notice.isVisible()
        assert "Aucun problème" not in texts and len(texts) == count, texts
        assert f"{count} problème" in window.detail.text(), window.detail.text()
        assert f"Problèmes ({count})" in menu_texts(window.menu)
    else:
        assert not window.notice.isVisible(), window.notice.text()
        assert texts == ["Aucun problème"]
        assert "problème" not in window.detail.text()


def test_a_word_from_the_cozy_stays_listed_after_the_passs_snapshot(
    qtbot, make_app, service: SyncService, tmp_path: Path, cozy_server: CozyStackServer, french
):
    local = tmp_path / "Cozy"
    local.mkdir()
    (local / "exposé.txt").write_text("Les volcans\n", encoding="utf-8")
    service.link(
        local, cozy_server.url, cozy=True, open_browser=False, print_url=UserBrowser(),
        name="docs", allow_file_store=True,
    )  # fmt: skip
    cozy_server.terms_to_sign = "https://manager.example/tos"

    app = make_app()
    qtbot.addWidget(app.window)
    window, state = app.window, app.controller.state
    told = []
    app.controller.bridge.error_raised.connect(lambda folder, event: told.append(event))
    # the pass tells the warning, then ends; the snapshot read after its end is shown
    qtbot.waitUntil(lambda: bool(told), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: state.statuses["docs"].last_sync_at is not None, timeout=TIMEOUT_MS)

    assert [e.message.id for e in told] == [MessageId.WARNING_COZY_TERMS]
    assert cozy_server.tree()["exposé.txt"] == b"Les volcans\n"
    assert_banner_list_and_count_agree(window, state, 1)
    assert "Un mot de votre cloud" in window.notice.text()  # not "Un fichier…"
    [problem] = state.problems()
    assert (
        problem.title == "Votre Cozy vous demande d’accepter ses nouvelles conditions d’utilisation"
    )
    assert any(problem.title in t for t in problem_texts(window))


def test_an_items_error_and_its_banner_come_and_go_together(
    qtbot, make_app, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer, french
):
    assert service.sync_once("docs").in_sync
    app = make_app()
    qtbot.addWidget(app.window)
    window, state = app.window, app.controller.state
    qtbot.waitUntil(lambda: state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert wsgidav_server.faults is not None
    # the upload's last step (its temp file moved onto the name) meets a lock there:
    # someone has the file open on the server (RFC 4918 §9.9.4: 423 Locked)
    wsgidav_server.faults.add("MOVE", "/Cours/.cozysync-", 423, times=1000)
    (local_dir / "Cours" / "tableau.xlsx").write_bytes(b"PK\x03\x04 notes")

    qtbot.waitUntil(lambda: window.notice.isVisible(), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: len(state.statuses["docs"].errors) == 1, timeout=TIMEOUT_MS)

    assert "Cours/tableau.xlsx" in window.notice.text()
    assert_banner_list_and_count_agree(window, state, 1)
    assert not (wsgidav_server.root / "Cours" / "tableau.xlsx").exists()

    app.controller.unlink("docs", wipe_local=False)  # its problem goes with it
    qtbot.waitUntil(lambda: not state.statuses, timeout=TIMEOUT_MS)

    assert_banner_list_and_count_agree(window, state, 0)
    assert (local_dir / "Cours" / "tableau.xlsx").read_bytes() == b"PK\x03\x04 notes"
