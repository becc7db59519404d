"""Fewer requests and less work per pass (real WsgiDAV, real folder, real journal): the
executor confirms a stage's uploads with one listing per folder (no PROPFIND per file,
and the journal holds the ETags the server shows); a watch-mode poll that finds the
server as the journal left it runs no reconcile."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cozysync.clock import SystemClock
from cozysync.journal.store import SqliteJournal
from cozysync.local.fs import LocalFolder
from cozysync.local.ignore import IgnoreMatcher
from cozysync.paths import LOCAL_NAME_RULES, WEBDAV_NAME_RULES
from cozysync.remotes.webdav import WebDavRemote
from cozysync.sync.engine import SyncEngine
from cozysync.sync.reconcile import reconcile
from cozysync.sync.views import ReconcileContext
from tests.servers import WsgiDavServer


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    root = tmp_path / "local"
    root.mkdir()
    remote = WebDavRemote(wsgidav_server.url, wsgidav_server.user, wsgidav_server.password)
    journal = SqliteJournal(tmp_path / "journal.sqlite")
    ctx = ReconcileContext(local_rules=LOCAL_NAME_RULES, remote_rules=WEBDAV_NAME_RULES)
    try:
        remote.check()
        yield SyncEngine(
            LocalFolder(root), remote, journal, IgnoreMatcher(root), ctx, SystemClock(),
            device_name="laptop",
        )  # fmt: skip
    finally:
        remote.close()
        journal.close()


def test_uploads_are_confirmed_per_folder_not_per_file(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
) -> None:
    root, remote, journal = engine.local.root, engine.remote, engine.journal
    for folder in ("a", "b"):
        (root / folder).mkdir()
        for i in range(10):
            (root / folder / f"f{i}.txt").write_text(f"{folder}{i}")
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    assert engine.sync_once().in_sync
    seen = wsgidav_server.faults.seen
    puts = [p for m, p in seen if m == "PUT"]
    file_stats = [p for m, p in seen if m == "PROPFIND" and p.endswith(".txt")]
    assert len(puts) == 20 and file_stats == []
    for entry in journal.entries().values():
        state = remote.stat(entry.remote_path)
        assert state is not None and state.etag == entry.etag
    wsgidav_server.faults.clear()
    assert engine.sync_once().in_sync
    assert not any(m in ("PUT", "MOVE", "GET") for m, _ in wsgidav_server.faults.seen)


def test_a_quiet_poll_skips_the_reconcile_and_a_change_is_still_seen(
    engine: SyncEngine, wsgidav_server: WsgiDavServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = engine.local.root
    (root / "d").mkdir()
    (root / "d" / "a.txt").write_text("a")
    reconciles: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        reconciles.append(1)
        return reconcile(*args, **kwargs)

    monkeypatch.setattr("cozysync.sync.engine.reconcile", counting)
    assert engine.sync_once().in_sync
    reconciles.clear()
    quiet = engine.sync_once(dirty=set(), list_remote=True)
    assert quiet.in_sync and quiet.actions_done == 0 and reconciles == []
    wsgidav_server.write("d/a.txt", b"edited there")
    wsgidav_server.write("d/new.txt", b"new there")
    polled = engine.sync_once(dirty=set(), list_remote=True)
    assert polled.in_sync and polled.actions_done == 2 and reconciles
    assert (root / "d" / "a.txt").read_bytes() == b"edited there"
    assert (root / "d" / "new.txt").read_bytes() == b"new there"
