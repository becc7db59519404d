"""Runs ``show_in_folder`` in a process of its own (Qt's session bus is chosen once per
process), on the session bus this process was given (``dbus-run-session``); with
``--file-manager`` a ``file_manager_double`` owns FileManager1 on it first.  Prints, as
JSON, the folders opened instead (the fallback).

With ``--slow-file-manager`` the double holds its answer until told: while it does, a
timer is started on the GUI thread; prints, as JSON, the folders opened and whether the
timer ran while the file manager had not answered yet (the GUI thread was not blocked).

    dbus-run-session -- python -m tests.ui.show_in_folder_driver PATH CALLS [--file-manager]
    dbus-run-session -- python -m tests.ui.show_in_folder_driver PATH CALLS --slow-file-manager
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication

from cozysync_ui.recent_activity import show_in_folder

WAIT_S = 30


def main(path: str, calls_file: str, with_file_manager: bool, slow: bool) -> None:
    double = None
    if with_file_manager or slow:
        command = [sys.executable, "-m", "tests.ui.file_manager_double", calls_file]
        double = subprocess.Popen(
            [*command, *(["--hold"] if slow else [])],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert double.stdout is not None and double.stdout.readline().strip() == "ready"
    try:
        app = QGuiApplication([])
        opened: list[str] = []
        done: list[bool] = []
        show_in_folder(
            Path(path), lambda folder: opened.append(str(folder)), lambda: done.append(True)
        )
        if slow:
            assert double is not None and double.stdin is not None
            ran = timer_while_held(app, double, done)
            double.stdin.write("answer now\n")
            double.stdin.flush()
            wait_for(app, lambda: bool(done))
            print(json.dumps({"opened": opened, "timer_ran_while_held": ran}))
        else:
            wait_for(app, lambda: bool(done))
            print(json.dumps(opened))
        del app
    finally:
        if double is not None:
            double.terminate()
            double.wait(10)


def timer_while_held(app: QGuiApplication, double: subprocess.Popen[str], done: list[bool]) -> bool:
    """Once the double holds the call, whether a timer started then runs while the
    call is still unanswered (False: it ran only after, or the call was over already)."""
    assert double.stdout is not None
    wait_for(app, lambda: bool(select.select([double.stdout], [], [], 0)[0]))
    assert double.stdout.readline().strip() == "held"
    ran: list[bool] = []
    QTimer.singleShot(0, lambda: ran.append(not done))
    wait_for(app, lambda: bool(ran))
    return ran[0]


def wait_for(app: QGuiApplication, condition: Callable[[], bool]) -> None:
    """Run the event loop until ``condition`` holds (a stuck run ends, failing)."""
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("show_in_folder never finished")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)


if __name__ == "__main__":
    options = sys.argv[3:]
    main(sys.argv[1], sys.argv[2], "--file-manager" in options, "--slow-file-manager" in options)
