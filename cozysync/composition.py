"""The composition root: the one place that builds cozysync's adapters.

``Composition`` builds every adapter of a linked folder (the local folder, its
``.cozyignore`` rules, its lock and watcher, the SQLite journal, the secret store, the
WebDAV or Cozy remote) and hands them to ``cozysync.service`` as the ports it declares
(``service.wiring.Adapters``); ``cozysync.api.SyncService`` is built on one.  Nothing in
``cozysync.service`` imports an adapter package: the import-linter contract "service
depends on ports only" (``pyproject.toml``) checks it.

What a remote can do beyond the ``Remote`` port is declared by the remote itself
(``Remote.features``: ``ports.RemoteFeatures``), never guessed here from its class.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

from cozysync.accounts import ServerAccounts
from cozysync.config import (
    ClientCertificate,
    FolderConfig,
    FolderStore,
    Locations,
    client_key_account,
)
from cozysync.errors import ConfigError, CozySyncError, SecretStoreError
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder, OnTrashed
from cozysync.local.ignore import IgnoreMatcher
from cozysync.local.lock import InstanceLock
from cozysync.local.marker import MARKER_NAME, is_own_temp_name, read_marker
from cozysync.local.os_trash import TrashedPlace
from cozysync.local.rename import fsync_dir, rename_no_replace
from cozysync.local.watch import FolderWatcher
from cozysync.logs import redact_value
from cozysync.models import SyncMode
from cozysync.paths import WEBDAV_NAME_RULES, NameRules
from cozysync.ports import ChangeWatcher, IgnoreRules, Journal, Remote, Secrets, SyncFolder
from cozysync.private import private_folder
from cozysync.remotes.proxy import install_saved_proxy
from cozysync.remotes.throttle import BANDWIDTH
from cozysync.remotes.webdav import WebDavRemote
from cozysync.secrets import open_secrets
from cozysync.service.remotes import COZY, cozy_cache_path
from cozysync.service.wiring import Accounts, Adapters, FolderLock
from cozysync.shared_drives import COZY_DRIVE, drive_of_address
from cozysync.sync.modes import policy_of
from cozysync.trash_records import TrashRecords

__all__ = ["Composition"]


class Composition:
    """The adapters of this computer's cozysync, from where its state lives."""

    def __init__(self, locations: Locations) -> None:
        self._locations = locations
        install_saved_proxy(locations)  # every client built from now on uses it (issue 19)
        self._accounts = ServerAccounts()

    @property
    def locations(self) -> Locations:
        return self._locations

    @property
    def marker_name(self) -> str:
        return MARKER_NAME

    def read_marker(self, root: Path) -> str | None:
        return read_marker(root)

    def is_own_temp_name(self, name: str) -> bool:
        return is_own_temp_name(name)

    @property
    def accounts(self) -> Accounts:
        return self._accounts

    def secrets(self, folder: FolderConfig) -> Secrets:
        allow = folder.secret_store == "file"
        return open_secrets(self._locations.config_dir, allow_file_store=allow)

    def remote(self, folder: FolderConfig) -> Remote:
        """The secret store is opened only when a secret is needed: a WebDAV folder
        without a user (the demo) works on a machine with no keyring."""
        if folder.remote_kind == COZY_DRIVE:  # a shared drive of a Cozy (shared_drives)
            return self._drive_remote(folder)
        if folder.remote_kind == COZY:
            from cozysync.remotes.cozy import CozyRemote  # only for a Cozy (start-up time)

            assert folder.cozy_account is not None
            cache = cozy_cache_path(self._locations, folder)
            private_folder(self._locations.data_dir)
            private_folder(cache.parent)
            return CozyRemote(
                folder.remote_url, secrets=self.secrets(folder), account=folder.cozy_account,
                cache_path=cache, excluded=self._excluded_now(folder),
            )  # fmt: skip
        password = None
        if folder.user is not None:
            password = self.secrets(folder).get(folder.folder_id)
            redact_value(password)
        # A download-only folder never writes to the server, not even to probe it.
        read_only = not policy_of(SyncMode(folder.mode)).sends_local_changes
        return WebDavRemote(
            folder.remote_url, folder.user, password, read_only=read_only,
            client_cert=self.client_certificate(folder),
        )  # fmt: skip

    def _drive_remote(self, folder: FolderConfig) -> Remote:
        from cozysync.remotes.cozy_drives import CozyDriveRemote

        assert folder.cozy_account is not None
        instance, drive_id = drive_of_address(folder.remote_url)
        cache = cozy_cache_path(self._locations, folder)
        private_folder(self._locations.data_dir)
        private_folder(cache.parent)
        return CozyDriveRemote(
            instance, drive_id, secrets=self.secrets(folder), account=folder.cozy_account,
            cache_path=cache,
        )  # fmt: skip

    def client_certificate(self, folder: FolderConfig) -> ClientCertificate | None:
        """The folder's client certificate (issue 19), its key's passphrase from the
        secret store (none kept, or no store: an unencrypted key)."""
        if folder.client_cert is None:
            return None
        passphrase = None
        with suppress(SecretStoreError):
            passphrase = self.secrets(folder).get(client_key_account(folder.folder_id))
        redact_value(passphrase)
        return ClientCertificate(folder.client_cert, folder.client_key, passphrase)

    def _excluded_now(self, folder: FolderConfig) -> Callable[[], tuple[str, ...]]:
        """The pair's excluded folders as its settings say when asked: a Cozy keeps them
        in ``not_synchronized_on`` (``folders --exclude`` while a sync runs reaches it at
        the next listing)."""
        store = FolderStore(self._locations.folders_file)

        def now() -> tuple[str, ...]:
            with suppress(ConfigError):
                for saved in store.load():
                    if saved.folder_id == folder.folder_id:
                        return saved.excluded_folders
            return folder.excluded_folders

        return now

    def name_rules(self, folder: FolderConfig) -> NameRules:
        if folder.remote_kind in (COZY, COZY_DRIVE):
            from cozysync.remotes.cozy import COZY_NAME_RULES

            return COZY_NAME_RULES
        return WEBDAV_NAME_RULES

    def open_journal(self, folder: FolderConfig) -> Journal:
        path = self._locations.journal_path(folder.folder_id)
        private_folder(self._locations.data_dir)
        private_folder(path.parent)
        return SqliteJournal(path)

    def sync_folder(self, root: Path) -> SyncFolder:
        """A linked folder notes what it sends to the OS trash (issue 18)."""
        folder_id = None
        with suppress(CozySyncError):
            folder_id = read_marker(root)
        if folder_id is None:
            return LocalFolder(root)
        return LocalFolder(root, on_trashed=_noting_trashed(self._locations, folder_id))

    def ignore_rules(self, root: Path) -> IgnoreRules:
        return IgnoreMatcher(root)

    def folder_lock(self, folder: FolderConfig | None, lock_path: Path) -> FolderLock:
        return InstanceLock(lock_path, folder=folder.local_root if folder else None)

    def watcher(self, root: Path, ignore: IgnoreRules) -> ChangeWatcher:
        return FolderWatcher(root, ignore)

    def move_into_place(self, src: Path, dst: Path) -> None:
        rename_no_replace(src, dst)
        fsync_dir(dst.parent)

    def set_bandwidth(self, up: int | None, down: int | None) -> None:
        BANDWIDTH.set_limits(up, down)  # the token buckets every transfer draws from


def _noting_trashed(locations: Locations, folder_id: str) -> OnTrashed:
    records = TrashRecords(locations.state_dir)

    def noted(path: str, is_dir: bool, size: int | None, place: TrashedPlace | None) -> None:
        records.add(
            records.new_record(
                folder_id, path, is_dir=is_dir, size=size, at=time.time(),
                trash_path=place.files_path if place else None,
                info_path=place.info_path if place else None,
            )
        )  # fmt: skip

    return noted


def _declares_adapters(root: Composition) -> Adapters:
    return root  # mypy checks here that the root gives every port the service asks for
