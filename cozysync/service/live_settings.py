"""Settings changed by another process reach a running pair without a restart.

``cozysync folders --exclude``, ``cozysync bandwidth`` or a poll interval set from the
tray's preferences in another process only write the settings files.  The watch loop
calls ``LiveSettings.apply`` on each tick (at least once a second); one ``stat`` per
file tells whether anything changed, and only then are the files read and the new
values applied: the poll interval, the excluded folders (a full pass follows) and the
bandwidth limits.  Pauses are read by ``PauseBoard`` itself (``service/pause.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from cozysync.config import AppSettings, AppSettingsStore, FolderStore
from cozysync.errors import ConfigError
from cozysync.service.session import FolderSession
from cozysync.service.settings_stamp import SettingsStamp

__all__ = ["LiveSettings"]

log = logging.getLogger(__name__)


class _Loop(Protocol):
    poll_s: float

    def set_poll_interval(self, seconds: float) -> None: ...

    def sync_soon(self) -> None: ...


class LiveSettings:
    """Applies the saved settings of one pair to its running watch loop when they change."""

    def __init__(
        self,
        store: FolderStore,
        app_store: AppSettingsStore,
        session: FolderSession,
        apply_bandwidth: Callable[[AppSettings], None],
    ) -> None:
        self.store, self.app_store, self.session = store, app_store, session
        self.apply_bandwidth = apply_bandwidth
        self._stamp = SettingsStamp([store.path, app_store.path])
        self._stamp.changed()  # what the pair started with is the baseline
        self._bandwidth = app_store.load()

    def apply(self, loop: _Loop) -> None:
        """If a settings file changed since the last call, apply what changed."""
        if not self._stamp.changed():
            return
        try:
            folders = {f.name: f for f in self.store.load()}
            settings = self.app_store.load()
        except ConfigError as exc:  # mid-edit by hand: keep running with what we had
            log.warning("settings not applied: %s", exc.one_line())
            return
        name = self.session.folder.name
        folder = folders.get(name)
        if folder is not None:
            if folder.poll_interval_s != loop.poll_s:
                log.info("%s: remote check every %.0f s", name, folder.poll_interval_s)
                loop.set_poll_interval(folder.poll_interval_s)
            if folder.excluded_folders != self.session.folder.excluded_folders:
                log.info("%s: excluded folders now %s", name, list(folder.excluded_folders))
                self.session.set_excluded_folders(folder)
                loop.sync_soon()
        limits = (settings.upload_limit_kib, settings.download_limit_kib)
        if limits != (self._bandwidth.upload_limit_kib, self._bandwidth.download_limit_kib):
            log.info("bandwidth limits now %s / %s KiB/s", *limits)
            self.apply_bandwidth(settings)
        self._bandwidth = settings
