"""The Deleted files window (issue 18, item 2): a folder's deleted items with date, place
and where they are kept (the cloud's trash, or this computer's where cozysync put them),
a note when the cloud's trash is not listed, Put back / Put back in…; reached from the
window, the tray menu and the file managers' request; and the flow behind it through the
real service and the app's running engine against the Cozy double (its trash follows the
stack's rules: tests/cozy_trash_double.py)."""

from __future__ import annotations

import os
from pathlib import Path

from cozysync.api import DeletedFiles, DeletedItem, Undeleted
from cozysync.desktop_requests import DELETED_FILES, request_line
from cozysync_ui.dialogs.deleted_files_window import DeletedFilesWindow
from cozysync_ui.tray_menu import TrayMenu, menu_texts
from tests.cozy_server import CozyStackServer, CozyUser
from tests.engine.cozy_world import link_with_browser
from tests.engine.inprocess_cli import InProcessCli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401

SERVER_ITEM = DeletedItem(
    "server:abc", "docs", "Cours/essai.txt", False, 9, 1_765_000_060.0, "server", "Alice"
)
LOCAL_ITEM = DeletedItem(
    "local:def", "docs", "notes.txt", False, 3, 1_765_000_000.0, "this computer",
    place_taken=True,
)  # fmt: skip
LISTED = DeletedFiles("docs", (SERVER_ITEM, LOCAL_ITEM), "listed")


def test_the_items_are_listed_with_where_they_are_kept(qtbot):
    window = DeletedFilesWindow(["docs"])
    qtbot.addWidget(window)
    assert not window.folder.isVisible()  # one folder: no choice to make
    window.show_listing(LISTED)
    first, second = (window.items.item(n).text() for n in range(2))
    assert "Cours/essai.txt — in your cloud's trash (deleted by Alice)" in first
    assert "notes.txt — in this computer's trash (put there by cozysync)" in second
    assert "Something else is at its place now" in second
    assert window.put_back.isEnabled()  # the newest, selected
    window.items.setCurrentRow(1)
    assert not window.put_back.isEnabled() and window.put_back_in.isEnabled()
    with qtbot.waitSignal(window.undelete_wanted) as asked:
        window.put_back_in.click()
    assert asked.args == [LOCAL_ITEM, True]


def test_a_missing_trash_is_said_and_nothing_is_offered(qtbot):
    window = DeletedFilesWindow(["docs", "notes"])
    qtbot.addWidget(window)
    window.show()
    assert window.folder.isVisible()
    window.show_listing(DeletedFiles("docs", (), "offline", "cannot reach the server"))
    assert "No deleted file to put back in docs." in window.state.text()
    assert "Your cloud cannot be reached" in window.state.text()
    assert not window.put_back.isEnabled() and not window.put_back_in.isEnabled()
    with qtbot.waitSignal(window.folder_wanted) as wanted:
        window.folder.setCurrentIndex(1)
    assert wanted.args == ["notes"]
    window.show_listing(DeletedFiles("docs", (SERVER_ITEM,), "listed"))  # late: not shown
    assert window.items.count() == 0
    window.show_listing(DeletedFiles("notes", (), "no-trash"))
    assert "This server has no trash cozysync can read" in window.state.text()


def test_the_window_in_french(qtbot, french):
    window = DeletedFilesWindow(["docs"])
    qtbot.addWidget(window)
    window.show_listing(LISTED)
    assert window.windowTitle() == "Fichiers supprimés"
    assert window.put_back.text() == "Remettre" and window.put_back_in.text() == "Remettre dans…"
    assert "dans la corbeille de votre cloud (supprimé par Alice)" in window.items.item(0).text()
    assert "dans la corbeille de cet ordinateur" in window.items.item(1).text()


def _linked_and_trashed(tmp_path: Path, cozy_server: CozyStackServer) -> Path:
    """A folder linked to the Cozy (the app's COZYSYNC_HOME), essai.txt synced, then
    deleted on the Cozy and the deletion synced (its copy in this computer's trash)."""
    local = tmp_path / "Cozy"
    local.mkdir()
    cli = InProcessCli(tmp_path / "home", dict(os.environ))
    assert link_with_browser(cli, local, cozy_server.url).code == 0
    user = CozyUser(cozy_server)
    try:
        user.write("essai.txt", b"mon essai")
        assert cli.sync().code == 0
        user.trash("essai.txt")
        assert cli.sync().code == 0
    finally:
        user.close()
    assert not (local / "essai.txt").exists()
    return local


def test_the_window_puts_back_and_the_running_engine_brings_it(
    qtbot, make_app, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    local = _linked_and_trashed(tmp_path, cozy_server)
    app = make_app()
    window = app.window
    qtbot.addWidget(window)
    assert window.deleted_files.text() == "Deleted files…"
    qtbot.waitUntil(lambda: "docs" in app.controller.state.statuses, timeout=30_000)
    with qtbot.waitSignal(window.deleted_files_flow.window_shown, timeout=30_000) as shown:
        window.deleted_files.click()
    deleted: DeletedFilesWindow = shown.args[0]
    qtbot.waitUntil(lambda: deleted.items.count() == 2, timeout=30_000)
    texts = [deleted.items.item(n).text() for n in range(2)]
    assert any("essai.txt — in your cloud's trash" in t for t in texts), texts
    assert any("essai.txt — in this computer's trash" in t for t in texts), texts
    row = next(n for n, t in enumerate(texts) if "cloud's trash" in t)
    deleted.items.setCurrentRow(row)
    with qtbot.waitSignal(window.deleted_files_flow.undeleted, timeout=60_000) as undeleted:
        deleted.put_back.click()
    done: Undeleted = undeleted.args[0]
    assert (done.path, done.origin, done.synced) == ("essai.txt", "server", False)
    assert cozy_server.tree()["essai.txt"] == b"mon essai"  # on the server first
    qtbot.waitUntil(lambda: (local / "essai.txt").exists(), timeout=60_000)  # the app's pass
    assert (local / "essai.txt").read_bytes() == b"mon essai"
    assert "is back in your cloud" in window.notice.text()
    qtbot.waitUntil(lambda: deleted.items.count() == 1, timeout=30_000)  # listed again
    deleted.close()


def test_the_tray_menu_and_the_file_managers_open_it(
    qtbot, make_app, tmp_path: Path, cozy_server: CozyStackServer,
    real_keyring: KeyringSession,  # noqa: F811
):  # fmt: skip
    local = _linked_and_trashed(tmp_path, cozy_server)
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: "docs" in app.controller.state.statuses, timeout=30_000)
    assert "Deleted files…" in menu_texts(app.window.menu)
    entries = TrayMenu.of(app.window.menu)  # the tray's entries (the window's menu here)
    assert entries is not None
    entries.deleted_files.trigger()
    assert app.deleted_files is not None and app.deleted_files.window is not None
    shown = app.deleted_files.window
    qtbot.waitUntil(lambda: shown.items.count() == 2, timeout=30_000)
    shown.close()
    answers: list[dict[str, object]] = []
    app.requests.answer(request_line(DELETED_FILES, [str(local)]), answers.append)
    assert answers == [{"ok": True}]
    assert app.deleted_files.window.isVisible()
    app.deleted_files.window.close()


def test_a_trash_not_read_is_said_in_french_words(qtbot, french):
    """The server's English title never lands in the French note (issue 18, item 2)."""
    window = DeletedFilesWindow(["docs"])
    qtbot.addWidget(window)
    english = "the server answered 500 Internal Server Error"
    window.show_listing(DeletedFiles("docs", (), "failed", english, None))
    said = "La corbeille de votre cloud n’a pas pu être lue : il a répondu par une erreur"
    assert said in window.state.text(), window.state.text()
    window.show_listing(DeletedFiles("docs", (), "failed", "login refused", "error.auth"))
    assert "n’a pas pu être lue : Votre cloud a refusé la connexion" in window.state.text()
