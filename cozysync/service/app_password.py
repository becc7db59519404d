"""Unlinking a Nextcloud folder revokes the app password it used (issue 16, item 5
leftover): what Nextcloud asks of a client that removes an account (nextcloud/
documentation LoginFlow/index.rst:89-113; ``Accounts.revoke_nextcloud_app_password``).

The password is forgotten on this computer whatever the server says (the caller deletes
it next): nothing is left on a shared computer.  When the server cannot be reached and
the password is one Nextcloud made (its shape), the user is told it still works there
and how to revoke it in the web settings; a person's own password (typed at ``link``)
is never revoked: the server answers 403 for it, and nothing is said.

Signing in again (``login``, the browser's "Sign in again") and relinking to another
account do the same for the password they replace (``revoke_replaced_password``; relink:
``revoke_app_password`` before the old account is forgotten), after the new one is
stored and without ever failing the login for it.
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

__all__ = ["looks_like_app_password", "revoke_app_password", "revoke_replaced_password"]

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
    return _revoke(folder, folder.user, password, accounts)


def revoke_replaced_password(
    folder: FolderConfig, old_password: str | None, new_password: str, accounts: Accounts
) -> Message | None:
    """After a new login stored ``new_password`` for ``folder`` (``login``, the browser's
    "Sign in again"): revoke the password it replaced, when it was one Nextcloud made (a
    person's own password, changed or not, is left alone), so it does not keep working
    on the server.  The notice to show, as ``revoke_app_password``; never raises: the
    new login is kept whatever the server says."""
    if folder.remote_kind != "webdav" or folder.user is None:
        return None
    if "/remote.php/" not in urlsplit(folder.remote_url).path:
        return None
    if not old_password or old_password == new_password:
        return None
    if not looks_like_app_password(old_password):
        return None
    return _revoke(folder, folder.user, old_password, accounts)


def _revoke(folder: FolderConfig, user: str, password: str, accounts: Accounts) -> Message | None:
    server = _server_of(folder.remote_url)
    try:
        revoked = accounts.revoke_nextcloud_app_password(folder.remote_url, user, password)
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
