"""The local changes waiting to be sent, as a session keeps them between passes: from
its engine's last plan (``LocalView``) and the paths its watcher saw change since,
never from a walk of the folder once the session has counted them (a walk only when a
session must count before any plan: a first pass that cannot reach the server)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from cozysync.models import JournalEntry
from cozysync.paths import path_key
from cozysync.ports import IgnoreRules, Journal, LocalFS
from cozysync.sync.pending import LocalView, changed_local_paths
from cozysync.sync.selective import without_excluded

__all__ = ["ChangesWaiting"]


class ChangesWaiting:
    """The set of local paths that differ from the journal, kept up to date cheaply."""

    def __init__(
        self,
        local: LocalFS,
        ignore: IgnoreRules,
        journal: Journal,
        excluded: Callable[[], frozenset[str]],
    ) -> None:
        self.local, self.ignore, self.journal = local, ignore, journal
        self.excluded = excluded  # the pair's excluded folders (they may change)
        self.paths: set[str] | None = None  # None: not counted yet in this session

    def after_pass(
        self, view: LocalView | None, *, in_sync: bool, kept_here: Collection[str] = ()
    ) -> int:
        """The count after a pass: 0 in sync; else what its last plan saw changed here
        and the pass did not sync (journal read, no walk), but for ``kept_here``
        (changes in a folder shared read-only: they never go up)."""
        if in_sync:
            self.paths = set()
        elif view is not None:
            self.paths = view.still_changed(self._journal_view()) - set(kept_here)
        return self.count()

    def count(self, seen: Collection[str] = ()) -> int:
        """The count now, with the paths the watcher saw change since the last pass."""
        if self.paths is None:
            self.paths = self._walk()
        elif seen:
            self._look_at(seen)
        return len(self.paths)

    def _look_at(self, seen: Collection[str]) -> None:
        assert self.paths is not None
        journal = self._journal_view()
        for path in seen:
            if not path:
                self.paths = self._walk()  # the watcher lost track: "rescan everything"
                return
            if self._is_waiting(path, journal):
                self.paths.add(path)
            else:
                self.paths.discard(path)

    def _is_waiting(self, path: str, journal: Mapping[str, JournalEntry]) -> bool:
        """Does ``path`` differ from the journal now (new, changed or deleted here)?"""
        state = self.local.stat(path)
        if state is not None and self.ignore.is_ignored(path, state.is_dir):
            return False
        entry = journal.get(path_key(path))
        if state is None or entry is None:
            return (state is None) != (entry is None)
        return bool(changed_local_paths([state], {path_key(path): entry}))

    def _journal_view(self) -> Mapping[str, JournalEntry]:
        entries = {
            k: e
            for k, e in self.journal.entries().items()
            if not self.ignore.is_ignored(e.local_path, e.is_dir)
        }
        return without_excluded([], entries, self.excluded())[1]

    def _walk(self) -> set[str]:
        scanned, held = self.local.scan_held(self.ignore)
        local, journal = without_excluded(scanned, self.journal.entries(), self.excluded())
        return changed_local_paths(local, journal, held)
