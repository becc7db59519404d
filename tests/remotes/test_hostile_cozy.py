"""Hostile servers at the HTTP layer, Cozy side (issue 13, items 6 and 7): the Cozy
Stack double (``tests/cozy_server.py``) behind the middleware of
``tests/hostile_server.py``: a gzip-bombed download and JSON answer, a dripped feed."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from cozysync.errors import IntegrityError, ProtocolError
from cozysync.remotes.answer_guard import MinimumRate
from cozysync.remotes.cozy import CozyRemote
from cozysync.remotes.http import SlowServerError, build_client
from tests.cozy_server import CozyAccount, CozyUser
from tests.hostile_server import Hostile, hostile_cozy
from tests.keyring_session import real_keyring  # noqa: F401
from tests.remotes.test_hostile_server import peak_traced_mib

MIB = 1 << 20


@pytest.fixture
def bombs(cozy_account: CozyAccount) -> Hostile:
    return hostile_cozy(cozy_account.server)


def connect(account: CozyAccount, rate: MinimumRate | None = None) -> Iterator[CozyRemote]:
    client = build_client(min_rate=rate)
    remote = account.remote(client=client, timeout=20)
    try:
        yield remote
    finally:
        remote.close()
        client.close()


@pytest.fixture
def remote(cozy_account: CozyAccount) -> Iterator[CozyRemote]:
    yield from connect(cozy_account)


@pytest.fixture
def quick_remote(cozy_account: CozyAccount) -> Iterator[CozyRemote]:
    yield from connect(cozy_account, MinimumRate(window_s=0.3))


def test_a_gzip_bomb_download_from_cozy_is_cut_at_the_doc_size_and_nothing_is_written(
    cozy_user: CozyUser, bombs: Hostile, remote: CozyRemote
):
    cozy_user.write("/petit.txt", b"0123456789")
    [listed] = [item for item in remote.list_tree() if item.path == "petit.txt"]
    bombs.gzip_bomb("GET", "/files/download/", size=256 * MIB)
    sink = io.BytesIO()

    with pytest.raises(IntegrityError) as caught:
        remote.download("petit.txt", sink, expected=listed, progress=None)

    assert bombs.answered == 1
    assert caught.value.title == (
        "your Cozy sent more than the 10 bytes it announced for 'petit.txt'; nothing was written"
    )
    assert sink.getvalue() == b""


def test_a_gzip_bombed_json_answer_is_refused_at_32_mib(bombs: Hostile, remote: CozyRemote):
    bombs.gzip_bomb(
        "GET", "/files/_changes", size=256 * MIB, prefix=b'{"results": [{"id": "',
        filler=b"a", status="200 OK", times=10,
    )  # fmt: skip

    peak, raised = peak_traced_mib(remote.list_tree)

    assert isinstance(raised, ProtocolError), raised
    assert raised.title.endswith("larger than 32 MiB; it was not read")
    assert bombs.answered == 1
    assert peak < 48, f"{peak:.1f} MiB"


def test_a_drip_fed_json_answer_is_stopped_under_the_minimum_rate(
    cozy_user: CozyUser, bombs: Hostile, quick_remote: CozyRemote
):
    for i in range(8):
        cozy_user.write(f"/f{i}.txt", b"x")
    bombs.drip("GET", "/files/", every_s=0.05, step=16, times=10)  # 320 bytes/s

    with pytest.raises(SlowServerError, match=r"sends too slowly \(under 1 KiB/s for 0.3 s\)"):
        quick_remote.list_tree()

    assert bombs.answered == 1
