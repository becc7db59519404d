"""Open a synced item on its server's web app, or on this computer (issue 17, item 4).

``locate`` finds the linked folder an item is in from its path on this computer (as a
file manager gives it, or as typed); ``online_address`` asks that folder's server where
the item opens (``RemoteFeatures.open_online``: ``cozysync.online``) and returns it as
plain data.  Opening the address or the file is the caller's (the CLI's, the app's).
"""

from __future__ import annotations

import logging
import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.online import NO_WEB_APP, NOT_IN_A_SYNCED_FOLDER, OnlineKind, OpenError
from cozysync.paths import path_key
from cozysync.phrases import phrase
from cozysync.service.core import ServiceCore

__all__ = ["LocatedItem", "OnlineItem", "ServiceOnline", "locate_in"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LocatedItem:
    """An item of a linked folder: the folder's name, its root, the item's relative path."""

    folder: str
    local_root: str
    path: str  # relative to the root, "" for the root itself

    @property
    def local_path(self) -> Path:
        return Path(self.local_root, self.path) if self.path else Path(self.local_root)


@dataclass(frozen=True, slots=True)
class OnlineItem:
    """Where a synced item opens in the browser."""

    folder: str
    path: str  # relative to the folder's root
    url: str
    kind: OnlineKind

    @property
    def in_editor(self) -> bool:
        return self.kind in (OnlineKind.EDITOR, OnlineKind.NOTE)


def locate_in(folders: list[FolderConfig], path: str | Path) -> tuple[FolderConfig, str]:
    """The linked folder holding ``path`` (absolute, or from the current folder) and the
    relative path in it; the innermost folder when linked folders nest (they may not, but
    an old configuration might)."""
    absolute = Path(os.path.abspath(Path(path).expanduser()))
    candidates = [absolute, Path(os.path.realpath(absolute))]
    best: tuple[FolderConfig, str] | None = None
    for folder in folders:
        for root in {folder.local_path, Path(os.path.realpath(folder.local_path))}:
            for candidate in candidates:
                if candidate == root or candidate.is_relative_to(root):
                    rel = candidate.relative_to(root).as_posix()
                    rel = "" if rel == "." else rel
                    if best is None or len(str(folder.local_path)) > len(best[0].local_root):
                        best = (folder, rel)
    if best is None:
        raise OpenError(
            NOT_IN_A_SYNCED_FOLDER,
            phrase("'{absolute}' is not in a synced folder", absolute=absolute),
            phrase("See the synced folders with: cozysync list"),
            path=str(absolute),
        )
    return best


class ServiceOnline(ServiceCore):
    """``SyncService``'s "open online" and "which folder is this item in"."""

    def locate(self, path: str | Path) -> LocatedItem:
        """The linked folder holding ``path``; ``ConfigError`` if none does."""
        folder, rel = locate_in(self.list_folders(), path)
        return LocatedItem(folder.name, folder.local_root, rel)

    def online_address(self, path: str | Path) -> OnlineItem:
        """Where the synced item at ``path`` (on this computer) opens on its server's web
        app.  ``ConfigError`` when the server has no web app cozysync knows (plain
        WebDAV), ``RemoteItemMissingError`` when the item is not on the server yet."""
        folder, rel = locate_in(self.list_folders(), path)
        with closing(self._remote_for(folder)) as remote:
            opener = remote.features.open_online
            if opener is None:
                raise OpenError(
                    NO_WEB_APP,
                    phrase(
                        "'{name}' is synced with a server that has no web app cozysync can open",
                        name=folder.name,
                    ),
                    phrase("Open the item from the server's own web page."),
                    folder=folder.name,
                )
            address = opener.online_address(self._remote_path(folder, rel))
        log.info(
            "%s: %s opens at %s (%s)", folder.name, rel or "/", address.url, address.kind.value
        )
        return OnlineItem(folder.name, rel, address.url, address.kind)

    def opens_online(self, name: str) -> bool:
        """Whether folder ``name``'s server has a web app (no request is sent)."""
        with closing(self._remote_for(self.folder(name))) as remote:
            return remote.features.open_online is not None

    def _remote_path(self, folder: FolderConfig, rel: str) -> str:
        """The item's name on the server, as the journal knows it (a name this computer
        cannot store is changed here: the server's stays), else the same path."""
        if not rel:
            return rel
        with self._journal(folder) as journal:
            if journal is None:
                return rel
            entry = journal.entries().get(path_key(rel))
        return entry.remote_path if entry is not None else rel
