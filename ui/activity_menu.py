"""The recent activity list's right-click menu (issue 17, item 5; issue 18, item 3): on
an item, "Show it in its folder", then "Share…", "Versions…" and "Open online" where the
folder's server offers them (``FolderAbilities``: learned off the GUI thread, the menu
opens once known) and the item is still on this computer (a folder has no versions).
"Share…" opens the Share dialog, "Versions…" the Versions dialog (``VersionsFlow``),
"Open online" asks the item's address in the background, then opens the browser."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtWidgets import QMenu

from cozysync.api import OnlineItem
from cozysync.errors import CozySyncError
from cozysync_ui.background import run_in_background
from cozysync_ui.dialogs.share_dialog import ShareDialog, share_ops
from cozysync_ui.folder_abilities import Abilities, FolderAbilities
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import Activity
from cozysync_ui.versions_flow import VersionsFlow

if TYPE_CHECKING:
    from cozysync_ui.recent_activity import RecentActivityList

__all__ = ["ActivityMenu"]


class ActivityMenu(QObject):
    """Gives ``activity_list`` its right-click menu; ``menu_shown`` carries each menu as
    it opens, ``share_shown`` each Share dialog (for the tests)."""

    menu_shown = Signal(object)
    share_shown = Signal(object)

    def __init__(self, activity_list: RecentActivityList) -> None:
        super().__init__(activity_list)
        self.list = activity_list
        self.controller = activity_list.controller
        self.abilities = FolderAbilities(self.controller.service)
        self.versions: VersionsFlow | None = None
        self.menu: QMenu | None = None
        activity_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        activity_list.customContextMenuRequested.connect(self._asked)

    def _asked(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        row = self.list.row(item) if item is not None else -1
        if not 0 <= row < len(self.list.activities):
            return  # "Nothing synced yet", or between rows
        self.open_for(self.list.activities[row], self.list.viewport().mapToGlobal(pos))

    def open_for(self, activity: Activity, where: QPoint) -> None:
        """The menu of ``activity`` at ``where``, once its server's offer is known."""
        self.abilities.learn(activity.folder, lambda offer: self._open(activity, offer, where))

    def _open(self, activity: Activity, offer: Abilities, where: QPoint) -> None:
        menu = self.menu_for(activity, offer)
        self.menu = menu
        menu.popup(where)
        self.menu_shown.emit(menu)

    def menu_for(self, activity: Activity, offer: Abilities) -> QMenu:
        menu = QMenu(self.list)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        path = activity.local_path
        show = menu.addAction(translate("Tray", "Show it in its folder"))
        show.triggered.connect(lambda: self._show_in_folder(path))
        if not path.exists():
            return menu  # deleted or moved since: nothing to share or open
        if offer.shares:
            share = menu.addAction(translate("Tray", "Share…"))
            share.triggered.connect(lambda: self.share(activity))
        if offer.keeps_versions and path.is_file():
            versions = menu.addAction(translate("Tray", "Versions…"))
            versions.triggered.connect(lambda: self.show_versions(activity))
        if offer.opens_online:
            online = menu.addAction(translate("Tray", "Open online"))
            online.triggered.connect(lambda: self.open_online(path))
        return menu

    def _show_in_folder(self, path: Path) -> None:
        from cozysync_ui.recent_activity import show_in_folder

        show_in_folder(path, self.controller.open_folder)

    def share(self, activity: Activity) -> ShareDialog | None:
        try:
            ops = share_ops(self.controller.service, str(activity.local_path), activity.folder)
        except CozySyncError as exc:  # unlinked meanwhile
            self.controller.fail(exc)
            return None
        dialog = ShareDialog(ops, self.list.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.share_shown.emit(dialog)
        return dialog

    def show_versions(self, activity: Activity) -> VersionsFlow:
        if self.versions is None:
            self.versions = VersionsFlow(self.controller.service, self.list.window())
            self.versions.told.connect(self.controller.notification)
        self.versions.show_for(str(activity.local_path), activity.folder)
        return self.versions

    def open_online(self, path: Path) -> None:
        service, controller = self.controller.service, self.controller

        def opened(item: OnlineItem) -> None:
            controller.open_url(QUrl(item.url))

        run_in_background(lambda: service.online_address(path), opened, controller.fail)
