"""``cozysync-gui`` / ``cozysync gui``: the tray app.  ``CozySyncApp`` glues the
controller to the tray (or, without a tray, the status window) and opens the dialogs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget

from cozysync.api import AccountInfo, SyncService
from cozysync.config import FolderConfig, Locations
from cozysync.desktop_requests import DELETED_FILES, Reply
from cozysync.desktop_requests import socket_path as requests_socket_path
from cozysync.errors import CozySyncError
from cozysync.logs import close_logging, setup_logging
from cozysync.private import private_folder
from cozysync.remotes.proxy import ProxyChoice, save_proxy
from cozysync.service.selection import RemoteFolder
from cozysync_ui.autostart import is_autostart_enabled, set_autostart
from cozysync_ui.background import run_in_background
from cozysync_ui.controller import AppController
from cozysync_ui.deleted_files_flow import DeletedFilesFlow
from cozysync_ui.desktop_actions import desktop_requests
from cozysync_ui.dialogs.conflict import ConflictFlow
from cozysync_ui.dialogs.deletions import DeletionDialog, DeletionQuestion
from cozysync_ui.dialogs.preferences import CHECK_INTERVALS_MIN, PreferencesDialog
from cozysync_ui.dialogs.selective import FolderChoiceDialog
from cozysync_ui.dialogs.sign_in import SignInDialog, service_sign_in, sign_in_request
from cozysync_ui.dialogs.wizard import FirstRunWizard, LinkRequest
from cozysync_ui.dialogs.wizard_proxy import ProxySettings
from cozysync_ui.drives_flow import DrivesFlow
from cozysync_ui.errors import present_error, present_problem
from cozysync_ui.i18n import Translators, install_translators, translate
from cozysync_ui.itemmodels.sync_state import Problem
from cozysync_ui.metered import MeteredNetwork
from cozysync_ui.recent_activity import follow_menu_activity
from cozysync_ui.request_server import RequestServer
from cozysync_ui.settings import UiSettings
from cozysync_ui.share_picker import pick_and_share
from cozysync_ui.share_requests import register_share_requests
from cozysync_ui.single_instance import SingleInstance, socket_name
from cozysync_ui.tray import TrayIcon, tray_is_available
from cozysync_ui.versions_flow import VersionsFlow
from cozysync_ui.versions_requests import register_versions_request
from cozysync_ui.window import StatusWindow, show_close_notice

__all__ = ["CozySyncApp", "main"]


QUIT_WAIT_S = 2.0  # how long Quit waits for the engine threads to stop


class CozySyncApp(QObject):
    """The running app: one controller, a tray icon or a status window, the dialogs."""

    def __init__(
        self,
        service: SyncService,
        settings: UiSettings,
        *,
        use_tray: bool | None = None,
        controller: AppController | None = None,
        metered: MeteredNetwork | None = None,
    ) -> None:
        super().__init__()
        self.service, self.settings = service, settings
        self.controller = controller or AppController(service, parent=self)
        follow_menu_activity(self.controller)  # kept across restarts, gone with a folder
        self.metered = metered or MeteredNetwork(parent=self)
        self.metered.changed.connect(self.controller.on_metered_changed)
        self.controller.is_metered = self.metered.is_metered()
        self.controller.pause_on_metered = bool(settings.get("pause_on_metered", False))
        self.use_tray = tray_is_available() if use_tray is None else use_tray
        self.tray: TrayIcon | None = None
        self.window: StatusWindow | None = None
        if self.use_tray:
            self.tray = TrayIcon(self)
        else:
            self.window = StatusWindow(self)
            self.window.closed_to_background.connect(self._after_window_closed)
        self.wizard: FirstRunWizard | None = None
        self.preferences: PreferencesDialog | None = None
        self.conflict_flow: ConflictFlow | None = None
        self.folder_choice: FolderChoiceDialog | None = None
        self.drives = DrivesFlow(service, self.controller, lambda: self.preferences)
        self.deletion_dialogs: dict[str, DeletionDialog] = {}  # folder → its open question
        self.has_quit = False
        self.close_notice: QWidget | None = None
        self.controller.notification.connect(self.notify)
        self.controller.deletions_asked.connect(self.show_deletions)
        self.controller.sign_in_asked.connect(self.show_sign_in)
        self.sign_in_dialog: SignInDialog | None = None
        self.controller.failed.connect(lambda exc: present_error(exc, self.parent_widget()))
        # what the file managers' right-click asks (ui/desktop_actions.py: dialogs plug in)
        self.requests = desktop_requests(
            service, lambda url: self.controller.open_url(url), self.notify
        )
        self.deleted_files: DeletedFilesFlow | None = None  # issue 18: tray, file managers
        self.versions: VersionsFlow | None = None  # issue 18: the tray's "Versions of a file…"
        self.requests.register(
            DELETED_FILES, self._deleted_files_request, applies=lambda paths: len(paths) == 1
        )
        self.share_dialogs = register_share_requests(  # issue 17: Share…, Copy share link
            self.requests, service, self.parent_widget, self.notify
        )
        register_versions_request(self.requests, service, self._versions_request)

    def parent_widget(self) -> QWidget | None:
        return self.window

    def start(self) -> None:
        if self.tray is not None:
            self.tray.show()
        if self.window is not None:
            self.window.show()
        self.controller.start(then=self._after_start)

    def _after_start(self) -> None:
        if not self.controller.state.statuses:
            self.show_wizard()

    # --- Commands (the tray's and the window's entries) ------------------------------------

    def show_wizard(self) -> None:
        service = self.service
        offered: list[tuple[str, ...]] = [()]  # what a Cozy's other clients leave out

        def link(request: LinkRequest, show_login_url: Callable[[str], None]) -> object:
            offered[0] = ()
            return service.link(
                request.local_dir,
                request.url,
                user=request.user,
                password=request.password,
                allow_file_store=request.allow_file_store,
                cozy=request.cozy,
                open_browser=False,  # the wizard opens the login page itself
                print_url=show_login_url,
                offer_left_out=lambda names: offered.__setitem__(0, names),
            )

        def list_folders(folder: object) -> list[str]:
            assert isinstance(folder, FolderConfig)
            return [f.name for f in service.remote_folders(folder.name) if f.on_server]

        def set_excluded(folder: object, names: list[str]) -> object:
            assert isinstance(folder, FolderConfig)
            return service.set_excluded_folders(folder.name, names)

        wizard = FirstRunWizard(
            link,
            list_folders=list_folders,
            set_excluded=set_excluded,
            left_out_elsewhere=lambda _folder: offered[0],
            open_url=lambda url: self.controller.open_url(url),
            proxy=ProxySettings(self._saved_proxy, self._save_wizard_proxy),
            start_at_login=is_autostart_enabled() if self.controller.state.statuses else True,
            parent=self.parent_widget(),
        )
        wizard.accepted.connect(lambda: self._start_after_wizard(wizard))
        wizard.abandoned.connect(self._forget_abandoned_link)
        self.wizard = wizard
        wizard.show()

    def _start_after_wizard(self, wizard: FirstRunWizard) -> None:
        """Sync the new pair; start at login as the wizard's last page left it."""
        if wizard.start_at_login() != is_autostart_enabled():
            try:
                set_autostart(wizard.start_at_login())
            except CozySyncError as exc:
                present_error(exc, self.parent_widget())
        shown, linked = self.preferences, wizard.linked
        if shown is not None and shown.isVisible() and isinstance(linked, FolderConfig):
            shown.add_linked_folder(linked.name, linked.remote_url, linked.user)
        self.controller.start()
        if isinstance(linked, FolderConfig) and linked.remote_kind == "cozy":
            self.drives.offer(linked.name)  # its shared drives, if it has some

    def _forget_abandoned_link(self, folder: object) -> None:
        if isinstance(folder, FolderConfig):
            self.controller.unlink(folder.name, wipe_local=False)

    def show_preferences(self) -> None:
        if not self.controller.state.statuses:
            self.show_wizard()
            return
        limits = self.service.app_settings()  # a small file, read at once
        values = {
            "start_at_login": is_autostart_enabled(),
            "language": self.settings.language,
            "check_interval_min": self._check_interval_min(),
            "pause_on_metered": self.controller.pause_on_metered,
            "upload_limit_kib": limits.upload_limit_kib or 0,
            "download_limit_kib": limits.download_limit_kib or 0,
            "proxy": ProxyChoice(
                limits.proxy_mode, limits.proxy_url, limits.proxy_user, pac_url=limits.proxy_pac_url
            ),
        }
        unavailable = {}
        if not self.metered.is_available:
            unavailable["pause_on_metered"] = translate(
                "Preferences",
                "This computer does not tell whether a connection is metered: this setting "
                "cannot work here.",
            )
        dialog = PreferencesDialog(
            values,
            sorted(self.controller.state.statuses),
            unavailable=unavailable,
            accounts={f.name: (f.remote_url, f.user) for f in self.service.list_folders()},
            cozy_folders=frozenset(
                f.name for f in self.service.list_folders() if f.remote_kind == "cozy"
            ),
            parent=self.parent_widget(),
        )
        dialog.open_logs_requested.connect(self.open_logs)
        dialog.choose_folders_requested.connect(self.choose_folders)
        dialog.drives_requested.connect(self.drives.start)  # a Cozy's shared drives
        dialog.sign_in_requested.connect(self.controller.sign_in)
        dialog.add_folder_requested.connect(self.show_wizard)
        dialog.account_wanted.connect(lambda name: self._read_account(dialog, name))
        dialog.accepted.connect(lambda: self._apply_preferences(dialog))
        self.preferences = dialog
        dialog.show()
        if dialog.current_folder() is not None:
            self._read_account(dialog, str(dialog.current_folder()))

    def _read_account(self, dialog: PreferencesDialog, name: str) -> None:
        """The folder's server, user and quota (``SyncService.account_info``), asked
        away from the GUI thread and shown in the preferences' Account section."""
        service = self.service

        def unknown(exc: BaseException) -> None:  # unlinked meanwhile, or a broken config
            dialog.show_account(AccountInfo(name, "", None, "", quota_problem=str(exc)))

        run_in_background(lambda: service.account_info(name), dialog.show_account, unknown)

    def _check_interval_min(self) -> int:
        """The folders' remote check interval (the engine's setting), as the nearest of
        the choices the preferences offer (so an unchanged dialog changes nothing)."""
        seconds = min([f.poll_interval_s for f in self.service.list_folders()] or [60.0])
        return min(CHECK_INTERVALS_MIN, key=lambda minutes: abs(minutes * 60 - seconds))

    def _apply_preferences(self, dialog: PreferencesDialog) -> None:
        values = dialog.values()
        if values["start_at_login"] != is_autostart_enabled():
            try:
                set_autostart(bool(values["start_at_login"]))
            except CozySyncError as exc:
                present_error(exc, self.parent_widget())
        self.settings.set("language", values["language"])
        up, down = int(str(values["upload_limit_kib"])), int(str(values["download_limit_kib"]))
        if (up, down) != (dialog.initial("upload_limit_kib"), dialog.initial("download_limit_kib")):
            self.controller.set_bandwidth_limits(up, down)
        if values["pause_on_metered"] != self.controller.pause_on_metered:
            self.settings.set("pause_on_metered", bool(values["pause_on_metered"]))
            self.controller.set_pause_on_metered(bool(values["pause_on_metered"]))
        minutes = int(str(values["check_interval_min"]))
        if minutes != dialog.initial("check_interval_min"):
            self.controller.set_poll_interval(minutes * 60.0)
        self._apply_proxy(dialog)
        if dialog.unlink_request is not None:
            request = dialog.unlink_request
            self.controller.unlink(request.folder, wipe_local=request.wipe_local)

    def _saved_proxy(self) -> ProxyChoice:
        saved = self.service.app_settings()
        return ProxyChoice(
            saved.proxy_mode, saved.proxy_url, saved.proxy_user, pac_url=saved.proxy_pac_url
        )

    def _save_wizard_proxy(self, choice: ProxyChoice) -> None:
        """The wizard's proxy (issue 19): saved, in force for its check and the link, and
        for the folders already syncing (restarted, as from Preferences)."""
        save_proxy(self.service.locations, choice)
        self.controller.restart_all()

    def _apply_proxy(self, dialog: PreferencesDialog) -> None:
        """The proxy chosen in Network (issue 19): saved, its password in the keyring,
        used by every connection made from now on."""
        section = getattr(dialog, "proxy_section", None)
        if section is None or not section.changed():
            return
        try:
            save_proxy(self.service.locations, section.choice())
        except CozySyncError as exc:
            present_error(exc, self.parent_widget())
            return
        self.controller.restart_all()  # the running folders' connections take it now

    def choose_folders(self, name: str) -> None:
        """Selective sync of a linked folder: list its cloud's folders, ask, save."""
        service = self.service

        def ask(found: list[RemoteFolder]) -> None:
            excluded = {f.name for f in found if f.excluded}
            dialog = FolderChoiceDialog(
                name, [f.name for f in found], excluded, parent=self.preferences
            )
            dialog.accepted.connect(
                lambda: self.controller.set_excluded_folders(name, dialog.excluded())
            )
            self.folder_choice = dialog
            dialog.open()

        run_in_background(lambda: service.remote_folders(name), ask, self.controller.fail)

    def open_logs(self) -> None:
        self.controller.open_url(QUrl.fromLocalFile(str(self.service.locations.log_dir)))

    def show_deleted_files(self, first: str | None = None) -> None:
        """The Deleted files window for the linked folders (``first`` listed first)."""
        statuses = self.controller.state.statuses.values()
        folders = [(s.name, str(s.local_root)) for s in statuses]
        folders.sort(key=lambda folder: folder[0] != first)  # ``first`` first
        if self.deleted_files is None:
            self.deleted_files = DeletedFilesFlow(self.service, self.parent_widget())
            self.deleted_files.told.connect(self.notify)
        self.deleted_files.show(folders)

    def show_versions(self) -> None:
        """A file chosen in a linked folder, then its old versions (the Versions dialog),
        as the window's "Versions of a file…" does."""
        statuses = self.controller.state.statuses.values()
        if self.versions is None:
            self.versions = VersionsFlow(self.service, self.parent_widget())
            self.versions.told.connect(self.notify)
        self.versions.pick_file([(s.name, str(s.local_root)) for s in statuses])

    def show_share(self) -> None:
        """The tray's "Share…": a folder chosen in a linked folder, then its Share dialog."""
        roots = [str(s.local_root) for s in self.controller.state.statuses.values()]
        pick_and_share(self.service, roots, self.parent_widget())

    def _versions_request(self, path: str, folder: str | None) -> None:
        """A file manager's "Versions…" on a file of a synced folder: its Versions dialog."""
        if self.versions is None:
            self.versions = VersionsFlow(self.service, self.parent_widget())
            self.versions.told.connect(self.notify)
        self.versions.show_for(path, folder)

    def _deleted_files_request(self, paths: list[str], reply: Reply) -> None:
        """A file manager's "Deleted files" on items of a synced folder: its window."""
        self.show_deleted_files(self.service.folder_of_path(paths[0]))
        reply({"ok": True})

    def show_conflicts(self) -> None:
        roots = {s.name: Path(s.local_root) for s in self.controller.state.statuses.values()}
        self.conflict_flow = ConflictFlow(roots, self.parent_widget())
        self.conflict_flow.chosen.connect(self.controller.resolve)
        self.conflict_flow.start(self.controller.state.conflicts)

    def show_deletions(self, question: DeletionQuestion) -> None:
        """Ask what to do with the deletions a guard stopped (one dialog per folder: a
        newer question replaces an older one still open)."""
        shown = self.deletion_dialogs.get(question.folder)
        if shown is not None and shown.isVisible():
            if shown.question.key == question.key:
                shown.raise_()
                shown.activateWindow()
                return
            shown.reject()  # its question is outdated: "decide later"
        dialog = DeletionDialog(question, self.parent_widget())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._deletions_answered(dialog))
        self.deletion_dialogs[question.folder] = dialog
        dialog.show()

    def _deletions_answered(self, dialog: DeletionDialog) -> None:
        if self.deletion_dialogs.get(dialog.question.folder) is dialog:
            del self.deletion_dialogs[dialog.question.folder]
        self.controller.answer_deletions(dialog.question, dialog.answer)

    def show_sign_in(self, folder: FolderConfig) -> None:
        """The "Sign in again" prompt for ``folder`` (a password, or the browser)."""
        if self.sign_in_dialog is not None and self.sign_in_dialog.isVisible():
            self.sign_in_dialog.reject()  # one prompt at a time: the newer one
        sign_in = service_sign_in(self.service, folder.name)
        dialog = SignInDialog(
            sign_in_request(folder), sign_in, open_url=self.controller.open_url,
            parent=self.parent_widget(),
        )  # fmt: skip
        dialog.signed_in.connect(lambda _folder: self._after_sign_in(folder.name))
        self.sign_in_dialog = dialog
        dialog.show()

    def _after_sign_in(self, name: str) -> None:
        """The pair takes the new login; the preferences, if open on it, ask again."""
        self.controller.signed_in(name)
        shown = self.preferences
        if shown is not None and shown.isVisible() and shown.current_folder() == name:
            self._read_account(shown, name)

    def show_problem(self, problem: Problem) -> None:
        where = f"{problem.path}: " if problem.path else ""
        present_problem(where + problem.title, problem.hint, self.parent_widget())

    def show_window(self) -> None:
        """Another start of the app asked for it: the window forward (with a tray, a
        word from the tray icon that the app is already there)."""
        if self.window is not None:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
        elif self.tray is not None:
            self.tray.notify(
                translate("App", "cozysync is already running"),
                translate("App", "Its icon is in the tray: click it to open its menu."),
            )

    def _after_window_closed(self) -> None:
        """Closing the window hides it (syncing goes on): said once, with how to get it
        back."""
        if not self.settings.get("close_notice_shown", False):
            self.settings.set("close_notice_shown", True)
            self.close_notice = show_close_notice()

    def notify(self, title: str, text: str) -> None:
        if self.tray is not None:
            self.tray.notify(title, text)
        elif self.window is not None:
            self.window.notify(title, text)

    def quit(self) -> None:
        """Stop the engine threads cleanly, then leave."""
        if self.has_quit:
            return
        self.has_quit = True
        if self.wizard is not None and self.wizard.is_linking:
            self.wizard.reject()  # a Cozy login waiting in the browser is cancelled
        # A transfer the server no longer answers has no chunk at which to stop: after
        # QUIT_WAIT_S the app leaves without it (the engine threads are daemons; the
        # journal is only written after a success, a temp is removed at the next start).
        self.controller.quit(timeout=QUIT_WAIT_S)
        if self.tray is not None:
            self.tray.close()
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
        app = QApplication.instance()
        if app is not None:
            app.quit()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cozysync-gui", description="cozysync's tray app")
    parser.add_argument("--window", action="store_true", help="show a window, not a tray icon")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("cozysync")
    app.setQuitOnLastWindowClosed(False)
    locations = Locations.from_env()
    locations.make_private()  # what an older version left readable by other accounts
    instance = SingleInstance(socket_name(private_folder(locations.state_dir)))
    if instance.ask_first_to_show():
        return 0  # the app already running shows its window
    instance.listen()
    log_handler = setup_logging(locations.log_file)  # each folder's lines in its own log
    settings = UiSettings(locations.config_dir)
    translators: Translators = install_translators(app, settings.language)
    gui = CozySyncApp(SyncService(locations), settings, use_tray=False if args.window else None)
    instance.show_requested.connect(gui.show_window)
    requests = RequestServer(gui.requests)
    requests.listen(requests_socket_path())
    gui.start()
    code = app.exec()
    gui.quit()
    requests.close()
    instance.close()
    translators.remove(app)
    close_logging(log_handler)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
