"""``SyncService``: the one facade the CLI and the tray use.

It is where the adapters are built and wired to the engine.  Every method returns plain
frozen dataclasses (``FolderConfig``, ``SyncOutcome``, ``FolderStatus``, ``ConflictInfo``)
that could cross a process boundary unchanged, and raises only ``cozysync.errors``.
The pieces it is built from live in ``cozysync.service`` (one module per concept); the
names listed in ``__all__`` are re-exported from there.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import replace
from pathlib import Path

from cozysync.clock import SystemClock
from cozysync.config import (
    AppSettings,
    AppSettingsStore,
    FolderConfig,
    FolderStore,
    Locations,
    unique_name,
)
from cozysync.errors import ConfigError, FatalError
from cozysync.events import Event
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.local.lock import InstanceLock
from cozysync.local.marker import MARKER_NAME, read_marker, write_marker
from cozysync.local.watch import FolderWatcher
from cozysync.logs import redact_value
from cozysync.models import SyncMode
from cozysync.ports import Remote, Secrets
from cozysync.remotes.throttle import BANDWIDTH
from cozysync.secrets import open_secrets
from cozysync.service.conflicts import (
    apply_resolution,
    conflict_info,
    find_conflict,
    relative_to_root,
)
from cozysync.service.export import export_from_server
from cozysync.service.linking import (
    check_mode,
    check_not_nested,
    check_remote_not_nested,
    check_url,
    local_only_files,
    probe_server,
)
from cozysync.service.pairs import PairRunner, PairStopped
from cozysync.service.pause import PauseBoard
from cozysync.service.relink import relink_pair
from cozysync.service.remotes import (
    COZY,
    build_remote,
    forget_remote,
    is_cozy_address,
    login_to_cozy,
)
from cozysync.service.restore import restore_from_server
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
from cozysync.service.selection import RemoteFolder, check_folder_names, list_remote_folders
from cozysync.service.session import EmitFn, FolderSession
from cozysync.service.status import folder_status, read_status
from cozysync.service.watch_loop import BACKOFF_BASE_S as BACKOFF_BASE_S
from cozysync.service.watch_loop import BACKOFF_CAP_S as BACKOFF_CAP_S
from cozysync.service.watch_loop import FULL_RESCAN_S as FULL_RESCAN_S
from cozysync.service.watch_loop import WatchLoop, backoff_delay

__all__ = [
    "ConflictInfo",
    "ExportResult",
    "FolderStatus",
    "ItemProblem",
    "PairStopped",
    "RemoteFolder",
    "RestoreResult",
    "SyncOutcome",
    "SyncService",
    "UnlinkResult",
    "VersionInfo",
    "backoff_delay",
    "check_root",
    "check_url",
]

log = logging.getLogger(__name__)

MIN_POLL_S = 10.0
MAX_POLL_S = 24 * 3600.0


def apply_bandwidth(settings: AppSettings) -> None:
    """Set the app's token buckets (``remotes/throttle.py``) from ``settings``."""
    up, down = settings.upload_limit_kib, settings.download_limit_kib
    BANDWIDTH.set_limits(up * 1024 if up else None, down * 1024 if down else None)


class SyncService:
    """Link, sync, watch and inspect folders.  ``emit`` receives every engine event."""

    def __init__(self, locations: Locations, *, emit: EmitFn | None = None) -> None:
        self.locations = locations
        self.store = FolderStore(locations.folders_file)
        self._emit = emit
        self._opening = threading.Lock()  # sessions open one at a time (the keyring)
        self.pauses = PauseBoard(SystemClock())
        self.app_store = AppSettingsStore(locations.app_settings_file)
        apply_bandwidth(self.app_store.load())
        self._loops: dict[str, WatchLoop] = {}  # pairs being watched, by name

    # --- folders ------------------------------------------------------------------------

    def list_folders(self) -> list[FolderConfig]:
        return self.store.load()

    def folder(self, name: str | None = None) -> FolderConfig:
        """The folder called ``name``; with None, the only linked folder."""
        folders = self.store.load()
        if name is None:
            if len(folders) == 1:
                return folders[0]
            if not folders:
                raise ConfigError("no folder is linked", "Link one first: cozysync link DIR URL")
            names = ", ".join(f.name for f in folders)
            raise ConfigError(f"several folders are linked: choose one with --name ({names})")
        for folder in folders:
            if folder.name == name:
                return folder
        raise ConfigError(f"no linked folder is named {name!r}", "See them with: cozysync list")

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
    ) -> FolderConfig:
        """Bind a local folder to a WebDAV collection or a Cozy (``cozy``, or detected
        from the server: a browser login then approves this computer).  Nothing is
        synced yet."""
        url = check_url(url)
        check_mode(mode)
        root = Path(local_dir).expanduser().absolute()
        folders = self.store.load()
        name = self._new_name(name, root, folders)
        check_not_nested(root, folders)
        check_remote_not_nested(url, folders)
        if root.exists() and not root.is_dir():
            raise ConfigError(f"{root} is a file, not a folder")
        redact_value(password)
        folder = FolderConfig(
            name=name, local_root=str(root), remote_url=url, user=user,
            secret_store="file" if allow_file_store else "keyring", mode=check_mode(mode),
        )  # fmt: skip
        if device_name:
            folder = replace(folder, device_name=device_name)
        if is_cozy_address(url, forced=cozy):
            secrets = open_secrets(self.locations.config_dir, allow_file_store=allow_file_store)
            login = login_to_cozy(
                url, secrets, folder.device_name, open_browser=open_browser, print_url=print_url
            )
            folder = replace(
                folder, remote_url=login.instance_url, remote_kind=COZY, user=None,
                cozy_account=login.account,
            )  # fmt: skip
        else:
            probe_server(url, user, password, read_only=mode == SyncMode.DOWNLOAD_ONLY.value)
        if password is not None and user is not None and folder.remote_kind != COZY:
            secrets = open_secrets(self.locations.config_dir, allow_file_store=allow_file_store)
            secrets.set(folder.folder_id, password)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"cannot create the folder {root}: {exc.strerror}") from exc
        write_marker(root, folder.folder_id)
        self.store.add(folder)
        log.info("linked %s (%s) to %s", name, root, url)
        return folder

    @staticmethod
    def _new_name(wanted: str | None, root: Path, folders: list[FolderConfig]) -> str:
        taken = {f.name for f in folders}
        if wanted is None:
            return unique_name(root.name, taken)
        if not wanted.strip() or any(ord(c) < 0x20 for c in wanted):
            raise ConfigError(f"{wanted!r} cannot be a folder name")
        if wanted in taken:
            raise ConfigError(
                f"a folder named {wanted!r} is already linked", "Pick another --name."
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
        the local files (for shared computers)."""
        folder = self.folder(name)
        if wipe_local:
            self._check_all_on_server(folder)
        warnings = self._forget(folder)
        if wipe_local:
            try:
                shutil.rmtree(folder.local_path)
            except OSError as exc:
                warnings.append(f"some local files could not be deleted: {exc}")
        elif folder.local_path.is_dir() and read_marker(folder.local_path) == folder.folder_id:
            with suppress(OSError):
                (folder.local_path / MARKER_NAME).unlink()
        log.info("unlinked %s", folder.name)
        return UnlinkResult(folder.name, wipe_local, tuple(warnings))

    def _check_all_on_server(self, folder: FolderConfig) -> None:
        with self._session(folder, None) as session:
            outcome = session.sync()
            if not outcome.in_sync:
                raise FatalError(
                    f"not everything is on the server ({outcome.message}); nothing was deleted",
                    "Sync until it is in sync (cozysync sync --once), then unlink again.",
                )
            local_only = local_only_files(folder.local_path, session.journal)
        if local_only:
            raise FatalError(
                f"{len(local_only)} files are only on this computer (e.g. {local_only[0]}), "
                "nothing was deleted",
                "Move them elsewhere or delete them yourself, then unlink again.",
            )

    def _forget(self, folder: FolderConfig) -> list[str]:
        warnings: list[str] = []
        lock_path = self.locations.lock_path(folder.folder_id)
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with InstanceLock(lock_path, folder=folder.local_root):
            warnings += forget_remote(folder, self.locations, lambda: self._secrets(folder))
            journal = self.locations.journal_path(folder.folder_id)
            for suffix in ("", "-wal", "-shm", "-journal"):
                with suppress(FileNotFoundError):
                    Path(f"{journal}{suffix}").unlink()
            self.store.remove(folder.name)
            with suppress(FileNotFoundError):
                lock_path.unlink()
        return warnings

    # --- syncing ------------------------------------------------------------------------

    def sync_once(
        self, name: str | None = None, *, confirm_deletes: bool = False,
        progress: EmitFn | None = None,
    ) -> SyncOutcome:  # fmt: skip
        """One full reconcile.  Offline is not an error: the outcome says so."""
        with self._session(self.folder(name), progress) as session:
            return session.sync(confirm_deletes=confirm_deletes)

    def run(
        self, name: str | None, stop: threading.Event, *, progress: EmitFn | None = None
    ) -> None:
        """Watch and sync one folder in the foreground until ``stop`` is set."""
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
            raise ConfigError("no folder is linked", "Link one first: cozysync link DIR URL")

        def serve(folder: FolderConfig, stop: threading.Event) -> None:
            progress = progress_for(folder.name) if progress_for is not None else None
            self._serve(folder, stop, progress)

        return PairRunner(folders, serve, stop, on_stopped).run()

    def _serve(self, folder: FolderConfig, stop: threading.Event, progress: EmitFn | None) -> None:
        with self._session(folder, progress) as session:
            watcher = FolderWatcher(folder.local_path, session.ignore)
            watcher.start()
            loop = WatchLoop(session, watcher, stop, folder.poll_interval_s)
            self._loops[folder.name] = loop
            try:
                loop.run()
            finally:
                self._loops.pop(folder.name, None)
                watcher.stop()

    @contextmanager
    def _session(self, folder: FolderConfig, progress: EmitFn | None) -> Iterator[FolderSession]:
        with self._opening:
            session = FolderSession(
                self, folder, self._emitter(progress),
                paused_until=lambda: self.pauses.paused_until(folder.name),
            )  # fmt: skip
        try:
            yield session
        finally:
            session.close()

    def _emitter(self, progress: EmitFn | None) -> EmitFn:
        targets = [f for f in (self._emit, progress) if f is not None]

        def emit(event: Event) -> None:
            for target in targets:
                target(event)

        return emit

    # --- pausing and polling -----------------------------------------------------------

    def pause(self, name: str | None = None, *, for_s: float | None = None) -> None:
        """Pause one pair (``name``) or every pair (None), until ``resume`` or for
        ``for_s`` seconds.  Takes effect at once in the pairs this service runs: a
        transfer in flight is dropped (temp file removed, nothing journalled) and made
        again after the pause; a ``StatusChanged`` of kind ``PAUSED`` follows.  In
        memory only: a new process starts unpaused."""
        if name is not None:
            self.folder(name)  # a clear error for an unknown name
        self.pauses.pause(name, for_s=for_s)

    def resume(self, name: str | None = None) -> None:
        """Lift ``name``'s own pause; None lifts every pause.  A resumed pair runs a full
        pass within a second."""
        self.pauses.resume(name)

    def paused_until(self, name: str) -> float | None:
        """None if ``name`` syncs; else the unix time its pause ends (``math.inf``:
        until resumed)."""
        return self.pauses.paused_until(name)

    def set_poll_interval(self, name: str | None, seconds: float) -> list[FolderConfig]:
        """Check the server every ``seconds`` (10 s to 1 day) for ``name`` (None: every
        pair); saved in the pair's settings and applied at once to running pairs."""
        if not MIN_POLL_S <= seconds <= MAX_POLL_S:
            raise ConfigError(
                f"the remote check interval must be between {MIN_POLL_S:.0f} s and one day, "
                f"not {seconds!r}"
            )
        folders = [self.folder(name)] if name is not None else self.store.load()
        changed = [replace(f, poll_interval_s=float(seconds)) for f in folders]
        for folder in changed:
            self.store.replace(folder)
            loop = self._loops.get(folder.name)
            if loop is not None:
                loop.set_poll_interval(folder.poll_interval_s)
        return changed

    # --- bandwidth ---------------------------------------------------------------------

    def app_settings(self) -> AppSettings:
        """The app's settings (bandwidth limits), shared by every pair."""
        return self.app_store.load()

    def set_bandwidth_limits(self, *, up_kib: int | None, down_kib: int | None) -> AppSettings:
        """Limit uploads and downloads to ``up_kib``/``down_kib`` KiB/s (None or 0:
        unlimited; at least 1 KiB/s), summed over every transfer of every pair.  Saved
        in the app's settings and applied at once, also to transfers in flight."""
        for value in (up_kib, down_kib):
            if value is not None and (not isinstance(value, int) or value < 0):
                raise ConfigError(
                    f"a bandwidth limit is a whole number of KiB/s, not {value!r}",
                    "Give 0 for no limit.",
                )
        settings = AppSettings(up_kib or None, down_kib or None)
        self.app_store.save(settings)
        apply_bandwidth(settings)
        return settings

    # --- selective sync ------------------------------------------------------------------

    def remote_folders(self, name: str | None = None) -> list[RemoteFolder]:
        """The server's top-level folders of pair ``name`` (and excluded names no longer
        there), each with whether it is excluded and whether it is here (one listing of
        the server; raises ``OfflineError`` when it cannot be reached)."""
        folder = self.folder(name)
        with closing(self.remote_for(folder)) as remote:
            return list_remote_folders(folder, remote)

    def set_excluded_folders(self, name: str | None, folders: Iterable[str]) -> FolderConfig:
        """Keep every top-level server folder here except ``folders`` (names as
        ``remote_folders`` gives them).  An excluded folder is never downloaded, and
        never deleted on the server; its copy here goes to the OS trash if fully synced,
        else it is left here as it is (see ``cozysync.sync.selective``).  Saved in the
        pair's settings; a pair this service runs applies it at its next pass (at once)."""
        folder = replace(self.folder(name), excluded_folders=check_folder_names(folders))
        self.store.replace(folder)
        loop = self._loops.get(folder.name)
        if loop is not None:
            loop.session.set_excluded_folders(folder)
            loop.sync_soon()
        return folder

    def exclude_folders(self, name: str | None, folders: Iterable[str]) -> FolderConfig:
        """Add ``folders`` to the pair's excluded folders (see ``set_excluded_folders``)."""
        current = self.folder(name)
        return self.set_excluded_folders(current.name, (*current.excluded_folders, *folders))

    def include_folders(self, name: str | None, folders: Iterable[str]) -> FolderConfig:
        """Keep ``folders`` here again: the next pass syncs them like new folders (what
        is on both sides is compared by content; nothing is overwritten)."""
        current = self.folder(name)
        again = set(check_folder_names(folders))
        kept = [n for n in current.excluded_folders if n not in again]
        return self.set_excluded_folders(current.name, kept)

    # --- inspecting ---------------------------------------------------------------------

    def status(self, name: str | None = None) -> list[FolderStatus]:
        folders = [self.folder(name)] if name else self.store.load()
        return [self._status(folder) for folder in folders]

    def _status(self, folder: FolderConfig) -> FolderStatus:
        paused = self.pauses.paused_until(folder.name)
        with self._journal(folder) as journal:
            if journal is None:
                return folder_status(
                    folder, "never synced", detail="never synced", paused_until=paused
                )
            lock = self.locations.lock_path(folder.folder_id)
            return read_status(folder, journal, lock, paused)

    def conflicts(self, name: str | None = None) -> list[ConflictInfo]:
        folders = [self.folder(name)] if name else self.store.load()
        found: list[ConflictInfo] = []
        for folder in folders:
            with self._journal(folder) as journal:
                if journal is not None:
                    found += [conflict_info(folder, c) for c in journal.conflicts()]
        return found

    def resolve(self, name: str | None, path: str, keep: str) -> ConflictInfo:
        """Settle a conflict: keep "local", "remote" or "both"; the next sync propagates."""
        if keep not in ("local", "remote", "both"):
            raise ConfigError(f"--keep must be local, remote or both, not {keep!r}")
        folder = self.folder(name)
        check_root(folder)
        rel = relative_to_root(path, folder.local_path)
        with self._journal(folder) as journal:
            conflict = find_conflict(journal, rel) if journal is not None else None
            if conflict is None or journal is None:
                raise ConfigError(f"no conflict is waiting for {rel!r}", "See: cozysync conflicts")
            local = LocalFolder(folder.local_path)
            apply_resolution(local, conflict.path, conflict.conflict_path, keep)
            journal.remove_conflict(conflict.path)
        return ConflictInfo(
            folder.name, conflict.path, conflict.conflict_path, conflict.detected_at
        )

    # --- pairs: restore, export, relink -------------------------------------------------

    def restore(self, name: str, remote_path: str, local_dest: str | Path) -> RestoreResult:
        """Copy ``remote_path`` ("" for everything) from the server into ``local_dest``,
        outside the synced folder, never overwriting anything."""
        folder = self.folder(name)
        with closing(self.remote_for(folder)) as remote:
            dest = Path(local_dest)
            return restore_from_server(folder.name, remote, remote_path, dest, folder.local_path)

    def export(self, name: str, local_dest: str | Path, *, as_zip: bool = False) -> ExportResult:
        """A complete copy of the server folder in ``local_dest`` (or a .zip), with
        manifests of checksums."""
        folder = self.folder(name)
        with closing(self.remote_for(folder)) as remote:
            dest = Path(local_dest)
            return export_from_server(folder.name, folder.remote_url, remote, dest, as_zip=as_zip)

    def relink(
        self, name: str, url: str, *, user: str | None = None, password: str | None = None,
        cozy: bool = False, open_browser: bool = True, print_url: Callable[[str], None] = print,
    ) -> FolderConfig:  # fmt: skip
        """Point a pair at another account or server, keeping every local file: the
        next pass compares both sides by content and deletes nothing.  The new server is
        probed first: if it fails, nothing changed."""
        folder = self.folder(name)
        return relink_pair(
            folder, url, user, password, store=self.store, locations=self.locations,
            open_store=lambda: self._secrets(folder), cozy=cozy, open_browser=open_browser,
            print_url=print_url,
        )  # fmt: skip

    # --- wiring -------------------------------------------------------------------------

    def _secrets(self, folder: FolderConfig) -> Secrets:
        allow = folder.secret_store == "file"
        return open_secrets(self.locations.config_dir, allow_file_store=allow)

    def remote_for(self, folder: FolderConfig) -> Remote:
        return build_remote(folder, self.locations, lambda: self._secrets(folder))

    def open_journal(self, folder: FolderConfig) -> SqliteJournal:
        path = self.locations.journal_path(folder.folder_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        return SqliteJournal(path)

    @contextmanager
    def _journal(self, folder: FolderConfig) -> Iterator[SqliteJournal | None]:
        """The folder's journal if it was ever synced (never creates one)."""
        if not self.locations.journal_path(folder.folder_id).exists():
            yield None
            return
        journal = self.open_journal(folder)
        try:
            yield journal
        finally:
            journal.close()
