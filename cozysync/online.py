"""Open a synced item on its server's web app ("Open online"): where it opens, as plain
data.  ``OpenOnline`` is the capability a remote declares (``RemoteFeatures.open_online``);
the service finds the folder an item is in and asks it; the CLI, the app and the file
managers' menus open ``OnlineAddress.url`` in the browser.

- A Cozy: an office document opens in its online editor (OnlyOffice, in Drive) when the
  instance has one, a note in the Notes app, anything else in Drive at its folder
  (``cozysync.remotes.cozy_open``).
- Nextcloud/ownCloud: the Files app at the item (``/index.php/f/<fileid>``,
  ``cozysync.remotes.webdav_open``).
- Plain WebDAV: no web app is known: the capability is absent.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

from cozysync.errors import ConfigError

__all__ = [
    "NOT_IN_A_SYNCED_FOLDER",
    "NO_FILE_IDS",
    "NO_WEB_APP",
    "OnlineAddress",
    "OnlineKind",
    "OpenError",
    "OpenOnline",
]

NOT_IN_A_SYNCED_FOLDER = "not_in_a_synced_folder"  # the path is in no linked folder
NO_WEB_APP = "no_web_app"  # the folder's server has no web app cozysync knows (plain WebDAV)
NO_FILE_IDS = "no_file_ids"  # a Nextcloud-like address whose server tells no oc:fileid


class OpenError(ConfigError):
    """An item that cannot be opened online, and why (``reason``: one of the names above;
    ``details``: ``path`` or ``folder``), so that each front end says it in its words."""

    def __init__(self, reason: str, title: str, hint: str = "", **details: str) -> None:
        super().__init__(title, hint)
        self.reason = reason
        self.details = details


class OnlineKind(enum.Enum):
    """What the address opens."""

    EDITOR = "editor"  # the online office editor (OnlyOffice in a Cozy's Drive)
    NOTE = "note"  # a Cozy note in the Notes app
    FOLDER_VIEW = "folder-view"  # the file manager web app at the item's folder (Drive)
    FILES_APP = "files-app"  # Nextcloud's Files app at the item


@dataclass(frozen=True, slots=True)
class OnlineAddress:
    """Where ``path`` (relative to the synced root) opens in the browser."""

    path: str
    url: str
    kind: OnlineKind

    @property
    def in_editor(self) -> bool:
        return self.kind in (OnlineKind.EDITOR, OnlineKind.NOTE)


class OpenOnline(Protocol):
    """A remote whose server has a web app where a synced item can be opened."""

    def online_address(self, path: str) -> OnlineAddress:
        """The address of ``path`` (relative to the synced root) in the web app;
        ``RemoteItemMissingError`` when the server has no such item (not synced yet)."""
