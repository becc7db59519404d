"""The app's state at a glance, folded from the engine's events and ``FolderStatus``
snapshots: one overall ``State``, a headline and a detail line, the recent activity,
the problems (per-item errors with their hints) and the conflicts waiting."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal

from cozysync.api import ConflictInfo, FolderStatus, ItemProblem
from cozysync.byte_sizes import size_words
from cozysync.events import (
    ErrorRaised,
    ItemAction,
    ItemSynced,
    ProgressChanged,
    StatusChanged,
    StatusKind,
)
from cozysync.folder_state import FolderFacts, decide_state
from cozysync.messages import Message, MessageId
from cozysync_ui.i18n import translate
from cozysync_ui.messages import message_texts

__all__ = ["Activity", "Problem", "State", "SyncState", "make_problem", "state_name"]

RECENT_SIZE = 8


class State(Enum):
    NOT_LINKED = "not linked"
    UP_TO_DATE = "up to date"
    SYNCING = "syncing"
    OFFLINE = "offline"
    PAUSED = "paused"
    ATTENTION = "needs attention"


@dataclass(frozen=True, slots=True)
class Activity:
    folder: str
    rel_path: str
    what: str  # the engine's English words
    local_path: Path
    at: float
    action: ItemAction | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A per-item error, in the user's language; ``detail`` keeps the engine's English
    words (shown as a tooltip, for a support request)."""

    folder: str
    path: str | None
    title: str
    hint: str
    detail: str = ""


def make_problem(
    folder: str, path: str | None, message: Message | None, title: str, hint: str
) -> Problem:
    found = (message.id, message.args) if message else (None, None)
    texts = message_texts(found[0], title, hint, found[1])
    return Problem(folder, path, texts.title, texts.hint, title)


def _is_kept_in_read_only_share(problem: ItemProblem) -> bool:
    """A change made in a folder shared read-only: said, though nothing is wrong."""
    return problem.message is not None and problem.message.id == "item.read_only_share"


_KIND_STATE = {
    StatusKind.UP_TO_DATE: State.UP_TO_DATE,
    StatusKind.SYNCING: State.SYNCING,
    StatusKind.OFFLINE: State.OFFLINE,
    StatusKind.PAUSED: State.PAUSED,
    StatusKind.NEEDS_ATTENTION: State.ATTENTION,
    StatusKind.NEVER_SYNCED: State.SYNCING,  # its first pass is about to run
}


class SyncState(QObject):
    """Everything the tray menu and the status window show; ``changed`` after each update."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.statuses: dict[str, FolderStatus] = {}
        self.live: dict[str, StatusChanged] = {}  # the engine's last one per folder
        self.progress: dict[str, ProgressChanged] = {}  # of the pass under way
        self.synced_this_pass: dict[str, int] = {}
        self.recent: deque[Activity] = deque(maxlen=RECENT_SIZE)
        self.conflicts: list[ConflictInfo] = []
        # items' errors told since the snapshot was read (the journal keeps them too)
        self.live_problems: dict[tuple[str, str | None], Problem] = {}
        # what a server tells about the account (no path, so not among the journal's
        # errors): kept until its folder is unlinked, never wiped by a snapshot
        self.notices: dict[tuple[str, str], Problem] = {}
        self._told = 0  # errors told so far: dates a snapshot read (``problems_told``)
        self._told_at: dict[tuple[str, str | None], int] = {}
        self.paused_until: float | None = None
        self.is_paused = False
        self.is_paused_for_metered = False
        self.paused_folders: dict[str, float | None] = {}  # one folder's pause → its end
        # folders offline whose pass is trying the server again: still shown offline
        self.reconnecting: set[str] = set()

    # --- updates -----------------------------------------------------------------------

    def problems_told(self) -> int:
        """A mark taken before a snapshot is read: ``set_folder(..., read_after=mark)``
        keeps the errors told after it (the read may have missed them)."""
        return self._told

    def set_folders(
        self,
        statuses: list[FolderStatus],
        conflicts: list[ConflictInfo],
        read_after: int | None = None,
    ) -> None:
        """Every folder's snapshot, read after ``problems_told()`` was ``read_after``
        (None: after every error told so far)."""
        self.statuses = {s.name: s for s in statuses}
        self.conflicts = list(conflicts)
        names = set(self.statuses)
        self.live = {k: v for k, v in self.live.items() if k in names}
        self.paused_folders = {k: v for k, v in self.paused_folders.items() if k in names}
        self.notices = {k: v for k, v in self.notices.items() if k[0] in names}
        self._forget_told({k for k in self.live_problems if k[0] not in names}, None)
        self._forget_told(set(self.live_problems), read_after)
        self.changed.emit()

    def set_folder(
        self,
        name: str,
        statuses: list[FolderStatus],
        conflicts: list[ConflictInfo],
        read_after: int | None = None,
    ) -> None:
        """One folder's snapshot read again after its pass (the others are kept), read
        after ``problems_told()`` was ``read_after`` (None: after every error told)."""
        for status in statuses:
            self.statuses[status.name] = status
        self.conflicts = [c for c in self.conflicts if c.folder != name] + list(conflicts)
        self._forget_told({k for k in self.live_problems if k[0] == name}, read_after)
        self.changed.emit()

    def _forget_told(self, keys: set[tuple[str, str | None]], read_after: int | None) -> None:
        """The items' errors a snapshot read after them settles: the journal recorded
        each before it was told, so the snapshot lists it if it is still there.  One
        told after the read began is kept (its snapshot comes after its pass)."""
        for key in keys:
            if read_after is None or self._told_at.get(key, 0) <= read_after:
                self.live_problems.pop(key, None)
                self._told_at.pop(key, None)

    def conflict_resolved(self, info: ConflictInfo) -> None:
        """A conflict the user settled: no longer counted, at once."""
        kept = [c for c in self.conflicts if (c.folder, c.path) != (info.folder, info.path)]
        settled = len(self.conflicts) - len(kept)
        self.conflicts = kept
        status = self.statuses.get(info.folder)
        if status is not None and settled:
            left = max(0, status.conflicts - settled)
            self.statuses[info.folder] = replace(status, conflicts=left)
        self.changed.emit()

    def on_status_changed(self, folder: str, event: StatusChanged) -> None:
        syncing = event.kind is StatusKind.SYNCING
        previous = self.live.get(folder)
        if syncing and (previous is None or previous.kind is not StatusKind.SYNCING):
            self.synced_this_pass[folder] = 0
            if previous is not None and previous.kind is StatusKind.OFFLINE:
                self.reconnecting.add(folder)  # offline until the server answers
        if not syncing:
            self.progress.pop(folder, None)
            self.reconnecting.discard(folder)
        self.live[folder] = event
        self.changed.emit()

    def on_progress(self, folder: str, event: ProgressChanged) -> None:
        self.reconnecting.discard(folder)  # a plan: the server answered
        self.progress[folder] = event
        self.changed.emit()

    def on_item_synced(self, folder: str, event: ItemSynced) -> None:
        status = self.statuses.get(folder)
        root = Path(status.local_root) if status else Path()
        activity = Activity(
            folder, event.path, event.what, root / event.path, time.time(), event.action
        )
        self.recent.appendleft(activity)
        self.reconnecting.discard(folder)
        self.synced_this_pass[folder] = self.synced_this_pass.get(folder, 0) + 1
        self.changed.emit()

    def on_error_raised(self, folder: str, event: ErrorRaised) -> Problem:
        """An item's error (in the journal too), or a server's word about the account
        (``path`` None: only told, so kept here until the folder goes)."""
        problem = make_problem(folder, event.path, event.message, event.title, event.hint)
        self._told += 1
        if event.path is None:
            self.notices[(folder, problem.title)] = problem
        else:
            self.live_problems[(folder, event.path)] = problem
            self._told_at[(folder, event.path)] = self._told
        self.changed.emit()
        return problem

    def set_paused(
        self, paused: bool, until: float | None = None, *, for_metered: bool = False
    ) -> None:
        self.is_paused, self.paused_until = paused, until if paused else None
        self.is_paused_for_metered = paused and for_metered
        if not paused:
            self.paused_folders.clear()  # resuming everything lifts each folder's pause
        self.changed.emit()

    def set_folder_paused(self, name: str, paused: bool, until: float | None = None) -> None:
        """One folder paused (until resumed, or until the unix time ``until``) or not."""
        if paused:
            self.paused_folders[name] = until
        else:
            self.paused_folders.pop(name, None)
        self.changed.emit()

    def is_folder_paused(self, name: str) -> bool:
        """Whether ``name`` has a pause of its own (a timed one ends by itself)."""
        if name not in self.paused_folders:
            return False
        until = self.paused_folders[name]
        return until is None or until > time.time()

    # --- reading -----------------------------------------------------------------------

    def folder_state(self, name: str) -> State:
        """The folder's state by the engine's one rule (``decide_state``), as the CLI's."""
        return _KIND_STATE[decide_state(self.folder_facts(name))]

    def folder_facts(self, name: str) -> FolderFacts:
        """What is known of a folder: its engine's last word (the live event, else the
        snapshot's state), with the counts of the snapshot (read again after each pass)."""
        status, live = self.statuses.get(name), self.live.get(name)
        kind = live.kind if live is not None else (status.kind if status else None)
        if kind is StatusKind.SYNCING and name in self.reconnecting:
            kind = StatusKind.OFFLINE  # not syncing anything until the server answers
        return FolderFacts(
            paused=self.is_folder_paused(name) or kind is StatusKind.PAUSED,
            syncing=kind is None or kind is StatusKind.SYNCING,  # its first pass is coming
            never_synced=kind is StatusKind.NEVER_SYNCED,
            offline=kind is StatusKind.OFFLINE,
            # a pass stopped (the login refused, a guard...): the problem list says why;
            # one that ended on items changed meanwhile is followed by another at once
            unfinished=kind is StatusKind.NEEDS_ATTENTION
            and self.stopped_message(name) is not None,
            pending_changes=status.pending_changes if status else 0,
            errors=len(status.errors) if status else 0,
            conflicts=status.conflicts if status else 0,
            names_to_change=len(status.names_to_change) if status else 0,
            held_back=len(status.held_back) if status else 0,
            watched=True,  # the app runs a watch loop for every folder it shows
        )

    def overall(self) -> State:
        if not self.statuses:
            return State.NOT_LINKED
        if self.is_paused:
            return State.PAUSED
        states = {self.folder_state(name) for name in self.statuses}
        if self.conflicts or self.live_problems or self.notices:
            states.add(State.ATTENTION)
        for state in (State.ATTENTION, State.SYNCING, State.OFFLINE, State.PAUSED):
            if state in states:
                return state
        return State.UP_TO_DATE

    def pending_changes(self) -> int:
        return sum(s.pending_changes for s in self.statuses.values())

    def problems(self) -> list[Problem]:
        """Everything a folder needs attention for, each with its hint: what stopped its
        last pass, the journal's per-item errors, items held back, names to change,
        then any newer live errors and what a server told about the account.  A folder
        whose state needs attention for anything but conflicts always has one here
        (never "Problems (0)" beside it); the window's banner about a problem shows only
        while it is here (``has_problem``)."""
        found: dict[tuple[str, str | None], Problem] = {}
        for status in self.statuses.values():
            stopped = self.stopped_problem(status.name)
            if stopped is not None:
                found[(status.name, None)] = stopped
            # held back: a link now...; kept here: a change in a read-only share
            kept_here = [p for p in status.not_synced if _is_kept_in_read_only_share(p)]
            typed = (*status.errors, *status.held_back, *status.names_to_change, *kept_here)
            for error in typed:
                found[(status.name, error.path)] = make_problem(
                    status.name, error.path, error.message, error.title, error.hint
                )
        for key, problem in self.live_problems.items():
            found.setdefault(key, problem)
        return list(found.values()) + list(self.notices.values())

    def has_problem(self, problem: Problem) -> bool:
        """Whether ``problem`` (an item's, by its path; else by its words) is still
        among ``problems()``."""
        return any(
            (p.folder, p.path) == (problem.folder, problem.path)
            and (problem.path is not None or p.title == problem.title)
            for p in self.problems()
        )

    def stopped_message(self, name: str) -> Message | None:
        """The folder-wide error that stopped the folder's last pass (None: it ran to
        its end); offline and paused are states of their own, not problems."""
        live, status = self.live.get(name), self.statuses.get(name)
        if live is not None and live.kind is not StatusKind.NEEDS_ATTENTION:
            return None
        stopped = live.stopped_by if live is not None else None
        if stopped is None and status is not None:
            stopped = status.stopped_by if status.kind is StatusKind.NEEDS_ATTENTION else None
        if stopped is None or stopped.id in (MessageId.ERROR_OFFLINE, MessageId.ERROR_PAUSED):
            return None
        return stopped

    def stopped_problem(self, name: str) -> Problem | None:
        """What stopped the folder's last pass, as a problem with its hint."""
        stopped = self.stopped_message(name)
        if stopped is None:
            return None
        english = str(stopped.args.get("detail", ""))
        return make_problem(name, None, stopped, english, str(stopped.args.get("hint", "")))

    def headline(self) -> str:
        return state_name(self.overall())

    def detail(self) -> str:
        state = self.overall()
        if state is State.NOT_LINKED:
            return translate("SyncState", "Choose a folder to keep in sync with your cloud.")
        if state is State.SYNCING:
            return self._progress_detail()
        if state is State.OFFLINE:
            return translate(
                "SyncState",
                "%n change(s) waiting; they will be sent when the connection is back",
                None,
                self.pending_changes(),
            )
        if state is State.PAUSED:
            if self.is_paused_for_metered:
                return translate(
                    "SyncState", "The connection is metered: syncing waits for another one."
                )
            if not self.is_paused:  # only some folders are paused
                paused = [n for n in self.statuses if self.is_folder_paused(n)]
                return translate("SyncState", "Paused: %1").replace("%1", ", ".join(paused))
            if self.paused_until is not None:
                return translate("SyncState", "Sync resumes at %1").replace(
                    "%1", _clock_time(self.paused_until)
                )
            return translate("SyncState", "Your changes wait until you resume.")
        if state is State.ATTENTION:
            return self._attention_detail()
        return self._last_sync_detail()

    def _progress_detail(self) -> str:
        """ "3 files left · 12.5 MB left" while a pass transfers, else the files done."""
        files_left = sum(p.files_left for p in self.progress.values())
        bytes_left = sum(p.bytes_left for p in self.progress.values())
        if not files_left:
            done, pending = sum(self.synced_this_pass.values()), self.pending_changes()
            if not done and pending:  # seen by the watcher, its pass about to start
                return translate("SyncState", "%n change(s) waiting to be sent", None, pending)
            if not done:  # nothing planned yet: never "0 files"
                return translate("SyncState", "Looking for changes…")
            return translate("SyncState", "%n file(s) synced so far", None, done)
        files = translate("SyncState", "%n file(s) left", None, files_left)
        if not bytes_left:
            return files
        size = size_words(bytes_left)  # the CLI's words for sizes
        return f"{files} · " + translate("SyncState", "%1 left").replace("%1", size)

    def _attention_detail(self) -> str:
        parts = []
        if self.conflicts:
            parts.append(
                translate(
                    "SyncState", "%n file(s) changed on both sides", None, len(self.conflicts)
                )
            )
        problems = self.problems()
        if problems:
            parts.append(translate("SyncState", "%n problem(s)", None, len(problems)))
        if not parts:
            parts += [r for r in map(self.stopped_reason, self.statuses) if r][:1]
        pending = self.pending_changes()
        if pending:  # what the CLI's status shows as "waiting"
            parts.append(translate("SyncState", "%n change(s) waiting to be sent", None, pending))
        return " · ".join(parts)

    def stopped_reason(self, name: str) -> str:
        """Why the folder's last pass stopped (login refused, cloud full, ...), in the
        user's language; "" when it ran to its end."""
        live, status = self.live.get(name), self.statuses.get(name)
        stopped = live.stopped_by if live is not None else None
        if stopped is not None:
            english = str(stopped.args.get("detail", ""))
            return message_texts(stopped.id, english, "").title
        if status is not None and status.message is not None:
            args = status.message.args
            if status.message.id == "status.stopped" and "error" in args:
                english = str(args.get("detail", status.detail))
                return message_texts(str(args["error"]), english, "").title
        return ""

    def _last_sync_detail(self) -> str:
        times = [s.last_sync_at for s in self.statuses.values() if s.last_sync_at]
        if not times:
            return ""
        return translate("SyncState", "Last sync at %1").replace("%1", _clock_time(max(times)))


def _clock_time(timestamp: float) -> str:
    moment = QDateTime.fromSecsSinceEpoch(int(timestamp))
    return QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)


def state_name(state: State) -> str:
    """The state in a few words ("Up to date", "Offline", ...)."""
    return {
        State.NOT_LINKED: translate("SyncState", "No folder linked yet"),
        State.UP_TO_DATE: translate("SyncState", "Up to date"),
        State.SYNCING: translate("SyncState", "Syncing…"),
        State.OFFLINE: translate("SyncState", "Offline"),
        State.PAUSED: translate("SyncState", "Paused"),
        State.ATTENTION: translate("SyncState", "Needs your attention"),
    }[state]
