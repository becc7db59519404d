"""The preferences' Account section of one linked folder: its server, its user, the space
the server says is used and free (a bar, or "unknown" said plainly), "Sign in again" and
"Unlink this computer…".  It shows an ``AccountInfo`` it is given; it never asks the
engine (the buttons are signals)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QWidget,
)

from cozysync.api import AccountInfo
from cozysync.byte_sizes import size_words
from cozysync_ui.i18n import translate

__all__ = ["AccountSection", "quota_words"]


def _size(count: int) -> str:
    return size_words(count)  # the CLI's words for sizes


def quota_words(info: AccountInfo) -> str:
    """The space in words: used and free, used with no limit, or unknown (and why)."""
    used, free = info.used_bytes, info.available_bytes
    if used is not None and free is not None:
        return (
            translate("Preferences", "%1 used, %2 free")
            .replace("%1", _size(used))
            .replace("%2", _size(free))
        )
    if info.is_unlimited and used is not None:
        return translate("Preferences", "%1 used, no limit").replace("%1", _size(used))
    if free is not None:
        return translate("Preferences", "%1 free").replace("%1", _size(free))
    if used is not None:
        return translate("Preferences", "%1 used (free space unknown)").replace("%1", _size(used))
    if info.login_refused:
        return translate(
            "Preferences", "Unknown: your cloud refused the login. Choose Sign in again."
        )
    if info.quota_problem:
        return translate(
            "Preferences", "Unknown: the server could not be asked now. Try again later."
        )
    return translate("Preferences", "Unknown: your server does not tell.")


class AccountSection(QGroupBox):
    """See the module.  ``show_info`` fills it; until then it says it is asking."""

    sign_in_requested = Signal(str)  # the folder's name
    unlink_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("Preferences", "Account"), parent)
        self.server = QLabel()
        self.user = QLabel()
        self.quota = QLabel(translate("Preferences", "Asking the server…"))
        self.quota.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.sign_in = QPushButton(translate("Preferences", "Sign in again"))
        self.sign_in.clicked.connect(lambda: self.sign_in_requested.emit(self._name))
        self.unlink_button = QPushButton(translate("Preferences", "Unlink this computer…"))
        self.unlink_button.clicked.connect(self.unlink_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sign_in)
        buttons.addWidget(self.unlink_button)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(translate("Preferences", "Server"), self.server)
        form.addRow(translate("Preferences", "User"), self.user)
        form.addRow(translate("Preferences", "Space"), self.quota)
        form.addRow("", self.bar)
        form.addRow(buttons)
        self._name = ""

    def show_folder(self, name: str, server: str, user: str | None) -> None:
        """A folder chosen: what is known at once, the quota being asked."""
        self._name = name
        self.server.setText(server)
        self.user.setText(user or translate("Preferences", "(signed in through the browser)"))
        self.quota.setText(translate("Preferences", "Asking the server…"))
        self.bar.hide()

    def show_info(self, info: AccountInfo) -> None:
        if info.name != self._name:
            return  # an answer for a folder no longer shown
        self.quota.setText(quota_words(info))
        self.quota.setToolTip(info.quota_problem or "")
        total = info.total_bytes
        if total and info.used_bytes is not None:
            self.bar.setValue(round(1000 * info.used_bytes / total))
            self.bar.show()
        else:
            self.bar.hide()
