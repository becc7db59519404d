"""A drip-feeding server through the engine (issue 13, item 7): the pass ends with a
clear error instead of waiting for ever, writes no partial file and loses nothing; the
next pass against a sane server catches up.  WsgiDAV behind the middleware of
``tests/hostile_server.py``; the minimum rate's window is shortened to 0.3 s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cozysync.remotes.answer_guard import MinimumRate
from cozysync.remotes.http import SlowServerError, build_client
from cozysync.remotes.webdav import WebDavRemote
from cozysync.sync.engine import SyncEngine
from tests.engine.crash_helpers import temp_files
from tests.engine.real_engine import real_engine
from tests.hostile_server import hostile
from tests.servers import WsgiDavServer


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    root = tmp_path / "local"
    root.mkdir()
    client = build_client(url=wsgidav_server.url, min_rate=MinimumRate(window_s=0.3))
    remote = WebDavRemote(
        wsgidav_server.url, wsgidav_server.user, wsgidav_server.password, client=client
    )
    try:
        with real_engine(tmp_path, wsgidav_server, remote=remote) as engine:
            yield engine
    finally:
        client.close()


def test_a_drip_fed_download_ends_the_pass_with_a_clear_error_and_loses_nothing(
    engine: SyncEngine, wsgidav_server: WsgiDavServer
):
    root = engine.local.root
    wsgidav_server.write("lent.txt", b"x" * 60)
    (root / "mien.txt").write_text("écrit ici\n", encoding="utf-8")
    drips = hostile(wsgidav_server)
    drips.drip("GET", "/lent.txt", every_s=0.05, times=100)  # 20 bytes/s: 3 s for it all

    with pytest.raises(SlowServerError) as caught:
        engine.sync_once()

    assert "sends too slowly (under 1 KiB/s for 0.3 s)" in caught.value.title
    assert not (root / "lent.txt").exists()
    assert temp_files(root) == []
    assert (root / "mien.txt").read_text(encoding="utf-8") == "écrit ici\n"

    drips.calm()
    assert engine.sync_once().in_sync

    assert (root / "lent.txt").read_bytes() == b"x" * 60
    assert (wsgidav_server.root / "mien.txt").read_text(encoding="utf-8") == "écrit ici\n"
