"""``login``: sign in again to a linked folder's server, after its password changed or
its Cozy login was revoked, without relinking.

Nothing about the pair moves: the same server, the same folder, the journal kept as it
is, so the next pass compares both sides with what was synced before (a file changed on
one side only is a plain transfer, never a conflict; an unchanged pair transfers
nothing).  Only the secret is renewed:

- WebDAV: the new password is checked against the server (one ``PROPFIND`` of the
  folder, nothing written) before it replaces the old one in the secret store; a wrong
  one is refused with the server's words and nothing is saved;
- a Nextcloud (or ownCloud) without a password given: its browser login (Login Flow
  v2, ``Accounts.nextcloud_browser_login``) makes an app password for this computer,
  checked and saved the same way;
- a Cozy: the browser login registers this computer again (``Accounts.link_cozy``); the
  folder's settings name the new client, and the old one is unregistered if the Cozy
  still knows it, its tokens forgotten either way.

No folder lock is taken: a pair served by ``cozysync run`` or the tray keeps running.
Each login writes the pair's sign-in stamp (a file in the state folder); a running pair
looks at it on every tick (``SignInWatch``), takes the new secret at once and starts a
full pass, without a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from cozysync.atomic import write_atomically
from cozysync.config import FolderConfig, FolderStore, Locations
from cozysync.errors import AuthError, ConfigError, CozySyncError
from cozysync.logs import redact_value
from cozysync.messages import Message
from cozysync.phrases import phrase
from cozysync.ports import Remote, Secrets
from cozysync.private import private_folder
from cozysync.service.app_password import revoke_replaced_password
from cozysync.service.remotes import COZY
from cozysync.service.settings_stamp import SettingsStamp
from cozysync.service.wiring import Accounts, Cancel
from cozysync.shared_drives import COZY_DRIVE, drive_of_address

__all__ = [
    "SignInWatch",
    "check_password",
    "is_nextcloud_address",
    "login_pair",
    "needs_password",
    "sign_in_stamp_path",
]

log = logging.getLogger(__name__)


def needs_password(folder: FolderConfig) -> bool:
    """Whether signing in to ``folder`` asks for a password (else: a browser login)."""
    return folder.remote_kind not in (COZY, COZY_DRIVE)  # a drive: its Cozy's login


def is_nextcloud_address(url: str) -> bool:
    """A Nextcloud's (or ownCloud's) WebDAV address: its files live under remote.php."""
    return "/remote.php/" in url


def login_pair(
    folder: FolderConfig, password: str | None, *, store: FolderStore, locations: Locations,
    open_store: Callable[[], Secrets], accounts: Accounts, open_browser: bool = True,
    print_url: Callable[[str], None] = print, cancel: Cancel | None = None,
    on_notice: Callable[[Message], None] | None = None,
) -> FolderConfig:  # fmt: skip
    """Renew ``folder``'s login (``password`` for WebDAV; the browser for a Cozy, and for
    a Nextcloud when no password is given) and tell a running pair; returns the folder's
    settings as saved.  ``cancel`` set ends a Nextcloud browser login at once.  A
    Nextcloud app password replaced is then revoked on the server
    (``service.app_password``); what the server said is handed to ``on_notice`` (else
    logged)."""
    old_password = None
    if needs_password(folder):
        if password is None and folder.user is not None:
            password = _nextcloud_app_password(folder, accounts, open_browser, print_url, cancel)
        with suppress(CozySyncError):
            old_password = open_store().get(folder.folder_id)
        _renew_password(folder, password, open_store, accounts)
        signed_in = folder
    else:
        signed_in = _renew_cozy_login(folder, store, open_store, accounts, open_browser, print_url)
    _write_stamp(sign_in_stamp_path(locations, folder))
    log.info("%s: signed in again", folder.name)
    if password is not None:  # the new one is stored and in use: the old one can go
        notice = revoke_replaced_password(folder, old_password, password, accounts)
        if notice is not None:
            (on_notice or _log_notice)(notice)
    return signed_in


def _log_notice(notice: Message) -> None:
    log.info("%s", notice.text())


def _renew_password(
    folder: FolderConfig, password: str | None, open_store: Callable[[], Secrets],
    accounts: Accounts,
) -> None:  # fmt: skip
    if folder.user is None:
        raise ConfigError(
            phrase(
                "{name!r} has no login to renew: its server asks for no password", name=folder.name
            ),
            phrase(
                "If the server now asks for one, relink it: cozysync relink NAME URL --user USER"
            ),
        )
    if not password:
        raise ConfigError(
            phrase("no password given"),
            phrase("Type it when asked, or pipe it in with --password-stdin."),
        )
    redact_value(password)
    check_password(folder, password, accounts)
    open_store().set(folder.folder_id, password)


def _nextcloud_app_password(
    folder: FolderConfig, accounts: Accounts, open_browser: bool,
    print_url: Callable[[str], None], cancel: Cancel | None,
) -> str:  # fmt: skip
    """Nextcloud's browser login, for the account the folder syncs."""
    import webbrowser

    if not is_nextcloud_address(folder.remote_url):
        raise ConfigError(
            phrase("no password given"),
            phrase("Type it when asked, or pipe it in with --password-stdin."),
        )

    def show(url: str) -> None:
        if not (open_browser and webbrowser.open(url)):
            print_url(url)

    base = accounts.nextcloud_base(folder.remote_url)
    credentials = accounts.nextcloud_browser_login(base, show, cancel or threading.Event())
    redact_value(credentials.app_password)
    if credentials.login_name != folder.user:
        raise ConfigError(
            phrase(
                "you signed in as {login_name}, but this folder syncs the files of {user}",
                login_name=credentials.login_name,
                user=folder.user,
            ),
            phrase(
                "Sign in again as {user}; to sync another account, relink the folder.",
                user=folder.user,
            ),
        )
    return credentials.app_password


def check_password(folder: FolderConfig, password: str, accounts: Accounts) -> None:
    """One ``PROPFIND`` of the folder with the new password: ``AuthError`` when the
    server refuses it; nothing is written there."""
    try:
        found = accounts.webdav_folder_exists(folder.remote_url, folder.user, password)
    except AuthError as exc:
        raise AuthError(
            f"the server refused this password for {folder.user}",
            "Check the password and type it again (where the server gives app passwords, "
            "use one made for this computer).",
        ) from exc
    if not found:
        raise ConfigError(
            phrase(
                "there is no WebDAV folder at {remote_url} any more", remote_url=folder.remote_url
            ),
            phrase("If it moved, relink the folder: cozysync relink NAME URL"),
        )


def _renew_cozy_login(
    folder: FolderConfig, store: FolderStore, open_store: Callable[[], Secrets],
    accounts: Accounts, open_browser: bool, print_url: Callable[[str], None],
) -> FolderConfig:  # fmt: skip
    """This computer registered again on the same Cozy; the old client is forgotten."""
    secrets = open_store()
    instance = folder.remote_url
    if folder.remote_kind == COZY_DRIVE:  # a shared drive's folder: its Cozy's login
        instance = drive_of_address(folder.remote_url)[0]
    login = accounts.link_cozy(
        instance, secrets, folder.device_name, open_browser=open_browser, print_url=print_url
    )
    old_account = folder.cozy_account
    signed_in = replace(folder, cozy_account=login.account)
    store.replace(signed_in)
    for other in store.load():  # the shared drives added from it use the same login
        if old_account is not None and other.cozy_account == old_account:
            store.replace(replace(other, cozy_account=login.account))
    if old_account is not None and old_account != login.account:
        _forget_cozy_client(instance, secrets, old_account, accounts)
    return signed_in


def _forget_cozy_client(
    instance_url: str, secrets: Secrets, account: str, accounts: Accounts
) -> None:
    """Unregister the old client if the Cozy still knows it; forget its tokens anyway
    (a revoked client cannot be unregistered: the Cozy already removed it)."""
    try:
        accounts.unlink_cozy(instance_url, secrets, account)
    except CozySyncError as exc:
        log.info("the old Cozy client was not unregistered: %s", exc.one_line())
        with suppress(CozySyncError):
            secrets.delete(account)


def sign_in_stamp_path(locations: Locations, folder: FolderConfig) -> Path:
    """Written at each login; a running pair watches it (``SignInWatch``)."""
    return locations.state_dir / f"{folder.folder_id}.signed-in"


def _write_stamp(path: Path) -> None:
    private_folder(path.parent)
    write_atomically(path, f"{time.time()}\n".encode("ascii"))  # a new inode each time


class _Session(Protocol):
    folder: FolderConfig

    def use_new_login(self, folder: FolderConfig, remote: Remote) -> None: ...


class _Loop(Protocol):
    def sync_soon(self) -> None: ...


class SignInWatch:
    """A running pair takes a login renewed by ``login_pair`` (in this process or
    another): one ``stat`` per tick; on a new stamp, the folder's settings are read
    again, a remote built with the new secret (handed to ``on_new_remote`` too), and a
    full pass asked for."""

    def __init__(
        self, locations: Locations, store: FolderStore, session: _Session,
        remote_for: Callable[[FolderConfig], Remote], *,
        on_new_remote: Callable[[Remote], None] = lambda _remote: None,
    ) -> None:  # fmt: skip
        self.store, self.session, self.remote_for = store, session, remote_for
        self.on_new_remote = on_new_remote  # e.g. the realtime trigger, started again
        self._stamp = SettingsStamp([sign_in_stamp_path(locations, session.folder)])
        self._stamp.changed()  # a login made before the pair started is already in use

    def apply(self, loop: _Loop) -> None:
        if not self._stamp.changed():
            return
        name = self.session.folder.name
        try:
            folder = next((f for f in self.store.load() if f.name == name), None)
            if folder is None:
                return  # unlinked meanwhile: the pair is being stopped
            remote = self.remote_for(folder)
        except CozySyncError as exc:  # the keyring, a settings file mid-edit by hand
            log.warning("%s: the new login was not taken: %s", name, exc.one_line())
            return
        log.info("%s: signed in again; syncing now", name)
        self.session.use_new_login(folder, remote)
        self.on_new_remote(remote)
        loop.sync_soon()
