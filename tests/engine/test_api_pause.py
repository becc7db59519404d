"""Pausing through ``SyncService`` on WsgiDAV: a pause stops a transfer in flight (its
temp file gone, at once or at the next pass; nothing journalled) and the next pass after
resume completes it; a paused watch loop says so and syncs again on resume; timed pauses
end by themselves."""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

import pytest

from cozysync.api import SyncService
from cozysync.config import AppSettingsStore, FolderConfig, FolderStore
from cozysync.errors import ConfigError
from cozysync.events import Event, ItemSynced, ProgressChanged, StatusChanged, StatusKind
from cozysync.journal.store import SqliteJournal
from cozysync.service.pause import RECHECK_S, PauseBoard
from cozysync.service.session import META_ABANDONED_TEMPS
from cozysync.sync import progress
from tests.engine.api_helpers import Recorder, linked_service
from tests.servers import WsgiDavServer

MiB = 1 << 20


@pytest.fixture(autouse=True)
def progress_every_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ProgressChanged per chunk, so the test can pause while bytes flow."""
    monkeypatch.setattr(progress, "PROGRESS_INTERVAL_S", 0.0)


def _pause_once_bytes_flow(service_pause: object, events: Recorder) -> None:
    def also(event: Event) -> None:
        if isinstance(event, ProgressChanged) and event.bytes_done > 0:
            events.also = None
            service_pause()  # type: ignore[operator]

    events.also = also


@contextmanager
def _journal(tmp_path: Path, folder_id: str) -> Iterator[SqliteJournal]:
    """The pair's journal file, opened beside the service (as another process would)."""
    journal = SqliteJournal(tmp_path / "home" / "data" / "journals" / f"{folder_id}.sqlite")
    try:
        yield journal
    finally:
        journal.close()


def _journal_paths(tmp_path: Path, folder_id: str) -> set[str]:
    with _journal(tmp_path, folder_id) as journal:
        return {e.local_path for e in journal.entries().values()}


def _temps(root: Path) -> list[str]:
    return [p.name for p in root.rglob("*") if p.name.startswith(".cozysync")]


def test_pause_drops_a_download_in_flight_and_resume_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    data = os.urandom(8 * MiB)
    wsgidav_server.write("film.bin", data)
    _pause_once_bytes_flow(lambda: service.pause("docs"), events)

    outcome = service.sync_once("docs")

    assert outcome.status == "paused"
    assert not (local / "film.bin").exists()
    assert [p for p in os.listdir(local) if p != ".cozysync"] == []  # no temp file left
    assert "film.bin" not in _journal_paths(tmp_path, service.folder("docs").folder_id)
    moved = max(cast(ProgressChanged, e).bytes_done for e in events.of(ProgressChanged))
    assert 0 < moved < len(data)  # stopped mid-transfer
    last = cast(list[StatusChanged], events.of(StatusChanged))[-1]
    assert last.kind is StatusKind.PAUSED and last.paused_until is None
    assert service.status("docs")[0].kind is StatusKind.PAUSED

    assert service.sync_once("docs").status == "paused"  # still paused: nothing runs
    service.resume("docs")
    assert service.sync_once("docs").in_sync
    assert (local / "film.bin").read_bytes() == data


def test_pause_drops_an_upload_in_flight_and_resume_completes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    data = os.urandom(8 * MiB)
    (local / "film.bin").write_bytes(data)
    _pause_once_bytes_flow(lambda: service.pause(), events)  # all pairs

    assert service.sync_once("docs").status == "paused"

    assert not (wsgidav_server.root / "film.bin").exists()
    assert "film.bin" not in _journal_paths(tmp_path, service.folder("docs").folder_id)
    assert not events.of(ItemSynced)
    # The temp is deleted at once, unless the server was still making it when the
    # DELETE came (on another connection): then the next pass deletes it.
    deadline = time.monotonic() + 5  # the server may still be reading the cut body
    while _temps(wsgidav_server.root) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(_temps(wsgidav_server.root)) <= 1

    service.resume()
    assert service.sync_once("docs").in_sync
    assert (wsgidav_server.root / "film.bin").read_bytes() == data
    assert _temps(wsgidav_server.root) == []


def test_a_temp_a_cut_upload_left_is_deleted_by_the_next_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    """A fresh temp (the daily clean-up would keep it for a day) that an earlier pass
    could not delete: the next pass deletes it, and forgets it."""
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    assert service.sync_once("docs").in_sync
    temp = f".cozysync-{int(time.time())}-{'0' * 32}.tmp"
    wsgidav_server.write(f"sub/{temp}", b"part of a cut upload")
    folder_id = service.folder("docs").folder_id
    with _journal(tmp_path, folder_id) as journal:
        journal.set_meta(META_ABANDONED_TEMPS, json.dumps([f"sub/{temp}"]))

    assert service.sync_once("docs").in_sync

    assert _temps(wsgidav_server.root) == []
    assert (local / "sub").is_dir()  # the folder itself is the user's: it stays
    with _journal(tmp_path, folder_id) as journal:
        assert journal.get_meta(META_ABANDONED_TEMPS) is None


def test_a_watching_pair_pauses_and_resumes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=("docs", stop))
    runner.start()
    try:
        _wait_for(lambda: _last_kind(events) is StatusKind.UP_TO_DATE)
        service.pause("docs", for_s=3600)
        _wait_for(lambda: _last_kind(events) is StatusKind.PAUSED)
        until = cast(list[StatusChanged], events.of(StatusChanged))[-1].paused_until
        assert until is not None and until > time.time() + 3500
        (local / "while-paused.txt").write_text("waits")
        time.sleep(1.5)
        assert not (wsgidav_server.root / "while-paused.txt").exists()

        service.resume("docs")
        _wait_for(lambda: (wsgidav_server.root / "while-paused.txt").exists())
        _wait_for(lambda: _last_kind(events) is StatusKind.UP_TO_DATE)
    finally:
        stop.set()
        runner.join(30)
    assert not runner.is_alive()


def test_a_poll_interval_set_by_another_service_reaches_a_watching_pair(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    events = Recorder()
    service, _ = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    other = SyncService(service.locations)  # as another process would: only the files shared
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=("docs", stop))
    runner.start()
    try:
        _wait_for(lambda: _last_kind(events) is StatusKind.UP_TO_DATE)
        assert service._loops["docs"].poll_s == 60.0
        other.set_poll_interval("docs", 30)
        _wait_for(lambda: service._loops["docs"].poll_s == 30.0)  # at its next tick
        other.pause(None)  # a pause of every pair, saved by the other service
        _wait_for(lambda: _last_kind(events) is StatusKind.PAUSED)
        other.resume()
        _wait_for(lambda: _last_kind(events) is StatusKind.UP_TO_DATE)
    finally:
        stop.set()
        runner.join(30)
    assert not runner.is_alive()


def _last_kind(events: Recorder) -> StatusKind | None:
    statuses = cast(list[StatusChanged], events.of(StatusChanged))
    return statuses[-1].kind if statuses else None


def _wait_for(condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class FakeClock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def now(self) -> float:
        return self.t

    def monotonic(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += seconds


def _boards(tmp_path: Path, clock: FakeClock, count: int = 1) -> list[PauseBoard]:
    """Pause boards on the same saved settings (as in separate processes), pairs a and b."""
    store = FolderStore(tmp_path / "folders.json")
    store.save([FolderConfig(name, f"/tmp/{name}", "http://127.0.0.1/") for name in "ab"])
    app_store = AppSettingsStore(tmp_path / "settings.json")
    return [PauseBoard(clock, store, app_store) for _ in range(count)]


def test_pause_board_pairs_all_and_timed_pauses(tmp_path: Path) -> None:
    clock = FakeClock()
    [board] = _boards(tmp_path, clock)
    board.pause("a", for_s=60)
    assert board.paused_until("a") == clock.t + 60 and not board.is_paused("b")
    clock.t += 61
    assert not board.is_paused("a")  # the pause ended by itself
    board.pause(None)
    assert board.paused_until("b") == math.inf and board.is_paused("a")
    board.resume("a")
    assert board.is_paused("a")  # a pause of all pairs is lifted by resume()
    board.resume()
    assert not board.is_paused("a") and not board.is_paused("b")
    with pytest.raises(ConfigError):
        board.pause("a", for_s=0)


def test_a_saved_pause_reaches_another_board_and_ends_on_its_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    mine, other = _boards(tmp_path, clock, 2)
    assert not other.is_paused("a")
    mine.pause("a", for_s=60)
    assert other.paused_until("a") is None  # not looked again yet (at most every RECHECK_S)
    clock.t += RECHECK_S
    assert other.paused_until("a") == 1_000_000.0 + 60  # an absolute end, read from the file
    assert FolderStore(tmp_path / "folders.json").load()[0].paused_until == 1_000_060.0
    clock.t += 60
    assert not other.is_paused("a")  # ended by itself, on the injected clock
    mine.pause(None)
    clock.t += RECHECK_S
    assert other.paused_until("b") == math.inf
    other.resume()
    clock.t += RECHECK_S
    assert not mine.is_paused("a") and not mine.is_paused("b")
    assert not AppSettingsStore(tmp_path / "settings.json").load().paused
