"""The autouse guards of conftest.py see a leaked thread and a running QTimer (so a UI
test that leaves either behind fails)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer

from tests.ui.conftest import leaked_threads, running_timers


def test_a_thread_left_running_is_found(qapp):
    before = set(threading.enumerate())
    release = threading.Event()
    thread = threading.Thread(target=release.wait, name="left-behind")
    thread.start()
    try:
        assert leaked_threads(qapp, before, 0.2) == ["left-behind"]
    finally:
        release.set()
        thread.join()
    assert leaked_threads(qapp, before, 0.2) == []


def test_a_timer_left_running_is_found(qapp):
    timer = QTimer()
    timer.start(60_000)
    assert timer in running_timers()
    timer.stop()
    assert timer not in running_timers()
