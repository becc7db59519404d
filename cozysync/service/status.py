"""Folder status: the outcome a pass saves in the journal, and the ``FolderStatus``
built from it, a fresh scan and the journal's errors and conflicts, its state decided by
the one rule (``cozysync.folder_state.decide_state``)."""

from __future__ import annotations

import json
import math
from typing import Any

from cozysync.config import FolderConfig
from cozysync.errors import AlreadyRunningError, CozySyncError
from cozysync.events import StatusChanged, StatusKind
from cozysync.folder_state import FolderFacts, decide_state, state_text
from cozysync.messages import Message, MessageId, counted, message
from cozysync.models import ItemError, SkipKind, SkippedItem, SyncMode
from cozysync.ports import Clock, Journal
from cozysync.service.account_warnings import read_warnings
from cozysync.service.results import FolderStatus, ItemProblem, SyncOutcome
from cozysync.service.root_guard import check_root
from cozysync.service.wiring import Adapters
from cozysync.sync.modes import policy_of
from cozysync.sync.pending import changed_local_paths
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


def save_outcome(journal: Journal, outcome: SyncOutcome, clock: Clock) -> None:
    """Record the pass's outcome for ``status``, with the counts the engine kept (no
    ``status`` needs to walk the folder for them); the pass is no longer running."""
    data = {
        "kind": outcome.kind.value,
        "message": outcome.message,
        "finished_at": outcome.finished_at or clock.now(),
        "unstorable": list(outcome.unstorable),
        "in_sync": outcome.in_sync,
        "pending_changes": outcome.pending_changes,
        "left_out_by_ignore": outcome.left_out_by_ignore,
        "kept_on_server": outcome.kept_on_server,
        "held_back": [_saved_problem(p) for p in outcome.held_back],
        "not_synced": [_saved_problem(p) for p in outcome.not_synced],
        "names_to_change": [_saved_problem(p) for p in outcome.names_to_change],
        "stopped_by": _message_data(outcome.stopped_by),
    }
    with journal.transaction():
        journal.set_meta(META_OUTCOME, json.dumps(data))
        journal.set_meta(META_PASS_STARTED, None)


# the English words an outcome saved before kinds were saved holds (read once, by the
# first ``status`` after an upgrade; the next pass saves its kind)
_SAVED_WORDS = {state_text(kind): kind for kind in StatusKind}


def _saved_kind(saved: dict[str, Any]) -> StatusKind:
    if saved.get("kind") in set(StatusKind):
        return StatusKind(saved["kind"])
    return _SAVED_WORDS.get(str(saved.get("status")), StatusKind.NEVER_SYNCED)


def read_status(
    folder: FolderConfig,
    journal: Journal,
    adapters: Adapters,
    paused_until: float | None = None,
    *,
    served_here: bool = False,
    look: bool = True,
) -> FolderStatus:
    """The status of a folder that was synced before (``journal`` exists): the saved
    outcome of its last pass with the counts its engine kept, the journal's errors and
    conflicts, and the state the one rule decides from them.

    Costs O(1) in the folder's size (plus O(errors + conflicts)) whenever an engine
    serves the folder (``served_here``: a watch loop of this process; else another
    process holds its lock): its watcher sees every change.  Only a lone ``status``
    (``look``, no engine running) scans the folder once, for the edits made while no
    engine ran (see docs/architecture.md, "What status costs")."""
    saved = json.loads(journal.get_meta(META_OUTCOME) or "{}")
    saved_kind, detail = _saved_kind(saved), saved.get("message", "")
    stopped_by = _saved_message(saved.get("stopped_by"))
    in_sync = bool(saved.get("in_sync", saved_kind is StatusKind.UP_TO_DATE))
    running = served_here or is_running(adapters, folder)
    pending, left_out = _saved_counts(saved)
    try:
        check_root(folder, adapters)
        if look and not running:
            pending, left_out = _scan_counts(folder, journal, adapters, _kept_here(saved))
    except CozySyncError as exc:
        saved_kind, detail, stopped_by, in_sync = (
            StatusKind.NEEDS_ATTENTION, exc.one_line(), exc.message, False,
        )  # fmt: skip
        pending = left_out = 0
    if not policy_of(SyncMode(folder.mode)).sends_local_changes:
        pending = 0  # changes made here stay here: nothing waits to go up
    errors = tuple(item_problem(e) for e in journal.errors())
    unstorable = tuple(saved.get("unstorable", ()))
    held_back = _read_problems(saved, "held_back")
    facts = FolderFacts(
        paused=paused_until is not None,
        syncing=bool(journal.get_meta(META_PASS_STARTED)) and running,
        never_synced=saved_kind is StatusKind.NEVER_SYNCED,
        offline=saved_kind is StatusKind.OFFLINE,
        unfinished=not in_sync, pending_changes=pending, errors=len(errors),
        conflicts=len(journal.conflicts()), names_to_change=len(unstorable),
        held_back=len(held_back),
        watched=bool(pending) and running,  # `run` or the tray sends them
    )  # fmt: skip
    kind = decide_state(facts)
    if kind is StatusKind.OFFLINE:
        detail = f"offline, {counted(pending, 'change', 'changes')} waiting"
        if stopped_by is not None:  # why, when more than "cannot reach" (issue 19)
            detail += f" ({stopped_by.text()})"
    elif kind is StatusKind.NEEDS_ATTENTION and saved_kind is StatusKind.UP_TO_DATE:
        detail = _waiting_text(facts)  # it began to wait after that pass: say what waits
    return folder_status(
        folder, kind, pending=pending, conflicts=facts.conflicts, errors=errors,
        unstorable=unstorable, last_sync_at=_as_float(saved.get("finished_at")),
        detail=detail, kept_on_server=int(saved.get("kept_on_server") or 0),
        paused_until=paused_until, left_out_by_ignore=left_out, held_back=held_back,
        not_synced=_read_problems(saved, "not_synced"), stopped_by=stopped_by,
        names_to_change=_read_problems(saved, "names_to_change"),
        warnings=read_warnings(journal),
    )  # fmt: skip


def _saved_counts(saved: dict[str, Any]) -> tuple[int, int]:
    """The changes waiting and the items left out that the engine counted at its last
    pass (0 in an outcome saved before it kept them)."""
    return int(saved.get("pending_changes") or 0), int(saved.get("left_out_by_ignore") or 0)


def _scan_counts(
    folder: FolderConfig, journal: Journal, adapters: Adapters, kept_here: frozenset[str]
) -> tuple[int, int]:
    """The local changes waiting to be sent and the items ``.cozyignore`` leaves out,
    from one scan of the folder: only for a lone ``status`` (no engine watches it).
    ``kept_here``: changes the last pass kept here (in a read-only share): not waiting."""
    local_folder = adapters.sync_folder(folder.local_path)
    scan, held = local_folder.scan_held(adapters.ignore_rules(folder.local_path))
    left_out = local_folder.left_out_by_rules  # counted by the scan, no walk of its own
    local, entries = without_excluded(scan, journal.entries(), folder.excluded_keys)
    return len(changed_local_paths(local, entries, held) - kept_here), left_out


def _kept_here(saved: dict[str, Any]) -> frozenset[str]:
    """The paths of the changes the last pass kept here: made in a folder shared
    read-only, they never go up (``item.read_only_share``)."""
    rows = [row for row in saved.get("not_synced") or () if isinstance(row, dict)]
    kept = MessageId.ITEM_READ_ONLY_SHARE.value
    return frozenset(str(row["path"]) for row in rows if row.get("message_id") == kept)


def _waiting_text(facts: FolderFacts) -> str:
    """What waits, for a folder whose last pass ended in sync."""
    parts = []
    if facts.pending_changes:
        parts.append(
            counted(facts.pending_changes, "local change", "local changes") + " not sent yet"
        )
    if facts.errors:
        parts.append(counted(facts.errors, "item", "items") + " could not be synced")
    if facts.conflicts:
        parts.append(
            counted(facts.conflicts, "conflict", "conflicts") + " waiting (cozysync conflicts)"
        )
    return "; ".join(parts)


def _message_data(found: Message | None) -> dict[str, object] | None:
    return None if found is None else {"id": found.id, "params": found.args}


def _saved_message(data: object) -> Message | None:
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    params = data.get("params")
    return message(data["id"], params if isinstance(params, dict) else None)


def saved_kept_on_server(journal: Journal) -> int:
    """The count of items kept on the server that the last saved outcome holds."""
    saved = json.loads(journal.get_meta(META_OUTCOME) or "{}")
    return int(saved.get("kept_on_server") or 0)


def is_running(adapters: Adapters, folder: FolderConfig) -> bool:
    """Does another process hold the folder's lock (a sync is running)?  One lock
    taken and given back at once: O(1)."""
    lock = adapters.folder_lock(None, adapters.locations.lock_path(folder.folder_id))
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
    kind: StatusKind,
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
    stopped_by: Message | None = None,
    names_to_change: tuple[ItemProblem, ...] = (),
    warnings: tuple[Message, ...] = (),
) -> FolderStatus:
    """The snapshot; ``paused_until`` (math.inf: until resumed) makes it paused;
    ``stopped_by``: the folder-wide error that stopped the last pass."""
    if paused_until is not None:
        kind = StatusKind.PAUSED
    event = StatusChanged(
        kind, detail, pending_changes=pending, conflicts=conflicts,
        errors=len(errors), paused_until=None if paused_until == math.inf else paused_until,
        kept_on_server=kept_on_server, stopped_by=stopped_by,
    )  # fmt: skip
    return FolderStatus(
        folder.name, folder.local_root, folder.remote_url, kind, pending, conflicts,
        errors, unstorable, last_sync_at, detail, folder.mode, kept_on_server,
        paused_until=event.paused_until, message=event.message,
        left_out_by_ignore=left_out_by_ignore, held_back=held_back, not_synced=not_synced,
        names_to_change=names_to_change,
        stopped_by=stopped_by, warnings=warnings,
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
    SkipKind.READ_ONLY_SHARE: MessageId.ITEM_READ_ONLY_SHARE,
}
_HELD_HINTS = {
    SkipKind.LINK: "cozysync never follows links: put the real folder or file back here to "
    "sync it again, or add the link to .cozyignore",
    SkipKind.SPECIAL: "Devices, pipes and sockets are never synced.",
    SkipKind.UNREADABLE: "Give your account read access to it (chmod u+rx), or add it to "
    ".cozyignore.",
    SkipKind.BAD_NAME: "Rename it: its name is not valid UTF-8.",
    SkipKind.READ_ONLY_SHARE: "The owner's next update replaces it on your cloud; when the "
    "owner changes it, your version is kept here as a conflict copy. Send it to the owner, "
    "or save it outside the shared folder.",
}


def held_problem(item: SkippedItem, kind: str) -> ItemProblem:
    """An item the local scan held back, as the facade returns it: ``kind`` "held-back"
    (it needs the user) or "not-synced" (listed only), with a translatable message."""
    hint = _HELD_HINTS[item.kind]
    params = {"path": item.path, "detail": item.reason, "hint": hint}
    if item.share is not None:  # in a read-only share: whose, and its name
        params |= {"name": item.share.name, "owner": item.share.owner}
    found = message(_HELD_IDS[item.kind], params)
    return ItemProblem(item.path, item.reason, hint, kind, message=found)


def _saved_problem(problem: ItemProblem) -> dict[str, Any]:
    message_id = problem.message.id if problem.message is not None else ""
    args = problem.message.args if problem.message is not None else {}
    return {"path": problem.path, "title": problem.title, "hint": problem.hint,
            "kind": problem.kind, "message_id": message_id,
            "params": {k: v for k, v in args.items() if k in _SAVED_PARAMS}}  # fmt: skip


_SAVED_PARAMS = ("name", "owner")  # a read-only share's, beyond path, title and hint


def _read_problems(saved: dict[str, Any], key: str) -> tuple[ItemProblem, ...]:
    found = []
    for row in saved.get(key) or ():
        if not isinstance(row, dict):
            continue  # an older outcome's line: the next pass says it again
        params = {"path": row["path"], "detail": row["title"], "hint": row["hint"]}
        extra = row.get("params")
        if isinstance(extra, dict):
            params |= {k: str(v) for k, v in extra.items() if k in _SAVED_PARAMS}
        known = row.get("message_id") in set(MessageId)
        found_message = message(MessageId(row["message_id"]), params) if known else None
        found.append(
            ItemProblem(row["path"], row["title"], row["hint"], row["kind"], message=found_message)
        )
    return tuple(found)


def _as_float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
