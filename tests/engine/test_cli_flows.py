"""CLI flows: conflicts and ``resolve``, watch mode (``run``), ``demo``, the log."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import DavServer


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def wait_for(condition: Callable[[], bool], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def make_conflict(tmp_path: Path, cli: Cli, server: DavServer) -> tuple[Path, dict[str, str]]:
    local = synced_tree(tmp_path, cli, server)
    (local / "élève.txt").write_text("version de cet ordinateur\n", encoding="utf-8")
    server.write("élève.txt", b"version du serveur, plus longue\n")
    result = cli.sync()
    assert result.code == 1, result.err
    assert "waiting (cozysync conflicts)" in result.err  # 1 conflict, 2 conflicts
    [conflict] = cli.json("conflicts")
    return local, conflict


def test_a_conflict_keeps_both_versions_and_is_listed(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local, conflict = make_conflict(tmp_path, cli, dav_server)
    assert conflict["folder"] == "docs"
    assert conflict["path"] == "élève.txt"
    copy = conflict["conflict_path"]
    assert "(conflict " in copy
    assert (local / "élève.txt").read_text(encoding="utf-8") == "version du serveur, plus longue\n"
    assert (local / copy).read_text(encoding="utf-8") == "version de cet ordinateur\n"
    assert (dav_server.root / copy).read_text(encoding="utf-8") == "version de cet ordinateur\n"
    [status] = cli.json("status")
    assert status["state"] == "needs attention"
    assert status["conflicts"] == 1
    assert "cozysync resolve" in cli("conflicts").out


@pytest.mark.parametrize("keep", ["local", "remote", "both"])
def test_resolve_each_choice_propagates(tmp_path: Path, cli: Cli, dav_server: DavServer, keep):
    local, conflict = make_conflict(tmp_path, cli, dav_server)
    copy = conflict["conflict_path"]
    result = cli("resolve", "élève.txt", "--keep", keep)
    assert result.code == 0, result.err
    synced = cli.sync()
    assert synced.code == 0, synced.err
    assert cli.json("conflicts") == []
    mine, theirs = "version de cet ordinateur\n", "version du serveur, plus longue\n"
    kept = {"local": mine, "remote": theirs, "both": theirs}[keep]
    for side in (local, dav_server.root):
        assert (side / "élève.txt").read_text(encoding="utf-8") == kept
        assert (side / copy).exists() == (keep == "both")
    trash = tmp_path / "xdg-data" / "Trash" / "files"
    if keep == "local":  # the server's version went to the trash, not oblivion
        assert theirs in [p.read_text(encoding="utf-8") for p in trash.iterdir()]
    if keep == "remote":
        assert mine in [p.read_text(encoding="utf-8") for p in trash.iterdir()]


def test_resolve_accepts_the_copy_path_and_refuses_unknown_paths(
    tmp_path: Path, cli: Cli, wsgidav_server
):
    local, conflict = make_conflict(tmp_path, cli, wsgidav_server)
    unknown = cli("resolve", "nothing.txt", "--keep", "local")
    assert unknown.code == 1
    assert "no conflict is waiting" in unknown.err
    absolute_copy = str(local / conflict["conflict_path"])
    assert cli("resolve", absolute_copy, "--keep", "both").code == 0
    assert cli.json("conflicts") == []


def test_run_watches_syncs_refuses_a_second_instance_and_stops_on_sigterm(
    tmp_path: Path, cli: Cli, dav_server: DavServer
):
    local = synced_tree(tmp_path, cli, dav_server)
    with open(tmp_path / "run.out", "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cozysync", "run"],
            env=cli.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        assert wait_for(lambda: "up to date" in (tmp_path / "run.out").read_text())
        (local / "pendant.txt").write_text("écrit pendant la surveillance\n", encoding="utf-8")
        target = dav_server.root / "pendant.txt"
        assert wait_for(lambda: target.exists() and target.read_text(encoding="utf-8") != "")
        second = cli.sync()
        assert second.code == 6
        assert "already syncing" in second.err
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "Stopped." in (tmp_path / "run.out").read_text()
    assert cli.sync().code == 0  # the lock was released


def test_demo_once_works_on_a_fresh_home_without_a_password(tmp_path: Path):
    env = {
        **os.environ,
        "COZYSYNC_HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
    }
    command = [sys.executable, "-m", "cozysync", "demo", "--once"]
    for _ in range(2):  # the second run reuses the link on the server's new port
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
        )
        assert result.returncode == 0, result.stderr
    demo = tmp_path / "home" / "data" / "demo"
    assert "Lisez-moi.txt" in os.listdir(demo / "server")
    assert (demo / "server" / "Cours" / "Français" / "poème.txt").exists()
    assert (demo / "folder" / "Déjà sur le serveur.txt").exists()
    assert "up to date" in result.stdout
    folders = json.loads((tmp_path / "home" / "config" / "folders.json").read_text())["folders"]
    assert [f["name"] for f in folders] == ["demo"]
    assert folders[0]["user"] is None


def test_unexpected_usage_and_help(tmp_path: Path, cli: Cli):
    help_text = cli("--help")
    assert help_text.code == 0
    assert "3  offline" in help_text.out
    assert cli("sync", "--bogus").code == 2
    nothing = cli("sync", "--once")
    assert nothing.code == 1
    assert "no folder is linked" in nothing.err
    assert cli("--version").out.startswith("cozysync ")
