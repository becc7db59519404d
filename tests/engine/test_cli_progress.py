"""Issue 16, item 9: ``sync --once`` says how far it is, through ``python -m cozysync``
against WsgiDAV: on a terminal (a real pty) one updating line with files and bytes done
of the total, the share done and, once known, the time left; off a terminal plain lines,
one each tenth of the way.  The server sends one file slowly (320 KiB/s) so the pass
lasts long enough for a time left to be said."""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.engine.test_cli import Cli, make_cli
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer
from tests.slow_bodies import slow_down

NOTES = 40
FILM = 1 << 20  # at 320 KiB/s: over 3 s, past the 2 s before a time left is said
READ_TIMEOUT_S = 60
TOTAL = f"{NOTES + 2} files"  # the notes, the film and their folder
PROGRESS = re.compile(
    r"(\d+) of " + TOTAL + r" · [\d.]+ (?:bytes|KB|MB) of 1\.0 MB · (\d+)%"
    r"(?: · (?:less than a minute left|about \d+ min left))?"
)


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def linked_with_files_to_download(tmp_path: Path, cli: Cli, server: WsgiDavServer) -> Path:
    for i in range(NOTES):
        server.write(f"notes/note-{i:02}.txt", b"n")
    server.write("film.bin", b"f" * (FILM - NOTES))  # 1.0 MB in all
    local = tmp_path / "Documents"
    local.mkdir()
    assert cli.link(local, server).code == 0
    return local


def run_on_a_terminal(cli: Cli, *args: str) -> tuple[int, str]:
    """``cozysync ARGS`` with stdout and stderr on a pty (80 columns by default: the
    test asks for 200, so lines are not shortened); what the terminal received."""
    master, slave = os.openpty()
    env = {**cli.env, "COLUMNS": "200"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "cozysync", *args], stdin=subprocess.DEVNULL,
        stdout=slave, stderr=slave, env=env,
    )  # fmt: skip
    os.close(slave)
    received = b""
    try:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
    finally:
        os.close(master)
        code = proc.wait(timeout=120)
    return code, received.decode("utf-8")


def test_on_a_terminal_one_line_says_files_bytes_share_and_time_left(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = linked_with_files_to_download(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, "film.bin")
    try:
        code, shown = run_on_a_terminal(cli, "sync", "--once", "--name", "docs")
    finally:
        slow.release()
    assert code == 0, shown
    assert (local / "film.bin").stat().st_size == FILM - NOTES
    updates = [u for u in shown.split("\r\x1b[K") if u]
    progress = [m for m in map(PROGRESS.match, updates) if m]
    assert len(progress) >= 3, shown  # one line, rewritten as the pass goes
    shares = [int(m.group(2)) for m in progress]
    assert shares == sorted(shares) and shares[-1] == 100, shares
    assert progress[-1].group(1) == str(NOTES + 2)
    assert any("left" in m.group(0) for m in progress), shown  # the time left, once known
    assert not any("\n" in u for u in updates[:-1]), shown  # one line, never scrolled
    assert updates[-1].startswith("docs: up to date: "), shown  # the line ended first


def test_off_a_terminal_plain_lines_each_tenth_of_the_way(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    linked_with_files_to_download(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, "film.bin")
    try:
        result = cli("sync", "--once", "--name", "docs")
    finally:
        slow.release()
    assert result.code == 0, result.err
    assert "\r" not in result.err and "\x1b" not in result.err
    lines = [line for line in result.err.splitlines() if line]
    progress = [PROGRESS.fullmatch(line) for line in lines]
    assert all(progress) and 3 <= len(progress) <= 11, lines
    shares = [int(m.group(2)) for m in progress if m]
    assert shares == sorted(set(shares)) and shares[-1] == 100, shares
    assert result.out.startswith("docs: "), result.out  # stdout: the outcome, as before


def test_run_shows_the_progress_line_of_its_passes_on_a_terminal(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = linked_with_files_to_download(tmp_path, cli, wsgidav_server)
    master, slave = os.openpty()
    run = subprocess.Popen(
        [sys.executable, "-m", "cozysync", "run", "--name", "docs"], stdin=subprocess.DEVNULL,
        stdout=slave, stderr=slave, env={**cli.env, "COLUMNS": "200"},
    )  # fmt: skip
    os.close(slave)
    received = b""
    try:
        while b"up to date" not in received:  # the pass's own line, once it ended
            ready, _, _ = select.select([master], [], [], READ_TIMEOUT_S)
            assert ready, f"run printed nothing for {READ_TIMEOUT_S} s: {received!r}"
            chunk = os.read(master, 65536)
            assert chunk, received
            received += chunk
    finally:
        run.send_signal(signal.SIGINT)
        assert run.wait(timeout=60) == 0
        os.close(master)
    shown = received.decode("utf-8")
    progress = [m for m in map(PROGRESS.match, shown.split("\r\x1b[K")) if m]
    assert progress and progress[-1].group(2) == "100", shown
    assert (local / "film.bin").exists()
