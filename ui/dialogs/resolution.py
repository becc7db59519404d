"""What the user chose for a conflict (``ConflictDialog`` returns it; the controller
applies it through ``SyncService.resolve``)."""

from __future__ import annotations

from enum import Enum

__all__ = ["Resolution"]


class Resolution(Enum):
    KEEP_MINE = "local"  # this computer's version (the conflict copy) takes the name
    KEEP_THEIRS = "remote"  # the cloud's version stays; mine goes to the trash
    KEEP_BOTH = "both"  # both files stay, side by side

    @property
    def keep(self) -> str:
        """The ``keep`` argument of ``SyncService.resolve``."""
        return self.value
