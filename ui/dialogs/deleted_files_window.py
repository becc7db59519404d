"""``DeletedFilesWindow``: a folder's deleted files (issue 18, item 2), newest first, each
with its date (in the user's locale), its place in the folder and where it is kept: in
the cloud's trash (and who deleted it, where the server says) or in this computer's
trash (cozysync put it there); a note when the cloud's trash is not listed (offline, a
server without one).  "Put back" and "Put back in…" ask for the selected one.

It takes data and asks with signals; it never calls the engine: ``folder_wanted`` (a
folder chosen in the list of folders), ``undelete_wanted`` (the item, and whether another
folder is to be chosen); the caller answers with ``show_listing``/``show_failed``."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync.api import DeletedFiles, DeletedItem
from cozysync_ui.i18n import translate
from cozysync_ui.messages import message_texts

__all__ = ["DeletedFilesWindow", "item_text", "note_text"]

SERVER = "server"  # DeletedItem.origin of the cloud's trash (service/deleted_files.py)


def item_text(item: DeletedItem) -> str:
    """ "12/08/26 14:32 — Cours/essai.odt — in your cloud's trash (deleted by Alice)"."""
    when = "?"
    if item.deleted_at is not None:
        moment = QDateTime.fromSecsSinceEpoch(int(item.deleted_at))
        when = QLocale().toString(moment, QLocale.FormatType.ShortFormat)
    if item.origin == SERVER and item.deleted_by:
        kept = translate("DeletedFiles", "in your cloud's trash (deleted by %1)")
        kept = kept.replace("%1", item.deleted_by)
    elif item.origin == SERVER:
        kept = translate("DeletedFiles", "in your cloud's trash")
    else:
        kept = translate("DeletedFiles", "in this computer's trash (put there by cozysync)")
    name = item.path + ("/" if item.is_dir else "")
    text = f"{when} — {name} — {kept}"
    if item.place_taken:
        text += "\n    " + translate(
            "DeletedFiles", "Something else is at its place now: put it back in another folder."
        )
    return text


def note_text(listing: DeletedFiles) -> str:
    """Why the cloud's trash is not in the list ("" when it is)."""
    if listing.server_trash == "no-trash":
        return translate(
            "DeletedFiles",
            "This server has no trash cozysync can read: only what cozysync put in this "
            "computer's trash is listed.",
        )
    if listing.server_trash == "offline":
        return translate(
            "DeletedFiles",
            "Your cloud cannot be reached: only what cozysync put in this computer's trash "
            "is listed.",
        )
    if listing.server_trash == "failed":
        said = translate("DeletedFiles", "Your cloud's trash could not be read: %1")
        if listing.problem_id is not None:  # a login refused, a certificate...
            why = message_texts(listing.problem_id, listing.problem or "", "").title
        else:  # the others speak of one item: plain words instead
            why = translate("DeletedFiles", "it answered with an error")
        return said.replace("%1", why)
    return ""


class DeletedFilesWindow(QDialog):
    """The deleted files of one of ``folders`` (names) at a time."""

    folder_wanted = Signal(str)
    undelete_wanted = Signal(object, bool)  # the DeletedItem; True: choose another folder

    def __init__(self, folders: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("DeletedFiles", "Deleted files"))
        self.listing: DeletedFiles | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            translate(
                "DeletedFiles",
                "Files and folders deleted lately, newest first. Putting one back never "
                "replaces anything: the sync then brings it everywhere again.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.folder = QComboBox()
        self.folder.addItems(folders)
        self.folder.setVisible(len(folders) > 1)
        self.folder.currentTextChanged.connect(self._folder_chosen)
        layout.addWidget(self.folder)
        self.items = QListWidget()
        self.items.currentItemChanged.connect(lambda *_: self._enable())
        layout.addWidget(self.items, 1)
        self.state = QLabel(translate("DeletedFiles", "Looking for deleted files…"))
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        layout.addLayout(self._buttons())
        self._enable()

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.put_back = QPushButton(translate("DeletedFiles", "Put back"))
        self.put_back_in = QPushButton(translate("DeletedFiles", "Put back in…"))
        self.close_button = QPushButton(translate("DeletedFiles", "Close"))
        self.put_back.clicked.connect(lambda: self._ask(elsewhere=False))
        self.put_back_in.clicked.connect(lambda: self._ask(elsewhere=True))
        self.close_button.clicked.connect(self.reject)
        for button in (self.put_back, self.put_back_in):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.close_button.setDefault(True)
        return row

    def current_folder(self) -> str:
        return self.folder.currentText()

    def _folder_chosen(self, name: str) -> None:
        self.items.clear()
        self.state.setText(translate("DeletedFiles", "Looking for deleted files…"))
        self._enable()
        self.folder_wanted.emit(name)

    def selected(self) -> DeletedItem | None:
        row = self.items.currentItem()
        if row is None:
            return None
        found = row.data(Qt.ItemDataRole.UserRole)
        return found if isinstance(found, DeletedItem) else None

    def show_listing(self, listing: DeletedFiles) -> None:
        """The folder's deleted items (when it is still the one chosen)."""
        if listing.folder != self.current_folder():
            return
        self.listing = listing
        self.items.clear()
        for item in listing.items:
            row = QListWidgetItem(item_text(item))
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.items.addItem(row)
        empty = translate("DeletedFiles", "No deleted file to put back in %1.")
        said = [empty.replace("%1", listing.folder)] if not listing.items else []
        self.state.setText("\n".join([*said, note_text(listing)]).strip())
        if listing.items:
            self.items.setCurrentRow(0)
        self._enable()

    def show_failed(self, text: str) -> None:
        self.state.setText(text)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected()
        self.put_back.setEnabled(chosen is not None and not chosen.place_taken)
        self.put_back_in.setEnabled(chosen is not None)

    def _ask(self, *, elsewhere: bool) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.put_back.setEnabled(False)
            self.put_back_in.setEnabled(False)
            self.undelete_wanted.emit(chosen, elsewhere)
