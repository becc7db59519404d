"""The CLI's commands for settings: ``folders`` (selective sync: which top-level server
folders a pair keeps on this computer) and ``bandwidth`` (the app's upload and download
limits).  Each calls ``SyncService`` and prints."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cozysync.cli.folder_name import add_folder_name
from cozysync.cli.parser import closest
from cozysync.phrases import phrase

if TYPE_CHECKING:  # imported when a command runs
    from cozysync.api import RemoteFolder, SyncService
    from cozysync.config import FolderConfig, Locations

__all__ = ["add_settings_commands"]


def add_settings_commands(sub: Any) -> None:
    help_text = (
        "list the server's top-level folders and whether each is kept on this computer; "
        "--exclude/--include choose (an excluded folder is never downloaded and never "
        "deleted on the server; its copy here goes to the trash only if fully synced)"
    )
    p: argparse.ArgumentParser = sub.add_parser("folders", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_folders)
    add_folder_name(p)
    p.add_argument(
        "--exclude", action="append", default=[], metavar="FOLDER",
        help="do not keep this top-level folder on this computer (repeat for more); it "
        "must be on the server or here, spelled as 'cozysync folders' lists it",
    )  # fmt: skip
    p.add_argument(
        "--include", action="append", default=[], metavar="FOLDER",
        help="keep this top-level folder on this computer again (repeat for more), "
        "spelled as 'cozysync folders' lists it",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="machine-readable output")
    help_text = (
        "show or set the bandwidth limits in KiB/s, for all transfers of all folders (0: no limit)"
    )
    p = sub.add_parser("bandwidth", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_bandwidth)
    p.add_argument("--up", type=_kib, metavar="KIB_S", help="upload limit (0: none)")
    p.add_argument("--down", type=_kib, metavar="KIB_S", help="download limit (0: none)")


def _kib(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        from cozysync.i18n import translate  # said now: argparse prints it as it is
        from cozysync.phrases import translated

        said = phrase("{text!r} is not a whole number of KiB/s (0: no limit)", text=text)
        raise argparse.ArgumentTypeError(translated(said, translate))
    return value


def cmd_bandwidth(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK

    service = SyncService(locations)
    settings = service.app_settings()
    if args.up is not None or args.down is not None:
        up = settings.upload_limit_kib if args.up is None else args.up
        down = settings.download_limit_kib if args.down is None else args.down
        settings = service.set_bandwidth_limits(up_kib=up, down_kib=down)
    for label, value in (("upload", settings.upload_limit_kib),
                         ("download", settings.download_limit_kib)):  # fmt: skip
        print(f"{label}: " + (f"{value} KiB/s" if value else "no limit"))
    return EXIT_OK


def cmd_folders(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output
    from cozysync.cli.exitcodes import EXIT_OK

    service = SyncService(locations)
    name = service.folder(args.name).name
    if args.exclude or args.include:  # before anything is saved: a typo changes nothing
        _check_exists(service, service.folder(name), [*args.exclude, *args.include])
    if args.include:
        service.include_folders(name, args.include)
    if args.exclude:
        folder = service.exclude_folders(name, args.exclude)
        print(output.safe(f"{name}: excluded {', '.join(folder.excluded_folders)}"))
        print("The next sync leaves them on the server; a copy here that is fully synced")
        print("goes to the trash, one holding changes not synced is left as it is.")
    if (args.include or args.exclude) and not args.json:
        return EXIT_OK
    folders = service.remote_folders(name)
    if args.json:
        output.print_json(folders)
    else:
        _print_folders(name, folders)
    return EXIT_OK


def _check_exists(service: SyncService, folder: FolderConfig, wanted: list[str]) -> None:
    """Each folder to exclude or include is a top-level folder on the server or here (or
    an excluded one); else a ConfigError naming the right spelling (``Photos`` for
    ``photos``), and nothing is changed.
    Offline, a name found here is enough; another raises the OfflineError (exit 3)."""
    from cozysync.errors import ConfigError, OfflineError
    from cozysync.paths import path_key
    from cozysync.service.selection import check_folder_names

    names = check_folder_names(wanted)  # a trailing '/' dropped; 'a/b' refused
    here = {path_key(p.name): p.name for p in _subfolders(folder.local_path)}
    known = {**here, **{path_key(n): n for n in folder.excluded_folders}}
    try:
        on_server = service.remote_folders(folder.name)
    except OfflineError:
        if all(n in known for n in names):
            return
        raise
    known.update({path_key(f.name): f.name for f in on_server})
    for name in names:
        if name not in known:
            raise ConfigError(
                phrase(
                    "there is no folder named {name!r} at the top of {pair!r}, neither on "
                    "the server nor on this computer, so nothing was changed",
                    name=name,
                    pair=folder.name,
                ),
                _spelling_hint(name, list(known.values()), folder.name),
            )


def _spelling_hint(name: str, known: list[str], pair: str) -> str:
    best = closest(name, known)
    if best is not None and best.casefold() == name.casefold():
        return phrase(
            "Did you mean {name!r}? Upper and lower case count in folder names.", name=best
        )
    maybe = phrase("Did you mean {name!r}? ", name=best) if best is not None else ""
    return phrase("{maybe}See the folders with: cozysync folders {pair}", maybe=maybe, pair=pair)


def _subfolders(root: Path) -> list[Path]:
    try:
        return [p for p in root.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return []  # a missing folder: the server's list decides


def _print_folders(name: str, folders: list[RemoteFolder]) -> None:
    from cozysync.cli import output

    if not folders:
        print(output.safe(f"{name}: the server folder has no folders at its top level."))
    for folder in folders:
        mark = "-" if folder.excluded else "+"
        print(output.safe(f"{mark} {folder.name}: {folder.state}"))
