"""The wizard's first pages: where the cloud is (a Cozy, or a Nextcloud/WebDAV server
with a user name and an app password) and which folder of this computer.  They only
collect values; ``FirstRunWizard`` links with them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from cozysync.local.marker import MARKER_NAME
from cozysync.service.linking import is_unencrypted
from cozysync_ui.i18n import translate

__all__ = ["CloudPage", "FolderPage", "cozy_address", "folder_warning"]


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
    """A Cozy (one address; the login happens in the browser) or a WebDAV server."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("Wizard", "Where is your cloud?"))
        self.setSubTitle(
            translate("Wizard", "cozysync keeps a folder of this computer in sync with it.")
        )
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
        self.help_text = QLabel()
        self.help_text.setWordWrap(True)
        self.http_warning = QLabel(
            translate(
                "Wizard",
                "This address is not encrypted (http://): your password and files would "
                "cross the network readable by anyone on it. Use https:// if the server "
                "offers it.",
            )
        )
        self.http_warning.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.addRow(self.cozy)
        self.form.addRow(self.webdav)
        self.form.addRow(translate("Wizard", "Address"), self.url)
        self.form.addRow(translate("Wizard", "User name"), self.user)
        self.form.addRow(translate("Wizard", "App password"), self.password)
        self.form.addRow(self.http_warning)
        self.form.addRow(self.help_text)
        for field in (self.url, self.user, self.password):
            field.textChanged.connect(self.completeChanged)
        self.url.textChanged.connect(self._show_http_warning)
        self.cozy.toggled.connect(self._show_kind)
        self._show_kind()

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
            self.url.setPlaceholderText("https://cloud.example.org/remote.php/dav/files/me/")
            self.help_text.setText(
                translate(
                    "Wizard",
                    "Tip: in Nextcloud, create an app password in Settings → Security, "
                    "and copy the WebDAV address from Files → Settings.",
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

    def isComplete(self) -> bool:
        if self.is_cozy:
            return bool(self.address())
        has_login = bool(self.user.text().strip()) == bool(self.password.text())
        return self.address().startswith(("http://", "https://")) and has_login


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
