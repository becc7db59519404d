"""The root guard (docs/sync-algorithm.md, "Guards"): nothing is synced unless the folder
exists and its marker binds it to this link (a missing or swapped drive looks empty)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from cozysync.config import FolderConfig
from cozysync.errors import RootGuardError

__all__ = ["Markers", "check_root"]


class Markers(Protocol):
    """How a folder's marker is read (``service.wiring.Adapters`` gives it)."""

    @property
    def marker_name(self) -> str: ...

    def read_marker(self, root: Path) -> str | None: ...


def check_root(folder: FolderConfig, markers: Markers) -> None:
    """Root guard: the folder exists and its marker binds it to this link."""
    root = folder.local_path
    if not root.is_dir():
        raise RootGuardError(f"the folder {root} is missing; nothing was synced")
    marker = markers.read_marker(root)
    if marker is None:
        raise RootGuardError(
            f"the marker {markers.marker_name} is gone from {root}; nothing was synced",
            "If the right drive is connected, unlink and link the folder again.",
        )
    if marker != folder.folder_id:
        raise RootGuardError(
            f"{root} belongs to another link; nothing was synced",
            "Check which folder is linked (cozysync list).",
        )
