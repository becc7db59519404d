"""What the app does for the file managers (the request channel: ``ui/request_server.py``,
``cozysync.desktop_requests``): a ``RequestHandlers`` registry where each part of the app
plugs in its action.

"Open online" is here.  The others are plugged in by the dialogs that do them, with
``app.requests.register(name, handler, applies)``: ``SHARE`` and ``COPY_SHARE_LINK``
(the Share dialog, issue 17), ``VERSIONS`` and ``DELETED_FILES`` (issue 18).  A handler
gets the absolute paths the user right-clicked (all in synced folders: checked before)
and a ``reply`` to call once with ``{"ok": True, ...}`` or ``error_answer(FAILED,
message)``; it runs on the GUI thread, so it opens its dialog there and leaves slow work
to ``run_in_background``, as its ``applies`` does through ``prepare`` (whether a
folder's server opens items online is learned by building its remote, which reads the
keyring: seconds on a slow D-Bus).  Until a dialog registers, its entry is left out of
the menu and a request for it answers "not available"."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QUrl

from cozysync.api import OnlineItem, SyncService
from cozysync.desktop_requests import (
    FAILED,
    OPEN_ONLINE,
    Handler,
    Reply,
    RequestHandlers,
    error_answer,
)
from cozysync.errors import CozySyncError
from cozysync.online import NO_FILE_IDS, NO_WEB_APP, NOT_IN_A_SYNCED_FOLDER, OpenError
from cozysync_ui.background import run_in_background
from cozysync_ui.errors import error_texts
from cozysync_ui.i18n import translate

__all__ = ["desktop_requests", "open_online_handler"]

log = logging.getLogger(__name__)

Notify = Callable[[str, str], None]
OpenUrl = Callable[[QUrl], object]


def desktop_requests(service: SyncService, open_url: OpenUrl, notify: Notify) -> RequestHandlers:
    """The registry the app answers the file managers with, "Open online" plugged in."""
    handlers = RequestHandlers(in_sync=lambda paths: _all_in_sync(service, paths), words=_words)
    opens_online = _OpensOnline(service)
    handlers.register(
        OPEN_ONLINE,
        open_online_handler(service, open_url, notify),
        applies=lambda paths: len(paths) == 1 and opens_online(paths[0]),
        prepare=opens_online.learn,
    )
    return handlers


def open_online_handler(service: SyncService, open_url: OpenUrl, notify: Notify) -> Handler:
    """Open the item in the browser (its address asked in the background), then reply
    with it; a failure is told in a notification and in the reply."""

    def handle(paths: list[str], reply: Reply) -> None:
        path = paths[0]

        def opened(item: OnlineItem) -> None:
            open_url(QUrl(item.url))
            reply({"ok": True, "url": item.url, "kind": item.kind.value})

        def failed(exc: BaseException) -> None:
            title, hint = _open_error_texts(exc)
            notify(title, hint)
            reply(error_answer(FAILED, f"{title} ({hint})" if hint else title))

        run_in_background(lambda: service.online_address(path), opened, failed)

    return handle


class _OpensOnline:
    """Whether the folder holding a path has a web app: learned once per folder, off
    the GUI thread (``learn``: building its remote may read the keyring), then
    answered from what was learned (``__call__``, on the GUI thread)."""

    def __init__(self, service: SyncService) -> None:
        self.service = service
        self.known: dict[tuple[str, str], bool] = {}
        self.learning: dict[tuple[str, str], list[Callable[[], None]]] = {}

    def __call__(self, path: str) -> bool:
        key = self._key(path)
        return key is not None and self.known.get(key, False)

    def learn(self, paths: list[str], then: Callable[[], None]) -> None:
        """Learn (in the background) whether the folder of ``paths[0]`` opens online,
        then call ``then`` on the GUI thread; at once when known, or not a folder's."""
        key = self._key(paths[0]) if len(paths) == 1 else None
        if key is None or key in self.known:
            then()
            return
        if key in self.learning:  # asked already: answered with the first
            self.learning[key].append(then)
            return
        self.learning[key] = [then]
        name = key[0]

        def learned(opens: object) -> None:
            self.known[key] = bool(opens)
            for waiting in self.learning.pop(key, []):
                waiting()

        def failed(exc: BaseException) -> None:  # not kept: asked again next time
            log.info("could not tell whether %s opens online: %r", name, exc)
            for waiting in self.learning.pop(key, []):
                waiting()

        run_in_background(lambda: self.service.opens_online(name), learned, failed)

    def _key(self, path: str) -> tuple[str, str] | None:
        """The folder holding ``path`` (its name and server), None if none does."""
        try:
            folder = self.service.folder(self.service.locate(path).folder)
        except CozySyncError:
            return None
        return (folder.name, folder.remote_url)


def _all_in_sync(service: SyncService, paths: list[str]) -> bool:
    try:
        for path in paths:
            service.locate(path)
    except CozySyncError:
        return False
    return True


def _open_error_texts(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, OpenError):
        name = exc.details.get("path") or exc.details.get("folder") or ""
        if exc.reason == NOT_IN_A_SYNCED_FOLDER:
            return translate("Desktop", "This item is not in a synced folder."), ""
        if exc.reason == NO_WEB_APP:
            return (
                translate(
                    "Desktop", "'%1' is synced with a server that has no web app to open it in."
                ).replace("%1", name),
                translate("Desktop", "Open it from the server's own web page."),
            )
        if exc.reason == NO_FILE_IDS:
            return (
                translate("Desktop", "This server does not tell the ids of its files."),
                translate("Desktop", "Open it from the server's own web page."),
            )
    log.info("open online failed: %s", exc)
    return error_texts(exc)


def _words(text: str) -> str:
    """The protocol's standard errors in the user's language."""
    known = {
        "This item is not in a synced folder.": translate(
            "Desktop", "This item is not in a synced folder."
        ),
        "cozysync cannot do this yet.": translate("Desktop", "cozysync cannot do this yet."),
        "cozysync did not understand the request.": translate(
            "Desktop", "cozysync did not understand the request."
        ),
    }
    return known.get(text, text)
