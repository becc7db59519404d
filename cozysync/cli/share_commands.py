"""The CLI's ``share``, ``unshare`` and ``shares`` (issue 17, items 1-3).

``cozysync share PATH`` makes a public link (``--link``, the default) and prints it alone
on stdout, so that ``cozysync share notes.odt | xclip`` copies it (the app copies it to
the clipboard itself); ``--with NAME`` shares with people or groups of the server's
address book.  ``unshare PATH`` stops the shares of PATH (``--link``: its links only,
``--with NAME``: that person or group only); on an item someone else shares with the
user, it leaves that share (``cli/leave_share_command.py``, asked first).
``shares [NAME]`` lists who has what, since when, read-only or not, both ways.  A server
that cannot share (plain WebDAV) says so."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:  # imported by the commands that run (issue 20, item 2: not at each start)
    from cozysync.config import Locations
    from cozysync.share_errors import SharingError

__all__ = ["add_share_commands", "expiry_days"]

_EXPIRES = re.compile(r"^\s*(\d{1,4})\s*([dDwW]?)\s*$")


def add_share_commands(sub: Any) -> None:
    _add_share(sub)
    _add_unshare(sub)
    helped = "what you share (links, people, groups) and what is shared with you"
    p: argparse.ArgumentParser = sub.add_parser("shares", help=helped, description=helped)
    p.set_defaults(handler=cmd_shares)
    add_folder_name(p)
    p.add_argument("--json", action="store_true", help="the shares as JSON")


def _add_share(sub: Any) -> None:
    helped = (
        "share a file or folder: a link (printed alone on stdout) or people and groups "
        "of the server's address book"
    )
    p: argparse.ArgumentParser = sub.add_parser("share", help=helped, description=helped)
    p.set_defaults(handler=cmd_share)
    p.add_argument("path", metavar="PATH", help="the file or folder (in a synced folder)")
    add_folder_name(p, positional=False)
    p.add_argument("--link", action="store_true", help="make a public link (the default)")
    p.add_argument(
        "--with", dest="with_names", metavar="NAME", nargs="+", default=[],
        help="share with these people or groups (\"Léa Martin\", \"3e B\")",
    )  # fmt: skip
    p.add_argument("--read-only", action="store_true", help="they can read, not change")
    p.add_argument("--expires", metavar="DAYS", help="a link ends after 7d (days) or 2w (weeks)")
    p.add_argument(
        "--password-stdin", action="store_true",
        help="protect the link with a password read from standard input",
    )  # fmt: skip
    p.add_argument("--qr", action="store_true", help="also print the link as a QR code")
    p.add_argument("--json", action="store_true", help="what was made, as JSON")


def _add_unshare(sub: Any) -> None:
    helped = "stop sharing a file or folder (its links, or one person or group)"
    p: argparse.ArgumentParser = sub.add_parser("unshare", help=helped, description=helped)
    p.set_defaults(handler=cmd_unshare)
    p.add_argument("path", metavar="PATH", help="the shared file or folder")
    add_folder_name(p, positional=False)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--link", action="store_true", help="stop its links only")
    which.add_argument("--with", dest="with_name", metavar="NAME", help="stop only this one")
    p.add_argument("--json", action="store_true", help="what was stopped, as JSON")
    p.add_argument(
        "--yes", action="store_true",
        help="a share someone else made with you: leave it without asking",
    )  # fmt: skip


def expiry_days(text: str | None) -> int | None:
    """``--expires``: "7d", "7", "2w" → days (None: never)."""
    if text is None:
        return None
    found = _EXPIRES.match(text)
    days = int(found[1]) * (7 if found[2].lower() == "w" else 1) if found else 0
    if days < 1:
        from cozysync.cli.words import translate
        from cozysync.errors import ConfigError

        raise ConfigError(
            translate("CLI", "--expires takes a number of days, like 7d, or of weeks, like 2w")
        )
    return days


def cmd_share(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import print_json, safe
    from cozysync.share_errors import SharingError
    from cozysync.share_models import LinkOptions
    from cozysync.share_words import share_line

    _check_link_options(args)
    days = expiry_days(args.expires)
    password = _read_password() if args.password_stdin else None
    service = SyncService(locations)
    try:
        if args.with_names:
            made = service.share_with(
                args.path, args.with_names, read_only=args.read_only, name=args.name
            )
        else:
            options = LinkOptions(read_only=args.read_only, expires_days=days, password=password)
            made = (service.share_link(args.path, options, name=args.name),)
    except SharingError as exc:
        return _refused(exc)
    if args.json:
        print_json(made)
        return EXIT_OK
    for share in made:
        if share.url:
            print(safe(share_line(share)), file=sys.stderr)
            print(share.url, flush=True)
            if args.qr:
                _print_qr(share.url)
        else:
            print(safe(share_line(share)))
    return EXIT_OK


def cmd_unshare(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.leave_share_command import leave_shared_item
    from cozysync.cli.output import print_json, safe
    from cozysync.cli.words import translate
    from cozysync.share_errors import NO_SHARE, SharingError
    from cozysync.share_words import share_line

    service = SyncService(locations)
    people = not args.link
    links = args.with_name is None
    try:
        stopped = service.stop_sharing(
            args.path, links=links, people=people, who=args.with_name, name=args.name
        )
    except SharingError as exc:
        if exc.reason != NO_SHARE or args.link or args.with_name is not None:
            return _refused(exc)
        try:  # none of the user's own: one made with them is left (after a yes)
            theirs = service.shared_with_me(args.path, name=args.name)
            if not theirs:
                return _refused(exc)
            return leave_shared_item(service, args, theirs[0])
        except SharingError as again:
            return _refused(again)
    if args.json:
        print_json(stopped)
        return EXIT_OK
    for share in stopped:
        print(safe(translate("CLI", "Stopped: {share}").format(share=share_line(share))))
    return EXIT_OK


def cmd_shares(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import print_json, safe
    from cozysync.cli.words import translate
    from cozysync.share_errors import SharingError
    from cozysync.share_words import share_line

    try:
        found = SyncService(locations).shares(args.name)
    except SharingError as exc:
        return _refused(exc)
    if args.json:
        print_json(found)
    elif not found:
        print(translate("CLI", "Nothing is shared."))
    for share in [] if args.json else found:
        print(safe(share_line(share)))
        if share.url:
            print(f"    {share.url}")
    return EXIT_OK


def _print_qr(url: str) -> None:
    import segno

    from cozysync.cli.words import translate

    print(translate("CLI", "Scan this code with a phone to open the link:"))
    segno.make(url, error="m").terminal(out=sys.stdout, compact=True, border=2)
    sys.stdout.flush()


def _check_link_options(args: argparse.Namespace) -> None:
    """A link's options given with --with are refused, never ignored."""
    from cozysync.cli.words import translate
    from cozysync.errors import ConfigError

    given = [
        option for option, used in (
            ("--expires", args.expires is not None), ("--password-stdin", args.password_stdin),
            ("--qr", args.qr), ("--link", args.link),
        ) if used
    ]  # fmt: skip
    if args.with_names and given:
        said = translate("CLI", "{options}: for a link only, not with --with (share twice)")
        raise ConfigError(said.format(options=", ".join(given)))


def _read_password() -> str:
    from cozysync.cli.words import translate
    from cozysync.errors import ConfigError

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise ConfigError(
            translate("CLI", "--password-stdin read no password: give it on standard input")
        )
    return password


def _refused(exc: SharingError) -> int:
    """A share refused, said in the user's language (the engine's words are English)."""
    from cozysync.cli.exitcodes import exit_code_for
    from cozysync.cli.output import safe
    from cozysync.share_words import refusal_words

    print(safe(f"cozysync: {refusal_words(exc)}"), file=sys.stderr)
    return exit_code_for(exc)
