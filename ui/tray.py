"""The tray icon and its menu; where the desktop shows no tray, ``StatusWindow`` (in
``window.py``) shows the same content.  Both follow ``SyncState``: the menu
(``tray_menu.TrayMenu``) is made once and updated in place; every entry calls a
``Commands`` method."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from cozysync_ui.icons import state_icon
from cozysync_ui.itemmodels.sync_state import State
from cozysync_ui.tray_menu import Commands, TrayMenu, fill_menu, menu_texts

__all__ = ["Commands", "TrayIcon", "fill_menu", "menu_texts", "tray_is_available"]


def tray_is_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class TrayIcon(QObject):
    """The system tray icon: its picture and tooltip follow the state; its menu is
    a ``TrayMenu``, made once; notifications come out of its balloon."""

    def __init__(self, commands: Commands, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.menu = QMenu()
        self.icon = QSystemTrayIcon(self)
        self.shown_state: State | None = None
        self.tray_menu = TrayMenu(self.menu, commands)  # updates itself in place
        self.icon.setContextMenu(self.menu)
        self.icon.messageClicked.connect(self._on_message_clicked)
        commands.controller.state.changed.connect(self.update)
        commands.controller.deletions.changed.connect(self.update)
        self.update()

    def show(self) -> None:
        self.icon.show()

    def update(self) -> None:
        state = self.commands.controller.state
        if state.overall() is not self.shown_state:  # a tray host redraws on each change
            self.shown_state = state.overall()
            self.icon.setIcon(state_icon(self.shown_state))
        tooltip = f"cozysync — {state.headline()}\n{state.detail()}"
        if tooltip != self.icon.toolTip():
            self.icon.setToolTip(tooltip)

    def notify(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, state_icon(self.commands.controller.state.overall()))

    def _on_message_clicked(self) -> None:
        controller = self.commands.controller
        waiting = controller.deletions.stopped_folders()
        refused = controller.logins.folders()
        if waiting:
            controller.review_deletions(waiting[0])
        elif refused:  # "Sign in again to keep syncing"
            controller.sign_in(refused[0])
        elif controller.state.overall() is State.ATTENTION:
            self.commands.show_conflicts()

    def close(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()
