"""A real conflict (both sides changed a file) shown side by side and settled each of the
three ways through the app; the trees on both sides are checked afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit

from cozysync.api import ConflictInfo, SyncService
from cozysync_ui.dialogs.conflict import ConflictDialog, Resolution
from cozysync_ui.itemmodels.sync_state import State

TIMEOUT_MS = 30_000
MINE = "version de cet ordinateur\n"
THEIRS = "version du serveur, plus longue\n"


def make_conflict(service: SyncService, local: Path, server, name: str = "élève.txt") -> None:
    assert service.sync_once("docs").in_sync
    (local / name).write_text(MINE, encoding="utf-8")
    server.write(name, THEIRS.encode())
    outcome = service.sync_once("docs")
    assert outcome.conflicts >= 1


def texts(dialog: ConflictDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def trash_texts(tmp_path: Path) -> list[str]:
    trash = tmp_path / "xdg-data" / "Trash" / "files"
    return [p.read_text(encoding="utf-8") for p in trash.iterdir()] if trash.exists() else []


def test_the_dialog_shows_both_versions_side_by_side(
    qtbot, service, local_dir: Path, wsgidav_server
):
    make_conflict(service, local_dir, wsgidav_server)
    [conflict] = service.conflicts()
    dialog = ConflictDialog(conflict, local_dir)
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert "<b>élève.txt</b> was changed on this computer and in the cloud." in shown
    assert f"Size: {len(MINE.encode())} bytes" in shown
    assert f"Size: {len(THEIRS.encode())} bytes" in shown
    assert sum(t.startswith("Modified: ") for t in shown) == 2
    titles = [box.title() for box in dialog.findChildren(QGroupBox)]
    assert titles == [f"This computer ({dialog.mine.device})", "The cloud"]
    previews = [p.toPlainText() for p in dialog.findChildren(QPlainTextEdit)]
    assert previews == [MINE, THEIRS]
    assert dialog.mine.device and dialog.mine.is_mine and not dialog.theirs.is_mine
    # size, time and device are the engine's (ConflictInfo's two versions)
    assert conflict.local_version is not None and conflict.remote_version is not None
    assert dialog.mine.device == conflict.local_version.device
    assert (dialog.mine.size, dialog.theirs.size) == (len(MINE.encode()), len(THEIRS.encode()))
    assert dialog.theirs.modified_at == conflict.remote_version.modified_at


def test_an_image_is_previewed(qtbot, tmp_path: Path):
    root = tmp_path / "root"
    root.mkdir()
    for name, colour in (
        ("photo.png", "red"),
        ("photo (conflict pc 2024-01-02 030405).png", "blue"),
    ):
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(QColor(colour))
        assert image.save(str(root / name))
    conflict = ConflictInfo("docs", "photo.png", "photo (conflict pc 2024-01-02 030405).png", 0.0)
    dialog = ConflictDialog(conflict, root)
    qtbot.addWidget(dialog)
    pictures = [label for label in dialog.findChildren(QLabel) if not label.pixmap().isNull()]
    assert len(pictures) == 2
    assert "This computer (pc)" in [b.title() for b in dialog.findChildren(QGroupBox)]


def _sized_conflict(root: Path) -> ConflictInfo:
    root.mkdir()
    (root / "notes.txt").write_bytes(b"t" * 3_410)
    (root / "notes (conflict pc 2024-01-02 030405).txt").write_bytes(b"m" * 1_500_000)
    return ConflictInfo("docs", "notes.txt", "notes (conflict pc 2024-01-02 030405).txt", 0.0)


def test_sizes_are_said_as_the_cli_says_them(qtbot, tmp_path: Path):
    dialog = ConflictDialog(_sized_conflict(tmp_path / "root"), tmp_path / "root")
    qtbot.addWidget(dialog)
    sizes = [t for t in texts(dialog) if t.startswith("Size")]
    assert sizes == ["Size: 1.4 MB", "Size: 3.3 KB"], sizes  # cozysync.byte_sizes, not KiB


def test_sizes_in_french(qtbot, french, tmp_path: Path):
    dialog = ConflictDialog(_sized_conflict(tmp_path / "root"), tmp_path / "root")
    qtbot.addWidget(dialog)
    sizes = [t for t in texts(dialog) if t.startswith("Taille")]
    assert sizes == ["Taille : 1,4 Mo", "Taille : 3,3 ko"], sizes  # not "Kio"


@pytest.mark.parametrize("choice", list(Resolution))
def test_each_choice_is_applied_and_propagated(
    qtbot, tmp_path: Path, service, make_app, local_dir: Path, wsgidav_server, choice
):
    make_conflict(service, local_dir, wsgidav_server)
    [conflict] = service.conflicts()
    copy = conflict.conflict_path
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.ATTENTION, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.window.conflicts.isVisible())
    app.window.conflicts.click()
    dialog = app.conflict_flow.dialog
    button = {
        Resolution.KEEP_MINE: dialog.keep_mine,
        Resolution.KEEP_THEIRS: dialog.keep_theirs,
        Resolution.KEEP_BOTH: dialog.keep_both,
    }[choice]
    with qtbot.waitSignal(app.controller.resolved, timeout=TIMEOUT_MS):
        button.click()
    server = wsgidav_server.root
    if choice is Resolution.KEEP_BOTH:
        expected = {"élève.txt": THEIRS, copy: MINE}
    else:
        expected = {"élève.txt": MINE if choice is Resolution.KEEP_MINE else THEIRS}

    def trees_match() -> bool:
        for side in (local_dir, server):
            names = {p.name for p in side.glob("élève*.txt")}
            if names != set(expected):
                return False
            if any((side / n).read_text(encoding="utf-8") != t for n, t in expected.items()):
                return False
        return True

    qtbot.waitUntil(trees_match, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    assert service.conflicts() == []
    if choice is Resolution.KEEP_MINE:  # the version not kept is in the trash, not lost
        assert THEIRS in trash_texts(tmp_path)
    elif choice is Resolution.KEEP_THEIRS:
        assert MINE in trash_texts(tmp_path)


def test_several_conflicts_in_a_row(qtbot, service, make_app, local_dir: Path, wsgidav_server):
    (local_dir / "autre.txt").write_text("autre\n", encoding="utf-8")
    assert service.sync_once("docs").in_sync
    for name in ("élève.txt", "autre.txt"):
        (local_dir / name).write_text(MINE, encoding="utf-8")
        wsgidav_server.write(name, THEIRS.encode())
    assert service.sync_once("docs").conflicts == 2
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: len(app.controller.state.conflicts) == 2, timeout=TIMEOUT_MS)
    app.show_conflicts()
    first = app.conflict_flow.dialog
    assert "Conflict 1 of 2" in texts(first)
    with qtbot.waitSignal(app.controller.resolved, timeout=TIMEOUT_MS):
        first.keep_theirs.click()
    second = app.conflict_flow.dialog
    assert second is not None and second is not first
    assert "Conflict 2 of 2" in texts(second)
    with qtbot.waitSignal(app.controller.resolved, timeout=TIMEOUT_MS):
        second.keep_both.click()
    assert app.conflict_flow.dialog is None
    qtbot.waitUntil(lambda: len(service.conflicts()) == 0, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)


def test_decide_later_keeps_the_conflict(qtbot, service, make_app, local_dir, wsgidav_server):
    make_conflict(service, local_dir, wsgidav_server)
    app = make_app()
    qtbot.addWidget(app.window)
    qtbot.waitUntil(lambda: len(app.controller.state.conflicts) == 1, timeout=TIMEOUT_MS)
    app.show_conflicts()
    app.conflict_flow.dialog.later.click()
    assert app.conflict_flow.dialog is None
    assert len(service.conflicts()) == 1
