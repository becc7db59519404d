"""Selective sync end to end on WsgiDAV, through the CLI (``cozysync folders``) and the
facade: an excluded folder is never downloaded and never deleted on the server; its
copy here goes to the trash only when fully synced; including it again syncs it back."""

from __future__ import annotations

from pathlib import Path

import pytest

from cozysync.api import SyncService
from cozysync.events import ItemAction, ItemSynced
from tests.engine.api_helpers import Recorder, linked_service
from tests.engine.test_cli import Cli, cli  # noqa: F401
from tests.keyring_session import real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

pytestmark = pytest.mark.usefixtures("wsgidav_server")


def _server_tree(server: WsgiDavServer) -> dict[str, bytes]:
    return {
        p.relative_to(server.root).as_posix(): p.read_bytes()
        for p in server.root.rglob("*")
        if p.is_file()
    }


def _fill_server(server: WsgiDavServer) -> None:
    server.write("Photos/a.jpg", b"photo a")
    server.write("Photos/2024/b.jpg", b"photo b")
    server.write("Cours/maths.txt", b"x = 2")
    server.write("notes.txt", b"notes")


def test_cli_lists_excludes_and_includes_folders(
    tmp_path: Path,
    cli: Cli,  # noqa: F811
    wsgidav_server: WsgiDavServer,
) -> None:
    _fill_server(wsgidav_server)
    local = tmp_path / "Documents"
    local.mkdir()
    cli.link(local, wsgidav_server)

    listed = cli("folders", "docs")
    assert listed.code == 0, listed.err
    assert "+ Cours: not on this computer yet" in listed.out
    assert "+ Photos: not on this computer yet" in listed.out

    excluded = cli("folders", "docs", "--exclude", "Photos/")
    assert excluded.code == 0, excluded.err
    assert cli.folders()[0]["excluded_folders"] == ["Photos"]
    assert cli.sync().code == 0
    assert not (local / "Photos").exists()  # never downloaded
    assert (local / "Cours" / "maths.txt").read_bytes() == b"x = 2"
    [status] = cli.json("status")
    assert status["state"] == "up to date" and status["pending_changes"] == 0

    rows = {r["name"]: r for r in cli.json("folders", "docs", "--json")}
    assert rows["Photos"]["excluded"] and not rows["Photos"]["on_this_computer"]
    assert rows["Cours"]["on_this_computer"] and not rows["Cours"]["excluded"]

    wrong = cli("folders", "docs", "--exclude", "Photos/2024")
    assert wrong.code != 0 and "top-level folder" in wrong.err

    assert cli("folders", "docs", "--include", "Photos").code == 0
    assert cli.sync().code == 0
    assert (local / "Photos" / "2024" / "b.jpg").read_bytes() == b"photo b"


def test_an_excluded_folder_is_never_deleted_on_the_server_and_its_namesake_here_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    _fill_server(wsgidav_server)
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    service.exclude_folders("docs", ["Photos"])
    (local / "Photos").mkdir()
    (local / "Photos" / "mine.jpg").write_bytes(b"only here")
    before = _server_tree(wsgidav_server)

    assert service.sync_once("docs").in_sync
    assert service.sync_once("docs").actions_done == 0  # stable

    assert _server_tree(wsgidav_server) == before  # nothing uploaded, nothing deleted
    assert (local / "Photos" / "mine.jpg").read_bytes() == b"only here"
    assert not (local / "Photos" / "a.jpg").exists()
    (status,) = service.status("docs")
    assert status.pending_changes == 0 and status.state == "up to date"
    [photos] = [f for f in service.remote_folders("docs") if f.name == "Photos"]
    assert photos.excluded and photos.on_this_computer and photos.on_server


def test_unselecting_a_fully_synced_folder_moves_its_copy_to_the_trash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    _fill_server(wsgidav_server)
    events = Recorder()
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server, emit=events)
    assert service.sync_once("docs").in_sync
    before = _server_tree(wsgidav_server)

    service.exclude_folders("docs", ["Photos"])
    assert service.sync_once("docs").in_sync

    assert not (local / "Photos").exists()
    trashed = tmp_path / "xdg-data" / "Trash" / "files" / "Photos"
    assert (trashed / "2024" / "b.jpg").read_bytes() == b"photo b"  # the trash, not oblivion
    assert _server_tree(wsgidav_server) == before
    last = events.of(ItemSynced)[-1]
    assert isinstance(last, ItemSynced) and last.path == "Photos"
    assert last.action is ItemAction.DELETED_LOCAL_TO_TRASH

    service.include_folders("docs", ["Photos"])
    assert service.sync_once("docs").in_sync
    assert (local / "Photos" / "a.jpg").read_bytes() == b"photo a"


def test_unselecting_a_folder_with_unsynced_changes_keeps_it_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    _fill_server(wsgidav_server)
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    assert service.sync_once("docs").in_sync
    (local / "Photos" / "a.jpg").write_bytes(b"photo a, edited here")
    (local / "Photos" / "new.jpg").write_bytes(b"new here")
    before = _server_tree(wsgidav_server)

    service.exclude_folders("docs", ["Photos"])
    assert service.sync_once("docs").in_sync

    assert (local / "Photos" / "a.jpg").read_bytes() == b"photo a, edited here"
    assert (local / "Photos" / "new.jpg").read_bytes() == b"new here"
    assert _server_tree(wsgidav_server) == before  # not uploaded, not deleted

    service.include_folders("docs", ["Photos"])  # compared by content: both kept
    assert service.sync_once("docs").conflicts == 1
    assert (local / "Photos" / "a.jpg").read_bytes() == b"photo a"
    assert _server_tree(wsgidav_server)["Photos/new.jpg"] == b"new here"
    copies = [p for p in (local / "Photos").iterdir() if "(conflict" in p.name]
    assert [c.read_bytes() for c in copies] == [b"photo a, edited here"]


def test_a_running_pair_applies_an_exclusion_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wsgidav_server: WsgiDavServer
) -> None:
    import threading
    import time

    _fill_server(wsgidav_server)
    service, local = linked_service(tmp_path, monkeypatch, wsgidav_server)
    stop = threading.Event()
    runner = threading.Thread(target=service.run, args=("docs", stop))
    runner.start()
    try:
        deadline = time.monotonic() + 20
        while not (local / "Photos" / "a.jpg").exists():
            assert time.monotonic() < deadline
            time.sleep(0.05)
        service.exclude_folders("docs", ["Photos"])
        while (local / "Photos").exists():
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        stop.set()
        runner.join(30)
    assert (wsgidav_server.root / "Photos" / "a.jpg").exists()
    assert isinstance(service, SyncService)
