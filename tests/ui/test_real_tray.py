"""The tray app in a real X session (Xvfb) with a real tray host (trayer): Qt sees a
system tray, the app shows its tray icon by itself (no fallback window), the icon is
embedded in the host, and the menu's entries work against the real engine and WsgiDAV.

The app runs in a child process (``tests/ui/tray_driver.py``): this process's Qt is on
the offscreen platform, and a process has one platform."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.ui.xsession import require_tray_host, x_session_with_tray

RUN_TIMEOUT_S = 180


def test_the_app_lives_in_a_real_tray_and_its_menu_works(
    tmp_path: Path, local_dir: Path, wsgidav_server
):
    require_tray_host()
    report_path = tmp_path / "tray-report.json"
    with x_session_with_tray() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        run = subprocess.run(
            [sys.executable, "-m", "tests.ui.tray_driver", str(wsgidav_server.root),
             str(report_path)],
            env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert "failed" not in report, (report, run.stderr)
    assert report["platform"] == "xcb"
    assert report["tray_available"]
    assert report["tray"] and not report["window"]  # the tray icon, not the fallback window
    assert report["visible"]
    assert report["geometry"][2] > 0 and report["geometry"][3] > 0  # embedded in the host
    assert report["tooltip"].startswith("cozysync — Up to date")
    for text in ("Open docs — two-way sync", "Open my cloud in the browser", "Sync now",
                 "Pause syncing", "Pause for one hour", "Deleted files…", "Versions of a file…",
                 "Preferences…", "Quit"):  # fmt: skip
        assert text in report["menu"]
    assert report["tooltip_paused"].startswith("cozysync — Paused")
    assert not report["sent_while_paused"]
    assert report["sent_after_resume"]
    assert (wsgidav_server.root / "tray.txt").read_text(encoding="utf-8") == (
        "sent after resuming\n"
    )
    assert report["opened"] == [wsgidav_server.url, Path(local_dir).as_uri()]
    assert report["versions_chooser"] == [str(local_dir)]  # the chooser in the synced folder
    assert report["quit"]
