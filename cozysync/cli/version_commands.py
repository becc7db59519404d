"""The CLI's ``versions PATH`` (the old versions the server keeps of a file) and
``restore-version PATH VERSION [--as-copy]`` (issue 18, item 1).

A restore is made on the server first (the old version becomes the current one there,
or a new file beside it), then a pass brings it down: the engine stays the only writer
of the synced folder.  Offline, it is queued and done by the next pass that reaches the
server.  A plain WebDAV server keeps no versions: said, nothing asked of it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:
    from cozysync.config import Locations
    from cozysync.service.versions import FileVersions, VersionRestore

__all__ = ["add_version_commands", "cmd_restore_version", "cmd_versions"]


def add_version_commands(sub: Any) -> None:
    help_text = "list the old versions the server keeps of a file (a Cozy, a Nextcloud)"
    p: argparse.ArgumentParser = sub.add_parser("versions", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_versions)
    p.add_argument("path", metavar="PATH", help="the file, in a linked folder")
    add_folder_name(p, positional=False)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    help_text = (
        "bring back an old version of a file: it becomes the current one on the server, "
        "then the sync brings it here (--as-copy: a new file beside it instead)"
    )
    p = sub.add_parser("restore-version", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_restore_version)
    p.add_argument("path", metavar="PATH", help="the file, in a linked folder")
    p.add_argument("version", metavar="VERSION", help="the version's id (see: cozysync versions)")
    p.add_argument(
        "--as-copy", action="store_true",
        help="keep the file as it is and put the old version beside it, under a new name",
    )  # fmt: skip
    add_folder_name(p, positional=False)


def _no_versions() -> int:
    from cozysync.cli.exitcodes import EXIT_FAILED
    from cozysync.i18n import translate

    said = translate(
        "CLI",
        "This server keeps no old versions of files: only a Cozy or a Nextcloud does. "
        "Nothing was changed.",
    )
    print(said, file=sys.stderr)
    return EXIT_FAILED


def _when(timestamp: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(timestamp))


def print_versions(found: FileVersions) -> None:
    from cozysync.cli.output import safe, size_words
    from cozysync.i18n import translate

    if not found.versions:
        said = translate("CLI", "The server keeps no old version of %1.")
        print(safe(said.replace("%1", found.path)))
        return
    head = translate("CLI", "Old versions of %1 on the server, newest first:")
    print(safe(head.replace("%1", found.path)))
    unknown = translate("CLI", "unknown")
    for version in found.versions:
        by = translate("CLI", "by %1").replace("%1", version.made_by or unknown)
        size = size_words(version.size)
        line = f"  {_when(version.modified_at)}  {size:>10}  {by}  id: {version.version_id}"
        print(safe(line))
    print(translate("CLI", "Restore one with: cozysync restore-version PATH ID [--as-copy]"))


def cmd_versions(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK

    service = SyncService(locations)
    if not service.keeps_versions(args.name, path=args.path):
        return _no_versions()
    found = service.list_versions(args.path, args.name)
    if args.json:
        print(json.dumps(asdict(found), indent=2, ensure_ascii=False))
    else:
        print_versions(found)
    return EXIT_OK


def _restored_line(done: VersionRestore) -> str:
    from cozysync.i18n import translate

    if done.state == "queued":
        said = translate(
            "CLI",
            "Offline: the restore of %1 is kept and will be done as soon as the server can "
            "be reached (the next sync). Nothing was changed yet.",
        )
    elif done.copy_path is not None:
        said = translate("CLI", "The old version of %1 was put beside it on the server as %2.")
    else:
        said = translate("CLI", "The old version of %1 is now the current one on the server.")
    said = said.replace("%1", done.path).replace("%2", done.copy_path or "")
    if done.state == "on-server":
        said += " " + translate(
            "CLI", "The cozysync already syncing this folder brings it to this computer."
        )
    return said


def cmd_restore_version(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output
    from cozysync.cli.exitcodes import EXIT_OFFLINE, EXIT_OK, exit_code_for_outcome

    service = SyncService(locations)
    if not service.keeps_versions(args.name, path=args.path):
        return _no_versions()
    done = service.restore_version(args.path, args.version, args.name, as_copy=args.as_copy)
    print(output.safe(_restored_line(done)))
    if done.outcome is not None:
        output.print_outcome(done.outcome)
        return exit_code_for_outcome(done.outcome)
    return EXIT_OFFLINE if done.state == "queued" else EXIT_OK
