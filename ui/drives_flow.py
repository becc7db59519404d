"""Choosing the shared drives of a Cozy to sync (from the preferences, and offered once
right after the wizard linked a Cozy that has some): the drives are asked away from the
GUI thread, shown in ``DrivesDialog``, and what the user ticks is added as folders of
their own (``SyncService.add_drive``) and started; what the user unticks is unlinked (its
files kept).  Errors go to the controller, which shows them (the offer after the wizard
stays quiet: it is only an offer, and the preferences show the drives again)."""

from __future__ import annotations

import logging
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
from cozysync_ui.i18n import translate

__all__ = ["DrivesFlow"]

log = logging.getLogger(__name__)


class DrivesFlow(QObject):
    """See the module.  ``added``: a drive's new folder, once linked and started."""

    added = Signal(object)  # FolderConfig
    shown = Signal(object)  # the DrivesDialog, once the drives were read
    offered = Signal(bool)  # after the wizard: whether there were drives to offer

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

    def offer(self, cozy: str) -> None:
        """Right after the wizard linked the Cozy folder ``cozy``: its drives not synced
        yet, if it has some, in the same dialog with a word of why it shows."""
        service = self.service

        def ask(drives: tuple[SharedDrive, ...]) -> None:
            new = any(d.is_folder and d.linked_as is None for d in drives)
            if new:
                intro = translate(
                    "Drives",
                    "Your Cozy also shares drives with you (class and team spaces). Tick "
                    "those to sync on this computer; you can change it later in the "
                    "preferences.",
                )
                dialog = DrivesDialog(cozy, drives, intro=intro, parent=self.parent())
                dialog.accepted.connect(lambda: self._apply(cozy, dialog))
                self.dialog = dialog
                dialog.open()
                self.shown.emit(dialog)
            self.offered.emit(new)

        def quiet(exc: BaseException) -> None:
            log.info("the shared drives of %s were not offered: %s", cozy, exc)
            self.offered.emit(False)

        run_in_background(lambda: service.shared_drives(cozy), ask, quiet)

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
