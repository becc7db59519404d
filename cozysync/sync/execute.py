"""The executor: applies a plan through the ports, one action at a time per item.

Safety rules, named as in docs/sync-algorithm.md:

- *check before overwrite*: every action first checks that the item is still what the
  planner saw (local stat, remote ETag); if not, it is skipped and the next pass replans;
- *temp file + atomic replace*: downloads go to a temp file in the target folder and
  replace the target only if it did not change meanwhile;
- *journal after success*: the journal is written only once an action has succeeded, by
  the calling thread, so a crash between a transfer and its journal write leaves a state
  the next pass recognises (both sides equal, or compared by content); a transfer also
  leaves a *pending transfer* before its bytes can land (written on the calling thread,
  which workers ask through a mailbox), so that the next pass knows what landed
  (``cozysync.sync.transfers``);
- *trash, not oblivion*: local deletions go to the OS trash; a folder is deleted on either
  side only if everything inside it is known and unchanged;
- *one item never blocks the others*: a ``SyncError`` is recorded for that item and the
  rest goes on; a ``FatalError`` stops the pass.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import BinaryIO, cast

from cozysync.errors import (
    CozySyncError,
    FatalError,
    ItemChangedError,
    PreconditionFailedError,
)
from cozysync.events import ConflictFound, ErrorRaised, Event, ItemAction, ItemSynced
from cozysync.failpoints import failpoint
from cozysync.logs import current_pair, enter_pair
from cozysync.models import (
    Action,
    ActionKind,
    Conflict,
    ItemError,
    JournalEntry,
    LocalState,
    PendingTransfer,
    Plan,
    RemoteState,
    SyncMode,
)
from cozysync.paths import is_same_or_under
from cozysync.ports import Clock, ConfirmsUploads, IgnoreRules, Journal, LocalFS, Remote
from cozysync.sync.changes import is_local_unchanged, is_remote_unchanged
from cozysync.sync.conflicts import ConflictKeeper, JournalUpdate
from cozysync.sync.hashing import HashingReader, HashingWriter
from cozysync.sync.progress import PassProgress
from cozysync.sync.transfers import (
    IntentReader,
    download_intent,
    intent_before,
    known_hash,
    upload_intent,
)

__all__ = ["ExecutionReport", "Executor", "JournalUpdate"]

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
_Call = tuple[Callable[[], object], "Future[object]"]


@dataclass
class ExecutionReport:
    done: int = 0
    failed: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[CozySyncError] = field(default_factory=list)


class Executor:
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
        mode: SyncMode = SyncMode.TWO_WAY,
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
        self._journal_snapshot: dict[str, JournalEntry] = {}
        self._batched = False  # uploads of this stage are confirmed together, after it
        self.conflicts = ConflictKeeper(local, remote, clock, device_name=device_name, mode=mode)
        self.progress = progress or PassProgress(clock, self.emit)
        self.conflicts.progress_for = self.progress.for_item
        # workers ask this thread for journal writes through a mailbox (one per stage)
        self._mailbox: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        self._mailbox_lock = threading.Lock()
        self._serving = False
        self._calling_thread = threading.get_ident()

    def run(self, plan: Plan) -> ExecutionReport:
        self._calling_thread = threading.get_ident()
        report = ExecutionReport()
        with ThreadPoolExecutor(
            max_workers=self.workers, thread_name_prefix="cozysync",
            initializer=enter_pair, initargs=(current_pair(),),
        ) as pool:  # fmt: skip
            for stage in plan.stages:
                # Workers never touch the journal (its connection belongs to this
                # thread): what they check against is read here, once per stage.
                if any(a.is_deletion and a.is_dir for a in stage):
                    self._journal_snapshot = self.journal.entries()
                self._remember_stage(stage)
                self._batched = len(stage) > 1 and isinstance(self.remote, ConfirmsUploads)
                try:
                    outcomes = self._run_stage(pool, stage)
                finally:
                    self._batched = False
                outcomes = self._confirm_uploads(outcomes)
                fatal = None
                failpoint("before-journal-commit")
                with self.journal.transaction():
                    for action, outcome in zip(stage, outcomes, strict=True):
                        if isinstance(outcome, FatalError):
                            fatal = fatal or outcome
                        elif isinstance(outcome, CozySyncError):
                            self._record_failure(action, outcome, report)
                        else:
                            self._record_success(action, outcome, report)
                if fatal is not None:
                    raise fatal
        return report

    def _run_stage(
        self, pool: ThreadPoolExecutor, stage: Sequence[Action]
    ) -> list[JournalUpdate | CozySyncError]:
        """Run the actions of one stage on the pool, serving the workers' journal writes
        (``_on_calling_thread``) on this thread until every action is done."""
        if len(stage) == 1:
            return [self._attempt(stage[0])]
        mailbox: queue.SimpleQueue[_Call | None] = queue.SimpleQueue()
        with self._mailbox_lock:
            self._mailbox, self._serving = mailbox, True
        futures = [pool.submit(self._attempt, action) for action in stage]
        for future in futures:
            future.add_done_callback(lambda _: mailbox.put(None))
        running = len(futures)
        try:
            while running:
                call = mailbox.get()
                if call is None:
                    running -= 1
                    continue
                function, reply = call
                try:
                    reply.set_result(function())
                except BaseException as exc:  # handed to the worker that asked
                    reply.set_exception(exc)
        finally:
            self._stop_serving(mailbox)  # interrupted (Ctrl-C): no worker waits forever
        return [future.result() for future in futures]

    def _stop_serving(self, mailbox: queue.SimpleQueue[_Call | None]) -> None:
        with self._mailbox_lock:
            self._serving = False
        while not mailbox.empty():
            call = mailbox.get()
            if call is not None:
                call[1].set_exception(FatalError("the sync was stopped"))

    def _on_calling_thread(self, function: Callable[[], object]) -> object:
        """Run ``function`` on the thread that owns the journal, and wait for it."""
        if threading.get_ident() == self._calling_thread:
            return function()
        reply: Future[object] = Future()
        with self._mailbox_lock:
            if not self._serving:
                raise FatalError("the sync was stopped")
            self._mailbox.put((function, reply))
        return reply.result()

    def _remember_stage(self, stage: Sequence[Action]) -> None:
        """Write the pending transfers known before the stage runs, in one transaction."""
        intents = [t for t in map(intent_before, stage) if t is not None]
        if intents:
            with self.journal.transaction():
                for intent in intents:
                    self.journal.put_transfer(intent)

    def _remember(self, transfer: PendingTransfer) -> None:
        """Write a pending transfer now (before its bytes can land)."""
        self._on_calling_thread(lambda: self.journal.put_transfer(transfer))

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
        assert isinstance(self.remote, ConfirmsUploads)
        confirmed = self.remote.confirm_uploads(sent)
        return [_settled(o, confirmed) for o in outcomes]

    def _attempt(self, action: Action) -> JournalUpdate | CozySyncError:
        try:
            self.progress.check_paused()  # paused: the rest of the stage is not started
            update = self._apply(action)
        except CozySyncError as exc:
            if exc.path is None:
                exc.path = action.local_path
            self.progress.finished(action, ok=False)
            return exc
        self.progress.finished(action, ok=True)
        return update

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
        self, action: Action, error: CozySyncError, report: ExecutionReport
    ) -> None:
        report.failed += 1
        if isinstance(error, PreconditionFailedError | ItemChangedError):
            log.info("%s: %s (replanned next pass)", action.local_path, error.title)
            return  # not a problem for the user: the next pass sees the new state
        report.errors.append(error)
        previous = {e.path: e for e in self.journal.errors()}.get(action.local_path)
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
        log.warning("%s", error.one_line())
        self.emit(ErrorRaised(error.path, error.title, error.hint, message=error.message))

    # -- actions (may run in worker threads: no journal writes here) ----------------------

    def _apply(self, action: Action) -> JournalUpdate:
        handler = getattr(self, "_" + action.kind.value.replace("-", "_"))
        return cast(JournalUpdate, handler(action))

    def _upload(self, a: Action) -> JournalUpdate:
        current = self._local_as_planned(a)
        readers: list[HashingReader] = []
        hash_known = known_hash(current) is not None  # then remembered before the stage

        def read_whole(reader: HashingReader) -> None:
            # the body was read to its end: only now can the upload land on the server
            intent = upload_intent(a.key, current, a.remote_path, reader.hexdigest, a.remote)
            self._remember(intent)

        def open_source() -> BinaryIO:
            source = self.local.open_read(a.local_path)
            on_end = None if hash_known else read_whole
            readers.append(IntentReader(source, current.size, on_end))
            return cast(BinaryIO, readers[-1])

        send = self.remote.upload
        deferred = self._batched and isinstance(self.remote, ConfirmsUploads)
        if deferred and isinstance(self.remote, ConfirmsUploads):
            send = self.remote.upload_unconfirmed
        try:
            state = send(
                a.remote_path,
                open_source,
                current.size,
                replace=a.remote,
                mtime=current.mtime_ns // 1_000_000_000,
                content_hash=a.local.content_hash if a.local else None,
                progress=self.progress.for_item(a),
            )
        finally:
            for reader in readers:
                reader.close()
        sent = dataclasses.replace(current, content_hash=readers[-1].hexdigest)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, sent, state),
            done=ItemAction.UPLOADED,
            unconfirmed=deferred,
        )

    def _download(self, a: Action) -> JournalUpdate:
        expected = a.local if a.local is not None and not a.local.is_dir else None
        with self.local.temp_file(a.local_path) as (temp_path, sink):
            writer = HashingWriter(sink, a.remote.size if a.remote else 0)
            state = self.remote.download(
                a.remote_path,
                cast(BinaryIO, writer),
                expected=a.remote,
                progress=self.progress.for_item(a),
            )
            sink.flush()
            temp = self.local.stat(temp_path)
            if temp is not None:  # the next pass must know what may land at the name
                self._remember(download_intent(a.key, a.local_path, temp, state, writer.hexdigest))
            new = self.local.commit_temp(
                temp_path, a.local_path, expected=expected, mtime=state.mtime
            )
        new = dataclasses.replace(new, content_hash=writer.hexdigest)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, new, state), done=ItemAction.DOWNLOADED
        )

    def _mkdir_remote(self, a: Action) -> JournalUpdate:
        local = self.local.stat(a.local_path)
        if local is None or not local.is_dir:
            raise ItemChangedError("the folder is not there any more", path=a.local_path)
        state = self.remote.mkdir(a.remote_path)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, local, state), done=ItemAction.FOLDER_CREATED_REMOTE
        )

    def _mkdir_local(self, a: Action) -> JournalUpdate:
        remote = (
            a.remote if a.remote is not None and a.remote.etag else self.remote.stat(a.remote_path)
        )
        if remote is None or not remote.is_dir:
            raise ItemChangedError("the folder is not on the server any more", path=a.local_path)
        local = self.local.mkdir(a.local_path)
        return JournalUpdate(
            put=JournalEntry.from_states(a.key, local, remote), done=ItemAction.FOLDER_CREATED_LOCAL
        )

    def _move_remote(self, a: Action) -> JournalUpdate:
        assert a.source_key is not None and a.source_path is not None and a.journal is not None
        expected = a.remote if a.remote is not None and not a.remote.is_dir else None
        state = self.remote.move(a.source_path, a.remote_path, expected=expected)
        entry = dataclasses.replace(
            a.journal, key=a.key, local_path=a.local_path, remote_path=state.path
        )
        if a.remote is not None and is_remote_unchanged(a.journal, a.remote):
            # The server may give a moved item a new ETag: learn it, but only if the
            # content there is still the synced one (else its change must stay visible).
            entry = dataclasses.replace(entry, etag=state.etag, remote_mtime=state.mtime)
        return JournalUpdate(
            relocate=(a.source_key, a.key, a.local_path, state.path),
            put=entry,
            done=ItemAction.MOVED_REMOTE,
            related_path=a.source_path,
        )

    def _move_local(self, a: Action) -> JournalUpdate:
        assert a.source_key is not None and a.source_path is not None and a.journal is not None
        if a.local is not None and not a.local.is_dir:
            self._check_local(a.source_path, a.local)
        new = self.local.move(a.source_path, a.local_path)
        entry = dataclasses.replace(
            a.journal, key=a.key, local_path=a.local_path, remote_path=a.remote_path
        )
        if a.local is not None and is_local_unchanged(a.journal, a.local):
            entry = dataclasses.replace(
                entry, inode=new.inode, device=new.device, mtime_ns=new.mtime_ns
            )
        return JournalUpdate(
            relocate=(a.source_key, a.key, a.local_path, a.remote_path),
            put=entry,
            done=ItemAction.MOVED_LOCAL,
            related_path=a.source_path,
        )

    def _delete_remote(self, a: Action) -> JournalUpdate:
        if a.is_dir:
            self._check_remote_folder_known(a)
            self.remote.delete(a.remote_path, expected=None)
        else:
            self.remote.delete(a.remote_path, expected=a.remote)
        return JournalUpdate(forget=a.key, done=ItemAction.DELETED_REMOTE)

    def _trash_local(self, a: Action) -> JournalUpdate:
        if a.is_dir:
            self._check_local_folder_known(a)
        elif a.local is not None:
            self._check_local(a.local_path, a.local)
        self.local.trash(a.local_path)
        return JournalUpdate(forget=a.key, done=ItemAction.DELETED_LOCAL_TO_TRASH)

    def _compare_content(self, a: Action) -> JournalUpdate:
        return self.conflicts.compare_content(a, self._local_as_planned(a), self._upload)

    def _keep_both(self, a: Action) -> JournalUpdate:
        return self.conflicts.keep_both(a)

    def _record(self, a: Action) -> JournalUpdate:
        update = JournalUpdate()
        if a.source_key is not None:
            update.relocate = (a.source_key, a.key, a.local_path, a.remote_path)
        elif a.is_dir and a.journal is not None and _respelled(a.journal, a):
            # a folder spelled anew on a side (deleted and made again in another Unicode
            # form): what the journal knows below it lives below the new spelling
            update.relocate = (a.key, a.key, a.local_path, a.remote_path)
        if a.local is not None and a.remote is not None:
            local = a.local
            if not local.is_dir and local.content_hash is None:
                local = dataclasses.replace(local, content_hash=self.local.hash_file(a.local_path))
            update.put = JournalEntry.from_states(a.key, local, a.remote)
        return update

    def _forget(self, a: Action) -> JournalUpdate:
        return JournalUpdate(forget=a.key)

    # -- checks -------------------------------------------------------------------------

    def _local_as_planned(self, a: Action) -> LocalState:
        if a.local is None:
            raise ItemChangedError("it is not on this computer any more", path=a.local_path)
        current = self._check_local(a.local_path, a.local)
        return dataclasses.replace(current, content_hash=a.local.content_hash)

    def _check_local(self, path: str, planned: LocalState) -> LocalState:
        current = self.local.stat(path)
        if (
            current is None
            or current.is_dir != planned.is_dir
            or (
                not current.is_dir
                and (current.inode, current.size, current.mtime_ns)
                != (planned.inode, planned.size, planned.mtime_ns)
            )
        ):
            raise ItemChangedError("it changed while syncing", path=path)
        return current

    def _known_entries(self, key: str) -> dict[str, JournalEntry]:
        return {k: e for k, e in self._journal_snapshot.items() if is_same_or_under(k, key)}

    def _same_local_content(self, entry: JournalEntry, item: LocalState) -> bool:
        """Untouched since the last sync, or rewritten with the same bytes."""
        if is_local_unchanged(entry, item):
            return True
        return (
            entry.content_hash is not None and self.local.hash_file(item.path) == entry.content_hash
        )

    def _check_remote_folder_known(self, a: Action) -> None:
        known = {e.remote_path: e for e in self._known_entries(a.key).values()}
        for item in self.remote.list_below(a.remote_path):
            entry = known.get(item.path)
            if entry is None or (not item.is_dir and not is_remote_unchanged(entry, item)):
                raise ItemChangedError(
                    "the folder was not deleted on the server: something inside it is new "
                    f"or changed ({item.path})",
                    path=a.local_path,
                )

    def _check_local_folder_known(self, a: Action) -> None:
        known = {e.local_path: e for e in self._known_entries(a.key).values()}
        for item in self.local.scan(self.ignore, under=a.local_path):
            entry = known.get(item.path)
            if entry is None or (not item.is_dir and not self._same_local_content(entry, item)):
                raise ItemChangedError(
                    "the folder was not moved to the trash: something inside it is new or "
                    f"changed ({item.path})",
                    path=a.local_path,
                )


def _respelled(entry: JournalEntry, a: Action) -> bool:
    return (entry.local_path, entry.remote_path) != (a.local_path, a.remote_path)


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
