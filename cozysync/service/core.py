"""The core of ``SyncService``: where state lives (settings, pauses, running pairs) and
how a folder's ports are wired (a session per folder).  The adapters themselves come
from the composition root (``cozysync.composition``) through ``service.wiring.Adapters``.
The facade's other parts (``controls``, ``inspecting``, ``cozysync.api``) build on it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from cozysync.activity import ActivityLog
from cozysync.clock import SystemClock
from cozysync.config import AppSettings, AppSettingsStore, FolderConfig, FolderStore, Locations
from cozysync.errors import ConfigError
from cozysync.events import Event, EventLog, ItemSynced
from cozysync.logs import pair_logging
from cozysync.phrases import phrase
from cozysync.ports import Journal, Remote, Secrets
from cozysync.service.live_settings import LiveSettings
from cozysync.service.login import SignInWatch
from cozysync.service.pause import PauseBoard
from cozysync.service.realtime_trigger import RealtimeTrigger
from cozysync.service.session import EmitFn, FolderSession
from cozysync.service.watch_loop import WatchLoop
from cozysync.service.wiring import Adapters
from cozysync.sync.cancel import StopEvent

__all__ = ["ServiceCore"]


class ServiceCore:
    """State and wiring shared by every part of ``SyncService``."""

    def __init__(
        self, locations: Locations, *, adapters: Adapters, emit: EmitFn | None = None
    ) -> None:
        self.locations = locations
        self.adapters = adapters  # the composition root's: every port comes from it
        self.store = FolderStore(locations.folders_file)
        self._emit = emit
        self._opening = threading.Lock()  # sessions open one at a time (the keyring)
        self.app_store = AppSettingsStore(locations.app_settings_file)
        self.pauses = PauseBoard(SystemClock(), self.store, self.app_store)
        self.apply_bandwidth(self.app_store.load())
        self._loops: dict[str, WatchLoop] = {}  # pairs being watched, by name
        self.events = EventLog()  # every folder's events, tagged, with increasing ids
        self.activity = ActivityLog(locations.state_dir)  # items synced, kept across restarts

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
                raise ConfigError(
                    phrase("no folder is linked"), phrase("Link one first: cozysync link DIR URL")
                )
            names = ", ".join(f.name for f in folders)
            raise ConfigError(
                phrase("several folders are linked: choose one with --name ({names})", names=names)
            )
        for folder in folders:
            if folder.name == name:
                return folder
        raise ConfigError(
            phrase("no linked folder is named {name!r}", name=name),
            phrase("See them with: cozysync list"),
        )

    def _serve(self, folder: FolderConfig, stop: threading.Event, progress: EmitFn | None) -> None:
        with self._session(folder, progress, stop) as session:
            watcher = self.adapters.watcher(folder.local_path, session.ignore)
            watcher.start()
            # a stop wakes the loop's waits at once (a plain Event: within a second)
            unwake = stop.on_set(watcher.wake) if isinstance(stop, StopEvent) else None
            live = LiveSettings(self.store, self.app_store, session, self.apply_bandwidth)

            def tick() -> None:  # settings or a login renewed elsewhere
                live.apply(loop)
                signed_in.apply(loop)

            loop = WatchLoop(session, watcher, stop, folder.poll_interval_s, on_tick=tick)
            self._loops[folder.name] = loop
            realtime = RealtimeTrigger(loop.remote_changed, folder.name)  # the Cozy's websocket
            realtime.watch(session.remote)
            signed_in = SignInWatch(
                self.locations, self.store, session, self._remote_for, on_new_remote=realtime.watch
            )
            try:
                loop.run()
            finally:
                if unwake is not None:
                    unwake()
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
                    self.adapters, folder, self._emitter(progress, folder),
                    paused_until=lambda: self.pauses.paused_until(folder.name), stop=stop,
                )  # fmt: skip
            try:
                yield session
            finally:
                session.close()

    def _emitter(self, progress: EmitFn | None, folder: FolderConfig) -> EmitFn:
        """Log each event of ``folder`` (tagged with its name), note each item synced in
        its recent activity, and hand each event, as logged, to the listeners given."""
        targets = [f for f in (self._emit, progress) if f is not None]

        def emit(event: Event) -> None:
            logged = self.events.emit(event, folder.name)
            if isinstance(logged, ItemSynced):
                self.activity.record(folder.folder_id, logged, time.time())
            for target in targets:
                target(logged)

        return emit

    def apply_bandwidth(self, settings: AppSettings) -> None:
        """Set the app's upload and download limits from ``settings``."""
        up, down = settings.upload_limit_kib, settings.download_limit_kib
        self.adapters.set_bandwidth(up * 1024 if up else None, down * 1024 if down else None)

    def _secrets(self, folder: FolderConfig) -> Secrets:
        return self.adapters.secrets(folder)

    def _remote_for(self, folder: FolderConfig) -> Remote:
        return self.adapters.remote(folder)

    @contextmanager
    def _journal(self, folder: FolderConfig) -> Iterator[Journal | None]:
        """The folder's journal if it was ever synced (never creates one)."""
        if not self.locations.journal_path(folder.folder_id).exists():
            yield None
            return
        journal = self.adapters.open_journal(folder)
        try:
            yield journal
        finally:
            journal.close()
