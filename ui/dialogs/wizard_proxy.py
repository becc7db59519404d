"""The proxy, from the wizard's first page (issue 19, item 1): when the server cannot be
reached directly, a "Proxy settings…" button opens the same section as Preferences →
Network (``ProxySection``) in a small dialog; what the user chose is saved by the app
(``ProxySettings.save``: ``remotes.proxy.save_proxy``, the password in the keyring, in
force for every connection made from then on) and the address is checked again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cozysync.remotes.proxy import ProxyChoice
from cozysync_ui.dialogs.proxy_section import ProxySection
from cozysync_ui.i18n import translate

__all__ = ["ProxyDialog", "ProxySettings"]


@dataclass(frozen=True, slots=True)
class ProxySettings:
    """The app's proxy for the wizard: ``saved()`` the choice now (no password),
    ``save(choice)`` keeps a new one (raises ``CozySyncError`` when it cannot)."""

    saved: Callable[[], ProxyChoice]
    save: Callable[[ProxyChoice], object]


class ProxyDialog(QDialog):
    def __init__(self, saved: ProxyChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Wizard", "Proxy settings"))
        intro = QLabel(
            translate(
                "Wizard",
                "At school or at work, connections often go through a proxy. Your IT "
                "can tell you which: its address, or its configuration file (PAC).",
            )
        )
        intro.setWordWrap(True)
        self.section = ProxySection(saved)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.section)
        column.addWidget(buttons)
