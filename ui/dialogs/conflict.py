"""``ConflictDialog``: a file changed in two places; the folder that holds it, both
versions side by side (name, size, modification time in the user's locale, where it
comes from, a preview) and the choice keep mine / keep the cloud's / keep both (the
safe one, the default and the focus).  It returns a ``Resolution`` and never calls the engine.

``ConflictFlow`` shows several conflicts in a row and emits each choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync.api import ConflictInfo
from cozysync.byte_sizes import size_words
from cozysync_ui.dialogs.resolution import Resolution
from cozysync_ui.dialogs.versions import VersionInfo, read_versions
from cozysync_ui.i18n import translate

__all__ = ["ConflictDialog", "ConflictFlow", "Resolution"]

PREVIEW_SIZE = 220


class ConflictDialog(QDialog):
    """Shows one conflict; after ``exec``/``finished``, ``resolution`` holds the choice
    (None when the user chose to decide later)."""

    def __init__(
        self,
        conflict: ConflictInfo,
        local_root: Path,
        *,
        position: tuple[int, int] = (1, 1),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.local_root = local_root
        self.resolution: Resolution | None = None
        self.setWindowTitle(translate("ConflictDialog", "A file changed in two places"))
        self.mine, self.theirs = read_versions(conflict, local_root)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header(position))
        sides = QHBoxLayout()
        self.keep_mine = QPushButton(translate("ConflictDialog", "Keep mine"))
        self.keep_theirs = QPushButton(translate("ConflictDialog", "Keep the cloud's"))
        sides.addWidget(self._panel(self.mine, self.keep_mine))
        sides.addWidget(self._panel(self.theirs, self.keep_theirs))
        layout.addLayout(sides)
        layout.addLayout(self._bottom_row())
        self.keep_mine.clicked.connect(lambda: self._choose(Resolution.KEEP_MINE))
        self.keep_theirs.clicked.connect(lambda: self._choose(Resolution.KEEP_THEIRS))
        self.keep_mine.setEnabled(self.mine.exists)
        for button in (self.keep_mine, self.keep_theirs, self.later):
            button.setAutoDefault(False)  # Enter keeps both, whatever had the focus
        self.keep_both.setDefault(True)  # the safe choice: nothing goes to the trash
        self.setFocusProxy(self.keep_both)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.keep_both.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _header(self, position: tuple[int, int]) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(
            translate(
                "ConflictDialog", "<b>%1</b> was changed on this computer and in the cloud."
            ).replace("%1", _escape(self.theirs.name))
        )
        title.setWordWrap(True)
        explain = QLabel(
            translate(
                "ConflictDialog",
                "Choose which version to keep. The other one goes to the trash: it is not lost.",
            )
        )
        explain.setWordWrap(True)
        column.addWidget(title)
        column.addWidget(self._where())
        column.addWidget(explain)
        column.addWidget(self._copy_line())
        index, total = position
        if total > 1:
            count = QLabel(
                translate("ConflictDialog", "Conflict %1 of %2")
                .replace("%1", str(index))
                .replace("%2", str(total))
            )
            column.addWidget(count)
        return box

    def _copy_line(self) -> QLabel:
        """What the "(conflict …)" copy is: its name stays English on every device, so
        that each one recognises it; this line says it in the user's language."""
        copy = QLabel(
            translate(
                "ConflictDialog",
                "Until you choose, this computer's version is kept beside it as “%1”. A "
                "name ending in “(conflict device date)” is such a copy, on every device.",
            ).replace("%1", _escape(Path(self.conflict.conflict_path).name))
        )
        copy.setWordWrap(True)
        self.copy_line = copy
        return copy

    def _where(self) -> QLabel:
        """The folder that holds the file, as the file manager shows it, and the name of
        the synced folder it is in."""
        folder = self.local_root / Path(self.conflict.path).parent
        where = QLabel(
            translate("ConflictDialog", "In the folder %1 (synced as %2)")
            .replace("%1", str(folder))
            .replace("%2", self.conflict.folder)
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_line = where
        return where

    def _panel(self, version: VersionInfo, keep: QPushButton) -> QGroupBox:
        if version.is_mine:
            where = translate("ConflictDialog", "This computer")
            if version.device:
                where = translate("ConflictDialog", "This computer (%1)").replace(
                    "%1", version.device
                )
        else:
            where = translate("ConflictDialog", "The cloud")
        panel = QGroupBox(where)
        panel.setAccessibleName(where)
        column = QVBoxLayout(panel)
        if version.exists:
            facts = [
                (translate("ConflictDialog", "Name"), version.name),
                (translate("ConflictDialog", "Size"), size_words(version.size)),
                (translate("ConflictDialog", "Modified"), _format_time(version.modified_at)),
            ]
            for label, value in facts:
                line = QLabel(
                    translate("ConflictDialog", "%1: %2").replace("%1", label).replace("%2", value)
                )
                line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                column.addWidget(line)
        else:
            column.addWidget(
                QLabel(translate("ConflictDialog", "This version is not there any more."))
            )
        column.addWidget(self._preview(version), 1)
        column.addWidget(keep)
        return panel

    def _preview(self, version: VersionInfo) -> QWidget:
        if version.is_image:
            reader = QImageReader(str(version.local_path))
            reader.setAutoTransform(True)
            image = reader.read()
            if not image.isNull():
                label = QLabel()
                label.setPixmap(
                    QPixmap.fromImage(image).scaled(
                        PREVIEW_SIZE,
                        PREVIEW_SIZE,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                label.setAccessibleName(translate("ConflictDialog", "Preview"))
                return label
        if version.text_preview is not None:
            text = QPlainTextEdit(version.text_preview)
            text.setReadOnly(True)
            text.setAccessibleName(translate("ConflictDialog", "Preview"))
            text.setMinimumHeight(120)
            return text
        return QLabel(translate("ConflictDialog", "No preview for this kind of file."))

    def _bottom_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.keep_both = QPushButton(translate("ConflictDialog", "Keep both"))
        self.keep_both.setToolTip(
            translate(
                "ConflictDialog",
                "Both files stay, side by side, on this computer and in the cloud.",
            )
        )
        self.later = QPushButton(translate("ConflictDialog", "Decide later"))
        self.keep_both.clicked.connect(lambda: self._choose(Resolution.KEEP_BOTH))
        self.later.clicked.connect(self.reject)
        row.addWidget(self.later)
        row.addStretch(1)
        row.addWidget(self.keep_both)
        return row

    def _choose(self, resolution: Resolution) -> None:
        self.resolution = resolution
        self.accept()


class ConflictFlow(QObject):
    """Shows the conflicts one after the other; ``chosen(conflict, resolution)`` for each
    choice, ``done`` after the last one (or when the user decides later)."""

    chosen = Signal(object, object)
    done = Signal()

    def __init__(self, roots: dict[str, Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._roots, self._parent = roots, parent
        self._queue: list[ConflictInfo] = []
        self._index = 0
        self.dialog: ConflictDialog | None = None

    def start(self, conflicts: list[ConflictInfo]) -> None:
        self._queue, self._index = [c for c in conflicts if c.folder in self._roots], 0
        self._next()

    def _next(self) -> None:
        if self._index >= len(self._queue):
            self.dialog = None
            self.done.emit()
            return
        conflict = self._queue[self._index]
        position = (self._index + 1, len(self._queue))
        self.dialog = ConflictDialog(
            conflict, self._roots[conflict.folder], position=position, parent=self._parent
        )
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._on_finished)
        self.dialog.show()

    def _on_finished(self, _code: int) -> None:
        dialog = self.dialog
        assert dialog is not None
        if dialog.resolution is None:  # decide later: stop here
            self.dialog = None
            self.done.emit()
            return
        self.chosen.emit(dialog.conflict, dialog.resolution)
        self._index += 1
        self._next()


def _format_time(timestamp: float) -> str:
    moment = QDateTime.fromSecsSinceEpoch(int(timestamp))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
