"""The window's invitations: each folder someone offers to share, with Accept (the
Cozy's page opens in the browser) and Decline; hidden while there is none."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cozysync_ui.i18n import translate
from cozysync_ui.invitations import PendingInvitations
from cozysync_ui.messages import message_texts

__all__ = ["InvitationsBox"]


class InvitationsBox(QGroupBox):
    """Rows of ``PendingInvitations``, rebuilt when it changes."""

    def __init__(self, invitations: PendingInvitations) -> None:
        super().__init__(translate("Tray", "Invitations to shared folders"))
        self.invitations = invitations
        self.rows = QVBoxLayout(self)
        invitations.changed.connect(self.update_rows)
        self.update_rows()

    def update_rows(self) -> None:
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for (folder, sharing_id), event in sorted(self.invitations.waiting.items()):
            texts = message_texts(event.message.id, event.message.text(), "", event.message.args)
            self.rows.addWidget(self._row(folder, sharing_id, texts.title))
        self.setVisible(bool(self.invitations.waiting))

    def _row(self, folder: str, sharing_id: str, words: str) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        label = QLabel(words)
        label.setWordWrap(True)
        accept = QPushButton(translate("Tray", "Accept…"))
        accept.setToolTip(translate("Tray", "Opens your Cozy's page to accept it"))
        accept.clicked.connect(lambda: self.invitations.accept(folder, sharing_id))
        decline = QPushButton(translate("Tray", "Decline"))
        decline.clicked.connect(lambda: self.invitations.decline(folder, sharing_id))
        line.addWidget(label, 1)
        line.addWidget(accept)
        line.addWidget(decline)
        return row
