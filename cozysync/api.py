"""``SyncService``: the one facade the CLI and the tray use.

It is where the adapters are built and wired to the engine.  Every method returns plain
frozen dataclasses (``FolderConfig``, ``SyncOutcome``, ``FolderStatus``, ``ConflictInfo``)
that could cross a process boundary unchanged, and raises only ``cozysync.errors``.
"""

from __future__ import annotations

import json
import logging
import os
import random
import shutil
import stat
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from cozysync.clock import SystemClock
from cozysync.config import FolderConfig, FolderStore, Locations, unique_name
from cozysync.errors import (
    AlreadyRunningError,
    AuthError,
    ConfigError,
    CozySyncError,
    FatalError,
    OfflineError,
    RemoteItemMissingError,
    RootGuardError,
    SecretStoreError,
)
from cozysync.events import Event, StatusChanged
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import MARKER_NAME, LocalFolder, is_own_temp_name, read_marker, write_marker
from cozysync.local.ignore import IgnoreMatcher
from cozysync.local.lock import InstanceLock
from cozysync.local.watch import FolderWatcher
from cozysync.logs import redact_value
from cozysync.models import Conflict, JournalEntry
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES, path_key
from cozysync.ports import Secrets
from cozysync.remotes.webdav import WebDavRemote
from cozysync.secrets import open_secrets
from cozysync.sync.engine import PassResult, SyncEngine, pending_local_changes
from cozysync.sync.views import ReconcileContext

__all__ = [
    "ConflictInfo",
    "FolderStatus",
    "ItemProblem",
    "SyncOutcome",
    "SyncService",
    "UnlinkResult",
    "backoff_delay",
    "check_root",
    "check_url",
]

log = logging.getLogger(__name__)

EmitFn = Callable[[Event], None]
FULL_RESCAN_S = 600.0
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 300.0
_META_OUTCOME = "cli.last_outcome"
_META_PASS_STARTED = "cli.pass_started_at"


@dataclass(frozen=True, slots=True)
class ItemProblem:
    path: str
    title: str
    hint: str
    kind: str = "error"


@dataclass(frozen=True, slots=True)
class ConflictInfo:
    folder: str
    path: str  # the file that kept the name: the server's version
    conflict_path: str  # the copy: this computer's version
    detected_at: float


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    folder: str
    status: str  # "up to date" | "offline" | "needs attention"
    in_sync: bool
    actions_done: int = 0
    pending_changes: int = 0
    conflicts: int = 0  # waiting for the user (all, not only new ones)
    errors: tuple[ItemProblem, ...] = ()
    unstorable: tuple[str, ...] = ()
    message: str = ""
    finished_at: float = 0.0


@dataclass(frozen=True, slots=True)
class FolderStatus:
    name: str
    local_root: str
    remote_url: str
    state: str  # "up to date" | "syncing" | "offline" | "needs attention" | "never synced"
    pending_changes: int
    conflicts: int
    errors: tuple[ItemProblem, ...]
    unstorable: tuple[str, ...]
    last_sync_at: float | None
    detail: str


@dataclass(frozen=True, slots=True)
class UnlinkResult:
    name: str
    wiped_local: bool
    warnings: tuple[str, ...] = ()


def check_url(url: str) -> str:
    """A plain http(s) URL without credentials, or ``ConfigError``."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{url!r} is not a server address", "Give a full address like https://host/dav/"
        )
    if parts.username or parts.password:
        raise ConfigError(
            "the address contains a user name or password",
            "Give the user with --user and the password with --password-stdin.",
        )
    return url.strip()


def check_root(folder: FolderConfig) -> None:
    """Root guard: the folder exists and its marker binds it to this link."""
    root = folder.local_path
    if not root.is_dir():
        raise RootGuardError(f"the folder {root} is missing; nothing was synced")
    marker = read_marker(root)
    if marker is None:
        raise RootGuardError(
            f"the marker {MARKER_NAME} is gone from {root}; nothing was synced",
            "If the right drive is connected, unlink and link the folder again.",
        )
    if marker != folder.folder_id:
        raise RootGuardError(
            f"{root} belongs to another link; nothing was synced",
            "Check which folder is linked (cozysync list).",
        )


def backoff_delay(failures: int, rng: random.Random) -> float:
    """Exponential back-off with jitter, capped at 5 minutes."""
    delay = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2.0 ** max(failures - 1, 0))
    return delay * rng.uniform(0.5, 1.0)


class _Session:
    """One folder opened for syncing: lock held, journal and HTTP client open."""

    def __init__(self, service: SyncService, folder: FolderConfig, emit: EmitFn) -> None:
        self.folder = folder
        self.emit = emit
        self.clock = SystemClock()
        locations = service.locations
        locations.state_dir.mkdir(parents=True, exist_ok=True)
        self.lock = InstanceLock(locations.lock_path(folder.folder_id), folder=folder.local_root)
        self.lock.acquire()
        try:
            check_root(folder)
            self.local = LocalFolder(folder.local_path)
            self.local.cleanup_temp_files()
            self.ignore = IgnoreMatcher(folder.local_path)
            self.journal = service.open_journal(folder)
        except BaseException:
            self.lock.release()
            raise
        self.remote = service.remote_for(folder)
        self._engine: SyncEngine | None = None

    def close(self) -> None:
        with suppress(CozySyncError):
            self.remote.close()
        with suppress(CozySyncError):
            self.journal.close()
        self.lock.release()

    def engine(self) -> SyncEngine:
        if self._engine is None:
            self.remote.check()
            caps = self.remote.capabilities
            ctx = ReconcileContext(
                local_rules=LOCAL_NAME_RULES,
                remote_rules=WEBDAV_NAME_RULES,
                local_case_insensitive=self.local.is_case_insensitive(),
                remote_case_insensitive=caps.case_insensitive,
                remote_has_stable_ids=caps.stable_ids,
            )
            self._engine = SyncEngine(
                self.local, self.remote, self.journal, self.ignore, ctx, self.clock,
                device_name=self.folder.device_name, emit=self.emit,
            )  # fmt: skip
        return self._engine

    def pending(self) -> int:
        return pending_local_changes(self.local.scan(self.ignore), self.journal.entries())

    def sync(self, *, confirm_deletes: bool = False, respect_backoff: bool = False) -> SyncOutcome:
        check_root(self.folder)
        self.emit(StatusChanged("syncing"))
        self.journal.set_meta(_META_PASS_STARTED, str(self.clock.now()))
        try:
            result = self.engine().sync_once(
                confirm_deletes=confirm_deletes, respect_backoff=respect_backoff
            )
        except OfflineError as exc:
            self._engine = None  # on reconnection: probe again, then a full reconcile
            outcome = self._offline(exc)
        except FatalError as exc:
            self._save(SyncOutcome(self.folder.name, "needs attention", False, message=exc.title))
            self.emit(StatusChanged("needs attention", exc.one_line()))
            raise
        else:
            outcome = self._outcome(result)
        self._save(outcome)
        self.emit(StatusChanged(outcome.status, outcome.message))
        return outcome

    def _offline(self, exc: OfflineError) -> SyncOutcome:
        pending = self.pending()
        log.info("%s: %s", self.folder.name, exc.one_line())
        return SyncOutcome(
            self.folder.name, "offline", False, pending_changes=pending,
            message=f"offline, {pending} changes waiting ({exc.title})",
            finished_at=self.clock.now(),
        )  # fmt: skip

    def _outcome(self, result: PassResult) -> SyncOutcome:
        errors = tuple(ItemProblem(e.path, e.title, e.hint, e.kind) for e in self.journal.errors())
        conflicts = len(self.journal.conflicts())
        in_sync = result.in_sync and not errors
        attention = not in_sync or bool(conflicts or result.reports)
        return SyncOutcome(
            self.folder.name, "needs attention" if attention else "up to date", in_sync,
            actions_done=result.actions_done, pending_changes=0 if in_sync else self.pending(),
            conflicts=conflicts, errors=errors, unstorable=tuple(result.reports),
            message=_describe(result.actions_done, conflicts, errors, result.reports),
            finished_at=self.clock.now(),
        )  # fmt: skip

    def _save(self, outcome: SyncOutcome) -> None:
        data = {
            "status": outcome.status,
            "message": outcome.message,
            "finished_at": outcome.finished_at or self.clock.now(),
            "unstorable": list(outcome.unstorable),
            "in_sync": outcome.in_sync,
        }
        with self.journal.transaction():
            self.journal.set_meta(_META_OUTCOME, json.dumps(data))
            self.journal.set_meta(_META_PASS_STARTED, None)


def _describe(
    done: int, conflicts: int, errors: tuple[ItemProblem, ...], reports: list[str]
) -> str:
    parts = [f"{done} changes made"] if done else []
    if errors:
        first = errors[0]
        parts.append(f"{len(errors)} items could not be synced ({first.path}: {first.title})")
    if conflicts:
        parts.append(f"{conflicts} conflicts waiting (cozysync conflicts)")
    if reports:
        parts.append(f"{len(reports)} names to change before they can sync ({reports[0]})")
    if not errors and not conflicts and not reports:
        parts.append("in sync")
    return "; ".join(parts)


class SyncService:
    """Link, sync, watch and inspect folders.  ``emit`` receives every engine event."""

    def __init__(self, locations: Locations, *, emit: EmitFn | None = None) -> None:
        self.locations = locations
        self.store = FolderStore(locations.folders_file)
        self._emit = emit

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
    ) -> FolderConfig:
        """Bind a local folder to a WebDAV collection.  Nothing is synced yet."""
        url = check_url(url)
        root = Path(local_dir).expanduser().absolute()
        folders = self.store.load()
        name = self._new_name(name, root, folders)
        _check_not_nested(root, folders)
        if root.exists() and not root.is_dir():
            raise ConfigError(f"{root} is a file, not a folder")
        redact_value(password)
        _probe(url, user, password)
        folder = FolderConfig(
            name=name, local_root=str(root), remote_url=url, user=user,
            secret_store="file" if allow_file_store else "keyring",
        )  # fmt: skip
        if device_name:
            folder = replace(folder, device_name=device_name)
        if password is not None and user is not None:
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
            local_only = _local_only_files(folder.local_path, session.journal)
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
            if folder.user is not None:
                try:
                    self._secrets(folder).delete(folder.folder_id)
                except SecretStoreError as exc:
                    warnings.append(f"the password could not be removed: {exc.one_line()}")
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
        """Watch and sync in the foreground until ``stop`` is set."""
        folder = self.folder(name)
        with self._session(folder, progress) as session:
            watcher = FolderWatcher(folder.local_path, session.ignore)
            watcher.start()
            try:
                _WatchLoop(session, watcher, stop, folder.poll_interval_s).run()
            finally:
                watcher.stop()

    @contextmanager
    def _session(self, folder: FolderConfig, progress: EmitFn | None) -> Iterator[_Session]:
        session = _Session(self, folder, self._emitter(progress))
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

    # --- inspecting ---------------------------------------------------------------------

    def status(self, name: str | None = None) -> list[FolderStatus]:
        folders = [self.folder(name)] if name else self.store.load()
        return [self._status(folder) for folder in folders]

    def _status(self, folder: FolderConfig) -> FolderStatus:
        with self._journal(folder) as journal:
            if journal is None:
                return _folder_status(folder, "never synced", detail="never synced")
            saved = json.loads(journal.get_meta(_META_OUTCOME) or "{}")
            state, detail = saved.get("status", "never synced"), saved.get("message", "")
            if journal.get_meta(_META_PASS_STARTED) and self._is_running(folder):
                state = "syncing"
            pending = 0
            try:
                check_root(folder)
                ignore = IgnoreMatcher(folder.local_path)
                scan = LocalFolder(folder.local_path).scan(ignore)
                pending = pending_local_changes(scan, journal.entries())
            except CozySyncError as exc:
                state, detail = "needs attention", exc.one_line()
            errors = tuple(ItemProblem(e.path, e.title, e.hint, e.kind) for e in journal.errors())
            conflicts = len(journal.conflicts())
            if state == "offline":
                detail = f"offline, {pending} changes waiting"
            elif state == "up to date" and (errors or conflicts):
                state = "needs attention"
            return _folder_status(
                folder, state, pending=pending, conflicts=conflicts, errors=errors,
                unstorable=tuple(saved.get("unstorable", ())),
                last_sync_at=_as_float(saved.get("finished_at")), detail=detail,
            )  # fmt: skip

    def _is_running(self, folder: FolderConfig) -> bool:
        lock = InstanceLock(self.locations.lock_path(folder.folder_id))
        try:
            lock.acquire()
        except AlreadyRunningError:
            return True
        except CozySyncError:
            return False
        lock.release()
        return False

    def conflicts(self, name: str | None = None) -> list[ConflictInfo]:
        folders = [self.folder(name)] if name else self.store.load()
        found: list[ConflictInfo] = []
        for folder in folders:
            with self._journal(folder) as journal:
                if journal is not None:
                    found += [
                        ConflictInfo(folder.name, c.path, c.conflict_path, c.detected_at)
                        for c in journal.conflicts()
                    ]
        return found

    def resolve(self, name: str | None, path: str, keep: str) -> ConflictInfo:
        """Settle a conflict: keep "local", "remote" or "both"; the next sync propagates."""
        if keep not in ("local", "remote", "both"):
            raise ConfigError(f"--keep must be local, remote or both, not {keep!r}")
        folder = self.folder(name)
        check_root(folder)
        rel = _relative_to_root(path, folder.local_path)
        with self._journal(folder) as journal:
            conflict = _find_conflict(journal, rel) if journal is not None else None
            if conflict is None or journal is None:
                raise ConfigError(f"no conflict is waiting for {rel!r}", "See: cozysync conflicts")
            local = LocalFolder(folder.local_path)
            _apply_resolution(local, conflict.path, conflict.conflict_path, keep)
            journal.remove_conflict(conflict.path)
        return ConflictInfo(
            folder.name, conflict.path, conflict.conflict_path, conflict.detected_at
        )

    # --- wiring -------------------------------------------------------------------------

    def _secrets(self, folder: FolderConfig) -> Secrets:
        allow = folder.secret_store == "file"
        return open_secrets(self.locations.config_dir, allow_file_store=allow)

    def remote_for(self, folder: FolderConfig) -> WebDavRemote:
        password = None
        if folder.user is not None:
            password = self._secrets(folder).get(folder.folder_id)
            redact_value(password)
        return WebDavRemote(folder.remote_url, folder.user, password)

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


# --- helpers ------------------------------------------------------------------------------


def _folder_status(
    folder: FolderConfig,
    state: str,
    *,
    pending: int = 0,
    conflicts: int = 0,
    errors: tuple[ItemProblem, ...] = (),
    unstorable: tuple[str, ...] = (),
    last_sync_at: float | None = None,
    detail: str = "",
) -> FolderStatus:
    return FolderStatus(
        folder.name, folder.local_root, folder.remote_url, state, pending, conflicts,
        errors, unstorable, last_sync_at, detail,
    )  # fmt: skip


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _probe(url: str, user: str | None, password: str | None) -> None:
    """Check that ``url`` is a WebDAV collection these credentials may use."""
    remote = WebDavRemote(url, user, password)
    try:
        remote.check()
    except OfflineError as exc:
        raise ConfigError(
            f"cannot reach {url}: {exc.title}", "Check the address and your connection."
        ) from exc
    except AuthError as exc:
        raise AuthError(
            f"{url} refused the login (user {user or 'none'})",
            "Check the user name (--user) and the password (an app password where needed).",
        ) from exc
    except RemoteItemMissingError as exc:
        raise ConfigError(f"there is no WebDAV folder at {url}", "Check the address.") from exc
    except CozySyncError as exc:
        raise ConfigError(
            f"{url} is not a usable WebDAV folder: {exc.title}", "Check the address."
        ) from exc
    finally:
        remote.close()


def _check_not_nested(root: Path, folders: list[FolderConfig]) -> None:
    real = root.resolve()
    for other in folders:
        theirs = Path(other.local_root).resolve()
        if real == theirs or real.is_relative_to(theirs) or theirs.is_relative_to(real):
            raise ConfigError(
                f"{root} overlaps the linked folder {other.name!r} ({other.local_root})",
                "Choose a folder that is neither inside nor around another linked folder.",
            )


def _local_only_files(root: Path, journal: SqliteJournal) -> list[str]:
    """Files under ``root`` the journal does not hold as synced, unchanged, (ignored,
    unstorable, special or edited since): deleting them would lose them."""
    entries = journal.entries()
    found: list[str] = []
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root).as_posix()
        for name in dirs + files:
            rel = name if rel_folder == "." else f"{rel_folder}/{name}"
            if is_own_temp_name(name):
                continue
            entry = entries.get(path_key(rel))
            st = os.lstat(os.path.join(folder, name))
            if entry is None or not _is_as_synced(entry, st):
                found.append(rel)
    return sorted(found)


def _is_as_synced(entry: JournalEntry, st: os.stat_result) -> bool:
    if stat.S_ISDIR(st.st_mode):
        return entry.is_dir
    same = (st.st_size, st.st_mtime_ns) == (entry.size, entry.mtime_ns)
    return stat.S_ISREG(st.st_mode) and not entry.is_dir and same


def _relative_to_root(path: str, root: Path) -> str:
    """``path`` as given by the user (absolute, from the current folder, or from the
    sync root) as a relative path inside the root."""
    candidate = Path(path).expanduser()
    for absolute in (candidate, Path.cwd() / candidate):
        if absolute.is_absolute():
            with suppress(ValueError):
                rel = Path(os.path.normpath(absolute)).relative_to(root).as_posix()
                if rel != "." and (absolute.exists() or candidate.is_absolute()):
                    return rel
    return Path(path).as_posix().strip("/")


def _find_conflict(journal: SqliteJournal, rel: str) -> Conflict | None:
    key = path_key(rel)
    for conflict in journal.conflicts():
        if key in (path_key(conflict.path), path_key(conflict.conflict_path)):
            return conflict
    return None


def _apply_resolution(local: LocalFolder, path: str, conflict_path: str, keep: str) -> None:
    if keep == "both":
        return
    if local.stat(conflict_path) is None:
        raise ConfigError(
            f"the conflict copy {conflict_path!r} is not there any more",
            "Nothing to choose: run cozysync resolve with --keep both to forget this conflict.",
        )
    if keep == "remote":
        local.trash(conflict_path)
        return
    if local.stat(path) is not None:
        local.trash(path)
    local.move(conflict_path, path)


class _WatchLoop:
    """Watch mode: sync on local changes, poll the server, back off while offline."""

    def __init__(
        self, session: _Session, watcher: FolderWatcher, stop: threading.Event, poll_s: float
    ) -> None:
        self.session, self.watcher, self.stop = session, watcher, stop
        self.poll_s = poll_s
        self.failures = 0
        self.rng = random.Random()
        now = time.monotonic()
        self.next_poll = self.next_rescan = self.retry_at = now

    def run(self) -> None:
        self._pass()
        while not self.stop.is_set():
            changed = self.watcher.wait(min(1.0, max(0.0, self._next_due() - time.monotonic())))
            if self.stop.is_set():
                break
            now = time.monotonic()
            if self.failures:
                due = now >= self.retry_at
            else:
                due = bool(changed) or now >= self.next_poll or now >= self.next_rescan
            if due:
                self._pass()

    def _next_due(self) -> float:
        if self.failures:
            return self.retry_at
        return min(self.next_poll, self.next_rescan)

    def _pass(self) -> None:
        offline = False
        try:
            offline = self.session.sync(respect_backoff=True).status == "offline"
        except AlreadyRunningError:
            raise
        except FatalError as exc:  # a guard, the login: said in the status, retried later
            log.warning("%s: %s", self.session.folder.name, exc.one_line())
        now = time.monotonic()
        self.failures = self.failures + 1 if offline else 0
        if offline:
            self.retry_at = now + backoff_delay(self.failures, self.rng)
        self.next_poll = now + self.poll_s
        self.next_rescan = now + FULL_RESCAN_S  # every pass is a full reconcile for now
