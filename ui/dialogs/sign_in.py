"""``SignInDialog``: "Sign in again" for a folder whose cloud refused the login.

A WebDAV folder asks for the new password; it is checked against the server before it
is saved, and a wrong one is said in plain words while the prompt stays open.  A Cozy
(this computer approved again) and a Nextcloud (an app password made for this
computer, Login Flow v2) sign in through the browser: the dialog opens the login page
and waits.  The dialog never calls the engine: it runs the ``sign_in`` function it is
given through ``run_in_background`` and shows the answer."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cozysync.api import SyncService
from cozysync.config import FolderConfig
from cozysync.errors import AuthError
from cozysync.service.login import is_nextcloud_address, needs_password
from cozysync_ui.background import run_in_background
from cozysync_ui.dialogs.wizard import cancel_cozy_login
from cozysync_ui.errors import error_texts
from cozysync_ui.i18n import translate

__all__ = [
    "SignInDialog",
    "SignInFn",
    "SignInKind",
    "SignInRequest",
    "service_sign_in",
    "sign_in_request",
]

# sign_in(password or None, show_login_url, cancel) -> the folder signed in; run in a
# worker thread; show_login_url is called there with a browser login's page.
SignInFn = Callable[[str | None, Callable[[str], None], threading.Event], object]


class SignInKind(Enum):
    PASSWORD = "password"
    COZY = "cozy"
    NEXTCLOUD = "nextcloud"


@dataclass(frozen=True)
class SignInRequest:
    folder: str
    server: str
    user: str | None
    kind: SignInKind


def sign_in_request(folder: FolderConfig) -> SignInRequest:
    if not needs_password(folder):
        kind = SignInKind.COZY
    elif is_nextcloud_address(folder.remote_url):
        kind = SignInKind.NEXTCLOUD
    else:
        kind = SignInKind.PASSWORD
    return SignInRequest(folder.name, folder.remote_url, folder.user, kind)


def service_sign_in(service: SyncService, name: str) -> SignInFn:
    """``SyncService.login`` for folder ``name``, the dialog opening the login page."""

    def sign_in(
        password: str | None, show_login_url: Callable[[str], None], cancel: threading.Event
    ) -> object:
        return service.login(
            name, password, open_browser=False, print_url=show_login_url, cancel=cancel
        )

    return sign_in


def _ignore(_value: object) -> None:
    return None


class SignInDialog(QDialog):
    """Asks for a new login; ``signed_in`` (the result of ``sign_in``) once it worked."""

    signed_in = Signal(object)
    _login_url_ready = Signal(str)  # emitted from the worker thread

    def __init__(
        self,
        request: SignInRequest,
        sign_in: SignInFn,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.request, self._sign_in, self.open_url = request, sign_in, open_url
        self.is_signing_in, self.login_url = False, ""
        self._cancel = threading.Event()
        self.setWindowTitle(translate("SignIn", "Sign in again"))
        column = QVBoxLayout(self)
        title = QLabel(translate("SignIn", "Sign in again to “%1”").replace("%1", request.folder))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        column.addWidget(title)
        self.explanation = QLabel(self._explanation())
        self.explanation.setWordWrap(True)
        column.addWidget(self.explanation)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if request.kind is SignInKind.PASSWORD:
            column.addLayout(self._password_form())
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        column.addWidget(self.progress)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a4000f;")
        self.error.hide()
        column.addWidget(self.error)
        self.open_again = QLabel()
        self.open_again.linkActivated.connect(lambda _link: self.open_login_page())
        column.addWidget(self.open_again)
        self.buttons = QDialogButtonBox()
        self.submit = self._submit_button()
        self.buttons.addButton(self.submit, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._login_url_ready.connect(self._show_login_url)

    def _explanation(self) -> str:
        refused = translate(
            "SignIn",
            "Your cloud refused the login of this folder. Nothing is lost: once you are "
            "signed in, syncing goes on where it stopped.",
        )
        how = {
            SignInKind.PASSWORD: translate(
                "SignIn", "If you changed your password, type the new one."
            ),
            SignInKind.COZY: translate(
                "SignIn",
                "Your browser will show your Cozy: log in there, then allow cozysync "
                "to use your files again.",
            ),
            SignInKind.NEXTCLOUD: translate(
                "SignIn",
                "Your browser will show your cloud: log in there, then grant the access. "
                "A password is made for this computer: you do not have to create one.",
            ),
        }[self.request.kind]
        return f"{refused}\n\n{how}"

    def _password_form(self) -> QFormLayout:
        form = QFormLayout()
        form.addRow(translate("SignIn", "Server:"), QLabel(self.request.server))
        form.addRow(translate("SignIn", "User name:"), QLabel(self.request.user or ""))
        form.addRow(translate("SignIn", "New password:"), self.password)
        self.password.textChanged.connect(lambda text: self.submit.setEnabled(bool(text)))
        return form

    def _submit_button(self) -> QPushButton:
        if self.request.kind is SignInKind.PASSWORD:
            button = QPushButton(translate("SignIn", "Sign in"))
            button.setEnabled(False)  # until a password is typed
        else:
            button = QPushButton(translate("SignIn", "Sign in with the browser"))
        button.setDefault(True)
        return button

    def start(self) -> None:
        """Check the password (or run the browser login) in the background."""
        if self.is_signing_in:
            return
        password = self.password.text() if self.request.kind is SignInKind.PASSWORD else None
        self.is_signing_in = True
        self.submit.setEnabled(False)
        self.password.setEnabled(False)
        self.error.hide()
        self.progress.setText(
            translate("SignIn", "Checking the password with your cloud…")
            if password is not None
            else translate("SignIn", "Opening the login page in your browser…")
        )
        sign_in, announce, cancel = self._sign_in, self._login_url_ready.emit, self._cancel
        run_in_background(lambda: sign_in(password, announce, cancel), self._done, self._failed)

    @Slot(str)
    def _show_login_url(self, url: str) -> None:
        self.login_url = url
        if self._cancel.is_set():
            self._cancel_cozy_login()
            return
        self.progress.setText(translate("SignIn", "Waiting for you to finish in the browser…"))
        self.open_again.setText(
            translate("SignIn", 'The page did not open? <a href="#">Open it again</a>')
        )
        self.open_login_page()

    def open_login_page(self) -> None:
        if self.login_url:
            self.open_url(QUrl(self.login_url))

    def _done(self, result: object) -> None:
        self.is_signing_in = False
        if self._cancel.is_set():
            return
        self.signed_in.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.is_signing_in = False
        if self._cancel.is_set():
            return
        self.progress.clear()
        self.open_again.clear()
        self.error.setText(self._failure_text(exc))
        self.error.show()
        self.password.setEnabled(True)
        self.submit.setEnabled(
            self.request.kind is not SignInKind.PASSWORD or bool(self.password.text())
        )
        if self.request.kind is SignInKind.PASSWORD:
            self.password.selectAll()
            self.password.setFocus()

    def _failure_text(self, exc: BaseException) -> str:
        if isinstance(exc, AuthError) and self.request.kind is SignInKind.PASSWORD:
            return translate(
                "SignIn",
                "Your cloud refused this password. Check it (capital letters too) and "
                "type it again.",
            )
        title, hint = error_texts(exc)
        return f"{title}\n{hint}".strip()

    def reject(self) -> None:
        """Cancel: a browser login still waiting is ended (nothing is changed)."""
        if self.is_signing_in:
            self._cancel.set()
            self._cancel_cozy_login()
        super().reject()

    def _cancel_cozy_login(self) -> None:
        url = self.login_url
        if self.request.kind is SignInKind.COZY and url:

            def cancel() -> None:
                with suppress(OSError):
                    cancel_cozy_login(url)

            run_in_background(cancel, _ignore, _ignore)
