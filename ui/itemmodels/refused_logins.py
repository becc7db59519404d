"""Which folders stopped because the cloud refused their login (a changed password, a
Cozy that no longer knows this computer): each gets a "Sign in again" entry in the tray,
a button in the window, and one notification per refusal (the watch loop tries again at
each poll and the engine says the same stop each time)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from cozysync.events import StatusChanged, StatusKind
from cozysync.messages import MessageId

__all__ = ["RefusedLogins"]

# the pass did not run: the refusal (if any) stands
_NOT_A_PASS = (StatusKind.SYNCING, StatusKind.PAUSED, StatusKind.OFFLINE)


class RefusedLogins(QObject):
    """Fed with the folders' ``StatusChanged``; ``changed`` when the list changed."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folders: list[str] = []

    def folders(self) -> list[str]:
        """The folders waiting for the user to sign in again, in the order they stopped."""
        return list(self._folders)

    def is_refused(self, folder: str) -> bool:
        return folder in self._folders

    def on_status_changed(self, folder: str, event: StatusChanged) -> bool:
        """True when ``event`` is a new refusal (the user should be told once)."""
        refused = event.stopped_by is not None and event.stopped_by.id == MessageId.ERROR_AUTH
        if refused and folder not in self._folders:
            self._folders.append(folder)
            self.changed.emit()
            return True
        if not refused and event.kind not in _NOT_A_PASS:
            self.forget(folder)  # a pass got through (or stopped on something else)
        return False

    def forget(self, folder: str) -> None:
        """``folder`` signed in again, or was unlinked."""
        if folder in self._folders:
            self._folders.remove(folder)
            self.changed.emit()
