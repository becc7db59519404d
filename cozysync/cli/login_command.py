"""``cozysync login [NAME]``: sign in again after a password change or a revoked Cozy
login.  Allowed while ``cozysync run`` or the tray serves the folder: the running pair
takes the new login and syncs at once (``service/login.py``)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from cozysync.cli.commands import show_login_url
from cozysync.cli.folder_name import add_folder_name
from cozysync.phrases import phrase

if TYPE_CHECKING:
    from cozysync.config import FolderConfig, Locations
    from cozysync.messages import Message

__all__ = ["add_login_command", "cmd_login", "say_app_password_notice"]

HELP = (
    "sign in again to a linked folder's server (a new password; a Cozy: the browser "
    "login), keeping the folder and what was synced as they are; a running cozysync "
    "takes it at once"
)


def add_login_command(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser("login", help=HELP, description=HELP)
    parser.set_defaults(handler=cmd_login)
    add_folder_name(parser)
    parser.add_argument(
        "--password-stdin", action="store_true",
        help="read the new password from standard input (else asked at the terminal)",
    )  # fmt: skip
    parser.add_argument(
        "--browser", action="store_true",
        help="Nextcloud or ownCloud: sign in through the browser instead (an app password "
        "is made for this computer)",
    )  # fmt: skip
    parser.add_argument(
        "--no-browser", action="store_true",
        help="Cozy, or with --browser: print the login address to open on another device",
    )  # fmt: skip


def cmd_login(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.service.login import needs_password

    service = SyncService(locations)  # NAME or --name: main settles args.name
    folder = service.folder(args.name)
    asks = needs_password(folder) and not args.browser
    password = _read_new_password(folder, args.password_stdin) if asks else None
    printer = show_login_url if not needs_password(folder) else _show_nextcloud_login
    signed_in = service.login(
        folder.name, password, open_browser=not args.no_browser, print_url=printer,
        on_notice=say_app_password_notice,
    )  # fmt: skip
    print(f"Signed in again to {signed_in.remote_url} for {signed_in.name!r}.")
    print(
        "A running cozysync (run, or the tray) syncs it now; "
        "otherwise: cozysync sync. What was synced is kept: nothing is sent again."
    )
    return EXIT_OK


def _read_new_password(folder: FolderConfig, from_stdin: bool) -> str | None:
    from cozysync.errors import ConfigError

    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise ConfigError(
                phrase("no password on standard input"),
                phrase("Pipe it in, ending with a newline."),
            )
        return password
    if folder.user is None:
        return None  # the server asks for none: login_pair says so
    if not sys.stdin.isatty():
        raise ConfigError(
            phrase("no terminal to ask the new password at"),
            phrase("Pipe it in with --password-stdin, or run the command in a terminal."),
        )
    import getpass

    return getpass.getpass(f"New password for {folder.user} at {folder.remote_url}: ") or None


def say_app_password_notice(notice: Message) -> None:
    """What a Nextcloud said of the app password a new login replaced: revoked (stdout),
    or still working there (stderr, with how to revoke it), in the user's language."""
    from cozysync.cli.done_words import unlink_notice_lines

    left = notice.id == "warning.app_password_left"
    for line in unlink_notice_lines(notice):
        print(line, file=sys.stderr if left else sys.stdout)


def _show_nextcloud_login(url: str) -> None:
    print("Open this address in a browser, log in and grant the access (it waits here")
    print(f"for 20 minutes):\n\n    {url}\n", flush=True)
