"""Runs ``show_in_folder`` in a process of its own (Qt's session bus is chosen once per
process), on the session bus this process was given (``dbus-run-session``); with
``--file-manager`` a ``file_manager_double`` owns FileManager1 on it first.  Prints, as
JSON, the folders opened instead (the fallback).

    dbus-run-session -- python -m tests.ui.show_in_folder_driver PATH CALLS [--file-manager]
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtGui import QGuiApplication

from cozysync_ui.recent_activity import show_in_folder


def main(path: str, calls_file: str, with_file_manager: bool) -> None:
    double = None
    if with_file_manager:
        command = [sys.executable, "-m", "tests.ui.file_manager_double", calls_file]
        double = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert double.stdout is not None and double.stdout.readline().strip() == "ready"
    try:
        app = QGuiApplication([])
        opened: list[str] = []
        show_in_folder(Path(path), lambda folder: opened.append(str(folder)))
        print(json.dumps(opened))
        del app
    finally:
        if double is not None:
            double.terminate()
            double.wait(10)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--file-manager" in sys.argv[3:])
