"""A drip-feeding server through the engine (issue 13, item 7): the pass ends with a
clear error instead of waiting for ever, writes no partial file and loses nothing; the
next pass against a sane server catches up.  WsgiDAV behind the middleware of
``tests/hostile_server.py``, or behind the chaos proxy (``tests/chaos/proxy.py``) for a
dripped status line and headers; the minimum rate's window is shortened to 0.3 s."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cozysync.remotes.answer_guard import MinimumRate
from cozysync.remotes.http import SlowServerError, build_client
from cozysync.remotes.webdav import WebDavRemote
from cozysync.sync.engine import SyncEngine
from tests.chaos.proxy import ChaosProxy, FaultSchedule, ProxyFault
from tests.engine.crash_helpers import temp_files
from tests.engine.real_engine import real_engine
from tests.hostile_server import hostile
from tests.servers import WsgiDavServer


@pytest.fixture
def engine(tmp_path: Path, wsgidav_server: WsgiDavServer) -> Iterator[SyncEngine]:
    yield from engine_on(tmp_path, wsgidav_server, wsgidav_server.url)


@pytest.fixture
def proxy(wsgidav_server: WsgiDavServer) -> Iterator[ChaosProxy]:
    upstream = urlsplit(wsgidav_server.url).port
    assert upstream is not None
    with ChaosProxy(upstream, FaultSchedule(seed=0)) as running:
        yield running


@pytest.fixture
def proxied_engine(
    tmp_path: Path, wsgidav_server: WsgiDavServer, proxy: ChaosProxy
) -> Iterator[SyncEngine]:
    yield from engine_on(tmp_path, wsgidav_server, proxy.url)


def engine_on(tmp_path: Path, wsgidav_server: WsgiDavServer, url: str) -> Iterator[SyncEngine]:
    root = tmp_path / "local"
    root.mkdir()
    client = build_client(url=url, min_rate=MinimumRate(window_s=0.3))
    remote = WebDavRemote(url, wsgidav_server.user, wsgidav_server.password, client=client)
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


def test_a_dripped_head_ends_the_pass_with_a_clear_error_and_loses_nothing(
    proxied_engine: SyncEngine, wsgidav_server: WsgiDavServer, proxy: ChaosProxy
):
    root = proxied_engine.local.root
    wsgidav_server.write("lent.txt", b"x" * 60)
    (root / "mien.txt").write_text("écrit ici\n", encoding="utf-8")
    # the status line and headers of the GET, a byte every 50 ms (7 s or more for them all)
    proxy.schedule.forced.append(("GET", "/lent.txt", ProxyFault("drip-head", delay=0.05)))

    started = time.monotonic()
    with pytest.raises(SlowServerError) as caught:
        proxied_engine.sync_once()
    elapsed = time.monotonic() - started

    assert "sends too slowly (under 1 KiB/s for 0.3 s)" in caught.value.title
    assert elapsed < 4
    assert not (root / "lent.txt").exists()
    assert temp_files(root) == []
    assert (root / "mien.txt").read_text(encoding="utf-8") == "écrit ici\n"

    assert proxied_engine.sync_once().in_sync  # the proxy drips no more

    assert (root / "lent.txt").read_bytes() == b"x" * 60
    assert (wsgidav_server.root / "mien.txt").read_text(encoding="utf-8") == "écrit ici\n"
    assert proxy.schedule.counts["proxy:drip-head"] == 1
