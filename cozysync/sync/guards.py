"""Safety guards that stop a pass before it does harm (pure).

Each stops the pass *before* anything is deleted, explains, and waits for the user, who
either confirms (``--confirm-deletes``, the tray's "Delete them here too") or puts the
items back on the side that lost them (``--put-back``, "Put them back").  See
docs/sync-algorithm.md, "Guards".

- *empty root*: the folder here is empty (nothing held back either) while the journal
  says it held ``EMPTIED_MIN_FILES`` or more synced files — a folder moved away or a
  drive that is not what it was.  The root marker already told that the right folder
  is there, so a tree smaller than that is the user's own deletion and goes through;
- *emptied on the server*: the server lists the root, or a folder that is still there,
  without any of the ``EMPTIED_MIN_FILES`` or more synced files it held, and the pass
  would trash their copies here — a server whose storage is unmounted or broken answers
  just so; it has no marker to tell;
- *mass deletion*, proportionate to the tree: one pass would delete more than
  ``MASS_DELETE_MIN`` items and more than ``MASS_DELETE_SHARE`` of the tree on either
  side, or, in a small tree, at least ``SMALL_DELETE_MIN`` items and more than
  ``SMALL_DELETE_SHARE`` of it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence

from cozysync.errors import FolderEmptiedError, MassDeletionError
from cozysync.models import ActionKind, JournalEntry, LocalState, Plan, SkippedItem
from cozysync.paths import is_same_or_under, parent_of

__all__ = [
    "EMPTIED_MIN_FILES",
    "MASS_DELETE_MIN",
    "MASS_DELETE_SHARE",
    "SMALL_DELETE_MIN",
    "SMALL_DELETE_SHARE",
    "check_emptied_on_server",
    "check_empty_root",
    "check_mass_deletion",
    "deletion_counts",
    "is_mass_deletion",
]

MASS_DELETE_MIN = 50
MASS_DELETE_SHARE = 1 / 3
SMALL_DELETE_MIN = 10
SMALL_DELETE_SHARE = 1 / 2
EMPTIED_MIN_FILES = 3
SAMPLE = 5  # paths named in a guard's error


def is_mass_deletion(count: int, total: int) -> bool:
    """Whether deleting ``count`` of ``total`` synced items needs the user's word."""
    large = count > MASS_DELETE_MIN and count > total * MASS_DELETE_SHARE
    small = count >= SMALL_DELETE_MIN and count > total * SMALL_DELETE_SHARE
    return large or small


def check_empty_root(
    local_items: Sequence[LocalState],
    journal: Mapping[str, JournalEntry],
    root: str,
    held_back: Sequence[SkippedItem] = (),
) -> None:
    if local_items or held_back:
        return
    synced = sorted(e.local_path for e in journal.values() if not e.is_dir)
    if len(synced) >= EMPTIED_MIN_FILES:
        raise FolderEmptiedError(
            f"the folder {root} is empty, but held {len(synced)} synced files: "
            "nothing was deleted anywhere",
            "If the drive holding it is not connected, connect it. If you really emptied "
            "the folder, confirm the deletions (cozysync sync --once --confirm-deletes), "
            "or put them back here (--put-back).",
            side="remote",
            count=len(journal),
            total=len(journal),
            paths=tuple(synced[:SAMPLE]),
        )


def check_emptied_on_server(
    plan: Plan, journal: Mapping[str, JournalEntry], remote_keys: Collection[str]
) -> None:
    """Stop if the server lists a folder (or the root) that held synced files without any
    of them, and the plan would trash their copies here."""
    trashed = [a for a in plan.actions if a.kind is ActionKind.TRASH_LOCAL]
    if not trashed:
        return
    held, present = Counter[str](), Counter[str]()
    for entry in journal.values():
        if entry.is_dir:
            continue
        on_server = entry.key in remote_keys
        for folder in _folders_holding(entry.key):
            held[folder] += 1
            present[folder] += on_server
    emptied = sorted(
        (f for f, n in held.items() if n >= EMPTIED_MIN_FILES and present[f] == 0),
        key=len,
    )
    for folder in emptied:
        if folder and folder not in remote_keys:
            continue  # the folder itself is gone: an ordinary deletion of a folder
        if not folder and remote_keys:
            continue  # the root still lists something: a folder below is the one emptied
        if not any(is_same_or_under(a.key, folder) for a in trashed):
            continue
        where = f"the folder {journal[folder].remote_path}" if folder else "your whole folder"
        below = sorted(
            e.local_path
            for e in journal.values()
            if e.key != folder and is_same_or_under(e.key, folder)
        )
        raise FolderEmptiedError(
            f"the server now lists {where} as empty, but it held {held[folder]} synced "
            "files: nothing was deleted here",
            "If the server's storage is unavailable, wait until it is back. If the files "
            "were really deleted there, confirm (cozysync sync --once --confirm-deletes), "
            "or put them back on the server (--put-back).",
            path=journal[folder].local_path if folder else None,
            side="local",
            count=len(below),
            total=len(journal),
            paths=tuple(below[:SAMPLE]),
        )


def _folders_holding(key: str) -> Iterable[str]:
    """Every folder above ``key``, the root ("") included."""
    while key:
        key = parent_of(key)
        yield key


def deletion_counts(plan: Plan, journal: Mapping[str, JournalEntry]) -> dict[str, int]:
    """How many synced items the plan removes on each side (a folder counts its content)."""
    counts = {"local": 0, "remote": 0}
    keys = sorted(journal)
    for action in plan.actions:
        if action.kind not in (ActionKind.DELETE_REMOTE, ActionKind.TRASH_LOCAL):
            continue
        side = "remote" if action.kind is ActionKind.DELETE_REMOTE else "local"
        counts[side] += _count_below(keys, action.key) if action.is_dir else 1
    return counts


def _count_below(sorted_keys: list[str], key: str) -> int:
    """The folder and everything below it: keys in [key, key + "/" ... key + "0")."""
    start = bisect_left(sorted_keys, key)
    end = bisect_left(sorted_keys, key + "0")  # "0" sorts right after "/"
    return sum(1 for k in sorted_keys[start:end] if is_same_or_under(k, key))


def check_mass_deletion(plan: Plan, journal: Mapping[str, JournalEntry]) -> None:
    total = max(len(journal), 1)
    for side, count in deletion_counts(plan, journal).items():
        if is_mass_deletion(count, total):
            where = "on the server" if side == "remote" else "on this computer"
            kind = ActionKind.DELETE_REMOTE if side == "remote" else ActionKind.TRASH_LOCAL
            paths = sorted(a.local_path for a in plan.actions if a.kind is kind)
            raise MassDeletionError(
                f"this sync would delete {count} of {total} items {where}; it was stopped",
                side=side,
                count=count,
                total=total,
                paths=tuple(paths[:SAMPLE]),
            )
