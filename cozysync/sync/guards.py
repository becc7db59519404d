"""Safety guards that stop a pass before it does harm (pure).

- *empty root*: the folder is empty while the journal says it held files — most likely an
  unmounted drive or a folder moved away, never a reason to delete everything remotely;
- *mass deletion*: one pass would delete more than ``MASS_DELETE_MIN`` items and more
  than ``MASS_DELETE_SHARE`` of the tree on either side: stop and ask for confirmation.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence

from cozysync.errors import MassDeletionError, RootGuardError
from cozysync.models import ActionKind, JournalEntry, LocalState, Plan
from cozysync.paths import is_same_or_under

__all__ = ["MASS_DELETE_MIN", "MASS_DELETE_SHARE", "check_empty_root", "check_mass_deletion"]

MASS_DELETE_MIN = 50
MASS_DELETE_SHARE = 1 / 3


def check_empty_root(
    local_items: Sequence[LocalState], journal: Mapping[str, JournalEntry], root: str
) -> None:
    synced_files = sum(1 for e in journal.values() if not e.is_dir)
    if not local_items and synced_files:
        raise RootGuardError(
            f"the folder {root} is empty, but held {synced_files} synced files: "
            "nothing was deleted anywhere",
            "If the drive holding it is not connected, connect it. If you really emptied "
            "the folder, run the sync again with --confirm-deletes.",
        )


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
        if count > MASS_DELETE_MIN and count > total * MASS_DELETE_SHARE:
            where = "on the server" if side == "remote" else "on this computer"
            raise MassDeletionError(
                f"this sync would delete {count} of {total} items {where}; it was stopped"
            )
