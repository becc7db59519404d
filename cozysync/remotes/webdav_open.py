"""Open a synced item in Nextcloud's (or ownCloud's) Files app (``OpenOnline`` for a
WebDAV remote on such a server).

Nextcloud's Files app shows any file or folder of the user from its id:
``<server>/index.php/f/<fileid>`` (nextcloud/server apps/files/appinfo/routes.php,
``View#showFile`` with ``'url' => '/f/{fileid}'`` and ``'root' => ''``; core/routes.php
keeps it global for older links), redirecting to the folder with the file selected.  The
id is the item's ``oc:fileid``, which a PROPFIND asks for (``webdav_xml.PROPFIND_BODY``).
The server's address is the part of the WebDAV address before ``/remote.php/``: the
folder is reached through ``<server>/remote.php/dav/files/<user>/…`` or the older
``<server>/remote.php/webdav/…`` (Nextcloud's "WebDAV" documentation), the only
addresses this opener is offered for (``server_of``)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from cozysync.errors import RemoteItemMissingError
from cozysync.models import RemoteState
from cozysync.online import NO_FILE_IDS, OnlineAddress, OnlineKind, OpenError
from cozysync.phrases import phrase

__all__ = ["FilesAppOpener", "server_of"]

DAV_MARKER = "/remote.php/"


def server_of(webdav_url: str) -> str | None:
    """``https://cloud.example/nc`` for ``https://cloud.example/nc/remote.php/dav/files/
    alice/Docs/``; None for a WebDAV address that is not a Nextcloud's or ownCloud's."""
    base, marker, tail = webdav_url.partition(DAV_MARKER)
    if not marker or not tail.startswith(("dav/files/", "webdav")):
        return None
    return base


class FilesAppOpener:
    """``OpenOnline`` on a Nextcloud/ownCloud: ``stat`` reads an item (its ``remote_id``
    is the ``oc:fileid``), ``server`` is the server's address (``server_of``)."""

    def __init__(self, stat: Callable[[str], RemoteState | None], server: str) -> None:
        self.stat = stat
        self.server = server

    def online_address(self, path: str) -> OnlineAddress:
        state = self.stat(path)
        if state is None:
            raise RemoteItemMissingError(
                f"{path!r} is not on the server (not synced yet?)", path=path
            )
        if not state.remote_id:
            raise OpenError(
                NO_FILE_IDS,
                phrase("this server does not tell the ids of its files"),
                hint=phrase(
                    "Open it from the server's web page; only Nextcloud and ownCloud tell them."
                ),
            )
        url = f"{self.server}/index.php/f/{quote(state.remote_id, safe='')}"
        return OnlineAddress(path, url, OnlineKind.FILES_APP)
