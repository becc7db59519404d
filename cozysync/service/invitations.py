"""Invitations to shared folders (a Cozy's pending sharings: ``TellsInvitations``): list
them, accept one (its page opened in the user's browser: only there can the Cozy accept
it) or decline one.  The folder then arrives under "Shared with me" with the next pass.
See docs/cozy-stack.md, "Invitations"."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import closing

from cozysync.config import FolderConfig
from cozysync.errors import ConfigError
from cozysync.models import Invitation
from cozysync.phrases import phrase
from cozysync.ports import Remote, TellsInvitations

__all__ = ["accept_invitation", "decline_invitation", "list_invitations"]

log = logging.getLogger(__name__)

OpenRemote = Callable[[FolderConfig], Remote]


def list_invitations(folder: FolderConfig, open_remote: OpenRemote) -> tuple[Invitation, ...]:
    """The invitations waiting on ``folder``'s server (none on a server without them)."""
    with closing(open_remote(folder)) as remote:
        teller = remote.features.invitations
        return () if teller is None else teller.invitations()


def accept_invitation(
    folder: FolderConfig,
    open_remote: OpenRemote,
    sharing_id: str,
    open_page: Callable[[str], object],
) -> str:
    """Open the server's page where the user accepts ``sharing_id``; returns its address."""
    with closing(open_remote(folder)) as remote:
        address = _teller(folder, remote).accept_address(sharing_id)
    log.info("%s: opening the page to accept the invitation %s", folder.name, sharing_id)
    open_page(address)
    return address


def decline_invitation(folder: FolderConfig, open_remote: OpenRemote, sharing_id: str) -> None:
    with closing(open_remote(folder)) as remote:
        _teller(folder, remote).decline(sharing_id)
    log.info("%s: declined the invitation %s", folder.name, sharing_id)


def _teller(folder: FolderConfig, remote: Remote) -> TellsInvitations:
    teller = remote.features.invitations
    if teller is None:
        raise ConfigError(
            phrase("'{name}' is not synced with a Cozy: it has no invitations", name=folder.name),
            phrase("Invitations to shared folders come from a Cozy."),
        )
    return teller
