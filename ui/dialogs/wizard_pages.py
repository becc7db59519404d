"""The wizard's first pages: where the cloud is (a Cozy, a Nextcloud signed in to
through the browser, or a WebDAV server with a user name and a password), checked before
going on, and which folder of this computer.  ``FirstRunWizard`` links with them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from cozysync.errors import CozySyncError
from cozysync.local.marker import MARKER_NAME
from cozysync.remotes.nextcloud_login import NextcloudCredentials
from cozysync.service.linking import is_unencrypted
from cozysync.service.server_check import ServerCheck, ServerProblem
from cozysync_ui.dialogs.wizard_check import (
    CheckValues,
    ServerChecker,
    login_failure_words,
    problem_words,
)
from cozysync_ui.dialogs.wizard_proxy import ProxyDialog, ProxySettings
from cozysync_ui.errors import error_texts
from cozysync_ui.i18n import translate

__all__ = ["CloudPage", "FolderPage", "cozy_address", "folder_warning"]

_PROBLEM_STYLE = "color: #b00020;"


def cozy_address(text: str) -> str:
    """What the user typed as their Cozy's address, as a URL: ``alice.mycozy.cloud`` →
    ``https://alice.mycozy.cloud``; "" when nothing usable was typed."""
    text = text.strip().rstrip("/")
    if not text or any(c.isspace() for c in text):
        return ""
    if "://" not in text:
        text = "https://" + text
    return text if text.startswith(("http://", "https://")) else ""


def folder_warning(folder: Path) -> str:
    """What to tell the user about the folder they picked ("" when all is plain)."""
    if folder.exists() and not folder.is_dir():
        return translate("Wizard", "This is a file, not a folder. Choose a folder.")
    try:
        names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
        count = sum(1 for name in names if name != MARKER_NAME)  # not cozysync's own
    except OSError:
        return translate("Wizard", "cozysync cannot open this folder. Choose another one.")
    if count:
        return translate(
            "Wizard",
            "This folder is not empty (%n item(s)). Nothing in it will be deleted: "
            "its files will be sent to your cloud, next to what is already there.",
            None,
            count,
        )
    return ""


class CloudPage(QWizardPage):
    """A Cozy (one address; the login happens in the browser) or a WebDAV server.  Next
    first checks the address and the login (``ServerChecker``, in the background, with
    a busy bar and Cancel); a problem is said here, and the user fixes the field and
    tries again.  A Nextcloud is signed in to through the browser."""

    def __init__(
        self, checker: ServerChecker | None = None, proxy: ProxySettings | None = None
    ) -> None:
        super().__init__()
        self._proxy = proxy  # the app's proxy: offered when the server cannot be reached
        self.setTitle(translate("Wizard", "Where is your cloud?"))
        self.setSubTitle(
            translate("Wizard", "cozysync keeps a folder of this computer in sync with it.")
        )
        self.checker = checker or ServerChecker(parent=self)
        self.approved: CheckValues | None = None  # the values the last good check was for
        self.approved_url = ""  # the address to link, as that check found it
        self._make_fields()
        self._make_check_rows()
        self.cozy.toggled.connect(self._show_kind)
        self._show_kind()

    def _make_fields(self) -> None:
        self.cozy = QRadioButton(translate("Wizard", "My Cozy"))
        self.webdav = QRadioButton(translate("Wizard", "Nextcloud or another WebDAV server"))
        self.cozy.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.cozy)
        kinds.addButton(self.webdav)
        self.url = QLineEdit()
        self.url.setAccessibleName(translate("Wizard", "Address"))
        self.user = QLineEdit()
        self.user.setAccessibleName(translate("Wizard", "User name"))
        self.password = QLineEdit()
        self.password.setAccessibleName(translate("Wizard", "App password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.help_text = _wrapped(QLabel())
        self.http_warning = _wrapped(
            QLabel(
                translate(
                    "Wizard",
                    "This address is not encrypted (http://): your password and files would "
                    "cross the network readable by anyone on it. Use https:// if the server "
                    "offers it.",
                )
            )
        )
        self.form = QFormLayout()
        self.column = QVBoxLayout(self)  # word-wrapped labels below the form get their height
        self.column.addLayout(self.form)
        self.form.addRow(self.cozy)
        self.form.addRow(self.webdav)
        self.form.addRow(translate("Wizard", "Address"), self.url)
        self.form.addRow(translate("Wizard", "User name"), self.user)
        self.form.addRow(translate("Wizard", "App password"), self.password)
        self.form.addRow(self.http_warning)
        self.column.addWidget(self.help_text)
        for field in (self.url, self.user, self.password):
            field.textChanged.connect(self.completeChanged)
        self.url.textChanged.connect(self._show_http_warning)

    def _make_check_rows(self) -> None:
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: no known end
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(translate("Wizard", "Checking the address and the login…"))
        self.busy_text = QLabel(translate("Wizard", "Checking the address and the login…"))
        self.cancel_check = QPushButton(translate("Wizard", "Cancel"))
        self.cancel_check.clicked.connect(self._cancel)
        self.problem = _wrapped(QLabel())
        self.problem.setStyleSheet(_PROBLEM_STYLE)
        self.browser_login = QPushButton(translate("Wizard", "Sign in with your browser"))
        self.browser_login.clicked.connect(self._sign_in)
        self.login_link = _wrapped(QLabel())
        self.proxy_button = QPushButton(translate("Wizard", "Proxy settings…"))
        self.proxy_button.clicked.connect(self._ask_proxy)
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_text)
        busy_row.addWidget(self.busy, 1)
        busy_row.addWidget(self.cancel_check)
        self.busy_row = QWidget()
        self.busy_row.setLayout(busy_row)
        buttons = (self.browser_login, self.proxy_button)
        for widget in (self.busy_row, self.problem, *buttons, self.login_link):
            left = Qt.AlignmentFlag.AlignLeft if widget in buttons else Qt.AlignmentFlag(0)
            self.column.addWidget(widget, 0, left)
        self.column.addStretch(1)
        self.busy_row.hide()
        self.browser_login.hide()
        self.proxy_button.hide()
        checker = self.checker
        checker.busy_changed.connect(self._show_busy)
        checker.checked.connect(self._checked)
        checker.logged_in.connect(self._logged_in)
        checker.login_failed.connect(lambda exc: self.problem.setText(login_failure_words(exc)))
        checker.login_page.connect(self._show_login_link)

    @property
    def is_cozy(self) -> bool:
        return self.cozy.isChecked()

    def _show_kind(self) -> None:
        cozy = self.is_cozy
        self.form.setRowVisible(self.user, not cozy)
        self.form.setRowVisible(self.password, not cozy)
        if cozy:
            self.url.setPlaceholderText("https://camille.mycozy.cloud")
            self.help_text.setText(
                translate(
                    "Wizard",
                    "Type your Cozy's address. Your browser will then ask you to log in "
                    "and to allow this computer: cozysync never sees your password.",
                )
            )
        else:
            self.url.setPlaceholderText("https://cloud.example.org")
            self.help_text.setText(
                translate(
                    "Wizard",
                    "For a Nextcloud, its address is enough: you sign in with your "
                    "browser. For another WebDAV server, give the folder's address, your "
                    "user name and your password.",
                )
            )
        self._show_http_warning()
        self.completeChanged.emit()

    def _show_http_warning(self) -> None:
        """Plain http:// to another computer: the password would cross the network in
        clear (``linking.is_unencrypted``; this computer itself, the demo, is not)."""
        self.form.setRowVisible(self.http_warning, is_unencrypted(self.address()))

    def address(self) -> str:
        if self.is_cozy:
            return cozy_address(self.url.text())
        return self.url.text().strip()

    def values(self) -> CheckValues:
        user = None if self.is_cozy else (self.user.text().strip() or None)
        password = self.password.text() if user else None
        return CheckValues(self.address(), user, password, self.is_cozy)

    def isComplete(self) -> bool:
        if self.checker.is_busy:
            return False
        if self.is_cozy:
            return bool(self.address())
        has_login = bool(self.user.text().strip()) == bool(self.password.text())
        return self.address().startswith(("http://", "https://")) and has_login

    def validatePage(self) -> bool:
        """Next: on once a check of exactly these values succeeded; else check them
        (the wizard goes on by itself when the answer is good)."""
        values = self.values()
        if values == self.approved:
            return True
        if not self.checker.is_busy:
            self.problem.clear()
            self.browser_login.hide()
            self.proxy_button.hide()
            self.checker.start_check(values)
        return False

    # --- answers -------------------------------------------------------------------------

    def _show_busy(self, busy: bool) -> None:
        self.busy_row.setVisible(busy)
        for field in (self.url, self.user, self.password, self.cozy, self.webdav):
            field.setEnabled(not busy)
        self.completeChanged.emit()

    def _cancel(self) -> None:
        self.checker.cancel()
        self.login_link.clear()

    def _checked(self, values: CheckValues, found: ServerCheck) -> None:
        if values != self.values():
            return  # edited meanwhile: Next checks the new values
        if found.is_ok:
            self.approved, self.approved_url = values, found.url
            self._go_on()
            return
        nextcloud = found.nextcloud is not None and found.problem in (
            ServerProblem.LOGIN_NEEDED, ServerProblem.NOT_A_COZY, ServerProblem.LOGIN_REFUSED,
        )  # fmt: skip
        if nextcloud and found.problem is ServerProblem.NOT_A_COZY:  # "My Cozy" was ticked
            self.webdav.setChecked(True)
            self.url.setText(values.url)  # completed (https://) as the check had it
            found = replace(found, problem=ServerProblem.LOGIN_NEEDED)
        offer = nextcloud and found.problem is ServerProblem.LOGIN_NEEDED  # not a mistake
        self.problem.setStyleSheet("" if offer else _PROBLEM_STYLE)
        said = problem_words(found)
        unreachable = found.problem is ServerProblem.UNREACHABLE and self._proxy is not None
        if unreachable:
            said += " " + translate(
                "Wizard", "On a school or company network, a proxy may be needed:"
            )
        self.problem.setText(said)
        self.browser_login.setVisible(nextcloud)
        self.proxy_button.setVisible(unreachable)

    def _ask_proxy(self) -> None:
        """The proxy dialog; once accepted, the choice is saved and the address checked
        again through it."""
        if self._proxy is None:
            return
        dialog = self.proxy_dialog = ProxyDialog(self._proxy.saved(), self)
        dialog.accepted.connect(lambda: self._proxy_chosen(dialog))
        dialog.open()

    def _proxy_chosen(self, dialog: ProxyDialog) -> None:
        assert self._proxy is not None
        try:
            if dialog.section.changed():
                self._proxy.save(dialog.section.choice())
        except CozySyncError as exc:
            self.problem.setText(error_texts(exc)[0])
            return
        self.proxy_button.hide()
        self.problem.clear()
        self.checker.start_check(self.values())

    def _sign_in(self) -> None:
        self.problem.clear()
        self.problem.setStyleSheet(_PROBLEM_STYLE)
        self.login_link.clear()
        self.checker.start_browser_login(self.address())

    def _show_login_link(self, _url: str) -> None:
        self.login_link.setText(
            translate(
                "Wizard",
                "Your browser shows your server: log in there and grant the access. "
                "This page goes on by itself once it is done.",
            )
        )

    def _logged_in(self, credentials: NextcloudCredentials) -> None:
        self.login_link.clear()
        self.webdav.setChecked(True)
        self.url.setText(credentials.webdav_url)
        self.user.setText(credentials.login_name)
        self.password.setText(credentials.app_password)
        self.approved, self.approved_url = self.values(), credentials.webdav_url
        self.browser_login.hide()
        self.problem.setStyleSheet("")
        self.problem.setText(translate("Wizard", "Signed in."))
        self._go_on()

    def _go_on(self) -> None:
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()


def _wrapped(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    return label


class FolderPage(QWizardPage):
    """The local folder: created if missing; one that is not empty is announced, and
    nothing in it is ever deleted."""

    def __init__(self, default_folder: Path) -> None:
        super().__init__()
        self.setTitle(translate("Wizard", "Which folder of this computer?"))
        self.setSubTitle(
            translate(
                "Wizard", "Everything in it will also be in your cloud, and the other way round."
            )
        )
        self.folder = QLineEdit(str(default_folder))
        self.folder.setAccessibleName(translate("Wizard", "Folder"))
        browse = QPushButton(translate("Wizard", "Choose…"))
        browse.clicked.connect(self._browse)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.warning)
        column.addStretch(1)
        self.folder.textChanged.connect(self._check)
        self._check()

    def chosen(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, translate("Wizard", "Choose a folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _check(self) -> None:
        text = self.folder.text().strip()
        self.warning.setText(folder_warning(self.chosen()) if text else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.folder.text().strip()
        return bool(text) and not (self.chosen().exists() and not self.chosen().is_dir())
