"""The app's commands (sync now, pause, resolve, link, unlink, quit), wired to the engine
through ``SyncService`` with every call off the GUI thread, and the ``SyncState`` the
tray shows, fed by the engine's events."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from cozysync.api import ConflictInfo, FolderStatus, SyncService
from cozysync.events import ConflictFound, ErrorRaised, StatusChanged
from cozysync_ui.background import FolderRunners, run_in_background, wait_for_background
from cozysync_ui.bridge import EngineBridge
from cozysync_ui.dialogs.resolution import Resolution
from cozysync_ui.i18n import translate
from cozysync_ui.itemmodels.sync_state import SyncState

__all__ = ["AppController", "web_address"]

log = logging.getLogger(__name__)

ONE_HOUR_MS = 3600 * 1000


def web_address(remote_url: str) -> str:
    """The cloud's web page for a WebDAV address (Nextcloud: before ``/remote.php/``)."""
    for marker in ("/remote.php/", "/public.php/"):
        if marker in remote_url:
            return remote_url.split(marker)[0] + "/"
    return remote_url


# A pass that ended normally describes itself with these (``describe_pass``); any other
# "needs attention" detail is a stopped pass.  TODO(engine): say so in the event itself.
_PASS_SUMMARY = ("conflicts waiting", "could not be synced", "names to change", "in sync")


def _is_fatal(detail: str) -> bool:
    return bool(detail) and not any(part in detail for part in _PASS_SUMMARY)


class AppController(QObject):
    """Owns the engine threads; every engine call goes through ``run_in_background``."""

    notification = Signal(str, str)  # title, text: something the user should know
    failed = Signal(object)  # an exception from a command the user asked for
    resolved = Signal(object)  # ConflictInfo settled
    unlinked = Signal(object)  # UnlinkResult

    def __init__(
        self,
        service: SyncService,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.open_url = open_url
        self.state = SyncState(self)
        self.bridge = EngineBridge(self)
        self.runners = FolderRunners(self._run_folder, self)
        self.runners.stopped.connect(self._on_runner_stopped)
        self._resume_timer = QTimer(self)
        self._resume_timer.setSingleShot(True)
        self._resume_timer.timeout.connect(self.resume)
        self._after_stop: dict[str, Callable[[], None]] = {}
        self.pause_on_metered = False
        self.is_metered = False
        self._quitting = False
        self.bridge.status_changed.connect(self._on_status_changed)
        self.bridge.item_synced.connect(self.state.on_item_synced)
        self.bridge.error_raised.connect(self._on_error_raised)
        self.bridge.conflict_found.connect(self._on_conflict_found)

    def _run_folder(self, name: str, stop: threading.Event) -> None:
        """Runs in the folder's engine thread (see ``FolderRunners``)."""
        self.service.run(name, stop, progress=self.bridge.emitter(name))

    # --- lifecycle ---------------------------------------------------------------------

    def start(self, then: Callable[[], None] | None = None) -> None:
        """Read every folder's status, start watching each one, then call ``then``."""

        def started() -> None:
            self._start_all()
            if then is not None:
                then()

        self.refresh(then=started)

    def _start_all(self) -> None:
        if self._quitting or self.state.is_paused:
            return
        for name in self.state.statuses:
            self.runners.start(name)

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        service = self.service

        def read() -> tuple[list[FolderStatus], list[ConflictInfo]]:
            return service.status(), service.conflicts()

        def done(result: tuple[list[FolderStatus], list[ConflictInfo]]) -> None:
            if self._quitting:
                return
            self.state.set_folders(*result)
            if then is not None:
                then()

        run_in_background(read, done, self._fail)

    def quit(self, timeout: float = 30.0) -> bool:
        """Stop every engine thread cleanly (after its current pass) and wait for them."""
        self._quitting = True
        self._resume_timer.stop()
        stopped = self.runners.stop_all(timeout)
        wait_for_background(timeout)
        return stopped

    # --- commands ----------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.state.is_paused:
            self.resume()
            return
        for name in self.state.statuses:
            self.runners.restart(name)

    def pause(self, for_ms: int | None = None) -> None:
        """Stop syncing (each engine thread ends after its current pass)."""
        self._resume_timer.stop()
        until = None
        if for_ms is not None:
            self._resume_timer.start(for_ms)
            until = time.time() + for_ms / 1000
        self.state.set_paused(True, until)
        for name in self.runners.running():
            self.runners.stop(name)

    def pause_for_one_hour(self) -> None:
        self.pause(ONE_HOUR_MS)

    def resume(self) -> None:
        self._resume_timer.stop()
        self.state.set_paused(False)
        self._start_all()

    def on_metered_changed(self, is_metered: bool) -> None:
        """Pause while the connection is metered (when the user asked for it); resume
        when it is not any more, unless the user paused meanwhile."""
        self.is_metered = is_metered
        if is_metered and self.pause_on_metered and not self.state.is_paused:
            self.pause()
            self.state.set_paused(True, for_metered=True)
        elif not (is_metered and self.pause_on_metered) and self.state.is_paused_for_metered:
            self.resume()

    def set_pause_on_metered(self, enabled: bool) -> None:
        self.pause_on_metered = enabled
        self.on_metered_changed(self.is_metered)

    def open_folder(self, path: str | Path) -> None:
        self.open_url(QUrl.fromLocalFile(str(path)))

    def open_cloud(self) -> None:
        for status in self.state.statuses.values():
            self.open_url(QUrl(web_address(status.remote_url)))
            return

    def resolve(self, conflict: ConflictInfo, resolution: Resolution) -> None:
        """Apply the user's choice; the folder's next pass propagates it."""
        service = self.service

        def done(info: ConflictInfo) -> None:
            self.resolved.emit(info)
            self.refresh()
            if not self.state.is_paused:
                self.runners.restart(conflict.folder)

        run_in_background(
            lambda: service.resolve(conflict.folder, conflict.path, resolution.keep),
            done,
            self._fail,
        )

    def unlink(self, name: str, *, wipe_local: bool) -> None:
        """Stop the folder's engine thread, then forget it (and maybe its local files)."""
        service = self.service

        def forget() -> None:
            def done(result: object) -> None:
                self.unlinked.emit(result)
                self.refresh()

            run_in_background(lambda: service.unlink(name, wipe_local=wipe_local), done, self._fail)

        if self.runners.is_running(name):
            self._after_stop[name] = forget
            self.runners.stop(name)
        else:
            forget()

    # --- events ------------------------------------------------------------------------

    def _on_status_changed(self, folder: str, event: StatusChanged) -> None:
        self.state.on_status_changed(folder, event)
        if event.status != "syncing":
            self.refresh()
        if event.status == "needs attention" and _is_fatal(event.detail):
            if "cloud is full" in event.detail:
                self.notification.emit(
                    translate("Notifications", "Your cloud is full"),
                    translate("Notifications", "Free some space on your cloud, then sync again."),
                )
            else:
                self.notification.emit(translate("Notifications", "Syncing stopped"), event.detail)

    def _on_error_raised(self, folder: str, event: ErrorRaised) -> None:
        self.state.on_error_raised(folder, event)
        self.notification.emit(
            translate("Notifications", "A file could not be synced"),
            f"{event.path or folder}: {event.title}\n{event.hint}",
        )

    def _on_conflict_found(self, folder: str, event: ConflictFound) -> None:
        self.notification.emit(
            translate("Notifications", "A file changed on both sides"),
            translate("Notifications", "%1: choose which version to keep.").replace(
                "%1", event.path
            ),
        )

    def _on_runner_stopped(self, name: str, error: object) -> None:
        action = self._after_stop.pop(name, None)
        if action is not None:
            action()
        elif isinstance(error, Exception):
            self._fail(error)

    def _fail(self, exc: BaseException) -> None:
        if not self._quitting:
            self.failed.emit(exc)
