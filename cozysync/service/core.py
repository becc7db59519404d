"""The core of ``SyncService``: where state lives (settings, pauses, running pairs) and
how the adapters are built and wired (secrets, remote, journal, a session per folder).
The facade's other parts (``controls``, ``inspecting``, ``cozysync.api``) build on it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from cozysync.clock import SystemClock
from cozysync.config import AppSettings, AppSettingsStore, FolderConfig, FolderStore, Locations
from cozysync.errors import ConfigError
from cozysync.events import Event
from cozysync.journal.store import SqliteJournal
from cozysync.local.watch import FolderWatcher
from cozysync.logs import pair_logging
from cozysync.ports import Remote, Secrets
from cozysync.private import private_folder
from cozysync.remotes.throttle import BANDWIDTH
from cozysync.secrets import open_secrets
from cozysync.service.live_settings import LiveSettings
from cozysync.service.login import SignInWatch
from cozysync.service.pause import PauseBoard
from cozysync.service.remotes import build_remote
from cozysync.service.session import EmitFn, FolderSession
from cozysync.service.watch_loop import WatchLoop
from cozysync.sync.cancel import StopEvent

__all__ = ["ServiceCore", "apply_bandwidth"]


def apply_bandwidth(settings: AppSettings) -> None:
    """Set the app's token buckets (``remotes/throttle.py``) from ``settings``."""
    up, down = settings.upload_limit_kib, settings.download_limit_kib
    BANDWIDTH.set_limits(up * 1024 if up else None, down * 1024 if down else None)


class ServiceCore:
    """State and wiring shared by every part of ``SyncService``."""

    def __init__(self, locations: Locations, *, emit: EmitFn | None = None) -> None:
        self.locations = locations
        self.store = FolderStore(locations.folders_file)
        self._emit = emit
        self._opening = threading.Lock()  # sessions open one at a time (the keyring)
        self.app_store = AppSettingsStore(locations.app_settings_file)
        self.pauses = PauseBoard(SystemClock(), self.store, self.app_store)
        apply_bandwidth(self.app_store.load())
        self._loops: dict[str, WatchLoop] = {}  # pairs being watched, by name

    def list_folders(self) -> list[FolderConfig]:
        """Every linked folder's settings."""
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

    def _serve(self, folder: FolderConfig, stop: threading.Event, progress: EmitFn | None) -> None:
        # only watch mode needs it (and websockets, 50-90 ms of every start otherwise)
        from cozysync.remotes.cozy_realtime import start_realtime

        with self._session(folder, progress, stop) as session:
            watcher = FolderWatcher(folder.local_path, session.ignore)
            watcher.start()
            # a stop wakes the loop's waits at once (a plain Event: within a second)
            unwake = stop.on_set(watcher.wake) if isinstance(stop, StopEvent) else None
            live = LiveSettings(self.store, self.app_store, session, apply_bandwidth)
            signed_in = SignInWatch(self.locations, self.store, session, self.remote_for)

            def tick() -> None:  # settings or a login renewed elsewhere
                live.apply(loop)
                signed_in.apply(loop)

            loop = WatchLoop(session, watcher, stop, folder.poll_interval_s, on_tick=tick)
            self._loops[folder.name] = loop
            realtime = start_realtime(session.remote, loop.remote_changed, folder.name)
            try:
                loop.run()
            finally:
                if unwake is not None:
                    unwake()
                if realtime is not None:
                    realtime.stop()
                self._loops.pop(folder.name, None)
                watcher.stop()

    @contextmanager
    def _session(
        self, folder: FolderConfig, progress: EmitFn | None, stop: threading.Event | None = None
    ) -> Iterator[FolderSession]:
        """The folder opened for syncing; setting ``stop`` stops its passes at once."""
        with pair_logging(folder.folder_id):
            with self._opening:
                session = FolderSession(
                    self, folder, self._emitter(progress),
                    paused_until=lambda: self.pauses.paused_until(folder.name), stop=stop,
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

    def _secrets(self, folder: FolderConfig) -> Secrets:
        allow = folder.secret_store == "file"
        return open_secrets(self.locations.config_dir, allow_file_store=allow)

    def remote_for(self, folder: FolderConfig) -> Remote:
        return build_remote(folder, self.locations, lambda: self._secrets(folder))

    def open_journal(self, folder: FolderConfig) -> SqliteJournal:
        path = self.locations.journal_path(folder.folder_id)
        private_folder(self.locations.data_dir)
        private_folder(path.parent)
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
