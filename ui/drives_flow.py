"""Choosing the shared drives of a Cozy to sync (from the preferences): the drives are
asked away from the GUI thread, shown in ``DrivesDialog``, and what the user ticks is
added as folders of their own (``SyncService.add_drive``) and started; what the user
unticks is unlinked (its files kept).  Errors go to the controller, which shows them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from cozysync.api import SyncService
from cozysync.config import FolderConfig
from cozysync.shared_drives import SharedDrive
from cozysync_ui.background import run_in_background
from cozysync_ui.controller import AppController
from cozysync_ui.dialogs.drives_dialog import DrivesDialog

__all__ = ["DrivesFlow"]


class DrivesFlow(QObject):
    """See the module.  ``added``: a drive's new folder, once linked and started."""

    added = Signal(object)  # FolderConfig
    shown = Signal(object)  # the DrivesDialog, once the drives were read

    def __init__(
        self, service: SyncService, controller: AppController, parent: Callable[[], QWidget | None]
    ) -> None:
        super().__init__()
        self.service = service
        self.controller = controller
        self.parent = parent
        self.dialog: DrivesDialog | None = None

    def start(self, cozy: str) -> None:
        """Read the drives of the Cozy folder ``cozy``, then ask."""
        service = self.service

        def ask(drives: tuple[SharedDrive, ...]) -> None:
            dialog = DrivesDialog(cozy, drives, parent=self.parent())
            dialog.accepted.connect(lambda: self._apply(cozy, dialog))
            self.dialog = dialog
            dialog.open()
            self.shown.emit(dialog)

        run_in_background(lambda: service.shared_drives(cozy), ask, self.controller.fail)

    def _apply(self, cozy: str, dialog: DrivesDialog) -> None:
        for folder in dialog.removed():
            self.controller.unlink(folder, wipe_local=False)
        for drive, where in dialog.added():
            self._add(cozy, drive, where)

    def _add(self, cozy: str, drive: SharedDrive, where: Path) -> None:
        service = self.service

        def started(folder: FolderConfig) -> None:
            self.controller.start()
            self.added.emit(folder)

        run_in_background(
            lambda: service.add_drive(drive.drive_id, where, cozy=cozy),
            started,
            self.controller.fail,
        )
