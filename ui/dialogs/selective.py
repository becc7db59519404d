"""Selective sync: which top-level folders of the cloud to keep on this computer.

``FolderChoice`` is the list of checkboxes, used by the wizard's page and by
``FolderChoiceDialog`` (from the preferences); it takes the folder names and the ones
left out, and returns the ones left out.  A folder left out is not downloaded, and it is
never deleted in the cloud."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync_ui.i18n import translate

# what a title bar holds beside the title: the window's icon and its buttons (GNOME's
# header bar, KDE, Xfce: 3 buttons of about 40 px, margins) — room kept so the title shows
TITLE_BAR_ROOM = 180


def title_width(widget: QWidget) -> int:
    """The room a window needs for its whole title (bold, as most title bars draw it)."""
    font = QFont(widget.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(widget.windowTitle()) + TITLE_BAR_ROOM


__all__ = ["FolderChoice", "FolderChoiceDialog"]


class FolderChoice(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.folders = QListWidget()
        self.folders.setAccessibleName(translate("Selective", "Folders of your cloud"))
        note = QLabel(
            translate(
                "Selective",
                "A folder you untick is not downloaded to this computer, and it is never "
                "deleted in the cloud. Files at the top of your cloud are always kept.",
            )
        )
        note.setWordWrap(True)
        # what other clients of a Cozy leave out (another device, or this computer before
        # a reinstall: the Cozy cannot tell which): offered, never unticked unasked
        self.left_out = QLabel()
        self.left_out.setWordWrap(True)
        self.leave_out = QPushButton(translate("Selective", "Leave them out here too"))
        self.leave_out.clicked.connect(self._leave_out_offered)
        self._offered: tuple[str, ...] = ()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.status)
        column.addWidget(self.folders, 1)
        column.addWidget(self.left_out)
        column.addWidget(self.leave_out)
        column.addWidget(note)
        self.offer_left_out(())

    def show_loading(self) -> None:
        self.folders.clear()
        self.offer_left_out(())
        self.status.setText(translate("Selective", "Looking at the folders of your cloud…"))

    def show_error(self, text: str) -> None:
        self.folders.clear()
        self.offer_left_out(())
        self.status.setText(text)

    def set_folders(self, names: list[str], excluded: set[str]) -> None:
        self.folders.clear()
        for name in sorted(names, key=str.casefold):
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            unticked = name in excluded
            item.setCheckState(Qt.CheckState.Unchecked if unticked else Qt.CheckState.Checked)
            self.folders.addItem(item)
        if names:
            self.status.setText(translate("Selective", "Keep these folders on this computer:"))
        else:
            self.status.setText(
                translate("Selective", "Your cloud has no folders yet: everything will be kept.")
            )

    def offer_left_out(self, names: tuple[str, ...]) -> None:
        """Say which listed folders other clients of the Cozy leave out, with a button
        that unticks them here too; ``()`` hides the offer."""
        listed = {item.text() for item in self.items()}
        self._offered = tuple(name for name in names if name in listed)
        text = translate(
            "Selective",
            "On your Cozy, another device, or this computer before a reinstall, leaves out: %1.",
        )
        self.left_out.setText(text.replace("%1", ", ".join(self._offered)))
        self.left_out.setVisible(bool(self._offered))
        self.leave_out.setVisible(bool(self._offered))

    def _leave_out_offered(self) -> None:
        for name in self._offered:
            self.set_kept(name, False)

    def items(self) -> list[QListWidgetItem]:
        return [self.folders.item(i) for i in range(self.folders.count())]

    def set_kept(self, name: str, kept: bool) -> None:
        for item in self.items():
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked if kept else Qt.CheckState.Unchecked)

    def excluded(self) -> list[str]:
        """The folders left out (unticked)."""
        return [i.text() for i in self.items() if i.checkState() != Qt.CheckState.Checked]


class FolderChoiceDialog(QDialog):
    """The folders of a linked folder's cloud to keep on this computer; after
    ``accepted``, ``excluded()`` gives the ones left out.  It never calls the engine."""

    def __init__(
        self, folder: str, names: list[str], excluded: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Selective", "Folders to keep on this computer"))
        self.choice = FolderChoice()
        self.choice.set_folders(names, excluded)
        gone = QLabel(
            translate(
                "Selective",
                "A folder you untick leaves this computer: to the trash if everything in it "
                "is in the cloud, else it stays here as it is. Ticking it again brings it back.",
            )
        )
        gone.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton(translate("Selective", "Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(translate("Selective", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(QLabel(f"<b>{escape(folder)}</b>"))
        column.addWidget(self.choice, 1)
        column.addWidget(gone)
        column.addWidget(buttons)
        self.setMinimumWidth(title_width(self))  # the French title, whole (issue 16, item 6)

    def excluded(self) -> list[str]:
        return self.choice.excluded()
