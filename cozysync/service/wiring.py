"""What ``cozysync.service`` asks the composition root for.

The service never builds an adapter nor imports an adapter package (an import-linter
contract in ``pyproject.toml`` says so): ``cozysync.composition.Composition``, the one
composition root, builds every adapter and hands them over as the ports of
``cozysync.ports``, through the ``Adapters`` protocol below.  A test gives the service
another ``Adapters`` (in-memory ports, a remote that fails on demand) the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Protocol

from cozysync.config import ClientCertificate, FolderConfig, Locations
from cozysync.paths import NameRules
from cozysync.ports import ChangeWatcher, IgnoreRules, Journal, Remote, Secrets, SyncFolder
from cozysync.shared_drives import SharedDrive

__all__ = [
    "Accounts",
    "Adapters",
    "Cancel",
    "CozyLogin",
    "FolderLock",
    "NextcloudInfo",
    "NextcloudLogin",
]


class FolderLock(Protocol):
    """The folder held by this process (an OS lock): one sync per folder at a time."""

    def acquire(self, *, wait_s: float = 0.0) -> None:
        """Take it, waiting up to ``wait_s``; ``AlreadyRunningError`` if another holds it."""

    def release(self) -> None: ...

    def __enter__(self) -> FolderLock: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class Cancel(Protocol):
    """What ends a browser login at once (a ``threading.Event``)."""

    def is_set(self) -> bool: ...

    def wait(self, timeout: float | None = None) -> bool: ...


class CozyLogin(Protocol):
    """What a Cozy's browser login leaves for the folder's settings (no secret)."""

    @property
    def instance_url(self) -> str: ...

    @property
    def account(self) -> str:
        """The secret store's account holding this client's tokens."""

    @property
    def excluded_on_cozy(self) -> tuple[str, ...]:
        """The top folders the Cozy says this computer's client does not sync."""

    @property
    def excluded_elsewhere(self) -> tuple[str, ...]:
        """The top folders only other clients leave out (another device, or this computer
        before a reinstall): offered at link, never taken unasked."""


class NextcloudInfo(Protocol):
    """What a Nextcloud's (or ownCloud's) ``status.php`` said."""

    @property
    def base_url(self) -> str: ...

    @property
    def product_name(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def installed(self) -> bool: ...

    @property
    def maintenance(self) -> bool: ...


class NextcloudLogin(Protocol):
    """An app password a Nextcloud's browser login made for this computer."""

    @property
    def login_name(self) -> str: ...

    @property
    def app_password(self) -> str: ...


class Accounts(Protocol):
    """The servers' accounts, before and beside a linked folder's ``Remote``: probing a
    new server, the Cozy and Nextcloud browser logins, forgetting an account.  The
    network is used: call off the GUI thread.  Errors are ``cozysync.errors``, as the
    adapters raise them (the service words them for a person)."""

    def probe_webdav(
        self, url: str, user: str | None, password: str | None, *, read_only: bool,
        client_cert: ClientCertificate | None,
    ) -> None:  # fmt: skip
        """Check the WebDAV folder at ``url`` with this login (``read_only``: nothing
        written there)."""

    def webdav_folder_exists(self, url: str, user: str | None, password: str) -> bool:
        """One ``PROPFIND`` of ``url``, nothing written: ``AuthError`` if refused."""

    def cozy_address(self, url: str) -> str:
        """``url`` with ``https://`` when it has no scheme (a Cozy's bare name)."""

    def cozy_instance_url(self, url: str) -> str:
        """The Cozy instance a pasted address leads to (an app's address: its Cozy's)."""

    def is_cozy(self, url: str) -> bool:
        """Whether ``url``'s origin answers like a Cozy stack."""

    def link_cozy(
        self, instance_url: str, secrets: Secrets, device_name: str, *, open_browser: bool,
        print_url: Callable[[str], None],
    ) -> CozyLogin:  # fmt: skip
        """Register this computer on the Cozy through the browser login."""

    def unlink_cozy(self, instance_url: str, secrets: Secrets, account: str) -> None:
        """Unregister the client on the Cozy, then forget its tokens."""

    def remove_cozy_cache(self, cache_path: Path) -> None:
        """Delete a Cozy pair's tree cache and what is kept beside it."""

    def cozy_drives(
        self, instance_url: str, secrets: Secrets, account: str
    ) -> tuple[SharedDrive, ...]:
        """The shared drives of the Cozy (``GET /sharings/drives``) with that login."""

    def detect_nextcloud(self, url: str) -> NextcloudInfo | None:
        """The Nextcloud (or ownCloud) at ``url``, None for another server."""

    def nextcloud_webdav_url(self, base_url: str, user: str, password: str | None = None) -> str:
        """The WebDAV address of the files of the user who logs in as ``user`` on the
        Nextcloud at ``base_url``: with ``password``, named by the user id the server
        gives (a login name may be an e-mail address)."""

    def nextcloud_base(self, webdav_url: str) -> str:
        """The Nextcloud's own address, from a WebDAV address on it."""

    def nextcloud_browser_login(
        self, base_url: str, show: Callable[[str], object], cancel: Cancel
    ) -> NextcloudLogin:
        """Nextcloud's browser login (Login Flow v2): an app password for this computer."""

    def revoke_nextcloud_app_password(self, webdav_url: str, user: str, password: str) -> bool:
        """Ask the Nextcloud of ``webdav_url`` to invalidate the app password ``password``:
        True when revoked, False when it is no app password (or the server has no such
        route); ``AuthError`` when refused, ``OfflineError`` when unreachable."""


class Adapters(Protocol):
    """Builds the ports of a linked folder (see the module)."""

    @property
    def locations(self) -> Locations: ...

    @property
    def marker_name(self) -> str:
        """The file that binds a local folder to its link (``.cozysync``)."""

    def read_marker(self, root: Path) -> str | None:
        """The link id the folder's marker holds, None without one."""

    def is_own_temp_name(self, name: str) -> bool:
        """cozysync's own temp files and marker: never synced, never reported."""

    @property
    def accounts(self) -> Accounts:
        """Probing servers, browser logins, forgetting accounts (link, relink, login)."""

    def secrets(self, folder: FolderConfig) -> Secrets: ...

    def remote(self, folder: FolderConfig) -> Remote:
        """The folder's server side (the secret store opened only if a secret is needed)."""

    def name_rules(self, folder: FolderConfig) -> NameRules:
        """The names the folder's server can store."""

    def open_journal(self, folder: FolderConfig) -> Journal:
        """The folder's journal, created if missing (in a folder only the user reads)."""

    def sync_folder(self, root: Path) -> SyncFolder:
        """The local folder at ``root`` (the synced one, or a restore's destination)."""

    def ignore_rules(self, root: Path) -> IgnoreRules:
        """The built-in rules and the folder's ``.cozyignore``, read again when it changes."""

    def folder_lock(self, folder: FolderConfig | None, lock_path: Path) -> FolderLock:
        """The lock at ``lock_path`` (not taken yet); ``folder`` names it in the error."""

    def watcher(self, root: Path, ignore: IgnoreRules) -> ChangeWatcher:
        """The folder's changes as they happen (not started yet)."""

    def move_into_place(self, src: Path, dst: Path) -> None:
        """Rename ``src`` to ``dst``, never replacing anything there (``OSError``), and
        flush ``dst``'s folder so that the rename survives a crash."""

    def set_bandwidth(self, up: int | None, down: int | None) -> None:
        """The app's upload and download limits, in bytes per second (None: no limit)."""
