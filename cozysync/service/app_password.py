"""Unlinking a Nextcloud folder revokes the app password it used (issue 16, item 5
leftover): what Nextcloud asks of a client that removes an account (nextcloud/
documentation LoginFlow/index.rst:89-113; ``Accounts.revoke_nextcloud_app_password``).

The password is forgotten on this computer whatever the server says (the caller deletes
it next): nothing is left on a shared computer.  When the server cannot be reached and
the password is one Nextcloud made (its shape), the user is told it still works there
and how to revoke it in the web settings; a person's own password (typed at ``link``)
is never revoked: the server answers 403 for it, and nothing is said.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from contextlib import suppress
from urllib.parse import urlsplit

from cozysync.config import FolderConfig
from cozysync.errors import AuthError, CozySyncError
from cozysync.messages import Message, MessageId, message
from cozysync.ports import Secrets
from cozysync.service.wiring import Accounts

__all__ = ["looks_like_app_password", "revoke_app_password"]

log = logging.getLogger(__name__)

# what Nextcloud generates: 72 letters and digits (core/Controller/
# AppPasswordController.php:81, core/Service/LoginFlowV2Service.php:147), or five groups
# of five joined by "-" (before Nextcloud 14)
_APP_PASSWORD = re.compile(r"[A-Za-z0-9]{72}|(?:[A-Za-z0-9]{5}-){4}[A-Za-z0-9]{5}")


def looks_like_app_password(password: str) -> bool:
    """Has ``password`` the shape of one Nextcloud made (a person's own never has)?"""
    return _APP_PASSWORD.fullmatch(password) is not None


def revoke_app_password(
    folder: FolderConfig, open_store: Callable[[], Secrets], accounts: Accounts
) -> Message | None:
    """Before the folder's password is forgotten: revoke it on its Nextcloud.  The
    notice to show: revoked, or still working there (unreachable); None when there was
    nothing to revoke (not a Nextcloud folder, the user's own password, no password
    kept, or refused: revoked or changed already)."""
    if folder.remote_kind != "webdav" or folder.user is None:
        return None
    if "/remote.php/" not in urlsplit(folder.remote_url).path:
        return None  # a plain WebDAV server: it has no app passwords
    password = None
    with suppress(CozySyncError):
        password = open_store().get(folder.folder_id)
    if not password:
        return None
    server = _server_of(folder.remote_url)
    try:
        revoked = accounts.revoke_nextcloud_app_password(folder.remote_url, folder.user, password)
    except AuthError:
        return None  # refused: this password no longer opens the account
    except CozySyncError as exc:
        log.info("the app password was not revoked: %s", exc.one_line())
        if not looks_like_app_password(password):
            return None
        return message(MessageId.WARNING_APP_PASSWORD_LEFT, {"server": server, "detail": exc.title})
    if not revoked:
        return None
    log.info("revoked the app password of %s on %s", folder.name, server)
    return message(MessageId.NOTICE_APP_PASSWORD_REVOKED, {"server": server})


def _server_of(webdav_url: str) -> str:
    """The server's address as the user knows it (before ``/remote.php/``)."""
    parts = urlsplit(webdav_url)
    path = parts.path[: parts.path.index("/remote.php/")]
    return f"{parts.scheme}://{parts.netloc}{path}"
