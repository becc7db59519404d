"""The CLI's commands for pairs beyond one synced folder: ``restore``, ``export`` and
``relink``, and ``run`` serving every pair at once; and ``link``'s Nextcloud browser
login.  Each calls ``SyncService`` and prints; nothing here syncs by itself."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cozysync.byte_sizes import size_words
from cozysync.cli.commands import _read_password as read_password
from cozysync.cli.commands import run_until_stopped, show_login_url
from cozysync.cli.folder_name import add_folder_name
from cozysync.phrases import phrase

if TYPE_CHECKING:  # imported when a command runs (httpx and the login when a link needs them)
    from cozysync.api import RestoreResult, SyncService
    from cozysync.config import ClientCertificate, Locations
    from cozysync.events import Event
    from cozysync.remotes.nextcloud_login import NextcloudCredentials

__all__ = [
    "add_browser_login_option",
    "add_client_certificate_options",
    "add_pair_commands",
    "client_certificate",
    "nextcloud_browser_login",
    "run_all_pairs",
]

Handler = Callable[[argparse.Namespace, "Locations"], int]
SHOWN_PATHS = 10


def add_pair_commands(sub: Any) -> None:
    p = _add(
        sub, "restore", cmd_restore,
        "copy a folder, a file or everything back from the server to any local folder "
        "(the synced folder is not touched, nothing is overwritten)",
    )  # fmt: skip
    p.usage = "%(prog)s [NAME] [REMOTE_PATH] DEST"
    p.add_argument(
        "paths", nargs="+", metavar="[NAME] [REMOTE_PATH] DEST",
        help="the linked folder (needed when several are linked, or when REMOTE_PATH is "
        "given), what to restore inside the server folder (default: everything), and the "
        "local folder to restore it into",
    )  # fmt: skip
    add_folder_name(p, positional=False)
    p.set_defaults(arrange=_arrange_restore)
    p = _add(
        sub, "export", cmd_export,
        "write a complete copy of the server folder, with a manifest of checksums",
    )  # fmt: skip
    add_folder_name(p)
    p.add_argument("dest", metavar="DEST", help="a new (or empty) local folder")
    p.add_argument("--zip", action="store_true", help="write DEST.zip instead of a folder")
    p = _add(
        sub, "relink", cmd_relink,
        "point a linked folder at another account or server, keeping every local file "
        "(nothing is deleted on either side; what the new server lacks is uploaded)",
    )  # fmt: skip
    add_folder_name(p)
    p.add_argument(
        "url", metavar="NEW_URL",
        help="the new Cozy's address, or the http(s):// address of the new WebDAV folder",
    )  # fmt: skip
    p.add_argument("--cozy", action="store_true", help="the address is a Cozy (else detected)")
    p.add_argument(
        "--no-browser", action="store_true",
        help="Cozy: print the login address to open on another device",
    )  # fmt: skip
    p.add_argument("--user", help="user name on the new server")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )


def add_client_certificate_options(parser: argparse.ArgumentParser) -> None:
    """``link``'s client certificate (issue 19): for a server that only lets in the
    computers IT gave a certificate to."""
    parser.add_argument(
        "--client-cert", metavar="FILE",
        help="a client certificate (PEM) to show to a server that asks for one",
    )  # fmt: skip
    parser.add_argument(
        "--client-key", metavar="FILE",
        help="its private key (PEM), when it is not in the --client-cert file",
    )  # fmt: skip
    parser.add_argument(
        "--client-key-passphrase-stdin", action="store_true",
        help="read the key's passphrase from standard input (after the password, if "
        "--password-stdin); it is kept in the keyring",
    )  # fmt: skip


def client_certificate(args: argparse.Namespace) -> ClientCertificate | None:
    """The client certificate ``link`` was given, its passphrase read from standard
    input (a line after the password's) or asked on a terminal for an encrypted key."""
    from cozysync.config import ClientCertificate
    from cozysync.errors import ClientCertificateError

    if args.client_cert is None:
        if args.client_key or args.client_key_passphrase_stdin:
            raise ClientCertificateError(
                "--client-key and --client-key-passphrase-stdin need --client-cert",
                "Give the certificate file with --client-cert.",
            )
        return None
    passphrase = None
    if args.client_key_passphrase_stdin:
        passphrase = sys.stdin.readline().rstrip("\r\n") or None
    elif sys.stdin.isatty() and _is_encrypted(args.client_key or args.client_cert):
        import getpass

        passphrase = getpass.getpass("Passphrase of the client certificate's key: ") or None
    return ClientCertificate(args.client_cert, args.client_key, passphrase)


def _is_encrypted(pem_file: str) -> bool:
    try:
        with open(pem_file, "rb") as pem:
            return b"ENCRYPTED" in pem.read(1 << 16)
    except OSError:
        return False  # said by the check, with the file's name


def add_browser_login_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--browser-login", action="store_true",
        help="Nextcloud: log in through the browser, which makes an app password for this "
        "computer (done by itself when the server is a Nextcloud and no --user is given)",
    )  # fmt: skip


def nextcloud_browser_login(args: argparse.Namespace) -> NextcloudCredentials | None:
    """``link`` to a Nextcloud without ``--user``, or with ``--browser-login``: the
    browser login (Login Flow v2), its app password kept as the folder's password.
    ``None``: not wanted here (a Cozy, a user given, a server that is no Nextcloud)."""
    from cozysync.errors import ConfigError, CozySyncError
    from cozysync.remotes.nextcloud_login import detect_nextcloud, login_with_browser
    from cozysync.service.linking import check_url

    given = args.cozy or args.user or args.password_stdin
    if args.browser_login and given:
        raise ConfigError(
            phrase("--browser-login takes no --cozy, --user or --password-stdin"),
            phrase("The browser login makes the password itself: give only the address."),
        )
    if given:
        return None
    check_url(args.url)  # a bad address (a port that is no number) is said before any request
    if not args.browser_login:
        try:
            if detect_nextcloud(args.url) is None:
                return None
        except CozySyncError:
            return None  # unreachable: link says so, as for any server
    print(f"{args.url} is a Nextcloud: log in through the browser (no password typed here).")
    return login_with_browser(args.url, _login_opener(args.no_browser), threading.Event())


def _login_opener(no_browser: bool) -> Callable[[str], None]:
    def open_login_page(url: str) -> None:
        print("Open this address in a browser, log in and grant the access")
        print(f"(it waits here for 20 minutes):\n\n    {url}\n", flush=True)
        if not no_browser:
            import webbrowser

            webbrowser.open(url)

    return open_login_page


def _add(sub: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


def _arrange_restore(args: argparse.Namespace) -> None:
    """``restore``'s words: ``[NAME] [REMOTE_PATH] DEST`` (two of them: ``NAME DEST``);
    with ``--name``: ``[REMOTE_PATH] DEST``."""
    from cozysync.errors import ConfigError

    paths = list(args.paths)
    if args.name_option is None and len(paths) > 1:
        args.name = paths.pop(0)
    if len(paths) > 2:
        raise ConfigError(
            phrase("restore takes the folder's NAME, then what to restore, then where to"),
            phrase(
                "Put quotes around a name that holds spaces: cozysync restore NAME "
                "[REMOTE_PATH] DEST"
            ),
        )
    args.remote_path, args.dest = ("", paths[0]) if len(paths) == 1 else paths


def cmd_restore(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_FAILED, EXIT_OK

    result = SyncService(locations).restore(args.name, args.remote_path, args.dest)
    _print_restore(result)
    return EXIT_FAILED if result.not_overwritten or result.failed else EXIT_OK


def _print_restore(result: RestoreResult) -> None:
    from cozysync.cli.done_words import restore_lines
    from cozysync.cli.output import safe

    out, err = restore_lines(result, SHOWN_PATHS)
    for line in out:
        print(safe(line))
    for line in err:
        print(safe(line), file=sys.stderr)


def cmd_export(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService

    result = SyncService(locations).export(args.name, args.dest, as_zip=args.zip)
    size = size_words(result.bytes_written, english=True)  # the sentence is English
    print(
        f"Exported {result.files} files in {result.folders} folders ({size}) "
        f"to {result.local_dest}."
    )
    md5_name, json_name = result.manifests
    print(f"Checksums: {md5_name} (check with: md5sum -c {md5_name}) and {json_name}.")
    return 0


def cmd_relink(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.login_command import say_app_password_notice
    from cozysync.errors import ConfigError

    if args.password_stdin and not args.user:
        raise ConfigError(
            phrase("--password-stdin needs --user"), phrase("Give the user name with --user.")
        )
    password = read_password(args)
    service = SyncService(locations)
    before = service.folder(args.name)
    folder = service.relink(
        args.name, args.url, user=args.user, password=password, cozy=args.cozy,
        open_browser=not args.no_browser, print_url=show_login_url,
        on_notice=say_app_password_notice,
    )  # fmt: skip
    if (folder.remote_url, folder.user) == (before.remote_url, before.user):
        print(f"{folder.name!r} already syncs with {folder.remote_url}: signed in again.")
        print("What was synced is kept: nothing is compared or sent again (cozysync login).")
        return EXIT_OK
    print(f"Relinked {folder.name!r}: {folder.local_root} <-> {folder.remote_url}")
    if folder.remote_kind != "cozy":  # never a silent WebDAV setup
        print(f"{args.url} does not answer like a Cozy: it is linked as a WebDAV folder.")
    print("The next sync compares both sides by content; nothing is deleted on either side.")
    return EXIT_OK


def run_all_pairs(service: SyncService) -> int:
    """``cozysync run`` without ``--name`` and several pairs: serve them all until
    Ctrl-C or SIGTERM; each line of output names its pair."""
    from cozysync.api import PairStopped, StopEvent
    from cozysync.cli.exitcodes import exit_code_for
    from cozysync.events import StatusChanged, StatusKind
    from cozysync.folder_state import state_text

    folders = service.list_folders()
    for folder in folders:
        print(f"Watching {folder.name}: {folder.local_root} <-> {folder.remote_url}", flush=True)
    print(f"{len(folders)} folders (Ctrl-C to stop)", flush=True)
    stop = StopEvent()
    lock = threading.Lock()  # one line at a time from the pairs' threads

    def progress_for(name: str) -> Callable[[Event], None]:
        def on_event(event: Event) -> None:  # one line per finished pass, named
            if isinstance(event, StatusChanged) and event.kind is not StatusKind.SYNCING:
                stamp = time.strftime("%H:%M:%S")
                detail = f": {event.detail}" if event.detail else ""
                with lock:
                    print(f"{stamp} {name}: {state_text(event.kind)}{detail}", flush=True)

        return on_event

    def on_stopped(stopped: PairStopped) -> None:
        with lock:
            print(f"cozysync: {stopped.name}: {stopped.error.one_line()}", file=sys.stderr)

    failed = run_until_stopped(
        stop, lambda: service.run_all(stop, progress_for=progress_for, on_stopped=on_stopped),
        stopped_code=0, stopped_words="Stopped.",
    )  # fmt: skip
    print("Stopped.")
    return exit_code_for(failed[0].error) if failed else 0
