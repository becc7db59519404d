"""``cozysync status`` says one thing, through ``python -m cozysync`` against WsgiDAV
(issue 16, item 8): it exits with ``sync``'s codes for the state it shows, and a first
download under way is not "local changes waiting"."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer

FILES = 24
LET_THROUGH = 4  # downloads answered before the gate closes


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def test_status_exits_as_sync_does_for_each_state(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    assert cli("status").code == 0  # up to date

    (local / "nouveau.txt").write_text("pas encore envoyé\n", encoding="utf-8")
    waiting = cli("status")
    assert waiting.code == 1 and "docs: needs attention" in waiting.out, waiting

    assert cli("pause", "docs").code == 0
    paused = cli("status")
    assert paused.code == 7 and "docs: paused" in paused.out, paused
    assert cli("resume").code == 0

    assert wsgidav_server.faults is not None
    wsgidav_server.faults.add("PROPFIND", "", 401, times=100)
    refused = cli.sync()
    assert refused.code == 4, refused
    said = cli("status")
    assert said.code == 4, said  # the login refused, as sync said it
    wsgidav_server.faults.clear()

    wsgidav_server.stop()
    offline = cli.sync()
    assert offline.code == 3, offline
    said = cli("status")
    assert said.code == 3 and "docs: offline" in said.out, said


class GatedDownloads:
    """WSGI middleware: the first LET_THROUGH GETs are answered, the next wait for
    ``opened`` (a first download stopped half-way, its process still running)."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.opened = threading.Event()
        self.waiting = threading.Event()  # a GET waits at the gate
        self._answered = 0
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ["REQUEST_METHOD"] == "GET":
            with self._lock:
                self._answered += 1
                gated = self._answered > LET_THROUGH
            if gated:
                self.waiting.set()
                self.opened.wait(60)
        return self.app(environ, start_response)


def test_a_first_download_under_way_is_not_local_changes_waiting(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    for i in range(FILES):
        wsgidav_server.write(f"cours/leçon-{i:02d}.txt", f"leçon {i}\n".encode() * 200)
    local = tmp_path / "Documents"
    local.mkdir()
    assert cli.link(local, wsgidav_server).code == 0
    assert wsgidav_server.faults is not None
    gate = GatedDownloads(wsgidav_server.faults.app)
    wsgidav_server.faults.app = gate
    sync = subprocess.Popen(
        [sys.executable, "-m", "cozysync", "sync", "--once"], env=cli.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert gate.waiting.wait(60), "the first download never reached the gate"
        downloaded = [p for p in (local / "cours").glob("leçon-*.txt")]
        assert downloaded, "nothing was downloaded before the gate"

        text = cli("status")
        [status] = cli.json("status")
    finally:
        gate.opened.set()
        out, err = sync.communicate(timeout=120)
    assert sync.returncode == 0, (out, err)

    assert "local changes" not in text.out, text.out
    assert status["pending_changes"] == 0, status
    assert status["state"] == "syncing", status
    assert text.code == 0, text  # syncing: nothing is wrong
    assert cli.json("status")[0]["state"] == "up to date"
