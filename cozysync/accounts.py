"""The accounts adapter: what the link, relink, login and server-check code of
``cozysync.service`` asks of the servers (``service.wiring.Accounts``), built by the
composition root (``Composition.accounts``) beside the folders' other adapters.

The Cozy and Nextcloud modules are imported only when used (start-up time), as before.
``check_server`` is the wizard's first check with these accounts.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from cozysync.config import ClientCertificate
from cozysync.ports import Secrets
from cozysync.remotes.cozy_address import cozy_instance_url, with_scheme
from cozysync.remotes.webdav import WebDavRemote
from cozysync.service.server_check import ServerCheck
from cozysync.service.server_check import check_server as check_with
from cozysync.service.wiring import Accounts, Cancel, CozyLogin, NextcloudInfo, NextcloudLogin
from cozysync.shared_drives import SharedDrive

__all__ = ["ServerAccounts", "check_server"]


class ServerAccounts:
    """``Accounts`` on the real servers (WebDAV, the Cozy stack, Nextcloud)."""

    def probe_webdav(
        self, url: str, user: str | None, password: str | None, *, read_only: bool,
        client_cert: ClientCertificate | None,
    ) -> None:  # fmt: skip
        remote = WebDavRemote(url, user, password, read_only=read_only, client_cert=client_cert)
        try:
            remote.check()
        finally:
            remote.close()

    def webdav_folder_exists(self, url: str, user: str | None, password: str) -> bool:
        remote = WebDavRemote(url, user, password, read_only=True)
        try:
            return remote.stat("") is not None
        finally:
            remote.close()

    def cozy_address(self, url: str) -> str:
        return with_scheme(url)

    def cozy_instance_url(self, url: str) -> str:
        return cozy_instance_url(url)

    def is_cozy(self, url: str) -> bool:
        from cozysync.remotes.cozy_link import detect_cozy

        return detect_cozy(url)

    def link_cozy(
        self, instance_url: str, secrets: Secrets, device_name: str, *, open_browser: bool,
        print_url: Callable[[str], None],
    ) -> CozyLogin:  # fmt: skip
        from cozysync.remotes.cozy_link import link_cozy

        return link_cozy(
            instance_url, secrets=secrets, device_name=device_name, open_browser=open_browser,
            print_url=print_url,
        )  # fmt: skip

    def unlink_cozy(self, instance_url: str, secrets: Secrets, account: str) -> None:
        from cozysync.remotes.cozy_link import unlink_cozy

        unlink_cozy(instance_url, secrets=secrets, account=account)

    def remove_cozy_cache(self, cache_path: Path) -> None:
        from cozysync.remotes.cozy_invitations import told_path

        for path in (cache_path, told_path(cache_path)):
            with suppress(FileNotFoundError):
                path.unlink()

    def cozy_drives(
        self, instance_url: str, secrets: Secrets, account: str
    ) -> tuple[SharedDrive, ...]:
        from cozysync.clock import SystemClock
        from cozysync.remotes.cozy_auth import CozySession, TokenStore
        from cozysync.remotes.cozy_drives import list_drives

        session = CozySession(instance_url, TokenStore(secrets, account), clock=SystemClock())
        try:
            return list_drives(session)
        finally:
            session.close()

    def detect_nextcloud(self, url: str) -> NextcloudInfo | None:
        from cozysync.remotes.nextcloud_login import detect_nextcloud

        return detect_nextcloud(url)

    def nextcloud_webdav_url(self, base_url: str, user: str, password: str | None = None) -> str:
        from cozysync.remotes.nextcloud_login import user_webdav_url, webdav_url_for

        if password is None:
            return webdav_url_for(base_url, user)
        return user_webdav_url(base_url, user, password)

    def nextcloud_base(self, webdav_url: str) -> str:
        from cozysync.remotes.nextcloud_login import nextcloud_base

        return nextcloud_base(webdav_url)

    def nextcloud_browser_login(
        self, base_url: str, show: Callable[[str], object], cancel: Cancel
    ) -> NextcloudLogin:
        from cozysync.remotes.nextcloud_login import login_with_browser

        return login_with_browser(base_url, show, cancel)

    def revoke_nextcloud_app_password(self, webdav_url: str, user: str, password: str) -> bool:
        from cozysync.remotes.nextcloud_app_password import revoke_app_password

        return revoke_app_password(webdav_url, user, password)


def check_server(url: str, user: str | None, password: str | None, *, cozy: bool) -> ServerCheck:
    """``service.server_check.check_server`` on the real servers (the wizard's check)."""
    return check_with(url, user, password, cozy=cozy, accounts=ServerAccounts())


def _declares_accounts(accounts: ServerAccounts) -> Accounts:
    return accounts  # mypy checks here that every method of the port is given
