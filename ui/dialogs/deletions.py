"""``DeletionDialog``: a deletion guard stopped a folder's sync before it deleted many
files (or before it trashed the copies here of a folder the cloud suddenly lists as
empty).  It says what happened in plain words, names a few of the files, and asks:
delete them on the other side too, or put them back where they are missing.  It returns
a ``DeletionAnswer`` (None: decide later) and never calls the engine.

Nothing destructive is the default: Enter and Escape both mean "Decide later"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync_ui.dialogs.deletion_question import DeletionAnswer, DeletionQuestion
from cozysync_ui.i18n import translate

__all__ = ["DeletionAnswer", "DeletionDialog", "DeletionQuestion", "what_happened"]


def what_happened(question: DeletionQuestion) -> str:
    """ "40 files are missing from the folder Classe on your cloud. Nothing was deleted
    on this computer yet." """
    count = question.count
    if question.side == "local":
        if not question.emptied:
            missing = translate(
                "DeletionDialog", "%n file(s) were deleted on your cloud.", None, count
            )
        elif question.missing_from:
            missing = translate(
                "DeletionDialog",
                "%n file(s) are missing from the folder %1 on your cloud.",
                None,
                count,
            ).replace("%1", question.missing_from)
        else:
            missing = translate(
                "DeletionDialog", "%n file(s) are missing from your cloud.", None, count
            )
        kept = translate("DeletionDialog", "Nothing was deleted on this computer yet.")
    else:
        if question.emptied:
            missing = translate(
                "DeletionDialog",
                "The folder on this computer is empty: %n file(s) are missing here.",
                None,
                count,
            )
        else:
            missing = translate("DeletionDialog", "You deleted %n file(s) here.", None, count)
        kept = translate("DeletionDialog", "Nothing was deleted on your cloud yet.")
    return f"{missing} {kept}"


def _advice(question: DeletionQuestion) -> str:
    if question.side == "local":
        return translate(
            "DeletionDialog",
            "If your cloud has a problem right now, choose “Decide later” and wait until the "
            "files are back there. If you delete them here too, they go to the trash of this "
            "computer.",
        )
    if question.emptied:
        return translate(
            "DeletionDialog",
            "If the folder is on a drive that is not connected, connect it, then choose "
            "“Decide later”.",
        )
    return translate(
        "DeletionDialog",
        "If you did not mean to delete them, put them back here. If you did, delete them on "
        "your cloud too.",
    )


class DeletionDialog(QDialog):
    """Shows one folder's stopped deletions; after ``exec``/``finished``, ``answer``
    holds the choice (None when the user chose to decide later)."""

    def __init__(self, question: DeletionQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.answer: DeletionAnswer | None = None
        self.setWindowTitle(
            translate("DeletionDialog", "Files are missing in %1").replace("%1", question.folder)
        )
        layout = QVBoxLayout(self)
        self.headline = QLabel(what_happened(question))
        self.headline.setWordWrap(True)
        self.headline.setToolTip(question.detail)  # the engine's words, for a support request
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        layout.addWidget(self._examples())
        advice = QLabel(_advice(question))
        advice.setWordWrap(True)
        layout.addWidget(advice)
        later_note = QLabel(
            translate(
                "DeletionDialog",
                "Until you choose, this folder is not synced. You can answer later with "
                "“Review deletions…”.",
            )
        )
        later_note.setWordWrap(True)
        layout.addWidget(later_note)
        layout.addLayout(self._buttons())

    def _examples(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel(translate("DeletionDialog", "Some of them:")))
        self.paths = QListWidget()
        self.paths.addItems(list(self.question.paths))
        self.paths.setAccessibleName(translate("DeletionDialog", "Some of the files"))
        self.paths.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        rows = max(1, self.paths.count())  # a few: the list is as tall as they are
        frame = 2 * self.paths.frameWidth()
        self.paths.setFixedHeight(rows * self.paths.sizeHintForRow(0) + frame + 4)
        column.addWidget(self.paths)
        others = self.question.count - len(self.question.paths)
        if others > 0:
            column.addWidget(QLabel(translate("DeletionDialog", "… and %n more.", None, others)))
        return box

    def _buttons(self) -> QHBoxLayout:
        if self.question.side == "local":
            delete = translate("DeletionDialog", "Delete them here too")
            put_back = translate("DeletionDialog", "Put them back on the cloud")
            delete_help = translate("DeletionDialog", "They go to the trash of this computer.")
        else:
            delete = translate("DeletionDialog", "Delete them on the cloud too")
            put_back = translate("DeletionDialog", "Put them back here")
            delete_help = translate("DeletionDialog", "They are deleted on your cloud.")
        self.later = QPushButton(translate("DeletionDialog", "Decide later"))
        self.put_back = QPushButton(put_back)
        self.delete = QPushButton(delete)
        self.delete.setToolTip(delete_help)
        for button in (self.put_back, self.delete):
            button.setAutoDefault(False)  # Enter never deletes
        self.later.setDefault(True)
        self.later.clicked.connect(self.reject)
        self.put_back.clicked.connect(lambda: self._choose(DeletionAnswer.PUT_BACK))
        self.delete.clicked.connect(lambda: self._choose(DeletionAnswer.DELETE))
        row = QHBoxLayout()
        row.addWidget(self.later)
        row.addStretch(1)
        row.addWidget(self.put_back)
        row.addWidget(self.delete)
        return row

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.later.setFocus()  # not a button that deletes or copies

    def _choose(self, answer: DeletionAnswer) -> None:
        self.answer = answer
        self.accept()
