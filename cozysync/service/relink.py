"""``relink``: point a pair at another account or server, keeping every local file.

The journal forgets what was synced (its items, errors and last outcome; the conflicts
waiting for the user stay), so the first pass meets two unknown trees and compares them
by content (docs/sync-algorithm.md, "Decisions", journal none): what the new server
lacks is uploaded, the same bytes on both sides are only recorded, different bytes under
one name keep both, and nothing is deleted on either side.  The old account leaves the
secret store (a Cozy client is unregistered and its tokens removed, a WebDAV password
deleted: ``service.remotes.forget_remote``); the new password takes its place.

A relink to the account the folder already syncs with (the same WebDAV folder and user,
the same Cozy) is a new login only: ``service.login`` renews the secret and keeps the
journal, so a file changed on one side meanwhile is not made a conflict.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from cozysync.config import FolderConfig, FolderStore, Locations
from cozysync.logs import redact_value
from cozysync.messages import Message
from cozysync.models import SyncMode
from cozysync.ports import Journal, Secrets
from cozysync.private import private_folder
from cozysync.service.app_password import revoke_app_password
from cozysync.service.linking import check_remote_not_nested, check_url
from cozysync.service.login import login_pair
from cozysync.service.remotes import COZY, WEBDAV, cozy_instance, forget_remote, probe_webdav
from cozysync.service.status import META_OUTCOME, META_PASS_STARTED
from cozysync.service.wiring import Accounts, Adapters
from cozysync.sync.modes import policy_of

__all__ = ["forget_synced_state", "is_same_account", "relink_pair", "store_secret"]

log = logging.getLogger(__name__)


def relink_pair(
    folder: FolderConfig, url: str, user: str | None, password: str | None, *,
    store: FolderStore, locations: Locations, open_store: Callable[[], Secrets],
    adapters: Adapters, cozy: bool = False,
    open_browser: bool = True, print_url: Callable[[str], None] = print,
    on_notice: Callable[[Message], None] | None = None,
) -> FolderConfig:  # fmt: skip
    """``folder`` pointed at the WebDAV folder or the Cozy at ``url``.  The new server is
    probed first (a Cozy: this computer is approved there through the browser login): if
    that fails, nothing changed.  Then, under the folder's lock, the old account is
    forgotten (a Nextcloud app password revoked there first, as at ``unlink``: what the
    server said goes to ``on_notice``, else the log), the new password stored, the
    journal emptied and the settings saved."""
    accounts = adapters.accounts
    url = check_url(accounts.cozy_address(url) if cozy else url)
    check_remote_not_nested(url, [f for f in store.load() if f.name != folder.name])
    redact_value(password)
    if is_same_account(folder, url, user, accounts):
        # only the login changed: emptying the journal would make every file changed
        # on one side meanwhile a conflict; ``login`` keeps it (and needs no lock)
        log.info("relink of %s to the same account: signing in again", folder.name)
        return login_pair(
            folder, password, store=store, locations=locations, open_store=open_store,
            accounts=accounts, open_browser=open_browser, print_url=print_url,
            on_notice=on_notice,
        )  # fmt: skip
    instance = cozy_instance(url, forced=cozy, accounts=accounts)
    if instance is not None:
        login = accounts.link_cozy(
            instance,
            open_store(),
            folder.device_name,
            open_browser=open_browser,
            print_url=print_url,
        )
        relinked = replace(
            folder, remote_url=login.instance_url, user=None, remote_kind=COZY,
            cozy_account=login.account,
        )  # fmt: skip
    else:
        sends = policy_of(SyncMode(folder.mode)).sends_local_changes
        # download-only: nothing written
        probe_webdav(url, user, password, accounts=accounts, read_only=not sends)
        relinked = replace(folder, remote_url=url, user=user, remote_kind=WEBDAV, cozy_account=None)
    lock_path = locations.lock_path(folder.folder_id)
    private_folder(lock_path.parent)
    with adapters.folder_lock(folder, lock_path):
        notice = revoke_app_password(folder, open_store, accounts)  # the old account's
        if notice is not None:
            if on_notice is not None:
                on_notice(notice)
            else:
                log.info("%s: %s", folder.name, notice.text())
        for warning in forget_remote(folder, locations, open_store, accounts):  # the old account's
            log.warning("%s: %s", folder.name, warning)
        if relinked.user is not None and password is not None:
            store_secret(open_store(), relinked, password)
        journal_path = locations.journal_path(folder.folder_id)
        if journal_path.exists():
            journal = adapters.open_journal(folder)
            try:
                forget_synced_state(journal)
            finally:
                journal.close()
        store.replace(relinked)
    log.info("relinked %s to %s", folder.name, url)
    return relinked


def is_same_account(folder: FolderConfig, url: str, user: str | None, accounts: Accounts) -> bool:
    """``url`` (and ``user``) name the server and account ``folder`` already syncs with:
    the same WebDAV folder and user, or the same Cozy (an app's address included)."""
    if folder.remote_kind == COZY:
        return accounts.cozy_instance_url(url).rstrip("/") == folder.remote_url.rstrip("/")
    same_url = url.rstrip("/") == folder.remote_url.rstrip("/")
    return same_url and user == folder.user


def forget_synced_state(journal: Journal) -> None:
    """Empty the journal's items, errors and saved outcome; keep the conflicts."""
    with journal.transaction():
        journal.remove_tree("")
        for error in journal.errors():
            journal.clear_error(error.path)
        journal.set_meta(META_OUTCOME, None)
        journal.set_meta(META_PASS_STARTED, None)


def store_secret(secrets: Secrets, folder: FolderConfig, password: str | None) -> None:
    """The new account's password, under the folder's id (the old one was removed)."""
    if folder.user is not None and password is not None:
        secrets.set(folder.folder_id, password)
