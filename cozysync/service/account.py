"""A pair's account for the preferences: the server, the user and the space the server
says the account uses and has left (``TellsQuota``, a remote's declared capability)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, replace

from cozysync.config import FolderConfig
from cozysync.errors import AuthError, CozySyncError
from cozysync.ports import Remote

__all__ = ["AccountInfo", "read_account"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AccountInfo:
    """Plain data: ``used_bytes``/``available_bytes`` None when the server does not tell
    (``quota_known`` False: it told neither), ``is_unlimited`` when it says there is no
    limit.  ``quota_problem``: why it could not be asked (English, for the log and the
    CLI), or None."""

    name: str
    server: str
    user: str | None
    remote_kind: str  # "webdav" | "cozy"
    used_bytes: int | None = None
    available_bytes: int | None = None
    is_unlimited: bool = False
    quota_problem: str | None = None
    login_refused: bool = False  # the server refused the saved login: sign in again

    @property
    def quota_known(self) -> bool:
        return self.used_bytes is not None or self.available_bytes is not None

    @property
    def total_bytes(self) -> int | None:
        """Used plus available, when the server tells both."""
        if self.used_bytes is None or self.available_bytes is None:
            return None
        return self.used_bytes + self.available_bytes


def read_account(
    folder: FolderConfig, open_remote: Callable[[FolderConfig], Remote]
) -> AccountInfo:
    """``folder``'s account, its quota asked from its remote when it can tell it.  A
    server that cannot be asked now (offline, login refused) leaves the quota unknown
    with the reason: the rest of the account is still shown."""
    info = AccountInfo(folder.name, folder.remote_url, folder.user, folder.remote_kind)
    try:
        with closing(open_remote(folder)) as remote:
            teller = remote.features.quota
            quota = None if teller is None else teller.storage_quota()
    except CozySyncError as exc:
        log.info("%s: the quota could not be asked: %s", folder.name, exc.one_line())
        refused = isinstance(exc, AuthError)
        return replace(info, quota_problem=exc.one_line(), login_refused=refused)
    if quota is None:
        return info
    return replace(
        info,
        used_bytes=quota.used_bytes,
        available_bytes=quota.available_bytes,
        is_unlimited=quota.is_unlimited,
    )
