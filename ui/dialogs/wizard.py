"""The first-run wizard: where the cloud is (checked there: the address and the login,
or a Nextcloud's browser sign-in), which folder, connect (a Cozy's browser login happens
here), then "Your folder is ready" (which folders to keep, open it, start syncing).

Connecting runs the ``link`` operation it was given (``SyncService.link`` in the app) off
the GUI thread.  For a Cozy, the engine hands over the address of its login page; the
wizard opens it in the browser (``open_url``) and keeps a link to open it again.
Cancelling while the browser login waits answers the engine's loopback listener with
"cancelled", so the engine stops waiting and removes the half-registered computer.  An
error found by the first page's check (no server there, wrong password, a certificate
not trusted) shows on that page in words for a person, and the user fixes the field and
tries again; one met while linking shows on the connect page.  The wizard never deletes
anything in the chosen folder; a link given up after it succeeded (cancel on the last
page) is handed back through ``abandoned`` for the app to unlink, files kept.
"""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from PySide6.QtCore import Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cozysync.errors import SecretStoreError
from cozysync.service.server_check import ServerCheck, ServerProblem, problem_of
from cozysync_ui.background import run_in_background
from cozysync_ui.dialogs.selective import FolderChoice
from cozysync_ui.dialogs.wizard_check import ServerChecker, problem_words
from cozysync_ui.dialogs.wizard_pages import CloudPage, FolderPage, folder_warning
from cozysync_ui.dialogs.wizard_proxy import ProxySettings
from cozysync_ui.errors import error_texts
from cozysync_ui.i18n import translate

__all__ = [
    "FirstRunWizard",
    "LinkFn",
    "LinkRequest",
    "cancel_cozy_login",
    "folder_warning",
]


@dataclass(frozen=True, slots=True)
class LinkRequest:
    local_dir: Path
    url: str
    user: str | None
    password: str | None
    allow_file_store: bool = False
    cozy: bool = False


# link(request, show_login_url) -> the linked folder; show_login_url may be called from
# the worker thread with the address of a Cozy's login page.
LinkFn = Callable[[LinkRequest, Callable[[str], None]], object]


def cancel_cozy_login(login_url: str, timeout: float = 10.0) -> None:
    """Tell the engine's loopback listener (the login page's ``redirect_uri``) that the
    login was cancelled, as a browser does when the user refuses; blocking."""
    query = {k: v[0] for k, v in parse_qs(urlsplit(login_url).query).items()}
    redirect, state = query.get("redirect_uri", ""), query.get("state", "")
    if not redirect.startswith("http://127.0.0.1:") or not state:
        return
    answer = f"{redirect}?{urlencode({'state': state, 'error': 'cancelled'})}"
    with urllib.request.urlopen(answer, timeout=timeout) as response:
        response.read()


def _ignore(_value: object) -> None:
    return None


def _link_failure_texts(exc: BaseException, *, cozy: bool) -> tuple[str, str]:
    """(what happened, what to do): for a WebDAV server, a refused login, an unreachable
    server or a certificate in the first page's words (no command-line flags); else the
    error's own (a Cozy's browser login says what happened there)."""
    if cozy:
        return error_texts(exc)
    problem = problem_of(exc)
    said = (
        ServerProblem.LOGIN_REFUSED, ServerProblem.UNREACHABLE, ServerProblem.CERTIFICATE,
        ServerProblem.WIFI_SIGN_IN,
    )  # fmt: skip
    if problem in said and not isinstance(exc, SecretStoreError):
        return problem_words(ServerCheck("", problem)), ""
    return error_texts(exc)


class ConnectPage(QWizardPage):
    """Runs the link when entered; complete once linked (then the wizard moves on)."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("Wizard", "Connecting"))
        self.setCommitPage(True)  # linked: no way back, only forward or cancel
        self.summary = QLabel()
        self.progress = QLabel()
        self.login = QLabel()
        self.login.linkActivated.connect(lambda _href: wizard.open_login_page())
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.file_store = QCheckBox(
            translate("Wizard", "Keep the password in a private file on this computer")
        )
        self.file_store.hide()
        self.retry = QPushButton(translate("Wizard", "Try again"))
        self.retry.clicked.connect(wizard.start_linking)
        self.retry.hide()
        column = QVBoxLayout(self)
        for widget in (self.summary, self.progress, self.login, self.error):
            widget.setWordWrap(True)
            column.addWidget(widget)
        column.addWidget(self.file_store)
        column.addWidget(self.retry)
        column.addStretch(1)

    def initializePage(self) -> None:
        request = self._wizard.request()
        self.summary.setText(
            translate("Wizard", "The folder %1 will be kept in sync with %2.")
            .replace("%1", str(request.local_dir))
            .replace("%2", request.url)
        )
        self._wizard.start_linking()

    def isComplete(self) -> bool:
        return self._wizard.linked is not None


class ReadyPage(QWizardPage):
    """Linked: "Your folder is ready", a button to open it, which top-level folders to
    keep here (selective sync), then start."""

    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(translate("Wizard", "Your folder is ready"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.open_folder = QPushButton(translate("Wizard", "Open the folder"))
        self.open_folder.clicked.connect(wizard.open_folder)
        self.choice = FolderChoice()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.start_at_login = QCheckBox(translate("Wizard", "Start cozysync when I log in"))
        self.start_at_login.setToolTip(
            translate("Wizard", "Your files keep syncing without opening cozysync each time.")
        )
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.open_folder, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.choice, 1)
        column.addWidget(self.start_at_login)
        column.addWidget(self.error)

    def initializePage(self) -> None:
        self._wizard.load_folders()

    def isComplete(self) -> bool:
        return not self._wizard.is_busy


class FirstRunWizard(QWizard):
    """After ``accepted``, ``linked`` holds what ``link`` returned."""

    abandoned = Signal(object)  # a link that succeeded, then the user cancelled
    _login_url_ready = Signal(str)  # emitted from the worker thread

    def __init__(
        self,
        link: LinkFn,
        *,
        list_folders: Callable[[object], list[str]] | None = None,
        set_excluded: Callable[[object, list[str]], object] | None = None,
        left_out_elsewhere: Callable[[object], tuple[str, ...]] | None = None,
        default_folder: Path | None = None,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        checker: ServerChecker | None = None,
        proxy: ProxySettings | None = None,
        start_at_login: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._link, self.open_url = link, open_url
        self._list_folders, self._set_excluded = list_folders, set_excluded
        self._left_out_elsewhere = left_out_elsewhere  # offered on the last page
        self.linked: object | None = None
        self.is_linking = False
        self.is_busy = False  # listing the cloud's folders, or saving the choice
        self.is_saving = False
        self.is_cancelled = False
        self._cancelled = threading.Event()  # read by the worker thread
        self.login_url = ""
        self.setWindowTitle(translate("Wizard", "Welcome to cozysync"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.cloud_page = CloudPage(checker, proxy)  # proxy: offered when unreachable
        self.cloud_page.checker.login_page.connect(lambda url: self.open_url(QUrl(url)))
        self.folder_page = FolderPage(default_folder or Path.home() / "cozysync")
        self.connect_page = ConnectPage(self)
        self.ready_page = ReadyPage(self)
        self.ready_page.start_at_login.setChecked(start_at_login)  # on after the first pair
        for page in (self.cloud_page, self.folder_page, self.connect_page, self.ready_page):
            self.addPage(page)
        for button, text in (
            (QWizard.WizardButton.NextButton, translate("Wizard", "Next")),
            (QWizard.WizardButton.CommitButton, translate("Wizard", "Next")),
            (QWizard.WizardButton.BackButton, translate("Wizard", "Back")),
            (QWizard.WizardButton.CancelButton, translate("Wizard", "Cancel")),
            (QWizard.WizardButton.FinishButton, translate("Wizard", "Start syncing")),
        ):
            self.setButtonText(button, text)
        self._login_url_ready.connect(self._show_login_url)
        self.currentIdChanged.connect(self._keep_back_disabled_while_linking)

    def start_at_login(self) -> bool:
        """The last page's choice (the app writes the autostart entry)."""
        return self.ready_page.start_at_login.isChecked()

    def request(self) -> LinkRequest:
        cloud = self.cloud_page
        user = None if cloud.is_cozy else (cloud.user.text().strip() or None)
        checked = cloud.approved == cloud.values()
        return LinkRequest(
            self.folder_page.chosen(),
            cloud.approved_url if checked else cloud.address(),
            user,
            cloud.password.text() if user else None,
            self.connect_page.file_store.isChecked(),
            cloud.is_cozy,
        )

    # --- linking -----------------------------------------------------------------------

    def _keep_back_disabled_while_linking(self, _page_id: int) -> None:
        if self.is_linking:  # the wizard enabled it again after entering the page
            self.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def start_linking(self) -> None:
        if self.is_linking or self.linked is not None:
            return
        page = self.connect_page
        request = self.request()
        self.is_linking, self.login_url = True, ""
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        for widget in (page.error, page.login):
            widget.clear()
        page.retry.hide()
        page.progress.setText(translate("Wizard", "Connecting to your cloud…"))
        link, cancelled, announce = self._link, self._cancelled, self._login_url_ready.emit

        def show_url(url: str) -> None:  # in the worker thread
            if cancelled.is_set():  # cancelled before the login page was known
                with suppress(OSError):
                    cancel_cozy_login(url)
            announce(url)

        run_in_background(lambda: link(request, show_url), self._linked, self._failed)

    @Slot(str)
    def _show_login_url(self, url: str) -> None:
        self.login_url = url
        if self.is_cancelled:  # (the worker may have answered already: twice is harmless)
            self._cancel_login()
            return
        self.connect_page.progress.setText(
            translate(
                "Wizard",
                "Your browser shows your Cozy: log in there, then allow cozysync to use "
                "your files. This page goes on by itself once it is done.",
            )
        )
        self.connect_page.login.setText(
            translate("Wizard", 'The page did not open? <a href="#">Open it again</a>')
        )
        self.open_login_page()

    def open_folder(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(self.folder_page.chosen())))

    def open_login_page(self) -> None:
        if self.login_url:
            self.open_url(QUrl(self.login_url))

    def _cancel_login(self) -> None:
        url = self.login_url
        run_in_background(lambda: cancel_cozy_login(url), _ignore, _ignore)

    def _linked(self, result: object) -> None:
        self.is_linking = False
        self.linked = result
        if self.is_cancelled:
            self.abandoned.emit(result)
            super().reject()
            return
        page = self.connect_page
        page.progress.setText(translate("Wizard", "Connected."))
        page.login.clear()
        self.ready_page.summary.setText(
            page.summary.text()
            + "\n\n"
            + translate(
                "Wizard",
                "Nothing in the folder is deleted: the first sync sends its files to your "
                "cloud and brings the cloud's files here.",
            )
        )
        page.completeChanged.emit()
        self.next()

    def _failed(self, exc: BaseException) -> None:
        self.is_linking = False
        if self.is_cancelled:
            super().reject()
            return
        page = self.connect_page
        page.progress.clear()
        page.login.clear()
        title, hint = _link_failure_texts(exc, cozy=self.cloud_page.is_cozy)
        if isinstance(exc, SecretStoreError):
            title = translate("Wizard", "This computer has no password keeper (keyring).")
            hint = translate(
                "Wizard", "Tick the box below to keep the password in a file only you can read."
            )
            page.file_store.show()
        page.error.setText(f"{title}\n{hint}")
        page.retry.show()
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)

    # --- selective sync ----------------------------------------------------------------

    def load_folders(self) -> None:
        page = self.ready_page
        list_folders, linked = self._list_folders, self.linked
        if list_folders is None or self._set_excluded is None or linked is None:
            page.choice.hide()
            return
        page.choice.show_loading()
        self._set_busy(True)
        run_in_background(lambda: list_folders(linked), self._folders_listed, self._listing_failed)

    def _set_busy(self, busy: bool) -> None:
        self.is_busy = busy
        self.ready_page.completeChanged.emit()

    def _folders_listed(self, names: list[str]) -> None:
        self._set_busy(False)
        if not self.isVisible():
            return
        choice = self.ready_page.choice
        choice.set_folders(names, set())
        if self._left_out_elsewhere is not None and self.linked is not None:
            choice.offer_left_out(self._left_out_elsewhere(self.linked))

    def _listing_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        title, hint = error_texts(exc)
        self.ready_page.choice.show_error(
            translate("Wizard", "The cloud's folders could not be listed: everything will be kept.")
            + f"\n{title}\n{hint}"
        )

    def accept(self) -> None:
        """Start syncing, once the folders left out are saved."""
        excluded = self.ready_page.choice.excluded()
        set_excluded, linked = self._set_excluded, self.linked
        if self.is_busy:
            return
        if set_excluded is None or linked is None or not excluded:
            super().accept()
            return
        self._set_busy(True)
        self.is_saving = True
        run_in_background(
            lambda: set_excluded(linked, excluded), self._excluded_saved, self._saving_failed
        )

    def _excluded_saved(self, _result: object) -> None:
        self._set_busy(False)
        self.is_saving = False
        super().accept()

    def _saving_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.is_saving = False
        title, hint = error_texts(exc)
        self.ready_page.error.setText(f"{title}\n{hint}")

    # --- closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel: a login under way is cancelled first; a link already made is handed
        back through ``abandoned``."""
        self.cloud_page.checker.cancel()  # a check or a Nextcloud sign-in under way
        if self.is_linking:
            self.is_cancelled = True
            self._cancelled.set()
            self.hide()
            if self.login_url:
                self._cancel_login()
            return  # closes once the link operation has ended
        if self.is_saving:
            return  # a moment: the choice is being saved
        if self.linked is not None:
            self.abandoned.emit(self.linked)
        super().reject()
