"""The tray's "Share…" (issue 17, item 5): a folder chosen in a linked folder, then its
Share dialog, as the window's button does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from cozysync.api import SyncService
from cozysync.errors import CozySyncError
from cozysync_ui.dialogs.share_dialog import ShareDialog, share_ops
from cozysync_ui.errors import present_error
from cozysync_ui.i18n import translate

__all__ = ["pick_and_share"]


def pick_and_share(
    service: SyncService, roots: list[str], parent: QWidget | None
) -> ShareDialog | None:
    """Ask for a folder (starting in the first of ``roots``), then open its Share
    dialog; None when the user cancelled or chose a folder that is not synced."""
    title = translate("Tray", "Choose the folder to share")
    path = QFileDialog.getExistingDirectory(parent, title, roots[0] if roots else "")
    if not path:
        return None
    try:
        ops = share_ops(service, path)
    except CozySyncError as exc:
        present_error(exc, parent)
        return None
    dialog = ShareDialog(ops, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
