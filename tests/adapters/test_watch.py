"""FolderWatcher with a real inotify observer on tmp_path."""

from __future__ import annotations

import logging
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import cozysync.local.watch as watch_module
from cozysync.local.fs import LocalFolder
from cozysync.local.ignore import IgnoreMatcher
from cozysync.local.watch import RESCAN_ALL, FolderWatcher

DEBOUNCE = 0.3


class ManualClock:
    """The Clock port, advanced by hand."""

    def __init__(self) -> None:
        self.value = 1000.0

    def now(self) -> float:
        return self.value

    def monotonic(self) -> float:
        return self.value

    def sleep(self, seconds: float) -> None:
        self.value += seconds


@pytest.fixture
def root(tmp_path: Path) -> Path:
    path = tmp_path / "sync"
    path.mkdir()
    return path


@pytest.fixture
def watcher(root: Path) -> Iterator[FolderWatcher]:
    threads_before = set(threading.enumerate())
    watcher = FolderWatcher(root, IgnoreMatcher(root), debounce=DEBOUNCE)
    watcher.start()
    try:
        yield watcher
    finally:
        watcher.stop()
    leaked = set(threading.enumerate()) - threads_before
    assert not leaked, f"watcher threads left running: {leaked}"


def collect(watcher: FolderWatcher, wanted: set[str], timeout: float = 5.0) -> set[str]:
    """Everything reported until ``wanted`` was seen (or the timeout)."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while not wanted <= seen and time.monotonic() < deadline:
        seen |= watcher.wait(deadline - time.monotonic())
    return seen


def settle(watcher: FolderWatcher) -> None:
    """Drain what earlier steps caused, until the folder is quiet."""
    while watcher.wait(DEBOUNCE * 2):
        pass


def test_exported_names_exist() -> None:
    assert all(hasattr(watch_module, name) for name in watch_module.__all__)


def test_created_file_is_reported_once_stable(watcher: FolderWatcher, root: Path) -> None:
    started = time.monotonic()
    (root / "new.txt").write_text("hello")

    assert collect(watcher, {"new.txt"}) == {"new.txt"}
    assert time.monotonic() - started >= DEBOUNCE  # held for the debounce window
    assert watcher.wait(DEBOUNCE * 2) == set()  # reported once


def test_modified_moved_and_deleted_files_are_reported(watcher: FolderWatcher, root: Path) -> None:
    (root / "sub").mkdir()
    (root / "sub" / "a.txt").write_text("v1")
    (root / "b.txt").write_text("b")
    assert collect(watcher, {"sub", "sub/a.txt", "b.txt"}) == {"sub", "sub/a.txt", "b.txt"}
    settle(watcher)

    (root / "sub" / "a.txt").write_text("version 2")
    assert collect(watcher, {"sub/a.txt"}) == {"sub/a.txt"}

    (root / "sub" / "a.txt").rename(root / "moved.txt")
    assert collect(watcher, {"sub/a.txt", "moved.txt"}) == {"sub/a.txt", "moved.txt"}

    (root / "b.txt").unlink()
    assert collect(watcher, {"b.txt"}) == {"b.txt"}


def test_a_file_being_written_is_held_back_until_stable(watcher: FolderWatcher, root: Path) -> None:
    target = root / "slow.bin"
    finished = threading.Event()
    finished_at: list[float] = []

    def slow_writer() -> None:
        with open(target, "wb") as out:
            for _ in range(12):  # 12 chunks, 0.1 s apart: longer than 3 debounce windows
                out.write(b"x" * 1000)
                out.flush()
                time.sleep(0.1)
        finished_at.append(time.monotonic())
        finished.set()

    writer = threading.Thread(target=slow_writer)
    writer.start()
    try:
        reported = collect(watcher, {"slow.bin"}, timeout=10)
    finally:
        writer.join()

    assert reported == {"slow.bin"}
    assert finished.is_set() and time.monotonic() >= finished_at[0] + DEBOUNCE
    assert target.stat().st_size == 12_000


def test_ignored_and_temp_paths_are_filtered(watcher: FolderWatcher, root: Path) -> None:
    (root / ".cozyignore").write_text("build/\n*.log\n")
    assert collect(watcher, {RESCAN_ALL}) == {RESCAN_ALL}  # new rules: a full rescan
    time.sleep(0.06)  # past IgnoreMatcher's check interval
    while watcher.wait(DEBOUNCE * 2):  # the write's later events ask for it again
        pass

    (root / "build").mkdir()
    (root / "build" / "out.o").write_text("o")
    (root / "debug.log").write_text("log")
    (root / "~$doc.docx").write_text("lock")
    (root / "real.txt").write_text("real")

    assert collect(watcher, {"real.txt"}) == {"real.txt"}
    assert watcher.wait(DEBOUNCE * 2) == set()


def test_our_own_download_reports_only_the_target(watcher: FolderWatcher, root: Path) -> None:
    folder = LocalFolder(root)
    with folder.temp_file("doc.txt") as (temp_path, out):
        out.write(b"downloaded")
        folder.commit_temp(temp_path, "doc.txt", expected=None, mtime=None)

    assert collect(watcher, {"doc.txt"}) == {"doc.txt"}
    assert watcher.wait(DEBOUNCE * 2) == set()


def test_restart_asks_for_a_full_rescan(watcher: FolderWatcher, root: Path) -> None:
    watcher.restart()
    assert watcher.wait(1) == {RESCAN_ALL}

    (root / "after.txt").write_text("x")  # and it still watches afterwards
    assert collect(watcher, {"after.txt"}) == {"after.txt"}


def test_lost_events_reported_by_watchdog_ask_for_a_full_rescan(watcher: FolderWatcher) -> None:
    # watchdog reports a kernel queue overflow only by logging this warning
    logging.getLogger("watchdog.observers.inotify_c").warning(
        "Inotify queue overflowed; filesystem events were lost"
    )
    assert watcher.wait(1) == {RESCAN_ALL}
    assert watcher.wait(0.2) == set()


def test_a_burst_of_changes_is_never_lost(watcher: FolderWatcher, root: Path) -> None:
    names = {f"f{i}.txt" for i in range(3000)}
    for name in names:
        (root / name).write_bytes(b"")

    seen = collect(watcher, names, timeout=30)

    assert RESCAN_ALL in seen or names <= seen


def test_root_deleted_asks_for_a_rescan_and_recovers(watcher: FolderWatcher, root: Path) -> None:
    (root / "sub").mkdir()
    settle(watcher)
    shutil.rmtree(root)

    assert RESCAN_ALL in collect(watcher, {RESCAN_ALL})
    assert watcher.wait(0.5) == set()  # nothing to watch: no busy loop, no error
    assert watcher.last_error is not None

    root.mkdir()  # the drive is back: watching starts again by itself
    assert collect(watcher, {RESCAN_ALL}) == {RESCAN_ALL}
    (root / "back.txt").write_text("x")
    assert collect(watcher, {"back.txt"}) == {"back.txt"}


def test_idle_watcher_uses_no_cpu(watcher: FolderWatcher) -> None:
    cpu_before = time.process_time()
    assert watcher.wait(1.0) == set()
    assert time.process_time() - cpu_before < 0.05


def test_debounce_reads_the_injected_clock(root: Path) -> None:
    clock = ManualClock()
    watcher = FolderWatcher(root, IgnoreMatcher(root), debounce=60, clock=clock)
    watcher.start()
    try:
        (root / "a.txt").write_text("a")
        assert watcher.wait(0.5) == set()  # 60 s of clock time have not passed
        clock.value += 61
        assert watcher.wait(2) == {"a.txt"}
    finally:
        watcher.stop()


def test_stop_joins_every_thread(root: Path) -> None:
    before = set(threading.enumerate())
    watcher = FolderWatcher(root, IgnoreMatcher(root))
    watcher.start()
    assert set(threading.enumerate()) - before  # it did start threads
    watcher.stop()
    assert set(threading.enumerate()) - before == set()
    watcher.stop()  # a second stop is harmless
