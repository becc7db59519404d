"""The session's count of the changes waiting here (``ChangesWaiting``, issue 14 item 3)
on the in-memory ports: kept from the engine's plan and the watcher's paths, with one
walk at most (when nothing was counted yet), and never the changes a pass keeps here in
a folder shared read-only."""

from __future__ import annotations

from cozysync.models import JournalEntry, LocalState, RemoteState
from cozysync.service.waiting import ChangesWaiting
from cozysync.sync.pending import LocalView
from tests.memory_ports.common import NoIgnore
from tests.memory_ports.folder import MemoryFolder
from tests.memory_ports.journal import MemoryJournal


def _synced(folder: MemoryFolder, journal: MemoryJournal, path: str) -> LocalState:
    folder.write(path, b"v1")
    state = folder.stat(path)
    assert state is not None
    remote = RemoteState(path, False, state.size, 0, "e1", None, None)
    journal.put(JournalEntry.from_states(path, state, remote))
    return state


def _walks(folder: MemoryFolder) -> int:
    return sum(1 for method, path in folder.calls if method == "scan_held" and not path)


def test_counts_from_the_plan_then_the_watchers_paths_with_no_walk() -> None:
    folder, journal = MemoryFolder(), MemoryJournal()
    kept = _synced(folder, journal, "kept.txt")
    _synced(folder, journal, "edited.txt")
    folder.write("edited.txt", b"v2, longer")
    folder.write("new.txt", b"new")
    waiting = ChangesWaiting(folder, NoIgnore(), journal, frozenset)
    seen = [kept, folder.stat("edited.txt"), folder.stat("new.txt")]
    view = LocalView([s for s in seen if s is not None], (), journal.entries())

    assert waiting.after_pass(view, in_sync=False) == 2  # the pass sent nothing
    folder.remove("kept.txt")  # the watcher sees these two
    folder.write("later.txt", b"x")
    assert waiting.count({"kept.txt", "later.txt"}) == 4
    folder.write("later.txt", b"")  # still new
    folder.remove("later.txt")  # gone again: nothing to send for it
    assert waiting.count({"later.txt"}) == 3
    assert waiting.after_pass(view, in_sync=True) == 0
    assert _walks(folder) == 0


def test_one_walk_when_nothing_was_counted_yet_and_read_only_changes_never_wait() -> None:
    folder, journal = MemoryFolder(), MemoryJournal()
    _synced(folder, journal, "partagé/lu.txt")
    folder.write("partagé/lu.txt", b"changed in a read-only share")
    folder.write("mine.txt", b"new")
    waiting = ChangesWaiting(folder, NoIgnore(), journal, frozenset)

    assert waiting.count() == 2  # an offline first pass: nothing counted yet, one walk
    assert waiting.count() == 2 and _walks(folder) == 1
    view = LocalView(folder.scan_held(NoIgnore())[0], (), journal.entries())
    assert waiting.after_pass(view, in_sync=False, kept_here={"partagé/lu.txt"}) == 1
