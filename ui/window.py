"""``StatusWindow``: where the desktop shows no tray (GNOME without an extension), a
normal window with the tray's content: the state in words and picture, the same
commands as buttons, the recent activity and the problems with their hints."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync_ui.cloud_warnings import CloudWarnings
from cozysync_ui.deleted_files_flow import DeletedFilesFlow
from cozysync_ui.dialogs.share_dialog import ShareDialog, share_ops
from cozysync_ui.i18n import translate
from cozysync_ui.icons import state_icon
from cozysync_ui.invitations_view import InvitationsBox
from cozysync_ui.itemmodels.sync_state import Problem, State, state_name
from cozysync_ui.labels import folder_label, mode_help, problem_label
from cozysync_ui.progress_view import ProgressView
from cozysync_ui.recent_activity import RecentActivityList
from cozysync_ui.tray import Commands
from cozysync_ui.tray_menu import TrayMenu, conflicts_words, pause_words, toggle_pause
from cozysync_ui.versions_flow import VersionsFlow

__all__ = ["StatusWindow", "show_close_notice"]

ICON_SIZE = 48


class StatusWindow(QMainWindow):
    """The tray's content in a window.  Closing it hides it and syncing goes on
    (``closed_to_background``); Quit, a button and a menu entry, quits."""

    closed_to_background = Signal()

    def __init__(self, commands: Commands) -> None:
        super().__init__()
        self.commands = commands
        self.setWindowTitle("cozysync")
        self.menu = QMenu(translate("Tray", "Menu"), self)
        self.menuBar().addMenu(self.menu)
        self.tray_menu = TrayMenu(self.menu, commands)  # updates itself in place
        central = QWidget()
        column = QVBoxLayout(central)
        column.addWidget(self._build_header())
        self.progress = ProgressView(commands.controller.state)
        column.addWidget(self.progress)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #fff3cd; color: #3b2f00; padding: 6px;")
        self.notice.hide()
        column.addWidget(self.notice)
        self.cloud_warnings = CloudWarnings(commands.controller)  # hidden while none stands
        column.addWidget(self.cloud_warnings)
        self._told: Problem | None = None  # the problem the next notice says
        self._notice_about: Problem | None = None  # the problem the notice says
        commands.controller.problem_told.connect(self._expect_problem)
        self.invitations = InvitationsBox(commands.controller.invitations)
        column.addWidget(self.invitations)  # hidden while none waits
        self.sign_in = QPushButton()  # in the banner while a cloud refuses the login
        self.sign_in.clicked.connect(self._sign_in)
        column.addWidget(self.sign_in)
        column.addLayout(self._build_buttons())
        self.folder_list = QListWidget()
        self.folder_list.itemActivated.connect(self._open_activity)
        self.recent_list = RecentActivityList(commands.controller)  # kept across restarts
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)  # a hint is read whole, never scrolled to
        self.problem_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problem_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problem_list.itemActivated.connect(self._show_problem)
        for title, widget in (
            (translate("Tray", "Folders"), self.folder_list),
            (translate("Tray", "Recent activity"), self.recent_list),
            (translate("Tray", "Problems"), self.problem_list),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(widget)
            column.addWidget(box)
        self.setCentralWidget(central)
        self.resize(500, 660)
        commands.controller.state.changed.connect(self.update_content)
        commands.controller.deletions.changed.connect(self.update_content)
        commands.controller.logins.changed.connect(self.update_content)
        self.update_content()

    def _build_header(self) -> QWidget:
        header = QWidget()
        row = QHBoxLayout(header)
        self.state_picture = QLabel()
        self.state_picture.setFixedSize(QSize(ICON_SIZE, ICON_SIZE))
        self.headline = QLabel()
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        words = QVBoxLayout()
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        row.addWidget(self.state_picture)
        row.addLayout(words, 1)
        return header

    def _build_buttons(self) -> QVBoxLayout:
        controller = self.commands.controller
        self.open_folder = QPushButton(translate("Tray", "Open the folder"))
        self.open_folder.clicked.connect(self._open_first_folder)
        self.open_cloud = QPushButton(translate("Tray", "Open my cloud in the browser"))
        self.open_cloud.clicked.connect(controller.open_cloud)
        self.share = QPushButton(translate("Tray", "Share…"))  # issue 17
        self.share.clicked.connect(self._pick_and_share)
        self.sync_now = QPushButton(translate("Tray", "Sync now"))
        self.sync_now.clicked.connect(controller.sync_now)
        self.pause = QPushButton(translate("Tray", "Pause syncing"))
        self.pause.clicked.connect(lambda: toggle_pause(controller))
        self.pause_hour = QPushButton(translate("Tray", "Pause for one hour"))
        self.pause_hour.clicked.connect(controller.pause_for_one_hour)
        self.conflicts = QPushButton()
        self.conflicts.clicked.connect(self.commands.show_conflicts)
        self.review_deletions = QPushButton(translate("Tray", "Review deletions…"))
        self.review_deletions.clicked.connect(self._review_deletions)
        self.deleted_files = QPushButton(translate("Tray", "Deleted files…"))  # issue 18
        self.deleted_files.clicked.connect(self.show_deleted_files)
        self.deleted_files_flow = DeletedFilesFlow(controller.service, self)
        self.deleted_files_flow.told.connect(self.notify)
        self.versions = QPushButton(translate("Tray", "Versions of a file…"))  # issue 18
        self.versions.clicked.connect(self._pick_versions)
        self.versions_flow = VersionsFlow(controller.service, self)
        self.versions_flow.told.connect(self.notify)
        self.preferences = QPushButton(translate("Tray", "Preferences…"))
        self.preferences.clicked.connect(self.commands.show_preferences)
        self.quit_button = QPushButton(translate("Tray", "Quit"))
        self.quit_button.clicked.connect(self.commands.quit)
        rows = QVBoxLayout()
        for buttons in (
            (self.open_folder, self.open_cloud, self.share),
            (self.sync_now, self.pause, self.pause_hour),
            (self.conflicts, self.review_deletions, self.versions, self.deleted_files),
            (self.preferences, self.quit_button),
        ):
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            rows.addLayout(row)
        return rows

    def update_content(self) -> None:
        state = self.commands.controller.state
        overall = state.overall()
        about = self._notice_about
        if overall is State.UP_TO_DATE or (about is not None and not state.has_problem(about)):
            self.notice.hide()  # what it said is settled: never beside "No problems"
            self._notice_about = None
        self.setWindowIcon(state_icon(overall))
        self.state_picture.setPixmap(state_icon(overall).pixmap(ICON_SIZE, ICON_SIZE))
        self.state_picture.setAccessibleName(state.headline())
        self.headline.setText(state.headline())
        self.detail.setText(state.detail())
        has_folders = bool(state.statuses)
        for button in (self.open_folder, self.open_cloud, self.sync_now, self.pause):
            button.setEnabled(has_folders)
        self.pause.setText(pause_words(state.is_paused))
        self.pause_hour.setVisible(has_folders and not state.is_paused)
        self.conflicts.setText(conflicts_words(len(state.conflicts)))
        self.conflicts.setVisible(bool(state.conflicts))
        self.review_deletions.setVisible(bool(self.commands.controller.deletions.stopped_folders()))
        self._show_sign_in(self.commands.controller.logins.folders())
        self._fill_lists()

    def _fill_lists(self) -> None:
        state = self.commands.controller.state
        self.folder_list.clear()
        waiting = self.commands.controller.deletions.stopped_folders()
        for name, status in state.statuses.items():
            said = state_name(state.folder_state(name))
            if name in waiting:
                said = translate("Tray", "Stopped: deleted files wait for your answer")
            item = QListWidgetItem(f"{folder_label(status)}\n    {said}")
            item.setData(Qt.ItemDataRole.UserRole, status.local_root)
            item.setToolTip(mode_help(status.mode))
            self.folder_list.addItem(item)
        self.problem_list.clear()
        for problem in state.problems():
            item = QListWidgetItem(f"{problem_label(problem)}\n    {problem.hint}")
            item.setData(Qt.ItemDataRole.UserRole, problem)
            item.setToolTip(problem.hint)
            self.problem_list.addItem(item)
        if not state.problems():
            self.problem_list.addItem(translate("Tray", "No problems"))

    def notify(self, title: str, text: str) -> None:
        body = escape(text).replace("\n", "<br>")
        self.notice.setText(f"<b>{escape(title)}</b><br>{body}")
        self.notice.show()
        self._notice_about, self._told = self._told, None

    def _expect_problem(self, problem: Problem) -> None:
        """The notification that follows says ``problem``: shown while it is listed."""
        self._told = problem

    def _open_first_folder(self) -> None:
        for status in self.commands.controller.state.statuses.values():
            self.commands.controller.open_folder(status.local_root)
            return

    def _pick_and_share(self) -> None:
        roots = [s.local_root for s in self.commands.controller.state.statuses.values()]
        title = translate("Tray", "Choose the folder to share")
        path = QFileDialog.getExistingDirectory(self, title, str(roots[0]) if roots else "")
        if path:
            self.share_item(path)

    def share_item(self, path: str) -> ShareDialog:
        """The Share dialog of ``path`` (a file or folder in a synced folder), open."""
        dialog = ShareDialog(share_ops(self.commands.controller.service, path), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _pick_versions(self) -> None:
        """A file's old versions (``versions_flow``), the file picked in a synced folder."""
        statuses = self.commands.controller.state.statuses
        self.versions_flow.pick_file([(n, str(s.local_root)) for n, s in statuses.items()])

    def show_deleted_files(self) -> None:
        """The linked folders' deleted files (``deleted_files_flow``)."""
        statuses = self.commands.controller.state.statuses
        self.deleted_files_flow.show([(n, str(s.local_root)) for n, s in statuses.items()])

    def _open_activity(self, item: QListWidgetItem) -> None:
        folder = item.data(Qt.ItemDataRole.UserRole)
        if folder:
            self.commands.controller.open_folder(folder)

    def _show_sign_in(self, refused: list[str]) -> None:
        """The banner says the refused login and offers to sign in again."""
        self.sign_in.setVisible(bool(refused))
        if refused:
            self.sign_in.setText(
                translate("Tray", "Sign in again to %1…").replace("%1", refused[0])
            )
            if self.notice.isHidden():  # else it says it already (or something newer)
                refusal = translate("Tray", "Your cloud refused the login of %1.")
                self.notice.setText(refusal.replace("%1", refused[0]))
                self.notice.show()
                self._notice_about = None

    def _sign_in(self) -> None:
        for name in self.commands.controller.logins.folders():
            self.commands.controller.sign_in(name)
            return

    def _review_deletions(self) -> None:
        for name in self.commands.controller.deletions.stopped_folders():
            self.commands.controller.review_deletions(name)

    def _show_problem(self, item: QListWidgetItem) -> None:
        problem = item.data(Qt.ItemDataRole.UserRole)
        if problem is not None:
            self.commands.show_problem(problem)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Hidden, not quit: without a tray the window is the app's only face, and
        closing it must not stop the syncing behind the user's back."""
        event.ignore()
        self.hide()
        self.closed_to_background.emit()


def show_close_notice() -> QMessageBox:
    """Said once, when the window is first closed: syncing goes on, and how to get the
    window back."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "cozysync",
        translate("Window", "cozysync keeps syncing in the background."),
        QMessageBox.StandardButton.Ok,
    )
    box.setInformativeText(
        translate(
            "Window",
            "To see this window again, open cozysync again from your applications menu "
            "(or run: cozysync gui). To stop syncing, choose Quit in this window.",
        )
    )
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()
    return box
