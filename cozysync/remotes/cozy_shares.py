"""``Sharing`` for ``CozyRemote`` (issue 17): links (``cozy_share_links``) and people
and groups of the address book (``cozy_share_people``) on one Cozy.  Ids of the server
are mapped to paths under the synced folder with the remote's tree cache, as the read-only
shares are (``cozy_sharings.share_path``)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from cozysync.models import RemoteState
from cozysync.paths import name_of
from cozysync.phrases import phrase
from cozysync.remotes.cozy_auth import CozySession
from cozysync.remotes.cozy_changes import ROOT_ID, CachedDoc
from cozysync.remotes.cozy_share_links import LINK_PREFIX, CozyShareLinks
from cozysync.remotes.cozy_share_people import SHARING_PREFIX, CozySharePeople
from cozysync.remotes.cozy_sharings import share_path
from cozysync.share_errors import NO_SHARE, NOT_ON_SERVER, SharingError
from cozysync.share_models import LinkOptions, Share, Sharee

__all__ = ["CozyShares"]


class CozyShares:
    leaving_keeps_the_item = True  # the folder, renamed (cozy_share_people: leaving)

    def __init__(
        self,
        session: CozySession,
        stat: Callable[[str], RemoteState | None],
        doc_of: Callable[[str], CachedDoc | None],
        root_id: Callable[[], str],
    ) -> None:
        self._stat = stat
        self._doc_of = doc_of
        self._root_id = root_id
        self.links = CozyShareLinks(session, session.origin, self._path_of, self._name_of)
        self.people = CozySharePeople(session, self._path_of)

    def share_link(self, path: str, options: LinkOptions) -> Share:
        item = self._item(path)
        assert item.remote_id is not None
        share = self.links.create(item.remote_id, path, options)
        return dataclasses.replace(share, path=path, name=name_of(path))

    def shares(self) -> tuple[Share, ...]:
        found = [*self.links.listed(), *self.people.listed()]
        return tuple(sorted(found, key=_order))

    def stop_share(self, share_id: str) -> None:
        if share_id.startswith(LINK_PREFIX):
            self.links.revoke(share_id.removeprefix(LINK_PREFIX))
        elif share_id.startswith(SHARING_PREFIX):
            self.people.revoke(share_id.removeprefix(SHARING_PREFIX))
        else:
            raise SharingError(
                NO_SHARE, phrase("no share {share_id!r} of yours is known", share_id=share_id)
            )

    def leave_share(self, share_id: str) -> None:
        handle = share_id.removeprefix(SHARING_PREFIX)
        if not (share_id.startswith(SHARING_PREFIX) and handle.endswith(":self")):
            raise SharingError(
                NO_SHARE, phrase("no share {share_id!r} made with you is known", share_id=share_id)
            )
        self.people.leave(handle)

    def find_sharees(self, query: str) -> tuple[Sharee, ...]:
        return self.people.find(query)

    def share_with(
        self, path: str, sharees: tuple[Sharee, ...], *, read_only: bool
    ) -> tuple[Share, ...]:
        item = self._item(path)
        assert item.remote_id is not None
        made = self.people.create(
            item.remote_id, name_of(path), item.is_dir, sharees, read_only, path
        )
        return tuple(dataclasses.replace(s, path=path) for s in made)

    def _item(self, path: str) -> RemoteState:
        item = self._stat(path) if path else None
        if item is None or item.remote_id in (None, ROOT_ID):
            raise SharingError(
                NOT_ON_SERVER,
                phrase("{path!r} is not a file or folder on your Cozy yet", path=path)
                if path
                else phrase("the whole Cozy is not a folder on your Cozy yet"),
                phrase(
                    "Sync it first (cozysync sync), then share it; the whole Cozy cannot be "
                    "shared, only what is in it."
                ),
                path=path,
            )
        return item

    def _path_of(self, item_id: str) -> str | None:
        return share_path(item_id, self._root_id(), self._doc_of)

    def _name_of(self, item_id: str) -> str:
        doc = self._doc_of(item_id)
        return doc.name if doc is not None else ""


def _order(share: Share) -> tuple[bool, str, str, str]:
    return (not share.mine, share.path or "\uffff", share.kind.value, share.who.casefold())
