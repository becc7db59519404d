"""Putting an item of the server's trash back, now or, offline, later (issue 18, item 2;
the facade's part is ``service/deleted_files.py``).

The undelete itself is a change made *on the server* (``undelete_on_server``, by the
server's own rules: a Cozy makes a deleted parent again); the next pass brings it down.
Never over an existing item: a place taken on the server, or here, is refused.

Offline, the server's trash cannot be read: an undelete of an item of it (by its id from
an earlier listing, or by the path it had when this computer's trash has no copy) is
*queued* (``queue_undelete``) among the server-side requests waiting for the connection
(``service/waiting_requests.py``, shared with restores of old versions) and done by the
folder's next pass that reaches the server (``do_queued_undelete``): the item is then
looked for in the trash (by id, else the newest with that path), and put back if its place
is still free.  One no longer there, or whose place was taken meanwhile, is told and
dropped; nothing is ever overwritten.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from cozysync.config import FolderConfig, Locations
from cozysync.errors import ConfigError
from cozysync.messages import MessageId
from cozysync.models import ServerTrashItem
from cozysync.paths import name_of
from cozysync.phrases import phrase
from cozysync.ports import Remote, ServerTrash
from cozysync.service.waiting_requests import queue_request

__all__ = [
    "KIND",
    "NoServerTrashError",
    "NoSuchFolderError",
    "NotDeletedError",
    "PlaceTakenError",
    "do_queued_undelete",
    "place_of",
    "queue_undelete",
    "taken_error",
    "trash_of",
    "undelete_on_server",
]

KIND = "undelete"


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


def trash_of(remote: Remote) -> ServerTrash:
    trash = remote.features.server_trash
    if trash is None:
        raise NoServerTrashError(
            phrase("this server has no trash cozysync can read"),
            phrase("Only what cozysync sent to this computer's trash can be put back here."),
        )
    return trash


def place_of(path: str, to: str | None) -> str:
    """Where an item that was at ``path`` goes back to (``to``: another folder)."""
    if to is None:
        return path
    return f"{to}/{name_of(path)}" if to else name_of(path)


def taken_error(wanted: str, to: str | None) -> PlaceTakenError:
    return PlaceTakenError(
        phrase("something is already at {wanted!r}: nothing was overwritten", wanted=wanted),
        phrase("Put it back in another folder with --to DIR, or move what is there first.")
        if to is None
        else phrase(
            "Put it back in another folder than {to!r} with --to DIR, or move what is there first.",
            to=to,
        ),
        path=wanted,
    )


def undelete_on_server(remote: Remote, item: ServerTrashItem, to: str | None) -> str:
    """Put ``item`` back on the server, at its place or in folder ``to``; its path."""
    trash = trash_of(remote)
    wanted = place_of(item.path, to)
    if to:
        there = remote.stat(to)
        if there is None or not there.is_dir:
            raise NoSuchFolderError(phrase("there is no folder {to!r} on the server", to=to))
    if remote.stat(wanted) is not None:
        raise taken_error(wanted, to)
    return trash.restore(item, to)


# --- undeletes asked offline (service/waiting_requests.py keeps them) ----------------------


def queue_undelete(
    locations: Locations, folder: FolderConfig, rel: str, trash_id: str | None, to: str | None
) -> Path:
    """Keep "put back the server's ``trash_id`` (None: its newest item that was at
    ``rel``), in ``to``" for the next pass online."""
    record = {"path": rel, "trash_id": trash_id, "to": to}
    return queue_request(locations, folder, KIND, record)


def do_queued_undelete(remote: Remote, folder: FolderConfig, record: Mapping[str, object]) -> str:
    """One undelete asked offline, done now, with the checks of one asked online, and
    this computer's side looked at too (something made here meanwhile at its place)."""
    rel = str(record["path"])
    trash_id = record.get("trash_id")
    to = record.get("to")
    to = str(to) if isinstance(to, str) else None
    items = trash_of(remote).trashed_items()  # newest first
    if isinstance(trash_id, str) and trash_id:
        found = next((i for i in items if i.trash_id == trash_id), None)
    else:
        found = next((i for i in items if i.path == rel), None)
    if found is None:
        raise NotDeletedError(
            phrase("{rel!r} is no longer in the server's trash: it was not put back", rel=rel),
            phrase("See the deleted files with: cozysync trash {name}", name=folder.name),
            path=rel,
        )
    wanted = place_of(found.path, to)
    if os.path.lexists(folder.local_path / wanted):
        raise taken_error(wanted, to)
    return undelete_on_server(remote, found, to)
