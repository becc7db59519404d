"""The executor: applies a plan through the ports, one action at a time per item.

Safety rules, named as in docs/sync-algorithm.md:

- *check before overwrite*: every action first checks that the item is still what the
  planner saw (local stat, remote ETag); if not, it is skipped and the next pass replans;
- *temp file + atomic replace*: downloads go to a temp file in the target folder and
  replace the target only if it did not change meanwhile;
- *journal after success*: the journal is written only once an action has succeeded, so
  a crash between a transfer and its journal write leaves a state the next pass
  recognises (both sides equal, or compared by content); a transfer also leaves a
  *pending transfer* before its bytes can land, so that the next pass knows what landed
  (``cozysync.sync.transfers``);
- *trash, not oblivion*: local deletions go to the OS trash; a folder is deleted on either
  side only if everything inside it is known and unchanged;
- *one item never blocks the others*: a ``SyncError`` is recorded for that item and the
  rest goes on; a ``FatalError`` stops the pass.

Journal writes happen on one thread by design, the one that calls ``run`` and collects
each stage's outcomes (``JournalThread``): the workers that run a stage's actions are
never handed the journal.  Each action goes to the handler of its kind, from a table
built once (``ItemOperations.handlers``, checked complete by ``dispatch_table``).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from cozysync.errors import (
    CozySyncError,
    FatalError,
    ItemChangedError,
    PreconditionFailedError,
)
from cozysync.events import ConflictFound, ErrorRaised, Event, ItemSynced
from cozysync.failpoints import failpoint
from cozysync.logs import current_pair, enter_pair
from cozysync.models import (
    Action,
    ActionKind,
    Conflict,
    ItemError,
    PendingTransfer,
    Plan,
    RemoteState,
)
from cozysync.paths import parent_of
from cozysync.ports import Clock, IgnoreRules, Journal, LocalFS, Remote
from cozysync.sync.breaker import FailureBreaker, not_tried
from cozysync.sync.conflicts import ConflictKeeper, JournalUpdate
from cozysync.sync.journal_thread import JournalThread
from cozysync.sync.modes import TWO_WAY, ModePolicy
from cozysync.sync.operations import STAGE_KINDS, Handler, ItemOperations
from cozysync.sync.progress import PassProgress
from cozysync.sync.transfers import (
    intent_before,
)

__all__ = ["ExecutionReport", "Executor", "JournalUpdate", "dispatch_table"]

log = logging.getLogger(__name__)

RETRY_BASE_S = 30.0
RETRY_MAX_S = 3600.0

_TRANSFERS = frozenset(
    (
        ActionKind.UPLOAD,
        ActionKind.DOWNLOAD,
        ActionKind.COMPARE_CONTENT,
        ActionKind.MKDIR_REMOTE,
        ActionKind.MKDIR_LOCAL,
    )
)


@dataclass
class ExecutionReport:
    done: int = 0
    failed: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[CozySyncError] = field(default_factory=list)
    changed: list[CozySyncError] = field(default_factory=list)  # meanwhile: replanned


def dispatch_table(handlers: Mapping[ActionKind, Handler]) -> dict[ActionKind, Handler]:
    """``handlers`` as the executor dispatches through them; a kind that a plan stage
    can hold (``STAGE_KINDS``) without a handler is an error at startup, not mid-pass."""
    missing = STAGE_KINDS - handlers.keys()
    if missing:
        names = ", ".join(sorted(kind.value for kind in missing))
        raise TypeError(f"the executor has no handler for: {names}")
    return dict(handlers)


class Executor:
    """Runs a plan stage by stage: each action on the pool, through the handler of its
    kind (``handlers``, from ``ItemOperations``), then the stage's journal writes on the
    thread that called ``run`` (``journal_thread``), with the failures' bookkeeping and
    the breaker of *failures in a row*."""

    def __init__(
        self,
        local: LocalFS,
        remote: Remote,
        journal: Journal,
        ignore: IgnoreRules,
        clock: Clock,
        *,
        device_name: str,
        workers: int = 4,
        emit: Callable[[Event], None] | None = None,
        policy_for: Callable[[str], ModePolicy] = lambda key: TWO_WAY,
        progress: PassProgress | None = None,
    ) -> None:
        self.local = local
        self.remote = remote
        self.journal = journal
        self.ignore = ignore
        self.clock = clock
        self.device_name = device_name
        self.workers = workers
        self.emit = emit or (lambda event: None)
        # where both versions are kept: the policy of the item's place (its folder's
        # mode, or a read-only share inside it), asked at each conflict
        self.conflicts = ConflictKeeper(
            local, remote, clock, device_name=device_name, policy_for=policy_for
        )
        self.progress = progress or PassProgress(clock, self.emit)
        self.conflicts.progress_for = self.progress.for_item
        # workers ask this thread for journal writes through a mailbox (one per stage)
        self.journal_thread = JournalThread()
        self.operations = ItemOperations(
            local,
            remote,
            ignore,
            conflicts=self.conflicts,
            progress=self.progress,
            remember=self._remember,
        )
        self.handlers = dispatch_table(self.operations.handlers())
        # failures in a row: a server refusing every upload the same way gets 50, not all
        self.breaker = FailureBreaker()
        self._breaker_lock = threading.Lock()
        self._not_tried: set[str] = set()  # keys of the stage's actions it held back

    def start_pass(self) -> None:
        """A new pass: the breaker tries every kind of action again."""
        self.breaker.reset()
        self._not_tried.clear()  # a stage that a stop cut short left some

    def run(self, plan: Plan) -> ExecutionReport:
        self.journal_thread.claim()
        report = ExecutionReport()
        failed_folders: set[str] = set()  # keys of folders whose action failed this run
        with ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="cozysync",
            initializer=enter_pair, initargs=(current_pair(),),
        ) as pool:  # fmt: skip
            for planned in plan.stages:
                stage = self._without_items_below(failed_folders, planned, report)
                if not stage:
                    continue
                # Workers never touch the journal (its connection belongs to this
                # thread): what they check against is read here, once per stage.
                if any(a.is_deletion and a.is_dir for a in stage):
                    self.operations.journal_snapshot = self.journal.entries()
                self._remember_stage(stage)
                confirms = self.remote.features.confirms_uploads is not None
                self.operations.batched = len(stage) > 1 and confirms
                try:
                    outcomes = self._run_stage(pool, stage)
                finally:
                    self.operations.batched = False
                outcomes = self._confirm_uploads(outcomes)
                fatal = None
                failpoint("before-journal-commit")
                with self.journal.transaction():
                    for action, outcome in zip(stage, outcomes, strict=True):
                        if isinstance(outcome, FatalError):
                            fatal = fatal or outcome
                        elif isinstance(outcome, CozySyncError):
                            tried = action.key not in self._not_tried
                            self._record_failure(action, outcome, report, tried=tried)
                            if action.is_dir:
                                failed_folders.add(action.key)
                        else:
                            self._record_success(action, outcome, report)
                self._log_not_tried()
                if fatal is not None:
                    raise fatal
        return report

    def _without_items_below(
        self, failed_folders: set[str], stage: Sequence[Action], report: ExecutionReport
    ) -> list[Action]:
        """The stage less the items inside a folder whose creation, move or deletion
        failed earlier in this run: they would fail for want of their folder (an HTTP 409
        per file), so they wait for the next pass, which replans them with the folder."""
        kept = []
        for action in stage:
            if any(action.key.startswith(folder + "/") for folder in failed_folders):
                log.info("%s: its folder failed (replanned next pass)", action.local_path)
                self.progress.finished(action, ok=False)
                report.failed += 1
            else:
                kept.append(action)
        return kept

    def _run_stage(
        self, pool: ThreadPoolExecutor, stage: Sequence[Action]
    ) -> list[JournalUpdate | CozySyncError]:
        """Run the actions of one stage on the pool, serving the workers' journal writes
        on this thread until every action is done (``JournalThread.run_all``)."""
        if len(stage) == 1:
            return [self._attempt(stage[0])]
        return self.journal_thread.run_all(pool, self._attempt, stage)

    def _remember_stage(self, stage: Sequence[Action]) -> None:
        """Write the pending transfers known before the stage runs, in one transaction."""
        intents = [t for t in map(intent_before, stage) if t is not None]
        if intents:
            with self.journal.transaction():
                for intent in intents:
                    self.journal.put_transfer(intent)

    def _remember(self, transfer: PendingTransfer) -> None:
        """Write a pending transfer now (before its bytes can land)."""
        self.journal_thread.call(lambda: self.journal.put_transfer(transfer))

    # -- bookkeeping (calling thread only) ------------------------------------------------

    def _confirm_uploads(
        self, outcomes: list[JournalUpdate | CozySyncError]
    ) -> list[JournalUpdate | CozySyncError]:
        """Learn the new ETags of a stage's uploads in one listing per folder (instead of
        one request per file); an upload the server no longer shows as ours is not
        recorded (replanned next pass, where the contents are compared)."""
        sent = [
            o.put.remote_path
            for o in outcomes
            if isinstance(o, JournalUpdate) and o.put is not None and o.unconfirmed
        ]
        if not sent:
            return outcomes
        confirmer = self.remote.features.confirms_uploads
        assert confirmer is not None
        confirmed = confirmer.confirm_uploads(sent)
        return [_settled(o, confirmed) for o in outcomes]

    def _attempt(self, action: Action) -> JournalUpdate | CozySyncError:
        try:
            self.progress.check_cancelled()  # paused or stopped: the rest of the stage waits
            held = self._held_by_breaker(action)
            if held is not None:
                self.progress.finished(action, ok=False)
                return held
            update = self.handlers[action.kind](action)
        except CozySyncError as exc:
            if exc.path is None:
                exc.path = action.local_path
            self._tell_breaker(action, exc)
            self.progress.finished(action, ok=False)
            # kept until the stage ends (200,000 failed uploads in one stage): light
            return exc if isinstance(exc, FatalError) else _detached(exc)
        self._tell_breaker(action, None)
        self.progress.finished(action, ok=True)
        return update

    def _held_by_breaker(self, action: Action) -> CozySyncError | None:
        """*Failures in a row*: the error recorded for an action not tried, or None."""
        with self._breaker_lock:
            tripped = self.breaker.tripped_by(action.kind, parent_of(action.remote_path))
            if tripped is None:
                return None
            count = self.breaker.trip_after
            self._not_tried.add(action.key)
        return not_tried(tripped, action.kind, action.local_path, count)

    def _tell_breaker(self, action: Action, error: CozySyncError | None) -> None:
        with self._breaker_lock:
            was_tripped = self.breaker.is_tripped(action.kind)
            self.breaker.record(action.kind, parent_of(action.remote_path), error)
            if error is not None and not was_tripped and self.breaker.is_tripped(action.kind):
                log.warning(
                    "%d %s actions in a row failed the same way (%s): the others of this "
                    "pass are not tried",
                    self.breaker.trip_after, action.kind.value, error.title,
                )  # fmt: skip

    def _log_not_tried(self) -> None:
        """One line for the stage's actions the breaker held back (each is recorded)."""
        if self._not_tried:
            log.warning("%d more actions of this stage were not tried", len(self._not_tried))
            self._not_tried.clear()

    def _record_success(
        self, action: Action, update: JournalUpdate, report: ExecutionReport
    ) -> None:
        if update.relocate is not None:
            self.journal.relocate(*update.relocate)
        if update.forget is not None:
            self.journal.remove_tree(update.forget)
        if update.put is not None:
            self.journal.put(update.put)
        if action.kind in _TRANSFERS:
            self.journal.remove_transfer(action.key)
        self.journal.clear_error(action.local_path)
        if update.conflict is not None:
            self.journal.add_conflict(update.conflict)
            report.conflicts.append(update.conflict)
            self.emit(ConflictFound(update.conflict.path, update.conflict.conflict_path))
            log.info("conflict: %s kept as %s", update.conflict.path, update.conflict.conflict_path)
        report.done += 1
        if update.done:
            synced = ItemSynced.of(action.local_path, update.done, update.related_path)
            log.info("%s: %s", synced.path, synced.what)  # to the pair's own log
            self.emit(synced)

    def _record_failure(
        self, action: Action, error: CozySyncError, report: ExecutionReport, *, tried: bool = True
    ) -> None:
        report.failed += 1
        if isinstance(error, PreconditionFailedError | ItemChangedError):
            log.info("%s: %s (replanned next pass)", action.local_path, error.title)
            report.changed.append(_detached(error))  # said if the pass ends on it
            return  # not a problem for the user: the next pass sees the new state
        report.errors.append(error)
        previous = self.journal.error(action.local_path)  # by key: O(1) per failure
        attempts = previous.attempts + 1 if previous else 1
        delay = min(RETRY_BASE_S * 2 ** (attempts - 1), RETRY_MAX_S)
        self.journal.record_error(
            ItemError(
                path=action.local_path,
                title=error.title,
                hint=error.hint,
                attempts=attempts,
                next_retry_at=self.clock.now() + delay,
                message_id=error.message_id,
            )
        )
        if tried:  # the others: one line for the stage (_log_not_tried)
            log.warning("%s", error.one_line())
        self.emit(ErrorRaised(error.path, error.title, error.hint, message=error.message))


def _detached(error: CozySyncError) -> CozySyncError:
    """``error`` as the stage's outcomes and the pass's report keep it: its title, hint
    and path, without its traceback (every frame of the failed action) nor the
    exception it was raised from (an HTTP request and response, in reference cycles
    that only a full garbage collection frees): kept for each failed item, they took
    about 13 KB per failure (2.7 GB partway through 200,000). The log line needs only
    ``one_line``."""
    error.__traceback__ = None
    error.__cause__ = error.__context__ = None
    return error


def _settled(
    outcome: JournalUpdate | CozySyncError, confirmed: dict[str, RemoteState]
) -> JournalUpdate | CozySyncError:
    """An unconfirmed upload's journal update completed with the server's state."""
    if not isinstance(outcome, JournalUpdate) or outcome.put is None or not outcome.unconfirmed:
        return outcome
    state = confirmed.get(outcome.put.remote_path)
    if state is None:
        title = "it changed on the server right after it was sent"
        return ItemChangedError(title, path=outcome.put.local_path)
    outcome.put = dataclasses.replace(
        outcome.put,
        etag=state.etag,
        remote_id=state.remote_id,
        remote_size=state.size,
        remote_mtime=state.mtime,
    )
    outcome.unconfirmed = False
    return outcome
