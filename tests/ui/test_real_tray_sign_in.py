""" "Sign in again" from the real tray (Xvfb and a real tray host, the app in a child
process: ``tests/ui/sign_in_tray_driver.py``), against WsgiDAV whose password changed
(issue 16, item 3): the menu offers the entry and the notification says it once;
clicking the notification opens the prompt too; the new password lets the folder go
on, the file changed on the server meanwhile comes down, no conflict copy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cozysync.api import SyncService
from tests.servers import WsgiDavServer
from tests.ui.test_sign_in import NEW_PASSWORD, change_password, stored_password
from tests.ui.xsession import require_tray_host, x_session_with_tray

RUN_TIMEOUT_S = 180


def test_sign_in_again_from_the_tray_menu_and_the_notification(
    tmp_path: Path, service: SyncService, local_dir: Path, wsgidav_server: WsgiDavServer
):
    require_tray_host()
    assert service.sync_once("docs").in_sync
    change_password(wsgidav_server, NEW_PASSWORD)
    wsgidav_server.write("élève.txt", b"du serveur\n")
    report_path = tmp_path / "sign-in-report.json"
    with x_session_with_tray() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        run = subprocess.run(
            [sys.executable, "-m", "tests.ui.sign_in_tray_driver", str(local_dir / "élève.txt"),
             NEW_PASSWORD, str(report_path)],
            env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert "failed" not in report, (report, run.stderr)
    assert report["tray"]
    assert "Sign in again to docs…" in report["menu_refused"]
    assert report["notifications"] == [[
        "Sign in again to keep syncing",
        "docs: your cloud refused the login (a new password?). Choose Sign in again.",
    ]]  # fmt: skip
    assert report["prompt_from_notification"]
    assert "Sign in again to docs…" not in report["menu_after"]
    assert report["files_after"] == [".cozysync", "Cours", "élève.txt"]  # no conflict copy
    assert stored_password(service) == NEW_PASSWORD
