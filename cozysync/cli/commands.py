"""The CLI's commands: each parses nothing itself, calls ``SyncService`` and prints."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from cozysync.cli.folder_name import add_folder_name
from cozysync.phrases import phrase

if TYPE_CHECKING:  # imported where a command runs: the parser is built from this module
    from cozysync.cli.output import ProgressLine
    from cozysync.config import Locations
    from cozysync.events import Event

__all__ = ["add_commands", "run_until_stopped", "watch_printer"]

Handler = Callable[[argparse.Namespace, "Locations"], int]
T = TypeVar("T")
JOIN_S = 0.25  # how late a signal may be handled, at most (see run_until_stopped)
STOP_GRACE_S = 2.0  # after a stop, how long the work may take to unwind before we leave


def add_commands(sub: Any) -> None:
    from cozysync.cli.demo import cmd_demo
    from cozysync.cli.gui_command import add_gui_command
    from cozysync.cli.pair_commands import (
        add_browser_login_option,
        add_client_certificate_options,
        add_pair_commands,
    )
    from cozysync.cli.pause_commands import add_pause_commands
    from cozysync.cli.settings_commands import add_settings_commands

    p = _add(
        sub, "link", cmd_link, "link a local folder to a Cozy or a WebDAV folder (no sync yet)"
    )
    p.add_argument("local_dir", metavar="LOCAL_DIR")
    p.add_argument(
        "url", metavar="URL",
        help="your Cozy's address (https://alice.mycozy.cloud), your Nextcloud's address "
        "(https://cloud.example.org: you log in through the browser) or the http(s):// "
        "address of a WebDAV folder",
    )  # fmt: skip
    p.add_argument(
        "--cozy", action="store_true", help="the address is a Cozy (else it is detected)"
    )
    p.add_argument(
        "--no-browser", action="store_true",
        help="Cozy: print the login address to open on another device instead of opening a browser",
    )  # fmt: skip
    p.add_argument(
        "--keep-left-out", action="store_true",
        help="Cozy: leave out here too the folders your Cozy says another device, or this "
        "computer before a reinstall, leaves out (link says which)",
    )  # fmt: skip
    p.add_argument("--user", help="user name on the server")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    p.add_argument("--name", help="name of this link (default: the folder's name)")
    p.add_argument(
        "--mode",
        choices=["two-way", "backup", "download-only"],
        default="two-way",
        help="two-way (default); backup: this computer to the server only, nothing on the "
        "server is ever deleted; download-only: the server to this computer only",
    )
    p.add_argument(
        "--insecure-file-store",
        action="store_true",
        help="keep the password in a file only you can read, where no keyring exists",
    )
    add_browser_login_option(p)
    add_client_certificate_options(p)
    p = _add(sub, "unlink", cmd_unlink, "forget a linked folder")
    add_folder_name(p)
    p.add_argument(
        "--wipe-local",
        action="store_true",
        help="for shared computers: after checking everything is on the server, really "
        "delete the local files (not to the trash) and this folder's logs",
    )
    p = _add(sub, "sync", cmd_sync, "sync once, both ways")
    p.add_argument("--once", action="store_true", help="one full pass, then exit (default)")
    add_folder_name(p)
    guard = p.add_mutually_exclusive_group()
    guard.add_argument(
        "--confirm-deletes", action="store_true", help="allow a pass that deletes many items"
    )
    guard.add_argument(
        "--put-back",
        action="store_true",
        help="after a pass stopped before deleting many items: copy them back to the side "
        "that lost them instead of deleting them",
    )
    add_folder_name(
        _add(sub, "run", cmd_run, "watch and sync in the foreground until Ctrl-C"),
        "the linked folder to watch (default: every linked folder)",
    )
    add_pair_commands(sub)  # restore, export, relink
    add_settings_commands(sub)  # folders
    add_pause_commands(sub)  # pause, resume
    add_gui_command(sub)
    p = _add(sub, "status", cmd_status, "show each folder's state")
    add_folder_name(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = _add(sub, "conflicts", cmd_conflicts, "list the conflicts waiting for you")
    add_folder_name(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = _add(sub, "resolve", cmd_resolve, "settle a conflict")
    add_folder_name(p)
    p.add_argument("path", metavar="PATH", help="the file or its conflict copy")
    p.add_argument(
        "--keep", required=True, choices=KEEP_CHOICES, metavar="mine|theirs|both",
        help="mine: this computer's version; theirs: the cloud's version; both: keep the "
        "two files side by side (the words of the tray's conflict window; local and "
        "remote still work for mine and theirs)",
    )  # fmt: skip
    _add(sub, "list", cmd_list, "list the linked folders")
    p = _add(sub, "demo", cmd_demo, "try cozysync with a built-in local WebDAV server")
    p.add_argument("--once", action="store_true", help="sync once and exit instead of watching")
    from cozysync.cli.desktop_commands import add_desktop_commands  # last: it adapts `link`

    add_desktop_commands(sub)


def _add(sub: Any, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    return parser


KEEP_CHOICES = ("mine", "theirs", "both", "local", "remote")
_KEEP = {"mine": "local", "theirs": "remote", "local": "local", "remote": "remote", "both": "both"}
_KEPT = {
    "local": "this computer's version",
    "remote": "the cloud's version",
    "both": "both versions",
}


def _read_password(args: argparse.Namespace) -> str | None:
    from cozysync.errors import ConfigError

    if args.password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
        if not password:
            raise ConfigError(
                phrase("no password on standard input"),
                phrase("Pipe it in, ending with a newline."),
            )
        return password
    if args.user and sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"Password for {args.user}: ") or None
    return None


def cmd_link(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.pair_commands import client_certificate, nextcloud_browser_login
    from cozysync.errors import ConfigError
    from cozysync.i18n import translate
    from cozysync.service.linking import plain_http_warning

    if args.password_stdin and not args.user:
        raise ConfigError(
            phrase("--password-stdin needs --user"), phrase("Give the user name with --user.")
        )
    password = _read_password(args)
    local_dir = Path(args.local_dir).expanduser()
    had_files = local_dir.is_dir() and any(local_dir.iterdir())
    warning = plain_http_warning(args.url)  # before the password is sent
    if warning is not None:
        print(f"Warning: {warning}", file=sys.stderr)
    url, user = args.url, args.user
    nextcloud = nextcloud_browser_login(args)  # a Nextcloud and no --user: its app password
    if nextcloud is not None:
        url, user, password = nextcloud.webdav_url, nextcloud.login_name, nextcloud.app_password
    offered: list[str] = []
    folder = SyncService(locations).link(
        local_dir,
        url,
        user=user,
        password=password,
        name=args.name,
        allow_file_store=args.insecure_file_store,
        mode=args.mode,
        cozy=args.cozy,
        open_browser=not args.no_browser,
        print_url=show_login_url,
        client_cert=client_certificate(args),
        keep_left_out=args.keep_left_out,
        offer_left_out=offered.extend,
    )
    if Path(folder.local_root) != local_dir.absolute():  # a link: resolved by ``link``
        print(f"{args.local_dir} is a link to {folder.local_root}: "
              f"cozysync will sync {folder.local_root}")  # fmt: skip
    linked = translate("CLI", "Linked %1: %2 <-> %3").replace("%1", repr(folder.name))
    print(linked.replace("%2", folder.local_root).replace("%3", folder.remote_url))
    if nextcloud is not None:
        print(
            translate(
                "CLI",
                "Logged in through the browser: the app password made for this computer is kept.",
            )
        )
    elif folder.remote_kind != "cozy":  # never a silent WebDAV setup
        webdav = translate(
            "CLI", "%1 does not answer like a Cozy: it is linked as a WebDAV folder."
        )
        print(webdav.replace("%1", args.url))
    if folder.excluded_folders:  # read back from the Cozy (issue 15, item 10)
        kept = translate(
            "CLI",
            "Not synced on this computer, as chosen before on your Cozy: %1 "
            "(cozysync folders --include NAME to sync one).",
        )
        print(kept.replace("%1", ", ".join(folder.excluded_folders)))
    if offered:  # left out by other clients: offered, never taken unasked
        offer = translate(
            "CLI",
            "On your Cozy, another device, or this computer before a reinstall, leaves out: "
            "%1. They are synced here; to leave them out here too: cozysync folders "
            "--exclude NAME (or link with --keep-left-out).",
        )
        print(offer.replace("%1", ", ".join(offered)))
    if had_files:
        print(
            translate(
                "CLI",
                "The folder already holds files: the first sync merges them with the server's.",
            )
        )
    sync_it = translate("CLI", "Sync it with: cozysync sync --once %1")
    print(sync_it.replace("%1", _quoted(folder.name)))
    return 0


def show_login_url(url: str) -> None:
    from cozysync.i18n import translate

    open_it = translate(
        "CLI",
        "To let this computer sync with your Cozy, open this address in a browser and\n"
        "approve it (it waits here for 10 minutes):",
    )
    print(f"{open_it}\n\n    {url}\n")
    # the device-limit page never reaches this computer (cozy_link.DEVICE_LIMIT_ADVICE)
    too_many = translate(
        "CLI",
        "If your Cozy says it already has the most devices it allows: remove one in the\n"
        "Cozy's settings (Connected devices); the page reloads by itself, then approve.",
    )
    print(f"{too_many}\n", flush=True)


def _quoted(name: str) -> str:
    return f"'{name}'" if any(c in name for c in " \"'$`\\") else name


def cmd_unlink(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.done_words import unlink_notice_lines, unlink_warning_words, unlinked_words

    result = SyncService(locations).unlink(args.name, wipe_local=args.wipe_local)
    for warning in result.warnings:
        print(unlink_warning_words(warning), file=sys.stderr)
    print(unlinked_words(result))
    for notice in result.notices:  # a Nextcloud app password revoked, or left there
        left = notice.id == "warning.app_password_left"
        for line in unlink_notice_lines(notice):
            print(line, file=sys.stderr if left else sys.stdout)
    return 0


def cmd_sync(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import StopEvent, SyncService
    from cozysync.cli import output
    from cozysync.cli.exitcodes import EXIT_OK, exit_code_for_outcome

    progress = output.ProgressLine()
    stop = StopEvent()
    try:
        outcome = run_until_stopped(  # Ctrl-C: StoppedError, exit code 130
            stop,
            lambda: SyncService(locations).sync_once(
                args.name, confirm_deletes=args.confirm_deletes, put_back=args.put_back,
                progress=progress, stop=stop,
            ),
        )  # fmt: skip
    finally:
        progress.finish()  # the line ends before any message, a stop's too
    output.print_outcome(outcome)
    code = exit_code_for_outcome(outcome)
    if code != EXIT_OK:
        said = output.outcome_summary(outcome)
        print(output.safe(f"cozysync: {outcome.folder}: {said}"), file=sys.stderr)
    return code


def watch_printer(progress: ProgressLine) -> Callable[[Event], None]:
    """Events → the progress line, plus one line per finished pass."""
    from cozysync.cli.words import event_detail, state_words
    from cozysync.events import StatusChanged, StatusKind

    def on_event(event: Event) -> None:
        progress(event)
        if isinstance(event, StatusChanged) and event.kind is not StatusKind.SYNCING:
            progress.finish()
            stamp = time.strftime("%H:%M:%S")
            said = event_detail(event)
            detail = f": {said}" if said else ""
            print(f"{stamp} {state_words(event.kind)}{detail}", flush=True)

    return on_event


def run_until_stopped(
    stop: threading.Event,
    work: Callable[[], T],
    *,
    stopped_code: int = 130,  # EXIT_INTERRUPTED (cli/exitcodes.py imports the engine)
    stopped_words: str = "",
) -> T:
    """``work()`` on a thread of its own while SIGINT and SIGTERM set ``stop`` (see
    ``_stop_handlers``); its result, or its exception raised here.  Python runs a
    signal's handler on the main thread only, between two bytecodes: a main thread
    blocked in a transfer (a server that stopped sending) would not run it, so the main
    thread only waits here, waking at least every JOIN_S.

    A stop ends the work within a chunk; a transfer from a server that sends or reads
    nothing more has no chunk to stop at.  So once ``stop`` is set, the work has
    STOP_GRACE_S to unwind; after that the process leaves without it (exit code
    ``stopped_code``, as a stop that unwound in time, after printing ``stopped_words``),
    as a kill would: the journal is only ever written after a success, a download's temp
    file is removed by the next start, an upload's server temp by the server clean-up."""
    done: list[T] = []
    failed: list[BaseException] = []

    def target() -> None:
        try:
            done.append(work())
        except BaseException as exc:  # raised on the main thread, below
            failed.append(exc)

    worker = threading.Thread(target=target, name="cozysync-work")
    with _stop_handlers(stop):
        worker.start()
        stopped_at: float | None = None
        while worker.is_alive():
            worker.join(JOIN_S)
            if stop.is_set() and worker.is_alive():
                stopped_at = stopped_at or time.monotonic()
                if time.monotonic() - stopped_at > STOP_GRACE_S:
                    _leave_without_waiting(stopped_code, stopped_words)
    if failed:
        raise failed[0]
    return done[0]


def _leave_without_waiting(code: int, words: str) -> NoReturn:
    """The stop did not unwind in time (a transfer the server no longer answers): leave."""
    with suppress(OSError, ValueError):
        sys.stdout.flush()
    os.write(2, b"cozysync: the server does not answer: stopped without waiting for it\n")
    if words:
        os.write(1, words.encode() + b"\n")
    os._exit(code)  # no logging.shutdown(): the stalled thread may hold a handler's lock


@contextmanager
def _stop_handlers(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set ``stop``: the pass under way stops at once (its transfers
    dropped, their temp files removed) and watch mode ends.  A second one exits at once
    (code 130), as a kill would: a transfer that did not stop (its server answers no
    more) leaves its temp file, which the next start removes here (a server's within a
    day), never a partial file at its target."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    from cozysync.i18n import translate

    stopping = translate("CLI", "cozysync: stopping (press Ctrl-C again to quit at once)")
    said = f"{stopping}\n".encode()  # made here: a handler only writes

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.is_set():
            os._exit(130)  # EXIT_INTERRUPTED
        os.write(2, said)
        stop.set()  # the main thread only joins the worker: it holds none of its locks

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def cmd_run(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import StopEvent, SyncService
    from cozysync.cli import output
    from cozysync.i18n import translate

    service = SyncService(locations)
    if args.name is None and len(service.list_folders()) > 1:
        from cozysync.cli.pair_commands import run_all_pairs

        return run_all_pairs(service)  # every pair, a watch loop each
    folder = service.folder(args.name)
    stop = StopEvent()
    watching = translate("CLI", "Watching %1 <-> %2 (Ctrl-C to stop)")
    print(
        watching.replace("%1", str(folder.local_root)).replace("%2", folder.remote_url),
        flush=True,
    )
    line = output.ProgressLine()
    run_until_stopped(
        stop, lambda: service.run(folder.name, stop, progress=watch_printer(line)),
        stopped_code=0, stopped_words=translate("CLI", "Stopped."),
    )  # fmt: skip
    line.finish()  # a pass stopped mid-way left its progress line open
    print(translate("CLI", "Stopped."))
    return 0


def cmd_status(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output
    from cozysync.cli.exitcodes import exit_code_for_statuses

    statuses = SyncService(locations).status(args.name)
    if args.json:
        output.print_json(statuses)
    else:
        output.print_status(statuses)
    return exit_code_for_statuses(statuses)  # as ``sync``'s: offline 3, attention 1...


def cmd_conflicts(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output

    conflicts = SyncService(locations).conflicts(args.name)
    if args.json:
        output.print_json(conflicts)
    else:
        output.print_conflicts(conflicts)
    return 0


def cmd_resolve(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService

    keep = _KEEP[args.keep]  # the GUI's words to the engine's
    done = SyncService(locations).resolve(args.name, args.path, keep)
    print(f"{done.path}: kept {_KEPT[keep]}; the next sync sends the change.")
    return 0


def cmd_list(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli import output

    output.print_pairs(SyncService(locations).status())
    return 0
