"""Hostile servers at the HTTP layer (issue 13, items 6 and 7): gzip bombs sent though
the client asked for ``identity``, and servers that drip their answers.  WsgiDAV on
127.0.0.1 behind the middleware of ``tests/hostile_server.py``.

The memory figures under a 1 GiB bomb come from ``python -m bench.gzip_bomb``; here a
256 MiB one and tracemalloc, so the tests stay fast.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from cozysync.errors import IntegrityError, ProtocolError
from cozysync.remotes.answer_guard import MinimumRate
from cozysync.remotes.http import SlowServerError, build_client
from cozysync.remotes.webdav import WebDavRemote
from cozysync.remotes.webdav_base import LISTING_TOKEN_MAX
from tests.hostile_server import Hostile, hostile
from tests.servers import WsgiDavServer

MIB = 1 << 20
# A whole-tree answer up to LISTING_TOKEN_MAX is held to be fingerprinted before it is
# parsed (webdav_base): that, and a few MiB of pieces and parser.
LISTING_PEAK_MIB = LISTING_TOKEN_MAX / MIB + 4
QUICK = MinimumRate(window_s=0.3)  # the default rate (1 KiB/s), over 0.3 s of waiting
MULTISTATUS_HEAD = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:"><d:response><d:href>/'
)
MULTISTATUS_TAIL = (
    b"</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype>"
    b"</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
    b"</d:multistatus>"
)


@pytest.fixture
def bombs(wsgidav_server: WsgiDavServer) -> Hostile:
    return hostile(wsgidav_server)


def connect(server: WsgiDavServer, rate: MinimumRate | None = None) -> Iterator[WebDavRemote]:
    client = build_client(url=server.url, min_rate=rate)
    remote = WebDavRemote(server.url, server.user, server.password, client=client)
    try:
        yield remote
    finally:
        client.close()


@pytest.fixture
def remote(wsgidav_server: WsgiDavServer) -> Iterator[WebDavRemote]:
    yield from connect(wsgidav_server)


@pytest.fixture
def quick_remote(wsgidav_server: WsgiDavServer) -> Iterator[WebDavRemote]:
    yield from connect(wsgidav_server, QUICK)


def peak_traced_mib(call: object) -> tuple[float, BaseException | None]:
    """Peak of Python allocations during ``call()`` (the server thread's included)."""
    assert callable(call)
    tracemalloc.start()
    raised: BaseException | None = None
    try:
        call()
    except Exception as exc:
        raised = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / MIB, raised


# --- every request asks for no compression ----------------------------------------------


def test_every_request_asks_for_an_uncompressed_answer(wsgidav_server: WsgiDavServer):
    seen: list[str | None] = []

    def note(app):
        def middleware(environ, start_response):
            seen.append(environ.get("HTTP_ACCEPT_ENCODING"))
            return app(environ, start_response)

        return middleware

    assert wsgidav_server.faults is not None
    wsgidav_server.faults.app = note(wsgidav_server.faults.app)
    wsgidav_server.write("a.txt", b"abc")
    for remote in connect(wsgidav_server):
        [item] = remote.list_tree()
        remote.download("a.txt", _Sink(), expected=item, progress=None)

    assert seen and set(seen) == {"identity"}


# --- decompression bombs ------------------------------------------------------------------


def test_a_gzip_bomb_download_is_cut_at_the_announced_size_and_nothing_is_written(
    wsgidav_server: WsgiDavServer, bombs: Hostile, remote: WebDavRemote, tmp_path: Path
):
    wsgidav_server.write("petit.txt", b"0123456789")
    [listed] = remote.list_tree()
    bombs.gzip_bomb("GET", "/petit.txt", size=256 * MIB)  # zeros, sent gzip anyway
    target = tmp_path / "download"

    with target.open("wb") as sink, pytest.raises(IntegrityError) as caught:
        remote.download("petit.txt", sink, expected=listed, progress=None)

    assert bombs.answered == 1
    assert caught.value.path == "petit.txt"
    assert caught.value.title == (
        "the server sent more than the 10 bytes it announced for 'petit.txt'; nothing was written"
    )
    assert target.stat().st_size == 0


def test_a_gzip_bombed_listing_is_refused_with_memory_bounded(bombs: Hostile, remote: WebDavRemote):
    bombs.gzip_bomb(
        "PROPFIND", "/", size=256 * MIB, prefix=MULTISTATUS_HEAD, filler=b"a",
        suffix=MULTISTATUS_TAIL, times=10,
    )  # fmt: skip  # one href inflating to 256 MiB

    peak, raised = peak_traced_mib(remote.list_tree)

    assert isinstance(raised, ProtocolError), raised
    assert raised.title == "the server sent a listing cozysync cannot read"
    assert raised.hint == "One of its texts is longer than 64 KiB."
    assert bombs.answered == 1  # not asked again at once
    assert peak < LISTING_PEAK_MIB, f"{peak:.1f} MiB"


def test_a_gzip_bombed_folder_listing_is_parsed_as_it_streams_in_a_few_mib(
    wsgidav_server: WsgiDavServer, bombs: Hostile, remote: WebDavRemote
):
    (wsgidav_server.root / "dossier").mkdir(parents=True)
    bombs.gzip_bomb(
        "PROPFIND", "/dossier", size=256 * MIB, prefix=MULTISTATUS_HEAD, filler=b"a",
        suffix=MULTISTATUS_TAIL,
    )  # fmt: skip

    peak, raised = peak_traced_mib(lambda: remote.list_below("dossier"))

    assert isinstance(raised, ProtocolError), raised
    assert raised.hint == "One of its texts is longer than 64 KiB."
    assert peak < 4, f"{peak:.1f} MiB"


def test_a_listed_item_over_one_mib_is_refused_as_it_streams(bombs: Hostile, remote: WebDavRemote):
    # no text to collect: one property holding empty elements, endlessly
    head = MULTISTATUS_HEAD + b"</d:href><d:propstat><d:prop><d:junk>"
    bombs.gzip_bomb("PROPFIND", "/", size=256 * MIB, prefix=head, filler=b"<d:x/>", times=10)

    peak, raised = peak_traced_mib(remote.list_tree)

    assert isinstance(raised, ProtocolError), raised
    assert raised.hint == "One listed item takes more than 1 MiB; it was not read."
    assert peak < LISTING_PEAK_MIB, f"{peak:.1f} MiB"


def test_an_answer_read_whole_is_capped_though_gzip_bombed(
    wsgidav_server: WsgiDavServer, bombs: Hostile, remote: WebDavRemote
):
    wsgidav_server.write("a.txt", b"abc")
    # a MOVE's multistatus is read whole (as a Cozy JSON answer is)
    bombs.gzip_bomb("MOVE", "/a.txt", size=256 * MIB, prefix=b"<", filler=b"a", times=10)

    peak, raised = peak_traced_mib(lambda: remote.move("a.txt", "b.txt", expected=None))

    assert isinstance(raised, ProtocolError), raised
    assert raised.title == (
        "the server at 127.0.0.1 sent an answer for 'a.txt' larger than 32 MiB; it was not read"
    )
    assert bombs.answered == 1
    assert peak < 48, f"{peak:.1f} MiB"


def test_an_answer_in_an_encoding_not_asked_for_and_not_known_is_refused(
    wsgidav_server: WsgiDavServer,
):
    def brotli(app):
        def middleware(environ, start_response):
            start_response("200 OK", [("Content-Encoding", "br"), ("Content-Length", "3")])
            return [b"\x0b\x01\x80"]

        return middleware

    assert wsgidav_server.faults is not None
    wsgidav_server.faults.app = brotli(wsgidav_server.faults.app)
    client = build_client(url=wsgidav_server.url)
    with client, pytest.raises(httpx.TransportError, match="encoded 'br'"):
        client.get(wsgidav_server.url + "x")


# --- drip-feeding servers -----------------------------------------------------------------


def test_a_drip_fed_download_is_stopped_under_the_minimum_rate_and_a_steady_one_is_not(
    wsgidav_server: WsgiDavServer, bombs: Hostile, quick_remote: WebDavRemote
):
    wsgidav_server.write("lent.txt", b"x" * 40)
    wsgidav_server.write("régulier.txt", b"y" * 1600)
    slow, steady = sorted(quick_remote.list_tree(), key=lambda item: item.path)
    bombs.drip("GET", "/lent.txt", every_s=0.05)  # 20 bytes/s: 2 s for the whole file
    bombs.drip("GET", "/r", every_s=0.05, step=80)  # 1.6 KiB/s, for 1 s

    with pytest.raises(SlowServerError) as caught:
        quick_remote.download("lent.txt", _Sink(), expected=slow, progress=None)
    sink = _Sink()
    state = quick_remote.download("régulier.txt", sink, expected=steady, progress=None)

    assert caught.value.title == (
        "the server at 127.0.0.1 sends too slowly (under 1 KiB/s for 0.3 s): the transfer "
        "was stopped; it will be tried again"
    )
    assert state.size == 1600 and bytes(sink.data) == b"y" * 1600


def test_a_drip_fed_listing_is_stopped_under_the_minimum_rate(
    wsgidav_server: WsgiDavServer, bombs: Hostile, quick_remote: WebDavRemote
):
    for i in range(4):
        wsgidav_server.write(f"f{i}.txt", b"x")
    bombs.drip("PROPFIND", "/", every_s=0.05, step=16, times=100)  # 320 bytes/s

    with pytest.raises(SlowServerError, match="sends too slowly"):
        quick_remote.list_tree()

    assert bombs.answered == 1  # not asked again at once: the next pass will


class _Sink:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, data: bytes) -> int:
        self.data += data
        return len(data)
