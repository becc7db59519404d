"""The tray icon and its menu; where the desktop shows no tray, ``StatusWindow`` (in
``window.py``) shows the same content.  Both are rebuilt from ``SyncState`` whenever it
changes; every entry calls a ``Commands`` method."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from cozysync_ui.controller import ONE_HOUR_MS, AppController
from cozysync_ui.i18n import translate
from cozysync_ui.icons import state_icon
from cozysync_ui.itemmodels.sync_state import Problem, State
from cozysync_ui.labels import activity_label, folder_label, mode_help, problem_label

__all__ = ["Commands", "TrayIcon", "fill_menu", "tray_is_available"]


class Commands(Protocol):
    controller: AppController

    def show_preferences(self) -> None: ...

    def show_conflicts(self) -> None: ...

    def show_problem(self, problem: Problem) -> None: ...

    def quit(self) -> None: ...


def tray_is_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def fill_menu(menu: QMenu, commands: Commands) -> None:
    """(Re)build ``menu`` from the controller's state."""
    controller = commands.controller
    state = controller.state
    for old in menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly):
        old.setParent(None)  # submenus are the menu's children: clear() leaves them
        old.deleteLater()
    menu.clear()
    status = menu.addAction(f"{state.headline()} — {state.detail()}".rstrip(" —"))
    status.setEnabled(False)
    menu.addSeparator()
    folders = list(state.statuses.values())
    if not folders:
        menu.addAction(translate("Tray", "Link a folder…"), commands.show_preferences)
    for folder in folders:
        action = menu.addAction(
            translate("Tray", "Open %1").replace("%1", folder_label(folder)),
            lambda root=folder.local_root: controller.open_folder(root),
        )
        action.setToolTip(mode_help(folder.mode))
    if folders:
        menu.addAction(translate("Tray", "Open my cloud in the browser"), controller.open_cloud)
        menu.addSeparator()
        menu.addAction(translate("Tray", "Sync now"), controller.sync_now)
        if state.is_paused:
            menu.addAction(translate("Tray", "Resume syncing"), controller.resume)
        else:
            menu.addAction(translate("Tray", "Pause syncing"), lambda: controller.pause())
            menu.addAction(translate("Tray", "Pause for one hour"), controller.pause_for_one_hour)
            if len(folders) > 1 or any(state.is_folder_paused(n) for n in state.statuses):
                _add_folder_pauses(menu, controller)  # (a folder left alone, still paused)
        menu.addSeparator()
    if state.conflicts:
        menu.addAction(
            translate("Tray", "Choose between versions (%n)…", None, len(state.conflicts)),
            commands.show_conflicts,
        )
    for name in controller.deletions.stopped_folders():
        menu.addAction(
            translate("Tray", "Review deletions in %1…").replace("%1", name),
            lambda _=False, n=name: controller.review_deletions(n),
        )
    _add_recent(menu, controller)
    _add_problems(menu, commands)
    menu.addSeparator()
    menu.addAction(translate("Tray", "Preferences…"), commands.show_preferences)
    menu.addAction(translate("Tray", "Quit"), commands.quit)


def _add_folder_pauses(menu: QMenu, controller: AppController) -> None:
    """Pause or resume one folder while the others go on."""
    submenu = menu.addMenu(translate("Tray", "Pause one folder"))
    for name in controller.state.statuses:
        if controller.state.is_folder_paused(name):
            submenu.addAction(
                translate("Tray", "Resume %1").replace("%1", name),
                lambda _=False, n=name: controller.resume_folder(n),
            )
        else:
            submenu.addAction(
                translate("Tray", "Pause %1").replace("%1", name),
                lambda _=False, n=name: controller.pause_folder(n),
            )
            submenu.addAction(
                translate("Tray", "Pause %1 for one hour").replace("%1", name),
                lambda _=False, n=name: controller.pause_folder(n, ONE_HOUR_MS),
            )


def _add_recent(menu: QMenu, controller: AppController) -> None:
    recent = menu.addMenu(translate("Tray", "Recent activity"))
    if not controller.state.recent:
        recent.addAction(translate("Tray", "Nothing synced yet")).setEnabled(False)
    for activity in controller.state.recent:
        action = recent.addAction(activity_label(activity))
        action.setToolTip(translate("Tray", "Open the folder that holds it"))
        folder = activity.local_path.parent
        action.triggered.connect(lambda _=False, f=folder: controller.open_folder(f))


def _add_problems(menu: QMenu, commands: Commands) -> None:
    problems = commands.controller.state.problems()
    submenu = menu.addMenu(translate("Tray", "Problems (%n)", None, len(problems)))
    if not problems:
        submenu.addAction(translate("Tray", "No problems")).setEnabled(False)
    for problem in problems:
        action = submenu.addAction(problem_label(problem))
        action.setToolTip(problem.hint)
        action.setStatusTip(problem.hint)
        action.triggered.connect(lambda _=False, p=problem: commands.show_problem(p))


class TrayIcon(QObject):
    """The system tray icon: its picture and tooltip follow the state; its menu is
    ``fill_menu``'s; notifications come out of its balloon."""

    def __init__(self, commands: Commands, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands = commands
        self.menu = QMenu()
        self.icon = QSystemTrayIcon(self)
        self.icon.setContextMenu(self.menu)
        self.icon.messageClicked.connect(self._on_message_clicked)
        commands.controller.state.changed.connect(self.update)
        commands.controller.deletions.changed.connect(self.update)
        self.update()

    def show(self) -> None:
        self.icon.show()

    def update(self) -> None:
        state = self.commands.controller.state
        self.icon.setIcon(state_icon(state.overall()))
        self.icon.setToolTip(f"cozysync — {state.headline()}\n{state.detail()}")
        fill_menu(self.menu, self.commands)

    def notify(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, state_icon(self.commands.controller.state.overall()))

    def _on_message_clicked(self) -> None:
        controller = self.commands.controller
        waiting = controller.deletions.stopped_folders()
        if waiting:
            controller.review_deletions(waiting[0])
        elif controller.state.overall() is State.ATTENTION:
            self.commands.show_conflicts()

    def close(self) -> None:
        self.icon.hide()
        self.menu.deleteLater()


def menu_texts(menu: QMenu) -> list[str]:
    """Every entry's text, submenus included (for tests and screenshots)."""
    # not QAction.menu(): in PySide6 6.12 it releases None once too often
    children = menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    submenus = [(sub.menuAction(), sub) for sub in children]
    texts: list[str] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        texts.append(action.text())
        for sub_action, sub in submenus:
            if sub_action is action:
                texts += ["  " + t for t in menu_texts(sub)]
    return texts
