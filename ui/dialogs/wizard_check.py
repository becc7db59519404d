"""The wizard's first-page check, off the GUI thread: the address and the login are
checked before the user goes on (``check_server``), and a Nextcloud can be signed in to
through the browser (``login_with_browser``).  ``ServerChecker`` runs both through
``background.run_in_background`` and answers with signals; ``problem_words`` says what
went wrong in words for a person (no command-line flag, no HTTP status)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from cozysync.accounts import check_server
from cozysync.errors import AuthError
from cozysync.remotes.nextcloud_login import (
    LoginCancelledError,
    NextcloudCredentials,
    NoBrowserLoginError,
    login_with_browser,
)
from cozysync.service.server_check import ServerCheck, ServerProblem, problem_of
from cozysync_ui.background import run_in_background
from cozysync_ui.i18n import translate

__all__ = [
    "BrowserLoginFn",
    "CheckFn",
    "CheckValues",
    "ServerChecker",
    "login_failure_words",
    "problem_words",
]

# check(url, user, password, cozy=...) -> ServerCheck  (the network: off the GUI thread)
CheckFn = Callable[..., ServerCheck]
# login(server_url, open_url, cancel) -> NextcloudCredentials
BrowserLoginFn = Callable[[str, Callable[[str], object], threading.Event], NextcloudCredentials]


@dataclass(frozen=True, slots=True)
class CheckValues:
    """What the first page holds: a check is valid only for exactly these values."""

    url: str
    user: str | None
    password: str | None
    cozy: bool


def problem_words(check: ServerCheck) -> str:
    """What is wrong, for a person, in the app's language."""
    product = check.nextcloud.product_name if check.nextcloud else "Nextcloud"
    words = {
        ServerProblem.UNREACHABLE: translate(
            "Wizard",
            "cozysync cannot reach this address. Check it, and check that this computer "
            "is connected to the network.",
        ),
        ServerProblem.CERTIFICATE: translate(
            "Wizard",
            "The secure connection failed: this computer does not trust the server's "
            "certificate (or its date is wrong). Check the address; if it is right, ask "
            "the server's administrator.",
        ),
        ServerProblem.NOT_A_SERVER: translate(
            "Wizard",
            "Something answers at this address, but it is not a Cozy, a Nextcloud or a "
            "WebDAV folder. Check the address (copy it from your cloud's settings).",
        ),
        ServerProblem.NOT_A_COZY: translate(
            "Wizard",
            "This address is not a Cozy. Check it, or choose “Nextcloud or another "
            "WebDAV server” above.",
        ),
        ServerProblem.LOGIN_REFUSED: translate(
            "Wizard",
            "The server refused this user name or password. Check them, fix them above "
            "and try again.",
        ),
        ServerProblem.MAINTENANCE: translate(
            "Wizard", "The server is in maintenance for now. Try again later."
        ),
        ServerProblem.WIFI_SIGN_IN: translate(
            "Wizard",
            "A Wi-Fi sign-in page answered instead of your cloud: sign in to the Wi-Fi "
            "first (open any web page in a browser), then try again.",
        ),
    }
    if check.problem is ServerProblem.LOGIN_NEEDED:
        if check.nextcloud is None:
            return translate("Wizard", "This server asks for a user name and a password.")
        return translate(
            "Wizard",
            "This is a %1 server. Sign in with your browser: %1 then makes a password for "
            "this computer. (Or type your user name and an app password.)",
        ).replace("%1", product)
    said = words.get(check.problem, "") if check.problem else ""
    if check.problem is ServerProblem.CERTIFICATE and check.sha256:
        said += " " + translate(
            "Wizard",
            "Certificate issued by %1, SHA-256 fingerprint %2: your school's IT can "
            "compare it with theirs.",
        ).replace("%1", check.issuer).replace("%2", check.sha256)
    return said


def login_failure_words(exc: BaseException) -> str:
    """Why the browser sign-in did not end with a login."""
    if isinstance(exc, LoginCancelledError):
        return translate("Wizard", "The sign-in was cancelled.")
    if isinstance(exc, NoBrowserLoginError):
        return translate(
            "Wizard",
            "This server offers no sign-in through the browser: type your user name and "
            "an app password (made in the server's settings, under Security).",
        )
    if isinstance(exc, AuthError):
        return translate(
            "Wizard",
            "The sign-in was not completed in the browser in time. Try again.",
        )
    return problem_words(ServerCheck("", problem_of(exc)))


class ServerChecker(QObject):
    """One check or one browser sign-in at a time; ``cancel`` drops a check's answer
    and ends a sign-in at once."""

    checked = Signal(object, object)  # CheckValues, ServerCheck
    logged_in = Signal(object)  # NextcloudCredentials
    login_failed = Signal(object)  # the exception
    login_page = Signal(str)  # the sign-in page to open (on the GUI thread)
    busy_changed = Signal(bool)
    _page_from_worker = Signal(str)

    def __init__(
        self,
        check: CheckFn = check_server,
        browser_login: BrowserLoginFn = login_with_browser,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._check, self._browser_login = check, browser_login
        self._generation = 0
        self._login_cancel: threading.Event | None = None
        self.is_busy = False
        self.login_url = ""
        self._page_from_worker.connect(self._show_login_page)

    def start_check(self, values: CheckValues) -> None:
        check = self._check
        generation = self._begin()
        run_in_background(
            lambda: check(values.url, values.user, values.password, cozy=values.cozy),
            lambda found: self._checked(generation, values, found),
            lambda exc: self._checked(generation, values, ServerCheck(values.url, problem_of(exc))),
        )

    def start_browser_login(self, url: str) -> None:
        generation = self._begin()
        cancel = self._login_cancel = threading.Event()
        login, announce = self._browser_login, self._page_from_worker.emit
        run_in_background(
            lambda: login(url, announce, cancel),
            lambda found: self._login_ended(generation, found, None),
            lambda exc: self._login_ended(generation, None, exc),
        )

    def cancel(self) -> None:
        """Forget the check under way; end a browser sign-in (it stops polling at once)."""
        if self._login_cancel is not None:
            self._login_cancel.set()
        self._generation += 1
        self._set_busy(False)

    def _begin(self) -> int:
        self.cancel()
        self._login_cancel, self.login_url = None, ""
        self._set_busy(True)
        return self._generation

    def _set_busy(self, busy: bool) -> None:
        if busy != self.is_busy:
            self.is_busy = busy
            self.busy_changed.emit(busy)

    def _checked(self, generation: int, values: CheckValues, found: ServerCheck) -> None:
        if generation == self._generation:
            self._set_busy(False)
            self.checked.emit(values, found)

    def _login_ended(
        self, generation: int, found: NextcloudCredentials | None, exc: BaseException | None
    ) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        if found is not None:
            self.logged_in.emit(found)
        else:
            self.login_failed.emit(exc)

    @Slot(str)
    def _show_login_page(self, url: str) -> None:
        self.login_url = url
        self.login_page.emit(url)
