"""The changes waiting here, as the engine counts them without walking the folder: the
local view a plan saw (``LocalView``) against the journal, then and after the pass."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cozysync.models import JournalEntry, LocalState, SkippedItem
from cozysync.paths import is_same_or_under, path_key
from cozysync.sync.changes import is_local_unchanged

__all__ = ["LocalView", "changed_local_paths", "pending_local_changes"]


def pending_local_changes(
    local_items: Sequence[LocalState],
    journal: Mapping[str, JournalEntry],
    held_back: Sequence[SkippedItem] = (),
) -> int:
    """How many local items differ from the journal (for "offline, N changes waiting");
    a held-back item (a link now, an unreadable folder) is not a change waiting."""
    return len(changed_local_paths(local_items, journal, held_back))


@dataclass(frozen=True, slots=True)
class LocalView:
    """The local items a plan saw (its scan, or the journal's view with the paths the
    watcher saw change stat'ed afresh), what the scan held back, and the journal then:
    the engine's count of the changes waiting here, kept without a walk of the folder."""

    items: Sequence[LocalState]
    held: Sequence[SkippedItem]
    journal: Mapping[str, JournalEntry]

    def changed_paths(self) -> set[str]:
        """The local paths that differed from the journal when the plan was made."""
        return changed_local_paths(self.items, self.journal, self.held)

    def still_changed(self, journal_now: Mapping[str, JournalEntry]) -> set[str]:
        """Of ``changed_paths``, those the pass did not sync (the journal now records
        another state than the one seen): items it synced, and those it wrote here
        (downloads), are not changes waiting."""
        changed = self.changed_paths()
        if not changed:
            return changed
        seen = {s.path: s for s in self.items if s.path in changed}
        return {p for p in changed if _differs(seen.get(p), journal_now.get(path_key(p)))}


def _differs(state: LocalState | None, entry: JournalEntry | None) -> bool:
    if state is None or entry is None:
        return (state is None) != (entry is None)  # deleted here, or new here, still
    return not state.is_dir and not is_local_unchanged(entry, state)


def changed_local_paths(
    local_items: Sequence[LocalState],
    journal: Mapping[str, JournalEntry],
    held_back: Sequence[SkippedItem] = (),
) -> set[str]:
    """The local paths that differ from the journal: new, changed, or deleted here."""
    if held_back:
        held = [path_key(h.path) for h in held_back]
        journal = {
            k: e for k, e in journal.items() if not any(is_same_or_under(k, h) for h in held)
        }
    seen = set()
    changed = set()
    for state in local_items:
        seen.add(state.path)
        entry = journal.get(path_key(state.path))
        if entry is None or (not state.is_dir and not is_local_unchanged(entry, state)):
            changed.add(state.path)
    return changed | {e.local_path for e in journal.values() if e.local_path not in seen}
