"""Servers that drip an answer's status line and headers (issue 13, item 7): no response
hook sees them, so the minimum rate is kept on the connection itself
(``remotes/network_guard.py``).  The chaos proxy (``tests/chaos/proxy.py``, forced
``drip-head``) between the client and a real WsgiDAV sends a head one byte every 50 ms
(20 bytes/s; a WsgiDAV head takes 7 s or more); the window is shortened to 0.5 s."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpcore
import httpx
import pytest

from cozysync.remotes.answer_guard import MinimumRate
from cozysync.remotes.http import SlowServerError, build_client
from cozysync.remotes.network_guard import guard_connections, is_guarded
from cozysync.remotes.webdav import WebDavRemote
from tests.chaos.proxy import ChaosProxy, FaultSchedule, ProxyFault
from tests.remotes.helpers import RecordingClock
from tests.servers import WsgiDavServer

QUICK = MinimumRate(window_s=0.5)  # the default rate (1 KiB/s), over 0.5 s of waiting
DRIP_S = 0.05
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
              "http_proxy", "https_proxy", "all_proxy", "no_proxy")  # fmt: skip


@pytest.fixture
def proxy(wsgidav_server: WsgiDavServer) -> Iterator[ChaosProxy]:
    upstream = urlsplit(wsgidav_server.url).port
    assert upstream is not None
    with ChaosProxy(upstream, FaultSchedule(seed=0)) as running:
        yield running


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def remote(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, no_proxy_env: None
) -> Iterator[WebDavRemote]:
    client = build_client(url=proxy.url, min_rate=QUICK)
    remote = WebDavRemote(proxy.url, wsgidav_server.user, wsgidav_server.password, client=client)
    try:
        yield remote
    finally:
        remote.close()
        client.close()


def drip_head(proxy: ChaosProxy, method: str, target: str, every_s: float = DRIP_S) -> None:
    proxy.schedule.forced.append((method, target, ProxyFault("drip-head", delay=every_s)))


def test_a_listing_whose_head_is_dripped_is_stopped_under_the_minimum_rate(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, remote: WebDavRemote
):
    wsgidav_server.write("a.txt", b"abc")
    drip_head(proxy, "PROPFIND", "^/$")

    started = time.monotonic()
    with pytest.raises(SlowServerError) as caught:
        remote.list_tree()

    assert time.monotonic() - started < 4
    assert caught.value.title == (
        "the server at 127.0.0.1 sends too slowly (under 1 KiB/s for 0.5 s): the transfer "
        "was stopped; it will be tried again"
    )
    assert proxy.schedule.counts["proxy:drip-head"] == 1  # not asked again at once
    assert [item.path for item in remote.list_tree()] == ["a.txt"]  # the next try is served


def test_a_download_whose_head_is_dripped_is_stopped_and_nothing_is_written(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, remote: WebDavRemote
):
    wsgidav_server.write("lent.txt", b"x" * 60)
    [listed] = remote.list_tree()
    drip_head(proxy, "GET", "/lent.txt")
    sink = bytearray()

    started = time.monotonic()
    with pytest.raises(SlowServerError, match="sends too slowly"):
        remote.download("lent.txt", _Sink(sink), expected=listed, progress=None)

    assert time.monotonic() - started < 4
    assert sink == b""


def test_a_steady_server_that_thinks_before_its_head_is_not_stopped(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, remote: WebDavRemote
):
    data = bytes(range(256)) * 4096  # 1 MiB
    wsgidav_server.write("gros.bin", data)
    proxy.schedule.forced.append(("PROPFIND", "^/$", ProxyFault("delay", delay=0.25)))
    proxy.schedule.forced.append(("GET", "/gros.bin", ProxyFault("delay", delay=0.25)))
    sink = bytearray()

    [listed] = remote.list_tree()  # 0.25 s of silence: under the 0.5 s window
    state = remote.download("gros.bin", _Sink(sink), expected=listed, progress=None)
    drip_head(proxy, "GET", "/gros.bin")
    with pytest.raises(SlowServerError):  # the same client stops a dripped head
        remote.download("gros.bin", _Sink(bytearray()), expected=listed, progress=None)

    assert proxy.schedule.counts["proxy:delay"] == 2
    assert state.size == len(data) and sink == data


def test_a_head_dripped_through_an_http_proxy_is_stopped_too(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, monkeypatch: pytest.MonkeyPatch
):
    # the chaos proxy as a forward proxy: it passes GET http://host/a.txt on as GET /a.txt
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", proxy.url)
    drip_head(proxy, "GET", "/a.txt$")
    wsgidav_server.write("a.txt", b"abc")
    auth = (wsgidav_server.user, wsgidav_server.password)

    with build_client(auth, url=wsgidav_server.url, min_rate=QUICK) as client:
        assert isinstance(client._transport_for_url(httpx.URL(wsgidav_server.url))._pool,  # type: ignore[attr-defined]
                          httpcore.HTTPProxy)  # fmt: skip
        started = time.monotonic()
        with pytest.raises(httpx.TransportError, match="sends under 1 KiB/s"):
            client.get(wsgidav_server.url + "a.txt")
        elapsed = time.monotonic() - started
        assert client.get(wsgidav_server.url + "a.txt").content == b"abc"  # through the proxy

    assert elapsed < 4
    assert proxy.schedule.counts["proxy:drip-head"] == 1 and proxy.requests == 2


class _DripClock(RecordingClock):
    """Each read of the network stream waits ``per_read_s``: the guard reads the clock
    before and after it, and time passes between the two."""

    def __init__(self, per_read_s: float) -> None:
        super().__init__()
        self.per_read_s, self.calls = per_read_s, 0

    def monotonic(self) -> float:
        self.calls += 1
        if self.calls % 2 == 0:
            self.offset += self.per_read_s
        return super().monotonic()


def test_a_head_sent_a_byte_every_59_s_is_stopped_after_two_minutes_not_68_days():
    head = b"HTTP/1.1 207 Multi-Status\r\nContent-Length: 0\r\n\r\n"
    backend = httpcore.MockBackend([head[i : i + 1] for i in range(len(head))])
    clock = _DripClock(per_read_s=59.0)  # under the 60 s read timeout each time
    client = httpx.Client(transport=httpx.HTTPTransport())
    client._transport._pool._network_backend = backend  # type: ignore[attr-defined]
    guard_connections(client, MinimumRate(), clock)  # the default: 1 KiB/s over 60 s

    with client, pytest.raises(httpx.TransportError, match="sends under 1 KiB/s for 60 s"):
        client.request("PROPFIND", "http://cloud.example/dav/")

    assert clock.offset == pytest.approx(2 * 59.0)  # the second byte ends it


class _Sink:
    def __init__(self, data: bytearray) -> None:
        self.data = data

    def write(self, data: bytes) -> int:
        self.data += data
        return len(data)


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"HTTP_PROXY": "http://proxy.example:3128"},
        {"HTTPS_PROXY": "https://proxy.example:443", "NO_PROXY": "cloud.example"},
    ],
)
def test_every_connection_pool_of_the_client_is_guarded(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
):
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with build_client(url="https://cloud.example/dav/") as client:
        assert len(client._mounts) == len(env)  # a mount per proxy or exempt host
        assert is_guarded(client)


def test_a_tls_handshake_dripped_by_the_server_is_stopped(no_proxy_env: None) -> None:
    """The handshake's reads happen inside ``ssl``: a server that answers the client's
    hello one byte every 50 ms is cut after one window, as a too slow answer."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    done = threading.Event()

    def drip() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(4096)  # the client's hello
            try:
                conn.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record of 16 KiB...
                while not done.is_set():
                    conn.sendall(b"\x00")  # ... whose bytes come one every 50 ms
                    time.sleep(DRIP_S)
            except OSError:
                return

    server = threading.Thread(target=drip, daemon=True)
    server.start()
    client = build_client(url=f"https://127.0.0.1:{port}/", min_rate=QUICK)
    started = time.monotonic()
    try:
        with pytest.raises(SlowServerError):
            remote = WebDavRemote(f"https://127.0.0.1:{port}/", "u", "p", client=client)
            remote.stat("x")
        assert time.monotonic() - started < 4
    finally:
        done.set()
        client.close()
        listener.close()
        server.join(5)
