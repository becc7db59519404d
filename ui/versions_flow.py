"""The app's way to a file's old versions (issue 18, item 1): pick a file of a linked
folder, list its versions off the GUI thread, show them in ``VersionsDialog``, read the
previews it asks for, and restore the one chosen through ``SyncService.restore_version``
(on the server first; the folder's engine then brings it down).  What happened is told
with ``told`` (a title and a sentence, in the user's language); a failure is shown by
``present_error``."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from cozysync.api import FileVersions, SyncService, VersionRestore
from cozysync_ui.background import run_in_background
from cozysync_ui.dialogs.versions_dialog import PREVIEW_BYTES, VersionsDialog
from cozysync_ui.errors import error_texts, present_error
from cozysync_ui.i18n import translate

__all__ = ["VersionsFlow", "restored_text"]

IMAGE_PREVIEW_BYTES = 20 * 1024 * 1024  # an image is read whole (up to this), a text's start


def restored_text(done: VersionRestore) -> str:
    """What a restore did, for the user."""
    if done.state == "queued":
        said = translate(
            "VersionsFlow",
            "You are offline: the old version of %1 will be restored as soon as your cloud "
            "can be reached. Nothing was changed yet.",
        )
    elif done.copy_path is not None:
        said = translate(
            "VersionsFlow",
            "The old version of %1 is in your cloud beside it, as %2; the sync brings it "
            "to this computer.",
        )
    else:
        said = translate(
            "VersionsFlow",
            "The old version of %1 is the current one in your cloud again; the sync brings "
            "it to this computer.",
        )
    return said.replace("%1", done.path).replace("%2", done.copy_path or "")


class VersionsFlow(QObject):
    """Shows versions dialogs over ``parent``; ``told`` carries each restore's outcome,
    ``dialog_shown`` each dialog as it opens (for the window and the tests)."""

    told = Signal(str, str)
    dialog_shown = Signal(object)
    restored = Signal(object)  # the VersionRestore

    def __init__(self, service: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.parent_widget = parent
        self.dialog: VersionsDialog | None = None

    def pick_file(self, folders: list[tuple[str, str]]) -> None:
        """Ask for a file of one of ``folders`` ((name, local root)), then show it."""
        if not folders:
            return
        start = folders[0][1]
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent_widget, translate("VersionsFlow", "Which file's versions?"), start
        )
        if not chosen:
            return
        for name, root in folders:
            if Path(chosen).is_relative_to(root):
                self.show_for(chosen, name)
                return

    def show_for(self, path: str, name: str | None) -> None:
        """List the versions of ``path`` (a file of folder ``name``: its absolute path),
        then the dialog."""

        def listed(found: FileVersions) -> None:
            self._open(found, path, name)

        run_in_background(lambda: self.service.list_versions(path, name), listed, self._failed)

    def _open(self, found: FileVersions, path: str, name: str | None) -> None:
        dialog = VersionsDialog(found, self.parent_widget)
        self.dialog = dialog
        dialog.preview_wanted.connect(lambda version_id: self._read(path, name, version_id))
        dialog.finished.connect(lambda _: self._chosen(dialog, path, name))
        dialog.open()
        self.dialog_shown.emit(dialog)

    def _read(self, path: str, name: str | None, version_id: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        image = Path(path).suffix.lower() in {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp"}
        limit = IMAGE_PREVIEW_BYTES if image else PREVIEW_BYTES * 2

        def read() -> bytes:
            return self.service.read_version(path, version_id, name, limit=limit)

        def failed(exc: BaseException) -> None:
            dialog.preview_failed(version_id, error_texts(exc)[0])

        run_in_background(read, lambda data: dialog.show_preview(version_id, data), failed)

    def _chosen(self, dialog: VersionsDialog, path: str, name: str | None) -> None:
        choice = dialog.choice
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        if choice is None:
            return

        def restore() -> VersionRestore:
            return self.service.restore_version(
                path, choice.version_id, name, as_copy=choice.as_copy
            )

        def done(result: VersionRestore) -> None:
            self.restored.emit(result)
            self.told.emit(translate("VersionsFlow", "Old version restored"), restored_text(result))

        run_in_background(restore, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        present_error(exc, self.parent_widget)
