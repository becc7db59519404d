"""The shared drives of a Cozy (its class and team spaces), from the preferences: each
drive with a box, ticked when this computer syncs it.  Ticking one syncs it in a folder
of its own under the chosen place; unticking one stops syncing it (its files stay on this
computer, nothing changes in the cloud).  The dialog never calls the engine: it returns
what to add and what to remove (``added``, ``removed``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync.shared_drives import SharedDrive
from cozysync_ui.i18n import translate

__all__ = ["DrivesDialog", "drive_label", "drives_home"]


def drives_home() -> Path:
    """Where new drives are synced unless the user chooses elsewhere."""
    return Path.home() / translate("Drives", "Shared drives")


def drive_label(drive: SharedDrive) -> str:
    if drive.owned:
        rights = translate("Drives", "yours")
    elif drive.read_only:
        rights = translate("Drives", "read-only")
    else:
        rights = translate("Drives", "you can edit")
    return (
        translate("Drives", "%1 — shared by %2 (%3)")
        .replace("%1", drive.name)
        .replace("%2", drive.owner)
        .replace("%3", rights)
    )


class DrivesDialog(QDialog):
    """See the module.  ``drives``: the Cozy's, each with the folder syncing it, if any."""

    def __init__(
        self,
        cozy: str,
        drives: tuple[SharedDrive, ...],
        *,
        home: Path | None = None,
        intro: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Drives", "Shared drives of %1").replace("%1", cozy))
        self.home = home or drives_home()
        self._drives = {d.drive_id: d for d in drives}
        self.list = QListWidget()
        self.list.setAccessibleName(translate("Drives", "Shared drives"))
        for drive in drives:
            item = QListWidgetItem(drive_label(drive))
            item.setData(Qt.ItemDataRole.UserRole, drive.drive_id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
            if not drive.is_folder:
                flags = Qt.ItemFlag.NoItemFlags
                item.setToolTip(
                    translate("Drives", "A single file, not a folder: open it in your Cozy.")
                )
            item.setFlags(flags)
            linked = drive.linked_as is not None
            item.setCheckState(Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked)
            if linked:
                item.setToolTip(
                    translate("Drives", "Synced in the folder '%1'").replace(
                        "%1", str(drive.linked_as)
                    )
                )
            self.list.addItem(item)
        self.status = QLabel(
            intro
            or (
                translate("Drives", "Your Cozy shares no drive with you.")
                if not drives
                else translate("Drives", "Tick a drive to sync it on this computer.")
            )
        )
        self.status.setWordWrap(True)
        self.place = QLabel()
        self.place.setWordWrap(True)
        self.change_place = QPushButton(translate("Drives", "Change…"))
        self.change_place.clicked.connect(self._choose_place)
        place_row = QHBoxLayout()
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.change_place)
        note = QLabel(
            translate(
                "Drives",
                "A drive you untick is no longer synced: its files stay on this computer, "
                "and nothing changes in the cloud. In a drive shared with you read-only, "
                "your changes stay on this computer.",
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.status)
        column.addWidget(self.list, 1)
        column.addLayout(place_row)
        column.addWidget(note)
        column.addWidget(buttons)
        self._show_place()

    def _show_place(self) -> None:
        self.place.setText(
            translate("Drives", "New drives are synced in: %1").replace("%1", str(self.home))
        )

    def _choose_place(self) -> None:
        title = translate("Drives", "Where to sync the shared drives")
        chosen = QFileDialog.getExistingDirectory(self, title, str(self.home))
        if chosen:
            self.home = Path(chosen)
            self._show_place()

    def _ticked(self) -> dict[str, bool]:
        found = {}
        for row in range(self.list.count()):
            item = self.list.item(row)
            drive_id = str(item.data(Qt.ItemDataRole.UserRole))
            found[drive_id] = item.checkState() == Qt.CheckState.Checked
        return found

    def set_ticked(self, drive_id: str, ticked: bool) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == drive_id:
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def added(self) -> list[tuple[SharedDrive, Path]]:
        """The drives ticked that were not synced, each with its new folder."""
        return [
            (drive, self.home / drive.name)
            for drive_id, ticked in self._ticked().items()
            if ticked and (drive := self._drives[drive_id]).linked_as is None and drive.is_folder
        ]

    def removed(self) -> list[str]:
        """The folders of the drives unticked that were synced."""
        return [
            str(drive.linked_as)
            for drive_id, ticked in self._ticked().items()
            if not ticked and (drive := self._drives[drive_id]).linked_as is not None
        ]
