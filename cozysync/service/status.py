"""Folder status: the outcome a pass saves in the journal, and the ``FolderStatus``
built from it, a fresh scan and the journal's errors and conflicts."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from cozysync.config import FolderConfig
from cozysync.errors import AlreadyRunningError, CozySyncError
from cozysync.events import StatusChanged, StatusKind
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.local.ignore import IgnoreMatcher
from cozysync.local.lock import InstanceLock
from cozysync.messages import MessageId, message
from cozysync.models import ItemError, SkipKind, SkippedItem, SyncMode
from cozysync.ports import Clock
from cozysync.service.results import FolderStatus, ItemProblem, SyncOutcome
from cozysync.service.root_guard import check_root
from cozysync.sync.engine import pending_local_changes
from cozysync.sync.selective import without_excluded

__all__ = [
    "META_OUTCOME",
    "META_PASS_STARTED",
    "folder_status",
    "held_problem",
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
        "held_back": [_saved_problem(p) for p in outcome.held_back],
        "not_synced": [_saved_problem(p) for p in outcome.not_synced],
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
        held_back=_read_problems(saved, "held_back"),
        not_synced=_read_problems(saved, "not_synced"),
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
    held_back: tuple[ItemProblem, ...] = (),
    not_synced: tuple[ItemProblem, ...] = (),
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


_HELD_IDS = {
    SkipKind.LINK: MessageId.ITEM_LINK,
    SkipKind.SPECIAL: MessageId.ITEM_SPECIAL,
    SkipKind.UNREADABLE: MessageId.ITEM_UNREADABLE,
    SkipKind.BAD_NAME: MessageId.ITEM_BAD_NAME,
}
_HELD_HINTS = {
    SkipKind.LINK: "cozysync never follows links: put the real folder or file back here to "
    "sync it again, or add the link to .cozyignore",
    SkipKind.SPECIAL: "Devices, pipes and sockets are never synced.",
    SkipKind.UNREADABLE: "Give your account read access to it (chmod u+rx), or add it to "
    ".cozyignore.",
    SkipKind.BAD_NAME: "Rename it: its name is not valid UTF-8.",
}


def held_problem(item: SkippedItem, kind: str) -> ItemProblem:
    """An item the local scan held back, as the facade returns it: ``kind`` "held-back"
    (it needs the user) or "not-synced" (listed only), with a translatable message."""
    hint = _HELD_HINTS[item.kind]
    params = {"path": item.path, "detail": item.reason, "hint": hint}
    found = message(_HELD_IDS[item.kind], params)
    return ItemProblem(item.path, item.reason, hint, kind, message=found)


def _saved_problem(problem: ItemProblem) -> dict[str, str]:
    message_id = problem.message.id if problem.message is not None else ""
    return {"path": problem.path, "title": problem.title, "hint": problem.hint,
            "kind": problem.kind, "message_id": message_id}  # fmt: skip


def _read_problems(saved: dict[str, Any], key: str) -> tuple[ItemProblem, ...]:
    found = []
    for row in saved.get(key) or ():
        if not isinstance(row, dict):
            continue  # an older outcome's line: the next pass says it again
        params = {"path": row["path"], "detail": row["title"], "hint": row["hint"]}
        known = row.get("message_id") in set(MessageId)
        found_message = message(MessageId(row["message_id"]), params) if known else None
        found.append(
            ItemProblem(row["path"], row["title"], row["hint"], row["kind"], message=found_message)
        )
    return tuple(found)


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
