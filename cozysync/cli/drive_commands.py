"""The CLI's ``drives``: the shared drives (class and team spaces) of the Cozy a folder
is linked to; ``--add DRIVE --to DIR`` syncs one in a folder of its own (with the Cozy
folder's login), ``--remove DRIVE`` stops syncing it (its files here are kept)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:
    from cozysync.config import Locations
    from cozysync.shared_drives import SharedDrive

__all__ = ["add_drive_command", "drive_line"]


def add_drive_command(sub: Any) -> None:
    help_text = (
        "list the shared drives (class and team spaces) of your Cozy, sync one in a "
        "folder of this computer (--add DRIVE --to DIR) or stop syncing it (--remove DRIVE)"
    )
    p: argparse.ArgumentParser = sub.add_parser("drives", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_drives)
    add_folder_name(p, "the linked Cozy folder (needed when several are linked)")
    action = p.add_mutually_exclusive_group()
    action.add_argument("--add", metavar="DRIVE", help="sync this drive (its name or id)")
    action.add_argument(
        "--remove", metavar="DRIVE", help="stop syncing this drive (its files here are kept)"
    )
    p.add_argument("--to", metavar="DIR", help="--add: the folder of this computer to sync it in")
    p.add_argument("--as", dest="as_name", metavar="NAME", help="--add: the new folder's name")
    p.add_argument("--json", action="store_true", help="the drives as JSON")


def drive_line(drive: SharedDrive) -> str:
    """One drive in the CLI's words."""
    from cozysync.cli.words import translate

    if drive.owned:
        rights = translate("CLI", "yours")
    elif drive.read_only:
        rights = translate("CLI", "read-only")
    else:
        rights = translate("CLI", "can edit")
    line = (
        translate("CLI", "'%1' (shared by %2, %3)  id: %4")
        .replace("%1", drive.name)
        .replace("%2", drive.owner)
        .replace("%3", rights)
        .replace("%4", drive.drive_id)
    )
    if drive.linked_as is not None:
        line += "\n" + translate("CLI", "  synced as the folder '%1'").replace(
            "%1", drive.linked_as
        )
    elif not drive.is_folder:
        line += "\n" + translate("CLI", "  a single file: open it in your Cozy's Drive")
    return line


def cmd_drives(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import print_json, safe
    from cozysync.cli.words import translate
    from cozysync.errors import ConfigError

    service = SyncService(locations)
    if args.add is not None:
        if args.to is None:
            raise ConfigError(
                translate("CLI", "--add needs the folder to sync the drive in"),
                translate(
                    "CLI",
                    "Give it with --to DIR, like: cozysync drives --add DRIVE --to ~/Drives/DRIVE",
                ),
            )
        return _add(service, args)
    if args.to is not None or args.as_name is not None:
        raise ConfigError(
            translate("CLI", "--to and --as go with --add DRIVE"),
            translate("CLI", "See: cozysync drives --help"),
        )
    if args.remove is not None:
        result = service.remove_drive(args.remove)
        said = translate("CLI", "The shared drive '%1' is no longer synced; its files stay here.")
        print(safe(said.replace("%1", result.name)))
        for warning in result.warnings:
            print(safe(f"warning: {warning}"))
        return EXIT_OK
    drives = service.shared_drives(args.name)
    if args.json:
        print_json(drives)
        return EXIT_OK
    if not drives:
        print(translate("CLI", "Your Cozy shares no drive with you."))
    for drive in drives:
        for line in drive_line(drive).splitlines():
            print(safe(line))
    return EXIT_OK


def _add(service: Any, args: argparse.Namespace) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import safe
    from cozysync.cli.words import translate

    folder = service.add_drive(args.add, args.to, cozy=args.name, name=args.as_name)
    said = translate("CLI", "The shared drive will be synced in %1, as the folder '%2'.")
    print(safe(said.replace("%1", folder.local_root).replace("%2", folder.name)))
    hint = translate("CLI", "Sync it with: cozysync sync --once %1").replace(
        "%1", _quoted(folder.name)
    )
    print(safe(hint))
    return EXIT_OK


def _quoted(name: str) -> str:
    import shlex

    return shlex.quote(name)
