"""The CLI's ``pause`` and ``resume``: a pause is saved, so it holds for every process
(``cozysync run``, the tray, ``sync --once``) and across restarts until ``resume`` or
its end."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:
    from cozysync.config import Locations

__all__ = ["add_pause_commands", "parse_duration"]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)([smhd])")


def parse_duration(text: str) -> float:
    """ "1h", "30m", "1h30m", "45s", "2d" (a plain number is seconds) → seconds."""
    spec = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", spec):
        seconds = float(spec)
    elif spec and _PART.sub("", spec) == "":
        seconds = sum(float(n) * _UNITS[unit] for n, unit in _PART.findall(spec))
    else:
        seconds = 0.0
    if seconds <= 0:
        from cozysync.i18n import translate  # said now: argparse prints it as it is
        from cozysync.phrases import phrase, translated

        said = phrase(
            "{text!r} is not a duration: give e.g. 30m, 1h, 1h30m, 2d or seconds", text=text
        )
        raise argparse.ArgumentTypeError(translated(said, translate))
    return seconds


def add_pause_commands(sub: Any) -> None:
    help_text = (
        "pause syncing of one folder (NAME) or of all, until cozysync resume or for a "
        "while (--for 1h); saved: it holds for every cozysync, also after a restart"
    )
    p: argparse.ArgumentParser = sub.add_parser("pause", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_pause)
    add_folder_name(p, "the linked folder (default: all)")
    p.add_argument(
        "--for", dest="for_s", type=parse_duration, metavar="DURATION",
        help="end the pause by itself after this long: 30m, 1h, 1h30m, 2d",
    )  # fmt: skip
    help_text = "lift a pause: of one folder (NAME), or every pause (no NAME)"
    p = sub.add_parser("resume", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_resume)
    add_folder_name(p, "the linked folder (default: all)")


def cmd_pause(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output
    from cozysync.cli.done_words import pause_words
    from cozysync.cli.exitcodes import EXIT_OK

    service = SyncService(locations)
    service.pause(args.name, for_s=args.for_s)
    names = [args.name] if args.name is not None else [f.name for f in service.list_folders()]
    for name in names:
        print(output.safe(f"{name}: {pause_words(service.paused_until(name))}"))
    return EXIT_OK


def cmd_resume(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output
    from cozysync.cli.done_words import (
        lift_every_pause_words,
        resumed_words,
        still_paused_words,
    )
    from cozysync.cli.exitcodes import EXIT_OK

    service = SyncService(locations)
    if args.name is not None:
        service.folder(args.name)  # a clear error for an unknown name
    service.resume(args.name)
    names = [args.name] if args.name is not None else [f.name for f in service.list_folders()]
    for name in names:
        until = service.paused_until(name)
        if until is None:
            print(output.safe(resumed_words(name)))
        else:  # its own pause is lifted, but all folders are still paused
            print(output.safe(still_paused_words(name, until)))
            print(lift_every_pause_words())
    return EXIT_OK
