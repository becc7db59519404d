"""``SyncService``: the one facade the CLI and the tray use.

It is built on the composition root (``cozysync.composition.Composition``), where the
adapters are built; the service wires their ports to the engine.  Every method returns plain
frozen dataclasses (``FolderConfig``, ``SyncOutcome``, ``FolderStatus``, ``ConflictInfo``)
that could cross a process boundary unchanged, and raises only ``cozysync.errors``.
The pieces it is built from live in ``cozysync.service`` (one module per concept); the
names listed in ``__all__`` are re-exported from there.  The class itself is split by
concept: linking and syncing here; pause, poll interval, bandwidth and selective sync in
``service/controls.py``; status, conflicts, restore, export and relink in
``service/inspecting.py``; state and wiring in ``service/core.py``.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace
from pathlib import Path

from cozysync.activity import ActivityEntry
from cozysync.composition import Composition
from cozysync.config import (
    ClientCertificate,
    FolderConfig,
    Locations,
    client_key_account,
    unique_name,
)
from cozysync.errors import ConfigError, FatalError
from cozysync.events import Event
from cozysync.local.marker import MARKER_NAME, read_marker, write_marker
from cozysync.logs import pair_logging, redact_value, remove_pair_logs
from cozysync.messages import Message
from cozysync.models import Invitation, SyncMode
from cozysync.phrases import phrase
from cozysync.private import private_folder
from cozysync.service.account import AccountInfo, read_account
from cozysync.service.app_password import revoke_app_password
from cozysync.service.controls import ServiceControls
from cozysync.service.deleted_files import (
    DeletedFiles,
    DeletedItem,
    ServiceDeletedFiles,
    Undeleted,
)
from cozysync.service.drives import cozy_folder, drive_folder, drives_of, linked_drive, pick_drive
from cozysync.service.inspecting import ServiceInspection
from cozysync.service.invitations import (
    accept_invitation,
    decline_invitation,
    list_invitations,
)
from cozysync.service.linking import (
    check_mode,
    check_not_nested,
    check_remote_not_nested,
    check_url,
    local_only_files,
    resolve_root,
)
from cozysync.service.online import LocatedItem, OnlineItem, ServiceOnline
from cozysync.service.pairs import PairRunner, PairStopped
from cozysync.service.remotes import COZY, cozy_instance, forget_remote, probe_webdav
from cozysync.service.results import (
    ConflictInfo,
    ExportResult,
    FolderStatus,
    ItemProblem,
    RestoreResult,
    SyncOutcome,
    UnlinkResult,
    VersionInfo,
)
from cozysync.service.root_guard import check_root
from cozysync.service.selection import RemoteFolder
from cozysync.service.session import EmitFn
from cozysync.service.sharing import ServiceSharing
from cozysync.service.versions import FileVersions, ServiceVersions, VersionRestore
from cozysync.service.watch_loop import BACKOFF_BASE_S as BACKOFF_BASE_S
from cozysync.service.watch_loop import BACKOFF_CAP_S as BACKOFF_CAP_S
from cozysync.service.watch_loop import FULL_RESCAN_S as FULL_RESCAN_S
from cozysync.service.watch_loop import backoff_delay
from cozysync.service.wiring import Adapters
from cozysync.shared_drives import SharedDrive
from cozysync.sync.cancel import StopEvent
from cozysync.sync.modes import policy_of
from cozysync.trash_records import TrashRecords

__all__ = [
    "AccountInfo",
    "ActivityEntry",
    "ConflictInfo",
    "DeletedFiles",
    "DeletedItem",
    "ExportResult",
    "FileVersions",
    "FolderStatus",
    "ItemProblem",
    "LocatedItem",
    "OnlineItem",
    "PairStopped",
    "RemoteFolder",
    "RestoreResult",
    "StopEvent",
    "SyncOutcome",
    "SyncService",
    "Undeleted",
    "UnlinkResult",
    "VersionInfo",
    "VersionRestore",
    "backoff_delay",
    "check_root",
    "check_url",
]

log = logging.getLogger(__name__)


class SyncService(
    ServiceControls,
    ServiceInspection,
    ServiceVersions,
    ServiceSharing,
    ServiceDeletedFiles,
    ServiceOnline,
):
    """Link, sync, watch and inspect folders.  ``emit`` receives every engine event.
    ``adapters``: where the folders' ports come from (the composition root by default;
    a test may give in-memory ones)."""

    def __init__(
        self,
        locations: Locations,
        *,
        emit: EmitFn | None = None,
        adapters: Adapters | None = None,
    ) -> None:
        root = adapters if adapters is not None else Composition(locations)
        super().__init__(locations, adapters=root, emit=emit)

    # --- folders ------------------------------------------------------------------------

    def link(
        self,
        local_dir: str | Path,
        url: str,
        *,
        user: str | None = None,
        password: str | None = None,
        name: str | None = None,
        allow_file_store: bool = False,
        device_name: str | None = None,
        mode: str = "two-way",
        cozy: bool = False,
        open_browser: bool = True,
        print_url: Callable[[str], None] = print,
        client_cert: ClientCertificate | None = None,
        keep_left_out: bool = False,
        offer_left_out: Callable[[tuple[str, ...]], None] | None = None,
    ) -> FolderConfig:
        """Bind a local folder to a WebDAV collection or a Cozy (``cozy``, or detected
        from the server: a browser login then approves this computer).  Nothing is
        synced yet.  ``client_cert``: a WebDAV server's that asks for one; its files'
        paths are kept in the settings, its key's passphrase in the secret store.
        A Cozy's top folders that other clients leave out (another device, or this
        computer before a reinstall) are left out here too only with ``keep_left_out``;
        else ``offer_left_out`` is told their names."""
        accounts = self.adapters.accounts
        url = check_url(accounts.cozy_address(url) if cozy else url)
        check_mode(mode)
        root = resolve_root(Path(local_dir).expanduser().absolute())  # a link: its folder
        folders = self.store.load()
        name = self._new_name(name, root, folders)
        check_not_nested(root, folders)
        check_remote_not_nested(url, folders)
        if root.exists() and not root.is_dir():
            raise ConfigError(phrase("{root} is a file, not a folder", root=root))
        redact_value(password)
        folder = FolderConfig(
            name=name, local_root=str(root), remote_url=url, user=user,
            secret_store="file" if allow_file_store else "keyring", mode=check_mode(mode),
        )  # fmt: skip
        if device_name:
            folder = replace(folder, device_name=device_name)
        if client_cert is not None:
            client_cert = _absolute(client_cert)
            folder = replace(
                folder, client_cert=client_cert.cert_file, client_key=client_cert.key_file
            )
        instance = cozy_instance(url, forced=cozy, accounts=accounts)
        offered: tuple[str, ...] = ()
        if instance is not None and client_cert is not None:
            raise ConfigError(
                phrase("a client certificate is not used with a Cozy yet"),
                phrase("Link the Cozy without --client-cert."),
            )
        if instance is not None:
            secrets = self._secrets(folder)
            login = accounts.link_cozy(
                instance, secrets, folder.device_name, open_browser=open_browser,
                print_url=print_url,
            )  # fmt: skip
            elsewhere = login.excluded_elsewhere
            excluded = login.excluded_on_cozy + (elsewhere if keep_left_out else ())
            folder = replace(
                folder, remote_url=login.instance_url, remote_kind=COZY, user=None,
                cozy_account=login.account, excluded_folders=excluded,  # kept on the Cozy
            )  # fmt: skip
            offered = () if keep_left_out else elsewhere
        else:
            sends = policy_of(SyncMode(mode)).sends_local_changes
            probe_webdav(
                url, user, password, accounts=accounts, read_only=not sends,
                client_cert=client_cert,
            )  # fmt: skip
        if password is not None and user is not None and folder.remote_kind != COZY:
            secrets = self._secrets(folder)
            secrets.set(folder.folder_id, password)
        if client_cert is not None and client_cert.password:
            account = client_key_account(folder.folder_id)
            self._secrets(folder).set(account, client_cert.password)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                phrase(
                    "cannot create the folder {root}: {strerror}", root=root, strerror=exc.strerror
                )
            ) from exc
        write_marker(root, folder.folder_id)
        self.store.add(folder)
        with pair_logging(folder.folder_id):
            log.info("linked %s (%s) to %s", name, root, url)
        log.info("linked the folder %s", folder.folder_id)  # the app's log names no file
        if offered and offer_left_out is not None:
            offer_left_out(offered)
        return folder

    @staticmethod
    def _new_name(wanted: str | None, root: Path, folders: list[FolderConfig]) -> str:
        taken = {f.name for f in folders}
        if wanted is None:
            return unique_name(root.name, taken)
        if not wanted.strip() or any(ord(c) < 0x20 for c in wanted):
            raise ConfigError(phrase("{wanted!r} cannot be a folder name", wanted=wanted))
        if wanted in taken:
            raise ConfigError(
                phrase("a folder named {wanted!r} is already linked", wanted=wanted),
                phrase("Pick another --name."),
            )
        return wanted

    def set_remote_url(self, name: str, url: str) -> FolderConfig:
        """Point a linked folder at a new address of the same collection."""
        folder = replace(self.folder(name), remote_url=check_url(url))
        self.store.replace(folder)
        return folder

    def unlink(self, name: str | None = None, *, wipe_local: bool = False) -> UnlinkResult:
        """Forget a folder: settings, journal, password, marker and lock.  With
        ``wipe_local``, first check that everything is on the server, then really delete
        the local files and the folder's logs (for shared computers; with the last
        folder, the whole log folder)."""
        folder = self.folder(name)
        with pair_logging(folder.folder_id):
            if wipe_local:
                self._check_all_on_server(folder)
            warnings, notice = self._forget(folder)
            if wipe_local:
                try:
                    shutil.rmtree(folder.local_path)
                except OSError as exc:
                    warnings.append(f"some local files could not be deleted: {exc}")
            elif folder.local_path.is_dir() and read_marker(folder.local_path) == folder.folder_id:
                with suppress(OSError):
                    (folder.local_path / MARKER_NAME).unlink()
            log.info("unlinked %s", folder.name)
        log.info("unlinked the folder %s", folder.folder_id)
        if wipe_local:
            try:
                remove_pair_logs(
                    self.locations.log_dir, folder.folder_id, whole_folder=not self.store.load()
                )
            except OSError as exc:
                warnings.append(f"some logs could not be deleted: {exc}")
        notices = () if notice is None else (notice,)
        return UnlinkResult(folder.name, wipe_local, tuple(warnings), notices)

    def account_info(self, name: str | None = None) -> AccountInfo:
        """Pair ``name``'s server, user and quota (asked from the server when its remote
        can tell it; unknown, with the reason, when it cannot be asked now)."""
        return read_account(self.folder(name), self._remote_for)

    def invitations(self, name: str | None = None) -> tuple[Invitation, ...]:
        """The invitations to shared folders waiting on pair ``name``'s server."""
        return list_invitations(self.folder(name), self._remote_for)

    def accept_invitation(
        self, sharing_id: str, name: str | None = None, *, open_page: Callable[[str], object]
    ) -> str:
        """Open (``open_page``) the server's page where the user accepts ``sharing_id``;
        the folder comes down with the next pass once accepted.  Returns its address."""
        return accept_invitation(self.folder(name), self._remote_for, sharing_id, open_page)

    def decline_invitation(self, sharing_id: str, name: str | None = None) -> None:
        """Decline ``sharing_id``: it is no longer offered."""
        decline_invitation(self.folder(name), self._remote_for, sharing_id)

    def shared_drives(self, name: str | None = None) -> tuple[SharedDrive, ...]:
        """The shared drives of the Cozy of folder ``name`` (the only Cozy folder by
        default), each with the linked folder syncing it, if any."""
        folders = self.store.load()
        cozy = cozy_folder(folders, name)
        return drives_of(cozy, folders, self.adapters.accounts, self._secrets(cozy))

    def add_drive(
        self, drive: str, local_dir: str | Path, *, cozy: str | None = None,
        name: str | None = None,
    ) -> FolderConfig:  # fmt: skip
        """Sync the shared drive ``drive`` (its name or id) of the Cozy of folder
        ``cozy`` in ``local_dir``, as a new linked folder (``name``: the drive's by
        default) using that folder's login.  Nothing is synced yet."""
        folders = self.store.load()
        parent = cozy_folder(folders, cozy)
        found = pick_drive(
            drives_of(parent, folders, self.adapters.accounts, self._secrets(parent)), drive
        )
        folder = drive_folder(parent, found, Path(local_dir), name, folders)
        root = folder.local_path
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                phrase(
                    "cannot create the folder {root}: {strerror}", root=root, strerror=exc.strerror
                )
            ) from exc
        write_marker(root, folder.folder_id)
        self.store.add(folder)
        log.info("added the shared drive %s as the folder %s", found.drive_id, folder.folder_id)
        return folder

    def remove_drive(self, drive: str) -> UnlinkResult:
        """Stop syncing the shared drive ``drive`` (its folder's name or the drive's id):
        its folder is unlinked, the files on this computer kept."""
        return self.unlink(linked_drive(self.store.load(), drive).name)

    def _check_all_on_server(self, folder: FolderConfig) -> None:
        with self._session(folder, None) as session:
            outcome = session.sync()
            if not outcome.in_sync:
                raise FatalError(
                    phrase(
                        "not everything is on the server ({message}); nothing was deleted",
                        message=outcome.message,
                    ),
                    phrase("Sync until it is in sync (cozysync sync --once), then unlink again."),
                )
            local_only = local_only_files(
                folder.local_path, session.journal, self.adapters.is_own_temp_name
            )
        if local_only:
            raise FatalError(
                phrase(
                    "{count} files are only on this computer (e.g. {example}), nothing was deleted",
                    count=len(local_only),
                    example=local_only[0],
                ),
                phrase("Move them elsewhere or delete them yourself, then unlink again."),
            )

    def _forget(self, folder: FolderConfig) -> tuple[list[str], Message | None]:
        """Forget the folder (see ``unlink``): the warnings for what could not be done,
        and what its Nextcloud was told of its app password (revoked, or not reached)."""
        warnings: list[str] = []
        lock_path = self.locations.lock_path(folder.folder_id)
        private_folder(lock_path.parent)
        with self.adapters.folder_lock(folder, lock_path):
            accounts = self.adapters.accounts
            notice = revoke_app_password(folder, lambda: self._secrets(folder), accounts)
            warnings += forget_remote(
                folder, self.locations, lambda: self._secrets(folder), self.adapters.accounts
            )
            journal = self.locations.journal_path(folder.folder_id)
            for suffix in ("", "-wal", "-shm", "-journal"):
                with suppress(FileNotFoundError):
                    Path(f"{journal}{suffix}").unlink()
            self.store.remove(folder.name)
            try:
                self.activity.remove(folder.folder_id)
            except OSError as exc:
                warnings.append(f"its recent activity could not be deleted: {exc}")
            try:  # what it sent to the OS trash stays there; its record goes (issue 18)
                TrashRecords(self.locations.state_dir).forget_folder(folder.folder_id)
            except OSError as exc:
                warnings.append(f"its trash records could not be deleted: {exc}")
            with suppress(FileNotFoundError):
                lock_path.unlink()
        return warnings, notice

    def recent_activity(self, limit: int = 100, name: str | None = None) -> list[ActivityEntry]:
        """The items synced lately, newest first, at most ``limit``: of folder ``name``,
        or of every linked folder with None.  Kept across restarts (``ActivityLog``)."""
        folders = [self.folder(name)] if name is not None else self.list_folders()
        entries = [e for f in folders for e in self.activity.read(f.folder_id, f.name, limit)]
        entries.sort(key=lambda entry: entry.at, reverse=True)
        return entries[:limit]

    # --- events -------------------------------------------------------------------------

    def events_since(self, event_id: int = 0) -> list[Event]:
        """Every folder's events logged after ``event_id``, oldest first, each tagged
        with its folder (``Event.folder``); see ``EventLog``."""
        return self.events.since(event_id)

    def on_event(self, wake: Callable[[], None]) -> Callable[[], None]:
        """Call ``wake()`` (on the engine's thread) after each event logged: the reader
        then asks ``events_since``.  Returns what stops it."""
        return self.events.listen(wake)

    # --- syncing ------------------------------------------------------------------------

    def sync_once(
        self, name: str | None = None, *, confirm_deletes: bool = False, put_back: bool = False,
        progress: EmitFn | None = None, stop: threading.Event | None = None,
    ) -> SyncOutcome:  # fmt: skip
        """One full reconcile.  Offline is not an error: the outcome says so.  Setting
        ``stop`` ends it at once with ``StoppedError`` (transfers in flight dropped)."""
        with self._session(self.folder(name), progress, stop) as session:
            return session.sync(confirm_deletes=confirm_deletes, put_back=put_back)

    def answer_deletions(self, name: str, *, put_back: bool) -> SyncOutcome | None:
        """The user's answer to a pass a deletion guard stopped (``MassDeletionError``):
        confirm the deletions, or put the items back on the side that lost them.  A
        pair this service runs applies it at its next pass (within a second; None is
        returned); else one pass is made now and its outcome returned."""
        answer = "put-back" if put_back else "confirm"
        loop = self._loops.get(self.folder(name).name)
        if loop is not None:
            loop.answer_deletions(answer)
            return None
        return self.sync_once(name, confirm_deletes=not put_back, put_back=put_back)

    def run(
        self, name: str | None, stop: threading.Event, *, progress: EmitFn | None = None
    ) -> None:
        """Watch and sync one folder in the foreground until ``stop`` is set (a pass
        under way stops at once; a ``StopEvent`` also wakes the loop's waits)."""
        self._serve(self.folder(name), stop, progress)

    def run_all(
        self,
        stop: threading.Event,
        *,
        progress_for: Callable[[str], EmitFn] | None = None,
        on_stopped: Callable[[PairStopped], None] | None = None,
    ) -> list[PairStopped]:
        """Watch and sync every linked folder at once (a thread each) until ``stop`` is
        set; the pairs that stopped early on an error (the others went on)."""
        folders = self.store.load()
        if not folders:
            raise ConfigError(
                phrase("no folder is linked"), phrase("Link one first: cozysync link DIR URL")
            )

        def serve(folder: FolderConfig, stop: threading.Event) -> None:
            progress = progress_for(folder.name) if progress_for is not None else None
            self._serve(folder, stop, progress)

        return PairRunner(folders, serve, stop, on_stopped).run()


def _absolute(cert: ClientCertificate) -> ClientCertificate:
    """The certificate with its files' absolute paths (kept in the settings)."""
    key = str(Path(cert.key_file).expanduser().absolute()) if cert.key_file else None
    cert_file = str(Path(cert.cert_file).expanduser().absolute())
    return replace(cert, cert_file=cert_file, key_file=key)
