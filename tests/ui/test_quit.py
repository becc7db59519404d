"""The tray's Quit stops the engine within seconds whatever is in flight (real Qt
offscreen, a WsgiDAV server slowed on purpose: 320 KiB/s, so a 16 MiB transfer takes
about 50 s); no thread is left behind (the autouse guards check it) and nothing partial
stays at the target.  "Sync now", unlike Quit, never cuts a transfer short."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cozysync_ui.itemmodels.sync_state import State
from tests.servers import WsgiDavServer
from tests.slow_bodies import slow_down

MiB = 1 << 20
TIMEOUT_MS = 60_000
QUIT_BOUND_S = 10.0  # generous for a busy CI machine; bench/stop_latency.py measures it


def _temp_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob(".cozysync-*.tmp") if p.is_file())


def test_quit_during_a_slow_download_returns_within_seconds(
    qtbot, make_app, local_dir: Path, wsgidav_server: WsgiDavServer
):
    slow = slow_down(wsgidav_server, "film.bin")
    try:
        wsgidav_server.write("film.bin", os.urandom(16 * MiB))
        app = make_app()
        qtbot.addWidget(app.window)
        qtbot.waitUntil(lambda: _temp_bytes(local_dir) > 0, timeout=TIMEOUT_MS)

        started = time.monotonic()
        app.quit()
        took = time.monotonic() - started

        assert took < QUIT_BOUND_S, f"Quit took {took:.1f} s"
        assert app.controller.runners.running() == []
        assert not (local_dir / "film.bin").exists()
        assert _temp_bytes(local_dir) == 0 and not list(local_dir.rglob(".cozysync-*.tmp"))
    finally:
        slow.release()


def test_quit_during_a_slow_upload_returns_within_seconds(
    qtbot, make_app, local_dir: Path, wsgidav_server: WsgiDavServer
):
    slow = slow_down(wsgidav_server, ".cozysync-")  # the upload's temp on the server
    try:
        (local_dir / "film.bin").write_bytes(os.urandom(16 * MiB))
        app = make_app()
        qtbot.addWidget(app.window)
        qtbot.waitUntil(lambda: _temp_bytes(wsgidav_server.root) > 0, timeout=TIMEOUT_MS)

        started = time.monotonic()
        app.quit()
        took = time.monotonic() - started

        assert took < QUIT_BOUND_S, f"Quit took {took:.1f} s"
        assert app.controller.runners.running() == []
        assert not (wsgidav_server.root / "film.bin").exists()
    finally:
        slow.release()


def test_quit_returns_within_seconds_even_when_the_server_stopped_sending(
    qtbot, make_app, local_dir: Path, wsgidav_server: WsgiDavServer
):
    """No chunk to stop at: Quit waits 2 s for the engine, then leaves without it."""
    slow = slow_down(wsgidav_server, "film.bin")
    slow.every_s = 3600.0  # 64 KiB, then nothing
    try:
        wsgidav_server.write("film.bin", os.urandom(4 * MiB))
        app = make_app()
        qtbot.addWidget(app.window)
        qtbot.waitUntil(lambda: _temp_bytes(local_dir) > 0, timeout=TIMEOUT_MS)

        started = time.monotonic()
        app.quit()
        took = time.monotonic() - started

        assert took < QUIT_BOUND_S, f"Quit took {took:.1f} s"
        assert not (local_dir / "film.bin").exists()
    finally:
        slow.release()  # the left thread then ends (the autouse guard waits for it)


def test_sync_now_during_an_upload_lets_it_finish_then_makes_a_full_pass(
    qtbot, make_app, local_dir: Path, wsgidav_server: WsgiDavServer
):
    slow = slow_down(wsgidav_server, ".cozysync-")
    slow.every_s = 0.05  # 1.25 MiB/s: 4 MiB in about 3 s
    faults = wsgidav_server.faults
    assert faults is not None
    try:
        app = make_app()
        qtbot.addWidget(app.window)
        qtbot.waitUntil(
            lambda: app.controller.state.overall() is State.UP_TO_DATE, timeout=TIMEOUT_MS
        )
        faults.clear()  # the requests seen from now on
        data = os.urandom(4 * MiB)
        (local_dir / "film.bin").write_bytes(data)
        qtbot.waitUntil(lambda: _temp_bytes(wsgidav_server.root) > 0, timeout=TIMEOUT_MS)

        app.controller.sync_now()

        film = wsgidav_server.root / "film.bin"
        qtbot.waitUntil(lambda: film.exists() and film.read_bytes() == data, timeout=TIMEOUT_MS)
        puts = [
            path
            for method, path in faults.seen
            if method == "PUT" and "cozysync-" in path and "probe" not in path
        ]
        assert len(puts) == 1, puts  # sent once: Sync now did not cut it and start again
        assert app.controller.runners.running() == ["docs"]
    finally:
        slow.release()
