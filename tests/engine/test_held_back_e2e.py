"""Held-back items end to end (issue 13, items 1, 12 and 14): a synced folder or file
replaced by a symbolic link keeps its server copy, links, pipes and sockets are listed as
not synced, and a folder this user cannot read is named while the rest syncs — through
the CLI against real WebDAV servers, and through watch mode's targeted rescan."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.sync.engine import SyncEngine
from tests.engine.crash_helpers import all_names, run_without_dac_bypass
from tests.engine.inprocess_cli import in_process
from tests.engine.real_engine import real_engine
from tests.engine.test_bad_input_e2e import snapshot
from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer, WsgiDavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return in_process(make_cli(tmp_path))  # see tests/engine/inprocess_cli.py


def test_a_synced_folder_replaced_by_a_link_keeps_its_server_copy(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = synced_tree(tmp_path, cli, dav_server)
    before = snapshot(dav_server.root)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.move(local / "Cours", elsewhere / "Cours")
    (local / "Cours").symlink_to(elsewhere / "Cours")

    result = cli.sync()

    assert snapshot(dav_server.root) == before  # nothing deleted, nothing followed
    assert "deleted" not in result.out
    assert result.code == 1, (result.out, result.err)  # it needs the user: named
    assert "Cours: is now a link: cozysync does not follow links" in result.out
    assert "its server copy is kept" in result.out
    [status] = cli.json("status")
    assert status["state"] == "needs attention"
    assert status["pending_changes"] == 0  # the link is not a change waiting to go up
    [held] = status["held_back"]
    assert (held["path"], held["kind"]) == ("Cours", "held-back")
    assert held["message"]["id"] == "item.link"

    (local / "Cours").unlink()  # the user puts the folder back: in sync again, as it was
    shutil.move(elsewhere / "Cours", local / "Cours")
    again = cli.sync()
    assert again.code == 0, (again.out, again.err)
    assert snapshot(dav_server.root) == before


def test_a_synced_file_replaced_by_a_link_keeps_its_server_copy(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "élève.txt").unlink()
    (local / "élève.txt").symlink_to(local / "image.bin")

    result = cli.sync()

    assert (wsgidav_server.root / "élève.txt").read_text(encoding="utf-8") == "Bonjour, ça va ?\n"
    assert "élève.txt: is now a link" in result.out
    assert cli.sync().code == 1  # still named on the next pass, still kept


def test_links_pipes_and_sockets_are_listed_as_not_synced(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    (local / "raccourci").symlink_to(local / "Cours")
    os.mkfifo(local / "tube")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(local / "Cours" / "prise"))
        result = cli.sync()
        [status] = cli.json("status")
        text = cli("status")

    assert result.code == 0, (result.out, result.err)  # nothing needs the user
    assert status["state"] == "up to date"
    assert sorted((s["path"], s["message"]["id"]) for s in status["not_synced"]) == [
        ("Cours/prise", "item.special"),
        ("raccourci", "item.link"),
        ("tube", "item.special"),
    ]
    assert "not synced:  raccourci: symbolic link: cozysync does not follow links" in text.out
    assert "not synced:  tube: special file (device, pipe or socket)" in text.out
    assert not any(n in all_names(wsgidav_server.root) for n in ("raccourci", "tube"))


def test_an_unreadable_folder_is_named_and_the_rest_syncs(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    before = snapshot(wsgidav_server.root / "Cours")
    (local / "nouveau.txt").write_text("à envoyer\n", encoding="utf-8")
    (local / "Cours").chmod(0o000)
    try:
        result = run_without_dac_bypass(cli, "sync", "--once")
    finally:
        (local / "Cours").chmod(0o755)

    assert result.code == 1, (result.out, result.err)
    assert "Cours: this folder cannot be read (permission denied)" in result.out
    assert "its server copy is kept" in result.out
    assert (wsgidav_server.root / "nouveau.txt").read_text(encoding="utf-8") == "à envoyer\n"
    assert snapshot(wsgidav_server.root / "Cours") == before
    assert cli.sync().code == 0


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    with real_engine(tmp_path, wsgidav_server) as engine:
        yield engine


def test_watch_mode_sees_a_folder_turned_into_a_link_and_deletes_nothing(
    tmp_path: Path, engine: SyncEngine, wsgidav_server: WsgiDavServer
):
    root = engine.local.root
    (root / "Photos").mkdir()
    (root / "Photos" / "a.jpg").write_bytes(b"jpeg")
    assert engine.sync_once().in_sync
    shutil.move(root / "Photos", tmp_path / "Photos")
    (root / "Photos").symlink_to(tmp_path / "Photos")

    result = engine.sync_once(dirty={"Photos"}, list_remote=False)  # the watcher's event

    assert (wsgidav_server.root / "Photos" / "a.jpg").read_bytes() == b"jpeg"
    assert result.actions_done == 0
    assert [(h.path, h.kind.value) for h in result.held_back] == [("Photos", "link")]
