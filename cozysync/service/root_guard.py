"""The root guard (docs/sync-algorithm.md, "Guards"): nothing is synced unless the folder
exists and its marker binds it to this link (a missing or swapped drive looks empty)."""

from __future__ import annotations

from cozysync.config import FolderConfig
from cozysync.errors import RootGuardError
from cozysync.local.marker import MARKER_NAME, read_marker

__all__ = ["check_root"]


def check_root(folder: FolderConfig) -> None:
    """Root guard: the folder exists and its marker binds it to this link."""
    root = folder.local_path
    if not root.is_dir():
        raise RootGuardError(f"the folder {root} is missing; nothing was synced")
    marker = read_marker(root)
    if marker is None:
        raise RootGuardError(
            f"the marker {MARKER_NAME} is gone from {root}; nothing was synced",
            "If the right drive is connected, unlink and link the folder again.",
        )
    if marker != folder.folder_id:
        raise RootGuardError(
            f"{root} belongs to another link; nothing was synced",
            "Check which folder is linked (cozysync list).",
        )
