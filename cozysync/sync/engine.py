"""The engine: one full reconcile = list, scan, plan, guard, execute, until in sync.

It drives the pure stages and the executor through the ports; it does no I/O itself.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from cozysync.errors import CozySyncError
from cozysync.events import Event, PassFinished
from cozysync.models import (
    Action,
    ActionKind,
    Conflict,
    ItemError,
    JournalEntry,
    LocalState,
    Plan,
    RemoteState,
    SkippedItem,
)
from cozysync.paths import is_same_or_under, path_key
from cozysync.ports import Clock, IgnoreRules, Journal, LocalFS, Remote
from cozysync.sync.cancel import CancelToken
from cozysync.sync.changes import is_listing_as_journal, is_local_unchanged
from cozysync.sync.execute import Executor
from cozysync.sync.guards import check_emptied_on_server, check_empty_root, check_mass_deletion
from cozysync.sync.name_reports import SERVER_SIDE, name_problems
from cozysync.sync.pending import LocalView, pending_local_changes
from cozysync.sync.progress import PassProgress
from cozysync.sync.reconcile import reconcile
from cozysync.sync.selective import is_excluded, leave_out_excluded
from cozysync.sync.transfers import TransferSettler
from cozysync.sync.views import ReconcileContext

__all__ = [
    "PassResult",
    "SyncEngine",
    "hash_needed",
    "local_view_of",
    "pending_local_changes",
    "remote_view_of",
]

log = logging.getLogger(__name__)

MAX_ROUNDS = 8


@dataclass
class PassResult:
    """The outcome of one full reconcile."""

    in_sync: bool
    actions_done: int = 0
    rounds: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    errors: list[CozySyncError] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)  # names waiting for the user
    names_to_change: list[ItemError] = field(default_factory=list)  # the same, typed
    kept_on_server: int = 0  # backup: files on the server only
    last_plan: Plan | None = None
    # what the scan held back: a synced folder now a link... (needs the user), and the
    # links and pipes never synced (listed only)
    held_back: list[SkippedItem] = field(default_factory=list)
    not_synced: list[SkippedItem] = field(default_factory=list)
    # items that changed while the last round synced them (replanned by the next pass)
    changed: list[CozySyncError] = field(default_factory=list)


def _plan_without(plan: Plan, paths: Collection[str]) -> Plan:
    if not paths:
        return plan
    stages = tuple(
        kept
        for stage in plan.stages
        if (kept := tuple(a for a in stage if a.local_path not in paths))
    )
    return Plan(stages=stages, reports=plan.reports)


def _failed_items(plan: Plan, errors: Sequence[CozySyncError]) -> set[str]:
    """The local paths of the plan's actions these errors name (by either side's path)."""
    named = {e.path for e in errors if e.path}
    if not named:
        return set()
    return {a.local_path for a in plan.actions if a.local_path in named or a.remote_path in named}


def _is_journal_only(plan: Plan) -> bool:
    return all(a.kind is ActionKind.RECORD for a in plan.actions)


class SyncEngine:
    def __init__(
        self,
        local: LocalFS,
        remote: Remote,
        journal: Journal,
        ignore: IgnoreRules,
        ctx: ReconcileContext,
        clock: Clock,
        *,
        device_name: str,
        emit: Callable[[Event], None] | None = None,
        workers: int = 4,
        cancel: CancelToken | None = None,
    ) -> None:
        self.local = local
        self.remote = remote
        self.journal = journal
        self.ignore = ignore
        self.ctx = ctx
        self.clock = clock
        self.emit = emit or (lambda event: None)
        self.last_pass_in_sync = False  # a narrowed pass needs a full one in sync before it
        self._quiet: tuple[str, Plan] | None = None  # the last listing that planned nothing
        self.seen_local: LocalView | None = None  # what the last plan saw here
        # files/bytes of the pass (ProgressChanged); ``cancel`` stops it (a pause, a stop)
        self.progress = PassProgress(clock, self.emit, cancel)
        self.settler = TransferSettler(local, remote, journal)
        self.executor = Executor(
            local,
            remote,
            journal,
            ignore,
            clock,
            device_name=device_name,
            workers=workers,
            emit=self.emit,
            policy_for=lambda key: self.ctx.policy_for(key),  # the ctx of the pass
            progress=self.progress,
        )

    def plan(
        self,
        *,
        confirm_deletes: bool = False,
        dirty: Collection[str] | None = None,
        list_remote: bool = True,
    ) -> Plan:
        """List the server, scan the folder and plan; raises a guard's error if needed.

        ``dirty``: only these local paths changed since the last pass ended in sync (a
        *targeted rescan*: the rest of the local view comes from the journal).
        ``list_remote=False``: the server is taken as the journal last saw it (between
        two polls in watch mode).  A full pass first settles the transfers a crash or a
        lost answer left pending (``cozysync.sync.transfers``).  A watch-mode poll whose
        listing is byte for byte the one of the last plan that found nothing gives that
        plan again, unparsed and unreconciled (``TellsUnchangedListing``)."""
        remote_items: list[RemoteState] = []
        local_items: list[LocalState] = []
        held: list[SkippedItem] = []  # what the local scan saw and holds back
        if list_remote:
            listed = self._list_remote(poll=dirty is not None and not dirty)
            if listed is None:
                assert self._quiet is not None
                return self._quiet[1]
            remote_items = [r for r in listed if not self._ignored(r.path, r.is_dir)]
        if dirty is None:
            if list_remote:
                self._learn_read_only_shares()
            local_items, held = self.local.scan_held(self.ignore)
            if list_remote:
                self.settler.settle(local_items, remote_items)
        entries = self.journal.entries()
        journal = {k: e for k, e in entries.items() if not self._ignored(e.local_path, e.is_dir)}
        if not list_remote:
            remote_items = [remote_view_of(e) for e in journal.values()]
        if dirty is not None:
            local_items, held = self._targeted_rescan(journal, dirty)
        views = leave_out_excluded(
            journal, local_items, remote_items, self.ctx.excluded_folders, self.ctx.policy
        )  # selective sync: excluded folders leave every view
        journal, local_items, remote_items = views.journal, views.local, views.remote
        self.seen_local = LocalView(local_items, held, journal)  # for the counts (status)
        if not views.unselect and self._is_quiet_poll(dirty, list_remote, journal, remote_items):
            return Plan()  # nothing new on the server, nothing seen here
        if not confirm_deletes:
            check_empty_root(local_items, journal, str(self.local.root), held)
        remote_keys = {path_key(r.path) for r in remote_items}
        recorded = RecordedFiles(journal)
        local_items = [self._with_hash(s, journal, remote_keys, recorded) for s in local_items]
        plan = reconcile(journal, local_items, remote_items, self.ctx, held)
        unreadable = self._unreadable_names(list_remote)
        if unreadable:
            plan = dataclasses.replace(plan, reports=plan.reports + tuple(unreadable))
        if not confirm_deletes and list_remote:
            check_emptied_on_server(plan, journal, remote_keys)
        if not confirm_deletes:
            check_mass_deletion(plan, journal)
        if views.unselect:  # asked for by the user: not a mass deletion
            plan = dataclasses.replace(plan, stages=(*plan.stages, views.unselect))
        return plan

    def put_back_deletions(self) -> int:
        """The user's answer "put them back" to a deletion guard: forget the journal rows
        of everything the pass would delete, so that the next pass sees those items as
        new on the side that still holds them and copies them back to the side that
        lost them (never deleting anything).  Returns how many planned deletions it
        forgot (a folder counts once)."""
        plan = self.plan(confirm_deletes=True)
        excluded = self.ctx.excluded_folders  # unselected folders stay unselected
        deletions = [
            a for a in plan.actions if a.is_deletion and not is_excluded(a.local_path, excluded)
        ]
        with self.journal.transaction():
            for action in deletions:
                self.journal.remove_tree(action.key)
        self.last_pass_in_sync = False
        self._quiet = None
        return len(deletions)

    def _learn_read_only_shares(self) -> None:
        """A full pass: the folders shared with this account read-only, as the server
        says now (``TellsReadOnlyShares``): their subtrees are download-only."""
        teller = self.remote.features.read_only_shares
        if teller is not None:
            shares = teller.read_only_shares()
            if shares != self.ctx.read_only_shares:
                self.ctx = dataclasses.replace(self.ctx, read_only_shares=shares)

    def _list_remote(self, *, poll: bool) -> list[RemoteState] | None:
        """The server's tree; None for a poll whose answer is the last quiet one's."""
        teller = self.remote.features.unchanged_listing
        if poll and self._quiet is not None and teller is not None:
            return teller.list_tree_unless(self._quiet[0])
        return self.remote.list_tree()

    def _remember_quiet(self, plan: Plan, listed_remote: bool) -> None:
        """After a plan: if it found nothing to do from a fresh listing, its listing's
        token and the plan, for the next poll (the journal cannot change before the next
        plan with actions, which forgets them)."""
        if not plan.is_empty:
            self._quiet = None
        elif listed_remote and (teller := self.remote.features.unchanged_listing) is not None:
            token = teller.listing_token
            self._quiet = (token, plan) if token is not None else None

    def _is_quiet_poll(
        self,
        dirty: Collection[str] | None,
        listed_remote: bool,
        journal: Mapping[str, JournalEntry],
        remote_items: Sequence[RemoteState],
    ) -> bool:
        """A watch-mode poll (no local change seen) whose listing is the journal's: the
        reconcile would find nothing, so it is not run (idle CPU)."""
        if dirty is None or dirty or not listed_remote or self._skipped_by_server():
            return False
        return is_listing_as_journal(journal, remote_items)

    def _skipped_by_server(self) -> tuple[SkippedItem, ...]:
        """What the last listing left out (``ReportsSkippedItems``), if the remote can."""
        told = self.remote.features.skipped_items
        return told.skipped_items if told is not None else ()

    def _unreadable_names(self, listed_remote: bool) -> list[Action]:
        """Server names that cannot be represented at all (with ``/`` or NUL in them):
        reported with the name to change, like the names the other side cannot store
        (the local ones, not UTF-8, are held back by the scan)."""
        if not listed_remote:
            return []
        return [
            Action(
                ActionKind.REPORT,
                item.path,
                item.path,
                item.path,
                reason=f"on the server: {item.reason}",
                source_path=SERVER_SIDE,
            )
            for item in self._skipped_by_server()
        ]

    def sync_once(
        self,
        *,
        confirm_deletes: bool = False,
        respect_backoff: bool = False,
        dirty: Collection[str] | None = None,
        list_remote: bool = True,
    ) -> PassResult:
        """Reconcile until nothing is left to do (or only failing items remain).

        ``respect_backoff``: leave out items whose last failure asks to wait longer (watch
        mode); a one-off sync retries everything.  ``dirty`` and ``list_remote`` narrow
        the pass (see ``plan``); they are honoured only if the last pass ended in sync,
        else the pass is a full one."""
        if not self.last_pass_in_sync:
            dirty, list_remote = None, True
        dirty_paths = set(dirty) if dirty is not None else None
        result = PassResult(in_sync=False)
        failed_here: set[str] = set()  # items that failed in this pass: not tried again in it
        self.progress.start_pass()
        self.executor.start_pass()
        for result.rounds in range(1, MAX_ROUNDS + 1):
            self.progress.check_cancelled()
            plan = self.plan(
                confirm_deletes=confirm_deletes, dirty=dirty_paths, list_remote=list_remote
            )
            self._remember_quiet(plan, list_remote)
            result.last_plan = plan
            result.reports = [f"{a.local_path}: {a.reason}" for a in plan.reports]
            result.names_to_change = name_problems(plan.reports)
            result.held_back, result.not_synced = list(plan.held_back), list(plan.not_synced)
            result.kept_on_server = plan.kept_on_server
            if plan.is_empty:
                self._clear_stale_errors()
                result.in_sync = not result.errors
                break
            if respect_backoff:
                plan = self._without_waiting_items(plan)
            plan = _plan_without(plan, failed_here)  # one try per pass (a 451 is no loop)
            if plan.is_empty:
                break
            self.progress.add_plan(plan)
            report = self.executor.run(plan)
            result.actions_done += report.done
            result.conflicts.extend(report.conflicts)
            result.errors = [*result.errors, *report.errors]
            result.changed = report.changed
            failed_here |= _failed_items(plan, report.errors)
            if dirty_paths is not None:  # conflict copies are new local files
                dirty_paths |= {c.conflict_path for c in report.conflicts}
            if report.done == 0:
                break  # only failures left: they are retried with back-off
            if _is_journal_only(plan) and report.failed == 0:
                # the journal learnt new versions of items in sync (a server rewriting a
                # doc with the same bytes: a Cozy's antivirus): neither side changed, so
                # another round would read the server again for nothing; nor is it a
                # change made
                result.actions_done -= report.done
                if not result.errors:
                    self._clear_stale_errors()
                result.in_sync = not result.errors
                break
        self.last_pass_in_sync = result.in_sync
        self.emit(PassFinished(result.actions_done, len(result.errors), result.in_sync))
        return result

    def _targeted_rescan(
        self, journal: Mapping[str, JournalEntry], dirty: Collection[str]
    ) -> tuple[list[LocalState], list[SkippedItem]]:
        """The local view as the journal knows it, with the dirty paths stat'ed afresh
        (and the folders among them scanned), and what they hold back."""
        view = {e.local_path: local_view_of(e) for e in journal.values()}
        held: list[SkippedItem] = []
        for path in sorted(dirty, key=len):
            if path == "":
                return self.local.scan_held(self.ignore)
            for known in [p for p in view if is_same_or_under(p, path)]:
                del view[known]
            state = self.local.stat(path)
            if state is None:
                link = self.local.held_back_at(path)  # a link is not a deletion
                if link is not None and not self._ignored(path, False):
                    held.append(link)
                continue
            if self._ignored(path, state.is_dir):
                continue
            if any(parent not in view for parent in _ancestors(path)):
                continue  # its folder is gone or not synced: the folder's own event covers it
            view[path] = state
            if state.is_dir:
                below, below_held = self.local.scan_held(self.ignore, under=path)
                view.update((s.path, s) for s in below)
                held += below_held
        return list(view.values()), held

    def _clear_stale_errors(self) -> None:
        """Nothing is left to do: no item is failing any more."""
        for error in self.journal.errors():
            if error.kind == "error":
                self.journal.clear_error(error.path)

    def _without_waiting_items(self, plan: Plan) -> Plan:
        now = self.clock.now()
        return _plan_without(plan, {e.path for e in self.journal.errors() if e.next_retry_at > now})

    def _ignored(self, path: str, is_dir: bool) -> bool:
        return self.ignore.is_ignored(path, is_dir)

    def _with_hash(
        self,
        state: LocalState,
        journal: Mapping[str, JournalEntry],
        remote_paths: set[str],
        recorded: RecordedFiles,
    ) -> LocalState:
        if hash_wanted(state, journal, remote_paths, recorded):
            self.progress.check_cancelled()  # hashing many files: a stop waits for one
            try:
                digest = self.local.hash_file(state.path)
            except CozySyncError as exc:
                log.info("cannot hash %s: %s", state.path, exc.title)
                return state
            return dataclasses.replace(state, content_hash=digest)
        return state


def remote_view_of(entry: JournalEntry) -> RemoteState:
    """The server's item as the journal last saw it."""
    return RemoteState(
        entry.remote_path,
        entry.is_dir,
        entry.remote_size,
        entry.remote_mtime,
        entry.etag,
        entry.remote_id,
        None,
    )


def local_view_of(entry: JournalEntry) -> LocalState:
    """The local item as the journal last saw it."""
    return LocalState(
        entry.local_path,
        entry.is_dir,
        entry.size,
        entry.mtime_ns,
        entry.inode,
        entry.device,
        entry.content_hash,
    )


def _ancestors(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


class RecordedFiles:
    """The journal's files by (device, inode), built on the first lookup: only a local
    file away from its recorded place asks (a file moved here and touched or edited is
    hashed, so that the move is still seen and only a real edit reads as one: seed 70191)."""

    def __init__(self, journal: Mapping[str, JournalEntry]) -> None:
        self._journal = journal
        self._by_inode: dict[tuple[int, int], JournalEntry] | None = None

    def get(self, device: int, inode: int) -> JournalEntry | None:
        if self._by_inode is None:
            self._by_inode = {
                (e.device, e.inode): e for e in self._journal.values() if not e.is_dir
            }
        return self._by_inode.get((device, inode))


def hash_wanted(
    state: LocalState,
    journal: Mapping[str, JournalEntry],
    remote_keys: set[str],
    recorded: RecordedFiles,
) -> bool:
    """Whether the scan hashes this local item."""
    key = path_key(state.path)
    entry = journal.get(key)
    if hash_needed(state, entry, key in remote_keys):
        return True
    if state.is_dir or (
        entry is not None and (entry.device, entry.inode) == (state.device, state.inode)
    ):
        return False
    origin = recorded.get(state.device, state.inode)  # the file it may have been moved from
    return origin is not None and hash_needed(state, origin, False)


def hash_needed(state: LocalState, entry: JournalEntry | None, on_remote: bool) -> bool:
    """Hash a local file only when its stat changed since the last sync, or when the same
    name is new on both sides (to compare them without a false conflict)."""
    if state.is_dir:
        return False
    if entry is None:
        return on_remote
    return not is_local_unchanged(entry, state)
