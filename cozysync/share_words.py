"""Shares and refused shares in the user's words (English or French: ``cozysync.i18n``),
for the CLI's ``share``/``shares``/``unshare`` and the app's Share dialog alike."""

from __future__ import annotations

from cozysync.i18n import translate
from cozysync.share_errors import (
    AMBIGUOUS,
    CANNOT_SHARE,
    NO_SHARE,
    NOBODY,
    NOT_ON_SERVER,
    SIGN_IN_AGAIN,
    SharingError,
)
from cozysync.share_models import Share, ShareKind

__all__ = ["refusal_words", "share_line"]


def share_line(share: Share) -> str:
    """One share in the user's words: what, with whom, how, since when."""
    what = share.path or share.name or "?"
    how = [translate("CLI", "read-only") if share.read_only else translate("CLI", "can edit")]
    if share.status == "waiting":
        how.append(translate("CLI", "waiting for an answer"))
    if share.has_password:
        how.append(translate("CLI", "password"))
    if share.expires:
        how.append(translate("CLI", "until {date}").format(date=share.expires[:10]))
    said = ", ".join(how)
    since = share.since[:10]
    if share.kind == ShareKind.LINK:
        text = translate("CLI", "{what}: link ({how})")
    elif share.mine:
        text = translate("CLI", "{what}: shared with {who} ({how})")
    else:
        text = translate("CLI", "{what}: shared with you by {who} ({how})")
    line = text.format(what=what, who=share.who, how=said)
    if since:
        line += translate("CLI", ", since {date}").format(date=since)
    return line


def refusal_words(exc: SharingError) -> str:
    """Why a share was refused, and what to do."""
    said = {
        CANNOT_SHARE: translate(
            "CLI",
            "this server cannot share: {server} has no sharing API. Share from the "
            "server's own web page.",
        ),
        SIGN_IN_AGAIN: translate(
            "CLI",
            "this computer's login to your Cozy cannot read your contacts yet. Sign in again "
            "once with: cozysync login (sharing with people needs that permission, which "
            "older logins did not ask).",
        ),
        NOT_ON_SERVER: translate(
            "CLI",
            "{path} is not on the server yet. Sync it first (cozysync sync), then share it.",
        ),
        NOBODY: translate(
            "CLI",
            "no one called {name} is in your address book. Check the spelling, or add them "
            "to your contacts first.",
        ),
        AMBIGUOUS: translate(
            "CLI", "{name} could be several people or groups ({matches}). Give the whole name."
        ),
        NO_SHARE: translate(
            "CLI", "{path} is not shared that way. See what is shared with: cozysync shares"
        ),
    }.get(exc.reason)
    if said is None:
        return exc.one_line()
    details = {"server": "", "path": exc.path or "", "name": "", "matches": ""} | exc.details
    return said.format(**details)
