"""``VersionsDialog``: the older versions the cloud keeps of one file (issue 18, item 1),
newest first, each with its date (in the user's locale), size and who made it where the
server says; a preview of the one selected (text or image, as the conflict dialog
shows them); and Restore / Restore as a copy.

It takes data and returns a result (``choice``), and never calls the engine: the preview's
bytes are asked with ``preview_wanted`` and handed back with ``show_preview`` (the caller
reads them off the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync.api import FileVersions
from cozysync.byte_sizes import size_words
from cozysync_ui.i18n import translate

__all__ = ["PREVIEW_BYTES", "VersionChoice", "VersionsDialog", "preview_text"]

PREVIEW_BYTES = 4096  # of a text version shown
PREVIEW_SIZE = 220  # an image's preview, at most, in pixels


@dataclass(frozen=True, slots=True)
class VersionChoice:
    """The version to restore, as the current content or as a copy beside the file."""

    version_id: str
    as_copy: bool


def preview_text(data: bytes) -> str | None:
    """The start of a text version, or None for a binary one."""
    head = data[:PREVIEW_BYTES]
    if b"\0" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4 and len(data) > PREVIEW_BYTES:  # a character cut
            return head[: exc.start].decode("utf-8")
        return None


class VersionsDialog(QDialog):
    """One file's old versions; after ``exec``/``finished``, ``choice`` holds what the
    user chose (None: closed without restoring)."""

    preview_wanted = Signal(str)  # a version id whose content the preview needs

    def __init__(self, found: FileVersions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = found
        self.choice: VersionChoice | None = None
        name = found.path.rsplit("/", 1)[-1]
        self.setWindowTitle(translate("VersionsDialog", "Versions of %1").replace("%1", name))
        layout = QVBoxLayout(self)
        intro = translate(
            "VersionsDialog",
            "Older versions of <b>%1</b> kept by your cloud. Restoring one makes it the "
            "current version there, then the sync brings it to this computer; the version "
            "it replaces is kept too.",
        )
        header = QLabel(intro.replace("%1", _html(found.path)))
        header.setWordWrap(True)
        layout.addWidget(header)
        self.versions = QListWidget()
        for version in found.versions:
            item = QListWidgetItem(_row_text(version.modified_at, version.size, version.made_by))
            item.setData(Qt.ItemDataRole.UserRole, version.version_id)
            self.versions.addItem(item)
        self.empty = QLabel(
            translate("VersionsDialog", "Your cloud keeps no older version of this file.")
        )
        self.empty.setVisible(not found.versions)
        self.versions.setVisible(bool(found.versions))
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        row.addWidget(self.versions, 1)
        row.addWidget(self._preview_box(), 1)
        layout.addLayout(row)
        layout.addLayout(self._buttons())
        self._asked: set[str] = set()
        self._previews: dict[str, bytes] = {}
        self.versions.currentItemChanged.connect(self._selected)

    def showEvent(self, event: QShowEvent) -> None:
        """The newest version is selected when the dialog first shows (its preview is
        asked then, once the caller listens to ``preview_wanted``)."""
        super().showEvent(event)
        if self.found.versions and self.versions.currentRow() < 0:
            self.versions.setCurrentRow(0)

    def _preview_box(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.preview_note = QLabel()
        self.preview_note.setWordWrap(True)
        self.preview_text = QPlainTextEdit()
        self.preview_text.setReadOnly(True)
        self.preview_text.hide()
        self.preview_image = QLabel()
        self.preview_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_image.hide()
        for widget in (self.preview_note, self.preview_text, self.preview_image):
            column.addWidget(widget)
        return box

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.restore = QPushButton(translate("VersionsDialog", "Restore"))
        self.restore_copy = QPushButton(translate("VersionsDialog", "Restore as a copy"))
        self.close_button = QPushButton(translate("VersionsDialog", "Close"))
        self.restore.clicked.connect(lambda: self._choose(as_copy=False))
        self.restore_copy.clicked.connect(lambda: self._choose(as_copy=True))
        self.close_button.clicked.connect(self.reject)
        for button in (self.restore, self.restore_copy):
            button.setEnabled(bool(self.found.versions))
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.close_button.setDefault(True)  # Enter restores nothing
        return row

    def selected_id(self) -> str | None:
        item = self.versions.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _selected(self) -> None:
        version_id = self.selected_id()
        if version_id is None:
            return
        self._note(translate("VersionsDialog", "Loading the preview…"))
        if version_id not in self._asked:  # the caller answers each id once
            self._asked.add(version_id)
            self.preview_wanted.emit(version_id)
        elif version_id in self._previews:
            self.show_preview(version_id, self._previews[version_id])

    def show_preview(self, version_id: str, data: bytes) -> None:
        """The content of ``version_id`` (or its start), read by the caller."""
        self._previews[version_id] = data
        if version_id != self.selected_id():
            return
        image = QImage.fromData(data)
        if not image.isNull():
            pixmap = QPixmap.fromImage(image).scaled(
                PREVIEW_SIZE, PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )  # fmt: skip
            self.preview_image.setPixmap(pixmap)
            self._show(self.preview_image)
            return
        text = preview_text(data)
        if text is None:
            self._note(translate("VersionsDialog", "No preview for this kind of file."))
            return
        self.preview_text.setPlainText(text)
        self._show(self.preview_text)

    def preview_failed(self, version_id: str, why: str) -> None:
        if version_id == self.selected_id():
            said = translate("VersionsDialog", "The preview could not be read: %1")
            self._note(said.replace("%1", why))

    def _note(self, text: str) -> None:
        self.preview_note.setText(text)
        self._show(self.preview_note)

    def _show(self, widget: QWidget) -> None:
        for other in (self.preview_note, self.preview_text, self.preview_image):
            other.setVisible(other is widget)

    def _choose(self, *, as_copy: bool) -> None:
        version_id = self.selected_id()
        if version_id is None:
            return
        self.choice = VersionChoice(version_id, as_copy)
        self.accept()


def _row_text(modified_at: float, size: int, made_by: str | None) -> str:
    locale = QLocale()
    when = locale.toString(
        QDateTime.fromSecsSinceEpoch(int(modified_at)), QLocale.FormatType.ShortFormat
    )
    said = f"{when} — {size_words(size)}"  # as the CLI says it
    if made_by:
        said += " — " + translate("VersionsDialog", "by %1").replace("%1", made_by)
    return said


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
