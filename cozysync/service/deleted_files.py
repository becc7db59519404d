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

Offline, the server's trash cannot be listed: the listing says so and shows this
computer's items.  An undelete of a server item (by its id from an earlier listing, or by
a path this computer's trash has no copy of) is *queued* and done by the folder's next
pass that reaches the server (``service/trash_restores.py``), nothing changed before.  A
server without a trash cozysync can read (plain WebDAV) lists this computer's items only,
with a note.

A Cozy puts an item back in another folder in two steps (restore, then move: the stack's
``POST /files/trash/:id`` takes no destination); when this process serves the folder (the
app), both run on the folder's loop thread between two passes, so that no pass brings
down the item at its first place in between.
"""

from __future__ import annotations

import errno
import logging
import os
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.errors import (
    AlreadyRunningError,
    CozySyncError,
    OfflineError,
    SyncError,
)
from cozysync.messages import MessageId
from cozysync.models import ServerTrashItem
from cozysync.phrases import phrase
from cozysync.service.conflicts import relative_to_root
from cozysync.service.core import ServiceCore
from cozysync.service.trash_restores import (
    NoServerTrashError,
    NoSuchFolderError,
    NotDeletedError,
    PlaceTakenError,
    place_of,
    queue_undelete,
    taken_error,
    undelete_on_server,
)
from cozysync.service.watch_loop import WatchLoop
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

# messages whose title says why a whole server cannot be read
SERVER_WIDE = frozenset({
    "error.auth", "error.protocol", "error.offline",
    "error.certificate_untrusted", "error.client_certificate", "error.captive_portal",
    "error.proxy_login", "error.proxy_pac",
})  # fmt: skip

# why the server's trash is not in a listing (plain strings: they cross into --json)
SERVER_LISTED = "listed"
SERVER_NO_TRASH = "no-trash"
SERVER_OFFLINE = "offline"
SERVER_FAILED = "failed"
SERVER_NOT_ASKED = "not-asked"


class TrashOfflineError(OfflineError):
    """The server's trash cannot be reached (no longer raised by ``undelete``, which
    queues; kept for callers that name it)."""

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
    # its message id when that message says why a whole server cannot be read (a login
    # refused, a certificate...: SERVER_WIDE), for the user's language; None for the
    # others, which speak of one item ("The server had a problem with it")
    problem_id: str | None = None


@dataclass(frozen=True, slots=True)
class Undeleted:
    """What ``undelete`` did: the item is back at ``path`` (on the server for a server
    item, in the folder for this computer's); ``synced``: a pass ran after it;
    ``queued``: offline, a server item waits for the next pass that reaches the server
    (``path``: the path or id asked)."""

    folder: str
    path: str
    origin: str
    synced: bool
    queued: bool = False


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
        state, problem, problem_id = SERVER_LISTED, None, None
        try:
            with closing(self._remote_for(folder)) as remote:
                trash = remote.features.server_trash
                if trash is None:
                    state = SERVER_NO_TRASH
                else:
                    items += [self._server_item(folder, i) for i in trash.trashed_items()]
        except OfflineError as exc:
            state, problem, problem_id = SERVER_OFFLINE, exc.title, _server_wide(exc)
        except CozySyncError as exc:
            state, problem, problem_id = SERVER_FAILED, exc.title, _server_wide(exc)
        items.sort(key=lambda i: i.deleted_at or 0.0, reverse=True)
        return DeletedFiles(folder.name, tuple(items), state, problem, problem_id)

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
        if item is None:  # offline: asked of the server's trash by the next pass online
            return self._queue(folder, path_or_id, target)
        if item.origin == ORIGIN_SERVER:
            try:
                path = self._undelete_on_server(folder, item, target)
            except OfflineError:  # lost since the listing: the same, queued
                return self._queue(folder, item.item_id, target, item.path)
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

    def _queue(
        self, folder: FolderConfig, wanted: str, to: str | None, path: str | None = None
    ) -> Undeleted:
        trash_id = wanted.removeprefix("server:") if wanted.startswith("server:") else None
        rel = path or (wanted if trash_id else relative_to_root(wanted, folder.local_path))
        if (path or not trash_id) and _taken(folder, place_of(rel, to)):
            raise taken_error(place_of(rel, to), to)  # taken here already: never queued
        queue_undelete(self.locations, folder, rel, trash_id, to)
        log.info("%s: offline, a put-back from the server's trash is queued", folder.name)
        return Undeleted(folder.name, rel, ORIGIN_SERVER, synced=False, queued=True)

    def _find(self, folder: FolderConfig, listing: DeletedFiles, wanted: str) -> DeletedItem | None:
        """The item asked for; None when it may be in the server's trash, which cannot be
        read now (offline)."""
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
            return None
        raise NotDeletedError(
            phrase(
                "{wanted!r} is not among the deleted files of {name!r}",
                wanted=wanted,
                name=folder.name,
            ),
            phrase("See them with: cozysync trash {name}", name=folder.name),
            path=rel,
        )

    def _target_folder(self, folder: FolderConfig, to: str | None) -> str | None:
        if to is None:
            return None
        rel = relative_to_root(to, folder.local_path)
        rel = "" if rel in (".", "") else rel
        if rel == ".." or rel.startswith("../") or Path(rel).is_absolute():
            raise NoSuchFolderError(
                phrase("{to!r} is not a folder inside {name!r}", to=to, name=folder.name)
            )
        return rel

    # --- restoring ----------------------------------------------------------------------

    def _undelete_on_server(self, folder: FolderConfig, item: DeletedItem, to: str | None) -> str:
        server_item = ServerTrashItem(item.item_id.removeprefix("server:"), item.path, item.is_dir)

        def put_back() -> str:
            with closing(self._remote_for(folder)) as remote:
                return undelete_on_server(remote, server_item, to)

        loop = self._loops.get(folder.name)
        if loop is None:
            return put_back()
        return _between_passes(loop, put_back)  # no pass between a restore and its move

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
        wanted = place_of(item.path, to)
        destination = folder.local_path / wanted
        if to is not None and not (folder.local_path / to).is_dir():
            raise NoSuchFolderError(
                phrase("there is no folder {to!r} in {name!r}", to=to, name=folder.name)
            )
        if os.path.lexists(destination):
            raise taken_error(wanted, to)
        try:
            destination.parent.mkdir(parents=True, exist_ok=True)  # deleted since: made again
            self.adapters.move_into_place(Path(record.trash_path), destination)
        except FileExistsError as exc:  # taken meanwhile: nothing overwritten
            raise taken_error(wanted, to) from exc
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


def _server_wide(exc: CozySyncError) -> str | None:
    said = str(exc.message_id)
    return said if said in SERVER_WIDE else None


def _between_passes(loop: WatchLoop, call: Callable[[], str]) -> str:
    """``call()`` on the folder's loop thread, between two passes (``call_soon``), its
    result or error here; run here when the loop ends before it took it."""
    future: Future[str] = Future()

    def run() -> None:
        if future.set_running_or_notify_cancel():
            try:
                future.set_result(call())
            except BaseException as exc:  # handed to the caller as is
                future.set_exception(exc)

    loop.call_soon(run)
    while True:
        try:
            return future.result(timeout=1.0)
        except FutureTimeout:
            if loop.stop.is_set() and future.cancel():  # never taken: the loop is gone
                return call()


def _taken(folder: FolderConfig, path: str) -> bool:
    return os.path.lexists(folder.local_path / path)


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
