"""A pause is saved: ``cozysync pause``/``resume`` from one process reach ``sync --once``
and a running ``cozysync run`` in others (and the settings changed from another process
reach a running ``run`` too: bandwidth, excluded folders), end to end on WsgiDAV."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.engine.inprocess_cli import in_process
from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.engine.test_cli_flows import wait_for
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

EXIT_PAUSED = 7


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


@contextmanager
def running(cli: Cli, out: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``cozysync run`` in the background, its output in ``out``; stopped on exit."""
    with open(out, "w") as stream:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cozysync", "run"], env=cli.env,
            stdout=stream, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        yield proc
    finally:
        proc.terminate()
        try:
            assert proc.wait(timeout=20) == 0, out.read_text()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_a_pause_holds_for_other_processes_until_resumed(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    paused = cli("pause", "docs")
    assert paused.code == 0, paused.err
    assert "docs: paused until resumed" in paused.out
    assert cli.folders()[0]["paused"] is True  # saved in the pair's settings

    (local / "nouveau.txt").write_text("pas encore envoyé\n", encoding="utf-8")
    result = cli.sync()
    assert result.code == EXIT_PAUSED, result.err
    assert "paused until resumed (cozysync resume), nothing synced" in result.out
    assert not (wsgidav_server.root / "nouveau.txt").exists()
    status = cli("status")
    assert "docs: paused" in status.out and "until you resume" in status.out
    [state] = cli.json("status")
    assert state["state"] == "paused" and state["paused_until"] is None

    resumed = cli("resume", "docs")
    assert resumed.code == 0 and "docs: resumed" in resumed.out
    assert cli.folders()[0]["paused"] is False
    assert cli.sync().code == 0
    assert (wsgidav_server.root / "nouveau.txt").read_text(
        encoding="utf-8"
    ) == "pas encore envoyé\n"
    assert cli.json("status")[0]["state"] == "up to date"


def test_a_timed_pause_of_all_folders_ends_by_itself(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    before = time.time()
    assert cli("pause", "--for", "8s").code == 0
    after = time.time()
    settings = json.loads(cli.locations.app_settings_file.read_text(encoding="utf-8"))
    assert settings["paused"] is True  # all folders: the app's settings
    until = settings["paused_until"]
    assert before + 8 <= until <= after + 8  # an absolute end, not a countdown
    (local / "plus-tard.txt").write_text("après la pause\n", encoding="utf-8")
    early = cli.sync()
    if time.time() < until:  # a very slow machine may reach the end first: nothing to check
        assert early.code == EXIT_PAUSED, early.err
        assert "paused until" in early.out
        assert not (wsgidav_server.root / "plus-tard.txt").exists()

    assert wait_for(lambda: time.time() > until + 0.1, timeout=30)
    assert cli.sync().code == 0
    assert (wsgidav_server.root / "plus-tard.txt").exists()
    assert cli.json("status")[0]["state"] == "up to date"


def test_pause_refuses_a_bad_duration_and_an_unknown_folder(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    synced_tree(tmp_path, cli, wsgidav_server)
    cli = in_process(cli)  # the refusals are the parser's and the service's, not a process's
    bad = cli("pause", "--for", "bientôt")
    assert bad.code == 2 and "give e.g. 30m, 1h" in bad.err
    unknown = cli("pause", "ailleurs")
    assert unknown.code == 1 and "no linked folder is named 'ailleurs'" in unknown.err
    assert cli.folders()[0]["paused"] is False
    long = cli("pause", "docs", "--for", "1h30m")
    assert long.code == 0 and "docs: paused until" in long.out
    until = cli.json("status")[0]["paused_until"]
    assert 5400 - 60 < until - time.time() <= 5400
    assert cli("resume").code == 0  # no name: every pause
    assert cli.sync().code == 0


def test_run_stops_on_a_pause_from_another_process_and_goes_on_after_resume(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    out = tmp_path / "run.out"
    with running(cli, out):
        assert wait_for(lambda: "up to date" in out.read_text())
        # slow uploads (set from this other process) so the pause lands mid-transfer
        assert cli("bandwidth", "--up", "64").code == 0
        assert wait_for(lambda: "bandwidth limits now 64" in _log(cli))  # the run applied it
        data = os.urandom(1 << 20)  # 16 s at 64 KiB/s
        (local / "gros.bin").write_bytes(data)
        assert wait_for(lambda: _upload_temp_size(wsgidav_server.root) > 0, timeout=30)

        assert cli("pause").code == 0
        assert wait_for(lambda: out.read_text().rstrip().endswith("paused"), timeout=30)
        on_server = wsgidav_server.root / "gros.bin"
        assert not on_server.exists()  # stopped mid-way: never under its name, temp gone
        assert wait_for(lambda: _upload_temp_size(wsgidav_server.root) == -1)
        (local / "pendant-la-pause.txt").write_text("attend\n", encoding="utf-8")
        time.sleep(3)  # a running, unpaused loop sends this within a second or two
        assert not (wsgidav_server.root / "pendant-la-pause.txt").exists()

        assert cli("bandwidth", "--up", "0").code == 0
        assert cli("resume").code == 0
        assert wait_for(lambda: on_server.exists() and on_server.read_bytes() == data)
        sent = wsgidav_server.root / "pendant-la-pause.txt"
        assert wait_for(sent.exists)
    assert cli.sync().code == 0


def _log(cli: Cli) -> str:
    """The app's log and the pairs' own (``folder-<id>.log``)."""
    logs = sorted(cli.locations.log_dir.glob("*.log"))
    return "".join(p.read_text(encoding="utf-8") for p in logs)


def _upload_temp_size(server_root: Path) -> int:
    """The size of the upload temp on the server (``.cozysync-*.tmp``); -1: none."""
    temps = [p for p in server_root.iterdir() if p.name.startswith(".cozysync-")]
    return max((p.stat().st_size for p in temps if p.name.endswith(".tmp")), default=-1)


def test_run_applies_excluded_folders_set_from_another_process(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    out = tmp_path / "run.out"
    with running(cli, out):
        assert wait_for(lambda: "up to date" in out.read_text())
        excluded = cli("folders", "docs", "--exclude", "Cours")
        assert excluded.code == 0, excluded.err
        assert wait_for(lambda: not (local / "Cours").exists())  # to the OS trash
        assert (wsgidav_server.root / "Cours" / "Mathématiques" / "exercices.txt").exists()
        wsgidav_server.write("Cours/nouveau.txt", b"reste sur le serveur\n")
        assert cli("folders", "docs", "--include", "Cours").code == 0
        assert wait_for(lambda: (local / "Cours" / "nouveau.txt").exists())
    trash = tmp_path / "xdg-data" / "Trash" / "files"
    assert any(p.name.startswith("Cours") for p in trash.iterdir())
