"""An upload's final MOVE whose answer is lost: the connection reset after the server
moved the temp into place (``reset-after``), or before the server saw the request
(``reset-before``, as on a kept-alive connection the server had already closed).  Either
way the upload ends with the file in place exactly once and no temp left, without a new
PUT.  An upload cut short whose temp could not be deleted hands the temp over, to be
deleted at a later pass.  The faults come from the chaos proxy (``tests/chaos/proxy.py``)
between the client and a real WsgiDAV."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from cozysync.errors import QuotaExceededError, ServerError
from cozysync.remotes.webdav import WebDavRemote
from tests.chaos.proxy import ChaosProxy, FaultSchedule, ProxyFault
from tests.remotes.helpers import RecordingClock, no_leftovers, source
from tests.servers import WsgiDavServer


@pytest.fixture
def proxy(wsgidav_server: WsgiDavServer) -> Iterator[ChaosProxy]:
    upstream = urlsplit(wsgidav_server.url).port
    assert upstream is not None
    with ChaosProxy(upstream, FaultSchedule(seed=0)) as running:
        yield running


@pytest.fixture
def remote(wsgidav_server: WsgiDavServer, proxy: ChaosProxy) -> Iterator[WebDavRemote]:
    wsgidav_server.write("a/old.txt", b"old")
    remote = WebDavRemote(
        proxy.url, wsgidav_server.user, wsgidav_server.password, clock=RecordingClock(),
        timeout=20,
    )  # fmt: skip
    yield remote
    remote.close()


def force(proxy: ChaosProxy, method: str, target: str, kind: str, status: int = 0) -> None:
    proxy.schedule.forced.append((method, target, ProxyFault(kind, status=status)))


def puts(wsgidav_server: WsgiDavServer) -> int:
    assert wsgidav_server.faults is not None
    return sum(1 for method, _path in wsgidav_server.faults.seen if method == "PUT")


@pytest.mark.parametrize("kind", ["reset-after", "reset-before"])
def test_a_lost_answer_to_the_final_move_still_ends_the_upload(wsgidav_server, proxy, remote,
                                                                kind):  # fmt: skip
    assert wsgidav_server.faults is not None
    wsgidav_server.faults.clear()
    force(proxy, "MOVE", r"/\.cozysync-", kind)
    with no_leftovers(wsgidav_server):
        state = remote.upload(
            "a/new.txt", source(b"new bytes"), 9, replace=None, mtime=None, content_hash=None,
            progress=None,
        )  # fmt: skip
    assert proxy.schedule.log == [f"{kind} MOVE {proxy.schedule.log[0].split()[2]} (forced)"]
    assert state.size == 9
    assert (wsgidav_server.root / "a/new.txt").read_bytes() == b"new bytes"
    assert puts(wsgidav_server) == 1  # the bytes were sent once
    moves = [p for m, p in wsgidav_server.faults.seen if m == "MOVE"]
    assert len(moves) == 1  # reset-after: the MOVE was done; reset-before: only the resend


def test_a_lost_answer_when_replacing_a_file_keeps_the_new_bytes_once(wsgidav_server, proxy,
                                                                      remote):  # fmt: skip
    old = remote.stat("a/old.txt")
    assert old is not None
    force(proxy, "MOVE", r"/\.cozysync-", "reset-after")
    with no_leftovers(wsgidav_server):
        state = remote.upload(
            "a/old.txt", source(b"replaced"), 8, replace=old, mtime=None, content_hash=None,
            progress=None,
        )  # fmt: skip
    assert state.size == 8
    assert (wsgidav_server.root / "a/old.txt").read_bytes() == b"replaced"


def test_a_server_failing_after_the_lost_answer_is_an_error_and_the_old_file_stays(
    wsgidav_server, proxy, remote
):
    force(proxy, "MOVE", r"/\.cozysync-", "reset-before")
    original_next = proxy.schedule.next

    def go_down_after_reset(method: str, target: str) -> ProxyFault | None:
        fault = original_next(method, target)
        if fault is not None:
            proxy.schedule.forced.extend(
                ("PROPFIND", ".", ProxyFault("status", status=503)) for _ in range(20)
            )
        return fault

    proxy.schedule.next = go_down_after_reset  # type: ignore[method-assign]
    with no_leftovers(wsgidav_server), pytest.raises(ServerError, match="HTTP 503"):
        remote.upload(
            "a/old.txt", source(b"never"), 5, replace=remote.stat("a/old.txt"), mtime=None,
            content_hash=None, progress=None,
        )  # fmt: skip
    assert (wsgidav_server.root / "a/old.txt").read_bytes() == b"old"


def _cut_upload_with_undeletable_temp(proxy: ChaosProxy, remote: WebDavRemote) -> None:
    """The final MOVE refused (507, not retried) and the temp's DELETE refused too."""
    force(proxy, "MOVE", r"/\.cozysync-", "status", 507)
    force(proxy, "DELETE", r"/\.cozysync-", "status", 507)
    with pytest.raises(QuotaExceededError):
        remote.upload(
            "a/new.txt", source(b"new bytes"), 9, replace=None, mtime=None, content_hash=None,
            progress=None,
        )  # fmt: skip


def test_a_cut_upload_whose_temp_stays_hands_it_over_once(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, remote: WebDavRemote
) -> None:
    _cut_upload_with_undeletable_temp(proxy, remote)
    left = [p.name for p in (wsgidav_server.root / "a").iterdir() if p.name.startswith(".")]
    assert len(left) == 1
    assert remote.take_abandoned_temps() == {f"a/{left[0]}"}
    assert remote.take_abandoned_temps() == set()  # handed over once
    assert not (wsgidav_server.root / "a/new.txt").exists()


def test_abandoned_temps_are_deleted_whatever_their_age_and_nothing_else(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, remote: WebDavRemote
) -> None:
    _cut_upload_with_undeletable_temp(proxy, remote)
    temps = remote.take_abandoned_temps()
    with no_leftovers(wsgidav_server):
        left = remote.delete_abandoned_temps(sorted(temps | {"a/old.txt", "a/gone.cozysync"}))
    assert left == set()
    assert (wsgidav_server.root / "a/old.txt").read_bytes() == b"old"  # not a temp: kept
    assert remote.delete_abandoned_temps(sorted(temps)) == set()  # gone already: done


def test_abandoned_temps_are_kept_while_the_server_cannot_be_reached(
    wsgidav_server: WsgiDavServer, proxy: ChaosProxy, remote: WebDavRemote
) -> None:
    _cut_upload_with_undeletable_temp(proxy, remote)
    temps = remote.take_abandoned_temps()
    proxy.go_down()
    assert remote.delete_abandoned_temps(sorted(temps)) == temps
    proxy.come_up()
    with no_leftovers(wsgidav_server):
        assert remote.delete_abandoned_temps(sorted(temps)) == set()
