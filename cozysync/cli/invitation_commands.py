"""The CLI's ``invitations``: folders other users offer to share with this Cozy, waiting
for an answer; ``--accept ID`` opens the Cozy's page where it is accepted (only the
browser can: docs/cozy-stack.md, "Invitations"), ``--decline ID`` declines it."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from cozysync.cli.folder_name import add_folder_name

if TYPE_CHECKING:
    from cozysync.config import Locations
    from cozysync.models import Invitation

__all__ = ["add_invitation_command", "invitation_line"]


def add_invitation_command(sub: Any) -> None:
    help_text = (
        "list the folders other users invite you to share (a Cozy), accept one (its page "
        "opens in the browser) or decline one"
    )
    p: argparse.ArgumentParser = sub.add_parser(
        "invitations", help=help_text, description=help_text
    )
    p.set_defaults(handler=cmd_invitations)
    add_folder_name(p)
    answer = p.add_mutually_exclusive_group()
    answer.add_argument("--accept", metavar="ID", help="accept this invitation (in the browser)")
    answer.add_argument("--decline", metavar="ID", help="decline this invitation")
    p.add_argument("--json", action="store_true", help="the invitations as JSON")
    p.add_argument(
        "--no-browser", action="store_true",
        help="--accept: print the address to open instead of opening a browser",
    )  # fmt: skip


def invitation_line(invitation: Invitation) -> str:
    """One invitation in the CLI's words (English)."""
    rights = "read-only" if invitation.read_only else "can edit"
    return (
        f"{invitation.owner} invites you to share '{invitation.title}' ({rights})"
        f"  id: {invitation.sharing_id}"
    )


def cmd_invitations(args: argparse.Namespace, locations: Locations) -> int:
    from cozysync.api import SyncService
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import print_json, safe

    service = SyncService(locations)
    if args.accept is not None:
        return _accept(service, args)
    if args.decline is not None:
        service.decline_invitation(args.decline, args.name)
        print(safe(f"declined the invitation {args.decline}"))
        return EXIT_OK
    invitations = service.invitations(args.name)
    if args.json:
        print_json(invitations)
    elif not invitations:
        print("No invitation is waiting.")
    for invitation in [] if args.json else invitations:
        print(safe(invitation_line(invitation)))
    return EXIT_OK


def _accept(service: Any, args: argparse.Namespace) -> int:
    from cozysync.cli.exitcodes import EXIT_OK
    from cozysync.cli.output import safe

    def open_page(address: str) -> None:
        print("Open this address in a browser and accept the invitation on your Cozy's page:")
        print(f"\n    {safe(address)}\n", flush=True)
        if not args.no_browser:
            import webbrowser

            webbrowser.open(address)

    service.accept_invitation(args.accept, args.name, open_page=open_page)
    print("Once accepted, the folder comes down under 'Shared with me' with the next sync.")
    return EXIT_OK
