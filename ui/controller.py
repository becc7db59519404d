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

from cozysync.api import ConflictInfo, FolderStatus, SyncService, UnlinkResult
from cozysync.config import AppSettings, FolderConfig
from cozysync.errors import CozySyncError
from cozysync.events import (
    ConflictFound,
    ErrorRaised,
    InvitationReceived,
    StatusChanged,
    StatusKind,
)
from cozysync.messages import MessageId
from cozysync_ui.background import FolderRunners, run_in_background, wait_for_background
from cozysync_ui.bridge import EngineBridge
from cozysync_ui.dialogs.deletion_question import (
    DELETION_STOPS,
    DeletionAnswer,
    DeletionQuestion,
)
from cozysync_ui.dialogs.resolution import Resolution
from cozysync_ui.i18n import translate
from cozysync_ui.invitations import PendingInvitations, invitation_notice
from cozysync_ui.itemmodels.deletion_questions import DeletionQuestions
from cozysync_ui.itemmodels.refused_logins import RefusedLogins
from cozysync_ui.itemmodels.sync_state import SyncState
from cozysync_ui.messages import message_texts

__all__ = ["AppController", "web_address"]

log = logging.getLogger(__name__)

ONE_HOUR_MS = 3600 * 1000


def _ignore(_result: object) -> None:
    return None


def web_address(remote_url: str) -> str:
    """The cloud's web page for a WebDAV address (Nextcloud: before ``/remote.php/``)."""
    for marker in ("/remote.php/", "/public.php/"):
        if marker in remote_url:
            return remote_url.split(marker)[0] + "/"
    return remote_url


class AppController(QObject):
    """Owns the engine threads; every engine call goes through ``run_in_background``."""

    notification = Signal(str, str)  # title, text: something the user should know
    failed = Signal(object)  # an exception from a command the user asked for
    resolved = Signal(object)  # ConflictInfo settled
    unlinked = Signal(object)  # UnlinkResult
    bandwidth_changed = Signal(object)  # AppSettings
    folders_chosen = Signal(object)  # FolderConfig with its new excluded folders
    deletions_asked = Signal(object)  # DeletionQuestion: a deletion guard stopped a folder
    sign_in_asked = Signal(object)  # FolderConfig: the user chose "Sign in again"
    problem_told = Signal(object)  # Problem: said by the notification that follows

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
        self.deletions = DeletionQuestions(self)
        self.logins = RefusedLogins(self)  # folders whose cloud refused the login
        self.behind_portal: set[str] = set()  # folders waiting for a Wi-Fi sign-in
        self.bridge = EngineBridge(self)
        self.runners = FolderRunners(self._run_folder, self)
        self.runners.stopped.connect(self._on_runner_stopped)
        self._resume_timer = QTimer(self)
        self._resume_timer.setSingleShot(True)
        self._resume_timer.timeout.connect(self.resume)
        self._after_stop: dict[str, Callable[[], None]] = {}
        self._unlinking: set[str] = set()  # their snapshot may be asked for once more
        self.pause_on_metered = False
        self.is_metered = False
        self._quitting = False
        self._rereading_pauses = False  # a re-read of the saved pauses is under way
        self._pause_writes = 0  # pauses or resumes made here, being saved
        self.bridge.status_changed.connect(self._on_status_changed)
        self.bridge.item_synced.connect(self.state.on_item_synced)
        self.bridge.error_raised.connect(self._on_error_raised)
        self.bridge.progress_changed.connect(self.state.on_progress)
        self.bridge.conflict_found.connect(self._on_conflict_found)
        # invitations to shared folders, until answered (ui/invitations.py)
        self.invitations = PendingInvitations(service, lambda url: self.open_url(url), self)
        self.invitations.failed.connect(self._fail)
        self.bridge.invitation_received.connect(self._on_invitation_received)
        self.bridge.missed.connect(self.refresh)
        self.bridge.follow(service)  # every folder's events, from the service's stream

    def _run_folder(self, name: str, stop: threading.Event) -> None:
        """Runs in the folder's engine thread (see ``FolderRunners``); its events come
        through the service's stream, which the bridge follows."""
        self.service.run(name, stop)

    # --- lifecycle ---------------------------------------------------------------------

    def start(self, then: Callable[[], None] | None = None) -> None:
        """Read every folder's status, start watching each one, then call ``then``."""

        def started() -> None:
            self._start_all()
            if then is not None:
                then()

        def read_pauses() -> tuple[AppSettings, list[FolderConfig]]:
            return self.service.app_settings(), self.service.list_folders()

        def adopt(saved: tuple[AppSettings, list[FolderConfig]]) -> None:
            self._adopt_saved_pauses(*saved)
            self.on_metered_changed(self.is_metered)  # started on a metered connection
            self.refresh(then=started)

        run_in_background(read_pauses, adopt, self._fail)

    def _adopt_saved_pauses(self, settings: AppSettings, folders: list[FolderConfig]) -> None:
        """Pauses are saved (by an earlier run, or ``cozysync pause``): the app starts
        with them, each until resumed or its end."""
        now = time.time()
        if self._quitting:
            return
        for folder in folders:
            if folder.paused and (folder.paused_until is None or folder.paused_until > now):
                self.state.set_folder_paused(folder.name, True, folder.paused_until)
        until = settings.paused_until
        if not settings.paused or self.state.is_paused:
            return
        if until is None:
            self.state.set_paused(True)
        elif until > now:
            self.state.set_paused(True, until)
            self._resume_timer.start(max(1, int((until - now) * 1000)))

    def _save_pause(self, write: Callable[[], object]) -> None:
        """Save a pause or a resume made here (in the background)."""
        self._pause_writes += 1

        def done(_: object) -> None:
            self._pause_writes -= 1

        def failed(exc: BaseException) -> None:
            self._pause_writes -= 1
            self._fail(exc)

        run_in_background(write, done, failed)

    def _pauses_look_outdated(self, folder: str, event: StatusChanged) -> bool:
        """The engine paused or resumed on its own: a pause saved or lifted by another
        process (``cozysync pause``/``resume``), which the window must show too.  Not
        while a pause made here is being saved (the engine then lags behind the window)."""
        state = self.state
        if self._pause_writes:
            return False
        shown = state.is_paused or state.is_folder_paused(folder)
        if event.kind is StatusKind.PAUSED:
            return not shown
        return event.kind is not StatusKind.SYNCING and shown and not state.is_paused_for_metered

    def _reread_pauses(self) -> None:
        if self._rereading_pauses or self._quitting:
            return
        self._rereading_pauses = True

        def read() -> tuple[AppSettings, list[FolderConfig]]:
            return self.service.app_settings(), self.service.list_folders()

        def follow(saved: tuple[AppSettings, list[FolderConfig]]) -> None:
            self._rereading_pauses = False
            if not self._pause_writes:  # else a pause made here meanwhile is the newer
                self._follow_saved_pauses(*saved)

        def failed(exc: BaseException) -> None:
            self._rereading_pauses = False
            self._fail(exc)

        run_in_background(read, follow, failed)

    def _follow_saved_pauses(self, settings: AppSettings, folders: list[FolderConfig]) -> None:
        """Show the saved pauses as they are now, in both directions (a pause for a
        metered connection is the app's own and stays)."""
        if self._quitting:
            return
        now = time.time()
        app_paused = settings.paused and (
            settings.paused_until is None or settings.paused_until > now
        )
        if app_paused and not self.state.is_paused:
            self.state.set_paused(True, settings.paused_until)
        elif not app_paused and self.state.is_paused and not self.state.is_paused_for_metered:
            self.state.set_paused(False)
        for folder in folders:
            paused = folder.paused and (folder.paused_until is None or folder.paused_until > now)
            if paused != self.state.is_folder_paused(folder.name):
                self.state.set_folder_paused(folder.name, paused, folder.paused_until)

    def _start_all(self) -> None:
        if self._quitting:
            return
        for name in self.state.statuses:
            self.runners.start(name)

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read every folder's snapshot again (at start, after a link or an unlink):
        never a walk of a folder (``look=False``: its engine, started at once, counts)."""
        service = self.service
        told = self.state.problems_told()  # the errors told before the read began

        def read() -> tuple[list[FolderStatus], list[ConflictInfo]]:
            return service.status(look=False), service.conflicts()

        def done(result: tuple[list[FolderStatus], list[ConflictInfo]]) -> None:
            if self._quitting:
                return
            self.state.set_folders(*result, read_after=told)
            if then is not None:
                then()

        run_in_background(read, done, self._fail)

    def refresh_folder(self, name: str) -> None:
        """Read one folder's snapshot again after its pass: its engine's counts, its
        problems and conflicts from the journal (O(problems + conflicts), no walk)."""
        service = self.service
        told = self.state.problems_told()  # an error told after it may be missed by it

        def read() -> tuple[list[FolderStatus], list[ConflictInfo]]:
            return service.status(name, look=False), service.conflicts(name)

        def done(result: tuple[list[FolderStatus], list[ConflictInfo]]) -> None:
            gone = name in self._unlinking or name not in self.state.statuses
            if not self._quitting and not gone:  # a read from before an unlink: stale
                self.state.set_folder(name, *result, read_after=told)

        def failed(exc: BaseException) -> None:
            gone = name in self._unlinking or name not in self.state.statuses
            if isinstance(exc, CozySyncError) and gone:
                return  # unlinked meanwhile: nothing to show, no error to tell
            self._fail(exc)

        run_in_background(read, done, failed)

    def quit(self, timeout: float = 30.0) -> bool:
        """Stop every engine thread and wait for them: a pass under way stops at once
        (its transfers dropped, their temps removed or left for the next pass)."""
        self._quitting = True
        self._resume_timer.stop()
        stopped = self.runners.stop_all(timeout)
        self.bridge.stop_following()
        wait_for_background(timeout)
        if self.state.is_paused_for_metered:
            # The engine saves pauses; this one belongs to the connection, not to the
            # user: the next start pauses again only if it is still metered.
            try:
                self.service.resume(None)
            except CozySyncError as exc:
                log.warning("could not lift the pause for a metered connection: %s", exc)
        return stopped

    # --- commands ----------------------------------------------------------------------

    def sync_now(self) -> None:
        if self.state.is_paused:
            self.resume()
            return
        for name in self.state.statuses:
            self._sync_soon(name)

    def _sync_soon(self, name: str) -> None:
        """A full pass of ``name`` now, or once the pass under way ended: a transfer in
        flight is never cut (a stop of its thread would).  A folder whose thread had
        ended gets a new one (its first pass is a full one)."""
        service = self.service

        def started(watched: bool) -> None:
            if not watched and not self._quitting:
                self.runners.start(name)  # nothing if its thread is still starting

        run_in_background(lambda: service.sync_soon(name), started, self._fail)

    def pause(self, for_ms: int | None = None, *, for_metered: bool = False) -> None:
        """Pause every folder through the engine: a transfer under way stops at once
        (its temp file removed, nothing half-written), and is made again on resume."""
        self._resume_timer.stop()
        until = None
        if for_ms is not None:
            self._resume_timer.start(for_ms)  # the engine ends its pause by itself too
            until = time.time() + for_ms / 1000
        self.state.set_paused(True, until, for_metered=for_metered)
        service = self.service
        for_s = for_ms / 1000 if for_ms is not None else None
        self._save_pause(lambda: service.pause(None, for_s=for_s))

    def pause_for_one_hour(self) -> None:
        self.pause(ONE_HOUR_MS)

    def pause_folder(self, name: str, for_ms: int | None = None) -> None:
        """Pause one folder through the engine (the others go on); with ``for_ms``, the
        engine lifts the pause by itself when it ends."""
        until = time.time() + for_ms / 1000 if for_ms is not None else None
        self.state.set_folder_paused(name, True, until)
        service = self.service
        for_s = for_ms / 1000 if for_ms is not None else None
        self._save_pause(lambda: service.pause(name, for_s=for_s))

    def resume_folder(self, name: str) -> None:
        """Lift one folder's own pause; it runs a full pass within a second."""
        self.state.set_folder_paused(name, False)
        service = self.service
        self._save_pause(lambda: service.resume(name))
        if not self._quitting:
            self.runners.start(name)  # in case its thread had stopped

    def resume(self) -> None:
        """Lift the pause; each folder runs a full pass within a second."""
        self._resume_timer.stop()
        self.state.set_paused(False)
        service = self.service
        self._save_pause(lambda: service.resume(None))
        self._start_all()

    def set_bandwidth_limits(self, up_kib: int, down_kib: int) -> None:
        """Limit uploads and downloads (KiB/s, 0: no limit), at once, for every folder."""
        service = self.service

        def apply() -> object:
            return service.set_bandwidth_limits(up_kib=up_kib, down_kib=down_kib)

        run_in_background(apply, self.bandwidth_changed.emit, self._fail)

    def set_excluded_folders(self, name: str, excluded: list[str]) -> None:
        """Keep every top-level folder of ``name``'s cloud here except ``excluded``."""
        service = self.service

        def save() -> object:
            return service.set_excluded_folders(name, excluded)

        run_in_background(save, self.folders_chosen.emit, self._fail)

    def set_poll_interval(self, seconds: float) -> None:
        """How often every folder checks the cloud (saved, and applied at once)."""
        service = self.service
        run_in_background(lambda: service.set_poll_interval(None, seconds), _ignore, self._fail)

    def on_metered_changed(self, is_metered: bool) -> None:
        """Pause while the connection is metered (when the user asked for it); resume
        when it is not any more, unless the user paused meanwhile."""
        self.is_metered = is_metered
        if is_metered and self.pause_on_metered and not self.state.is_paused:
            self.pause(for_metered=True)
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
            self.state.conflict_resolved(info)  # at once: not counted until the next pass
            self.resolved.emit(info)
            self.refresh_folder(info.folder)
            if not self.state.is_paused:
                self._sync_soon(conflict.folder)

        run_in_background(
            lambda: service.resolve(conflict.folder, conflict.path, resolution.keep),
            done,
            self._fail,
        )

    def unlink(self, name: str, *, wipe_local: bool) -> None:
        """Stop the folder's engine thread, then forget it (and maybe its local files)."""
        service = self.service
        self._unlinking.add(name)

        def forget() -> None:
            def done(result: UnlinkResult) -> None:
                self.logins.forget(name)  # its "Sign in again" goes with it
                for notice in result.notices:  # a Nextcloud app password revoked, or left
                    texts = message_texts(notice.id, notice.text(), "", notice.args)
                    self.notification.emit(texts.title, texts.hint)
                self.unlinked.emit(result)
                self.refresh(then=lambda: self._unlinking.discard(name))

            def failed(exc: BaseException) -> None:
                self._unlinking.discard(name)
                self._fail(exc)

            run_in_background(lambda: service.unlink(name, wipe_local=wipe_local), done, failed)

        if self.runners.is_running(name):
            self._after_stop[name] = forget
            self.runners.stop(name)
        else:
            forget()

    def restart_all(self) -> None:
        """Each running folder stopped and started again, so that new connection settings
        (a proxy, issue 19) reach its connections; the pass under way stops, nothing lost."""
        for name in self.runners.running():
            self._after_stop[name] = lambda name=name: self._start_unless_quitting(name)
            self.runners.stop(name)

    def _start_unless_quitting(self, name: str) -> None:
        if not self._quitting:
            self.runners.start(name)

    def sign_in(self, name: str) -> None:
        """Ask for a new login for ``name`` (the app opens the prompt)."""
        service = self.service
        run_in_background(lambda: service.folder(name), self.sign_in_asked.emit, self._fail)

    def signed_in(self, name: str) -> None:
        """``name`` has a new login: its running pair takes it and syncs at once (a
        folder whose thread had ended gets a new one)."""
        self.logins.forget(name)
        if not self._quitting and not self.runners.is_running(name):
            self.runners.start(name)

    def review_deletions(self, name: str) -> None:
        """Ask again what to do with the deletions that stopped ``name``."""
        question = self.deletions.pending(name)
        if question is not None:
            self.deletions_asked.emit(question)

    def answer_deletions(self, question: DeletionQuestion, answer: DeletionAnswer | None) -> None:
        """The user's answer to a deletion guard (None: decide later); the folder's
        next pass, within a second, applies it."""
        if answer is None:
            self.deletions.deferred(question)
            return
        service, name = self.service, question.folder
        self.deletions.answered(question)

        def done(outcome: object) -> None:
            self.deletions.delivered(name)
            if outcome is not None:  # no pair running it: the pass was made at once
                self.refresh()

        def failed(exc: BaseException) -> None:
            self.deletions.undelivered(name)
            self._fail(exc)

        put_back = answer.put_back
        run_in_background(lambda: service.answer_deletions(name, put_back=put_back), done, failed)

    # --- events ------------------------------------------------------------------------

    def _on_status_changed(self, folder: str, event: StatusChanged) -> None:
        question = self.deletions.on_status_changed(folder, event)  # before the state's views
        newly_refused = self.logins.on_status_changed(folder, event)
        self.state.on_status_changed(folder, event)
        if self._pauses_look_outdated(folder, event):
            self._reread_pauses()
        if event.kind is not StatusKind.SYNCING:
            self.refresh_folder(folder)
        stopped = event.stopped_by
        if self._is_behind_portal(folder, event):
            return
        if stopped is None or stopped.id == MessageId.ERROR_PAUSED:
            return
        if stopped.id in DELETION_STOPS:
            if question is not None:  # once per stop, not at each retry
                self._ask_deletions(question)
        elif stopped.id == MessageId.ERROR_AUTH:
            if newly_refused:  # once per refusal, not at each retry
                self.notification.emit(
                    translate("Notifications", "Sign in again to keep syncing"),
                    translate(
                        "Notifications",
                        "%1: your cloud refused the login (a new password?). Choose Sign in again.",
                    ).replace("%1", folder),
                )
        elif stopped.id == MessageId.ERROR_QUOTA_EXCEEDED:
            self.notification.emit(
                translate("Notifications", "Your cloud is full"),
                translate("Notifications", "Free some space on your cloud, then sync again."),
            )
        elif stopped.id != MessageId.ERROR_OFFLINE:
            english = str(stopped.args.get("detail", event.detail))
            texts = message_texts(stopped.id, english, str(stopped.args.get("hint", "")))
            self.notification.emit(
                translate("Notifications", "Syncing stopped"), f"{texts.title}\n{texts.hint}"
            )

    def _is_behind_portal(self, folder: str, event: StatusChanged) -> bool:
        """A Wi-Fi sign-in page answers for the folder's cloud: said once, when it
        starts, not at each quiet retry; forgotten once a pass ends otherwise."""
        stopped = event.stopped_by
        if stopped is None or stopped.id != MessageId.ERROR_CAPTIVE_PORTAL:
            if event.kind is not StatusKind.SYNCING:
                self.behind_portal.discard(folder)
            return False
        if folder not in self.behind_portal:
            self.behind_portal.add(folder)
            texts = message_texts(stopped.id, event.detail, str(stopped.args.get("hint", "")))
            self.notification.emit(texts.title, texts.hint)
        return True

    def _ask_deletions(self, question: DeletionQuestion) -> None:
        self.notification.emit(
            translate("Notifications", "Syncing stopped before deleting files"),
            translate("Notifications", "%1: choose what to do with them.").replace(
                "%1", question.folder
            ),
        )
        self.deletions_asked.emit(question)

    def _on_error_raised(self, folder: str, event: ErrorRaised) -> None:
        problem = self.state.on_error_raised(folder, event)
        self.problem_told.emit(problem)  # the window's banner follows the problem
        if event.path is None:  # a server's word about the account, not a file's error
            title = translate("Notifications", "A word from your cloud")
            self.notification.emit(title, f"{folder}: {problem.title}\n{problem.hint}".strip())
            return
        self.notification.emit(
            translate("Notifications", "A file could not be synced"),
            f"{event.path}: {problem.title}\n{problem.hint}",
        )

    def _on_invitation_received(self, folder: str, event: InvitationReceived) -> None:
        self.invitations.add(folder, event)
        self.notification.emit(*invitation_notice(event))

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

    def fail(self, exc: BaseException) -> None:
        """Report a failed command to the user (unless quitting)."""
        self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        if not self._quitting:
            self.failed.emit(exc)
