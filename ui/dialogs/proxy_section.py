"""Preferences → Network → Proxy (issue 19, item 1): the system's proxy (the default),
a manual one (host, port, an optional user name and password) or none.

The section shows the saved choice (``ProxyChoice`` without its password: the password
field stays empty, and left empty keeps the stored one) and gives back what the user
left (``choice()``); the app saves it (``remotes.proxy.save_proxy``, the password in the
keyring)."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox

from cozysync.remotes.proxy import DIRECT, MANUAL, SYSTEM, ProxyChoice
from cozysync_ui.i18n import translate

__all__ = ["DEFAULT_PORT", "ProxySection"]

DEFAULT_PORT = 3128  # squid's, what most school proxies use


class ProxySection(QGroupBox):
    """The proxy's rows; the manual ones are enabled only for a manual proxy."""

    def __init__(self, saved: ProxyChoice) -> None:
        super().__init__(translate("Preferences", "Proxy"))
        self._saved = saved
        self.mode = QComboBox()
        self.mode.setAccessibleName(translate("Preferences", "Proxy"))
        for value, label in (
            (SYSTEM, translate("Preferences", "Use the system's proxy settings")),
            (MANUAL, translate("Preferences", "Use this proxy")),
            (DIRECT, translate("Preferences", "No proxy")),
        ):
            self.mode.addItem(label, value)
        self.mode.setCurrentIndex(max(self.mode.findData(saved.mode), 0))
        self.host, self.port = QLineEdit(), QSpinBox()
        self.port.setRange(1, 65535)
        self.user, self.password = QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._fill(saved)
        form = QFormLayout(self)
        form.addRow(translate("Preferences", "Proxy"), self.mode)
        form.addRow(translate("Preferences", "Host"), self.host)
        form.addRow(translate("Preferences", "Port"), self.port)
        form.addRow(translate("Preferences", "User name"), self.user)
        form.addRow(translate("Preferences", "Password"), self.password)
        note = QLabel(
            translate(
                "Preferences",
                "Only if your school's network asks for one. Leave the user name empty "
                "when the proxy asks for no login.",
            )
        )
        note.setWordWrap(True)
        form.addRow("", note)
        self.mode.currentIndexChanged.connect(self._enable)
        self._enable()

    def _fill(self, saved: ProxyChoice) -> None:
        parts = urlsplit(saved.url or "")
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.user.setText(saved.user or "")
        if saved.user:  # one is stored: empty keeps it
            self.password.setPlaceholderText(translate("Preferences", "(kept)"))

    def _enable(self) -> None:
        manual = self.mode.currentData() == MANUAL
        for field in (self.host, self.port, self.user, self.password):
            field.setEnabled(manual)

    def choice(self) -> ProxyChoice:
        """What the user chose; ``password`` None: keep the stored one."""
        mode = str(self.mode.currentData())
        if mode != MANUAL:
            return ProxyChoice(mode, self._saved.url, self._saved.user)
        host, user = self.host.text().strip(), self.user.text().strip() or None
        url = f"http://{host}:{self.port.value()}" if host else ""
        password = self.password.text() or None
        if user != self._saved.user and password is None:
            password = ""  # another user: the old password is not theirs
        return ProxyChoice(MANUAL, url, user, password)

    def changed(self) -> bool:
        chosen = self.choice()
        return chosen != self._saved or chosen.password is not None
