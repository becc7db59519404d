"""``cozysync trash [NAME] [--json]``: a folder's deleted files, the server's trash and
what cozysync sent to this computer's trash, newest first; ``cozysync undelete PATH
[--to DIR]``: put one back (issue 18, item 2).  Never over an existing item."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:
    from cozysync.api import DeletedFiles, DeletedItem, Undeleted
    from cozysync.config import Locations

__all__ = ["add_trash_commands", "cmd_trash", "cmd_undelete", "print_deleted"]

TRASH_HELP = (
    "list a folder's deleted files: the server's trash and what cozysync sent to this "
    "computer's trash"
)
UNDELETE_HELP = "put a deleted file or folder back where it was (never over another)"


def add_trash_commands(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("trash", help=TRASH_HELP, description=TRASH_HELP)
    p.set_defaults(handler=cmd_trash)
    add_folder_name(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = sub.add_parser("undelete", help=UNDELETE_HELP, description=UNDELETE_HELP)
    p.set_defaults(handler=cmd_undelete)
    add_folder_name(p)  # undelete [NAME] PATH, as resolve
    p.add_argument(
        "path", metavar="PATH",
        help="the path it had (as 'cozysync trash' shows it, or its full path), or its id",
    )  # fmt: skip
    p.add_argument(
        "--to", metavar="DIR",
        help="put it in this folder (inside the synced one) when its place is taken",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_trash(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import print_json

    listing = SyncService(locations).deleted_files(args.name)
    if args.json:
        print_json([listing])
    else:
        print_deleted(listing)
    return EXIT_OK


def cmd_undelete(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OFFLINE, EXIT_OK
    from cozysync.cli.output import print_json

    service = SyncService(locations)
    done = service.undelete(args.path, args.name or service.folder_of_path(args.path), to=args.to)
    if args.json:
        print_json([done])
    else:
        sys.stdout.write(undeleted_words(done) + "\n")
    return EXIT_OFFLINE if done.queued else EXIT_OK  # queued: as restore-version offline


def _fill(text: str, *values: str) -> str:
    """``text`` (translated) with ``%1``, ``%2``... replaced by ``values``."""
    for number, value in enumerate(values, start=1):
        text = text.replace(f"%{number}", value)
    return text


def origin_words(item: DeletedItem) -> str:
    from cozysync.i18n import translate
    from cozysync.service.deleted_files import ORIGIN_SERVER

    if item.origin == ORIGIN_SERVER:
        if item.deleted_by:
            return _fill(translate("CLI", "in the server's trash (deleted by %1)"), item.deleted_by)
        return translate("CLI", "in the server's trash")
    return translate("CLI", "this computer (sent to its trash by cozysync)")


def note_words(listing: DeletedFiles) -> str | None:
    """What the listing leaves out, and why (None: nothing)."""
    from cozysync.i18n import translate
    from cozysync.service.deleted_files import SERVER_FAILED, SERVER_NO_TRASH, SERVER_OFFLINE

    if listing.server_trash == SERVER_NO_TRASH:
        return translate(
            "CLI",
            "This server has no trash cozysync can read: only what cozysync sent to this "
            "computer's trash is listed.",
        )
    if listing.server_trash == SERVER_OFFLINE:
        return translate(
            "CLI",
            "The server cannot be reached: only what cozysync sent to this computer's "
            "trash is listed.",
        )
    if listing.server_trash == SERVER_FAILED:
        said = translate(
            "CLI",
            "The server's trash could not be read (%1): only what cozysync sent to this "
            "computer's trash is listed.",
        )
        return _fill(said, problem_words(listing))
    return None


def problem_words(listing: DeletedFiles) -> str:
    """Why the server's trash could not be read, in the user's language: the title of its
    message when it says why a whole server cannot be read (``problem_id``), else "the
    server answered with an error"."""
    from cozysync.cli.words import message_words
    from cozysync.i18n import translate
    from cozysync.messages import message

    if listing.problem_id is not None:
        return message_words(message(listing.problem_id), listing.problem or "", "").title
    return translate("CLI", "the server answered with an error")


def print_deleted(listing: DeletedFiles, out: TextIO | None = None) -> None:
    """One line per item: "2026-12-08 14:32  Cours/a.txt  in the server's trash"."""
    from cozysync.cli.output import safe
    from cozysync.i18n import translate

    out = sys.stdout if out is None else out  # read now: a test may have replaced it
    if not listing.items:
        out.write(_fill(translate("CLI", "No deleted file of %1 to put back."), listing.folder))
    else:
        out.write(_fill(translate("CLI", "Deleted files of %1, newest first:"), listing.folder))
    out.write("\n")
    taken = translate("CLI", "(its place is taken: use --to DIR)")
    for item in listing.items:
        when = "?" if item.deleted_at is None else _when(item.deleted_at)
        name = item.path + ("/" if item.is_dir else "")
        tail = f"  {taken}" if item.place_taken else ""
        out.write(safe(f"  {when}  {name}  {origin_words(item)}{tail}") + "\n")
    note = note_words(listing)
    if note:
        out.write(note + "\n")
    if listing.items:
        out.write(translate("CLI", "Put one back with: cozysync undelete PATH") + "\n")


def undeleted_words(done: Undeleted) -> str:
    from cozysync.cli.output import safe
    from cozysync.i18n import translate
    from cozysync.service.deleted_files import ORIGIN_SERVER

    if done.queued:
        said = translate(
            "CLI",
            "Offline: putting back '%1' is kept and will be done as soon as the server can "
            "be reached (the next sync). Nothing was changed yet.",
        )
    elif done.origin == ORIGIN_SERVER and done.synced:
        said = translate("CLI", "'%1' is back on the server and in the folder.")
    elif done.origin == ORIGIN_SERVER:
        said = translate("CLI", "'%1' is back on the server: the next sync brings it down.")
    elif done.synced:
        said = translate("CLI", "'%1' is back in the folder and on the server.")
    else:
        said = translate("CLI", "'%1' is back in the folder: the next sync sends it up.")
    return safe(_fill(said, done.path))


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))
