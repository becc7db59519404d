"""Unlinking a folder from the app right after its pass (found by the recent-activity
tests): the pass's own snapshot read, still in flight, must neither make the unlink fail
("another cozysync is already syncing": its lock probe) nor tell the user "no linked
folder is named 'docs'" once the folder is gone.  Real Qt, real engine, WsgiDAV."""

from __future__ import annotations

from pathlib import Path

from cozysync_ui.background import pending_background_ops
from cozysync_ui.itemmodels.sync_state import State

TIMEOUT_MS = 30_000


def test_unlink_while_the_pass_snapshot_is_read_says_no_error(qtbot, make_app, local_dir: Path):
    app = make_app()
    controller = app.controller
    qtbot.waitUntil(lambda: controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not pending_background_ops(), timeout=TIMEOUT_MS)
    failures: list[BaseException] = []
    controller.failed.connect(failures.append)

    for _ in range(3):  # the reads race the unlink: ahead of it, beside it, after it
        controller.refresh_folder("docs")
    with qtbot.waitSignal(controller.unlinked, timeout=TIMEOUT_MS):
        controller.unlink("docs", wipe_local=False)
        controller.refresh_folder("docs")
    qtbot.waitUntil(lambda: "docs" not in controller.state.statuses, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not pending_background_ops(), timeout=TIMEOUT_MS)
    qtbot.wait(200)  # the reads' answers, delivered on this thread after their ops end

    assert failures == []
    assert "docs" not in controller.state.statuses  # no stale read put it back
    assert [f.name for f in app.controller.service.list_folders()] == []
    assert (local_dir / "élève.txt").exists()  # unlinked, files kept
