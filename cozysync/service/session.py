"""One folder opened for syncing: its lock held, journal and HTTP client open, and the
engine built on first use.  ``sync`` runs one pass and turns it into a ``SyncOutcome``."""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable, Collection, Sequence
from contextlib import suppress
from dataclasses import replace

from cozysync.clock import SystemClock
from cozysync.config import FolderConfig
from cozysync.errors import CozySyncError, FatalError, OfflineError, PausedError, StoppedError
from cozysync.events import ErrorRaised, Event, InvitationReceived, StatusChanged, StatusKind
from cozysync.folder_state import FolderFacts, decide_state
from cozysync.messages import counted
from cozysync.models import SkipKind, SkippedItem, SyncMode
from cozysync.paths import LOCAL_NAME_RULES
from cozysync.ports import Remote
from cozysync.private import private_folder
from cozysync.service import trash_restores, version_restores
from cozysync.service.account_warnings import save_warnings
from cozysync.service.pause import describe_pause
from cozysync.service.results import ItemProblem, SyncOutcome
from cozysync.service.root_guard import check_root
from cozysync.service.status import (
    META_PASS_STARTED,
    held_problem,
    item_problem,
    save_outcome,
    saved_kept_on_server,
)
from cozysync.service.waiting import ChangesWaiting
from cozysync.service.waiting_requests import run_waiting_requests
from cozysync.service.wiring import Adapters
from cozysync.sync.cancel import CancelToken
from cozysync.sync.engine import PassResult, SyncEngine
from cozysync.sync.views import ReconcileContext

__all__ = ["EmitFn", "FolderSession", "describe_pass", "status_event"]

log = logging.getLogger(__name__)

# what the pass does of each server-side request waiting for the connection (issue 18)
WAITING_DOERS = {
    version_restores.KIND: version_restores.do_queued_restore,
    trash_restores.KIND: trash_restores.do_queued_undelete,
}

LOCK_WAIT_S = 1.0  # how long a session waits for the folder's lock (see InstanceLock)

EmitFn = Callable[[Event], None]
REMOTE_TEMP_MAX_AGE_S = 24 * 3600.0
META_TEMPS_CLEANED = "remote_temps_cleaned_at"
META_ABANDONED_TEMPS = "remote_abandoned_temps"  # JSON list: cut uploads' temps to delete
META_SERVER_PROBE = "webdav_probe"  # ProbeCache.probe_record() (WebDAV only so far)


class FolderSession:
    """One folder opened for syncing: lock held, journal and HTTP client open."""

    def __init__(
        self,
        adapters: Adapters,
        folder: FolderConfig,
        emit: EmitFn,
        *,
        paused_until: Callable[[], float | None] = lambda: None,
        stop: threading.Event | None = None,
    ) -> None:
        self.folder = folder
        self.emit = emit
        self.paused_until = paused_until  # None: not paused; math.inf: until resumed
        # one token for a pause and a stop (Ctrl-C, quit): asked inside every transfer
        self.cancel = CancelToken(stop, lambda: self.paused_until() is not None)
        self.clock = SystemClock()
        self.adapters = adapters
        locations = adapters.locations
        private_folder(locations.state_dir)
        self.lock = adapters.folder_lock(folder, locations.lock_path(folder.folder_id))
        self.lock.acquire(wait_s=LOCK_WAIT_S)  # a status probe holds it for an instant
        try:
            check_root(folder, adapters)
            self.local = adapters.sync_folder(folder.local_path)
            self.local.cleanup_temp_files()
            self.ignore = adapters.ignore_rules(folder.local_path)
            self.journal = adapters.open_journal(folder)
        except BaseException:
            self.lock.release()
            raise
        try:
            self.remote = adapters.remote(folder)
        except BaseException:
            self.journal.close()
            self.lock.release()
            raise
        self._engine: SyncEngine | None = None
        # the changes waiting here, kept from the engine's plans and the watcher's paths
        self.waiting = ChangesWaiting(
            self.local, self.ignore, self.journal, lambda: self.folder.excluded_keys
        )
        self.left_out = 0  # items .cozyignore leaves out, as the last full scan saw
        # A pass that started and never saved its outcome was killed: it may have left
        # an upload's temp on the server.
        self._last_pass_interrupted = self.journal.get_meta(META_PASS_STARTED) is not None

    def close(self) -> None:
        with suppress(CozySyncError):
            self.remote.close()
        with suppress(CozySyncError):
            self.journal.close()
        self.lock.release()

    def engine(self) -> SyncEngine:
        if self._engine is None:
            self._check_remote()
            caps = self.remote.capabilities
            ctx = ReconcileContext(
                local_rules=LOCAL_NAME_RULES,
                remote_rules=self.adapters.name_rules(self.folder),
                local_case_insensitive=self.local.is_case_insensitive(),
                remote_case_insensitive=caps.case_insensitive,
                remote_has_stable_ids=caps.stable_ids,
                mode=SyncMode(self.folder.mode),
                excluded_folders=self.folder.excluded_keys,
            )
            if ctx.policy.sends_local_changes:  # download-only never writes there
                self._cleanup_remote_temps()
            self._engine = SyncEngine(
                self.local, self.remote, self.journal, self.ignore, ctx, self.clock,
                device_name=self.folder.device_name, emit=self.emit,
                cancel=self.cancel,
            )  # fmt: skip
        return self._engine

    def _check_remote(self) -> None:
        """A server whose probes cost requests (WebDAV: 11) is probed once a week, not at
        every start: what the probes found is kept in the journal (``ProbeCache``)."""
        probes = self.remote.features.probe_cache
        if probes is None:
            self.remote.check()
            return
        known = self.journal.get_meta(META_SERVER_PROBE)
        probes.check(known)
        record = probes.probe_record()
        if record is not None and record != known:
            self.journal.set_meta(META_SERVER_PROBE, record)

    def _cleanup_remote_temps(self) -> None:
        """Our hidden temp files left on the server by an upload cut short (a day old:
        an upload of another running client is never that slow)."""
        last = self.journal.get_meta(META_TEMPS_CLEANED)
        recent = last is not None and self.clock.now() - float(last) < REMOTE_TEMP_MAX_AGE_S
        if recent and not self._last_pass_interrupted:
            return  # a walk of the whole server tree: once a day, or after a crash
        temps = self.remote.features.server_temps
        try:
            if temps is not None:
                temps.cleanup_temp_files(REMOTE_TEMP_MAX_AGE_S)
                self.journal.set_meta(META_TEMPS_CLEANED, str(self.clock.now()))
        except CozySyncError as exc:
            log.info("%s: cleaning the server's temp files: %s", self.folder.name, exc.one_line())

    def _keep_abandoned_temps(self) -> None:
        """Remember the temps of uploads this pass cut short and could not delete (the
        server may still have been writing one: a pause, a lost connection), for the
        next pass to delete, rather than leaving them for a day."""
        temps = self.remote.features.abandoned_temps
        if temps is None:
            return
        taken = temps.take_abandoned_temps()
        if taken:
            self._set_abandoned_temps(self._abandoned_temps() | taken)

    def _delete_abandoned_temps(self) -> None:
        known, temps = self._abandoned_temps(), self.remote.features.abandoned_temps
        if known and temps is not None:
            self._set_abandoned_temps(temps.delete_abandoned_temps(sorted(known)))

    def _abandoned_temps(self) -> set[str]:
        saved = self.journal.get_meta(META_ABANDONED_TEMPS)
        try:
            paths = json.loads(saved) if saved else []
        except ValueError:
            return set()  # a damaged value: cleanup_temp_files finds them in a day
        return {p for p in paths if isinstance(p, str)} if isinstance(paths, list) else set()

    def _set_abandoned_temps(self, paths: set[str]) -> None:
        self.journal.set_meta(META_ABANDONED_TEMPS, json.dumps(sorted(paths)) if paths else None)

    def use_new_login(self, folder: FolderConfig, remote: Remote) -> None:
        """The user signed in again (``service/login.py``): the passes from now on talk
        to the server through ``remote``, built with the new secret; the journal stays
        as it is (the next pass compares both sides with what was synced before)."""
        with suppress(CozySyncError):
            self.remote.close()
        self.folder, self.remote, self._engine = folder, remote, None

    def set_excluded_folders(self, folder: FolderConfig) -> None:
        """The pair's excluded folders changed (``folder`` holds them): the next pass
        is a full one with them."""
        self.folder = folder
        if self._engine is not None:
            ctx = replace(self._engine.ctx, excluded_folders=folder.excluded_keys)
            self._engine.ctx = ctx
            self._engine.last_pass_in_sync = False

    def pending(self, seen: Collection[str] = ()) -> int:
        """The local changes waiting, as the engine last counted them, with ``seen``
        (paths the watcher saw change since) looked at: no walk of the folder."""
        return self.waiting.count(seen)

    def sync(
        self,
        *,
        confirm_deletes: bool = False,
        respect_backoff: bool = False,
        dirty: Collection[str] | None = None,
        list_remote: bool = True,
        put_back: bool = False,
        seen: Collection[str] = (),
    ) -> SyncOutcome:
        """One pass.  ``dirty``/``list_remote`` narrow it (watch mode: see SyncEngine);
        ``seen``: the paths a watcher saw change before a full pass (for the counts).
        ``put_back``: the answer to a deletion guard that puts the items back where they
        were deleted (``SyncEngine.put_back_deletions``) instead of confirming."""
        check_root(self.folder, self.adapters)
        if self.paused_until() is not None:
            return self.paused()
        self.emit(StatusChanged(StatusKind.SYNCING))
        self.journal.set_meta(META_PASS_STARTED, str(self.clock.now()))
        try:
            engine = self.engine()
            self._delete_abandoned_temps()
            # restores of old versions and undeletes from the server's trash asked
            # offline (issue 18): done on the server now, brought down by this pass,
            # which then lists the server
            if run_waiting_requests(
                self.adapters.locations, self.folder, self.remote, self.emit, WAITING_DOERS
            ):
                dirty, list_remote = None, True
            if put_back:
                forgotten = engine.put_back_deletions()
                log.info("%s: %d deletions put back", self.folder.name, forgotten)
            try:
                result = engine.sync_once(
                    confirm_deletes=confirm_deletes, respect_backoff=respect_backoff,
                    dirty=dirty, list_remote=list_remote,
                )  # fmt: skip
            finally:
                with suppress(CozySyncError):  # never hide why the pass stopped
                    self._keep_abandoned_temps()
        except (PausedError, StoppedError) as exc:
            # Transfers in flight were dropped, nothing of them journalled; the next pass
            # is a full one (what this one had planned is planned again).
            self.journal.set_meta(META_PASS_STARTED, None)
            if self._engine is not None:
                self._engine.last_pass_in_sync = False
            if isinstance(exc, StoppedError):
                raise  # asked for: no outcome saved, the last one stands
            return self.paused()
        except OfflineError as exc:
            self._engine = None  # on reconnection: probe again, then a full reconcile
            outcome = self._offline(exc, {*seen, *(dirty or ())})
        except FatalError as exc:
            kept = saved_kept_on_server(self.journal)
            failed = SyncOutcome(
                self.folder.name, StatusKind.NEEDS_ATTENTION, False, message=exc.title,
                stopped_by=exc.message, pending_changes=self._pending_after(in_sync=False),
                left_out_by_ignore=self.left_out,
            )  # fmt: skip
            self._save(replace(failed, kept_on_server=kept))
            self.emit(status_event(failed, exc.one_line()))
            raise
        else:
            # A pass that did not list the server sees it through the journal, which
            # forgets what a deletion here kept there: the last listing's count stands.
            kept = result.kept_on_server if list_remote else saved_kept_on_server(self.journal)
            if dirty is None:
                self.left_out = self.local.left_out_by_rules  # counted by its full scan
            outcome = self._outcome(result, kept)
            self._tell_account()
            self._tell_invitations()
        self._save(outcome)
        self.emit(status_event(outcome))
        return outcome

    def _tell_account(self) -> None:
        """A pass ran to its end: the server's account side notes it (a Cozy's last-sync
        time), and what it has to tell (a Cozy's warnings, its free space) is emitted as
        ``ErrorRaised`` with its typed message (``RemoteFeatures.account``)."""
        account = self.remote.features.account
        if account is None:
            return
        account.after_pass()
        for notice in account.take_notices():
            self.emit(ErrorRaised(None, notice.text(), "", message=notice))
        standing = account.standing_warnings()
        if standing is not None:  # kept for ``status`` until a start finds them gone
            save_warnings(self.journal, standing)

    def _tell_invitations(self) -> None:
        """The invitations to shared folders the pass saw, each told once
        (``InvitationReceived``; ``RemoteFeatures.invitations``: no request of its own)."""
        teller = self.remote.features.invitations
        for invitation in () if teller is None else teller.new_invitations():
            self.emit(
                InvitationReceived(
                    invitation.sharing_id, invitation.title, invitation.owner,
                    read_only=invitation.read_only,
                )
            )  # fmt: skip

    def paused(self) -> SyncOutcome:
        """The outcome of a pass that did not run (or stopped) because of a pause; not
        saved (the pause is, see ``service/pause.py``), announced with a StatusChanged
        "paused"."""
        until = self.paused_until()
        pending = self.pending()
        self.emit(
            StatusChanged(
                StatusKind.PAUSED, pending_changes=pending,
                paused_until=None if until is None or until == math.inf else until,
            )
        )  # fmt: skip
        return SyncOutcome(
            self.folder.name, StatusKind.PAUSED, False, pending_changes=pending,
            message=f"{describe_pause(until)}, nothing synced",
            finished_at=self.clock.now(), kept_on_server=saved_kept_on_server(self.journal),
            left_out_by_ignore=self.left_out,
        )  # fmt: skip

    def _offline(self, exc: OfflineError, seen: Collection[str]) -> SyncOutcome:
        pending = self.pending(seen)
        log.info("%s: %s", self.folder.name, exc.one_line())
        return SyncOutcome(
            self.folder.name, StatusKind.OFFLINE, False, pending_changes=pending,
            message=f"offline, {counted(pending, 'change', 'changes')} waiting ({exc.title})",
            finished_at=self.clock.now(), kept_on_server=saved_kept_on_server(self.journal),
            left_out_by_ignore=self.left_out,
            # why, when it is more than "cannot reach": a Wi-Fi sign-in page (issue 19)
            stopped_by=None if exc.message_id == OfflineError.message_id else exc.message,
        )  # fmt: skip

    def _outcome(self, result: PassResult, kept: int) -> SyncOutcome:
        errors = tuple(item_problem(e) for e in self.journal.errors())
        conflicts = len(self.journal.conflicts())
        in_sync = result.in_sync and not errors
        facts = FolderFacts(
            unfinished=not in_sync,
            pending_changes=self._pending_after(in_sync=in_sync, kept=result.not_synced),
            errors=len(errors), conflicts=conflicts, names_to_change=len(result.reports),
            held_back=len(result.held_back),
        )  # fmt: skip
        changed = () if in_sync else tuple(_changed_text(e) for e in result.changed)
        return SyncOutcome(
            self.folder.name, decide_state(facts), in_sync,
            actions_done=result.actions_done, pending_changes=facts.pending_changes,
            conflicts=conflicts, errors=errors, unstorable=tuple(result.reports),
            message=describe_pass(
                result.actions_done, conflicts, errors, result.reports, kept, result.held_back,
                unfinished=None if in_sync else changed,
            ),
            finished_at=self.clock.now(), kept_on_server=kept, left_out_by_ignore=self.left_out,
            held_back=tuple(held_problem(i, "held-back") for i in result.held_back),
            not_synced=tuple(held_problem(i, "not-synced") for i in result.not_synced),
            names_to_change=tuple(item_problem(e) for e in result.names_to_change),
        )  # fmt: skip

    def _pending_after(self, *, in_sync: bool, kept: Sequence[SkippedItem] = ()) -> int:
        """The changes still waiting after a pass, as its engine's last plan saw them;
        those ``kept`` here (made in a folder shared read-only) never go: not waiting."""
        view = self._engine.seen_local if self._engine is not None else None
        kept_here = {i.path for i in kept if i.kind is SkipKind.READ_ONLY_SHARE}
        return self.waiting.after_pass(view, in_sync=in_sync, kept_here=kept_here)

    def _save(self, outcome: SyncOutcome) -> None:
        save_outcome(self.journal, outcome, self.clock)


def status_event(outcome: SyncOutcome, detail: str | None = None) -> StatusChanged:
    """The StatusChanged announcing a pass's outcome, with the counts behind it and what
    stopped it (``detail``: the CLI's line, the outcome's message by default)."""
    return StatusChanged(
        outcome.kind, outcome.message if detail is None else detail,
        pending_changes=outcome.pending_changes, conflicts=outcome.conflicts,
        errors=len(outcome.errors), kept_on_server=outcome.kept_on_server,
        stopped_by=outcome.stopped_by,
    )  # fmt: skip


def describe_pass(
    done: int,
    conflicts: int,
    errors: tuple[ItemProblem, ...],
    reports: list[str],
    kept_on_server: int = 0,
    held_back: Sequence[SkippedItem] = (),
    *,
    unfinished: tuple[str, ...] | None = None,
) -> str:
    """The one-line message of a pass's outcome.  ``unfinished``: the pass did not end
    in sync (never then said "in sync"), with what changed while it was synced."""
    parts = [counted(done, "change made", "changes made")] if done else []
    if errors:
        first = errors[0]
        could_not = counted(len(errors), "item could not", "items could not")
        parts.append(f"{could_not} be synced ({first.path}: {first.title})")
    if conflicts:
        parts.append(f"{counted(conflicts, 'conflict', 'conflicts')} waiting (cozysync conflicts)")
    if reports:
        names = counted(
            len(reports), "name to change before it can", "names to change before they can"
        )
        parts.append(f"{names} sync ({reports[0]})")
    if held_back:
        held = held_back[0]
        parts.append(
            f"{counted(len(held_back), 'item', 'items')} held back ({held.path}: {held.reason})"
        )
    if not errors and not conflicts and not reports and not held_back:
        parts.append("in sync" if unfinished is None else _unfinished_text(unfinished))
    if kept_on_server:
        parts.append(
            f"{kept_on_server} files on the server only "
            "(kept after a deletion here, or added there)"
        )
    return "; ".join(parts)


def _changed_text(error: CozySyncError) -> str:
    """ "'notes' changed from a file to a folder while it was synced": with its path."""
    if error.path and error.path not in error.title:
        return f"{error.path}: {error.title}"
    return error.title


def _unfinished_text(changed: tuple[str, ...]) -> str:
    """Why a pass that ran to its end without an error is not in sync."""
    if len(changed) == 1:
        return f"{changed[0]}; it will be synced at the next pass"
    if changed:
        return (
            f"{len(changed)} items changed while they were synced ({changed[0]}); "
            "they will be synced at the next pass"
        )
    return "not everything could be synced in this pass; the rest goes at the next pass"
