"""The file managers' "Share…" and "Copy share link" (issue 17, item 5's entries done by
the Share dialog's side): ``register_share_requests`` plugs them into the app's request
registry (``ui/desktop_actions.py``).  Both are offered for one item whose folder's
server can share (declared: no request asked, but building the remote reads the
keyring: learned off the GUI thread by ``prepare``, ``FolderAbilities``); "Share…"
opens the Share dialog of the item, "Copy share link" makes a read-only link in the
background, puts it on the clipboard, tells it in a notification and replies with it."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from cozysync.api import SyncService
from cozysync.desktop_requests import (
    COPY_SHARE_LINK,
    FAILED,
    SHARE,
    Reply,
    RequestHandlers,
    error_answer,
)
from cozysync.errors import CozySyncError
from cozysync.share_errors import SharingError
from cozysync.share_models import LinkOptions, Share
from cozysync.share_words import refusal_words
from cozysync_ui.background import run_in_background
from cozysync_ui.dialogs.share_dialog import ShareDialog, share_ops
from cozysync_ui.folder_abilities import FolderAbilities
from cozysync_ui.i18n import translate

__all__ = ["register_share_requests"]

Notify = Callable[[str, str], None]


def register_share_requests(
    requests: RequestHandlers, service: SyncService, parent: Callable[[], QWidget | None],
    notify: Notify,
) -> Callable[[], list[ShareDialog]]:  # fmt: skip
    """Register both actions; returns what tells the dialogs opened so far."""
    opened: list[ShareDialog] = []
    abilities = FolderAbilities(service)  # learned off the GUI thread (keyring), then kept

    def folder_of(paths: list[str]) -> str | None:
        if len(paths) != 1:
            return None
        with suppress(CozySyncError):
            return service.shared_item(paths[0]).folder
        return None

    def applies(paths: list[str]) -> bool:
        folder = folder_of(paths)
        offer = abilities.known(folder) if folder is not None else None
        return offer is not None and offer.shares

    def prepare(paths: list[str], then: Callable[[], None]) -> None:
        folder = folder_of(paths)
        if folder is None:
            then()
        else:
            abilities.learn(folder, lambda _offer: then())

    def share(paths: list[str], reply: Reply) -> None:
        dialog = ShareDialog(share_ops(service, paths[0]), parent())
        opened.append(dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        reply({"ok": True})

    def copy_link(paths: list[str], reply: Reply) -> None:
        def made(share: Share) -> None:
            QGuiApplication.clipboard().setText(share.url)
            title = translate("ShareRequests", "Link copied")
            notify(title, f"{share.path or share.name}\n{share.url}")
            reply({"ok": True, "url": share.url})

        def failed(exc: BaseException) -> None:
            said = _words(exc)
            notify(translate("ShareRequests", "No link was made"), said)
            reply(error_answer(FAILED, said))

        path = paths[0]
        run_in_background(lambda: service.share_link(path, LinkOptions()), made, failed)

    requests.register(SHARE, share, applies=applies, prepare=prepare)
    requests.register(COPY_SHARE_LINK, copy_link, applies=applies, prepare=prepare)
    return lambda: list(opened)


def _words(exc: BaseException) -> str:
    if isinstance(exc, SharingError):
        return refusal_words(exc)
    if isinstance(exc, CozySyncError):
        return exc.one_line()
    said: str = translate("ShareRequests", "Sharing failed: %1")
    return said.replace("%1", type(exc).__name__)
