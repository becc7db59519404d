"""The recent activity kept across restarts (issue 16, item 10): ``ActivityLog`` on the
real file system, and ``SyncService.recent_activity`` after real passes on WsgiDAV."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from cozysync.activity import ActivityEntry, ActivityLog
from cozysync.api import SyncService
from cozysync.events import ItemAction, ItemSynced
from tests.engine.api_helpers import linked_service, private_home
from tests.servers import WsgiDavServer


def _synced(path: str, action: ItemAction, related: str | None = None) -> ItemSynced:
    return ItemSynced.of(path, action, related)


def test_the_log_is_bounded_newest_first_and_survives_a_new_instance(tmp_path: Path) -> None:
    activity = ActivityLog(tmp_path / "state", keep=5)
    for n in range(23):
        activity.record("abc", _synced(f"f{n}.txt", ItemAction.UPLOADED), at=1000.0 + n)

    lines = activity.file_of("abc").read_text().splitlines()
    assert 5 <= len(lines) < 10  # rewritten with the newest 5 each time it holds 10
    again = ActivityLog(tmp_path / "state", keep=5).read("abc", "docs")
    assert [e.path for e in again[:5]] == ["f22.txt", "f21.txt", "f20.txt", "f19.txt", "f18.txt"]
    assert again[0] == ActivityEntry(1022.0, "docs", "f22.txt", ItemAction.UPLOADED)
    assert ActivityLog(tmp_path / "state", keep=5).read("abc", "docs", limit=2) == again[:2]


def test_the_file_is_private_and_holds_no_contents(tmp_path: Path) -> None:
    os.umask(0o022)
    activity = ActivityLog(tmp_path / "state")
    event = _synced("new.txt", ItemAction.MOVED_LOCAL, "old.txt")
    activity.record("abc", event, at=5.0)
    path = activity.file_of("abc")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    fields = json.loads(path.read_text())
    assert fields == {"at": 5.0, "path": "new.txt", "action": "moved_local", "related": "old.txt"}


def test_a_line_cut_short_or_unknown_is_skipped(tmp_path: Path) -> None:
    activity = ActivityLog(tmp_path / "state")
    activity.record("abc", _synced("a.txt", ItemAction.DOWNLOADED), at=1.0)
    with activity.file_of("abc").open("a") as file:
        file.write('{"at": 2.0, "path": "b.txt", "action": "teleported"}\n{"at": 3.0, "pa')
    restarted = ActivityLog(tmp_path / "state")  # after the crash
    restarted.record("abc", _synced("c.txt", ItemAction.DOWNLOADED), at=4.0)
    assert [e.path for e in ActivityLog(tmp_path / "state").read("abc", "docs")] == [
        "c.txt",
        "a.txt",
    ]


def test_an_event_without_action_is_left_out(tmp_path: Path) -> None:
    activity = ActivityLog(tmp_path / "state")
    activity.record("abc", ItemSynced("a.txt", "uploaded"), at=1.0)
    assert not activity.file_of("abc").exists()


def test_real_passes_are_kept_across_a_restart_and_gone_after_unlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    (local / "report.odt").write_bytes(b"secret words of the report")
    wsgidav_server.write("photos/cat.jpg", b"meow")
    assert service.sync_once("docs").in_sync
    (local / "report.odt").rename(local / "final.odt")
    assert service.sync_once("docs").in_sync

    restarted = SyncService(private_home(tmp_path, monkeypatch))
    entries = restarted.recent_activity()
    assert {(e.folder, e.path, e.action) for e in entries} == {
        ("docs", "report.odt", ItemAction.UPLOADED),
        ("docs", "photos", ItemAction.FOLDER_CREATED_LOCAL),
        ("docs", "photos/cat.jpg", ItemAction.DOWNLOADED),
        ("docs", "final.odt", ItemAction.MOVED_REMOTE),
    }
    assert entries[0].path == "final.odt" and entries[0].related_path == "report.odt"
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert restarted.recent_activity(limit=1) == entries[:1]

    folder_id = restarted.folder("docs").folder_id
    kept = restarted.activity.file_of(folder_id)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert b"secret words" not in kept.read_bytes()
    assert wsgidav_server.password not in kept.read_text()

    restarted.unlink("docs")
    assert not kept.exists()
    assert not kept.parent.exists()  # its only folder gone: no empty folder left behind
