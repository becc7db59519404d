"""The one folder-tagged event stream (``EventLog``, issue 14 item 3) and the engine's
count of the changes waiting here (``LocalView``), on plain data."""

from __future__ import annotations

import threading

import pytest

from cozysync.events import EventLog, ItemAction, ItemSynced, StatusChanged, StatusKind
from cozysync.models import JournalEntry, LocalState
from cozysync.sync.pending import LocalView, changed_local_paths, pending_local_changes


def test_the_log_tags_each_event_with_its_folder_and_an_increasing_id() -> None:
    log = EventLog()
    first = log.emit(ItemSynced.of("a.txt", ItemAction.UPLOADED), "docs")
    second = log.emit(StatusChanged(StatusKind.UP_TO_DATE), "photos")

    assert (first.folder, second.folder) == ("docs", "photos")
    assert second.id == first.id + 1 and log.last_id == second.id
    assert log.since(0) == [first, second]
    assert log.since(first.id) == [second]
    assert log.since(second.id) == []


def test_ids_follow_the_order_events_were_logged_from_many_threads() -> None:
    log = EventLog()
    made = [StatusChanged(StatusKind.SYNCING) for _ in range(400)]  # ids made first
    threads = [
        threading.Thread(target=lambda part=part: [log.emit(e, "docs") for e in part])
        for part in (made[::-1][:200], made[::-1][200:])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    ids = [e.id for e in log.since(0)]
    assert ids == sorted(ids) == list(range(1, 401))  # a reader asking "since N" misses none


def test_listeners_are_woken_and_a_reader_that_fell_behind_sees_the_gap() -> None:
    log = EventLog(size=3)
    woken: list[int] = []
    stop = log.listen(lambda: woken.append(log.last_id))
    for _ in range(5):
        log.emit(StatusChanged(StatusKind.SYNCING), "docs")
    stop()
    log.emit(StatusChanged(StatusKind.UP_TO_DATE), "docs")

    assert woken == [1, 2, 3, 4, 5]
    assert [e.id for e in log.since(0)] == [4, 5, 6]  # 1-3 are gone: the first id says so


def test_a_status_change_needs_a_kind_not_english() -> None:
    with pytest.raises(TypeError):
        StatusChanged("up to date")  # type: ignore[arg-type]


def _state(path: str, size: int, mtime_ns: int = 1) -> LocalState:
    return LocalState(path, False, size, mtime_ns, inode=len(path), device=1)


def _entry(state: LocalState) -> JournalEntry:
    return JournalEntry(
        key=state.path, local_path=state.path, remote_path=state.path, is_dir=False,
        inode=state.inode, device=state.device, size=state.size, mtime_ns=state.mtime_ns,
        content_hash=None, etag="e", remote_id=None, remote_size=state.size, remote_mtime=0,
    )  # fmt: skip


def test_the_count_after_a_pass_leaves_out_what_it_synced_and_what_it_downloaded() -> None:
    kept, edited, sent, failed = (_state(n, 1) for n in ("kept", "edited", "sent", "failed"))
    journal = {s.path: _entry(s) for s in (kept, edited)}
    seen = [kept, _state("edited", 2), sent, failed]  # a scan: one edit, two new files
    view = LocalView(seen, (), journal)
    assert view.changed_paths() == {"edited", "sent", "failed"}
    assert pending_local_changes(seen, journal) == 3

    # the pass sent "edited" and "sent", "failed" failed, and it downloaded "new"
    after = {
        **journal, "edited": _entry(_state("edited", 2)), "sent": _entry(sent),
        "new": _entry(_state("new", 5)),
    }  # fmt: skip
    assert view.still_changed(after) == {"failed"}


def test_a_deletion_here_waits_until_the_journal_forgets_it() -> None:
    gone = _state("gone", 1)
    journal = {"gone": _entry(gone)}
    view = LocalView([], (), journal)
    assert changed_local_paths([], journal) == {"gone"}
    assert view.still_changed(journal) == {"gone"}
    assert view.still_changed({}) == set()
