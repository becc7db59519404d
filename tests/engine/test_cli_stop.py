"""Ctrl-C stops ``cozysync run`` and ``cozysync sync --once`` within seconds whatever is
in flight, end to end: real processes and signals, a WsgiDAV server slowed on purpose
(``tests/slow_bodies.py``: 320 KiB/s, so a 16 MiB transfer takes about 50 s).  Nothing is
left at a target path, no local temp file, and the next pass completes the transfer (and
deletes a cut upload's server temp)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.engine.test_cli import Cli, make_cli, synced_tree
from tests.engine.test_cli_flows import wait_for
from tests.keyring_session import KeyringSession, real_keyring  # noqa: F401
from tests.servers import WsgiDavServer
from tests.slow_bodies import slow_down

MiB = 1 << 20
STOP_BOUND_S = 10.0  # generous for a busy CI machine; bench/stop_latency.py measures it
EXIT_INTERRUPTED = 130


@pytest.fixture
def cli(tmp_path: Path, real_keyring: KeyringSession) -> Cli:  # noqa: F811
    return make_cli(tmp_path)


def _temps(root: Path) -> list[str]:
    return [p.name for p in root.rglob(".cozysync-*.tmp")]


def _temp_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob(".cozysync-*.tmp") if p.is_file())


@contextmanager
def _started(cli: Cli, out: Path, *args: str) -> Iterator[subprocess.Popen[bytes]]:
    """``cozysync ARGS`` in the background, its output in ``out``; killed if still alive."""
    with open(out, "w") as stream:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cozysync", *args], env=cli.env,
            stdout=stream, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _interrupt(proc: subprocess.Popen[bytes], out: Path) -> int:
    """SIGINT; the exit code, failing the test if the process outlives the bound."""
    proc.send_signal(signal.SIGINT)
    try:
        return proc.wait(timeout=STOP_BOUND_S)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {STOP_BOUND_S} s after Ctrl-C:\n{out.read_text()}")


def test_ctrl_c_stops_run_during_a_slow_download_leaving_no_partial_file(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, "film.bin")
    data = os.urandom(16 * MiB)
    wsgidav_server.write("film.bin", data)
    out = tmp_path / "run.out"
    try:
        with _started(cli, out, "run") as proc:
            assert wait_for(lambda: _temp_bytes(local) > 0, timeout=60), out.read_text()
            code = _interrupt(proc, out)
        assert code == 0, out.read_text()  # Ctrl-C is how run ends
        assert "Stopped." in out.read_text()
        assert not (local / "film.bin").exists()
        assert _temps(local) == []
    finally:
        slow.release()
    assert cli.sync().code == 0
    assert (local / "film.bin").read_bytes() == data


def test_ctrl_c_stops_run_during_a_slow_upload_and_the_next_pass_sends_it_whole(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    local = synced_tree(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, ".cozysync-")  # the upload's temp on the server
    data = os.urandom(16 * MiB)
    server = wsgidav_server.root
    out = tmp_path / "run.out"
    try:
        with _started(cli, out, "run") as proc:
            assert wait_for(lambda: "up to date" in out.read_text(), timeout=60)
            (local / "film.bin").write_bytes(data)
            assert wait_for(lambda: _temp_bytes(server) > 0, timeout=60), out.read_text()
            code = _interrupt(proc, out)
        assert code == 0, out.read_text()
        assert not (server / "film.bin").exists()  # never under its name
    finally:
        slow.release()  # the server reads what the cut body left in its socket
    _wait_until_still(server)
    result = cli.sync()
    assert result.code == 0, result.err
    assert (server / "film.bin").read_bytes() == data
    assert _temps(server) == []  # the cut upload's temp, deleted by this pass at the latest


def test_ctrl_c_stops_a_one_off_sync_during_parallel_slow_downloads(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    """Two downloads on the worker threads (the main thread serves their journal
    writes): both are dropped, and the exit code says the sync was interrupted."""
    local = synced_tree(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, "film")
    films = {f"film-{n}.bin": os.urandom(16 * MiB) for n in (1, 2)}
    for name, data in films.items():
        wsgidav_server.write(name, data)
    out = tmp_path / "sync.out"
    try:
        with _started(cli, out, "sync", "--once") as proc:
            assert wait_for(lambda: len(_temps(local)) == 2, timeout=60), out.read_text()
            code = _interrupt(proc, out)
        assert code == EXIT_INTERRUPTED, out.read_text()
        assert "syncing was stopped" in out.read_text()
        assert not any((local / name).exists() for name in films)
        assert _temps(local) == []
    finally:
        slow.release()
    assert cli.sync().code == 0
    assert all((local / name).read_bytes() == data for name, data in films.items())


def test_a_second_ctrl_c_exits_at_once_even_when_the_server_stopped_sending(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    """A server that sends nothing more leaves no chunk at which to stop: the second
    Ctrl-C does not wait for it.  The temp file it leaves is removed by the next pass."""
    local = synced_tree(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, "film.bin")
    slow.every_s = 3600.0  # 64 KiB, then nothing
    data = os.urandom(4 * MiB)
    wsgidav_server.write("film.bin", data)
    out = tmp_path / "run.out"
    try:
        with _started(cli, out, "run") as proc:
            assert wait_for(lambda: _temp_bytes(local) > 0, timeout=60), out.read_text()
            proc.send_signal(signal.SIGINT)
            assert wait_for(lambda: "again to quit at once" in out.read_text())
            code = _interrupt(proc, out)
        assert code == EXIT_INTERRUPTED, out.read_text()
        assert not (local / "film.bin").exists()
    finally:
        slow.release()
    assert cli.sync().code == 0
    assert (local / "film.bin").read_bytes() == data
    assert _temps(local) == []


def test_one_ctrl_c_stops_run_even_when_the_server_stopped_sending(
    tmp_path: Path, cli: Cli, wsgidav_server: WsgiDavServer
):
    """No chunk to stop at: after its grace (2 s) the process leaves without the stalled
    transfer, as a stop that unwound would (exit 0, "Stopped."), no partial file there."""
    local = synced_tree(tmp_path, cli, wsgidav_server)
    slow = slow_down(wsgidav_server, "film.bin")
    slow.every_s = 3600.0  # 64 KiB, then nothing
    data = os.urandom(4 * MiB)
    wsgidav_server.write("film.bin", data)
    out = tmp_path / "run.out"
    try:
        with _started(cli, out, "run") as proc:
            assert wait_for(lambda: _temp_bytes(local) > 0, timeout=60), out.read_text()
            code = _interrupt(proc, out)  # once
        assert code == 0, out.read_text()
        said = out.read_text()
        assert "the server does not answer: stopped without waiting for it" in said
        assert said.rstrip().endswith("Stopped.")
        assert not (local / "film.bin").exists()
    finally:
        slow.release()
    assert cli.sync().code == 0
    assert (local / "film.bin").read_bytes() == data
    assert _temps(local) == []


def _wait_until_still(root: Path, quiet_s: float = 0.5, timeout: float = 20.0) -> None:
    """Until the server's temps stop growing (it finished reading a cut body)."""
    deadline = time.monotonic() + timeout
    last, since = _temp_bytes(root), time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - since < quiet_s:
        time.sleep(0.05)
        now = _temp_bytes(root)
        if now != last:
            last, since = now, time.monotonic()
