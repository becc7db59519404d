"""Folder status: the outcome a pass saves in the journal, and the ``FolderStatus``
built from it, a fresh scan and the journal's errors and conflicts."""

from __future__ import annotations

import json
import math
from pathlib import Path

from cozysync.config import FolderConfig
from cozysync.errors import AlreadyRunningError, CozySyncError
from cozysync.events import StatusChanged, StatusKind
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.local.ignore import IgnoreMatcher
from cozysync.local.lock import InstanceLock
from cozysync.messages import MessageId, message
from cozysync.models import ItemError, SyncMode
from cozysync.ports import Clock
from cozysync.service.results import FolderStatus, ItemProblem, SyncOutcome
from cozysync.service.root_guard import check_root
from cozysync.sync.engine import pending_local_changes
from cozysync.sync.selective import without_excluded

__all__ = [
    "META_OUTCOME",
    "META_PASS_STARTED",
    "folder_status",
    "is_running",
    "item_problem",
    "read_status",
    "save_outcome",
    "saved_kept_on_server",
]

META_OUTCOME = "cli.last_outcome"
META_PASS_STARTED = "cli.pass_started_at"


def save_outcome(journal: SqliteJournal, outcome: SyncOutcome, clock: Clock) -> None:
    """Record the pass's outcome for ``status``; the pass is no longer running."""
    data = {
        "status": outcome.status,
        "message": outcome.message,
        "finished_at": outcome.finished_at or clock.now(),
        "unstorable": list(outcome.unstorable),
        "in_sync": outcome.in_sync,
        "kept_on_server": outcome.kept_on_server,
        "held_back": list(outcome.held_back),
        "not_synced": list(outcome.not_synced),
    }
    with journal.transaction():
        journal.set_meta(META_OUTCOME, json.dumps(data))
        journal.set_meta(META_PASS_STARTED, None)


def read_status(
    folder: FolderConfig,
    journal: SqliteJournal,
    lock_path: Path,
    paused_until: float | None = None,
) -> FolderStatus:
    """The status of a folder that was synced before (``journal`` exists)."""
    saved = json.loads(journal.get_meta(META_OUTCOME) or "{}")
    state, detail = saved.get("status", "never synced"), saved.get("message", "")
    if journal.get_meta(META_PASS_STARTED) and is_running(lock_path):
        state = "syncing"
    pending = left_out = 0
    try:
        check_root(folder)
        ignore = IgnoreMatcher(folder.local_path)
        local_folder = LocalFolder(folder.local_path)
        scan, held = local_folder.scan_held(ignore)
        left_out = local_folder.left_out_by_rules  # counted by the scan, no walk of its own
        local, entries = without_excluded(scan, journal.entries(), folder.excluded_keys)
        pending = pending_local_changes(local, entries, held)
    except CozySyncError as exc:
        state, detail = "needs attention", exc.one_line()
    if folder.mode == SyncMode.DOWNLOAD_ONLY.value:
        pending = 0  # changes made here stay here: nothing waits to go up
    errors = tuple(item_problem(e) for e in journal.errors())
    conflicts = len(journal.conflicts())
    if state == "offline":
        detail = f"offline, {pending} changes waiting"
    elif state == "up to date" and (errors or conflicts):
        state = "needs attention"
    return folder_status(
        folder, state, pending=pending, conflicts=conflicts, errors=errors,
        unstorable=tuple(saved.get("unstorable", ())),
        last_sync_at=_as_float(saved.get("finished_at")), detail=detail,
        kept_on_server=int(saved.get("kept_on_server") or 0), paused_until=paused_until,
        left_out_by_ignore=left_out,
        held_back=tuple(saved.get("held_back", ())), not_synced=tuple(saved.get("not_synced", ())),
    )  # fmt: skip


def saved_kept_on_server(journal: SqliteJournal) -> int:
    """The count of items kept on the server that the last saved outcome holds."""
    saved = json.loads(journal.get_meta(META_OUTCOME) or "{}")
    return int(saved.get("kept_on_server") or 0)


def is_running(lock_path: Path) -> bool:
    """Does another process hold the folder's lock (a sync is running)?"""
    lock = InstanceLock(lock_path)
    try:
        lock.acquire()
    except AlreadyRunningError:
        return True
    except CozySyncError:
        return False
    lock.release()
    return False


def folder_status(
    folder: FolderConfig,
    state: str,
    *,
    pending: int = 0,
    conflicts: int = 0,
    errors: tuple[ItemProblem, ...] = (),
    unstorable: tuple[str, ...] = (),
    last_sync_at: float | None = None,
    detail: str = "",
    kept_on_server: int = 0,
    paused_until: float | None = None,
    left_out_by_ignore: int = 0,
    held_back: tuple[str, ...] = (),
    not_synced: tuple[str, ...] = (),
) -> FolderStatus:
    """The snapshot; ``paused_until`` (math.inf: until resumed) makes it "paused"."""
    if paused_until is not None:
        state = "paused"
    kind = StatusKind.from_state(state)
    event = StatusChanged(
        state, detail, kind=kind, pending_changes=pending, conflicts=conflicts,
        errors=len(errors), paused_until=None if paused_until == math.inf else paused_until,
        kept_on_server=kept_on_server,
    )  # fmt: skip
    return FolderStatus(
        folder.name, folder.local_root, folder.remote_url, state, pending, conflicts,
        errors, unstorable, last_sync_at, detail, folder.mode, kept_on_server,
        kind=kind, paused_until=event.paused_until, message=event.message,
        left_out_by_ignore=left_out_by_ignore, held_back=held_back, not_synced=not_synced,
    )  # fmt: skip


def item_problem(error: ItemError) -> ItemProblem:
    """A journal's per-item error as the facade returns it, with a translatable message:
    the error's own id as recorded (journals from before v4 and rows without one get the
    generic ``error.item``), or the id of a name waiting for the user."""
    ids = {"unstorable": MessageId.ITEM_UNSTORABLE, "clash": MessageId.ITEM_NAME_CLASH}
    params = {"path": error.path, "detail": error.title, "hint": error.hint}
    found = message(ids.get(error.kind, error.message_id or MessageId.ERROR_ITEM), params)
    return ItemProblem(error.path, error.title, error.hint, error.kind, message=found)


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
