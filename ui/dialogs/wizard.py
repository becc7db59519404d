"""The first-run wizard: choose the cloud, choose the local folder, done.  Finishing
runs the ``link`` operation it was given (``SyncService.link`` in the app) off the GUI
thread; an error (wrong password, no server there) shows on the last page, and the user
can go back and fix it.  It never deletes anything in the chosen folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from cozysync.errors import SecretStoreError
from cozysync_ui.background import run_in_background
from cozysync_ui.errors import error_texts
from cozysync_ui.i18n import translate

__all__ = ["FirstRunWizard", "LinkRequest", "folder_warning"]


@dataclass(frozen=True, slots=True)
class LinkRequest:
    local_dir: Path
    url: str
    user: str | None
    password: str | None
    allow_file_store: bool = False


def folder_warning(folder: Path) -> str:
    """What to tell the user about the folder they picked ("" when all is plain)."""
    if folder.exists() and not folder.is_dir():
        return translate("Wizard", "This is a file, not a folder. Choose a folder.")
    try:
        count = sum(1 for _ in folder.iterdir()) if folder.is_dir() else 0
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
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("Wizard", "Where is your cloud?"))
        self.setSubTitle(
            translate("Wizard", "cozysync keeps a folder of this computer in sync with it.")
        )
        self.webdav = QRadioButton(translate("Wizard", "Nextcloud or another WebDAV server"))
        self.webdav.setChecked(True)
        self.cozy = QRadioButton(translate("Wizard", "A Cozy address (coming soon)"))
        self.cozy.setEnabled(False)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://cloud.example.org/remote.php/dav/files/me/")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        help_text = QLabel(
            translate(
                "Wizard",
                "Tip: in Nextcloud, create an app password in Settings → Security, "
                "and copy the WebDAV address from Files → Settings.",
            )
        )
        help_text.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.webdav)
        form.addRow(self.cozy)
        form.addRow(translate("Wizard", "Address"), self.url)
        form.addRow(translate("Wizard", "User name"), self.user)
        form.addRow(translate("Wizard", "App password"), self.password)
        form.addRow(help_text)
        for field in (self.url, self.user, self.password):
            field.textChanged.connect(self.completeChanged)

    def isComplete(self) -> bool:
        url = self.url.text().strip()
        has_login = bool(self.user.text().strip()) == bool(self.password.text())
        return url.startswith(("http://", "https://")) and has_login


class FolderPage(QWizardPage):
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

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, translate("Wizard", "Choose a folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def _check(self) -> None:
        text = self.folder.text().strip()
        self.warning.setText(folder_warning(Path(text).expanduser()) if text else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        text = self.folder.text().strip()
        return bool(text) and not (Path(text).expanduser().exists() and not Path(text).is_dir())


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(translate("Wizard", "Ready"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.file_store = QCheckBox(
            translate("Wizard", "Keep the password in a private file on this computer")
        )
        self.file_store.hide()
        column = QVBoxLayout(self)
        for widget in (self.summary, self.progress, self.error, self.file_store):
            column.addWidget(widget)
        column.addStretch(1)


class FirstRunWizard(QWizard):
    """After ``accepted``, ``linked`` holds what ``link`` returned."""

    def __init__(
        self,
        link: Callable[[LinkRequest], object],
        *,
        default_folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._link = link
        self.linked: object | None = None
        self.is_linking = False
        self.setWindowTitle(translate("Wizard", "Welcome to cozysync"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.cloud_page = CloudPage()
        self.folder_page = FolderPage(default_folder or Path.home() / "cozysync")
        self.done_page = DonePage()
        for page in (self.cloud_page, self.folder_page, self.done_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, translate("Wizard", "Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, translate("Wizard", "Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, translate("Wizard", "Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, translate("Wizard", "Start syncing"))
        self.currentIdChanged.connect(self._on_page)

    def request(self) -> LinkRequest:
        user = self.cloud_page.user.text().strip() or None
        return LinkRequest(
            Path(self.folder_page.folder.text().strip()).expanduser(),
            self.cloud_page.url.text().strip(),
            user,
            self.cloud_page.password.text() if user else None,
            self.done_page.file_store.isChecked(),
        )

    def _on_page(self, _page_id: int) -> None:
        if self.currentPage() is self.done_page:
            request = self.request()
            self.done_page.summary.setText(
                translate("Wizard", "The folder %1 will be kept in sync with %2.")
                .replace("%1", str(request.local_dir))
                .replace("%2", request.url)
            )
            self.done_page.error.clear()

    def accept(self) -> None:
        """Finish: link in the background; close only once it worked."""
        if self.is_linking:
            return
        request = self.request()
        self.is_linking = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.done_page.error.clear()
        self.done_page.progress.setText(translate("Wizard", "Connecting to your cloud…"))
        link = self._link
        run_in_background(lambda: link(request), self._linked, self._failed)

    def _linked(self, result: object) -> None:
        self.is_linking = False
        self.linked = result
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.is_linking = False
        self.done_page.progress.clear()
        title, hint = error_texts(exc)
        if isinstance(exc, SecretStoreError):
            title = translate("Wizard", "This computer has no password keeper (keyring).")
            hint = translate(
                "Wizard", "Tick the box below to keep the password in a file only you can read."
            )
            self.done_page.file_store.show()
        self.done_page.error.setText(f"{title}\n{hint}")
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.button(QWizard.WizardButton.BackButton).setEnabled(True)
