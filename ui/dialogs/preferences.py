"""Preferences, declared as pages of settings (``PAGES``) the dialog builds its form
from.  The dialog takes the current values and returns the new ones (``values()``) and,
when asked, an ``UnlinkRequest``; it never calls the engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cozysync.api import AccountInfo
from cozysync.remotes.proxy import ProxyChoice
from cozysync_ui.dialogs.account_section import AccountSection
from cozysync_ui.dialogs.proxy_section import ProxySection
from cozysync_ui.i18n import translate

__all__ = ["CHECK_INTERVALS_MIN", "PAGES", "Page", "PreferencesDialog", "Setting", "UnlinkRequest"]


CHECK_INTERVALS_MIN = (1, 5, 15, 60)  # the choices of "look for changes in the cloud"


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    label: str  # English source text, translated when shown
    kind: str  # "bool" | "choice" | "rate" (KB/s, 0 = no limit)
    choices: tuple[tuple[object, str], ...] = ()  # (value, English label)
    help: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    settings: tuple[Setting, ...] = field(default_factory=tuple)
    has_account_actions: bool = False
    has_proxy: bool = False  # the proxy section (``proxy_section``): value "proxy"


PAGES = (
    Page(
        translate("Preferences", "General"),
        (
            Setting(
                "start_at_login", translate("Preferences", "Start cozysync when I log in"), "bool"
            ),
            Setting(
                "language",
                translate("Preferences", "Language"),
                "choice",
                (
                    ("auto", translate("Preferences", "Same as the computer")),
                    ("en", "English"),
                    ("fr", "Français"),
                ),
                translate("Preferences", "Takes effect the next time cozysync starts."),
            ),
            Setting(
                "check_interval_min",
                translate("Preferences", "Look for changes in the cloud"),
                "choice",
                (  # CHECK_INTERVALS_MIN
                    (1, translate("Preferences", "every minute")),
                    (5, translate("Preferences", "every 5 minutes")),
                    (15, translate("Preferences", "every 15 minutes")),
                    (60, translate("Preferences", "every hour")),
                ),
            ),
        ),
    ),
    Page(
        translate("Preferences", "Network"),
        (
            Setting(
                "pause_on_metered",
                translate("Preferences", "Pause syncing on metered connections"),
                "bool",
                help=translate(
                    "Preferences",
                    "A phone's hotspot or a capped mobile plan: syncing waits for another "
                    "connection.",
                ),
            ),
            Setting(
                "upload_limit_kib",
                translate("Preferences", "Upload speed limit"),
                "rate",
            ),
            Setting(
                "download_limit_kib",
                translate("Preferences", "Download speed limit"),
                "rate",
            ),
        ),
        has_proxy=True,
    ),
    Page(translate("Preferences", "Account"), has_account_actions=True),
)


@dataclass(frozen=True, slots=True)
class UnlinkRequest:
    folder: str
    wipe_local: bool


class PreferencesDialog(QDialog):
    open_logs_requested = Signal()
    choose_folders_requested = Signal(str)  # the linked folder's name
    drives_requested = Signal(str)  # the linked Cozy folder's name: its shared drives
    sign_in_requested = Signal(str)  # the linked folder's name: "Sign in again"
    add_folder_requested = Signal()  # "Add a folder…": the wizard, for another pair
    account_wanted = Signal(str)  # a folder was chosen: its ``AccountInfo``, please

    def __init__(
        self,
        values: dict[str, object],
        folders: list[str],
        *,
        unavailable: dict[str, str] | None = None,
        accounts: dict[str, tuple[str, str | None]] | None = None,
        cozy_folders: frozenset[str] = frozenset(),
        pages: tuple[Page, ...] = PAGES,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Preferences", "cozysync preferences"))
        self._initial = dict(values)
        self._folders = list(folders)
        self._unavailable = unavailable or {}  # setting key -> why it cannot be used here
        self._accounts = accounts or {}  # folder name -> (server address, user)
        self._cozy_folders = cozy_folders  # the folders linked to a Cozy: they have drives
        self.editors: dict[str, QCheckBox | QComboBox | QSpinBox] = {}
        self.notes: dict[str, QLabel] = {}
        self.unlink_request: UnlinkRequest | None = None
        self.confirm_box: QMessageBox | None = None
        tabs = QTabWidget()
        for page in pages:
            tabs.addTab(self._build_page(page), translate("Preferences", page.title))
        buttons = QDialogButtonBox()
        buttons.addButton(translate("Preferences", "Save"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(
            translate("Preferences", "Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def _build_page(self, page: Page) -> QWidget:
        widget = QWidget()
        form = QFormLayout(widget)
        for setting in page.settings:
            editor = self._editor(setting)
            self.editors[setting.key] = editor
            if setting.kind == "bool":
                form.addRow(editor)
            else:
                form.addRow(translate("Preferences", setting.label), editor)
            why_not = self._unavailable.get(setting.key)
            if why_not is not None:
                editor.setEnabled(False)
            if setting.help or why_not:
                note = QLabel(why_not or translate("Preferences", setting.help))
                note.setWordWrap(True)
                if why_not:
                    note.setStyleSheet("color: #8a4b00;")
                self.notes[setting.key] = note
                form.addRow("", note)
        if page.has_account_actions:
            self._add_account_actions(form)
        if page.has_proxy:
            saved = self._initial.get("proxy")
            self.proxy_section = ProxySection(
                saved if isinstance(saved, ProxyChoice) else ProxyChoice()
            )
            form.addRow(self.proxy_section)
        return widget

    def _editor(self, setting: Setting) -> QCheckBox | QComboBox | QSpinBox:
        current = self._initial.get(setting.key)
        if setting.kind == "bool":
            box = QCheckBox(translate("Preferences", setting.label))
            box.setChecked(bool(current))
            return box
        if setting.kind == "rate":
            spin = QSpinBox()
            spin.setAccessibleName(translate("Preferences", setting.label))
            spin.setRange(0, 1_000_000)
            spin.setSingleStep(100)
            spin.setSuffix(translate("Preferences", " KB/s"))
            spin.setSpecialValueText(translate("Preferences", "No limit"))
            spin.setValue(int(str(current or 0)))
            return spin
        combo = QComboBox()
        combo.setAccessibleName(translate("Preferences", setting.label))
        for value, label in setting.choices:
            combo.addItem(translate("Preferences", label), value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        return combo

    def _add_account_actions(self, form: QFormLayout) -> None:
        if self._folders:
            self._add_folder_rows(form)
        else:
            self.add_folder_button = QPushButton(translate("Preferences", "Add a folder…"))
            self.add_folder_button.clicked.connect(self.add_folder_requested)
            form.addRow(self.add_folder_button)
        logs = QPushButton(translate("Preferences", "Open the logs"))
        logs.clicked.connect(self.open_logs_requested)
        form.addRow(translate("Preferences", "Something wrong?"), logs)

    def _add_folder_rows(self, form: QFormLayout) -> None:
        """The linked folders (a choice when there are several), "Add a folder…",
        "Remove…", then the chosen one's account and what to keep here."""
        self.folder_choice = QComboBox()
        self.folder_choice.setAccessibleName(translate("Preferences", "Folder"))
        for name in self._folders:
            self.folder_choice.addItem(name)
        self.folder_choice.setVisible(len(self._folders) > 1)
        self.add_folder_button = QPushButton(translate("Preferences", "Add a folder…"))
        self.add_folder_button.clicked.connect(self.add_folder_requested)
        self.remove_button = QPushButton(translate("Preferences", "Remove…"))
        self.remove_button.setVisible(len(self._folders) > 1)
        self.remove_button.clicked.connect(self._confirm_unlink)
        row = QHBoxLayout()
        row.addWidget(self.folder_choice, 1)
        row.addWidget(self.add_folder_button)
        row.addWidget(self.remove_button)
        form.addRow(translate("Preferences", "Folders"), row)
        self.account = AccountSection()
        self.account.sign_in_requested.connect(self.sign_in_requested)
        self.account.unlink_requested.connect(self._confirm_unlink)
        self.unlink_button = self.account.unlink_button
        form.addRow(self.account)
        self.wipe_local = QCheckBox(
            translate("Preferences", "Also remove my files from this computer")
        )
        self.wipe_local.setToolTip(
            translate(
                "Preferences", "For shared computers. Only once everything is safe in the cloud."
            )
        )
        self.choose_folders = QPushButton(translate("Preferences", "Choose the folders to keep…"))
        self.choose_folders.clicked.connect(
            lambda: self.choose_folders_requested.emit(self.folder_choice.currentText())
        )
        form.addRow(self.choose_folders)
        self.drives_button = QPushButton(translate("Preferences", "Shared drives…"))
        self.drives_button.setToolTip(
            translate("Preferences", "The class and team spaces of your Cozy to sync here")
        )
        self.drives_button.clicked.connect(
            lambda: self.drives_requested.emit(self.folder_choice.currentText())
        )
        form.addRow(self.drives_button)
        form.addRow(self.wipe_local)
        self.folder_choice.currentTextChanged.connect(self._folder_chosen)
        self._folder_chosen(self.folder_choice.currentText())

    def _folder_chosen(self, name: str) -> None:
        self.drives_button.setVisible(name in self._cozy_folders)
        server, user = self._accounts.get(name, ("", None))
        self.account.show_folder(name, server, user)
        self.account_wanted.emit(name)

    def add_linked_folder(self, name: str, server: str, user: str | None) -> None:
        """A folder linked while the dialog is open ("Add a folder…"): listed and chosen."""
        if not self._folders or name in self._folders:
            return
        self._folders.append(name)
        self._accounts[name] = (server, user)
        self.folder_choice.addItem(name)
        self.folder_choice.setVisible(True)
        self.remove_button.setVisible(True)
        self.folder_choice.setCurrentText(name)

    def current_folder(self) -> str | None:
        return self.folder_choice.currentText() if self._folders else None

    def show_account(self, info: AccountInfo) -> None:
        """What the server said of a folder's account (shown if still chosen)."""
        if self._folders:
            self.account.show_info(info)

    def _confirm_unlink(self) -> None:
        wipe = self.wipe_local.isChecked()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(translate("Preferences", "Unlink this computer"))
        box.setText(
            translate("Preferences", "Stop syncing “%1” on this computer?").replace(
                "%1", self.folder_choice.currentText()
            )
        )
        if wipe:
            box.setInformativeText(
                translate(
                    "Preferences",
                    "Your files stay in the cloud. They will be removed from this computer "
                    "once cozysync has checked that everything is in the cloud.",
                )
            )
        else:
            box.setInformativeText(
                translate("Preferences", "Your files stay in the cloud and on this computer.")
            )
        self.confirm_yes = box.addButton(
            translate("Preferences", "Unlink"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.confirm_cancel = box.addButton(
            translate("Preferences", "Cancel"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(self.confirm_cancel)  # Enter never unlinks
        box.setEscapeButton(self.confirm_cancel)
        box.buttonClicked.connect(lambda button: self._on_confirm(button, wipe))
        self.confirm_box = box
        box.open()

    def _on_confirm(self, button: object, wipe: bool) -> None:
        if button is self.confirm_yes:
            self.unlink_request = UnlinkRequest(self.folder_choice.currentText(), wipe)
            self.accept()

    def initial(self, key: str) -> object:
        return self._initial.get(key)

    def values(self) -> dict[str, object]:
        """The settings as the user left them."""
        result = dict(self._initial)
        for key, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                result[key] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                result[key] = editor.value()
            else:
                result[key] = editor.currentData()
        if "proxy" in self._initial:  # the app gives it; ProxySection is the editor
            result["proxy"] = self.proxy_section.choice()
        return result
