"""Preferences → Network → Proxy (issue 19, item 1): the system's proxy (the default),
a manual one (host, port, an optional user name and password), a proxy configuration
file (PAC: its address), the file found by WPAD, or none.  The login rows serve the
manual proxy and the proxies a PAC file names.

The section shows the saved choice (``ProxyChoice`` without its password: the password
field stays empty, and left empty keeps the stored one) and gives back what the user
left (``choice()``); the app saves it (``remotes.proxy.save_proxy``, the password in the
keyring)."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QSpinBox

from cozysync.remotes.proxy import AUTO, DIRECT, MANUAL, PAC, SYSTEM, ProxyChoice
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
            (PAC, translate("Preferences", "Use a proxy configuration file (PAC)")),
            (AUTO, translate("Preferences", "Find the proxy automatically (WPAD)")),
            (DIRECT, translate("Preferences", "No proxy")),
        ):
            self.mode.addItem(label, value)
        self.mode.setCurrentIndex(max(self.mode.findData(saved.mode), 0))
        self.kind = QComboBox()  # the manual proxy's protocol
        self.kind.setAccessibleName(translate("Preferences", "Proxy type"))
        for scheme, label in (("http", "HTTP"), ("socks5", "SOCKS5")):
            self.kind.addItem(label, scheme)
        self.host, self.port = QLineEdit(), QSpinBox()
        self.port.setRange(1, 65535)
        self.pac_url = QLineEdit()
        self.pac_url.setPlaceholderText("http://wpad.school.example/proxy.pac")
        self.user, self.password = QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self._fill(saved)
        form = QFormLayout(self)
        form.addRow(translate("Preferences", "Proxy"), self.mode)
        form.addRow(translate("Preferences", "Proxy type"), self.kind)
        form.addRow(translate("Preferences", "Host"), self.host)
        form.addRow(translate("Preferences", "Port"), self.port)
        form.addRow(translate("Preferences", "Configuration file"), self.pac_url)
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
        self.kind.setCurrentIndex(max(self.kind.findData(parts.scheme or "http"), 0))
        self.host.setText(parts.hostname or "")
        self.port.setValue(parts.port or DEFAULT_PORT)
        self.user.setText(saved.user or "")
        self.pac_url.setText(saved.pac_url or "")
        if saved.user:  # one is stored: empty keeps it
            self.password.setPlaceholderText(translate("Preferences", "(kept)"))

    def _enable(self) -> None:
        mode = self.mode.currentData()
        for field in (self.kind, self.host, self.port):
            field.setEnabled(mode == MANUAL)
        self.pac_url.setEnabled(mode == PAC)
        for field in (self.user, self.password):
            field.setEnabled(mode in (MANUAL, PAC, AUTO))

    def choice(self) -> ProxyChoice:
        """What the user chose; ``password`` None: keep the stored one."""
        mode, saved = str(self.mode.currentData()), self._saved
        if mode not in (MANUAL, PAC, AUTO):
            return ProxyChoice(mode, saved.url, saved.user, pac_url=saved.pac_url)
        user = self.user.text().strip() or None
        password = self.password.text() or None
        if user != saved.user and password is None:
            password = ""  # another user: the old password is not theirs
        if mode != MANUAL:
            pac_url = self.pac_url.text().strip() if mode == PAC else saved.pac_url
            return ProxyChoice(mode, saved.url, user, password, pac_url=pac_url)
        host = self.host.text().strip()
        url = f"{self.kind.currentData()}://{host}:{self.port.value()}" if host else ""
        return ProxyChoice(MANUAL, url, user, password, pac_url=saved.pac_url)

    def changed(self) -> bool:
        chosen = self.choice()
        return chosen != self._saved or chosen.password is not None
