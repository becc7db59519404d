"""Leaving a share someone else made with this account (issue 17, item 3: "manage what
is shared with me"): ``cozysync unshare PATH`` on an item shared with the user.

The server is asked through the folder's ``Sharing`` (a Cozy: the recipient's own
revocation; Nextcloud: the recipient deletes the share).  What becomes of the item
differs, and this computer's copy is never deleted:

- a Cozy keeps the folder in the account, renamed "<title> (sharing revoked)" and no
  longer updated by its owner (``Sharing.leaving_keeps_the_item``): the next pass sees a
  server rename and renames the folder here, its files as they are;
- Nextcloud removes the item from the account: the copy here is first moved out of the
  synced folder, beside it ("<name> (<owner>)"), so that the next pass meets it gone on
  both sides and forgets it (never a deletion sent to the OS trash, never an upload).
  If the server then refuses, it is moved back: nothing changed.

Both under the folder's lock, so that no pass runs between the two steps.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.paths import name_of
from cozysync.phrases import phrase
from cozysync.ports import Sharing
from cozysync.share_errors import NO_SHARE, SharingError
from cozysync.share_models import Share

__all__ = ["LeftShare", "leave_share", "shared_with_me"]

log = logging.getLogger(__name__)

Move = Callable[[Path, Path], None]  # Adapters.move_into_place: never replaces


@dataclass(frozen=True, slots=True)
class LeftShare:
    """A share left: which, and where this computer's copy now is (None: where it was,
    the server keeping the item; the next pass follows the server's rename)."""

    share: Share
    kept_at: str | None


def shared_with_me(sharing: Sharing, rel: str) -> list[Share]:
    """The shares of ``rel`` made with this account (by someone else)."""
    return [s for s in sharing.shares() if not s.mine and s.path == rel and s.share_id]


def leave_share(folder: FolderConfig, rel: str, sharing: Sharing, move: Move) -> LeftShare:
    """Leave the share of ``rel`` made with this account (see the module); the caller
    holds the folder's lock.  ``SharingError`` NO_SHARE when none is."""
    found = shared_with_me(sharing, rel)
    if not found:
        raise SharingError(
            NO_SHARE,
            phrase("{rel!r} is not shared with you", rel=rel),
            phrase("See what is shared with you: cozysync shares"),
            path=rel,
        )
    share = found[0]
    local = folder.local_path / rel
    if sharing.leaving_keeps_the_item or not (local.exists() or local.is_symlink()):
        sharing.leave_share(share.share_id)
        log.info("%s: left the share of %s", folder.name, rel)
        return LeftShare(share, None)
    kept = _free_place(folder.local_path.parent, name_of(rel), share.who, local.is_dir())
    move(local, kept)  # first: no pass can see it gone on the server only
    try:
        sharing.leave_share(share.share_id)
    except BaseException:
        move(kept, local)  # refused: as it was
        raise
    log.info("%s: left the share of %s; the copy here is now %s", folder.name, rel, kept)
    return LeftShare(share, str(kept))


def _free_place(parent: Path, name: str, owner: str, is_dir: bool) -> Path:
    """ "<name> (<owner>)" in ``parent`` (before a file's extension), numbered if taken."""
    splits = not is_dir and "." in name.lstrip(".")
    stem, dot, ext = name.rpartition(".") if splits else (name, "", "")
    who = owner.replace("/", "-").replace("\0", "").strip()
    tag = f" ({who})" if who else ""
    for number in range(1, 1000):
        count = f" {number}" if number > 1 else ""
        candidate = parent / f"{stem}{tag}{count}{dot}{ext}"
        if not (candidate.exists() or candidate.is_symlink()):
            return candidate
    raise SharingError(
        NO_SHARE,
        phrase("no free name for {name!r} in {parent}", name=name, parent=parent),
        path=name,
    )
