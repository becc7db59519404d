"""The tray asks when a deletion guard stops a pass (issue 13, item 2): the dialog alone
(both sides, its words, its buttons, nothing destructive by default), when the app asks
(once per stop), and the answer through the real controller and a real ``SyncService``
against WsgiDAV."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from cozysync.api import SyncService
from cozysync.errors import FolderEmptiedError, MassDeletionError
from cozysync.events import StatusChanged, StatusKind
from cozysync.messages import MessageId
from cozysync_ui.dialogs.deletion_question import deletion_question
from cozysync_ui.dialogs.deletions import DeletionAnswer, DeletionDialog, DeletionQuestion
from cozysync_ui.itemmodels.deletion_questions import DeletionQuestions
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray import menu_texts
from tests.servers import WsgiDavServer

TIMEOUT_MS = 30_000
CLASS_FILES = [f"Classe/devoir-{i:02d}.txt" for i in range(40)]
OTHER_FILES = [f"autre-{i:02d}.txt" for i in range(60)]


def emptied_on_the_cloud() -> FolderEmptiedError:
    """What the engine raises when the server lists ``Classe`` empty (sync/guards.py)."""
    return FolderEmptiedError(
        "the server now lists the folder Classe as empty, but it held 40 synced files: "
        "nothing was deleted here",
        "If the server's storage is unavailable, wait until it is back.",
        side="local",
        count=40,
        total=101,
        paths=tuple(CLASS_FILES[:5]),
    )


def deleted_here() -> MassDeletionError:
    return MassDeletionError(
        "this sync would delete 60 of 81 items on the server; it was stopped",
        side="remote",
        count=60,
        total=81,
        paths=("Archives/vieux-00.txt", "Archives/vieux-01.txt"),
    )


def question_of(error: MassDeletionError, folder: str = "docs") -> DeletionQuestion:
    question = deletion_question(folder, error.message)
    assert question is not None
    return question


def stop_event(error: MassDeletionError) -> StatusChanged:
    """The StatusChanged the engine emits when a guard stops a pass (service/session.py)."""
    return StatusChanged(StatusKind.NEEDS_ATTENTION, error.one_line(), stopped_by=error.message)


def texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def buttons(dialog: DeletionDialog) -> list[str]:
    return [button.text() for button in dialog.findChildren(QPushButton)]


# --- the dialog alone ---------------------------------------------------------------------


def test_the_question_is_read_from_the_engines_message():
    question = question_of(emptied_on_the_cloud())
    assert question == DeletionQuestion(
        folder="docs",
        side="local",
        count=40,
        total=101,
        paths=tuple(CLASS_FILES[:5]),
        detail=emptied_on_the_cloud().title,
        emptied=True,
    )
    assert question.missing_from == "Classe"
    assert question_of(deleted_here()).emptied is False
    assert deletion_question("docs", None) is None
    assert deletion_question("docs", StatusChanged(StatusKind.UP_TO_DATE).message) is None


def test_the_dialog_says_the_cloud_lost_a_folder(qtbot):
    dialog = DeletionDialog(question_of(emptied_on_the_cloud()))
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert (
        "40 files are missing from the folder Classe on your cloud. "
        "Nothing was deleted on this computer yet." in shown
    )
    assert "… and 35 more." in shown
    assert [dialog.paths.item(i).text() for i in range(dialog.paths.count())] == CLASS_FILES[:5]
    assert buttons(dialog) == ["Decide later", "Put them back on the cloud", "Delete them here too"]
    assert dialog.delete.toolTip() == "They go to the trash of this computer."
    assert dialog.windowTitle() == "Files are missing in docs"


def test_the_dialog_says_files_were_deleted_here(qtbot):
    dialog = DeletionDialog(question_of(deleted_here()))
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert "You deleted 60 files here. Nothing was deleted on your cloud yet." in shown
    assert "… and 58 more." in shown
    assert buttons(dialog) == ["Decide later", "Put them back here", "Delete them on the cloud too"]


@pytest.mark.parametrize("error", [emptied_on_the_cloud(), deleted_here()], ids=["local", "remote"])
def test_nothing_destructive_is_the_default(qtbot, error):
    dialog = DeletionDialog(question_of(error))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.later.isDefault()
    assert not dialog.delete.isDefault() and not dialog.delete.autoDefault()
    assert not dialog.put_back.isDefault() and not dialog.put_back.autoDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter: decide later
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.answer is None


@pytest.mark.parametrize("error", [emptied_on_the_cloud(), deleted_here()], ids=["local", "remote"])
@pytest.mark.parametrize(
    ("button", "answer"),
    [("delete", DeletionAnswer.DELETE), ("put_back", DeletionAnswer.PUT_BACK), ("later", None)],
)
def test_each_button_returns_its_answer(qtbot, error, button, answer):
    dialog = DeletionDialog(question_of(error))
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished):
        getattr(dialog, button).click()
    assert dialog.answer is answer
    assert not dialog.isVisible()


def test_the_dialog_speaks_french(qtbot, french):
    dialog = DeletionDialog(question_of(emptied_on_the_cloud()))
    qtbot.addWidget(dialog)
    assert (
        "40 fichiers manquent dans le dossier Classe de votre cloud. "
        "Rien n’a encore été supprimé sur cet ordinateur." in texts(dialog)
    )
    assert buttons(dialog) == [
        "Décider plus tard",
        "Les remettre dans le cloud",
        "Les supprimer ici aussi",
    ]


# --- when to ask --------------------------------------------------------------------------


def test_a_stop_is_asked_once_then_again_when_it_changes_or_after_an_answer(qapp):
    questions = DeletionQuestions()
    stop = stop_event(emptied_on_the_cloud())
    syncing = StatusChanged(StatusKind.SYNCING)
    asked = questions.on_status_changed("docs", stop)
    assert asked == question_of(emptied_on_the_cloud())
    assert questions.on_status_changed("docs", syncing) is None
    assert questions.on_status_changed("docs", stop) is None  # the watch loop's retry
    questions.deferred(asked)
    assert questions.on_status_changed("docs", stop) is None
    assert questions.pending("docs") == asked  # "Review deletions…" still offers it
    other = FolderEmptiedError(
        "the server now lists the folder Classe as empty, but it held 41 synced files: "
        "nothing was deleted here",
        side="local",
        count=41,
        total=102,
    )
    changed = questions.on_status_changed("docs", stop_event(other))
    assert changed is not None and changed.count == 41
    questions.answered(changed)
    assert questions.pending("docs") is None
    assert questions.on_status_changed("docs", stop_event(other)) is None  # from before it
    questions.delivered("docs")
    assert questions.on_status_changed("docs", stop_event(other)) is None
    assert questions.on_status_changed("docs", syncing) is None  # the answer's pass
    assert questions.on_status_changed("docs", stop_event(other)) == changed  # it stopped again
    assert questions.on_status_changed("docs", StatusChanged(StatusKind.UP_TO_DATE)) is None
    assert questions.stopped_folders() == []
    # days later the same stop again: asked again (only "Decide later" is remembered)
    again = questions.on_status_changed("docs", stop_event(other))
    assert again == changed
    questions.deferred(again)
    assert questions.on_status_changed("docs", StatusChanged(StatusKind.UP_TO_DATE)) is None
    assert questions.on_status_changed("docs", stop_event(other)) is None
    assert questions.pending("docs") == changed


# --- through the app, against WsgiDAV -----------------------------------------------------


@pytest.fixture
def class_dir(tmp_path: Path, service: SyncService, wsgidav_server: WsgiDavServer) -> Path:
    """40 files in ``Classe/`` and 60 beside it, synced; then the server lists ``Classe``
    without anything in it (its storage unmounted), the folder itself still there."""
    local = tmp_path / "Documents"
    (local / "Classe").mkdir(parents=True)
    for rel in CLASS_FILES + OTHER_FILES:
        (local / rel).write_text(f"contenu de {rel}\n", encoding="utf-8")
    service.link(
        local, wsgidav_server.url, user=wsgidav_server.user,
        password=wsgidav_server.password, name="docs", allow_file_store=True,
    )  # fmt: skip
    assert service.sync_once("docs").in_sync
    for item in (wsgidav_server.root / "Classe").iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    return local


def on_server(server: WsgiDavServer) -> list[str]:
    return sorted(f"Classe/{p.name}" for p in (server.root / "Classe").iterdir())


def trashed(tmp_path: Path) -> list[Path]:
    trash = tmp_path / "xdg-data" / "Trash" / "files"
    return list(trash.iterdir()) if trash.exists() else []


def test_put_back_on_the_cloud_from_the_dialog(
    qtbot, tmp_path: Path, make_app, class_dir: Path, wsgidav_server: WsgiDavServer
):
    app = make_app()
    qtbot.addWidget(app.window)
    asked: list[DeletionQuestion] = []
    app.controller.deletions_asked.connect(asked.append)
    qtbot.waitUntil(lambda: "docs" in app.deletion_dialogs, timeout=TIMEOUT_MS)
    dialog = app.deletion_dialogs["docs"]
    assert "40 files are missing from the folder Classe on your cloud." in dialog.headline.text()
    assert app.window.review_deletions.isVisible()
    assert on_server(wsgidav_server) == []

    dialog.put_back.click()

    qtbot.waitUntil(lambda: on_server(wsgidav_server) == CLASS_FILES, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert (wsgidav_server.root / "Classe" / "devoir-07.txt").read_text(encoding="utf-8") == (
        "contenu de Classe/devoir-07.txt\n"
    )
    assert sorted(p.name for p in (class_dir / "Classe").iterdir()) == [
        Path(rel).name for rel in CLASS_FILES
    ]
    assert trashed(tmp_path) == []
    assert len(asked) == 1 and app.deletion_dialogs == {}
    assert not app.window.review_deletions.isVisible()


def test_the_same_stop_said_again_shows_one_dialog(
    qtbot, make_app, class_dir: Path, wsgidav_server: WsgiDavServer
):
    app = make_app()
    qtbot.addWidget(app.window)
    asked: list[DeletionQuestion] = []
    stops: list[StatusChanged] = []
    app.controller.deletions_asked.connect(asked.append)
    app.controller.bridge.status_changed.connect(
        lambda _folder, event: stops.append(event) if event.stopped_by is not None else None
    )
    qtbot.waitUntil(lambda: "docs" in app.deletion_dialogs, timeout=TIMEOUT_MS)
    first = app.deletion_dialogs["docs"]

    app.controller.sync_now()  # another pass: the engine says the same stop again
    qtbot.waitUntil(lambda: len(stops) >= 2, timeout=TIMEOUT_MS)

    assert stops[0].stopped_by == stops[1].stopped_by
    assert stops[0].stopped_by.id == MessageId.ERROR_FOLDER_EMPTIED
    assert len(asked) == 1 and app.deletion_dialogs == {"docs": first}
    first.later.click()  # remembered: the next stop asks nothing
    app.controller.sync_now()
    qtbot.waitUntil(lambda: len(stops) >= 3, timeout=TIMEOUT_MS)
    assert len(asked) == 1 and app.deletion_dialogs == {}
    assert "Stopped: deleted files wait for your answer" in app.window.folder_list.item(0).text()
    assert "Review deletions in docs…" in menu_texts(app.window.menu)

    app.window.review_deletions.click()  # the user asks for it again

    assert len(asked) == 2 and "docs" in app.deletion_dialogs
    app.deletion_dialogs["docs"].later.click()
    assert on_server(wsgidav_server) == []  # nothing answered: still stopped
    assert app.controller.deletions.stopped_folders() == ["docs"]
    assert stops[-1].kind is StatusKind.NEEDS_ATTENTION


def test_delete_them_here_too_sends_the_copies_to_the_trash(
    qtbot, tmp_path: Path, make_app, class_dir: Path, wsgidav_server: WsgiDavServer
):
    for folder in ("files", "info"):  # a desktop's trash, there before (send2trash makes
        # it racily: two items trashed at once on a fresh account, one may fail and wait
        # for the next pass)
        (tmp_path / "xdg-data" / "Trash" / folder).mkdir(parents=True, exist_ok=True)
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: "docs" in app.deletion_dialogs, timeout=TIMEOUT_MS)

    app.deletion_dialogs["docs"].delete.click()

    qtbot.waitUntil(lambda: len(trashed(tmp_path)) == 40, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert list((class_dir / "Classe").iterdir()) == []
    assert on_server(wsgidav_server) == []
    assert app.deletion_dialogs == {} and app.controller.deletions.stopped_folders() == []
