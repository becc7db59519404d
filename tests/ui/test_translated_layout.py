"""French in the app (issue 16, item 6): the conflict copy explained in the user's
language while its name keeps the one pattern every device recognises, and French
labels that fit at the default window sizes (offscreen Qt, real catalogues)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QStyle

from cozysync.api import ConflictInfo
from cozysync.paths import conflict_copy_name, is_conflict_copy
from cozysync_ui.dialogs.conflict import ConflictDialog
from cozysync_ui.dialogs.selective import TITLE_BAR_ROOM, FolderChoiceDialog
from cozysync_ui.dialogs.wizard import FirstRunWizard


def a_conflict(root: Path) -> ConflictInfo:
    copy = conflict_copy_name("Cours/exposé.odt", "pc-de-léa", datetime(2026, 3, 4, 5, 6, 7))
    (root / "Cours").mkdir()
    (root / "Cours" / "exposé.odt").write_bytes(b"cloud")
    (root / copy).write_bytes(b"mine")
    return ConflictInfo("docs", "Cours/exposé.odt", copy, 0.0)


def test_the_conflict_copy_is_explained_in_french_and_named_as_everywhere(
    qtbot, french, tmp_path: Path
):
    conflict = a_conflict(tmp_path)
    dialog = ConflictDialog(conflict, tmp_path)
    qtbot.addWidget(dialog)
    said = dialog.copy_line.text()
    copy_name = Path(conflict.conflict_path).name
    assert copy_name == "exposé (conflict pc-de-léa 2026-03-04 050607).odt"
    assert said.startswith("Tant que vous n’avez pas choisi")
    assert f"« {copy_name} »" in said and "(conflict appareil date)" in said
    assert is_conflict_copy(conflict.conflict_path)  # the name other devices read


def test_the_conflict_copy_line_in_english(qtbot, english, tmp_path: Path):
    dialog = ConflictDialog(a_conflict(tmp_path), tmp_path)
    qtbot.addWidget(dialog)
    assert "kept beside it as “exposé (conflict pc-de-léa" in dialog.copy_line.text()


def test_the_selective_sync_title_is_whole_in_french(qtbot, french):
    dialog = FolderChoiceDialog("docs", ["Cours", "Photos"], set())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Dossiers à garder sur cet ordinateur"
    bold = QFont(dialog.font())
    bold.setBold(True)
    title = QFontMetrics(bold).horizontalAdvance(dialog.windowTitle())
    assert dialog.width() >= title + TITLE_BAR_ROOM, (dialog.width(), title)


def test_the_address_placeholders_fit_the_wizards_field_in_french(qtbot, french):
    wizard = FirstRunWizard(lambda request: None)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.cloud_page
    assert page.cozy.text() == "Mon Cozy"  # the French catalogue is loaded
    for kind in (page.webdav, page.cozy):
        kind.setChecked(True)
        qtbot.waitUntil(lambda: page.url.isVisible())
        shown = page.url.placeholderText()
        room = (
            page.url.width()
            - 2 * page.url.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
            - 8
        )  # the text margins of a QLineEdit
        assert QFontMetrics(page.url.font()).horizontalAdvance(shown) <= room, shown
    for label in page.findChildren(QLabel):
        if label.isVisible() and not label.wordWrap() and label.text():
            assert label.sizeHint().width() <= label.width() + 1, label.text()
