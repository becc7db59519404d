"""``cozysync unshare PATH`` on an item someone else shares with the user: leaving it
(issue 17, item 3; ``service/share_leaving.py``).  The item then no longer follows its
owner's changes (Nextcloud: it leaves this computer's sync, its copy here moved beside
the synced folder), so it is asked first at a terminal, and needs ``--yes`` elsewhere."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cozysync.api import SyncService
    from cozysync.share_models import Share

__all__ = ["leave_shared_item"]


def leave_shared_item(service: SyncService, args: argparse.Namespace, share: Share) -> int:
    """Leave ``share`` (made with the user) after the user said yes; the exit code."""
    from cozysync.cli.exitcodes import EXIT_OK, EXIT_USAGE
    from cozysync.cli.output import print_json, safe
    from cozysync.cli.words import translate

    what = share.path or share.name
    if not args.yes:
        if not sys.stdin.isatty():
            said = translate(
                "CLI",
                "cozysync: {what} is shared with you by {who}: leaving it needs --yes (it "
                "no longer follows their changes; your files here are kept)",
            )
            print(safe(said.format(what=what, who=share.who)), file=sys.stderr)
            return EXIT_USAGE
        question = translate(
            "CLI",
            "Leave {what}, shared with you by {who}? It will no longer follow their "
            "changes; your files here are kept. [y/N] ",
        )
        answer = input(safe(question.format(what=what, who=share.who)))
        if answer.strip().casefold() not in ("y", "yes", "o", "oui"):
            print(translate("CLI", "Nothing was changed."))
            return EXIT_OK
    left = service.leave_share(args.path, name=args.name)
    if args.json:
        print_json([left])
        return EXIT_OK
    line = translate("CLI", "Left {what}, shared with you by {who}.")
    print(safe(line.format(what=what, who=share.who)))
    if left.kept_at is not None:
        kept = translate(
            "CLI",
            "It is no longer synced; your files from it are kept on this computer in: {path}",
        )
        print(safe(kept.format(path=left.kept_at)))
    else:
        kept = translate(
            "CLI",
            "Your cloud keeps a copy of it, no longer updated by its owner; the next sync "
            "gives it the new name your cloud chose.",
        )
        print(safe(kept))
    return EXIT_OK
