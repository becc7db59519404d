"""Safety guards, end to end through the CLI: the mass-deletion guard on both sides,
``--confirm-deletes``, a really unmounted drive and a confirmed emptied folder.

Already covered in ``test_cli.py`` / ``test_cli_flows.py`` (not repeated here): an
emptied root stops, the root folder missing, the marker gone, the marker of another
link, a second instance (lock held; ``run`` then ``sync --once``).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.engine.crash_helpers import all_names
from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, Result, make_cli, synced_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer

# 80 files, 81 items with the folder: deleting the 60 archived ones is over 50 items and
# over a third of the tree, on either side
KEPT = [f"garder-{i:02d}.txt" for i in range(20)]
ARCHIVED = [f"Archives/vieux-{i:02d}.txt" for i in range(60)]
ITEMS = len(KEPT) + len(ARCHIVED) + 1


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return in_process(make_cli(tmp_path))  # see tests/engine/inprocess_cli.py


def synced_80(tmp_path: Path, cli: Cli, server: DavServer) -> Path:
    """80 small files (20 at the top, 60 in ``Archives/``), synced."""
    local = tmp_path / "Documents"
    (local / "Archives").mkdir(parents=True)
    for rel in KEPT + ARCHIVED:
        (local / rel).write_text(f"contenu de {rel}\n", encoding="utf-8")
    cli.link(local, server)
    first = cli.sync()
    assert first.code == 0, first.err
    return local


def files(folder: Path) -> list[str]:
    return [rel for rel in all_names(folder) if (folder / rel).is_file() and rel != ".cozysync"]


def trashed(tmp_path: Path) -> list[str]:
    trash = tmp_path / "xdg-data" / "Trash" / "files"
    return sorted(p.name for p in trash.iterdir()) if trash.exists() else []


def assert_stopped_by_the_guard(result: Result, count: int, where: str) -> None:
    assert result.code == 5, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert f"would delete {count} of {ITEMS} items {where}; it was stopped" in lines[0]
    assert "--confirm-deletes" in lines[0]


def test_mass_deletion_here_stops_until_confirmed(tmp_path: Path, cli: Cli, dav_server: DavServer):
    local = synced_80(tmp_path, cli, dav_server)
    for rel in ARCHIVED:
        (local / rel).unlink()

    stopped = cli.sync()

    assert_stopped_by_the_guard(stopped, 60, "on the server")
    assert files(dav_server.root) == sorted(KEPT + ARCHIVED)  # nothing deleted there
    assert files(local) == sorted(KEPT)  # and nothing restored here behind the user's back
    [status] = cli.json("status")
    assert status["state"] == "needs attention"
    assert "would delete 60" in status["detail"]

    confirmed = cli.sync("--confirm-deletes")

    assert confirmed.code == 0, confirmed.err
    assert files(dav_server.root) == sorted(KEPT)
    assert files(local) == sorted(KEPT)
    assert cli.sync().code == 0  # and it stays in sync without confirmation


def test_mass_deletion_on_the_server_stops_and_trashes_nothing_until_confirmed(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    dav_server = wsgidav_server
    local = synced_80(tmp_path, cli, dav_server)
    shutil.rmtree(dav_server.root / "Archives")  # the folder and its 60 files

    stopped = cli.sync()

    assert_stopped_by_the_guard(stopped, 61, "on this computer")
    assert files(local) == sorted(KEPT + ARCHIVED)
    assert trashed(tmp_path) == []
    assert files(dav_server.root) == sorted(KEPT)  # nothing re-uploaded either

    confirmed = cli.sync("--confirm-deletes")

    assert confirmed.code == 0, confirmed.err
    assert files(local) == sorted(KEPT)
    assert trashed(tmp_path) == ["Archives"]  # to the OS trash, not oblivion
    trash = tmp_path / "xdg-data" / "Trash" / "files" / "Archives"
    assert len(list(trash.iterdir())) == 60


def test_an_emptied_folder_is_emptied_on_the_server_only_when_confirmed(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    for item in local.iterdir():
        if item.name != ".cozysync":
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    stopped = cli.sync()
    assert stopped.code == 5 and "is empty" in stopped.err
    assert (wsgidav_server.root / "élève.txt").exists()

    confirmed = cli.sync("--confirm-deletes")

    assert confirmed.code == 0, confirmed.err
    assert all_names(wsgidav_server.root) == []
    assert all_names(local) == [".cozysync"]


def _mount(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["mount", *args], capture_output=True)


def test_an_unmounted_drive_stops_the_sync_and_deletes_nothing(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    """The folder is a mount point: unmounted, it is there but empty (no marker)."""
    drive = tmp_path / "drive"
    drive.mkdir()
    local = tmp_path / "Documents"
    local.mkdir()
    if _mount("--bind", str(drive), str(local)).returncode != 0:
        pytest.skip("cannot bind-mount here (no mount permission)")
    try:
        (local / "sur le disque.txt").write_text("sur le disque externe\n", encoding="utf-8")
        cli.link(local, wsgidav_server)
        assert cli.sync().code == 0
    finally:
        subprocess.run(["umount", str(local)], check=True)
    assert list(local.iterdir()) == []  # what the user sees with the drive unplugged

    stopped = cli.sync()

    assert stopped.code == 5
    assert "marker" in stopped.err and "nothing was synced" in stopped.err
    assert (wsgidav_server.root / "sur le disque.txt").exists()
    assert list(local.iterdir()) == []  # nothing downloaded into the empty mount point

    assert _mount("--bind", str(drive), str(local)).returncode == 0  # plugged in again
    try:
        back = cli.sync()
        assert back.code == 0, back.err
        assert (local / "sur le disque.txt").exists()
        assert (wsgidav_server.root / "sur le disque.txt").exists()
    finally:
        subprocess.run(["umount", str(local)], check=True)


# --- the server lists a synced folder as empty (issue 13, item 2) ---------------------------

CLASS_FILES = [f"Classe/devoir-{i:02d}.txt" for i in range(40)]


def synced_class(tmp_path: Path, cli: Cli, server: DavServer) -> Path:
    """40 files in ``Classe/`` and 60 more beside it (100 files: 40 is under the 50 of a
    large deletion, and under a third of the tree)."""
    local = tmp_path / "Documents"
    (local / "Classe").mkdir(parents=True)
    for rel in CLASS_FILES + [f"autre-{i:02d}.txt" for i in range(60)]:
        (local / rel).write_text(f"contenu de {rel}\n", encoding="utf-8")
    cli.link(local, server)
    assert cli.sync().code == 0
    return local


def empty_on_the_server(server: DavServer, folder: str) -> None:
    """The server still lists the folder, without anything in it (an unmounted storage)."""
    for item in (server.root / folder).iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()


def test_a_folder_the_server_suddenly_lists_empty_stops_and_trashes_nothing(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = synced_class(tmp_path, cli, dav_server)
    empty_on_the_server(dav_server, "Classe")

    stopped = cli.sync()

    assert stopped.code == 5, (stopped.out, stopped.err)
    assert "the server now lists the folder Classe as empty, but it held 40" in stopped.err
    assert "nothing was deleted here" in stopped.err
    assert "--put-back" in stopped.err and "--confirm-deletes" in stopped.err
    assert sorted(f for f in files(local) if f.startswith("Classe/")) == CLASS_FILES
    assert trashed(tmp_path) == []
    [status] = cli.json("status")
    assert status["state"] == "needs attention"
    assert "lists the folder Classe as empty" in status["detail"]


def test_put_back_sends_the_files_back_to_a_server_that_lost_them(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    synced_class(tmp_path, cli, wsgidav_server)
    empty_on_the_server(wsgidav_server, "Classe")
    assert cli.sync().code == 5

    put_back = cli.sync("--put-back")

    assert put_back.code == 0, (put_back.out, put_back.err)
    assert sorted(f for f in files(wsgidav_server.root) if f.startswith("Classe/")) == CLASS_FILES
    assert (wsgidav_server.root / "Classe" / "devoir-07.txt").read_text(encoding="utf-8") == (
        "contenu de Classe/devoir-07.txt\n"
    )
    assert trashed(tmp_path) == []
    assert cli.sync().code == 0  # in sync, nothing more to do


def test_confirming_an_emptied_server_folder_sends_the_copies_here_to_the_trash(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    local = synced_class(tmp_path, cli, wsgidav_server)
    empty_on_the_server(wsgidav_server, "Classe")

    confirmed = cli.sync("--confirm-deletes")

    assert confirmed.code == 0, (confirmed.out, confirmed.err)
    assert [f for f in files(local) if f.startswith("Classe/")] == []
    assert len(trashed(tmp_path)) == 40  # to the OS trash, not oblivion


def test_an_emptied_server_root_stops(tmp_path: Path, cli: Cli, wsgidav_server: DavServer):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    empty_on_the_server(wsgidav_server, "")

    stopped = cli.sync()

    assert stopped.code == 5, (stopped.out, stopped.err)
    assert "lists your whole folder as empty, but it held 3 synced files" in stopped.err
    assert (local / "élève.txt").exists() and trashed(tmp_path) == []


def test_deleting_the_last_file_of_a_small_folder_goes_through(
    tmp_path: Path, cli: Cli, wsgidav_server: DavServer
):
    """Issue 13, item 4: the marker is there, two files are far under the thresholds:
    the user deleted them, and the deletion reaches the server (no 'unmounted drive')."""
    local = tmp_path / "Documents"
    local.mkdir()
    for name in ("a.txt", "b.txt"):
        (local / name).write_text(name, encoding="utf-8")
    cli.link(local, wsgidav_server)
    assert cli.sync().code == 0
    (local / "a.txt").unlink()
    (local / "b.txt").unlink()

    result = cli.sync()

    assert result.code == 0, (result.out, result.err)
    assert files(wsgidav_server.root) == []
    [status] = cli.json("status")
    assert (status["state"], status["pending_changes"]) == ("up to date", 0)
