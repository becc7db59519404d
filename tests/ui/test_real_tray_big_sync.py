"""Issue 16, item 1 in a real X session (Xvfb) with a real tray host (trayer): during a
2,000-file first sync from WsgiDAV, each of 8 right-clicks on the tray icon opens its
menu and the menu stays open while the engine's state keeps changing; Pause and Resume,
clicked in it, pause the sync mid-way and resume it; Quit, clicked the same way,
quits.  (Before: 0 of 8.)

The app runs in a child process (``tests/ui/big_sync_tray_driver.py``): this process's
Qt is on the offscreen platform, and a process has one platform."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cozysync.api import SyncService
from tests.servers import WsgiDavServer
from tests.ui.big_sync_tray_driver import RIGHT_CLICKS
from tests.ui.xsession import require_tray_host, x_session_with_tray

FILES = 2000
RUN_TIMEOUT_S = 300


def test_the_real_tray_menu_opens_at_every_right_click_of_a_big_sync(
    tmp_path: Path, service: SyncService, wsgidav_server: WsgiDavServer
):
    require_tray_host()
    for i in range(FILES):
        wsgidav_server.write(f"cours/{i // 100:02}/note-{i:04}.txt", f"note {i}\n".encode())
    service.link(
        tmp_path / "Documents", wsgidav_server.url, user=wsgidav_server.user,
        password=wsgidav_server.password, name="docs", allow_file_store=True,
    )  # fmt: skip
    report_path = tmp_path / "big-sync-report.json"
    with x_session_with_tray() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        run = subprocess.run(
            [sys.executable, "-m", "tests.ui.big_sync_tray_driver", str(FILES),
             str(report_path)],
            env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert "failed" not in report, (report, run.stderr)
    assert report["platform"] == "xcb"
    assert report["opened"] == [True] * RIGHT_CLICKS
    assert report["pause_text"] == "Pause syncing"
    assert 0 < report["synced_when_paused"] < FILES  # paused mid-way
    assert report["resume_text"] == "Resume syncing"
    assert report["quit"]
