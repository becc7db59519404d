"""Sharing from the desktop (issue 17, items 1-3): a public link to a file or folder,
a share with people and groups of the server's address book, the list of what is
shared, and stopping a share.  Each call opens the folder's remote, asks its declared
``Sharing`` capability (``RemoteFeatures.sharing``) and closes it; a server without one
(plain WebDAV) says so before anything is asked of it.

Everything returned is plain frozen data (``cozysync.share_models``), for the CLI, the
app's Share dialog and the file manager's extension alike."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from cozysync.config import FolderConfig
from cozysync.errors import ConfigError
from cozysync.phrases import phrase
from cozysync.ports import Remote, Sharing
from cozysync.private import private_folder
from cozysync.service.conflicts import relative_to_root
from cozysync.service.core import ServiceCore
from cozysync.service.share_leaving import LeftShare, leave_share, shared_with_me
from cozysync.share_errors import AMBIGUOUS, CANNOT_SHARE, NO_SHARE, NOBODY, SharingError
from cozysync.share_models import LinkOptions, Share, Sharee, ShareKind, folded

__all__ = [
    "LeftShare",
    "LinkOptions",
    "ServiceSharing",
    "Share",
    "ShareKind",
    "SharedItem",
    "Sharee",
    "SharingError",
    "pick_sharee",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SharedItem:
    """A path the user named, placed: its folder and its path inside it."""

    folder: str
    path: str


class ServiceSharing(ServiceCore):
    """The sharing part of ``SyncService``."""

    def shared_item(self, path: str, name: str | None = None) -> SharedItem:
        """Where ``path`` (absolute, from the current folder or from the synced root) is:
        with no ``name``, the linked folder holding it (else the only one)."""
        folder = self._folder_holding(path, name)
        return SharedItem(folder.name, _rel(folder, path))

    def can_share(self, name: str | None = None) -> bool:
        """Whether folder ``name``'s server can share (no request: it is declared)."""
        with self._sharing(self.folder(name), check=False) as sharing:
            return sharing is not None

    def share_link(
        self, path: str, options: LinkOptions | None = None, name: str | None = None
    ) -> Share:
        """A new public link to ``path``."""
        folder = self._folder_holding(path, name)
        with self._sharing(folder) as sharing:
            assert sharing is not None
            rel = _rel(folder, path)  # a server that cannot share says so first
            share = sharing.share_link(rel, options or LinkOptions())
        log.info("%s: made a link to %s", folder.name, rel)
        return share

    def shares(self, name: str | None = None) -> tuple[Share, ...]:
        """What folder ``name``'s account shares, and what is shared with it."""
        with self._sharing(self.folder(name)) as sharing:
            assert sharing is not None
            return sharing.shares()

    def shares_of(self, path: str, name: str | None = None) -> tuple[Share, ...]:
        """This account's shares of ``path``."""
        item = self.shared_item(path, name)
        return tuple(s for s in self.shares(item.folder) if s.mine and s.path == item.path)

    def find_sharees(self, query: str, name: str | None = None) -> tuple[Sharee, ...]:
        """People and groups of the address book whose name holds ``query`` (search as
        you type: no case, no accents)."""
        with self._sharing(self.folder(name)) as sharing:
            assert sharing is not None
            return sharing.find_sharees(query)

    def share_with(
        self, path: str, who: Sequence[str | Sharee], *, read_only: bool,
        name: str | None = None,
    ) -> tuple[Share, ...]:  # fmt: skip
        """Share ``path`` with people and groups: ``Sharee``s as found, or names, each
        of which must name one of the address book (``SharingError`` NOBODY or
        AMBIGUOUS otherwise: nothing is shared then)."""
        folder = self._folder_holding(path, name)
        with self._sharing(folder) as sharing:
            assert sharing is not None
            rel = _rel(folder, path)  # a server that cannot share says so first
            sharees = tuple(
                w if isinstance(w, Sharee) else pick_sharee(w, sharing.find_sharees(w)) for w in who
            )
            made = sharing.share_with(rel, sharees, read_only=read_only)
        log.info("%s: shared %s with %d recipient(s)", folder.name, rel, len(sharees))
        return made

    def stop_sharing(
        self, path: str, *, links: bool = True, people: bool = True, who: str | None = None,
        name: str | None = None,
    ) -> tuple[Share, ...]:  # fmt: skip
        """Stop this account's shares of ``path``: its links, its people and groups
        (``who``: only that one).  Returns what was stopped; ``SharingError`` NO_SHARE
        when nothing matched."""
        folder = self._folder_holding(path, name)
        with self._sharing(folder) as sharing:
            assert sharing is not None
            rel = _rel(folder, path)  # a server that cannot share says so first
            chosen = [
                s for s in sharing.shares()
                if s.mine and s.path == rel and _wanted(s, links, people, who)
            ]  # fmt: skip
            if not chosen:
                raise _nothing_to_stop(rel, who)
            for share in chosen:
                sharing.stop_share(share.share_id)
        log.info("%s: stopped %d share(s) of %s", folder.name, len(chosen), rel)
        return tuple(chosen)

    def shared_with_me(self, path: str, name: str | None = None) -> tuple[Share, ...]:
        """The shares of ``path`` someone else made with this account."""
        folder = self._folder_holding(path, name)
        with self._sharing(folder) as sharing:
            assert sharing is not None
            return tuple(shared_with_me(sharing, _rel(folder, path)))

    def leave_share(self, path: str, name: str | None = None) -> LeftShare:
        """Leave the share of ``path`` someone else made with this account; this
        computer's copy is kept (``service.share_leaving``).  Under the folder's lock:
        a pair running elsewhere makes it refused (stop it first)."""
        folder = self._folder_holding(path, name)
        lock_path = self.locations.lock_path(folder.folder_id)
        private_folder(lock_path.parent)
        with self.adapters.folder_lock(folder, lock_path), self._sharing(folder) as sharing:
            assert sharing is not None
            rel = _rel(folder, path)  # a server that cannot share says so first
            return leave_share(folder, rel, sharing, self.adapters.move_into_place)

    def stop_share(self, share_id: str, name: str | None = None) -> None:
        """Stop one share by its id (``Share.share_id``, as ``shares`` listed it)."""
        with self._sharing(self.folder(name)) as sharing:
            assert sharing is not None
            sharing.stop_share(share_id)

    # -- plumbing ----------------------------------------------------------------------

    @contextmanager
    def _sharing(self, folder: FolderConfig, *, check: bool = True) -> Iterator[Sharing | None]:
        remote: Remote = self._remote_for(folder)
        try:
            sharing = remote.features.sharing
            if sharing is None and check:
                raise cannot_share(folder)
            yield sharing
        finally:
            remote.close()

    def _folder_holding(self, path: str, name: str | None) -> FolderConfig:
        if name is not None:
            return self.folder(name)
        candidate = Path(path).expanduser()
        absolute = Path(os.path.normpath(Path.cwd() / candidate))
        for folder in self.store.load():
            root = folder.local_path
            inside = absolute == root or root in absolute.parents
            if inside and (candidate.is_absolute() or absolute.exists()):
                return folder
        return self.folder(None)


def cannot_share(folder: FolderConfig) -> SharingError:
    server = urlsplit(folder.remote_url).netloc or folder.remote_url
    return SharingError(
        CANNOT_SHARE,
        phrase(
            "this server cannot share: {server} has no sharing API (plain WebDAV)", server=server
        ),
        phrase("Share from the server's own web page, or sync with a Cozy or a Nextcloud."),
        server=server,
    )


def pick_sharee(wanted: str, found: tuple[Sharee, ...]) -> Sharee:
    """The one of ``found`` that ``wanted`` names: the only match, or the only one whose
    whole name it is (no case, no accents)."""
    exact = [s for s in found if folded(s.name) == folded(wanted.strip())]
    if len(found) == 1:
        return found[0]
    if len(exact) == 1:
        return exact[0]
    if not found:
        raise SharingError(
            NOBODY,
            phrase("no one called {wanted!r} is in your address book", wanted=wanted),
            phrase("Check the spelling, or add them to your contacts on the server first."),
            name=wanted,
        )
    names = ", ".join(s.name for s in (exact or found)[:8])
    raise SharingError(
        AMBIGUOUS,
        phrase("{wanted!r} could be several people or groups: {names}", wanted=wanted, names=names),
        phrase("Give the whole name as the address book writes it."),
        name=wanted,
        matches=names,
    )


def _wanted(share: Share, links: bool, people: bool, who: str | None) -> bool:
    if share.kind == ShareKind.LINK:
        return links and who is None
    if not people:
        return False
    return who is None or folded(share.who) == folded(who.strip())


def _nothing_to_stop(rel: str, who: str | None) -> SharingError:
    said = (
        phrase("{rel!r} is not shared with {who!r}", rel=rel, who=who)
        if who
        else phrase("{rel!r} is not shared", rel=rel)
    )
    return SharingError(
        NO_SHARE,
        said,
        phrase("See what is shared with: cozysync shares"),
        path=rel,
    )


def _rel(folder: FolderConfig, path: str) -> str:
    rel = relative_to_root(path, folder.local_path)
    is_root = Path(path).expanduser().absolute() == folder.local_path
    if is_root or not rel or rel == ".." or rel.startswith("../"):
        raise ConfigError(
            phrase("{path!r} is not in the folder {name!r}", path=path, name=folder.name),
            phrase("Give a file or folder inside {local_path}.", local_path=folder.local_path),
        )
    return rel
