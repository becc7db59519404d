"""The engine API the tray uses, end to end on WsgiDAV: ProgressChanged, ItemSynced's
action, StatusChanged's kind and counts, translatable error messages, conflict details
and the remote check interval."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import cast

import pytest

from cozysync.errors import ConfigError
from cozysync.events import (
    ErrorRaised,
    ItemAction,
    ItemSynced,
    ProgressChanged,
    StatusChanged,
    StatusKind,
)
from cozysync.messages import MessageId
from tests.engine.api_helpers import Recorder, linked_service
from tests.servers import WsgiDavServer

MiB = 1 << 20


def test_progress_counts_files_and_bytes_and_is_throttled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    (local / "big.bin").write_bytes(os.urandom(6 * MiB))
    (local / "small.txt").write_bytes(b"hello")
    wsgidav_server.write("down.bin", os.urandom(3 * MiB))

    assert service.sync_once("docs").in_sync

    progress = cast(list[ProgressChanged], events.of(ProgressChanged))
    last = progress[-1]
    assert (last.files_done, last.files_total) == (3, 3)
    assert last.bytes_total == last.bytes_done == 9 * MiB + 5
    assert last.files_left == last.bytes_left == 0
    # throttled: one per plan, per finished file at most, and per 0.25 s of transfer;
    # never one per 1 MiB chunk (9 chunks here moved in a fraction of a second)
    assert len(progress) <= 1 + 3 + 4
    done = [p.bytes_done for p in progress]
    assert done == sorted(done)


def test_item_synced_says_what_happened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    (local / "up.txt").write_text("up")
    (local / "gone-here.txt").write_text("a")
    (local / "gone-there.txt").write_text("b")
    (local / "old.txt").write_text("move me")
    (local / "folder").mkdir()
    wsgidav_server.write("down.txt", b"down")
    assert service.sync_once("docs").in_sync

    first = {e.path: e.action for e in cast(list[ItemSynced], events.of(ItemSynced))}
    assert first == {
        "up.txt": ItemAction.UPLOADED,
        "gone-here.txt": ItemAction.UPLOADED,
        "gone-there.txt": ItemAction.UPLOADED,
        "old.txt": ItemAction.UPLOADED,
        "folder": ItemAction.FOLDER_CREATED_REMOTE,
        "down.txt": ItemAction.DOWNLOADED,
    }
    events.events.clear()

    (local / "gone-here.txt").unlink()
    (wsgidav_server.root / "gone-there.txt").unlink()
    (local / "old.txt").rename(local / "new.txt")
    (local / "up.txt").write_text("mine")
    time.sleep(0.01)
    (wsgidav_server.root / "up.txt").write_text("theirs, longer")
    assert service.sync_once("docs").conflicts == 1

    synced = {e.path: e for e in cast(list[ItemSynced], events.of(ItemSynced))}
    assert synced["gone-here.txt"].action is ItemAction.DELETED_REMOTE
    assert synced["gone-there.txt"].action is ItemAction.DELETED_LOCAL_TO_TRASH
    assert synced["new.txt"].action is ItemAction.MOVED_REMOTE
    assert synced["new.txt"].related_path == "old.txt"
    assert synced["new.txt"].what == "moved on the server from old.txt"  # the CLI's text
    conflict = synced["up.txt"]
    assert conflict.action is ItemAction.CONFLICT_COPY
    assert conflict.related_path is not None and "(conflict laptop " in conflict.related_path


def test_status_changed_carries_kind_counts_and_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    (local / "a.txt").write_text("a")
    service.sync_once("docs")
    statuses = cast(list[StatusChanged], events.of(StatusChanged))
    assert [s.kind for s in statuses] == [StatusKind.SYNCING, StatusKind.UP_TO_DATE]
    assert statuses[-1].message is not None
    assert statuses[-1].message.id == MessageId.STATUS_UP_TO_DATE

    (local / "b.txt").write_text("b")
    (local / "c.txt").write_text("c")
    wsgidav_server.stop()
    try:
        outcome = service.sync_once("docs")
    finally:
        wsgidav_server.start()
    offline = cast(list[StatusChanged], events.of(StatusChanged))[-1]
    assert outcome.status == "offline"
    assert offline.kind is StatusKind.OFFLINE and offline.pending_changes == 2
    assert offline.message is not None and offline.message.id == MessageId.STATUS_OFFLINE
    assert offline.message.args["pending_changes"] == 2
    (status,) = service.status("docs")
    assert status.kind is StatusKind.OFFLINE and status.pending_changes == 2


def test_a_stopped_pass_names_its_error_and_an_item_error_has_a_stable_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    (local / "refused.txt").write_text("no")
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.add("PUT", "refused.txt", 403, times=99)
    wsgidav_server.faults.add("PUT", ".cozysync-", 403, times=99)
    outcome = service.sync_once("docs")
    assert not outcome.in_sync
    (error,) = cast(list[ErrorRaised], events.of(ErrorRaised))
    assert error.message.id == MessageId.ERROR_ACCESS_REFUSED
    assert error.message.args["path"] == "refused.txt"
    assert "HTTP 403" in str(error.message.args["detail"])
    last = cast(list[StatusChanged], events.of(StatusChanged))[-1]
    assert last.kind is StatusKind.NEEDS_ATTENTION and last.errors == 1
    assert last.stopped_by is None  # the pass ran to its end
    (status,) = service.status("docs")
    assert status.errors[0].message is not None
    assert status.errors[0].message.id == MessageId.ERROR_ACCESS_REFUSED  # as journalled

    wsgidav_server.faults.clear()
    wsgidav_server.faults.add("PROPFIND", "/", 401, times=99)
    with pytest.raises(Exception, match="401"):
        service.sync_once("docs")
    stopped = cast(list[StatusChanged], events.of(StatusChanged))[-1]
    assert stopped.kind is StatusKind.NEEDS_ATTENTION
    assert stopped.stopped_by is not None and stopped.stopped_by.id == MessageId.ERROR_AUTH
    assert stopped.message is not None and stopped.message.id == MessageId.STATUS_STOPPED


def test_conflict_info_describes_both_versions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    (local / "report.txt").write_text("first")
    service.sync_once("docs")
    (local / "report.txt").write_text("mine!")
    (wsgidav_server.root / "report.txt").write_text("the cloud's, longer")
    service.sync_once("docs")

    (info,) = service.conflicts("docs")
    assert info.remote_version is not None and info.local_version is not None
    assert info.remote_version.is_cloud and info.remote_version.device == "the cloud"
    assert info.remote_version.size == len("the cloud's, longer")
    assert info.local_version.device == "laptop" and not info.local_version.is_cloud
    assert info.local_version.size == len("mine!")
    assert info.local_version.path == info.conflict_path
    mtime = (local / info.conflict_path).stat().st_mtime
    assert info.local_version.modified_at == pytest.approx(mtime)


def test_poll_interval_is_saved_and_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    service, _ = linked_service(tmp_path, monkeypatch, wsgidav_server)
    service.set_poll_interval("docs", 300)
    assert service.folder("docs").poll_interval_s == 300.0
    with pytest.raises(ConfigError, match="between"):
        service.set_poll_interval("docs", 1)
    with pytest.raises(ConfigError, match="no linked folder"):
        service.set_poll_interval("nope", 60)
    service.set_poll_interval(None, 120)
    assert service.folder("docs").poll_interval_s == 120.0


def test_backup_counts_files_on_the_server_only_for_the_tray(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(
        tmp_path, monkeypatch, wsgidav_server, mode="backup", emit=events
    )
    (local / "kept.txt").write_text("deleted here later")
    (local / "stays.txt").write_text("here and there")
    assert service.sync_once("docs").in_sync
    (local / "kept.txt").unlink()
    wsgidav_server.write("from the tablet.txt", b"added there")
    wsgidav_server.write("Scans/page 1.pdf", b"%PDF")  # a folder and a file: 1 file
    mine = {p.name: p.read_bytes() for p in local.iterdir()}

    outcome = service.sync_once("docs")

    assert outcome.kept_on_server == 3
    assert {p.name: p.read_bytes() for p in local.iterdir()} == mine  # nothing here changed
    last = cast(list[StatusChanged], events.of(StatusChanged))[-1]
    assert last.kind is StatusKind.UP_TO_DATE and last.kept_on_server == 3
    assert last.message is not None and last.message.args["kept_on_server"] == 3
    (status,) = service.status("docs")
    assert status.kept_on_server == 3 and status.mode == "backup"
    assert "3 files on the server only" in status.detail
