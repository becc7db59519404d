"""The CLI's ``open PATH [--online]`` (issue 17, item 4).

Without ``--online`` a synced file opens on this computer with the desktop's default
application, except the two kinds of file that only a browser opens: a Cozy note
(``.cozy-note``, in the Notes app) and a Cozy shortcut (``.url``, at its address).  This
is also what the desktop runs on a double-click on those (the ``Open`` desktop entry and
the shared-mime-info types in ``cozysync/data``).  ``--online`` opens any synced item on
its server's web app (``SyncService.online_address``).  ``--print-url`` prints the
address instead of opening it, ``--json`` prints what would be opened (for scripts and
tests: neither opens anything)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cozysync.api import OnlineItem
    from cozysync.config import Locations
    from cozysync.online import OpenError

__all__ = ["add_open_command", "open_error_line"]


def add_open_command(sub: Any) -> None:
    help_text = (
        "open a synced file: with its application here, or on the server's web app "
        "(--online: the online editor for office documents, the Notes app for notes, "
        "else the web app at its folder)"
    )
    p: argparse.ArgumentParser = sub.add_parser("open", help=help_text, description=help_text)
    p.set_defaults(handler=cmd_open)
    p.add_argument("path", metavar="PATH", help="the file or folder (in a synced folder)")
    p.add_argument("--online", action="store_true", help="open it on the server's web app")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument(
        "--print-url", action="store_true", help="print the address instead of opening it"
    )
    shown.add_argument("--json", action="store_true", help="what would be opened, as JSON")


def cmd_open(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.desktop_open import is_note, is_shortcut
    from cozysync.online import OpenError

    path = Path(args.path).expanduser()
    try:
        if is_shortcut(path) and not args.online and path.is_file():
            return _open_shortcut(args, path)
        if args.online or is_note(path):
            return _open_online(args, locations, path)
        return _open_here(args, path)
    except OpenError as exc:
        from cozysync.cli.exitcodes import exit_code_for

        print(f"cozysync: {open_error_line(exc)}", file=sys.stderr)
        return exit_code_for(exc)


def _open_online(args: argparse.Namespace, locations: Locations, path: Path) -> int:
    from cozysync.api import SyncService

    item = SyncService(locations).online_address(path)
    if args.json:
        return _print_json(item.folder, item.path, item.url, item.kind.value)
    if args.print_url:
        print(item.url)
        return 0
    print(_opening_line(item))
    return _browse(item.url)


def _open_shortcut(args: argparse.Namespace, path: Path) -> int:
    from cozysync.desktop_open import shortcut_url
    from cozysync.i18n import translate

    url = shortcut_url(path)
    if args.json:
        return _print_json(None, str(path), url, "shortcut")
    if args.print_url:
        print(url)
        return 0
    print(translate("CLI", "Opening the shortcut's address: %1").replace("%1", url))
    return _browse(url)


def _open_here(args: argparse.Namespace, path: Path) -> int:
    from cozysync.cli.output import safe
    from cozysync.desktop_open import open_with_default_app
    from cozysync.i18n import translate

    absolute = path.absolute()
    if args.json:
        return _print_json(None, str(absolute), absolute.as_uri(), "local")
    if args.print_url:
        print(absolute.as_uri())
        return 0
    open_with_default_app(absolute)
    line = translate("CLI", "Opening %1 with its application").replace("%1", repr(str(absolute)))
    print(safe(line))
    return 0


def _browse(url: str) -> int:
    from cozysync.desktop_open import open_in_browser
    from cozysync.i18n import translate

    if not open_in_browser(url):
        print(translate("CLI", "No browser could be started: open this address yourself:"))
        print(f"\n    {url}\n")
    return 0


def _print_json(folder: str | None, path: str, url: str, kind: str) -> int:
    data = {"folder": folder, "path": path, "url": url, "kind": kind}
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _opening_line(item: OnlineItem) -> str:
    from cozysync.cli.output import safe
    from cozysync.i18n import translate
    from cozysync.online import OnlineKind

    where = {
        OnlineKind.EDITOR: translate("CLI", "Opening %1 in the online editor: %2"),
        OnlineKind.NOTE: translate("CLI", "Opening %1 in the Notes app: %2"),
        OnlineKind.FOLDER_VIEW: translate("CLI", "Opening %1 in the web app, in its folder: %2"),
        OnlineKind.FILES_APP: translate("CLI", "Opening %1 in the web app, in its folder: %2"),
    }[item.kind]
    name = repr(item.path or item.folder)
    return safe(where.replace("%1", name).replace("%2", item.url))


def open_error_line(error: OpenError) -> str:
    """Why an item cannot be opened online, in the user's language."""
    from cozysync.cli.output import safe
    from cozysync.i18n import translate
    from cozysync.online import NO_FILE_IDS, NO_WEB_APP, NOT_IN_A_SYNCED_FOLDER

    title, hint = error.said(translate)
    if error.reason == NOT_IN_A_SYNCED_FOLDER:
        title = translate("CLI", "'%1' is not in a synced folder")
        hint = translate("CLI", "See the synced folders with: cozysync list")
    elif error.reason == NO_WEB_APP:
        title = translate(
            "CLI", "'%1' is synced with a server that has no web app cozysync can open"
        )
        hint = translate("CLI", "Open the item from the server's own web page.")
    elif error.reason == NO_FILE_IDS:
        title = translate("CLI", "this server does not tell the ids of its files")
        hint = translate(
            "CLI", "Open it from the server's web page; only Nextcloud and ownCloud tell them."
        )
    filled = title.replace("%1", error.details.get("path") or error.details.get("folder") or "")
    return safe(filled + (f" ({hint})" if hint else ""))
