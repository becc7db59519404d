"""Deleted files (issue 18, item 2): what the server's trash holds of a folder and what
cozysync itself sent to the OS trash, listed together, each restorable to its place.

The engine stays the only writer of the synced folder (issue 18, item 4):

- a server-trash item is restored *on the server* (``ServerTrash.restore``, by the
  server's own rules: a Cozy makes a deleted parent again); the next pass brings it
  down as any change made there;
- an item cozysync sent to the OS trash (``cozysync.trash_records``) is moved back from
  the OS trash into the folder by one no-replace rename (its parent folders made again
  when deleted since); the next pass sends it up as any new local file.  Nothing is ever
  restored over an item: a place taken is refused unless another folder is given.

Offline, the server's trash cannot be listed nor restored from: the listing says so
and shows this computer's items; an undelete of a server item fails with a clear
message (it is *not* queued), nothing changed.  A server without a trash cozysync can
read (plain WebDAV) lists this computer's items only, with a note.
"""

from __future__ import annotations

import errno
import logging
import os
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.errors import (
    AlreadyRunningError,
    ConfigError,
    CozySyncError,
    OfflineError,
    SyncError,
)
from cozysync.messages import MessageId
from cozysync.models import ServerTrashItem
from cozysync.paths import name_of
from cozysync.ports import Remote, ServerTrash
from cozysync.service.conflicts import relative_to_root
from cozysync.service.core import ServiceCore
from cozysync.trash_records import TrashRecord, TrashRecords

__all__ = [
    "ORIGIN_LOCAL",
    "ORIGIN_SERVER",
    "DeletedFiles",
    "DeletedItem",
    "NoServerTrashError",
    "NoSuchFolderError",
    "NotDeletedError",
    "PlaceTakenError",
    "PutBackError",
    "ServiceDeletedFiles",
    "TrashOfflineError",
    "Undeleted",
]

log = logging.getLogger(__name__)

ORIGIN_SERVER = "server"  # in the server's trash
ORIGIN_LOCAL = "this computer"  # sent to this computer's trash by cozysync

# why the server's trash is not in a listing (plain strings: they cross into --json)
SERVER_LISTED = "listed"
SERVER_NO_TRASH = "no-trash"
SERVER_OFFLINE = "offline"
SERVER_FAILED = "failed"
SERVER_NOT_ASKED = "not-asked"


class PlaceTakenError(ConfigError):
    """Something is at the place an item would go back to: never overwritten."""

    message_id = MessageId.ERROR_PLACE_TAKEN


class NotDeletedError(ConfigError):
    """The item asked for is not among the folder's deleted files."""

    message_id = MessageId.ERROR_NOT_DELETED


class NoSuchFolderError(ConfigError):
    """The folder to put an item in is not a folder inside the synced one."""

    message_id = MessageId.ERROR_NO_SUCH_FOLDER


class NoServerTrashError(ConfigError):
    """The server keeps no trash cozysync can read (plain WebDAV)."""

    message_id = MessageId.ERROR_NO_SERVER_TRASH


class TrashOfflineError(OfflineError):
    """The server's trash cannot be reached: nothing was changed, nothing is queued."""

    message_id = MessageId.ERROR_TRASH_OFFLINE


class PutBackError(SyncError):
    """This computer's trash item could not be moved back (it is still there)."""

    message_id = MessageId.ERROR_PUT_BACK_FAILED


@dataclass(frozen=True, slots=True)
class DeletedItem:
    """One deleted item of a folder, as the list shows it."""

    item_id: str  # "server:<id>" or "local:<record id>": what ``undelete`` takes
    folder: str
    path: str  # where it was, inside the folder
    is_dir: bool
    size: int | None
    deleted_at: float | None  # unix time (None: the server does not say)
    origin: str  # ORIGIN_SERVER or ORIGIN_LOCAL
    deleted_by: str | None = None  # who or what, where the server says
    place_taken: bool = False  # something is at ``path`` in the folder now


@dataclass(frozen=True, slots=True)
class DeletedFiles:
    """A folder's deleted items, newest first, and whether the server's are in it."""

    folder: str
    items: tuple[DeletedItem, ...]
    server_trash: str  # SERVER_LISTED, SERVER_NO_TRASH, SERVER_OFFLINE or SERVER_FAILED
    problem: str | None = None  # the server's error, in words (SERVER_FAILED, OFFLINE)


@dataclass(frozen=True, slots=True)
class Undeleted:
    """What ``undelete`` did: the item is back at ``path`` (on the server for a server
    item, in the folder for this computer's); ``synced``: a pass ran after it."""

    folder: str
    path: str
    origin: str
    synced: bool


def _server_id(item: ServerTrashItem) -> str:
    return f"server:{item.trash_id}"


class ServiceDeletedFiles(ServiceCore):
    """``SyncService``'s deleted-files commands (plain data in and out)."""

    @property
    def trash_records(self) -> TrashRecords:
        return TrashRecords(self.locations.state_dir)

    def deleted_files(self, name: str | None = None) -> DeletedFiles:
        """Folder ``name``'s deleted items: the server's trash (where it has one and can
        be reached) and what cozysync sent to this computer's trash, newest first."""
        folder = self.folder(name)
        items = [self._local_item(folder, r) for r in self._local_records(folder)]
        state, problem = SERVER_LISTED, None
        try:
            with closing(self._remote_for(folder)) as remote:
                trash = remote.features.server_trash
                if trash is None:
                    state = SERVER_NO_TRASH
                else:
                    items += [self._server_item(folder, i) for i in trash.trashed_items()]
        except OfflineError as exc:
            state, problem = SERVER_OFFLINE, exc.title
        except CozySyncError as exc:
            state, problem = SERVER_FAILED, exc.title
        items.sort(key=lambda i: i.deleted_at or 0.0, reverse=True)
        return DeletedFiles(folder.name, tuple(items), state, problem)

    def undelete(
        self, path_or_id: str, name: str | None = None, *, to: str | None = None,
        sync: bool = True,
    ) -> Undeleted:  # fmt: skip
        """Put a deleted item back: ``path_or_id`` is an ``item_id`` of the list, or the
        path it had (the server's newest such item, else this computer's).  ``to``: a
        folder (inside the synced one) to put it in, when its place is taken.  Never
        over an existing item (``PlaceTakenError``).  Then, with ``sync``, one pass (when
        no other cozysync serves the folder), which brings it down or sends it up."""
        folder = self.folder(name)
        if path_or_id.startswith("local:"):  # this computer's: the server is not asked
            local = tuple(self._local_item(folder, r) for r in self._local_records(folder))
            listing = DeletedFiles(folder.name, local, SERVER_NOT_ASKED)
        else:
            listing = self.deleted_files(folder.name)
        item = self._find(folder, listing, path_or_id)
        target = self._target_folder(folder, to)
        if item.origin == ORIGIN_SERVER:
            path = self._undelete_on_server(folder, item, target)
        else:
            path = self._undelete_here(folder, item, target)
        log.info("%s: a deleted item was put back (%s)", folder.name, item.origin)
        offline = listing.server_trash == SERVER_OFFLINE  # the pass would find it so too
        synced = sync and not offline and self._pass_after(folder)
        return Undeleted(folder.name, path, item.origin, synced)

    def folder_of_path(self, path: str) -> str | None:
        """The linked folder ``path`` (absolute, or from the current folder) is in, by
        name; None when it is in none (then the only linked folder is meant)."""
        given = Path(path).expanduser()
        absolute = Path(os.path.normpath(given if given.is_absolute() else Path.cwd() / given))
        for folder in self.list_folders():
            root = folder.local_path
            if absolute == root or root in absolute.parents:
                return folder.name
        return None

    # --- listing ------------------------------------------------------------------------

    def _local_records(self, folder: FolderConfig) -> list[TrashRecord]:
        """The records whose item is still in the OS trash (the others are forgotten:
        the trash was emptied, or the item put back by hand)."""
        records = self.trash_records.read(folder.folder_id)
        gone = {r.record_id for r in records if r.trash_path and not r.is_still_there()}
        if gone:
            with suppress(OSError):
                self.trash_records.remove(folder.folder_id, gone)
        return [r for r in records if r.record_id not in gone]

    @staticmethod
    def _local_item(folder: FolderConfig, record: TrashRecord) -> DeletedItem:
        return DeletedItem(
            item_id=f"local:{record.record_id}", folder=folder.name, path=record.path,
            is_dir=record.is_dir, size=record.size, deleted_at=record.trashed_at,
            origin=ORIGIN_LOCAL, place_taken=_taken(folder, record.path),
        )  # fmt: skip

    @staticmethod
    def _server_item(folder: FolderConfig, item: ServerTrashItem) -> DeletedItem:
        return DeletedItem(
            item_id=_server_id(item), folder=folder.name, path=item.path, is_dir=item.is_dir,
            size=item.size, deleted_at=item.deleted_at, origin=ORIGIN_SERVER,
            deleted_by=item.deleted_by, place_taken=_taken(folder, item.path),
        )  # fmt: skip

    def _find(self, folder: FolderConfig, listing: DeletedFiles, wanted: str) -> DeletedItem:
        for item in listing.items:
            if item.item_id == wanted:
                return item
        rel = relative_to_root(wanted, folder.local_path)
        # by its path: the server's copy first (restored there, it keeps its id and old
        # versions), else this computer's; the newest of each
        same = [i for i in listing.items if i.path == rel]
        for item in sorted(same, key=lambda i: i.origin != ORIGIN_SERVER):
            return item
        if listing.server_trash == SERVER_OFFLINE and not wanted.startswith("local:"):
            raise TrashOfflineError(
                f"{wanted!r} is not in this computer's trash, and the server cannot be "
                "reached to look in its trash",
                "Try again once online; nothing was changed.",
            )
        raise NotDeletedError(
            f"{wanted!r} is not among the deleted files of {folder.name!r}",
            f"See them with: cozysync trash {folder.name}",
            path=rel,
        )

    def _target_folder(self, folder: FolderConfig, to: str | None) -> str | None:
        if to is None:
            return None
        rel = relative_to_root(to, folder.local_path)
        rel = "" if rel in (".", "") else rel
        if rel == ".." or rel.startswith("../") or Path(rel).is_absolute():
            raise NoSuchFolderError(f"{to!r} is not a folder inside {folder.name!r}")
        return rel

    # --- restoring ----------------------------------------------------------------------

    def _undelete_on_server(self, folder: FolderConfig, item: DeletedItem, to: str | None) -> str:
        with closing(self._remote_for(folder)) as remote:
            trash = _trash_of(remote)
            wanted = _place(item.path, to)
            if to:
                there = remote.stat(to)
                if there is None or not there.is_dir:
                    raise NoSuchFolderError(f"there is no folder {to!r} on the server")
            if remote.stat(wanted) is not None:
                raise _taken_error(wanted, to)
            server_item = ServerTrashItem(
                item.item_id.removeprefix("server:"), item.path, item.is_dir
            )
            return trash.restore(server_item, to)

    def _undelete_here(self, folder: FolderConfig, item: DeletedItem, to: str | None) -> str:
        record_id = item.item_id.removeprefix("local:")
        record = next(
            (r for r in self.trash_records.read(folder.folder_id) if r.record_id == record_id),
            None,
        )
        if record is None or record.trash_path is None:
            raise PutBackError(
                f"where {item.path!r} is in this computer's trash is not known",
                "Put it back from the trash of your computer yourself.",
            )
        wanted = _place(item.path, to)
        destination = folder.local_path / wanted
        if to is not None and not (folder.local_path / to).is_dir():
            raise NoSuchFolderError(f"there is no folder {to!r} in {folder.name!r}")
        if os.path.lexists(destination):
            raise _taken_error(wanted, to)
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)  # deleted since: made again
            self.adapters.move_into_place(Path(record.trash_path), destination)
        except FileExistsError as exc:  # taken meanwhile: nothing overwritten
            raise _taken_error(wanted, to) from exc
        except OSError as exc:
            raise _move_failed(exc, wanted) from exc
        if record.info_path:
            with suppress(OSError):
                os.unlink(record.info_path)  # the OS trash no longer lists it
        self.trash_records.remove(folder.folder_id, {record.record_id})
        return wanted

    def _pass_after(self, folder: FolderConfig) -> bool:
        """One pass, so that the item goes up or comes down now; False when another
        cozysync serves the folder (it does it) or the pass could not run."""
        loop = self._loops.get(folder.name)
        if loop is not None:
            loop.sync_soon()
            return False
        try:
            with self._session(folder, None) as session:
                session.sync()
        except AlreadyRunningError:
            return False
        except CozySyncError as exc:  # put back all the same: the next pass does it
            log.warning("%s: the pass after a put-back failed: %s", folder.name, exc.title)
            return False
        return True


def _trash_of(remote: Remote) -> ServerTrash:
    trash = remote.features.server_trash
    if trash is None:
        raise NoServerTrashError(
            "this server has no trash cozysync can read",
            "Only what cozysync sent to this computer's trash can be put back here.",
        )
    return trash


def _place(path: str, to: str | None) -> str:
    if to is None:
        return path
    return f"{to}/{name_of(path)}" if to else name_of(path)


def _taken(folder: FolderConfig, path: str) -> bool:
    return os.path.lexists(folder.local_path / path)


def _taken_error(wanted: str, to: str | None) -> PlaceTakenError:
    where = "another folder" if to is None else "another folder than " + repr(to)
    return PlaceTakenError(
        f"something is already at {wanted!r}: nothing was overwritten",
        f"Put it back in {where} with --to DIR, or move what is there first.",
        path=wanted,
    )


def _move_failed(exc: OSError, wanted: str) -> PutBackError:
    if exc.errno == errno.EXDEV:
        return PutBackError(
            f"{wanted!r} is in a trash on another disk and cannot be moved back in one step",
            "Put it back from the trash of your computer yourself.",
            path=wanted,
        )
    return PutBackError(
        f"{wanted!r} could not be put back ({exc.strerror})",
        "It is still in the trash of your computer.",
        path=wanted,
    )
