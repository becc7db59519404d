"""What sharing is made of, as plain frozen data (issue 17): a share of a file or folder
(a public link, or people and groups of the address book), someone to share with, and
the options of a new link.  The ``Sharing`` capability of a remote (``cozysync.ports``)
takes and returns these; ``SyncService`` hands them unchanged to the CLI and the app."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = ["LinkOptions", "Share", "ShareKind", "Sharee", "folded"]


class ShareKind(StrEnum):
    LINK = "link"  # a public link: whoever has it
    PERSON = "person"  # one person of the address book (a Nextcloud user)
    GROUP = "group"  # a group of the address book ("3e B"; a Nextcloud group)


@dataclass(frozen=True, slots=True)
class Sharee:
    """Someone to share with, as the server's address book knows them."""

    sharee_id: str  # the server's own id (a Cozy contact or group, a Nextcloud user or group)
    name: str  # "Léa Martin", "3e B"
    kind: ShareKind  # PERSON or GROUP
    detail: str = ""  # an e-mail address, a Cozy address, a user name


@dataclass(frozen=True, slots=True)
class Share:
    """One share as the server lists it: what, with whom, since when, how."""

    share_id: str  # the remote's own handle, to stop it
    kind: ShareKind
    path: str | None  # of the shared item, relative to the synced folder; None: outside it
    name: str  # the shared item's name
    who: str  # the recipient ("" for a link); the owner when ``mine`` is False
    read_only: bool
    mine: bool  # True: this account shares it; False: shared with this account
    since: str = ""  # ISO 8601, "" when the server does not say
    expires: str = ""  # ISO 8601 date, "" for never
    url: str = ""  # a link's public address
    has_password: bool = False
    status: str = ""  # a person's answer where the server tells it ("waiting", "ready")


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """A new link's options; a server that cannot honour one says so (never ignored)."""

    read_only: bool = True
    expires_days: int | None = None
    password: str | None = field(default=None, repr=False)


def folded(text: str) -> str:
    """A name as a search compares it, the way a pupil types it: no case, no accents
    ("lea" finds "Léa")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
