"""The app's way to deleted files (issue 18, item 2): ``DeletedFilesWindow`` for the
linked folders, its listing read off the GUI thread (``SyncService.deleted_files``), and
the item chosen put back through ``SyncService.undelete`` (in the cloud first for an item
of its trash, into the folder for one of this computer's trash; the folder's engine then
brings it everywhere).  "Put back in…" asks for a folder inside the synced one.  What
happened is told with ``told`` (a title and a sentence, in the user's language); a
failure is shown by ``present_error``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from cozysync.api import DeletedFiles, DeletedItem, SyncService, Undeleted
from cozysync_ui.background import run_in_background
from cozysync_ui.dialogs.deleted_files_window import SERVER, DeletedFilesWindow
from cozysync_ui.errors import error_texts, present_error
from cozysync_ui.i18n import translate

__all__ = ["DeletedFilesFlow", "undeleted_text"]


def undeleted_text(done: Undeleted) -> str:
    """What a put-back did, for the user."""
    if done.queued:  # the connection was lost: done by the next sync online
        said = translate(
            "DeletedFiles",
            "Your cloud cannot be reached: %1 will be put back as soon as it can be.",
        )
    elif done.origin == SERVER:
        said = translate(
            "DeletedFiles", "%1 is back in your cloud; the sync brings it to this computer."
        )
    else:
        said = translate(
            "DeletedFiles", "%1 is back in its folder; the sync sends it to your cloud."
        )
    return said.replace("%1", done.path)


class DeletedFilesFlow(QObject):
    """Shows the Deleted files window over ``parent``; ``told`` carries each put-back's
    outcome, ``window_shown`` the window as it opens, ``undeleted`` each ``Undeleted``."""

    told = Signal(str, str)
    window_shown = Signal(object)
    undeleted = Signal(object)

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.parent_widget = parent
        self.window: DeletedFilesWindow | None = None
        self.roots: dict[str, str] = {}

    def show(self, folders: list[tuple[str, str]]) -> DeletedFilesWindow | None:
        """The window for ``folders`` ((name, local root)), the first one listed."""
        if not folders:
            return None
        if self.window is not None and self.window.isVisible():
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        self.roots = dict(folders)
        window = DeletedFilesWindow([name for name, _ in folders], self.parent_widget)
        self.window = window
        window.folder_wanted.connect(self._list)
        window.undelete_wanted.connect(self._undelete)
        window.show()
        self.window_shown.emit(window)
        self._list(window.current_folder())
        return window

    def _list(self, name: str) -> None:
        window = self.window

        def listed(found: DeletedFiles) -> None:
            if window is not None:
                window.show_listing(found)

        def failed(exc: BaseException) -> None:
            if window is not None:
                window.show_failed(error_texts(exc)[0])

        run_in_background(lambda: self.service.deleted_files(name), listed, failed)

    def _undelete(self, item: DeletedItem, elsewhere: bool) -> None:
        to: str | None = None
        if elsewhere:
            root = self.roots.get(item.folder, "")
            title = translate("DeletedFiles", "Put it back in which folder?")
            chosen = QFileDialog.getExistingDirectory(self.parent_widget, title, root)
            if not chosen:
                if self.window is not None:
                    self.window.show_listing(self.window.listing or _empty(item.folder))
                return
            to = str(Path(chosen))

        def undelete() -> Undeleted:
            return self.service.undelete(item.item_id, item.folder, to=to)

        def done(result: Undeleted) -> None:
            self.undeleted.emit(result)
            self.told.emit(translate("DeletedFiles", "Put back"), undeleted_text(result))
            self._list(item.folder)

        def failed(exc: BaseException) -> None:
            present_error(exc, self.parent_widget)
            self._list(item.folder)

        run_in_background(undelete, done, failed)


def _empty(folder: str) -> DeletedFiles:
    return DeletedFiles(folder, (), "listed")
