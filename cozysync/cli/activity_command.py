"""``cozysync activity [NAME] [--json] [--limit N]``: what was synced lately, newest
first, kept across restarts (``cozysync.activity``): when, in which folder, the item,
what was done."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:
    from cozysync.api import ActivityEntry
    from cozysync.config import Locations

__all__ = ["add_activity_command", "cmd_activity", "print_activity"]

HELP = "show what was synced lately (newest first), in one linked folder or in all"
DEFAULT_LIMIT = 50


def add_activity_command(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("activity", help=HELP, description=HELP)
    parser.set_defaults(handler=cmd_activity)
    add_folder_name(parser, "the linked folder (default: every linked folder)")
    parser.add_argument(
        "--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
        help=f"show at most N items (default {DEFAULT_LIMIT})",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_activity(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import print_json

    entries = SyncService(locations).recent_activity(args.limit, args.name)
    if args.json:
        print_json(entries)
    else:
        print_activity(entries)
    return EXIT_OK


def print_activity(entries: list[ActivityEntry], out: TextIO = sys.stdout) -> None:
    """One line per item: "2026-12-07 14:32  docs  Cours/a.txt: uploaded"."""
    from cozysync.cli.output import safe
    from cozysync.events import ItemSynced

    if not entries:
        out.write("Nothing synced yet.\n")
    for entry in entries:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(entry.at))
        what = ItemSynced.of(entry.path, entry.action, entry.related_path).what
        out.write(safe(f"{when}  {entry.folder}  {entry.path}: {what}\n"))


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        from cozysync.i18n import translate  # said now: argparse prints it as it is
        from cozysync.phrases import phrase, translated

        said = phrase("{text!r} is not a number of items (1 or more)", text=text)
        raise argparse.ArgumentTypeError(translated(said, translate))
    return value
