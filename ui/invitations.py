"""Invitations to shared folders in the app (issue 15, item 9): the ones the engine told
(``InvitationReceived``), kept for the tray and the window until answered, with the two
answers: accept (the Cozy's page opens in the browser: only there can it be accepted;
the folder then comes down with the next sync) and decline."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal

from cozysync.api import SyncService
from cozysync.events import InvitationReceived
from cozysync_ui.background import run_in_background
from cozysync_ui.i18n import translate
from cozysync_ui.messages import message_texts

__all__ = ["PendingInvitations", "invitation_notice"]


def invitation_notice(event: InvitationReceived) -> tuple[str, str]:
    """(title, text) of the notification for ``event``, in the user's language."""
    texts = message_texts(event.message.id, event.message.text(), "", event.message.args)
    return translate("Notifications", "An invitation to a shared folder"), (
        f"{texts.title}\n{texts.hint}"
    )


class PendingInvitations(QObject):
    """The invitations told and not answered here, by folder then sharing id."""

    changed = Signal()
    failed = Signal(object)  # an exception from an answer

    def __init__(
        self, service: SyncService, open_url: Callable[[QUrl], object], parent: QObject
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.open_url = open_url
        self.waiting: dict[tuple[str, str], InvitationReceived] = {}

    def add(self, folder: str, event: InvitationReceived) -> None:
        self.waiting[(folder, event.sharing_id)] = event
        self.changed.emit()

    def accept(self, folder: str, sharing_id: str) -> None:
        """The Cozy's page to accept it opens in the browser (asked off the GUI thread)."""

        def ask() -> str:
            return self.service.accept_invitation(sharing_id, folder, open_page=_keep)

        def opened(address: str) -> None:
            self.open_url(QUrl(address))
            self._answered(folder, sharing_id)

        run_in_background(ask, opened, self.failed.emit)

    def decline(self, folder: str, sharing_id: str) -> None:
        def done(_: object) -> None:
            self._answered(folder, sharing_id)

        run_in_background(
            lambda: self.service.decline_invitation(sharing_id, folder), done, self.failed.emit
        )

    def _answered(self, folder: str, sharing_id: str) -> None:
        self.waiting.pop((folder, sharing_id), None)
        self.changed.emit()


def _keep(_address: str) -> None:
    """The address is opened on the GUI thread, once back (``open_url``)."""
