"""Invitations: folders another user offers to share with this Cozy, not accepted yet
(``TellsInvitations``; docs/cozy-stack.md, "Invitations").

What the stack does, read from its code (cozy-stack at db1163854f):

- The owner's stack sends the sharing to the recipient's (``PUT /sharings/:id?shortcut=
  true&url=LINK``, ``model/sharing/invitation.go:522-542``); the recipient's stack keeps it
  inactive (``CreateRequest``, ``model/sharing/sharing.go:587-626``: ``active`` false,
  ``owner`` false) and writes a ``.url`` file named after the sharing's description in
  "Shared with me" (``CreateShortcut``, ``invitation.go:397-456``: mime
  ``application/internet-shortcut``, class ``shortcut``, ``metadata.sharing.status``
  "new"), whose id the sharing keeps (``shortcut_id``, ``sharing.go:77``).  Its body is
  a Windows shortcut (``pkg/shortcut/shortcut.go``: ``[InternetShortcut]`` then
  ``URL=…``) to ``LINK``: the owner's discovery page (``Member.InvitationLink``,
  ``invitation.go:190-215``: ``/sharings/:id/discovery?state=…``).
- The sharings listing (``GET /sharings/doctype/io.cozy.files``) carries it: this
  instance's member (the recipient with an ``instance``) has the status "pending" (set
  before the shortcut is sent, ``invitation.go:52-53``), "mail-not-sent" or "seen"
  (``model/sharing/member.go:30-48``); "ready" once accepted, "revoked" once declined.
- Accepting needs the user's browser: ``POST /sharings/:id/answer`` is the *owner's*
  route, called by the recipient's stack with the credentials it makes
  (``SendAnswer``, ``model/sharing/oauth.go:444-560``), and that is done only by the
  recipient's consent page ``/auth/authorize/sharing`` (``web/auth/oauth.go:522-700``),
  which wants the user's web session.  The discovery page the shortcut opens sends the
  browser there (``web/sharings/sharings.go:847-905``, ``GenerateOAuthURL``,
  ``model/sharing/oauth.go:300-315``).  So cozysync opens the shortcut's address; once
  accepted the folder is made under "Shared with me" in place of the shortcut
  (``GetSharingDir``, ``model/sharing/files.go:540-565``) and the next pass brings it.
- Declining is the recipient's ``DELETE /sharings/:id/recipients/self``
  (``web/sharings/sharings.go:1114``, ``revoke.go:194-209``; ``RevokeRecipientBySelf``,
  ``sharing.go:762-810``): 204; the shortcut is destroyed and the sharing inactive with
  this member "revoked".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cozysync.atomic import write_atomically
from cozysync.errors import ConfigError, ProtocolError
from cozysync.models import Invitation
from cozysync.phrases import phrase
from cozysync.remotes.cozy_auth import CozySession
from cozysync.remotes.cozy_sharings import _is_read_only, _list, _owner_name, sharing_items

__all__ = ["CozyInvitations", "pending_invitations", "shortcut_address", "told_path"]

log = logging.getLogger(__name__)

WAITING = ("mail-not-sent", "pending", "seen")  # model/sharing/member.go:30-48
SHORTCUT_SECTION = "[InternetShortcut]"  # pkg/shortcut/shortcut.go
MAX_SHORTCUT_BYTES = 64 * 1024


class CozyInvitations:
    """``TellsInvitations`` for ``CozyRemote``.  ``last_items``: the sharings the last
    full pass listed (``CozySharings.last_items``), None before one did.  ``told_path``:
    the ids of the invitations already told (kept beside the pair's tree cache, so each
    is told once, not at each pass nor each start)."""

    def __init__(
        self,
        session: CozySession,
        last_items: Callable[[], list[dict[str, Any]] | None],
        told_path: Path,
    ) -> None:
        self.session = session
        self.last_items = last_items
        self.told_path = told_path

    def invitations(self) -> tuple[Invitation, ...]:
        return pending_invitations(sharing_items(self.session))

    def new_invitations(self) -> tuple[Invitation, ...]:
        items = self.last_items()
        if items is None:
            return ()
        waiting = pending_invitations(items)
        told = self._read_told()
        new = tuple(i for i in waiting if i.sharing_id not in told)
        if new or told - {i.sharing_id for i in waiting}:
            self._write_told(sorted(i.sharing_id for i in waiting))  # answered ones go
        return new

    def _read_told(self) -> set[str]:
        try:
            data = json.loads(self.told_path.read_bytes())
        except (OSError, ValueError):
            return set()  # none yet (or unreadable: telling again is the safe side)
        return {str(i) for i in data} if isinstance(data, list) else set()

    def _write_told(self, ids: list[str]) -> None:
        try:
            write_atomically(self.told_path, json.dumps(ids).encode())
        except OSError as exc:
            log.warning("cannot keep the invitations told in %s: %s", self.told_path, exc)

    def accept_address(self, sharing_id: str) -> str:
        invitation = self._find(sharing_id)
        if not invitation.shortcut_id:
            raise ProtocolError(
                f"your Cozy keeps no address to accept '{invitation.title}'",
                "Open 'Shared with me' in your Cozy's Drive to accept it.",
            )
        path = f"/files/download/{invitation.shortcut_id}"
        response = self.session.request("GET", path)
        if response.status_code != 200:
            self.session.fail(response, "")
        return shortcut_address(response.content[:MAX_SHORTCUT_BYTES])

    def decline(self, sharing_id: str) -> None:
        self._find(sharing_id)
        path = f"/sharings/{sharing_id}/recipients/self"
        response = self.session.request("DELETE", path, idempotent=False)
        if response.status_code != 204:
            self.session.fail(response, "")

    def _find(self, sharing_id: str) -> Invitation:
        waiting = self.invitations()
        for invitation in waiting:
            if invitation.sharing_id == sharing_id:
                return invitation
        listed = ", ".join(i.sharing_id for i in waiting) or "none"
        raise ConfigError(
            phrase(
                "no invitation {sharing_id!r} is waiting on your Cozy (waiting: {listed})",
                sharing_id=sharing_id,
                listed=listed,
            ),
            phrase("See them with: cozysync invitations"),
        )


def told_path(cache_path: Path) -> Path:
    """Where the invitations told are kept: beside the pair's tree cache."""
    return cache_path.with_name(cache_path.name + ".invitations.json")


def pending_invitations(items: Iterable[dict[str, Any]]) -> tuple[Invitation, ...]:
    """The sharings of folders (or files) this Cozy was invited to and has not answered
    (not shared drives: those are ``cozysync drives``)."""
    found = []
    for item in items:
        attrs = item.get("attributes")
        if not isinstance(attrs, dict) or attrs.get("owner") or attrs.get("active"):
            continue
        if attrs.get("drive") or not _waiting_for_me(_list(attrs.get("members"))):
            continue
        rules = [r for r in _list(attrs.get("rules")) if r.get("doctype") == "io.cozy.files"]
        if not rules:
            continue
        members = _list(attrs.get("members"))
        found.append(
            Invitation(
                sharing_id=str(item.get("id") or ""),
                title=str(rules[0].get("title") or attrs.get("description") or ""),
                owner=_owner_name(members),
                owner_address=str((members[0] if members else {}).get("instance") or ""),
                read_only=_is_read_only(attrs),
                shortcut_id=str(attrs.get("shortcut_id") or ""),
            )
        )
    return tuple(sorted(found, key=lambda i: (i.title.casefold(), i.sharing_id)))


def _waiting_for_me(members: list[dict[str, Any]]) -> bool:
    """This instance's member (the recipient with an ``instance``) has not answered."""
    mine = [m for m in members[1:] if m.get("instance")]
    return bool(mine) and mine[0].get("status") in WAITING


def shortcut_address(body: bytes) -> str:
    """The ``URL=`` of a ``.url`` file (``pkg/shortcut/shortcut.go`` ``Parse``), checked
    to be a web address before a browser is given it."""
    lines = body.decode("utf-8", "replace").split("\n")
    address = ""
    if len(lines) >= 2 and lines[0].rstrip("\r") == SHORTCUT_SECTION:
        for line in lines[1:]:
            key, sep, value = line.rstrip("\r").partition("=")
            if sep and key == "URL":
                address = value
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ProtocolError(
            "the invitation's shortcut on your Cozy holds no web address",
            "Open 'Shared with me' in your Cozy's Drive to accept it.",
        )
    return address
