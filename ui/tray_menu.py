"""The tray's menu (and the status window's): built once, then updated in place.

Rebuilding it (``clear()`` and refill) on every state change closed it under the
pointer during a big sync: thousands of changes, so a right-click never got to open
it.  Here each entry is made once and only its text, enabled and visible flags change;
an entry per folder (its "Open", its pauses) is added or removed only when a folder
is, and the problems and recent activity fill a few slots kept for them.

To add an entry: make it in ``_build`` (in the order it shows) and set its words and
flags in ``refresh``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from shiboken6 import isValid

from cozysync_ui.controller import ONE_HOUR_MS, AppController
from cozysync_ui.folder_abilities import Abilities, FolderAbilities
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import RECENT_SIZE, Activity, Problem
from cozysync_ui.labels import activity_label, folder_label, mode_help, problem_label

__all__ = [
    "PROBLEMS_SHOWN",
    "Commands",
    "TrayMenu",
    "conflicts_words",
    "fill_menu",
    "menu_texts",
    "pause_words",
    "toggle_pause",
]

PROBLEMS_SHOWN = 30  # a menu of 10,000 failed items helps nobody: the rest are counted


class Commands(Protocol):
    controller: AppController

    def show_preferences(self) -> None: ...

    def show_conflicts(self) -> None: ...

    def show_share(self) -> None: ...

    def show_deleted_files(self) -> None: ...

    def show_versions(self) -> None: ...

    def show_problem(self, problem: Problem) -> None: ...

    def quit(self) -> None: ...


class _FolderEntries:
    """One folder's entries: "Open NAME" and its three pause entries."""

    def __init__(self, name: str, open_action: QAction, pauses: list[QAction]) -> None:
        self.name = name
        self.open_action = open_action
        self.pause, self.pause_hour, self.resume = pauses

    def remove(self, menu: QMenu, pauses: QMenu) -> None:
        menu.removeAction(self.open_action)
        for action in (self.pause, self.pause_hour, self.resume):
            pauses.removeAction(action)
            action.deleteLater()
        self.open_action.deleteLater()


class TrayMenu(QObject):
    """Fills ``menu`` once and keeps it up to date with the controller's state."""

    def __init__(self, menu: QMenu, commands: Commands) -> None:
        super().__init__(menu)
        self.menu, self.commands = menu, commands
        self.folders: dict[str, _FolderEntries] = {}
        self.deletions: dict[str, QAction] = {}
        self.sign_ins: dict[str, QAction] = {}  # "Sign in again to NAME…"
        self.abilities = FolderAbilities(commands.controller.service)  # learned off-thread
        self.can_share: dict[str, bool] = {}  # folder → its server shares ("Share…" shown)
        self._build()
        commands.controller.state.changed.connect(self.refresh)
        commands.controller.deletions.changed.connect(self.refresh)
        commands.controller.logins.changed.connect(self.refresh)
        self.refresh()

    @staticmethod
    def of(menu: QMenu) -> TrayMenu | None:
        return menu.findChild(TrayMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)

    # --- made once ---------------------------------------------------------------------

    def _build(self) -> None:
        menu, commands, controller = self.menu, self.commands, self.commands.controller
        self.status = menu.addAction("")
        self.status.setEnabled(False)
        menu.addSeparator()
        self.link = menu.addAction(translate("Tray", "Link a folder…"), commands.show_preferences)
        self.open_cloud = menu.addAction(
            translate("Tray", "Open my cloud in the browser"), controller.open_cloud
        )
        self.folders_end = menu.addSeparator()  # the folders' "Open" go before the cloud's
        self.sync_now = menu.addAction(translate("Tray", "Sync now"), controller.sync_now)
        self.pause = menu.addAction(
            translate("Tray", "Pause syncing"), lambda: toggle_pause(controller)
        )
        self.pause_hour = menu.addAction(
            translate("Tray", "Pause for one hour"), controller.pause_for_one_hour
        )
        self.folder_pauses = menu.addMenu(translate("Tray", "Pause one folder"))
        menu.addSeparator()
        self.conflicts = menu.addAction("", commands.show_conflicts)
        self.share = menu.addAction(translate("Tray", "Share…"), commands.show_share)  # issue 17
        self.deleted_files = menu.addAction(  # issue 18
            translate("Tray", "Deleted files…"), commands.show_deleted_files
        )
        self.versions = menu.addAction(  # issue 18: a file chosen, then its versions
            translate("Tray", "Versions of a file…"), commands.show_versions
        )
        self.recent = menu.addMenu(translate("Tray", "Recent activity"))
        self.recent_slots = [self._slot(self.recent) for _ in range(RECENT_SIZE)]
        self.nothing_synced = self.recent.addAction(translate("Tray", "Nothing synced yet"))
        self.nothing_synced.setEnabled(False)
        self.problems = menu.addMenu("")
        self.problem_slots: list[QAction] = []
        self.no_problems = self.problems.addAction(translate("Tray", "No problems"))
        self.no_problems.setEnabled(False)
        self.more_problems = self.problems.addAction("")
        self.more_problems.setEnabled(False)
        menu.addSeparator()
        self.preferences = menu.addAction(
            translate("Tray", "Preferences…"), commands.show_preferences
        )
        self.quit = menu.addAction(translate("Tray", "Quit"), commands.quit)

    def _slot(self, submenu: QMenu, before: QAction | None = None) -> QAction:
        action = QAction(submenu)
        action.triggered.connect(lambda _=False, a=action: self._on_slot(a))
        if before is None:
            submenu.addAction(action)
        else:
            submenu.insertAction(before, action)
        return action

    def _on_slot(self, action: QAction) -> None:
        """A recent item opens its folder; a problem shows its words."""
        value = action.data()
        if isinstance(value, Problem):
            self.commands.show_problem(value)
        elif isinstance(value, str) and value:
            self.commands.controller.open_folder(value)

    # --- kept up to date ---------------------------------------------------------------

    def refresh(self) -> None:
        state = self.commands.controller.state
        self.status.setText(f"{state.headline()} — {state.detail()}".rstrip(" —"))
        self._sync_folders()
        has_folders = bool(state.statuses)
        self.link.setVisible(not has_folders)
        for action in (self.open_cloud, self.sync_now, self.pause):
            action.setVisible(has_folders)
        self.share.setVisible(any(self.can_share.get(name, False) for name in state.statuses))
        self.pause.setText(pause_words(state.is_paused))
        self.pause_hour.setVisible(has_folders and not state.is_paused)
        self._refresh_folder_pauses()
        self.conflicts.setText(conflicts_words(len(state.conflicts)))
        self.conflicts.setVisible(bool(state.conflicts))
        self._sync_sign_ins()
        self._sync_deletions()
        self._refresh_recent(list(state.recent))
        self._refresh_problems(state.problems())

    def _sync_folders(self) -> None:
        """An "Open" entry and pause entries per folder: added and removed with folders."""
        statuses = self.commands.controller.state.statuses
        for name in [n for n in self.folders if n not in statuses]:
            self.folders.pop(name).remove(self.menu, self.folder_pauses)
            self.can_share.pop(name, None)
        for name, status in statuses.items():
            entries = self.folders.get(name)
            if entries is None:
                entries = self._add_folder(name, status.local_root)
                self.abilities.learn(name, lambda offer, n=name: self._learned(n, offer))
            entries.open_action.setText(
                translate("Tray", "Open %1").replace("%1", folder_label(status))
            )
            entries.open_action.setToolTip(mode_help(status.mode))

    def _learned(self, name: str, offer: Abilities) -> None:
        """What folder ``name``'s server offers is known: "Share…" where one shares."""
        if isValid(self.menu) and name in self.folders:  # the menu may be gone (quit)
            self.can_share[name] = offer.shares
            self.refresh()

    def _add_folder(self, name: str, local_root: str) -> _FolderEntries:
        controller = self.commands.controller
        open_action = QAction(self.menu)
        open_action.triggered.connect(lambda _=False: controller.open_folder(local_root))
        self.menu.insertAction(self.open_cloud, open_action)
        pauses: list[tuple[str, Callable[[], None]]] = [
            ("Pause %1", lambda: controller.pause_folder(name)),
            ("Pause %1 for one hour", lambda: controller.pause_folder(name, ONE_HOUR_MS)),
            ("Resume %1", lambda: controller.resume_folder(name)),
        ]
        actions = []
        for words, command in pauses:
            action = self.folder_pauses.addAction(_folder_words(words, name))
            action.triggered.connect(lambda _=False, c=command: c())
            actions.append(action)
        entries = _FolderEntries(name, open_action, actions)
        self.folders[name] = entries
        return entries

    def _refresh_folder_pauses(self) -> None:
        """ "Pause one folder": with several folders, or one still paused on its own."""
        state = self.commands.controller.state
        paused = {n for n in state.statuses if state.is_folder_paused(n)}
        wanted = not state.is_paused and (len(state.statuses) > 1 or bool(paused))
        self.folder_pauses.menuAction().setVisible(wanted)
        for name, entries in self.folders.items():
            entries.pause.setVisible(name not in paused)
            entries.pause_hour.setVisible(name not in paused)
            entries.resume.setVisible(name in paused)
            entries.pause.setText(_folder_words("Pause %1", name))
            entries.pause_hour.setText(_folder_words("Pause %1 for one hour", name))
            entries.resume.setText(_folder_words("Resume %1", name))

    def _sync_sign_ins(self) -> None:
        """ "Sign in again to NAME…" for each folder whose cloud refused the login."""
        controller = self.commands.controller
        self._sync_per_folder(
            self.sign_ins, controller.logins.folders(), controller.sign_in,
            lambda name: translate("Tray", "Sign in again to %1…").replace("%1", name),
        )  # fmt: skip

    def _sync_deletions(self) -> None:
        """ "Review deletions in NAME…" for each folder whose guard waits for an answer."""
        controller = self.commands.controller
        self._sync_per_folder(
            self.deletions, controller.deletions.stopped_folders(), controller.review_deletions,
            lambda name: translate("Tray", "Review deletions in %1…").replace("%1", name),
        )  # fmt: skip

    def _sync_per_folder(
        self, shown: dict[str, QAction], names: list[str], command: Callable[[str], None],
        words: Callable[[str], str],
    ) -> None:  # fmt: skip
        """One entry per folder in ``names`` (before the recent activity), each calling
        ``command`` with its folder; the others' entries removed."""
        for name in [n for n in shown if n not in names]:
            action = shown.pop(name)
            self.menu.removeAction(action)
            action.deleteLater()
        for name in names:
            if name not in shown:
                action = QAction(self.menu)
                action.triggered.connect(lambda _=False, n=name: command(n))
                self.menu.insertAction(self.recent.menuAction(), action)
                shown[name] = action
            shown[name].setText(words(name))

    def _refresh_recent(self, recent: list[Activity]) -> None:
        self.nothing_synced.setVisible(not recent)
        for index, action in enumerate(self.recent_slots):
            activity = recent[index] if index < len(recent) else None
            action.setVisible(activity is not None)
            if activity is not None:
                action.setText(activity_label(activity))
                action.setToolTip(translate("Tray", "Open the folder that holds it"))
                action.setData(str(activity.local_path.parent))

    def _refresh_problems(self, problems: list[Problem]) -> None:
        self.problems.setTitle(translate("Tray", "Problems (%n)", None, len(problems)))
        shown = problems[:PROBLEMS_SHOWN]
        while len(self.problem_slots) < len(shown):
            self.problem_slots.append(self._slot(self.problems, self.no_problems))
        self.no_problems.setVisible(not problems)
        for index, action in enumerate(self.problem_slots):
            problem = shown[index] if index < len(shown) else None
            action.setVisible(problem is not None)
            if problem is not None:
                action.setText(problem_label(problem))
                action.setToolTip(problem.hint)
                action.setStatusTip(problem.hint)
                action.setData(problem)
        more = len(problems) - len(shown)
        self.more_problems.setVisible(more > 0)
        if more > 0:
            self.more_problems.setText(translate("Tray", "… and %n more", None, more))


def pause_words(is_paused: bool) -> str:
    """The pause entry's words (the menu's and the window's button)."""
    return translate("Tray", "Resume syncing") if is_paused else translate("Tray", "Pause syncing")


def toggle_pause(controller: AppController) -> None:
    """Pause everything, or resume it when it is paused."""
    if controller.state.is_paused:
        controller.resume()
    else:
        controller.pause()


def conflicts_words(count: int) -> str:
    return translate("Tray", "Choose between versions (%n)…", None, count)


def _folder_words(words: str, name: str) -> str:
    return {
        "Pause %1": translate("Tray", "Pause %1"),
        "Pause %1 for one hour": translate("Tray", "Pause %1 for one hour"),
        "Resume %1": translate("Tray", "Resume %1"),
    }[words].replace("%1", name)


def fill_menu(menu: QMenu, commands: Commands) -> None:
    """Bring ``menu`` up to date with the controller's state (filled the first time)."""
    tray_menu = TrayMenu.of(menu)
    if tray_menu is None:
        TrayMenu(menu, commands)
    else:
        tray_menu.refresh()


def menu_texts(menu: QMenu) -> list[str]:
    """Every visible entry's text, submenus included (for tests and screenshots)."""
    # not QAction.menu(): in PySide6 6.12 it releases None once too often
    children = menu.findChildren(QMenu, options=Qt.FindChildOption.FindDirectChildrenOnly)
    submenus = [(sub.menuAction(), sub) for sub in children]
    texts: list[str] = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        texts.append(action.text())
        for sub_action, sub in submenus:
            if sub_action is action:
                texts += ["  " + t for t in menu_texts(sub)]
    return texts
